package = "akhbar"
version = "scm-1"
source = {
  url = "git+https://github.com/akhbar/akhbar.git",
  branch = "main",
}
description = {
  summary = "Arabic news analysis: normalisation, stemming, FTS5 search, entities, quotes, stories",
  detailed = [[
akhbar (أخبار) is a C library exposed as a Lua 5.4 module for analysts who
study Arabic news: Arabic normalisation with offsets into the original text,
tokenising and light stemming, a SQLite FTS5 corpus with an Arabic tokenizer,
gazetteer entity matching, quote attribution and story clustering.
]],
  homepage = "https://github.com/akhbar/akhbar",
  license = "MIT",
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
external_dependencies = {
  ICU = { header = "unicode/unorm2.h", library = "icuuc" },
  SQLITE = { header = "sqlite3.h", library = "sqlite3" },
  ZLIB = { header = "zlib.h", library = "z" },
}
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    AKH_BENCH = "OFF",
    LUA_INCDIR = "$(LUA_INCDIR)",
    LIBDIR = "$(LIBDIR)",
    LUADIR = "$(LUADIR)",
    CMAKE_C_FLAGS = "$(CFLAGS)",
    CMAKE_MODULE_LINKER_FLAGS = "$(LIBFLAG)",
  },
  install = {
    bin = { akhbar = "bin/akhbar" },
  },
}
