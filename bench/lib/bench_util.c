/* bench_util.c — see bench_util.h. */
#define _GNU_SOURCE
#include "bench_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "akhbar.h"

#define MAX_KEYS 16

static double clock_seconds(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double bench_wall(void) { return clock_seconds(CLOCK_MONOTONIC); }

double bench_thread_cpu(void) { return clock_seconds(CLOCK_THREAD_CPUTIME_ID); }

double bench_now(void) {
  static int cpu = -1;
  if (cpu < 0) {
    const char *v = getenv("BENCH_CPU");
    cpu = v && strcmp(v, "0") != 0;
  }
  return cpu ? bench_thread_cpu() : bench_wall();
}

double bench_peak_rss_mb(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  double kb = 0;
  if (!f) return 0;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmHWM:", 6) == 0) kb = strtod(line + 6, NULL);
  fclose(f);
  return kb / 1024.0;
}

void bench_fail(const char *prog, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "%s: ", prog);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  exit(1);
}

const char *bench_default_corpus(void) {
  static char path[4096];
  const char *shared = getenv("AKHBAR_SHARED");
  snprintf(path, sizeof path, "%s/corpus/saudinewsnet.jsonl.gz", shared && *shared ? shared : "../shared");
  return path;
}

/* SELECT json_extract(?1, ?2), json_extract(?1, ?3), ... for the keys; the
 * WHERE clause runs first, so a line that is not a JSON object gives no row
 * instead of a "malformed JSON" error. */
static sqlite3_stmt *prepare_extract(sqlite3 *db, const char *const *keys, int nkeys) {
  char sql[64 + MAX_KEYS * 40];
  size_t n = (size_t)snprintf(sql, sizeof sql, "SELECT ");
  for (int i = 0; i < nkeys; i++)
    n += (size_t)snprintf(sql + n, sizeof sql - n, "%sjson_extract(?1, ?%d)", i ? ", " : "", i + 2);
  snprintf(sql + n, sizeof sql - n, " WHERE json_valid(?1) AND json_type(?1) = 'object'");
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return NULL;
  for (int i = 0; i < nkeys; i++) {
    char jpath[128];
    /* Quoted, so keys such as date_extracted or ones with dots read as one name. */
    snprintf(jpath, sizeof jpath, "$.\"%s\"", keys[i]);
    sqlite3_bind_text(st, i + 2, jpath, -1, SQLITE_TRANSIENT);
  }
  return st;
}

long bench_each_record(const char *path, const char *const *keys, int nkeys, bench_record_fn fn, void *ud,
                       size_t *skipped, char *err, size_t errlen) {
  if (nkeys < 1 || nkeys > MAX_KEYS) {
    snprintf(err, errlen, "between 1 and %d keys, not %d", MAX_KEYS, nkeys);
    return -1;
  }
  akh_error e;
  akh_lines *lines = akh_lines_open(path, &e);
  if (!lines) {
    snprintf(err, errlen, "%s", e.message);
    return -1;
  }
  sqlite3 *db = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK || !(st = prepare_extract(db, keys, nkeys))) {
    snprintf(err, errlen, "sqlite: %s", db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    akh_lines_close(lines);
    return -1;
  }
  long records = 0;
  size_t bad = 0;
  const char *line;
  size_t len;
  int rc;
  while ((rc = akh_lines_next(lines, &line, &len, &e)) == 1) {
    sqlite3_bind_text(st, 1, line, (int)len, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
      bad++;
      sqlite3_reset(st);
      continue;
    }
    const char *values[MAX_KEYS];
    size_t lens[MAX_KEYS];
    for (int i = 0; i < nkeys; i++) {
      values[i] = (const char *)sqlite3_column_text(st, i);
      lens[i] = values[i] ? (size_t)sqlite3_column_bytes(st, i) : 0;
    }
    records++;
    int stop = fn(ud, values, lens);
    sqlite3_reset(st);
    if (stop) break;
  }
  if (rc < 0) {
    snprintf(err, errlen, "%s", e.message);
    records = -1;
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  akh_lines_close(lines);
  if (skipped) *skipped = bad;
  return records;
}
