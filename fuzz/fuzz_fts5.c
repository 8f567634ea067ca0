/* fuzz_fts5.c — libFuzzer target for the FTS5 tokenizer "akhbar" and the
 * SQL functions, through a real SQLite connection.
 *
 * One in-memory database (made once) with the tokenizer and the functions
 * registered and one FTS5 table per tokenizer mode; the last byte of the
 * input picks the table.  For every input, in a transaction that is rolled
 * back afterwards:
 *  - the input is stored as a document (title = its first line, body = all
 *    of it) in the table, so the tokenizer runs in document mode;
 *  - the input (its first 256 bytes) is used raw as a MATCH query (FTS5
 *    syntax errors are fine: SQLite reports them, nothing may crash),
 *    with highlight() of both columns, bm25() and akhbar_snippet();
 *  - the input as one quoted phrase is used as a MATCH query (always valid
 *    syntax, so the tokenizer runs in query mode on every input), with
 *    snippet() and akhbar_snippet() (columns -1..1, 1..64 tokens), which
 *    must find the document whenever the input is valid UTF-8 and has a
 *    token;
 *  - the FTS5 'integrity-check' of the table must pass;
 *  - akhbar_normalize, akhbar_stem and akhbar_hash run on it.
 *
 *   make -C fuzz fuzz_fts5 corpus-fts5 && fuzz/fuzz_fts5 -max_total_time=120 fuzz/corpus-fts5
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                           \
  do {                                                                     \
    if (!(c)) {                                                            \
      fprintf(stderr, "fuzz_fts5: check failed: %s (line %d): %s\n", #c,  \
              __LINE__, db ? sqlite3_errmsg(db) : "");                     \
      abort();                                                             \
    }                                                                      \
  } while (0)

static sqlite3 *db;

static const char *const TABLES[] = {"t_light", "t_nostem", "t_clitics"};
#define NTABLES (sizeof TABLES / sizeof TABLES[0])
#define RAW_QUERY_MAX 256

static void exec(const char *sql) {
  char *msg = NULL;
  int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
  if (rc != SQLITE_OK) fprintf(stderr, "fuzz_fts5: %s: %s\n", sql, msg ? msg : "");
  sqlite3_free(msg);
  CHECK(rc == SQLITE_OK);
}

static void setup(void) {
  CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
  CHECK(akh_fts5_register(db, NULL) == AKH_OK);
  CHECK(akh_sql_register(db) == SQLITE_OK);
  exec("CREATE VIRTUAL TABLE t_light USING fts5(title, body, tokenize = 'akhbar');"
       "CREATE VIRTUAL TABLE t_nostem USING fts5(title, body, tokenize = 'akhbar nostem');"
       "CREATE VIRTUAL TABLE t_clitics USING fts5(title, body, tokenize = 'akhbar clitics');");
}

/* Prepared statements are cached by SQL text (a handful): preparing a
 * MATCH over FTS5 costs more than running it on a small input. */
static struct { char *sql; sqlite3_stmt *st; } cache[32];

static sqlite3_stmt *prepare(const char *sql) {
  size_t i;
  for (i = 0; i < sizeof cache / sizeof cache[0] && cache[i].sql; i++)
    if (strcmp(cache[i].sql, sql) == 0) return cache[i].st;
  CHECK(i < sizeof cache / sizeof cache[0]);
  CHECK(sqlite3_prepare_v2(db, sql, -1, &cache[i].st, NULL) == SQLITE_OK);
  cache[i].sql = strdup(sql);
  CHECK(cache[i].sql);
  return cache[i].st;
}

/* Run sql with ?1 = the input; returns the number of rows, or -1 when
 * SQLite refuses it (malformed query).  Every column is read. */
static long run(const char *sql, const char *text, int n) {
  sqlite3_stmt *st = prepare(sql);
  if (sqlite3_bind_parameter_count(st) > 0)
    CHECK(sqlite3_bind_text(st, 1, text ? text : "", n, SQLITE_STATIC) == SQLITE_OK);
  long rows = 0;
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); i++) {
      const unsigned char *v = sqlite3_column_text(st, i);
      int len = sqlite3_column_bytes(st, i);
      if (v && len > 0) CHECK(v[len] == 0);
    }
    rows++;
  }
  if (rc != SQLITE_DONE) {
    CHECK(rc == SQLITE_ERROR); /* fts5: syntax error, no such column, ... */
    rows = -1;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return rows;
}

/* Does the tokenizer see at least one token in the input?  akhbar_stem
 * gives the terms the index sees, joined by spaces. */
static int has_token(const char *text, int n) {
  sqlite3_stmt *st = prepare("SELECT length(akhbar_stem(?1))");
  sqlite3_bind_text(st, 1, text ? text : "", n, SQLITE_STATIC);
  CHECK(sqlite3_step(st) == SQLITE_ROW);
  int k = sqlite3_column_int(st, 0);
  sqlite3_reset(st);
  return k > 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 1 << 16) return 0;
  if (!db) setup();
  const char *text = (const char *)data;
  int n = (int)size;
  size_t bad;
  int valid = akh_utf8_check(text, size, &bad) == AKH_OK && !memchr(text, 0, size);
  char sql[512];

  exec("BEGIN");
  {
    size_t t = size ? data[size - 1] % NTABLES : 0; /* one table per input: speed */
    snprintf(sql, sizeof sql,
             "INSERT INTO %s(rowid, title, body) VALUES (1, substr(?1, 1, instr(?1 || char(10), char(10)) - 1), ?1)",
             TABLES[t]);
    CHECK(run(sql, text, n) == 0);
    /* raw query: may be malformed.  No snippet() here: SQLite's snippet
     * scores every instance against every other, so a query of many
     * phrases that each match many words of the document (\"ب ب ب ...\")
     * took minutes in SQLite's own code, and the fuzzer drifted towards
     * such inputs (1,900 executions/s fell to 300).  highlight() makes
     * the same tokenizer calls (FTS5_TOKENIZE_AUX) in linear time, and the
     * phrase query below has snippet().  Only the first RAW_QUERY_MAX
     * bytes, for the same reason: SQLite orders the instances of all
     * phrases in time phrases x instances.  256 bytes still hold every
     * piece of FTS5 syntax (NEAR, column filters, ^, *, parentheses). */
    snprintf(sql, sizeof sql,
             "SELECT rowid, highlight(%s, 1, '[', ']'), highlight(%s, 0, '<', '>'), bm25(%s),"
             " akhbar_snippet(%s, -1, '<', '>', '...', 8), akhbar_snippet(%s, 1, '', '', NULL, 64)"
             " FROM %s WHERE %s MATCH ?1 ORDER BY rank",
             TABLES[t], TABLES[t], TABLES[t], TABLES[t], TABLES[t], TABLES[t], TABLES[t]);
    run(sql, text, n < RAW_QUERY_MAX ? n : RAW_QUERY_MAX);
    /* the input as one phrase: always well-formed */
    snprintf(sql, sizeof sql,
             "SELECT rowid, snippet(%s, 1, '[', ']', '...', 16), akhbar_snippet(%s, 1, '[', ']', '...', 16),"
             " akhbar_snippet(%s, length(?1) %% 3 - 1, '[', ']', '...', length(?1) %% 70 - 2) FROM %s"
             " WHERE %s MATCH '\"' || replace(?1, '\"', '\"\"') || '\"'",
             TABLES[t], TABLES[t], TABLES[t], TABLES[t], TABLES[t]);
    long rows = run(sql, text, n);
    if (valid && has_token(text, n)) CHECK(rows == 1);
    snprintf(sql, sizeof sql, "INSERT INTO %s(%s, rank) VALUES ('integrity-check', 1)", TABLES[t], TABLES[t]);
    CHECK(run(sql, text, n) == 0);
  }
  run("SELECT akhbar_normalize(?1), akhbar_normalize(?1, 'display'), akhbar_normalize(?1, 'none'),"
      " akhbar_stem(?1), akhbar_stem(?1, 'clitics'), akhbar_stem(?1, 'none'), akhbar_hash(?1)",
      text, n);
  exec("ROLLBACK");
  return 0;
}
