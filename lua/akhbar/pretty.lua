--- akhbar.pretty: printing results in a terminal (the shell and the CLI).
--
-- Two problems make Arabic results hard to read in a terminal:
--
-- 1. **Direction.**  A line such as `3  2015-09-18  rt  الكرملين: ...`
--    mixes left-to-right columns with right-to-left text.  Terminals that
--    implement the Unicode bidirectional algorithm (GNOME Terminal and
--    other VTE terminals, Konsole, mlterm, macOS Terminal) guess each
--    line's direction from its first strong letter, so a row whose first
--    letter is Arabic is mirrored as a whole and its columns swap sides.
--    Terminals that do not implement it (xterm, tmux, kitty, Alacritty,
--    WezTerm by default, Windows Terminal) print Arabic letters left to
--    right, i.e. backwards.
-- 2. **Width.**  Arabic combining marks (tashkeel) and the bidi controls
--    take no column, so byte or code point counts misalign tables.
--
-- What this module does, per `pretty.options.bidi` (environment
-- `AKHBAR_BIDI`):
--
-- * `"isolate"`: every right-to-left run (Arabic letters with the spaces,
--   punctuation and numbers between them) is wrapped in U+2067 RIGHT-TO-LEFT
--   ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, and a line that holds such
--   a run starts with U+200E LEFT-TO-RIGHT MARK.  A bidi terminal then lays
--   each Arabic run out right to left inside its own box while the line,
--   the columns and any Latin text stay left to right.  Terminals without
--   bidi ignore these zero-width characters.
-- * `"visual"`: the module reorders each right-to-left run itself (the
--   runs are found as in the bidi algorithm's rules for a left-to-right
--   paragraph: numbers inside a run keep their digit order, mirrored
--   brackets are swapped, combining marks stay on their letter), for
--   terminals that print code points strictly left to right.  Letters
--   are not shaped (joined): a terminal that does not do bidi usually
--   does not shape either, and isolated letter forms in the right order
--   read well enough.
-- * `"none"`: text is printed as it is (what a file or a pipe should get).
--
-- The default is `"none"` when standard output is not a terminal;
-- otherwise `"visual"` inside tmux, xterm, kitty, Alacritty, WezTerm,
-- iTerm2 and Windows Terminal (detected from their environment variables)
-- and `"isolate"` elsewhere.  Long text is folded to the terminal width
-- BEFORE reordering, so each screen line is a unit of its own and the
-- terminal never wraps (and so never scrambles) a right-to-left line.
--
--     local pretty = require "akhbar.pretty"
--     pretty.print(c:search("لافروف"))      -- drains the iterator into a table
--     print(pretty.bidi("قال لافروف (2015) in Moscow", "visual"))
-- @module akhbar.pretty
local pretty = {}

local concat, sort = table.concat, table.sort
local fmt = string.format

-- ------------------------------------------------------------ classes

local RLI, PDI, LRM = "\u{2067}", "\u{2069}", "\u{200E}"

-- Combining marks and format characters: no column of their own.
local function is_zero_width(cp)
  return (cp >= 0x0300 and cp <= 0x036F) or (cp >= 0x0610 and cp <= 0x061A)
    or (cp >= 0x064B and cp <= 0x065F) or cp == 0x0670
    or (cp >= 0x06D6 and cp <= 0x06DC) or (cp >= 0x06DF and cp <= 0x06E4)
    or (cp >= 0x06E7 and cp <= 0x06E8) or (cp >= 0x06EA and cp <= 0x06ED)
    or (cp >= 0x08D3 and cp <= 0x08FF) or (cp >= 0x200B and cp <= 0x200F)
    or (cp >= 0x202A and cp <= 0x202E) or (cp >= 0x2060 and cp <= 0x2069)
    or cp == 0xFEFF or (cp >= 0xFE00 and cp <= 0xFE0F) or cp == 0x061C or cp == 0xFDD0
end

local function is_wide(cp)
  return (cp >= 0x1100 and cp <= 0x115F) or (cp >= 0x2E80 and cp <= 0xA4CF and cp ~= 0x303F)
    or (cp >= 0xAC00 and cp <= 0xD7A3) or (cp >= 0xF900 and cp <= 0xFAFF)
    or (cp >= 0xFE30 and cp <= 0xFE4F) or (cp >= 0xFF00 and cp <= 0xFF60)
    or (cp >= 0xFFE0 and cp <= 0xFFE6) or (cp >= 0x1F300 and cp <= 0x1F64F)
    or (cp >= 0x1F900 and cp <= 0x1F9FF) or (cp >= 0x20000 and cp <= 0x3FFFD)
end

-- Bidi class, simplified: "R" strong right-to-left, "L" strong left-to-
-- right, "N" number (European or Arabic-Indic digit), "W" neutral (space,
-- punctuation), "M" combining mark (takes its letter's class).
local function class(cp)
  if cp < 0x80 then
    if (cp >= 0x41 and cp <= 0x5A) or (cp >= 0x61 and cp <= 0x7A) then return "L" end
    if cp >= 0x30 and cp <= 0x39 then return "N" end
    return "W"
  end
  if cp == 0xFDD0 then return "W" end -- PLACEHOLDER
  if is_zero_width(cp) and not (cp >= 0x200B and cp <= 0x200F) and cp ~= 0xFEFF then return "M" end
  if (cp >= 0x0660 and cp <= 0x0669) or (cp >= 0x06F0 and cp <= 0x06F9) then return "N" end
  if cp == 0x060C or cp == 0x066B or cp == 0x066C then return "W" end -- Arabic comma, separators
  if (cp >= 0x0590 and cp <= 0x08FF) or (cp >= 0xFB1D and cp <= 0xFDFF)
    or (cp >= 0xFE70 and cp <= 0xFEFE) or (cp >= 0x10800 and cp <= 0x10FFF)
    or (cp >= 0x1E800 and cp <= 0x1EFFF) or cp == 0x200F then
    return "R"
  end
  if (cp >= 0x2000 and cp <= 0x2BFF) or (cp >= 0x3000 and cp <= 0x303F) or cp == 0xA0
    or (cp >= 0xA1 and cp <= 0xBF) or cp == 0xD7 or cp == 0xF7 or cp == 0xFEFF
    or (cp >= 0xFE50 and cp <= 0xFE6F) or (cp >= 0xFF01 and cp <= 0xFF20) then
    return "W"
  end
  return "L"
end
pretty._class = class

-- A terminal control sequence (ESC [ parameters final-byte): colours.
local CSI = "\27%[[0-?]*[ -/]*[@-~]"

-- Bidi works on code points; a control sequence inside a line must stay
-- whole and count as a neutral, so each is replaced by a placeholder (a
-- noncharacter, class "W", width 0) while the line is reordered.
local PLACEHOLDER = 0xFDD0

--- Display width of a string in terminal columns: combining marks and
-- bidi controls count 0, East Asian wide characters 2, others 1.
function pretty.width(s)
  s = tostring(s)
  -- Terminal escape sequences (colours, as in search snippets) take no column.
  if s:find("\27[", 1, true) then s = s:gsub(CSI, "") end
  if not s:find("[\128-\255]") then return #s end
  local w = 0
  for _, cp in utf8.codes(s, true) do
    if is_wide(cp) then
      w = w + 2
    elseif not is_zero_width(cp) then
      w = w + 1
    end
  end
  return w
end

local function codepoints(s)
  local cps = {}
  for _, cp in utf8.codes(s, true) do cps[#cps + 1] = cp end
  return cps
end

local function has_rtl(s)
  -- Hebrew/Arabic blocks start with lead bytes D6-DF; presentation forms EF.
  if not s:find("[\214-\223\224\239\240]") then return false end
  for _, cp in utf8.codes(s, true) do
    if class(cp) == "R" then return true end
  end
  return false
end
pretty.has_rtl = has_rtl

-- The right-to-left runs of a line, as in the bidi algorithm for a
-- left-to-right paragraph: from a strong R letter through R letters,
-- numbers and neutrals, up to the last R letter or number before a strong
-- L letter or the end.  Returns a list of {first, last} indexes into cps
-- and the classes.
local function rtl_runs(cps)
  local cls = {}
  local prev = "W"
  for i, cp in ipairs(cps) do
    local k = class(cp)
    if k == "M" then k = (prev == "N") and "N" or (prev == "W" and "W" or prev) end
    cls[i] = k
    prev = k
  end
  local runs, i, n = {}, 1, #cps
  while i <= n do
    if cls[i] == "R" then
      local first, last, j = i, i, i + 1
      while j <= n and cls[j] ~= "L" do
        if cls[j] == "R" or cls[j] == "N" then last = j end
        j = j + 1
      end
      -- Marks after the last letter stay with it.
      while last < n and is_zero_width(cps[last + 1]) and class(cps[last + 1]) == "M" do last = last + 1 end
      -- So do control sequences around the run (a colour on a word).
      while first > 1 and cps[first - 1] == PLACEHOLDER do first = first - 1 end
      while last < n and cps[last + 1] == PLACEHOLDER do last = last + 1 end
      runs[#runs + 1] = { first, last }
      i = j
    else
      i = i + 1
    end
  end
  return runs, cls
end

local MIRROR = { [0x28] = 0x29, [0x29] = 0x28, [0x5B] = 0x5D, [0x5D] = 0x5B, [0x7B] = 0x7D,
  [0x7D] = 0x7B, [0x3C] = 0x3E, [0x3E] = 0x3C, [0xAB] = 0xBB, [0xBB] = 0xAB,
  [0x2039] = 0x203A, [0x203A] = 0x2039 }

-- A single separator between two digits keeps a number whole (rules W4
-- of the bidi algorithm): 1,000  2.5  10:30  18/9  2015-09-10 (the
-- hyphen-minus is a European separator too), and the Arabic decimal and
-- thousands separators.
local SEPARATOR = { [0x2C] = true, [0x2E] = true, [0x3A] = true, [0x2F] = true, [0x2D] = true,
  [0x2B] = true, [0x066B] = true, [0x066C] = true }

-- Reverse one run into visual order: units are a letter with its marks,
-- or a number (digits with single separators between them) kept as is.
local function reverse_run(cps, cls, first, last)
  local units, i = {}, first
  while i <= last do
    local j = i
    if cls[i] == "N" then
      while j < last do
        local nx = j + 1
        if cls[nx] == "N" then
          j = nx
        elseif cls[nx + 1] == "N" and nx + 1 <= last and SEPARATOR[cps[nx]] then
          j = nx + 1
        elseif cps[nx] == 0x25 or cps[nx] == 0x066A then -- percent sign stays after the number
          j = nx
          break
        else
          break
        end
      end
    else
      while j < last and class(cps[j + 1]) == "M" do j = j + 1 end
    end
    local u = {}
    for k = i, j do
      local cp = cps[k]
      if k == i and cls[k] ~= "N" and MIRROR[cp] then cp = MIRROR[cp] end
      u[#u + 1] = utf8.char(cp)
    end
    units[#units + 1] = concat(u)
    i = j + 1
  end
  local out = {}
  for k = #units, 1, -1 do out[#out + 1] = units[k] end
  return concat(out)
end

-- The class of the first strong letter (R or L), or nil.
local function first_strong(cps)
  for _, cp in ipairs(cps) do
    local k = class(cp)
    if k == "R" or k == "L" then return k end
  end
  return nil
end

-- A right-to-left line (paragraph) in visual order: left-to-right runs
-- (Latin words with the numbers and spaces between them) and numbers keep
-- their order; everything else is reversed, brackets mirrored.
local function reverse_rtl_line(cps)
  local _, cls = rtl_runs(cps)
  local units, i, n = {}, 1, #cps
  while i <= n do
    if cls[i] == "L" then
      local last, j = i, i + 1
      while j <= n and cls[j] ~= "R" do
        if cls[j] == "L" or cls[j] == "N" then last = j end
        j = j + 1
      end
      units[#units + 1] = utf8.char(table.unpack(cps, i, last))
      i = last + 1
    elseif cls[i] == "N" then
      -- reverse_run keeps a lone number group in order.
      local j = i
      while j < n and (cls[j + 1] == "N" or (SEPARATOR[cps[j + 1]] and cls[j + 2] == "N")) do j = j + 1 end
      if cps[j + 1] == 0x25 or cps[j + 1] == 0x066A then j = j + 1 end
      units[#units + 1] = utf8.char(table.unpack(cps, i, j))
      i = j + 1
    else
      local j = i
      while j < n and class(cps[j + 1]) == "M" do j = j + 1 end
      local cp = MIRROR[cps[i]] or cps[i]
      units[#units + 1] = utf8.char(cp) .. (j > i and utf8.char(table.unpack(cps, i + 1, j)) or "")
      i = j + 1
    end
  end
  local out = {}
  for k = #units, 1, -1 do out[#out + 1] = units[k] end
  return concat(out)
end

--- Make one line of text display correctly in a terminal.
-- A line whose first strong letter is Arabic is a right-to-left line:
-- in "isolate" mode it is wrapped whole in RLI ... PDI, in "visual" mode
-- it is reversed whole (Latin words and numbers keep their order).  A
-- line that starts left to right keeps its direction; only its Arabic
-- runs are isolated or reversed, and the line starts with LRM in
-- "isolate" mode.  `opts.cell = true` leaves out that LRM (the table
-- writer puts one at the start of the row).
-- @param s a string without line breaks
-- @param mode "isolate", "visual" or "none" (default `pretty.options.bidi`)
-- @param opts optional `{cell = true}`
-- @return the string to write
function pretty.bidi(s, mode, opts)
  s = tostring(s)
  mode = mode or pretty.options.bidi
  if mode == "none" or not has_rtl(s) or not utf8.len(s) then return s end
  if s:find("\27[", 1, true) then
    -- Reorder with placeholders, then put the sequences back in their
    -- original order: a reversed run keeps "colour on, word, colour off".
    local seqs = {}
    local bare = s:gsub(CSI, function(seq)
      seqs[#seqs + 1] = seq
      return utf8.char(PLACEHOLDER)
    end)
    local k = 0
    return (pretty.bidi(bare, mode, opts):gsub(utf8.char(PLACEHOLDER), function()
      k = k + 1
      return seqs[k]
    end))
  end
  local cps = codepoints(s)
  if first_strong(cps) == "R" then
    if mode == "visual" then return reverse_rtl_line(cps) end
    return RLI .. s .. PDI
  end
  local runs, cls = rtl_runs(cps)
  local out, pos = {}, 1
  local function plain(a, b)
    if a <= b then out[#out + 1] = utf8.char(table.unpack(cps, a, b)) end
  end
  for _, r in ipairs(runs) do
    plain(pos, r[1] - 1)
    if mode == "visual" then
      out[#out + 1] = reverse_run(cps, cls, r[1], r[2])
    else
      out[#out + 1] = RLI .. utf8.char(table.unpack(cps, r[1], r[2])) .. PDI
    end
    pos = r[2] + 1
  end
  plain(pos, #cps)
  local line = concat(out)
  if mode == "isolate" and not (opts and opts.cell) then line = LRM .. line end
  return line
end

-- ------------------------------------------------------------ layout

--- Cut a string to at most `w` columns, ending with "…" when cut.
function pretty.truncate(s, w)
  s = tostring(s)
  if pretty.width(s) <= w then return s end
  if w <= 0 then return "" end
  local out, used = {}, 0
  for _, cp in utf8.codes(s, true) do
    local cw = is_zero_width(cp) and 0 or (is_wide(cp) and 2 or 1)
    if used + cw > w - 1 then break end
    out[#out + 1] = utf8.char(cp)
    used = used + cw
  end
  return concat(out) .. "…"
end

--- Fold text into lines of at most `w` columns, breaking at spaces
-- (a word longer than a line is cut).  Existing line breaks are kept.
-- @return a list of lines (logical order)
function pretty.fold(s, w)
  local lines = {}
  for para in (tostring(s) .. "\n"):gmatch("(.-)\r?\n") do
    local line, lw = {}, 0
    for word in para:gmatch("%S+") do
      local ww = pretty.width(word)
      while ww > w do
        if #line > 0 then lines[#lines + 1] = concat(line, " "); line, lw = {}, 0 end
        local head = pretty.truncate(word, w + 1):gsub("…$", "")
        lines[#lines + 1] = head
        word = word:sub(#head + 1)
        ww = pretty.width(word)
      end
      if ww > 0 then
        if lw > 0 and lw + 1 + ww > w then
          lines[#lines + 1] = concat(line, " ")
          line, lw = {}, 0
        end
        line[#line + 1] = word
        lw = lw + (lw > 0 and 1 or 0) + ww
      end
    end
    lines[#lines + 1] = concat(line, " ")
  end
  return lines
end

--- Pad to `w` columns, on the right (default) or on the left ("right" align).
function pretty.pad(s, w, align)
  s = tostring(s)
  local gap = w - pretty.width(s)
  if gap <= 0 then return s end
  if align == "right" then return (" "):rep(gap) .. s end
  return s .. (" "):rep(gap)
end

-- ------------------------------------------------------------ options

local function detect_bidi()
  local env = os.getenv("AKHBAR_BIDI")
  if env == "isolate" or env == "visual" or env == "none" then return env end
  local ok, core = pcall(require, "akhbar.core")
  if ok and core.isatty and not core.isatty("stdout") then return "none" end
  local tp = os.getenv("TERM_PROGRAM") or ""
  if os.getenv("TMUX") or os.getenv("KITTY_WINDOW_ID") or os.getenv("ALACRITTY_SOCKET")
    or os.getenv("ALACRITTY_LOG") or os.getenv("WEZTERM_EXECUTABLE") or os.getenv("XTERM_VERSION")
    or os.getenv("WT_SESSION") or tp == "iTerm.app" or tp == "WezTerm" or tp == "tmux" then
    return "visual"
  end
  return "isolate"
end

local function detect_width()
  local cols = tonumber(os.getenv("COLUMNS") or "")
  if cols and cols > 20 then return cols end
  local p = io.popen("stty size 2>/dev/null")
  if p then
    local out = p:read("a") or ""
    p:close()
    cols = tonumber(out:match("%d+%s+(%d+)"))
    if cols and cols > 20 then return cols end
  end
  return 100
end

--- Options (change them in the shell: `pretty.options.max_rows = 50`).
-- @field bidi "isolate" | "visual" | "none" (see the top of this module)
-- @field width terminal columns (COLUMNS, else `stty size`, else 100)
-- @field max_rows rows drained from an iterator before stopping (20)
-- @field max_cell widest column of a table (60 columns)
-- @table options
pretty.options = setmetatable({ max_rows = 20, max_cell = 60 }, {
  __index = function(t, k)
    if k == "bidi" then
      local v = detect_bidi()
      rawset(t, k, v)
      return v
    elseif k == "width" then
      local v = detect_width()
      rawset(t, k, v)
      return v
    end
  end,
})

-- ------------------------------------------------------------ values

local function is_record(v)
  if type(v) ~= "table" then return false end
  local mt = getmetatable(v)
  return not (mt and mt.__tostring) or pretty.options.records_with_tostring
end

--- A short one-line form of any value (for table cells).
function pretty.cell(v)
  local tv = type(v)
  if v == nil then return "" end
  if tv == "string" then return (v:gsub("%s+", " ")) end
  if math.type(v) == "float" then
    if v == math.floor(v) and math.abs(v) < 1e15 then return fmt("%.1f", v) end
    return fmt("%.3g", v)
  end
  if tv == "table" then
    local mt = getmetatable(v)
    if mt and mt.__tostring then return (tostring(v):gsub("%s+", " ")) end
    if #v > 0 then
      local parts = {}
      for i = 1, math.min(#v, 5) do
        local x = v[i]
        parts[i] = type(x) == "table" and (x.name or x.id or x.source or "{…}") or tostring(x)
        parts[i] = tostring(parts[i])
      end
      return concat(parts, ", ") .. (#v > 5 and fmt(", … (%d)", #v) or "")
    end
    return "{…}"
  end
  return (tostring(v):gsub("%s+", " "))
end

-- Columns holding long text: they shrink first when a table is too wide.
local LONG = { title = true, snippet = true, text = true, clean = true, url = true,
  members = true, outlets = true }
local TITLE = { title = true, text = true, snippet = true }

--- Print rows as an aligned table.
-- @param rows a list of row tables (records) or lists of values
-- @param opts `{columns = {...}, out = io.stdout, width = ..., header = true}`
function pretty.table(rows, opts)
  opts = opts or {}
  local out = opts.out or io.stdout
  local export = require "akhbar.export"
  local columns = opts.columns
  if not columns then
    local seen = {}
    for _, row in ipairs(rows) do
      for _, k in ipairs(export.columns(row)) do seen[k] = true end
    end
    columns = export.columns(seen)
  end
  local cells, widths, numeric = {}, {}, {}
  for j, k in ipairs(columns) do
    widths[j] = opts.header == false and 0 or pretty.width(tostring(k))
    numeric[j] = true
  end
  for i, row in ipairs(rows) do
    cells[i] = {}
    for j, k in ipairs(columns) do
      local v = row[k]
      if v ~= nil and type(v) ~= "number" then numeric[j] = false end
      local s = pretty.truncate(pretty.cell(v), opts.max_cell or pretty.options.max_cell)
      cells[i][j] = s
      widths[j] = math.max(widths[j], pretty.width(s))
    end
  end
  local total_width = opts.width or pretty.options.width
  -- Columns chosen here (records from the shell) come in export.columns
  -- order, the telling ones first: leave out the last ones rather than
  -- shrink every column to nothing.
  local hidden = {}
  if not opts.columns then
    local function least()
      local t = -2
      for j = 1, #columns do t = t + 2 + (numeric[j] and widths[j] or math.min(widths[j], 12)) end
      return t
    end
    while #columns > 1 and least() > total_width do
      table.insert(hidden, 1, columns[#columns])
      columns[#columns], widths[#widths], numeric[#numeric] = nil, nil, nil
      for _, r in ipairs(cells) do r[#r] = nil end
    end
  end
  -- Shrink long-text columns (widest first) until the table fits.
  local function total()
    local t = 0
    for _, w in ipairs(widths) do t = t + w + 2 end
    return t - 2
  end
  -- One column at a time by one column, widest first, so the long columns
  -- end up about equally wide; a title counts two thirds of its width, so
  -- it keeps more room than a list of ids or outlets.
  local over = total() - total_width
  while over > 0 do
    local widest, wj = 0, nil
    for j, k in ipairs(columns) do
      local w = widths[j] * (TITLE[k] and 2 / 3 or 1)
      if (LONG[k] or not numeric[j]) and w > widest and widths[j] > 12 then widest, wj = w, j end
    end
    if not wj then break end
    widths[wj] = widths[wj] - 1
    over = over - 1
  end
  local mode = opts.bidi or pretty.options.bidi
  local function line(values, is_header)
    local parts = {}
    for j, s in ipairs(values) do
      s = pretty.truncate(s, widths[j])
      local shown = pretty.bidi(s, mode, { cell = true })
      local pad = widths[j] - pretty.width(s)
      if j == #values then pad = 0 end
      if numeric[j] and not is_header then
        parts[j] = (" "):rep(math.max(0, widths[j] - pretty.width(s))) .. shown
      else
        parts[j] = shown .. (" "):rep(math.max(0, pad))
      end
    end
    local text = concat(parts, "  ")
    if mode == "isolate" and has_rtl(text) then text = LRM .. text end
    out:write(text, "\n")
  end
  if opts.header ~= false and #columns > 0 then
    local h = {}
    for j, k in ipairs(columns) do h[j] = tostring(k) end
    line(h, true)
    local rule = {}
    for j = 1, #columns do rule[j] = ("─"):rep(widths[j]) end
    out:write(concat(rule, "  "), "\n")
  end
  for i = 1, #rows do line(cells[i]) end
  if #hidden > 0 then
    out:write(fmt("(not shown, for want of width: %s)\n", concat(hidden, ", ")))
  end
end

--- Print a long text folded to the terminal width, each line made
-- terminal-safe with `pretty.bidi`.
function pretty.text(s, opts)
  opts = opts or {}
  local out = opts.out or io.stdout
  local indent = opts.indent or ""
  local w = (opts.width or pretty.options.width) - pretty.width(indent)
  for _, l in ipairs(pretty.fold(s, math.max(20, w))) do
    out:write(indent, pretty.bidi(l, opts.bidi), "\n")
  end
end

--- Print a record (one table) as `key  value` lines, long values folded.
function pretty.record(t, opts)
  opts = opts or {}
  local out = opts.out or io.stdout
  local export = require "akhbar.export"
  local keys = export.columns(t)
  local kw = 0
  for _, k in ipairs(keys) do kw = math.max(kw, pretty.width(tostring(k))) end
  local width = opts.width or pretty.options.width
  for _, k in ipairs(keys) do
    local v = t[k]
    local s = (type(v) == "string") and v or pretty.cell(v)
    local lines = pretty.fold(s, math.max(20, width - kw - 2))
    local mode = opts.bidi or pretty.options.bidi
    for i, l in ipairs(lines) do
      if i > (opts.max_lines or 12) then
        out:write((" "):rep(kw + 2), fmt("… (%d more lines)", #lines - i + 1), "\n")
        break
      end
      local head = i == 1 and pretty.pad(tostring(k), kw) or (" "):rep(kw)
      local shown = pretty.bidi(l, mode, { cell = true })
      if mode == "isolate" and shown ~= l then
        out:write(LRM, head, "  ", shown, "\n")
      else
        out:write(head, "  ", shown, "\n")
      end
    end
  end
end

-- ------------------------------------------------------------ iterators

--- Drain an iterator (a generic-for triple, with an optional fourth
-- to-be-closed value) into a list of rows, at most `limit`.
-- Each step's values become one row: a table yielded alone is the row;
-- otherwise the row is a list of the values (a table with `__tostring`,
-- such as an entity, is shown through it).
-- @return rows, more (true when the iterator had more than `limit`)
function pretty.drain(limit, f, s, ctl, closing)
  local rows, more = {}, false
  local ok, err = pcall(function()
    while true do
      local vals = table.pack(f(s, ctl))
      if vals[1] == nil then break end
      ctl = vals[1]
      if #rows >= limit then more = true break end
      rows[#rows + 1] = vals
    end
  end)
  if closing ~= nil then
    local mt = getmetatable(closing)
    if mt and mt.__close then pcall(mt.__close, closing) end
  end
  if not ok then error(err, 0) end
  return rows, more
end

-- Rows from drained value packs: records as they are; (entity, n) as the
-- entity's fields plus count; plain tuples as positional columns.
local function shape(packs, names)
  local rows, columns = {}, {}
  local all_records = true
  for _, p in ipairs(packs) do
    if not (p.n == 1 and type(p[1]) == "table") then all_records = false end
  end
  if all_records then
    for i, p in ipairs(packs) do rows[i] = p[1] end
    return rows
  end
  local first = packs[1]
  local rec_first = type(first[1]) == "table" and first[1].name ~= nil
  if rec_first then
    columns = { "name", "type" }
    for j = 2, first.n do columns[#columns + 1] = j == 2 and "count" or ("#" .. j) end
  else
    for j = 1, first.n do columns[j] = names and names[j] or ("#" .. j) end
  end
  for i, p in ipairs(packs) do
    local row = {}
    if rec_first then
      local e = p[1]
      row.name = type(e) == "table" and e.name or pretty.cell(e)
      row.type = type(e) == "table" and e.type or nil
      for j = 2, p.n do row[columns[j + 1]] = p[j] end
    else
      for j = 1, p.n do row[columns[j] or ("#" .. j)] = p[j] end
    end
    rows[i] = row
  end
  return rows, columns
end

--- Print values as the shell does: an iterator (a function followed by
-- its state, or any function when `opts.iterators` is true) is drained
-- into an aligned table of at most `options.max_rows` rows; a list of
-- records is a table; one record is `key value` lines; strings are folded
-- and made terminal-safe; other values are printed with `tostring`.
-- @param opts `{iterators = true, out = io.stdout, names = {...}}` (names:
-- column names for the plain values an iterator yields, e.g. `{"period",
-- "articles", "mentions"}` for `c:timeline`); then the values
function pretty.show(opts, ...)
  opts = opts or {}
  local out = opts.out or io.stdout
  local n = select("#", ...)
  local v1 = ...
  if type(v1) == "function" and (opts.iterators or n > 1) then
    local packs, more = pretty.drain(pretty.options.max_rows, ...)
    if #packs == 0 then
      out:write("(no results)\n")
      return
    end
    local rows, columns = shape(packs, opts.names)
    pretty.table(rows, { columns = columns, out = out })
    if more then
      out:write(fmt("… more rows: showing the first %d (pretty.options.max_rows), use {limit = N} or a for loop\n",
        pretty.options.max_rows))
    else
      out:write(fmt("(%d row%s)\n", #rows, #rows == 1 and "" or "s"))
    end
    return
  end
  for i = 1, n do
    local v = select(i, ...)
    if type(v) == "table" and is_record(v) then
      if #v > 0 and type(v[1]) == "table" then
        local list = {}
        for j = 1, math.min(#v, pretty.options.max_rows) do list[j] = v[j] end
        pretty.table(list, { out = out })
        if #v > #list then out:write(fmt("… %d rows in all\n", #v)) end
      elseif next(v) == nil then
        out:write("{}\n")
      elseif #v > 0 then
        pretty.text("{" .. pretty.cell(v) .. "}", { out = out })
      else
        pretty.record(v, { out = out })
      end
    elseif type(v) == "string" then
      pretty.text(v, { out = out })
    else
      local s = tostring(v)
      if type(v) == "table" or type(v) == "userdata" then
        local mt = getmetatable(v)
        if not (mt and mt.__tostring) then s = tostring(v) end
      end
      pretty.text(s, { out = out })
    end
  end
end

--- `pretty.print(...)`: `pretty.show` with iterators drained.
function pretty.print(...)
  return pretty.show({ iterators = true }, ...)
end

-- Sorted keys helper kept for callers that print their own tables.
function pretty.keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  sort(ks, function(a, b) return tostring(a) < tostring(b) end)
  return ks
end

return pretty
