/* lua_tokens.c — Lua binding for this part of the core (placeholder). */
#include "lua_aux.h"

void akh_lua_open_tokens(lua_State *L) {
  (void)L;
}
