/* lua_gazetteer.c — Lua binding of the gazetteer and matcher (akh_gazetteer.h).
 * The friendly layer (new(rows), load, default, entities) is
 * lua/akhbar/gazetteer.lua.  Adds to the module table:
 *   gazetteer_new()               -> akhbar.Gazetteer
 *   variant_key(s [, plain])      -> string
 *   gazetteer_entity_mt           metatable of entity tables (__tostring: name)
 *   gazetteer_problem_mt          metatable of problem tables (file:line: message)
 * Methods of akhbar.Gazetteer: add(row [, line]), load(path), load_string(s
 * [, chunkname]), lookup(name_or_id), entity(i), each(), match(text),
 * count(); __len, __tostring, __gc, __close. */
#include <stdlib.h>
#include <string.h>

#include "lua_aux.h"

#define GAZ "akhbar.Gazetteer"
#define ENTITY_MT "akhbar.Entity"

typedef struct lgaz {
  akh_gazetteer *g;
  akh_matcher *m;
} lgaz;

static lgaz *checkgaz(lua_State *L, int idx) {
  lgaz *z = aux_checkclass(L, idx, GAZ);
  if (!z->g) luaL_error(L, "akhbar.Gazetteer: the gazetteer is closed");
  return z;
}

static int gaz_new(lua_State *L) {
  lgaz *z = lua_newuserdatauv(L, sizeof *z, 0);
  akh_error e;
  z->g = NULL;
  z->m = NULL;
  luaL_setmetatable(L, GAZ);
  if (akh_gazetteer_new(&z->g, &e) || akh_matcher_new(z->g, &z->m, &e))
    return aux_raise(L, "akhbar.gazetteer.new", &e);
  return 1;
}

static int gaz_gc(lua_State *L) {
  lgaz *z = aux_checkclass(L, 1, GAZ);
  akh_matcher_free(z->m);
  akh_gazetteer_free(z->g);
  z->m = NULL;
  z->g = NULL;
  return 0;
}

static int gaz_tostring(lua_State *L) {
  lgaz *z = aux_checkclass(L, 1, GAZ);
  if (!z->g) return aux_pushtostring(L, GAZ, z, 1, NULL);
  size_t nn, n = akh_gazetteer_count(z->g, &nn);
  lua_pushfstring(L, "%s (%I entities, %I names)", GAZ, (lua_Integer)n, (lua_Integer)nn);
  return 1;
}

static int gaz_len(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  lua_pushinteger(L, (lua_Integer)akh_gazetteer_count(z->g, NULL));
  return 1;
}

static int gaz_count(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  size_t nn, n = akh_gazetteer_count(z->g, &nn);
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushinteger(L, (lua_Integer)nn);
  return 2;
}

/* ---------------------------------------------------------------- problems */

struct pctx {
  lua_State *L;
  int list;        /* stack index of the problems table */
  const char *src; /* file name or "rows" */
};

/* Problems are tables {file=, line=, message=} whose __tostring reads
 * "file:line: message" (the compiler convention). */
static void on_problem(void *ud, size_t line, const char *message) {
  struct pctx *p = ud;
  lua_State *L = p->L;
  lua_createtable(L, 0, 3);
  lua_pushstring(L, p->src);
  lua_setfield(L, -2, "file");
  lua_pushinteger(L, (lua_Integer)line);
  lua_setfield(L, -2, "line");
  lua_pushstring(L, message);
  lua_setfield(L, -2, "message");
  luaL_setmetatable(L, "akhbar.GazetteerProblem");
  lua_rawseti(L, p->list, (lua_Integer)lua_rawlen(L, p->list) + 1);
}

static int problem_tostring(lua_State *L) {
  lua_getfield(L, 1, "file");
  lua_getfield(L, 1, "line");
  lua_getfield(L, 1, "message");
  lua_pushfstring(L, "%s:%s: %s", luaL_optstring(L, -3, "?"), luaL_optstring(L, -2, "?"),
                  luaL_optstring(L, -1, "?"));
  return 1;
}

/* ---------------------------------------------------------------- add */

/* field k of the row at idx as a string; a list of strings is joined by sep. */
static const char *row_field(lua_State *L, int idx, const char *k, const char *sep, int required) {
  lua_getfield(L, idx, k);
  int t = lua_type(L, -1);
  if (t == LUA_TNIL) {
    if (required) luaL_error(L, "akhbar.Gazetteer:add: row has no '%s'", k);
    lua_pop(L, 1);
    return NULL;
  }
  if (t == LUA_TTABLE) {
    luaL_Buffer b;
    int tbl = lua_gettop(L);
    luaL_buffinit(L, &b);
    lua_Integer n = luaL_len(L, tbl);
    for (lua_Integer i = 1; i <= n; i++) {
      lua_geti(L, tbl, i);
      if (!lua_isstring(L, -1)) luaL_error(L, "akhbar.Gazetteer:add: '%s'[%d] is not a string", k, (int)i);
      if (i > 1) luaL_addstring(&b, sep);
      luaL_addvalue(&b);
    }
    luaL_pushresult(&b);
    lua_replace(L, tbl);
    return lua_tostring(L, tbl); /* stays on the stack until add returns */
  }
  if (t != LUA_TSTRING && t != LUA_TNUMBER)
    luaL_error(L, "akhbar.Gazetteer:add: '%s' must be a string (got %s)", k, luaL_typename(L, -1));
  return lua_tostring(L, -1);
}

static int gaz_add(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_Integer line = luaL_optinteger(L, 3, 0);
  akh_entity_def d;
  akh_error e;
  d.id = row_field(L, 2, "id", "", 1);
  const char *type = row_field(L, 2, "type", "", 1);
  d.name = row_field(L, 2, "name", "", 1);
  d.aliases = row_field(L, 2, "aliases", "|", 0);
  d.wikidata = row_field(L, 2, "wikidata", "", 0);
  d.notes = row_field(L, 2, "notes", "", 0);
  const char *flags = row_field(L, 2, "flags", ",", 0);
  d.type = akh_entity_type_parse(type, strlen(type));
  if (!d.type)
    return luaL_error(L, "akhbar.Gazetteer:add: unknown type '%s' (person, org, place, other)", type);
  d.flags = 0;
  if (flags && akh_entity_flags_parse(flags, strlen(flags), &d.flags, &e))
    return aux_raise(L, "akhbar.Gazetteer:add", &e);
  lua_newtable(L);
  struct pctx p = {L, lua_gettop(L), "row"};
  if (akh_gazetteer_add(z->g, &d, on_problem, &p, (size_t)line, &e))
    return aux_raise(L, "akhbar.Gazetteer:add", &e);
  long i = akh_gazetteer_find_id(z->g, d.id, strlen(d.id));
  akh_entity ent;
  akh_gazetteer_entity(z->g, (size_t)i, &ent);
  lua_pushinteger(L, (lua_Integer)ent.nnames);
  lua_pushvalue(L, p.list);
  return 2; /* names added, problems (possibly empty) */
}

/* ---------------------------------------------------------------- load */

static int gaz_load_string(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  const char *name = luaL_optstring(L, 3, "=(string)");
  akh_error e;
  size_t n;
  lua_newtable(L);
  struct pctx p = {L, lua_gettop(L), name};
  int rc = akh_gazetteer_load_tsv(z->g, s, len, on_problem, &p, &n, &e);
  if (rc == AKH_EFORMAT) return aux_failresult(L, "%s: %s", name, e.message);
  if (rc) return aux_raise(L, "akhbar.Gazetteer:load", &e);
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushvalue(L, p.list);
  return 2; /* entities loaded, problems */
}

static int gaz_load(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  const char *path = luaL_checkstring(L, 2);
  akh_error e;
  size_t n;
  lua_newtable(L);
  struct pctx p = {L, lua_gettop(L), path};
  int rc = akh_gazetteer_load_file(z->g, path, on_problem, &p, &n, &e);
  if (rc == AKH_EIO || rc == AKH_EFORMAT) return aux_failresult(L, "%s: %s", path, e.message);
  if (rc) return aux_raise(L, "akhbar.Gazetteer:load", &e);
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushvalue(L, p.list);
  return 2;
}

/* ---------------------------------------------------------------- entities */

static void push_entity(lua_State *L, const akh_gazetteer *g, size_t i) {
  akh_entity e;
  akh_gazetteer_entity(g, i, &e);
  lua_createtable(L, 0, 9);
  lua_pushstring(L, e.id);
  lua_setfield(L, -2, "id");
  lua_pushstring(L, akh_entity_type_name(e.type));
  lua_setfield(L, -2, "type");
  lua_pushstring(L, e.name);
  lua_setfield(L, -2, "name");
  lua_newtable(L);
  {
    const char *a = e.aliases;
    int k = 0;
    while (*a) {
      const char *bar = strchr(a, '|');
      size_t n = bar ? (size_t)(bar - a) : strlen(a);
      while (n && *a == ' ') { a++; n--; }
      while (n && a[n - 1] == ' ') n--;
      if (n) {
        lua_pushlstring(L, a, n);
        lua_rawseti(L, -2, ++k);
      }
      if (!bar) break;
      a = bar + 1;
    }
  }
  lua_setfield(L, -2, "aliases");
  if (*e.wikidata) {
    lua_pushstring(L, e.wikidata);
    lua_setfield(L, -2, "wikidata");
  }
  if (*e.notes) {
    lua_pushstring(L, e.notes);
    lua_setfield(L, -2, "notes");
  }
  lua_newtable(L);
  if (e.flags & AKH_ENT_NOVARIANT) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "novariant");
  }
  lua_setfield(L, -2, "flags");
  lua_pushinteger(L, (lua_Integer)e.nnames);
  lua_setfield(L, -2, "names");
  lua_pushinteger(L, (lua_Integer)i + 1);
  lua_setfield(L, -2, "index");
  luaL_setmetatable(L, ENTITY_MT);
}

static int entity_tostring(lua_State *L) {
  lua_getfield(L, 1, "name");
  if (!lua_isstring(L, -1)) {
    lua_pop(L, 1);
    lua_getfield(L, 1, "id");
  }
  lua_pushstring(L, luaL_optstring(L, -1, "?"));
  return 1;
}

static int gaz_entity(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  lua_Integer i = luaL_checkinteger(L, 2);
  if (i < 1 || (size_t)i > akh_gazetteer_count(z->g, NULL)) return 0;
  push_entity(L, z->g, (size_t)(i - 1));
  return 1;
}

static int each_next(lua_State *L) {
  lgaz *z = checkgaz(L, lua_upvalueindex(1));
  lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
  if ((size_t)i >= akh_gazetteer_count(z->g, NULL)) return 0;
  lua_pushinteger(L, i + 1);
  lua_replace(L, lua_upvalueindex(2));
  push_entity(L, z->g, (size_t)i);
  return 1;
}

static int gaz_each(lua_State *L) {
  checkgaz(L, 1);
  lua_pushvalue(L, 1);
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, each_next, 2);
  return 1;
}

/* ---------------------------------------------------------------- matching */

typedef struct mlist {
  akh_entity_match *v;
  size_t n, cap, next;
  int oom;
} mlist;

static int collect(void *ud, const akh_entity_match *m) {
  mlist *l = ud;
  if (l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    akh_entity_match *v = realloc(l->v, cap * sizeof *v);
    if (!v) {
      l->oom = 1;
      return 1;
    }
    l->v = v;
    l->cap = cap;
  }
  l->v[l->n++] = *m;
  return 0;
}

static int mlist_gc(lua_State *L) {
  mlist *l = luaL_checkudata(L, 1, "akhbar.EntityMatches");
  free(l->v);
  l->v = NULL;
  l->n = l->cap = 0;
  return 0;
}

/* Iterator: upvalue 1 is the list (its user values pin gazetteer and text). */
static int match_next(lua_State *L) {
  mlist *l = lua_touserdata(L, lua_upvalueindex(1));
  if (l->next >= l->n) return 0;
  const akh_entity_match *m = &l->v[l->next++];
  lua_getiuservalue(L, lua_upvalueindex(1), 1);
  lgaz *z = lua_touserdata(L, -1);
  if (!z->g) return luaL_error(L, "akhbar.entities: the gazetteer was closed");
  lua_getiuservalue(L, lua_upvalueindex(1), 2);
  size_t tlen;
  const char *text = lua_tolstring(L, -1, &tlen);
  akh_entity e;
  akh_gazetteer_entity(z->g, m->entity, &e);
  lua_createtable(L, 0, 8);
  lua_pushstring(L, e.id);
  lua_setfield(L, -2, "id");
  lua_pushstring(L, akh_entity_type_name(e.type));
  lua_setfield(L, -2, "type");
  lua_pushstring(L, e.name);
  lua_setfield(L, -2, "name");
  lua_pushlstring(L, text + m->start, m->stop - m->start);
  lua_setfield(L, -2, "surface");
  lua_pushinteger(L, (lua_Integer)m->start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)m->stop);
  lua_setfield(L, -2, "stop");
  lua_pushinteger(L, (lua_Integer)m->sentence + 1);
  lua_setfield(L, -2, "sentence");
  lua_pushinteger(L, (lua_Integer)m->entity + 1);
  lua_setfield(L, -2, "entity");
  return 1;
}

static int gaz_match(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  size_t len;
  const char *text = luaL_checklstring(L, 2, &len);
  mlist *l = lua_newuserdatauv(L, sizeof *l, 2);
  memset(l, 0, sizeof *l);
  luaL_setmetatable(L, "akhbar.EntityMatches");
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 2);
  akh_error e;
  int rc = akh_matcher_run(z->m, text, len, collect, l, &e);
  if (l->oom) return luaL_error(L, "akhbar.entities: out of memory");
  if (rc == AKH_EUTF8) return luaL_error(L, "akhbar.entities: invalid UTF-8 at byte %d", (int)e.offset + 1);
  if (rc) return aux_raise(L, "akhbar.entities", &e);
  lua_pushcclosure(L, match_next, 1);
  return 1;
}

/* The entity a name (or an id) denotes: the whole name must be one match. */
static int gaz_lookup(lua_State *L) {
  lgaz *z = checkgaz(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  long i = akh_gazetteer_find_id(z->g, s, len);
  if (i >= 0) {
    push_entity(L, z->g, (size_t)i);
    return 1;
  }
  size_t a = 0, b = len;
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\n')) a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\n')) b--;
  mlist l;
  memset(&l, 0, sizeof l);
  akh_error e;
  int rc = akh_matcher_run(z->m, s, len, collect, &l, &e);
  int found = rc == AKH_OK && !l.oom && l.n == 1 && l.v[0].stop == b;
  /* the match may start after proclitics (ولافروف), never later */
  if (found) {
    size_t k = a;
    while (k < l.v[0].start && s[k] != ' ') k++;
    found = k == l.v[0].start;
  }
  if (found) push_entity(L, z->g, l.v[0].entity);
  free(l.v);
  if (l.oom) return luaL_error(L, "akhbar.Gazetteer:lookup: out of memory");
  if (rc == AKH_EUTF8) return luaL_error(L, "akhbar.Gazetteer:lookup: invalid UTF-8 at byte %d", (int)e.offset + 1);
  if (rc) return aux_raise(L, "akhbar.Gazetteer:lookup", &e);
  if (!found) lua_pushnil(L);
  return 1;
}

static int l_variant_key(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  int plain = lua_toboolean(L, 2);
  akh_buf out = {0};
  akh_error e;
  int rc = akh_variant_key(s, len, plain, &out, &e);
  if (rc == AKH_EUTF8) {
    akh_buf_free(&out);
    return luaL_error(L, "akhbar.gazetteer.variant_key: invalid UTF-8 at byte %d", (int)e.offset + 1);
  }
  if (rc) {
    akh_buf_free(&out);
    return aux_raise(L, "akhbar.gazetteer.variant_key", &e);
  }
  lua_pushlstring(L, out.data ? out.data : "", out.len);
  akh_buf_free(&out);
  return 1;
}

void akh_lua_open_gazetteer(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"add", gaz_add},         {"load", gaz_load},   {"load_string", gaz_load_string},
    {"lookup", gaz_lookup},   {"entity", gaz_entity}, {"each", gaz_each},
    {"match", gaz_match},     {"count", gaz_count}, {"close", gaz_gc},
    {NULL, NULL}};
  static const luaL_Reg meta[] = {
    {"__gc", gaz_gc}, {"__close", gaz_gc}, {"__tostring", gaz_tostring}, {"__len", gaz_len},
    {NULL, NULL}};
  static const luaL_Reg matches_meta[] = {{"__gc", mlist_gc}, {NULL, NULL}};
  static const luaL_Reg problem_meta[] = {{"__tostring", problem_tostring}, {NULL, NULL}};
  static const luaL_Reg entity_meta[] = {{"__tostring", entity_tostring}, {NULL, NULL}};
  static const luaL_Reg funcs[] = {
    {"gazetteer_new", gaz_new}, {"variant_key", l_variant_key}, {NULL, NULL}};
  aux_newclass(L, GAZ, methods, meta);
  aux_newclass(L, "akhbar.EntityMatches", NULL, matches_meta);
  aux_newclass(L, "akhbar.GazetteerProblem", NULL, problem_meta);
  aux_newclass(L, ENTITY_MT, NULL, entity_meta);
  luaL_setfuncs(L, funcs, 0);
  luaL_getmetatable(L, ENTITY_MT);
  lua_setfield(L, -2, "gazetteer_entity_mt");
  luaL_getmetatable(L, "akhbar.GazetteerProblem");
  lua_setfield(L, -2, "gazetteer_problem_mt");
}
