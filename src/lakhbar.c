/* lakhbar.c — entry point of the Lua module akhbar.core.  Users require
 * "akhbar" (lua/akhbar/init.lua), which builds the friendly API on this. */
#include "lua_aux.h"

AKH_API int luaopen_akhbar_core(lua_State *L);

int luaopen_akhbar_core(lua_State *L) {
  lua_newtable(L);
  lua_pushliteral(L, AKH_VERSION);
  lua_setfield(L, -2, "version");
  akh_lua_open_text(L);
  akh_lua_open_tokens(L);
  akh_lua_open_db(L);
  akh_lua_open_gazetteer(L);
  akh_lua_open_news(L);
  akh_lua_open_fingerprint(L);
  return 1;
}
