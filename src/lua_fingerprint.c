/* lua_fingerprint.c — Lua binding of the fingerprints (akh_fingerprint.h):
 *   core.fingerprint(text [, opts]) -> table
 *   core.simhash_distance(a, b)     -> integer 0..64
 *   core.minhash_similarity(sa, sb) -> number 0..1
 *   core.fingerprint_defaults()     -> table of the default parameters
 * The friendly layer is lua/akhbar/fingerprint.lua. */
#include <string.h>

#include "lua_aux.h"

static const char *const invalid_modes[] = {"error", "skip", NULL};

static unsigned opt_uint(lua_State *L, int t, const char *field, unsigned dflt) {
  lua_Integer v;
  int isnum;
  if (lua_getfield(L, t, field) == LUA_TNIL) {
    lua_pop(L, 1);
    return dflt;
  }
  v = lua_tointegerx(L, -1, &isnum);
  if (!isnum || v < 1 || v > 1 << 20)
    luaL_error(L, "akhbar.fingerprint: option '%s' must be a positive integer", field);
  lua_pop(L, 1);
  return (unsigned)v;
}

/* Options table at index t (may be absent) into *p. */
static void check_params(lua_State *L, int t, akh_fp_params *p) {
  akh_error err = {0};
  akh_fp_defaults(p);
  if (lua_isnoneornil(L, t)) return;
  luaL_checktype(L, t, LUA_TTABLE);
  p->shingle = opt_uint(L, t, "shingle", p->shingle);
  p->perms = opt_uint(L, t, "perms", p->perms);
  p->bands = opt_uint(L, t, "bands", p->bands);
  p->rows = opt_uint(L, t, "rows", p->rows);
  if (lua_getfield(L, t, "lead") != LUA_TNIL) {
    int isnum;
    lua_Integer v = lua_tointegerx(L, -1, &isnum);
    if (!isnum || v < 0 || v > 1 << 30) luaL_error(L, "akhbar.fingerprint: option 'lead' must be an integer >= 0 (0: whole text)");
    p->lead = (unsigned)v;
  }
  lua_pop(L, 1);
  if (lua_getfield(L, t, "stopwords") != LUA_TNIL) p->stopwords = lua_toboolean(L, -1);
  lua_pop(L, 1);
  if (lua_getfield(L, t, "seed") != LUA_TNIL) {
    int isnum;
    lua_Integer s = lua_tointegerx(L, -1, &isnum);
    if (!isnum) luaL_error(L, "akhbar.fingerprint: option 'seed' must be an integer");
    p->seed = (uint64_t)s;
  }
  lua_pop(L, 1);
  lua_getfield(L, t, "invalid");
  p->lenient = luaL_checkoption(L, -1, "error", invalid_modes) == 1;
  lua_pop(L, 1);
  if (akh_fp_check(p, &err) != AKH_OK) aux_raise(L, "akhbar.fingerprint", &err);
}

static void push_minhash(lua_State *L, const uint32_t *m, unsigned n) {
  luaL_Buffer b;
  unsigned char *out = (unsigned char *)luaL_buffinitsize(L, &b, 4 * (size_t)n);
  for (unsigned i = 0; i < n; i++) {
    out[4 * i] = (unsigned char)m[i];
    out[4 * i + 1] = (unsigned char)(m[i] >> 8);
    out[4 * i + 2] = (unsigned char)(m[i] >> 16);
    out[4 * i + 3] = (unsigned char)(m[i] >> 24);
  }
  luaL_pushresultsize(&b, 4 * (size_t)n);
}

static int l_fingerprint(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  akh_fp_params p;
  akh_error err = {0};
  check_params(L, 2, &p);
  akh_fp *fp = lua_newuserdatauv(L, sizeof *fp, 0); /* scratch, collected with the call */
  if (akh_fingerprint(s, len, &p, fp, &err) != AKH_OK) {
    if (err.code == AKH_EUTF8)
      return luaL_error(L, "akhbar.fingerprint: invalid UTF-8 at byte %I (pass {invalid=\"skip\"} to ignore bad bytes)",
                        (lua_Integer)err.offset + 1);
    return aux_raise(L, "akhbar.fingerprint", &err);
  }
  lua_createtable(L, 0, 9);
  lua_pushinteger(L, (lua_Integer)fp->simhash);
  lua_setfield(L, -2, "simhash");
  lua_pushinteger(L, (lua_Integer)fp->content);
  lua_setfield(L, -2, "content");
  push_minhash(L, fp->minhash, fp->perms);
  lua_setfield(L, -2, "minhash");
  lua_createtable(L, (int)p.bands, 0);
  for (unsigned b = 0; b < p.bands; b++) {
    lua_pushinteger(L, (lua_Integer)akh_fp_band(fp, &p, b));
    lua_rawseti(L, -2, (lua_Integer)b + 1);
  }
  lua_setfield(L, -2, "bands");
  lua_pushinteger(L, (lua_Integer)fp->words);
  lua_setfield(L, -2, "words");
  lua_pushinteger(L, (lua_Integer)fp->kept);
  lua_setfield(L, -2, "kept");
  lua_pushinteger(L, (lua_Integer)fp->shingles);
  lua_setfield(L, -2, "shingles");
  return 1;
}

static int l_simhash_distance(lua_State *L) {
  lua_Integer a = luaL_checkinteger(L, 1), b = luaL_checkinteger(L, 2);
  lua_pushinteger(L, (lua_Integer)akh_simhash_distance((uint64_t)a, (uint64_t)b));
  return 1;
}

static int l_minhash_similarity(lua_State *L) {
  size_t na, nb;
  const char *a = luaL_checklstring(L, 1, &na);
  const char *b = luaL_checklstring(L, 2, &nb);
  luaL_argcheck(L, na % 4 == 0, 1, "not a MinHash signature (length not a multiple of 4)");
  luaL_argcheck(L, nb == na, 2, "MinHash signatures of different sizes (different perms?)");
  size_t n = na / 4, eq = 0;
  const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
  /* Compared as bytes: the packing is little-endian on every host. */
  for (size_t i = 0; i < n; i++) {
    const unsigned char *x = pa + 4 * i, *y = pb + 4 * i;
    if (memcmp(x, y, 4) == 0 && !(x[0] == 0xFF && x[1] == 0xFF && x[2] == 0xFF && x[3] == 0xFF))
      eq++;
  }
  lua_pushnumber(L, n ? (lua_Number)eq / (lua_Number)n : 0.0);
  return 1;
}

static int l_fingerprint_defaults(lua_State *L) {
  akh_fp_params p;
  akh_fp_defaults(&p);
  lua_createtable(L, 0, 6);
  lua_pushinteger(L, p.shingle);
  lua_setfield(L, -2, "shingle");
  lua_pushinteger(L, p.perms);
  lua_setfield(L, -2, "perms");
  lua_pushinteger(L, p.bands);
  lua_setfield(L, -2, "bands");
  lua_pushinteger(L, p.rows);
  lua_setfield(L, -2, "rows");
  lua_pushinteger(L, p.lead);
  lua_setfield(L, -2, "lead");
  lua_pushboolean(L, p.stopwords);
  lua_setfield(L, -2, "stopwords");
  lua_pushinteger(L, (lua_Integer)p.seed);
  lua_setfield(L, -2, "seed");
  return 1;
}

static const luaL_Reg fingerprint_funcs[] = {
  {"fingerprint", l_fingerprint},
  {"simhash_distance", l_simhash_distance},
  {"minhash_similarity", l_minhash_similarity},
  {"fingerprint_defaults", l_fingerprint_defaults},
  {NULL, NULL},
};

void akh_lua_open_fingerprint(lua_State *L) {
  luaL_setfuncs(L, fingerprint_funcs, 0);
}
