--- akhbar.export.graph: co-occurrence networks: built from a corpus
-- (`export.network`) and written as GraphML (`export.graphml`) or GEXF
-- (`export.gexf`), with `export.xml_escape` for any XML text.
-- @module akhbar.export.graph
local export = require "akhbar.export"
local output = require "akhbar.export.output"

local concat, sort = table.concat, table.sort
local fmt = string.format
local valid_utf8, open_dest, write_whole = output.valid_utf8, output.open_dest, output.write_whole

--- Escape text for XML content or a double-quoted attribute.  Characters
-- XML 1.0 forbids (C0 controls other than tab, LF, CR) are dropped.
function export.xml_escape(s)
  s = valid_utf8(tostring(s))
  s = s:gsub("[%z\1-\8\11\12\14-\31]", "")
  return (s:gsub('[&<>"]', { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
local xesc = export.xml_escape

-- Attribute types for GraphML / GEXF from the Lua values present.
local function attr_types(list, skip)
  local types, order = {}, {}
  for _, item in ipairs(list) do
    for k, v in pairs(item) do
      if type(k) == "string" and not skip[k] then
        local t = math.type(v) == "integer" and "int" or type(v) == "number" and "double"
          or type(v) == "boolean" and "boolean" or "string"
        local old = types[k]
        if not old then
          order[#order + 1] = k
          types[k] = t
        elseif old ~= t then
          types[k] = (old == "int" and t == "double" or old == "double" and t == "int") and "double" or "string"
        end
      end
    end
  end
  sort(order)
  return types, order
end

local function xml_value(v)
  if type(v) == "boolean" then return v and "true" or "false" end
  if math.type(v) == "float" then return fmt("%.15g", v) end
  return xesc(v)
end

local function check_graph(graph, who)
  if type(graph) ~= "table" or type(graph.nodes) ~= "table" or type(graph.edges) ~= "table" then
    error(who .. ": graph {nodes = {{id=, label=...}...}, edges = {{source=, target=, weight=}...}} expected", 3)
  end
end

--- Write a graph as GraphML (yEd, Gephi, networkx, igraph).
-- `graph = {nodes = {{id=, label=, type=, ...}...}, edges = {{source=,
-- target=, weight=, ...}...}, directed = false}`; every other node or edge
-- field becomes a typed GraphML attribute (`<key>`).
-- @return the number of nodes written, or nil and a message
function export.graphml(dest, graph)
  check_graph(graph, "akhbar.export.graphml")
  local who = "akhbar.export.graphml"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local ntypes, norder = attr_types(graph.nodes, { id = true })
  local etypes, eorder = attr_types(graph.edges, { id = true, source = true, target = true })
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
    .. ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    .. ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
    .. ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
  for _, k in ipairs(norder) do
    w[#w + 1] = fmt('  <key id="n_%s" for="node" attr.name="%s" attr.type="%s"/>\n', xesc(k), xesc(k), ntypes[k])
  end
  for _, k in ipairs(eorder) do
    w[#w + 1] = fmt('  <key id="e_%s" for="edge" attr.name="%s" attr.type="%s"/>\n', xesc(k), xesc(k), etypes[k])
  end
  w[#w + 1] = fmt('  <graph id="G" edgedefault="%s">\n', graph.directed and "directed" or "undirected")
  for _, node in ipairs(graph.nodes) do
    w[#w + 1] = fmt('    <node id="%s">', xesc(node.id))
    for _, k in ipairs(norder) do
      if node[k] ~= nil then w[#w + 1] = fmt('<data key="n_%s">%s</data>', xesc(k), xml_value(node[k])) end
    end
    w[#w + 1] = "</node>\n"
  end
  for i, e in ipairs(graph.edges) do
    w[#w + 1] = fmt('    <edge id="e%d" source="%s" target="%s">', i, xesc(e.source), xesc(e.target))
    for _, k in ipairs(eorder) do
      if e[k] ~= nil then w[#w + 1] = fmt('<data key="e_%s">%s</data>', xesc(k), xml_value(e[k])) end
    end
    w[#w + 1] = "</edge>\n"
  end
  w[#w + 1] = "  </graph>\n</graphml>\n"
  return write_whole(f, close, concat(w), #graph.nodes, who, where)
end

local GEXF_TYPES = { int = "integer", double = "double", boolean = "boolean", string = "string" }

--- Write a graph as GEXF 1.3 (Gephi's own format).
-- Same graph shape as `export.graphml`; `label` is the node label, `weight`
-- the edge weight, other fields become GEXF attributes.
-- @return the number of nodes written, or nil and a message
function export.gexf(dest, graph)
  check_graph(graph, "akhbar.export.gexf")
  local who = "akhbar.export.gexf"
  local f, close, _, where = open_dest(dest, who)
  if not f then return nil, close end
  local ntypes, norder = attr_types(graph.nodes, { id = true, label = true })
  local etypes, eorder = attr_types(graph.edges, { id = true, source = true, target = true, weight = true })
  local w = {}
  w[#w + 1] = '<?xml version="1.0" encoding="UTF-8"?>\n'
  w[#w + 1] = '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    .. ' xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n'
  w[#w + 1] = fmt('  <meta><creator>akhbar</creator><description>%s</description></meta>\n',
    xesc(graph.description or "co-occurrence network"))
  w[#w + 1] = fmt('  <graph mode="static" defaultedgetype="%s">\n', graph.directed and "directed" or "undirected")
  local function attributes(class, types, order)
    if #order == 0 then return end
    w[#w + 1] = fmt('    <attributes class="%s">\n', class)
    for i, k in ipairs(order) do
      w[#w + 1] = fmt('      <attribute id="%d" title="%s" type="%s"/>\n', i - 1, xesc(k), GEXF_TYPES[types[k]])
    end
    w[#w + 1] = "    </attributes>\n"
  end
  local function attvalues(item, order)
    local vals = {}
    for i, k in ipairs(order) do
      if item[k] ~= nil then
        vals[#vals + 1] = fmt('<attvalue for="%d" value="%s"/>', i - 1, xml_value(item[k]))
      end
    end
    if #vals > 0 then w[#w + 1] = "<attvalues>" .. concat(vals) .. "</attvalues>" end
  end
  attributes("node", ntypes, norder)
  attributes("edge", etypes, eorder)
  w[#w + 1] = "    <nodes>\n"
  for _, node in ipairs(graph.nodes) do
    w[#w + 1] = fmt('      <node id="%s" label="%s">', xesc(node.id), xesc(node.label or node.id))
    attvalues(node, norder)
    w[#w + 1] = "</node>\n"
  end
  w[#w + 1] = "    </nodes>\n    <edges>\n"
  for i, e in ipairs(graph.edges) do
    w[#w + 1] = fmt('      <edge id="%d" source="%s" target="%s"', i - 1, xesc(e.source), xesc(e.target))
    if e.weight then w[#w + 1] = fmt(' weight="%s"', xml_value(e.weight)) end
    w[#w + 1] = ">"
    attvalues(e, eorder)
    w[#w + 1] = "</edge>\n"
  end
  w[#w + 1] = "    </edges>\n  </graph>\n</gexf>\n"
  return write_whole(f, close, concat(w), #graph.nodes, who, where)
end

-- ------------------------------------------------------------ networks

local function entity_fields(e)
  if type(e) == "table" then
    return tostring(e.id or e.name), e.name or e.id, e.type
  end
  return tostring(e), tostring(e), nil
end

--- Build the co-occurrence network around one or more entities.
-- Nodes are the seed entities and the `limit` entities most often named
-- with each; edges join every pair of nodes that co-occur, weighted by the
-- count `c:cooccur` reports (articles or sentences, per `opts.by`).
-- @param c an open corpus (with the entities extension)
-- @param names an entity name or a list of names
-- @param opts `{limit = 20, by = nil}` (passed to `c:cooccur`)
-- @return graph for `export.graphml` / `export.gexf`
function export.network(c, names, opts)
  opts = opts or {}
  if type(names) ~= "table" then names = { names } end
  local limit = opts.limit or 20
  local nodes, by_id, edges, edge_at = {}, {}, {}, {}
  local function add_node(e, seed)
    local id, label, etype = entity_fields(e)
    local node = by_id[id]
    if not node then
      node = { id = id, label = label, type = etype, seed = seed or false }
      by_id[id] = node
      nodes[#nodes + 1] = node
    elseif seed then
      node.seed = true
    end
    return node
  end
  local function add_edge(a, b, w)
    if a.id == b.id then return end
    local k1, k2 = a.id, b.id
    if k2 < k1 then k1, k2 = k2, k1 end
    local key = k1 .. "\0" .. k2
    local e = edge_at[key]
    if e then
      if w > e.weight then e.weight = w end
    else
      e = { source = k1, target = k2, weight = w }
      edge_at[key] = e
      edges[#edges + 1] = e
    end
  end
  local function neighbours(name, n)
    local out = {}
    for e, count in c:cooccur(name, { limit = n, by = opts.by }) do
      out[#out + 1] = { e, count }
    end
    return out
  end
  -- A seed given by name or alias (داعش) is the entity (isis, org), so it
  -- is one node with its neighbours' edges, not a second node.
  local function seed_entity(name)
    if type(name) == "table" or not c.mentions then return name end
    local it, st, ctl, _ <close> = c:mentions(name, { limit = 1 })
    local m = it(st, ctl)
    return m and { id = m.entity, name = m.name, type = m.type } or name
  end
  for _, name in ipairs(names) do
    local seed = seed_entity(name)
    local seed_node = add_node(seed, true)
    for _, pair in ipairs(neighbours(seed, limit)) do
      add_edge(seed_node, add_node(pair[1]), pair[2])
    end
  end
  -- Edges among the neighbours: ask each one for its own partners and keep
  -- those already in the network.
  for i = 1, #nodes do
    local node = nodes[i]
    if not node.seed then
      for _, pair in ipairs(neighbours({ id = node.id }, limit * 2)) do
        local id = entity_fields(pair[1])
        local other = by_id[id]
        if other and not other.seed then add_edge(node, other, pair[2]) end
      end
    end
  end
  -- Weighted degree, handy for sizing nodes in Gephi.
  for _, n in ipairs(nodes) do n.degree = 0 end
  for _, e in ipairs(edges) do
    by_id[e.source].degree = by_id[e.source].degree + e.weight
    by_id[e.target].degree = by_id[e.target].degree + e.weight
  end
  return { nodes = nodes, edges = edges, directed = false,
    description = "akhbar co-occurrence network of " .. concat(names, ", ") }
end

return export
