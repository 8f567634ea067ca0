--- akhbar.export: results out of Lua, into the tools analysts already use.
--
-- * `export.jsonl(dest, iter...)` and `export.csv(dest, iter...)` write
--   any stream of rows (an iterator as returned by `c:search`, `c:quotes`,
--   `c:cooccur`..., or an array of tables) as JSON Lines or CSV;
-- * `export.graphml(dest, graph)` and `export.gexf(dest, graph)` write a
--   co-occurrence network for Gephi, yEd or networkx; `export.network(c,
--   name)` builds one from a corpus;
-- * `export.timeline(c, name)` collects mentions per period per outlet;
--   `export.timeline_csv(dest, tl)` writes it as a table and
--   `export.timeline_svg(dest, tl)` draws it as a self-contained SVG plot.
--
-- `dest` is a path, an open file, or an options table `{path = ..., file =
-- ..., bom = true, columns = {...}, names = {...}}`.  `bom = true` starts
-- a CSV with a UTF-8 byte order mark, so spreadsheet programs (Excel on
-- Windows in particular) read Arabic text as UTF-8 rather than as the
-- system code page.  Writers return the number of rows (or nodes) written,
-- or `nil, message` when the destination cannot be opened.
--
--     local export = require "akhbar.export"
--     export.csv({path = "hits.csv", bom = true}, c:search("لافروف"))
--     export.jsonl("quotes.jsonl", c:quotes{speaker = "بيسكوف"})
--     export.gexf("isis.gexf", export.network(c, "داعش", {limit = 30}))
--     export.timeline_svg("lavrov.svg", export.timeline(c, "لافروف", {by = "month"}))
--
-- No dependency beyond Lua 5.4: the JSON encoder and the XML writers live
-- here.
-- @module akhbar.export
local export = {}
-- The parts below add their functions to this table and reach each other
-- through it (export.csv reads export.LOOKAHEAD as the caller set it), so
-- it is in package.loaded before they load.
package.loaded["akhbar.export"] = export

-- One module per format or job, loaded in this order: output (opening the
-- destination, checked writes; internal), rows (streams as rows, column
-- order), json, csv, graph (networks, GraphML, GEXF), timeline and svg.
export.valid_utf8 = require("akhbar.export.output").valid_utf8
require "akhbar.export.rows"
require "akhbar.export.json"
require "akhbar.export.csv"
require "akhbar.export.graph"
require "akhbar.export.timeline"
require "akhbar.export.svg"

return export
