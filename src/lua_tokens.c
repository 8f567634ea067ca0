/* lua_tokens.c — Lua binding of the tokenizer and the stemmer:
 * akhbar.tokens(s [, opts]) and akhbar.stem(word [, mode]). */
#include <stdio.h>
#include <string.h>

#include "lua_aux.h"

#define STATE "akhbar.Tokens"

/* The iterator state: one per tokens() call (and one shared by stem()). */
typedef struct tok_state {
  akh_tokenizer tz;
  akh_buf norm;      /* reused for every token's norm */
  int stem;          /* -1: no stem field; else an akh_stem_mode */
  unsigned kinds;    /* bit k set: yield kind k; 0: all */
  int done;
} tok_state;

static const char *const stem_modes[] = {"light", "clitics", NULL};

static int state_gc(lua_State *L) {
  tok_state *st = luaL_checkudata(L, 1, STATE);
  akh_buf_free(&st->norm); /* safe twice: akh_buf_free resets the buffer */
  st->done = 1;
  return 0;
}

static int state_tostring(lua_State *L) {
  tok_state *st = luaL_checkudata(L, 1, STATE);
  char detail[64];
  snprintf(detail, sizeof detail, "at byte %zu of %zu", st->tz.pos + 1, st->tz.len);
  return aux_pushtostring(L, STATE, st, st->done, detail);
}

static tok_state *new_state(lua_State *L) {
  tok_state *st = lua_newuserdatauv(L, sizeof *st, 0);
  memset(st, 0, sizeof *st);
  st->stem = -1;
  luaL_setmetatable(L, STATE);
  return st;
}

/* Normalise s[0..n) with the SEARCH profile into st->norm; raises on error. */
static void search_norm(lua_State *L, tok_state *st, const char *where, const char *s, size_t n) {
  akh_error err = {0};
  st->norm.len = 0;
  if (akh_normalize(s, n, AKH_PROFILE_SEARCH, &st->norm, NULL, &err) != AKH_OK) {
    if (err.code == AKH_EUTF8)
      luaL_error(L, "%s: invalid UTF-8 at byte %I", where, (lua_Integer)err.offset + 1);
    aux_raise(L, where, &err);
  }
}

static int tokens_next(lua_State *L) {
  const char *s = lua_tostring(L, lua_upvalueindex(1));
  tok_state *st = lua_touserdata(L, lua_upvalueindex(2));
  akh_token tok;
  akh_error err = {0};
  if (st->done) return 0;
  for (;;) {
    int r = akh_tokenizer_next(&st->tz, &tok, &err);
    if (r == 0) {
      st->done = 1;
      return 0;
    }
    if (r < 0) {
      st->done = 1;
      if (-r == AKH_EUTF8)
        return luaL_error(L, "akhbar.tokens: invalid UTF-8 at byte %I", (lua_Integer)err.offset + 1);
      return aux_raise(L, "akhbar.tokens", &err);
    }
    if (!st->kinds || (st->kinds & (1u << tok.kind))) break;
  }
  lua_createtable(L, 0, st->stem >= 0 ? 6 : 5);
  lua_pushlstring(L, s + tok.start, tok.stop - tok.start);
  lua_setfield(L, -2, "text");
  search_norm(L, st, "akhbar.tokens", s + tok.start, tok.stop - tok.start);
  lua_pushlstring(L, st->norm.data ? st->norm.data : "", st->norm.len);
  lua_setfield(L, -2, "norm");
  lua_pushinteger(L, (lua_Integer)tok.start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)tok.stop);
  lua_setfield(L, -2, "stop");
  lua_pushstring(L, akh_token_kind_name(tok.kind));
  lua_setfield(L, -2, "kind");
  if (st->stem >= 0) {
    size_t a, n;
    akh_stem(st->norm.data, st->norm.len, (akh_stem_mode)st->stem, &a, &n);
    lua_pushlstring(L, st->norm.data ? st->norm.data + a : "", n);
    lua_setfield(L, -2, "stem");
  }
  return 1;
}

static unsigned kind_bit(lua_State *L, int key) {
  const char *name = lua_type(L, key) == LUA_TSTRING ? lua_tostring(L, key) : NULL;
  for (int k = AKH_TOK_ARABIC; name && k <= AKH_TOK_MENTION; k++)
    if (strcmp(name, akh_token_kind_name((akh_token_kind)k)) == 0) return 1u << k;
  return luaL_error(L, "akhbar.tokens: unknown kind %s in opts.kinds (known: arabic, latin, "
                       "number, punct, url, email, hashtag, mention)",
                    luaL_tolstring(L, key, NULL));
}

/* tokens(s [, opts]) -> iterator yielding {text, norm, start, stop, kind [, stem]}. */
static int l_tokens(lua_State *L) {
  size_t len, bad;
  const char *s = luaL_checklstring(L, 1, &len);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  luaL_argcheck(L, len <= AKH_MAX_DOC, 1, "string too long for akhbar (AKH_MAX_DOC)");
  if (akh_utf8_check(s, len, &bad) != AKH_OK)
    return luaL_error(L, "akhbar.tokens: invalid UTF-8 at byte %I", (lua_Integer)bad + 1);
  lua_settop(L, 2);
  tok_state *st = new_state(L); /* index 3 */
  if (lua_istable(L, 2)) {
    if (lua_getfield(L, 2, "stem") != LUA_TNIL) {
      const char *m = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      for (int i = 0; stem_modes[i]; i++)
        if (strcmp(m, stem_modes[i]) == 0) st->stem = i;
      if (st->stem < 0)
        return luaL_error(L, "akhbar.tokens: opts.stem must be \"light\" or \"clitics\", got %s",
                          luaL_tolstring(L, -1, NULL));
    }
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "kinds") != LUA_TNIL) {
      luaL_argcheck(L, lua_istable(L, -1), 2, "opts.kinds must be a table such as {arabic = true}");
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        unsigned bit = kind_bit(L, -2);
        if (lua_toboolean(L, -1)) st->kinds |= bit;
        lua_pop(L, 1);
      }
      if (!st->kinds) st->kinds = 1u << 31; /* all false: yield nothing */
    }
    lua_pop(L, 1);
  }
  akh_tokenizer_init(&st->tz, s, len);
  lua_pushvalue(L, 1); /* pins s for the iterator's life */
  lua_pushvalue(L, 3);
  lua_pushcclosure(L, tokens_next, 2);
  return 1;
}

/* stem(word [, mode]) -> the stem of the SEARCH-normalised word. */
static int l_stem(lua_State *L) {
  size_t len;
  const char *w = luaL_checklstring(L, 1, &len);
  int mode = luaL_checkoption(L, 2, "light", stem_modes);
  tok_state *st = lua_touserdata(L, lua_upvalueindex(1));
  size_t a, n;
  luaL_argcheck(L, len <= AKH_MAX_DOC, 1, "string too long for akhbar (AKH_MAX_DOC)");
  search_norm(L, st, "akhbar.stem", w, len);
  akh_stem(st->norm.data, st->norm.len, (akh_stem_mode)mode, &a, &n);
  lua_pushlstring(L, st->norm.data ? st->norm.data + a : "", n);
  return 1;
}

void akh_lua_open_tokens(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__gc", state_gc}, {"__close", state_gc}, {"__tostring", state_tostring}, {NULL, NULL}};
  aux_newclass(L, STATE, NULL, meta);
  lua_pushcfunction(L, l_tokens);
  lua_setfield(L, -2, "tokens");
  new_state(L); /* stem()'s reusable buffer */
  lua_pushcclosure(L, l_stem, 1);
  lua_setfield(L, -2, "stem");
}
