/* lua_db.c — Lua binding for this part of the core (placeholder). */
#include "lua_aux.h"

void akh_lua_open_db(lua_State *L) {
  (void)L;
}
