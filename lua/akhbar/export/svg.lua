--- akhbar.export.svg: a timeline (from `export.timeline`) drawn as a
-- self-contained SVG plot (`export.timeline_svg`).
-- @module akhbar.export.svg
local export = require "akhbar.export"
local output = require "akhbar.export.output"

local concat = table.concat
local fmt = string.format
local open_dest, write_whole = output.open_dest, output.write_whole
local xesc = export.xml_escape

-- Colour-blind-safe palette (Okabe & Ito) then a few more.
local PALETTE = { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
  "#F0E442", "#000000", "#882255", "#44AA99" }

local function has_arabic(s)
  return s:find("[\216-\219]") ~= nil or s:find("\239[\173-\187]") ~= nil
end

-- An SVG <text> element; Arabic labels get direction="rtl" so the
-- renderer lays them out right to left and anchors them correctly.
local function svg_text(x, y, s, attrs)
  s = tostring(s)
  local rtl = has_arabic(s) and ' direction="rtl" unicode-bidi="embed"' or ""
  return fmt('<text x="%.1f" y="%.1f"%s%s>%s</text>', x, y, rtl, attrs and (" " .. attrs) or "", xesc(s))
end

-- 1, 2, 5 x 10^k tick step giving about `n` ticks up to `max`.
local function nice_step(max, n)
  if max <= 0 then return 1 end
  local raw = max / n
  local p = 10 ^ math.floor(math.log(raw, 10))
  for _, m in ipairs { 1, 2, 5, 10 } do
    if m * p >= raw then
      local s = m * p
      return math.max(1, math.floor(s + 0.5))
    end
  end
  return math.floor(10 * p)
end

--- Draw a timeline (from `export.timeline`) as a self-contained SVG file:
-- one line per outlet (articles, or mentions, per period), y axis with gridlines, period
-- labels on the x axis, a legend, and the entity's name as the title
-- (Arabic text carries `direction="rtl"`).  No external tool or font file.
-- @param dest path, file or options table
-- @param tl timeline table
-- @param opts `{width = 900, height = 480, title = ..., total = true}`
-- (`total`: also draw the all-outlets line, dashed, when there are
-- several outlets)
-- @return the number of series drawn, or nil and a message
function export.timeline_svg(dest, tl, opts)
  opts = opts or (type(dest) == "table" and io.type(dest) ~= "file" and dest) or {}
  local who = "akhbar.export.timeline_svg"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local W, H = opts.width or 900, opts.height or 480
  local periods = tl.periods
  local series = {}
  for _, s in ipairs(tl.series) do series[#series + 1] = s end
  local draw_total = opts.total ~= false and #series > 1
  local max = 0
  for _, p in ipairs(periods) do
    if draw_total then max = math.max(max, tl.total[p] or 0) end
    for _, s in ipairs(series) do max = math.max(max, s.counts[p] or 0) end
  end
  local legend_w = 170
  local left, right, top, bottom = 60, legend_w + 20, 50, 80
  local pw, ph = W - left - right, H - top - bottom
  local step = nice_step(max, 5)
  local ymax = math.max(step, math.ceil(max / step) * step)
  local n = #periods
  local function X(i) return left + (n <= 1 and pw / 2 or (i - 1) * pw / (n - 1)) end
  local function Y(v) return top + ph - v * ph / ymax end
  local by = tl.by or "period"
  -- What is counted: articles naming the entity, or its mentions.
  local measure = tl.count == "mentions" and "mentions" or "articles"
  local title = opts.title or fmt("%s: %s per %s", tostring(tl.name or ""), measure, by)
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = fmt('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
    .. ' font-family="DejaVu Sans, Noto Sans Arabic, Arial, sans-serif" font-size="12">\n', W, H, W, H)
  w[#w + 1] = fmt('<title>%s</title>\n', xesc(title))
  w[#w + 1] = fmt('<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>\n', W, H)
  -- Title: the entity name (often Arabic) on its own line, then the
  -- measure, so mixed directions never share one text run.  Anchored in the
  -- middle: "start" and "end" swap meaning under direction="rtl" and not
  -- every renderer agrees on that.
  w[#w + 1] = '<g class="title">'
  if tl.name and not opts.title then
    w[#w + 1] = svg_text(left + pw / 2, 22, tostring(tl.name), 'text-anchor="middle" font-size="18" font-weight="bold"')
    w[#w + 1] = svg_text(left + pw / 2, 40, fmt("%s per %s", measure, by), 'text-anchor="middle" fill="#555555"')
  else
    w[#w + 1] = svg_text(left + pw / 2, 28, title, 'text-anchor="middle" font-size="16" font-weight="bold"')
  end
  w[#w + 1] = "</g>\n"
  -- Axes and gridlines.
  w[#w + 1] = '<g class="y-axis" stroke="#cccccc">\n'
  for v = 0, ymax, step do
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>', left, Y(v), left + pw, Y(v))
    w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="end" stroke="none" fill="#333333">%d</text>\n',
      left - 6, Y(v) + 4, v)
  end
  w[#w + 1] = "</g>\n"
  w[#w + 1] = fmt('<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>\n',
    left, top + ph, left + pw, top + ph)
  w[#w + 1] = fmt('<line class="axis" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>\n',
    left, top, left, top + ph)
  w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="middle" transform="rotate(-90 %.1f %.1f)">%s</text>\n',
    16, top + ph / 2, 16, top + ph / 2, measure)
  -- Period labels: at most ~16, rotated so long ones fit.
  local every = math.max(1, math.ceil(n / 16))
  w[#w + 1] = '<g class="x-axis" fill="#333333">\n'
  for i, p in ipairs(periods) do
    local x = X(i)
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#333333"/>', x, top + ph, x, top + ph + 4)
    if (i - 1) % every == 0 or i == n then
      w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="end" transform="rotate(-45 %.1f %.1f)">%s</text>\n',
        x, top + ph + 16, x, top + ph + 16, xesc(p))
    end
  end
  w[#w + 1] = "</g>\n"
  w[#w + 1] = fmt('<text x="%.1f" y="%.1f" text-anchor="middle">%s</text>\n', left + pw / 2, H - 8, xesc(by))
  -- Lines.
  local function polyline(counts, colour, extra, label)
    local pts = {}
    for i, p in ipairs(periods) do pts[#pts + 1] = fmt("%.1f,%.1f", X(i), Y(counts[p] or 0)) end
    w[#w + 1] = fmt('<g class="series" fill="%s"><title>%s</title>', colour, xesc(label))
    w[#w + 1] = fmt('<polyline fill="none" stroke="%s" stroke-width="2"%s points="%s"/>', colour,
      extra or "", concat(pts, " "))
    if n <= 60 then
      for i, p in ipairs(periods) do
        local v = counts[p] or 0
        if v > 0 then
          w[#w + 1] = fmt('<circle cx="%.1f" cy="%.1f" r="3"><title>%s %s: %d</title></circle>', X(i), Y(v),
            xesc(label), xesc(p), v)
        end
      end
    end
    w[#w + 1] = "</g>\n"
  end
  if draw_total then polyline(tl.total, "#777777", ' stroke-dasharray="5,4"', "total") end
  for i, s in ipairs(series) do polyline(s.counts, PALETTE[(i - 1) % #PALETTE + 1], nil, s.name) end
  -- Legend.
  local lx, ly = W - legend_w, top
  w[#w + 1] = '<g class="legend">\n'
  local entries = {}
  for i, s in ipairs(series) do
    entries[#entries + 1] = { s.name .. (s.sum and fmt(" (%d)", s.sum) or ""), PALETTE[(i - 1) % #PALETTE + 1] }
  end
  if draw_total then entries[#entries + 1] = { "total", "#777777", true } end
  for i, e in ipairs(entries) do
    local y = ly + (i - 1) * 20
    w[#w + 1] = fmt('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="3"%s/>',
      lx, y, lx + 24, y, e[2], e[3] and ' stroke-dasharray="5,4"' or "")
    if has_arabic(e[1]) then
      w[#w + 1] = svg_text((lx + 30 + W - 4) / 2, y + 4, e[1], 'text-anchor="middle"')
    else
      w[#w + 1] = svg_text(lx + 30, y + 4, e[1], 'text-anchor="start"')
    end
    w[#w + 1] = "\n"
  end
  w[#w + 1] = "</g>\n</svg>\n"
  return write_whole(f, close, concat(w), #series, who, where)
end

return export
