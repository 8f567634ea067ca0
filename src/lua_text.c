/* lua_text.c — Lua binding of the normaliser and the decoder:
 * akhbar.normalize(s [, profile [, want_map]]), the akhbar.OffsetMap class,
 * akhbar.decode(bytes, charset [, opts]) and akhbar.utf8_check(s). */
#define _GNU_SOURCE /* dladdr, RTLD_NODELETE */
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua_aux.h"

#define MAPCLASS "akhbar.OffsetMap"
#define BUFCLASS "akhbar.TextBuffer" /* internal: owns a C buffer while Lua may raise */

typedef struct offmap {
  uint32_t *map;  /* one input offset per output byte; NULL once closed */
  size_t outlen;  /* output bytes; the input string is user value 1 */
} offmap;

static const struct {
  const char *name;
  unsigned op;
} op_names[] = {
    {"nfkc", AKH_N_NFKC},       {"diacritics", AKH_N_DIACRITICS}, {"tatweel", AKH_N_TATWEEL},
    {"alef", AKH_N_ALEF},       {"yeh", AKH_N_YEH},               {"teh", AKH_N_TEH},
    {"hamza", AKH_N_HAMZA},     {"persian", AKH_N_PERSIAN},       {"digits", AKH_N_DIGITS},
    {"invisible", AKH_N_INVISIBLE}, {"spaces", AKH_N_SPACES},     {"punct", AKH_N_PUNCT},
    {"casefold", AKH_N_CASEFOLD},
};
#define NOPS (sizeof op_names / sizeof op_names[0])

static const char *const profile_names[] = {"search", "display", "none", NULL};
static const unsigned profile_ops[] = {AKH_PROFILE_SEARCH, AKH_PROFILE_DISPLAY, 0};

/* ---------------------------------------------------------------- scratch buffer */

static int buf_gc(lua_State *L) {
  akh_buf_free(luaL_checkudata(L, 1, BUFCLASS)); /* resets: safe twice */
  return 0;
}

/* A zeroed akh_buf owned by a userdata pushed on the stack: freed by the
 * GC even when a later call raises. */
static akh_buf *new_buf(lua_State *L) {
  akh_buf *b = lua_newuserdatauv(L, sizeof *b, 0);
  memset(b, 0, sizeof *b);
  luaL_setmetatable(L, BUFCLASS);
  return b;
}

/* ---------------------------------------------------------------- profiles */

static unsigned lookup_op(lua_State *L, const char *where, const char *name) {
  for (size_t k = 0; k < NOPS; k++)
    if (strcmp(op_names[k].name, name) == 0) return op_names[k].op;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  lua_pushfstring(L, "%s: unknown normalisation op '%s' (valid: ", where, name);
  luaL_addvalue(&b);
  for (size_t k = 0; k < NOPS; k++) {
    luaL_addstring(&b, op_names[k].name);
    luaL_addstring(&b, ", ");
  }
  luaL_addstring(&b, "base, invalid)");
  luaL_pushresult(&b);
  lua_error(L);
  return 0;
}

/* The ops for argument idx: nil (search), a profile name, or a table of
 * booleans keyed by op name with optional `base` and `invalid`.  A table
 * without `base` starts from no op at all, unless it names no op, in which
 * case it starts from "search" (so {invalid="replace"} is search with
 * replacement). */
static unsigned check_profile(lua_State *L, int idx, const char *where) {
  int t = lua_type(L, idx);
  if (t == LUA_TNONE || t == LUA_TNIL) return AKH_PROFILE_SEARCH;
  if (t == LUA_TSTRING) return profile_ops[luaL_checkoption(L, idx, NULL, profile_names)];
  if (t != LUA_TTABLE) luaL_typeerror(L, idx, "profile name or table");
  idx = lua_absindex(L, idx);
  unsigned set = 0, clear = 0, base = 0, extra = 0;
  int have_base = 0;
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    if (lua_type(L, -2) != LUA_TSTRING)
      luaL_error(L, "%s: profile table keys must be op names (strings)", where);
    const char *k = lua_tostring(L, -2);
    if (strcmp(k, "base") == 0) {
      lua_pushvalue(L, -1);
      base = profile_ops[luaL_checkoption(L, -1, NULL, profile_names)];
      lua_pop(L, 1);
      have_base = 1;
    } else if (strcmp(k, "invalid") == 0) {
      static const char *const inv[] = {"error", "replace", NULL};
      lua_pushvalue(L, -1);
      if (luaL_checkoption(L, -1, NULL, inv) == 1) extra |= AKH_N_REPLACE;
      lua_pop(L, 1);
    } else {
      unsigned op = lookup_op(L, where, k);
      if (!lua_isboolean(L, -1))
        luaL_error(L, "%s: profile field '%s' must be a boolean, got %s", where, k, luaL_typename(L, -1));
      if (lua_toboolean(L, -1)) set |= op;
      else clear |= op;
    }
    lua_pop(L, 1);
  }
  if (!have_base && !set && !clear) base = AKH_PROFILE_SEARCH;
  return ((base | set) & ~clear) | extra;
}

/* ---------------------------------------------------------------- normalize */

static void raise_norm(lua_State *L, const akh_error *e) {
  if (e->code == AKH_EUTF8)
    luaL_error(L, "akhbar.normalize: invalid UTF-8 at byte %I (pass {invalid=\"replace\"} to substitute U+FFFD)",
               (lua_Integer)e->offset + 1);
  aux_raise(L, "akhbar.normalize", e);
}

/*** Normalise Arabic text.
 * @function normalize
 * @tparam string s UTF-8 text (NUL bytes are ordinary characters)
 * @param[opt="search"] profile "search", "display", "none", or a table of
 *   booleans keyed by op name (nfkc diacritics tatweel alef yeh teh hamza
 *   persian digits invisible spaces punct casefold) with optional
 *   `base` (a profile name to start from) and `invalid` ("error" or
 *   "replace": invalid bytes become U+FFFD).  A table without `base` starts
 *   from no op, unless it names no op at all (then from "search").
 * @tparam[opt] boolean want_map also return an akhbar.OffsetMap
 * @treturn string the normalised text
 * @treturn[opt] akhbar.OffsetMap map:span(i [, j]) gives the original
 *   1-based inclusive byte span of output bytes i..j
 * @raise "akhbar.normalize: invalid UTF-8 at byte N (...)" */
static int l_normalize(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  unsigned ops = check_profile(L, 2, "akhbar.normalize");
  int want_map = lua_toboolean(L, 3);
  lua_settop(L, 3);
  /* One scratch buffer per Lua state (upvalue 1), reused across calls. */
  akh_buf *b = lua_touserdata(L, lua_upvalueindex(1));
  b->len = 0;
  lua_pushnil(L); /* 4: keeps the slot numbers below */
  offmap *om = NULL;
  if (want_map) {
    om = lua_newuserdatauv(L, sizeof *om, 1); /* 5 */
    om->map = NULL;
    om->outlen = 0;
    luaL_setmetatable(L, MAPCLASS);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, 5, 1);
  }
  akh_error err = {0};
  uint32_t *map = NULL;
  if (akh_normalize(s, len, ops, b, want_map ? &map : NULL, &err) != AKH_OK) raise_norm(L, &err);
  if (om) {
    om->map = map;
    om->outlen = b->len;
    /* The map lives outside Lua's heap: tell the collector about its size,
     * or a loop of normalize(p, "search", true) piles up unreclaimed maps. */
    size_t kb = b->len * sizeof *map / 1024;
    lua_gc(L, LUA_GCSTEP, kb > INT_MAX ? INT_MAX : (int)kb);
  }
  lua_pushlstring(L, b->data, b->len);
  if (b->cap > ((size_t)1 << 20)) akh_buf_free(b); /* do not keep a huge buffer alive */
  if (!om) return 1;
  lua_pushvalue(L, 5);
  return 2;
}

/* ---------------------------------------------------------------- OffsetMap */

static offmap *check_map(lua_State *L) {
  offmap *om = aux_checkclass(L, 1, MAPCLASS);
  if (!om->map && om->outlen) luaL_error(L, "akhbar.OffsetMap: the map is closed");
  return om;
}

/*** map:span(i [, j]) -> start, stop: the original bytes (1-based, inclusive)
 * that produced output bytes i..j. */
static int map_span(lua_State *L) {
  offmap *om = check_map(L);
  lua_Integer i = luaL_checkinteger(L, 2);
  lua_Integer j = luaL_optinteger(L, 3, i);
  lua_Integer n = (lua_Integer)om->outlen;
  luaL_argcheck(L, i >= 1 && i <= n, 2, lua_pushfstring(L, "output byte %I out of range 1..%I", i, n));
  luaL_argcheck(L, j >= i && j <= n, 3, lua_pushfstring(L, "output byte %I out of range %I..%I", j, i, n));
  lua_getiuservalue(L, 1, 1);
  size_t len;
  const char *in = lua_tolstring(L, -1, &len);
  size_t start, stop;
  akh_map_span(in, len, om->map, (size_t)i - 1, (size_t)j, &start, &stop);
  lua_pushinteger(L, (lua_Integer)start + 1);
  lua_pushinteger(L, (lua_Integer)stop);
  return 2;
}

/*** map:offset(i) -> the 1-based original byte where the code point that
 * produced output byte i starts. */
static int map_offset(lua_State *L) {
  offmap *om = check_map(L);
  lua_Integer i = luaL_checkinteger(L, 2);
  luaL_argcheck(L, i >= 1 && i <= (lua_Integer)om->outlen, 2, "output byte out of range");
  lua_pushinteger(L, (lua_Integer)om->map[i - 1] + 1);
  return 1;
}

static int map_len(lua_State *L) {
  offmap *om = aux_checkclass(L, 1, MAPCLASS);
  lua_pushinteger(L, (lua_Integer)om->outlen);
  return 1;
}

static int map_gc(lua_State *L) {
  offmap *om = aux_checkclass(L, 1, MAPCLASS);
  free(om->map); /* NULL after the first call: safe twice */
  om->map = NULL;
  return 0;
}

static int map_tostring(lua_State *L) {
  offmap *om = aux_checkclass(L, 1, MAPCLASS);
  lua_getiuservalue(L, 1, 1);
  size_t len = 0;
  lua_tolstring(L, -1, &len);
  char detail[80];
  snprintf(detail, sizeof detail, "%zu bytes -> %zu bytes", len, om->outlen);
  return aux_pushtostring(L, MAPCLASS, om, !om->map && om->outlen, detail);
}

/* ---------------------------------------------------------------- decode, utf8_check */

/*** Decode a legacy encoding to UTF-8 (any ICU converter name).
 * @function decode
 * @tparam string bytes
 * @tparam string charset "windows-1256", "ISO-8859-6", "UTF-16LE", ...
 * @tparam[opt] table opts `normalize` = a profile (as for normalize) to
 *   normalise the decoded text in the same call
 * @treturn string UTF-8; bytes with no mapping become U+FFFD
 * @raise "akhbar.decode: unknown charset 'x' (try ...)" */
static int l_decode(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  const char *charset = luaL_checkstring(L, 2);
  unsigned ops = 0;
  int norm = 0;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, 3)) {
      const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
      if (strcmp(k, "normalize") != 0)
        luaL_error(L, "akhbar.decode: unknown option '%s' (valid: normalize)", k);
      lua_pop(L, 1);
    }
    if (lua_getfield(L, 3, "normalize") != LUA_TNIL) {
      norm = 1;
      ops = check_profile(L, -1, "akhbar.decode");
    }
    lua_pop(L, 1);
  }
  lua_settop(L, 3);
  akh_buf *b = new_buf(L);
  akh_error err = {0};
  if (akh_decode(s, len, charset, b, &err) != AKH_OK) {
    if (err.code == AKH_EARG)
      luaL_error(L, "akhbar.decode: unknown charset '%s' (try 'windows-1256' or 'ISO-8859-6')", charset);
    aux_raise(L, "akhbar.decode", &err);
  }
  if (norm) {
    akh_buf *n = new_buf(L);
    if (akh_normalize(b->data, b->len, ops | AKH_N_REPLACE, n, NULL, &err) != AKH_OK)
      aux_raise(L, "akhbar.decode", &err);
    akh_buf_free(b);
    b = n;
  }
  lua_pushlstring(L, b->data, b->len);
  akh_buf_free(b);
  return 1;
}

/*** Check UTF-8.
 * @function utf8_check
 * @tparam string s
 * @treturn boolean true if valid (NUL bytes are valid)
 * @treturn[opt] integer else the 1-based offset of the first invalid byte */
static int l_utf8_check(lua_State *L) {
  size_t len, bad = 0;
  const char *s = luaL_checklstring(L, 1, &len);
  if (akh_utf8_check(s, len, &bad) == AKH_OK) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_pushinteger(L, (lua_Integer)bad + 1);
  return 2;
}

/* Keep this module (and ICU, which it loads) mapped until the process
 * exits, even after lua_close unloads C libraries.  ICU caches its data
 * (normalisation tables, converters) in its own globals for the life of
 * the process; unmapping it mid-process would turn those caches into
 * "leaks" for LeakSanitizer and risk stale state on a reload. */
static void pin_module(void) {
  Dl_info info;
  if (dladdr((void *)pin_module, &info) && info.dli_fname) {
    void *h = dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    if (h) dlclose(h); /* drops our extra reference; NODELETE stays */
  }
}

void akh_lua_open_text(lua_State *L) {
  pin_module();
  static const luaL_Reg map_methods[] = {
      {"span", map_span},
      {"offset", map_offset},
      {"close", map_gc},
      {NULL, NULL},
  };
  static const luaL_Reg map_meta[] = {
      {"__len", map_len},
      {"__gc", map_gc},
      {"__close", map_gc},
      {"__tostring", map_tostring},
      {NULL, NULL},
  };
  static const luaL_Reg buf_meta[] = {
      {"__gc", buf_gc},
      {"__close", buf_gc},
      {NULL, NULL},
  };
  static const luaL_Reg funcs[] = {
      {"decode", l_decode},
      {"utf8_check", l_utf8_check},
      {NULL, NULL},
  };
  aux_newclass(L, MAPCLASS, map_methods, map_meta);
  aux_newclass(L, BUFCLASS, NULL, buf_meta);
  luaL_setfuncs(L, funcs, 0);
  new_buf(L);
  lua_pushcclosure(L, l_normalize, 1);
  lua_setfield(L, -2, "normalize");
}
