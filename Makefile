# akhbar.  Users run ./run demo and ./run test (./run installs the Debian
# packages first); with the packages present, make works directly:
#   make demo   builds, imports the sample corpus into sample.db, runs a
#               query and prints the results
#   make test   the whole test suite: build with -Werror, busted specs, the
#               same specs under AddressSanitizer + UBSan, luacheck, and a
#               `luarocks make` install check
# Other targets: build, sanitize, bench, fuzz, doc, install, clean.

LUA      ?= lua5.4
BUSTED   ?= $(LUA) /usr/bin/busted
BUILD    ?= build
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
SHARED   ?= ../shared

export AKHBAR_SHARED := $(abspath $(SHARED))
LUA_ENV = LUA_PATH="./lua/?.lua;./lua/?/init.lua;;" LUA_CPATH="./$(BUILD)/?.so;;"

.PHONY: all build demo test spec sanitize spec-asan valgrind lint rock-check bench fuzz fuzz-ci fuzz-long doc install clean world-gazetteer

all: build

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DAKH_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

QUERY ?= لافروف سوريا
demo: build
	$(LUA_ENV) $(LUA) examples/demo.lua sample.db examples/corpus "$(QUERY)"

spec: build
	AKHBAR_BUILD=./$(BUILD) $(BUSTED) -o utfTerminal

# The same specs against an ASan/UBSan build of the module.  lua5.4 itself is
# not instrumented, so the runtime is preloaded.  Specs tagged #corpus import
# all of SaudiNewsNet and #slow ones run whole processes many times (crash
# safety, concurrency): minutes under ASan, too long for CI.  They run in
# `make spec`; the ASan run covers the same C code on the seeds and on
# slices of the real corpus.
sanitize:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Sanitize -DAKH_WERROR=ON >/dev/null
	cmake --build build-asan -j $(JOBS)

spec-asan: sanitize
	AKHBAR_BUILD=./build-asan \
	LD_PRELOAD="$$(gcc -print-file-name=libasan.so) $$(gcc -print-file-name=libubsan.so)" \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(BUSTED) -o utfTerminal --exclude-tags=corpus,slow

# The specs that reach the C code under valgrind (memcheck), on the sample
# corpus only: AKHBAR_SHARED points nowhere, so the specs that read the real
# corpus skip themselves, and #slow cases are left out.  Any error or
# definite leak fails.
VALGRIND_SPECS = normalize tokens stem decode gazetteer entities fingerprint sqlite_ext \
  corpus search module dates dates_evidence quotes news news_store entities_store stories import hostile
valgrind: build
	AKHBAR_BUILD=./$(BUILD) AKHBAR_SHARED=/nonexistent \
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	  --show-leak-kinds=definite --num-callers=30 --suppressions=valgrind.supp \
	  $(BUSTED) -o TAP --exclude-tags=slow $(VALGRIND_SPECS:%=spec/%_spec.lua) > $(BUILD)/valgrind.log 2>&1 || \
	  { grep -v '^ok ' $(BUILD)/valgrind.log; echo "valgrind: errors or failures (log $(BUILD)/valgrind.log)"; exit 1; }
	@grep -c '^ok ' $(BUILD)/valgrind.log | sed 's/$$/ specs clean under valgrind/'

lint:
	luacheck --codes lua spec examples bench bin/akhbar

# The rockspec must build and install with LuaRocks (into a scratch tree).
rock-check:
	rm -rf $(BUILD)-rock && luarocks --lua-version=5.4 --tree=$(BUILD)-rock make rockspec/akhbar-scm-1.rockspec >/dev/null
	LUA_PATH="$(BUILD)-rock/share/lua/5.4/?.lua;$(BUILD)-rock/share/lua/5.4/?/init.lua" \
	LUA_CPATH="$(BUILD)-rock/lib/lua/5.4/?.so" \
	  $(LUA) -e 'local a = require "akhbar"; assert(a.normalize("الميدانيـة") == "الميدانيه"); print("rock ok: " .. a._VERSION)'
	LUA_PATH="$(BUILD)-rock/share/lua/5.4/?.lua;$(BUILD)-rock/share/lua/5.4/?/init.lua" \
	LUA_CPATH="$(BUILD)-rock/lib/lua/5.4/?.so" $(BUILD)-rock/bin/akhbar --help >/dev/null

# The whole suite (./run test, CI): release specs, the specs under ASan+UBSan
# and under valgrind, every fuzz target for TEST_FUZZ_TIME seconds, luacheck,
# and the LuaRocks install.
TEST_FUZZ_TIME ?= 5
test: build spec spec-asan valgrind lint rock-check
	$(MAKE) fuzz-ci FUZZ_TIME=$(TEST_FUZZ_TIME)

bench: build
	$(LUA_ENV) $(LUA) bench/run.lua

# Every fuzz target (clang, libclang-rt-14-dev) built and run for FUZZ_TIME
# seconds (20) on seeds made from the sample articles (and the real corpus
# when present); stops at the first finding.  fuzz-ci is the same (CI and
# make test give each target 5 s).  fuzz-long runs each target to
# FUZZ_RUNS executions (10 M; hours per target on one core), logs in
# fuzz/long/.
FUZZ_TIME ?= 20
FUZZ_RUNS ?= 10000000
fuzz fuzz-ci:
	$(MAKE) -C fuzz ci FUZZ_TIME=$(FUZZ_TIME)

fuzz-long:
	$(MAKE) -C fuzz long FUZZ_RUNS=$(FUZZ_RUNS)

# The API reference in doc/ (LDoc, Debian lua-ldoc): the Lua modules, and
# the C binding's /*** comments gathered under @module akhbar.core.
doc:
	mkdir -p build-doc
	{ printf '/***\n * The C primitives under the Lua API; `require "akhbar"` re-exports the text core.\n * @module akhbar.core\n */\n'; \
	  cat src/lua_*.c; } > build-doc/akhbar_core.c
	ldoc .

# data/world.tsv, the world gazetteer (docs/gazetteer.md), derived from
# $(SHARED)/gazetteer-sources, the Debian packages unicode-cldr-core and
# libgeonames-common and the word counts of $(SHARED)/corpus; not part of
# the default build or of `make test`.
world-gazetteer: build
	LUA_PATH="./lua/?.lua;./lua/?/init.lua;./tools/?.lua;;" LUA_CPATH="./$(BUILD)/?.so;;" \
	  $(LUA) tools/build_world_gazetteer.lua data/world.tsv

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) build-asan $(BUILD)-rock build.luarocks sample.db
