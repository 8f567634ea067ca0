/* lua_db.c — the store's primitives for Lua (akhbar.core): a minimal
 * SQLite binding (akhbar.Db, akhbar.Stmt), the line reader (akhbar.Lines),
 * the content hash, isatty and a monotonic clock.  lua/akhbar/corpus.lua
 * builds the friendly corpus API on top (LuaSocket's split).
 *
 *   core.db_open(path [, mode])  mode "rwc" (default), "rw" or "ro";
 *                                -> Db | nil, message, sqlite code
 *   db:exec(sql)                 one or more statements, no parameters
 *   db:prepare(sql)              -> Stmt, tail (the unparsed rest, or nil)
 *   db:changes() db:last_insert_rowid() db:readonly() db:errmsg() db:close()
 *   stmt:bind(...)               clears, then binds 1..n (nil = NULL,
 *                                boolean = 0/1, strings as TEXT when valid
 *                                UTF-8, else BLOB); returns stmt
 *   stmt:step()                  -> true (a row) | false (done); raises
 *                                SQLite's message on error (and resets)
 *   stmt:row() -> {name = value}   stmt:values() -> v1, v2, ...
 *   stmt:run(...)                reset + bind + step to the end -> changes
 *   stmt:first(...)              reset + bind + first row table (or nil)
 *   stmt:reset() stmt:finalize() stmt:readonly() stmt:columns()
 *   core.lines_open(path)        -> Lines | nil, message
 *   lines:next() -> line | nil   lines:progress() -> bytes, pos, size
 *   core.content_hash(text)      -> 32 hex digits | nil, message
 *   core.isatty("stderr"|"stdout"|"stdin"|fd)   core.now() -> seconds
 *   core.stat(path)              -> "file"|"directory"|"other", size | nil, msg
 *   core.listdir(path)           -> sorted array of names | nil, message
 *
 * Every connection gets the FTS5 tokenizer and the SQL functions.  Closing
 * a Db finalizes the statements made by db:prepare still open on it; their
 * Stmt objects then report "database is closed". */
#include <dirent.h>
#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lua_aux.h"

#define DBCLASS "akhbar.Db"
#define STCLASS "akhbar.Stmt"
#define LNCLASS "akhbar.Lines"

typedef struct lstmt lstmt;

typedef struct ldb {
  sqlite3 *db;  /* NULL once closed */
  lstmt *stmts; /* our open statements (FTS5 has its own on the connection) */
} ldb;

struct lstmt {
  sqlite3_stmt *st; /* NULL once finalized */
  ldb *owner;       /* pinned by user value 1 */
  lstmt *prev, *next;
};

static void stmt_finalize(lstmt *s) {
  if (!s->st) return;
  sqlite3_finalize(s->st);
  s->st = NULL;
  if (s->prev) s->prev->next = s->next;
  else s->owner->stmts = s->next;
  if (s->next) s->next->prev = s->prev;
  s->prev = s->next = NULL;
}

static void finalize_all(ldb *d) {
  while (d->stmts) stmt_finalize(d->stmts);
}

/* ---------------------------------------------------------------- Db */

static ldb *check_db(lua_State *L, int idx) {
  ldb *d = aux_checkclass(L, idx, DBCLASS);
  if (!d->db) luaL_error(L, "akhbar.Db: the database is closed");
  return d;
}

static int raise_db(lua_State *L, sqlite3 *db) {
  lua_pushstring(L, sqlite3_errmsg(db));
  return lua_error(L);
}

static int l_db_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  static const char *const modes[] = {"rwc", "rw", "ro", NULL};
  int mode = luaL_checkoption(L, 2, "rwc", modes);
  int flags = mode == 0 ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            : mode == 1 ? SQLITE_OPEN_READWRITE
                        : SQLITE_OPEN_READONLY;
  ldb *d = lua_newuserdatauv(L, sizeof *d, 0);
  d->db = NULL;
  d->stmts = NULL;
  luaL_setmetatable(L, DBCLASS);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2(path, &db, flags, NULL);
  if (rc != SQLITE_OK) {
    lua_pushnil(L);
    lua_pushstring(L, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    lua_pushinteger(L, rc);
    sqlite3_close(db);
    return 3;
  }
  sqlite3_extended_result_codes(db, 0);
  akh_error err = {0};
  if (akh_fts5_register(db, &err) != AKH_OK || (rc = akh_sql_register(db)) != SQLITE_OK) {
    lua_pushnil(L);
    if (err.code) lua_pushstring(L, err.message);
    else lua_pushfstring(L, "registering SQL functions: %s", sqlite3_errstr(rc));
    lua_pushinteger(L, SQLITE_ERROR);
    sqlite3_close(db);
    return 3;
  }
  sqlite3_busy_timeout(db, 5000);
  d->db = db;
  return 1;
}

static int db_close(lua_State *L) {
  ldb *d = aux_checkclass(L, 1, DBCLASS);
  if (d->db) {
    finalize_all(d);
    int rc = sqlite3_close(d->db);
    if (rc != SQLITE_OK) {
      lua_pushnil(L);
      lua_pushstring(L, sqlite3_errmsg(d->db));
      return 2;
    }
    d->db = NULL;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static int db_gc(lua_State *L) {
  ldb *d = aux_checkclass(L, 1, DBCLASS);
  if (d->db) {
    finalize_all(d);
    sqlite3_close_v2(d->db);
    d->db = NULL;
  }
  return 0;
}

static int db_exec(lua_State *L) {
  ldb *d = check_db(L, 1);
  const char *sql = luaL_checkstring(L, 2);
  char *msg = NULL;
  if (sqlite3_exec(d->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    lua_pushstring(L, msg ? msg : sqlite3_errmsg(d->db));
    sqlite3_free(msg);
    return lua_error(L);
  }
  return 0;
}

static int db_prepare(lua_State *L) {
  ldb *d = check_db(L, 1);
  size_t len;
  const char *sql = luaL_checklstring(L, 2, &len);
  lstmt *s = lua_newuserdatauv(L, sizeof *s, 1);
  s->st = NULL;
  s->owner = d;
  s->prev = s->next = NULL;
  luaL_setmetatable(L, STCLASS);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  const char *tail = NULL;
  if (len > 0x7ffffffe) luaL_argerror(L, 2, "statement too long");
  if (sqlite3_prepare_v2(d->db, sql, (int)len + 1, &s->st, &tail) != SQLITE_OK) return raise_db(L, d->db);
  if (!s->st) luaL_error(L, "no SQL statement in '%s'", sql);
  s->next = d->stmts;
  if (d->stmts) d->stmts->prev = s;
  d->stmts = s;
  while (tail && (*tail == ' ' || *tail == '\n' || *tail == '\t' || *tail == '\r' || *tail == ';')) tail++;
  if (tail && *tail) {
    lua_pushstring(L, tail);
    return 2;
  }
  return 1;
}

static int db_changes(lua_State *L) {
  lua_pushinteger(L, sqlite3_changes64(check_db(L, 1)->db));
  return 1;
}

static int db_last_insert_rowid(lua_State *L) {
  lua_pushinteger(L, sqlite3_last_insert_rowid(check_db(L, 1)->db));
  return 1;
}

static int db_readonly(lua_State *L) {
  lua_pushboolean(L, sqlite3_db_readonly(check_db(L, 1)->db, "main") == 1);
  return 1;
}

static int db_errmsg(lua_State *L) {
  lua_pushstring(L, sqlite3_errmsg(check_db(L, 1)->db));
  return 1;
}

static int db_autocommit(lua_State *L) {
  lua_pushboolean(L, sqlite3_get_autocommit(check_db(L, 1)->db));
  return 1;
}

static int db_tostring(lua_State *L) {
  ldb *d = aux_checkclass(L, 1, DBCLASS);
  const char *f = d->db ? sqlite3_db_filename(d->db, "main") : NULL;
  return aux_pushtostring(L, DBCLASS, d, d->db == NULL, f && *f ? f : NULL);
}

/* ---------------------------------------------------------------- Stmt */

static lstmt *check_stmt(lua_State *L, int idx) {
  lstmt *s = aux_checkclass(L, idx, STCLASS);
  if (!s->owner->db) luaL_error(L, "akhbar.Stmt: the database is closed");
  if (!s->st) luaL_error(L, "akhbar.Stmt: the statement is finalized");
  return s;
}

static void bind_all(lua_State *L, lstmt *s, int first) {
  sqlite3_stmt *st = s->st;
  int top = lua_gettop(L), np = sqlite3_bind_parameter_count(st);
  if (top - first + 1 > np)
    luaL_error(L, "%d values given for %d SQL parameters in: %s", top - first + 1, np, sqlite3_sql(st));
  sqlite3_clear_bindings(st);
  for (int i = first; i <= top; i++) {
    int k = i - first + 1, rc = SQLITE_OK;
    switch (lua_type(L, i)) {
    case LUA_TNIL: rc = sqlite3_bind_null(st, k); break;
    case LUA_TBOOLEAN: rc = sqlite3_bind_int(st, k, lua_toboolean(L, i)); break;
    case LUA_TNUMBER:
      if (lua_isinteger(L, i)) rc = sqlite3_bind_int64(st, k, lua_tointeger(L, i));
      else rc = sqlite3_bind_double(st, k, lua_tonumber(L, i));
      break;
    case LUA_TSTRING: {
      size_t n, bad;
      const char *p = lua_tolstring(L, i, &n);
      if (akh_utf8_check(p, n, &bad) == AKH_OK) rc = sqlite3_bind_text64(st, k, p, n, SQLITE_TRANSIENT, SQLITE_UTF8);
      else rc = sqlite3_bind_blob64(st, k, p, n, SQLITE_TRANSIENT);
      break;
    }
    default:
      luaL_error(L, "SQL parameter %d: cannot bind a %s", k, luaL_typename(L, i));
    }
    if (rc != SQLITE_OK) raise_db(L, s->owner->db);
  }
}

static int st_bind(lua_State *L) {
  lstmt *s = check_stmt(L, 1);
  sqlite3_reset(s->st);
  bind_all(L, s, 2);
  lua_settop(L, 1);
  return 1;
}

static int do_step(lua_State *L, lstmt *s) {
  int rc = sqlite3_step(s->st);
  if (rc == SQLITE_ROW) return 1;
  if (rc == SQLITE_DONE) return 0;
  lua_pushstring(L, sqlite3_errmsg(s->owner->db));
  sqlite3_reset(s->st);
  return lua_error(L);
}

static int st_step(lua_State *L) {
  lua_pushboolean(L, do_step(L, check_stmt(L, 1)));
  return 1;
}

static void push_col(lua_State *L, sqlite3_stmt *st, int i) {
  switch (sqlite3_column_type(st, i)) {
  case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_column_int64(st, i)); break;
  case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_column_double(st, i)); break;
  case SQLITE_TEXT: {
    const char *p = (const char *)sqlite3_column_text(st, i);
    lua_pushlstring(L, p ? p : "", (size_t)sqlite3_column_bytes(st, i));
    break;
  }
  case SQLITE_BLOB: {
    const void *p = sqlite3_column_blob(st, i);
    lua_pushlstring(L, p ? p : "", (size_t)sqlite3_column_bytes(st, i));
    break;
  }
  default: lua_pushnil(L);
  }
}

static void push_row(lua_State *L, sqlite3_stmt *st) {
  int n = sqlite3_column_count(st);
  lua_createtable(L, 0, n);
  for (int i = 0; i < n; i++) {
    if (sqlite3_column_type(st, i) == SQLITE_NULL) continue;
    push_col(L, st, i);
    lua_setfield(L, -2, sqlite3_column_name(st, i));
  }
}

static int st_row(lua_State *L) {
  push_row(L, check_stmt(L, 1)->st);
  return 1;
}

static int st_values(lua_State *L) {
  lstmt *s = check_stmt(L, 1);
  int n = sqlite3_column_count(s->st);
  luaL_checkstack(L, n, "too many columns");
  for (int i = 0; i < n; i++) push_col(L, s->st, i);
  return n;
}

static int st_run(lua_State *L) {
  lstmt *s = check_stmt(L, 1);
  sqlite3_reset(s->st);
  bind_all(L, s, 2);
  while (do_step(L, s)) {
  }
  sqlite3_reset(s->st);
  lua_pushinteger(L, sqlite3_changes64(s->owner->db));
  return 1;
}

static int st_first(lua_State *L) {
  lstmt *s = check_stmt(L, 1);
  sqlite3_reset(s->st);
  bind_all(L, s, 2);
  if (do_step(L, s)) push_row(L, s->st);
  else lua_pushnil(L);
  sqlite3_reset(s->st);
  return 1;
}

static int st_reset(lua_State *L) {
  lstmt *s = aux_checkclass(L, 1, STCLASS);
  if (s->st && s->owner->db) sqlite3_reset(s->st);
  return 0;
}

static int st_finalize(lua_State *L) {
  stmt_finalize(aux_checkclass(L, 1, STCLASS));
  return 0;
}

static int st_readonly(lua_State *L) {
  lua_pushboolean(L, sqlite3_stmt_readonly(check_stmt(L, 1)->st));
  return 1;
}

static int st_columns(lua_State *L) {
  lstmt *s = check_stmt(L, 1);
  int n = sqlite3_column_count(s->st);
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_pushstring(L, sqlite3_column_name(s->st, i));
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

static int st_tostring(lua_State *L) {
  lstmt *s = aux_checkclass(L, 1, STCLASS);
  int closed = !s->st || !s->owner->db;
  return aux_pushtostring(L, STCLASS, s, closed, closed ? NULL : sqlite3_sql(s->st));
}

/* ---------------------------------------------------------------- Lines */

typedef struct llines {
  akh_lines *r;
} llines;

static int l_lines_open(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  llines *l = lua_newuserdatauv(L, sizeof *l, 0);
  l->r = NULL;
  luaL_setmetatable(L, LNCLASS);
  akh_error err = {0};
  l->r = akh_lines_open(path, &err);
  if (!l->r) return aux_failresult(L, "%s", err.message);
  return 1;
}

static int ln_next(lua_State *L) {
  llines *l = aux_checkclass(L, 1, LNCLASS);
  if (!l->r) luaL_error(L, "akhbar.Lines: the reader is closed");
  const char *line;
  size_t len;
  akh_error err = {0};
  int r = akh_lines_next(l->r, &line, &len, &err);
  if (r < 0) return aux_raise(L, "akhbar.Lines", &err);
  if (r == 0) return 0;
  lua_pushlstring(L, line, len);
  return 1;
}

static int ln_progress(lua_State *L) {
  llines *l = aux_checkclass(L, 1, LNCLASS);
  uint64_t bytes, pos, size;
  akh_lines_progress(l->r, &bytes, &pos, &size);
  lua_pushinteger(L, (lua_Integer)bytes);
  lua_pushinteger(L, (lua_Integer)pos);
  lua_pushinteger(L, (lua_Integer)size);
  return 3;
}

static int ln_close(lua_State *L) {
  llines *l = aux_checkclass(L, 1, LNCLASS);
  akh_lines_close(l->r);
  l->r = NULL;
  return 0;
}

static int ln_tostring(lua_State *L) {
  llines *l = aux_checkclass(L, 1, LNCLASS);
  return aux_pushtostring(L, LNCLASS, l, l->r == NULL, NULL);
}

/* ---------------------------------------------------------------- misc */

static int l_content_hash(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  char hex[33];
  akh_error err = {0};
  if (akh_content_hash(s, len, hex, &err) != AKH_OK) {
    if (err.code == AKH_EUTF8) return aux_failresult(L, "invalid UTF-8 at byte %d", (int)err.offset + 1);
    return aux_raise(L, "akhbar.content_hash", &err);
  }
  lua_pushlstring(L, hex, 32);
  return 1;
}

static int l_isatty(lua_State *L) {
  int fd;
  if (lua_type(L, 1) == LUA_TNUMBER) fd = (int)luaL_checkinteger(L, 1);
  else {
    static const char *const names[] = {"stdin", "stdout", "stderr", NULL};
    fd = luaL_checkoption(L, 1, "stderr", names);
  }
  lua_pushboolean(L, isatty(fd) == 1);
  return 1;
}

static int l_now(lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
  return 1;
}

static int l_stat(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  struct stat st;
  if (stat(path, &st) != 0) return aux_failresult(L, "%s: %s", path, strerror(errno));
  lua_pushstring(L, S_ISDIR(st.st_mode) ? "directory" : S_ISREG(st.st_mode) ? "file" : "other");
  lua_pushinteger(L, (lua_Integer)st.st_size);
  return 2;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int l_listdir(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  DIR *d = opendir(path);
  if (!d) return aux_failresult(L, "%s: %s", path, strerror(errno));
  lua_newtable(L);
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    lua_pushstring(L, e->d_name);
    lua_rawseti(L, -2, ++n);
  }
  closedir(d);
  /* Sort in C (byte order, as `ls` in the C locale) via a temporary array. */
  const char **names = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *names, 0);
  for (int i = 0; i < n; i++) {
    lua_rawgeti(L, -2, i + 1);
    names[i] = lua_tostring(L, -1);
    lua_pop(L, 1); /* still referenced by the table */
  }
  qsort(names, (size_t)n, sizeof *names, cmp_names);
  lua_createtable(L, n, 0);
  for (int i = 0; i < n; i++) {
    lua_pushstring(L, names[i]);
    lua_rawseti(L, -2, i + 1);
  }
  return 1;
}

void akh_lua_open_db(lua_State *L) {
  static const luaL_Reg db_methods[] = {
      {"exec", db_exec},         {"prepare", db_prepare},   {"changes", db_changes},
      {"last_insert_rowid", db_last_insert_rowid},          {"readonly", db_readonly},
      {"errmsg", db_errmsg},     {"autocommit", db_autocommit}, {"close", db_close},
      {NULL, NULL},
  };
  static const luaL_Reg db_meta[] = {
      {"__gc", db_gc}, {"__close", db_gc}, {"__tostring", db_tostring}, {NULL, NULL},
  };
  static const luaL_Reg st_methods[] = {
      {"bind", st_bind},   {"step", st_step},         {"row", st_row},         {"values", st_values},
      {"run", st_run},     {"first", st_first},       {"reset", st_reset},     {"finalize", st_finalize},
      {"readonly", st_readonly}, {"columns", st_columns}, {NULL, NULL},
  };
  static const luaL_Reg st_meta[] = {
      {"__gc", st_finalize}, {"__close", st_reset}, {"__tostring", st_tostring}, {NULL, NULL},
  };
  static const luaL_Reg ln_methods[] = {
      {"next", ln_next}, {"progress", ln_progress}, {"close", ln_close}, {NULL, NULL},
  };
  static const luaL_Reg ln_meta[] = {
      {"__gc", ln_close}, {"__close", ln_close}, {"__tostring", ln_tostring}, {NULL, NULL},
  };
  static const luaL_Reg funcs[] = {
      {"db_open", l_db_open},       {"lines_open", l_lines_open}, {"content_hash", l_content_hash},
      {"isatty", l_isatty},         {"now", l_now},               {"stat", l_stat},
      {"listdir", l_listdir},       {NULL, NULL},
  };
  aux_newclass(L, DBCLASS, db_methods, db_meta);
  aux_newclass(L, STCLASS, st_methods, st_meta);
  aux_newclass(L, LNCLASS, ln_methods, ln_meta);
  luaL_setfuncs(L, funcs, 0);
}
