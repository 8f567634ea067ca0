/* lua_aux.c — class and error helpers shared by every binding file. */
#include <stdarg.h>
#include <stdio.h>

#include "lua_aux.h"

void aux_newclass(lua_State *L, const char *name, const luaL_Reg *methods, const luaL_Reg *meta) {
  luaL_newmetatable(L, name); /* also sets __name */
  if (meta) luaL_setfuncs(L, meta, 0);
  if (methods) {
    lua_newtable(L);
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
}

void *aux_checkclass(lua_State *L, int idx, const char *name) {
  return luaL_checkudata(L, idx, name);
}

int aux_pushtostring(lua_State *L, const char *name, const void *p, int closed, const char *detail) {
  if (closed)
    lua_pushfstring(L, "%s (closed)", name);
  else if (detail)
    lua_pushfstring(L, "%s (%s)", name, detail);
  else
    lua_pushfstring(L, "%s (%p)", name, p);
  return 1;
}

int aux_raise(lua_State *L, const char *where, const akh_error *e) {
  if (e->message[0])
    return luaL_error(L, "%s: %s", where, e->message);
  return luaL_error(L, "%s: %s", where, akh_strerror(e->code));
}

int aux_failresult(lua_State *L, const char *fmt, ...) {
  va_list ap;
  lua_pushnil(L);
  va_start(ap, fmt);
  lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  return 2;
}
