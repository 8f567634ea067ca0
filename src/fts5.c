/* fts5.c — the FTS5 tokenizer "akhbar": tokens of the ORIGINAL text,
 * normalised (search profile) and light-stemmed, reported with their
 * original byte offsets so highlight() and snippet() mark the words as
 * written.  See akh_fts5.h for the options and the query rules.
 *
 * sqlite3.h carries the FTS5 API declarations (fts5_api, fts5_tokenizer). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "fts5_int.h"

enum { MODE_LIGHT, MODE_CLITICS, MODE_NOSTEM };

/* A direct-mapped cache of stems: words repeat, and highlight()/snippet()
 * re-tokenise every hit's text at query time, where stemming dominated.
 * One cache per tokenizer instance (one FTS table on one connection). */
#define STEM_CACHE 4096
#define STEM_MAXW 46
typedef struct {
  uint32_t h;
  unsigned char len, st, sl, mode;
  char w[STEM_MAXW];
} stem_entry;

struct Fts5Tokenizer {
  int mode;
  stem_entry *cache; /* NULL until first use, or if the allocation failed */
};

static void cached_stem(Fts5Tokenizer *t, const char *w, size_t n, akh_stem_mode mode, size_t *st, size_t *sl) {
  if (n > STEM_MAXW) {
    akh_stem(w, n, mode, st, sl);
    return;
  }
  if (!t->cache) t->cache = calloc(STEM_CACHE, sizeof *t->cache);
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)w[i]) * 16777619u;
  h ^= (uint32_t)mode;
  if (!t->cache) {
    akh_stem(w, n, mode, st, sl);
    return;
  }
  stem_entry *e = &t->cache[h & (STEM_CACHE - 1)];
  if (e->h == h && e->len == n && e->mode == (unsigned char)mode && memcmp(e->w, w, n) == 0) {
    *st = e->st;
    *sl = e->sl;
    return;
  }
  akh_stem(w, n, mode, st, sl);
  e->h = h;
  e->len = (unsigned char)n;
  e->mode = (unsigned char)mode;
  e->st = (unsigned char)*st;
  e->sl = (unsigned char)*sl;
  memcpy(e->w, w, n);
}

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out) {
  (void)ctx;
  int mode = MODE_LIGHT;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "nostem") == 0 || strcmp(argv[i], "exact") == 0) mode = MODE_NOSTEM;
    else if (strcmp(argv[i], "clitics") == 0) mode = MODE_CLITICS;
    else if (strcmp(argv[i], "light") == 0 || strcmp(argv[i], "stem") == 0) mode = MODE_LIGHT;
    else return SQLITE_ERROR; /* FTS5 reports "error in tokenizer constructor" */
  }
  Fts5Tokenizer *t = malloc(sizeof *t);
  if (!t) return SQLITE_NOMEM;
  t->mode = mode;
  t->cache = NULL;
  *out = t;
  return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t) {
  if (t) free(t->cache);
  free(t);
}

/* 1 if the search normalisation leaves w unchanged: plain Arabic letters
 * (no alef/yeh/teh/hamza variant to fold), ASCII lower-case letters and
 * digits.  Most words are like this; they skip akh_normalize. */
static int plain_word(const unsigned char *w, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = w[i];
    if (c < 0x80) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return 0;
      i++;
      continue;
    }
    if ((c != 0xD8 && c != 0xD9) || i + 1 >= n) return 0;
    unsigned cp = ((c & 0x1Fu) << 6) | (w[i + 1] & 0x3Fu);
    if (!((cp >= 0x0621 && cp <= 0x063A) || (cp >= 0x0641 && cp <= 0x064A))) return 0;
    if (cp == 0x0622 || cp == 0x0623 || cp == 0x0624 || cp == 0x0625 || cp == 0x0626 || cp == 0x0629 ||
        cp == 0x0649)
      return 0;
    i += 2;
  }
  return 1;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int ntext,
                        int (*emit)(void *, int, const char *, int, int, int)) {
  if (ntext <= 0) return SQLITE_OK;
  size_t len = (size_t)ntext, base = 0;
  int prefix = (flags & FTS5_TOKENIZE_QUERY) && (flags & FTS5_TOKENIZE_PREFIX);
  akh_stem_mode smode = (prefix || t->mode == MODE_CLITICS) ? AKH_STEM_CLITICS : AKH_STEM_LIGHT;
  akh_buf nb = {0};
  akh_tokenizer tz;
  akh_token tok;
  akh_error err;
  int rc = SQLITE_OK;
  akh_tokenizer_init(&tz, text, len);
  for (;;) {
    int r = akh_tokenizer_next(&tz, &tok, &err);
    if (r == 0) break;
    if (r < 0) {
      if (-r != AKH_EUTF8) {
        rc = SQLITE_NOMEM;
        break;
      }
      /* Skip the bad byte and go on: an index must not refuse a document. */
      base += err.offset + 1;
      if (base >= len) break;
      akh_tokenizer_init(&tz, text + base, len - base);
      continue;
    }
    if (tok.kind == AKH_TOK_PUNCT) continue;
    size_t start = base + tok.start, stop = base + tok.stop;
    nb.len = 0;
    if (plain_word((const unsigned char *)text + start, stop - start)) {
      if (akh_buf_append(&nb, text + start, stop - start) != AKH_OK) {
        rc = SQLITE_NOMEM;
        break;
      }
    } else if (akh_normalize(text + start, stop - start, AKH_PROFILE_SEARCH, &nb, NULL, &err) != AKH_OK) {
      if (err.code == AKH_ENOMEM) {
        rc = SQLITE_NOMEM;
        break;
      }
      continue;
    }
    if (nb.len == 0) continue;
    size_t s = 0, sl = nb.len;
    /* highlight() and snippet() (FTS5_TOKENIZE_AUX) use only the position
     * and the offsets of each token, never its text: the stem is not
     * needed there, only the same tokens as at indexing time. */
    if (tok.kind == AKH_TOK_ARABIC && t->mode != MODE_NOSTEM && !(flags & FTS5_TOKENIZE_AUX)) {
      cached_stem(t, nb.data, nb.len, smode, &s, &sl);
      if (sl == 0) s = 0, sl = nb.len;
    }
    if (sl > 0x7fffffff) continue;
    rc = emit(ctx, 0, nb.data + s, (int)sl, (int)start, (int)stop);
    if (rc != SQLITE_OK) break;
  }
  akh_buf_free(&nb);
  return rc;
}

static fts5_api *fts5_api_of(sqlite3 *db) {
  fts5_api *api = NULL;
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK) return NULL;
  sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
  sqlite3_step(st);
  sqlite3_finalize(st);
  return api;
}

int akh_fts5_register(sqlite3 *db, akh_error *err) {
  fts5_api *api = fts5_api_of(db);
  if (!api || api->iVersion < 2)
    return akh_fail(err, AKH_EARG, 0, "this SQLite has no FTS5 (fts5_api not available)");
  static fts5_tokenizer tokenizer = {tok_create, tok_delete, tok_tokenize};
  int rc = api->xCreateTokenizer(api, "akhbar", NULL, &tokenizer, NULL);
  if (rc != SQLITE_OK)
    return akh_fail(err, AKH_EARG, 0, "registering the FTS5 tokenizer failed: %s", sqlite3_errstr(rc));
  rc = akh__fts5_register_snippet(api);
  if (rc != SQLITE_OK)
    return akh_fail(err, AKH_EARG, 0, "registering akhbar_snippet() failed: %s", sqlite3_errstr(rc));
  return AKH_OK;
}
