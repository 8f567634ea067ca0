/* lua_aux.h — one way to make classes and report errors in the Lua binding
 * (LuaSocket's auxiliar.c pattern).  Only src/lua_*.c and lakhbar.c include
 * Lua headers. */
#ifndef AKH_LUA_AUX_H
#define AKH_LUA_AUX_H

#include <lauxlib.h>
#include <lua.h>

#include "akhbar.h"

/* Create metatable `name` (e.g. "akhbar.Corpus") with `methods` in
 * __index and `meta` (__gc, __close, __tostring, __len, ...) on the
 * metatable itself.  Leaves nothing on the stack. */
void aux_newclass(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta);

/* luaL_checkudata with an error that reads "akhbar.X expected". */
void *aux_checkclass(lua_State *L, int idx, const char *name);

/* Push "name (0x...)" or "name (closed)" — the REPL convention. */
int aux_pushtostring(lua_State *L, const char *name, const void *p, int closed, const char *detail);

/* Raise a Lua error from an akh_error, prefixed with the function's name:
 * "akhbar.normalize: invalid UTF-8 at byte 12". Never returns. */
int aux_raise(lua_State *L, const char *where, const akh_error *e);

/* Return nil, message (luaL_fileresult order) for environmental failures. */
int aux_failresult(lua_State *L, const char *fmt, ...);

/* Each part of the binding adds its functions to the module table on top
 * of the stack. */
void akh_lua_open_text(lua_State *L);        /* lua_text.c: normalize, decode */
void akh_lua_open_tokens(lua_State *L);      /* lua_tokens.c: tokens, stem */
void akh_lua_open_db(lua_State *L);          /* lua_db.c: SQLite connection, statements */
void akh_lua_open_gazetteer(lua_State *L);   /* lua_gazetteer.c */
void akh_lua_open_news(lua_State *L);        /* lua_news.c */
void akh_lua_open_fingerprint(lua_State *L); /* lua_fingerprint.c */

#endif
