-- luacheck configuration (make lint)
std = "lua54"
unused_args = false
max_line_length = false -- Arabic sample sentences make long lines
files["spec"] = { std = "+busted" }
exclude_files = { "build*", "lua_modules" }
