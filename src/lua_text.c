/* lua_text.c — Lua binding for this part of the core (placeholder). */
#include "lua_aux.h"

void akh_lua_open_text(lua_State *L) {
  (void)L;
}
