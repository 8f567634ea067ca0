/* fts5_sql.c — SQL functions akhbar_normalize, akhbar_stem, akhbar_hash,
 * and the content hash used to recognise a re-imported article. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "akhbar.h"

/* ---------------------------------------------------------------- hash */

static uint64_t fmix64(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

typedef struct {
  uint64_t a, b, n;
} hash128;

static void hash_bytes(hash128 *h, const unsigned char *p, size_t n) {
  uint64_t a = h->a, b = h->b;
  for (size_t i = 0; i < n; i++) {
    a = (a ^ p[i]) * 0x100000001b3ULL; /* FNV-1a */
    b = (b ^ p[i]) * 0x9E3779B97F4A7C15ULL;
    b = (b << 23) | (b >> 41);
  }
  h->a = a, h->b = b, h->n += n;
}

int akh_content_hash(const char *text, size_t len, char hex[33], akh_error *err) {
  akh_buf nb = {0};
  int rc = akh_normalize(text, len, AKH_PROFILE_SEARCH, &nb, NULL, err);
  if (rc != AKH_OK) return rc;
  hash128 h = {0xcbf29ce484222325ULL, 0x243F6A8885A308D3ULL, 0};
  akh_tokenizer tz;
  akh_token tok;
  akh_tokenizer_init(&tz, nb.data, nb.len);
  static const unsigned char sep = 0x1f;
  int r;
  while ((r = akh_tokenizer_next(&tz, &tok, err)) > 0) {
    if (tok.kind == AKH_TOK_PUNCT) continue;
    hash_bytes(&h, (const unsigned char *)nb.data + tok.start, tok.stop - tok.start);
    hash_bytes(&h, &sep, 1);
  }
  akh_buf_free(&nb);
  if (r < 0) return -r;
  uint64_t x = fmix64(h.a ^ h.n), y = fmix64(h.b + x);
  x = fmix64(x ^ y);
  snprintf(hex, 33, "%016llx%016llx", (unsigned long long)x, (unsigned long long)y);
  return AKH_OK;
}

/* ---------------------------------------------------------------- SQL functions */

static void result_err(sqlite3_context *ctx, const char *fn, const akh_error *e) {
  char msg[300];
  snprintf(msg, sizeof msg, "%s: %s", fn, e->message[0] ? e->message : akh_strerror(e->code));
  if (e->code == AKH_ENOMEM) sqlite3_result_error_nomem(ctx);
  else sqlite3_result_error(ctx, msg, -1);
}

static void f_normalize(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  unsigned ops = AKH_PROFILE_SEARCH;
  if (argc > 1) {
    const char *p = (const char *)sqlite3_value_text(argv[1]);
    if (!p || strcmp(p, "search") == 0) ops = AKH_PROFILE_SEARCH;
    else if (strcmp(p, "display") == 0) ops = AKH_PROFILE_DISPLAY;
    else if (strcmp(p, "none") == 0) ops = 0;
    else {
      sqlite3_result_error(ctx, "akhbar_normalize: unknown profile (valid: search, display, none)", -1);
      return;
    }
  }
  const char *s = (const char *)sqlite3_value_text(argv[0]);
  int n = sqlite3_value_bytes(argv[0]);
  akh_buf out = {0};
  akh_error e = {0};
  if (akh_normalize(s ? s : "", (size_t)n, ops | AKH_N_REPLACE, &out, NULL, &e) != AKH_OK) {
    result_err(ctx, "akhbar_normalize", &e);
    return;
  }
  sqlite3_result_text64(ctx, out.data ? out.data : "", out.len, SQLITE_TRANSIENT, SQLITE_UTF8);
  akh_buf_free(&out);
}

static void f_stem(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  int mode = AKH_STEM_LIGHT, stem = 1;
  if (argc > 1) {
    const char *m = (const char *)sqlite3_value_text(argv[1]);
    if (!m || strcmp(m, "light") == 0) mode = AKH_STEM_LIGHT;
    else if (strcmp(m, "clitics") == 0) mode = AKH_STEM_CLITICS;
    else if (strcmp(m, "none") == 0) stem = 0;
    else {
      sqlite3_result_error(ctx, "akhbar_stem: unknown mode (valid: light, clitics, none)", -1);
      return;
    }
  }
  const char *s = (const char *)sqlite3_value_text(argv[0]);
  size_t len = (size_t)sqlite3_value_bytes(argv[0]);
  akh_buf out = {0}, w = {0};
  akh_error e = {0};
  akh_tokenizer tz;
  akh_token tok;
  akh_tokenizer_init(&tz, s ? s : "", len);
  int r, rc = AKH_OK;
  while ((r = akh_tokenizer_next(&tz, &tok, &e)) > 0) {
    if (tok.kind == AKH_TOK_PUNCT) continue;
    w.len = 0;
    if ((rc = akh_normalize(s + tok.start, tok.stop - tok.start, AKH_PROFILE_SEARCH, &w, NULL, &e)) != AKH_OK)
      break;
    size_t st = 0, sl = w.len;
    if (stem && tok.kind == AKH_TOK_ARABIC) {
      akh_stem(w.data, w.len, (akh_stem_mode)mode, &st, &sl);
      if (sl == 0) st = 0, sl = w.len;
    }
    if ((out.len && (rc = akh_buf_append(&out, " ", 1)) != AKH_OK) ||
        (rc = akh_buf_append(&out, w.data + st, sl)) != AKH_OK)
      break;
  }
  if (r < 0) rc = -r;
  if (rc != AKH_OK) {
    if (!e.code) e.code = rc;
    result_err(ctx, "akhbar_stem", &e);
  } else {
    sqlite3_result_text64(ctx, out.data ? out.data : "", out.len, SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  akh_buf_free(&out);
  akh_buf_free(&w);
}

static void f_hash(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  const char *s = (const char *)sqlite3_value_text(argv[0]);
  size_t len = (size_t)sqlite3_value_bytes(argv[0]);
  char hex[33];
  akh_error e = {0};
  if (akh_content_hash(s ? s : "", len, hex, &e) != AKH_OK) {
    result_err(ctx, "akhbar_hash", &e);
    return;
  }
  sqlite3_result_text(ctx, hex, 32, SQLITE_TRANSIENT);
}

int akh_sql_register(sqlite3 *db) {
  static const struct {
    const char *name;
    int nargs;
    void (*fn)(sqlite3_context *, int, sqlite3_value **);
  } fns[] = {
      {"akhbar_normalize", 1, f_normalize}, {"akhbar_normalize", 2, f_normalize},
      {"akhbar_stem", 1, f_stem},           {"akhbar_stem", 2, f_stem},
      {"akhbar_hash", 1, f_hash},
  };
  for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
    int rc = sqlite3_create_function_v2(db, fns[i].name, fns[i].nargs,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                        fns[i].fn, NULL, NULL, NULL);
    if (rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}
