/* bench_text.c — speed of akh_normalize on real news text, beside ICU's
 * own NFKC_Casefold on the same text in the same run.
 *
 *   build-x/bench/bench_text [corpus.jsonl.gz | text-file] [repeats]
 *
 * Default corpus: $AKHBAR_SHARED/corpus/saudinewsnet.jsonl.gz, else
 * ../shared/corpus/saudinewsnet.jsonl.gz.  A .jsonl or .jsonl.gz file is
 * read as the import reads it (bench/lib/bench_util.c) and the "content"
 * of every record is one document; any other file is split into
 * documents at blank lines.  Each
 * variant
 * normalises every document in turn (one call per document, buffers
 * reused), best of `repeats` runs (default 3), and reports MB of input
 * text per second on one core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "akhbar.h"
#include "bench_util.h"
#include "utf8.h"

typedef struct doc {
  size_t start, len;
} doc;

static akh_buf text;
static doc *docs;
static size_t ndocs, capdocs;

#define PROG "bench_text"

static void die(const char *what) { bench_fail(PROG, "%s", what); }

static void put(const void *p, size_t n) {
  if (akh_buf_append(&text, p, n) != AKH_OK) die("out of memory");
}

static void push_doc(size_t start, size_t len) {
  if (!len) return;
  if (ndocs == capdocs) {
    capdocs = capdocs ? capdocs * 2 : 1024;
    docs = realloc(docs, capdocs * sizeof *docs);
    if (!docs) die("out of memory");
  }
  docs[ndocs].start = start;
  docs[ndocs].len = len;
  ndocs++;
}

/* The content of one record, as one document. */
static int add_record(void *ud, const char *const *values, const size_t *lens) {
  (void)ud;
  if (values[0]) {
    size_t start = text.len;
    put(values[0], lens[0]);
    push_doc(start, lens[0]);
  }
  return 0;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static void load(const char *path) {
  if (ends_with(path, ".gz") || ends_with(path, ".jsonl")) {
    static const char *const keys[] = {"content"};
    char err[512];
    if (bench_each_record(path, keys, 1, add_record, NULL, NULL, err, sizeof err) < 0)
      bench_fail(PROG, "%s (pass the corpus path as the first argument)", err);
    return;
  }
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open the text file");
  char buf[1 << 16];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, f)) > 0) put(buf, got);
  fclose(f);
  /* one document per paragraph (blank-line separated) */
  size_t start = 0;
  for (size_t i = 0; i + 1 < text.len; i++) {
    if (text.data[i] == '\n' && text.data[i + 1] == '\n') {
      push_doc(start, i - start);
      start = i + 2;
    }
  }
  if (start < text.len) push_doc(start, text.len - start);
}

static size_t total_bytes(void) {
  size_t t = 0;
  for (size_t i = 0; i < ndocs; i++) t += docs[i].len;
  return t;
}

/* ---------------------------------------------------------------- variants */

static size_t out_bytes; /* checksum of sorts: keeps the work observable */

static void run_akh(unsigned ops, int with_map) {
  akh_buf out = {0};
  akh_error err;
  for (size_t i = 0; i < ndocs; i++) {
    uint32_t *map = NULL;
    out.len = 0;
    if (akh_normalize(text.data + docs[i].start, docs[i].len, ops, &out, with_map ? &map : NULL, &err))
      die(err.message);
    out_bytes += out.len + (map ? map[out.len ? out.len - 1 : 0] & 1 : 0);
    free(map);
  }
  akh_buf_free(&out);
}

static const UNormalizer2 *icu;
static UChar *u16, *n16;
static int32_t u16cap, n16cap;
static char *u8;
static int32_t u8cap;

static void grow16(UChar **p, int32_t *cap, int32_t need) {
  if (need <= *cap) return;
  *cap = need + need / 2;
  *p = realloc(*p, (size_t)*cap * sizeof **p);
  if (!*p) die("out of memory");
}

/* UTF-8 -> UTF-16 -> NFKC_Casefold -> UTF-8, one document at a time. */
static void run_icu_full(void) {
  for (size_t i = 0; i < ndocs; i++) {
    UErrorCode st = U_ZERO_ERROR;
    int32_t n16len, nlen, olen;
    grow16(&u16, &u16cap, (int32_t)docs[i].len + 1);
    u_strFromUTF8(u16, u16cap, &n16len, text.data + docs[i].start, (int32_t)docs[i].len, &st);
    if (U_FAILURE(st)) die("u_strFromUTF8");
    grow16(&n16, &n16cap, n16len * 3 + 16);
    nlen = unorm2_normalize(icu, u16, n16len, n16, n16cap, &st);
    if (U_FAILURE(st)) die("unorm2_normalize");
    if (u8cap < nlen * 3 + 16) {
      u8cap = nlen * 3 + 16;
      u8 = realloc(u8, (size_t)u8cap);
      if (!u8) die("out of memory");
    }
    u_strToUTF8(u8, u8cap, &olen, n16, nlen, &st);
    if (U_FAILURE(st)) die("u_strToUTF8");
    out_bytes += (size_t)olen;
  }
}

/* The same normalisation on text already in UTF-16 (conversion not timed). */
static UChar **pre16;
static int32_t *pre16len;

static void prepare_icu(void) {
  pre16 = malloc(ndocs * sizeof *pre16);
  pre16len = malloc(ndocs * sizeof *pre16len);
  if (!pre16 || !pre16len) die("out of memory");
  for (size_t i = 0; i < ndocs; i++) {
    UErrorCode st = U_ZERO_ERROR;
    pre16[i] = malloc((docs[i].len + 1) * sizeof(UChar));
    if (!pre16[i]) die("out of memory");
    u_strFromUTF8(pre16[i], (int32_t)docs[i].len + 1, &pre16len[i], text.data + docs[i].start,
                  (int32_t)docs[i].len, &st);
    if (U_FAILURE(st)) die("u_strFromUTF8");
  }
}

static void free_icu(void) {
  for (size_t i = 0; i < ndocs; i++) free(pre16[i]);
  free(pre16);
  free(pre16len);
  pre16 = NULL;
  pre16len = NULL;
}

static void run_icu_only(void) {
  for (size_t i = 0; i < ndocs; i++) {
    UErrorCode st = U_ZERO_ERROR;
    grow16(&n16, &n16cap, pre16len[i] * 3 + 16);
    int32_t nlen = unorm2_normalize(icu, pre16[i], pre16len[i], n16, n16cap, &st);
    if (U_FAILURE(st)) die("unorm2_normalize");
    out_bytes += (size_t)nlen;
  }
}

static double best_of(int repeats, void (*fn)(void)) {
  double best = 1e30;
  for (int r = 0; r < repeats; r++) {
    double t0 = bench_now();
    fn();
    double t = bench_now() - t0;
    if (t < best) best = t;
  }
  return best;
}

static void search_map(void) { run_akh(AKH_PROFILE_SEARCH, 1); }
static void search_nomap(void) { run_akh(AKH_PROFILE_SEARCH, 0); }
static void display_map(void) { run_akh(AKH_PROFILE_DISPLAY, 1); }
static void display_nomap(void) { run_akh(AKH_PROFILE_DISPLAY, 0); }

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : bench_default_corpus();
  int repeats = argc > 2 ? atoi(argv[2]) : 3;
  if (repeats < 1) repeats = 1;
  UErrorCode st = U_ZERO_ERROR;
  icu = unorm2_getNFKCCasefoldInstance(&st);
  if (U_FAILURE(st)) die("unorm2_getNFKCCasefoldInstance");

  double t0 = bench_now();
  load(path);
  size_t bytes = total_bytes();
  size_t bad;
  if (akh_utf8_check(text.data, text.len, &bad)) die("the corpus is not valid UTF-8");
  double mb = (double)bytes / 1e6;
  printf("bench_text: %s\n%zu documents, %.1f MB of text (loaded in %.2f s), best of %d runs, one core\n\n",
         path, ndocs, mb, bench_now() - t0, repeats);
  double rss_loaded = bench_peak_rss_mb();

  struct {
    const char *name;
    void (*fn)(void);
  } v[] = {
      {"akh_normalize search, with offset map", search_map},
      {"akh_normalize search, no map", search_nomap},
      {"akh_normalize display, with offset map", display_map},
      {"akh_normalize display, no map", display_nomap},
      {"ICU NFKC_Casefold incl. UTF-8<->UTF-16", run_icu_full},
  };
  search_map(); /* warm-up: ICU data, tables, the heap at its working size */
  printf("%-44s %10s %10s\n", "variant", "MB/s", "seconds");
  double mbs[sizeof v / sizeof v[0]];
  for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
    double t = best_of(repeats, v[k].fn);
    mbs[k] = mb / t;
    printf("%-44s %10.0f %10.3f\n", v[k].name, mb / t, t);
    fflush(stdout);
  }
  double rss_akh = bench_peak_rss_mb();
  prepare_icu();
  double t = best_of(repeats, run_icu_only);
  printf("%-44s %10.0f %10.3f\n", "ICU NFKC_Casefold on UTF-16 only", mb / t, t);
  free_icu();

  /* One call over the whole text as a single document: the map is 4 bytes
   * per output byte, which is what dominates peak memory. */
  {
    akh_buf out = {0};
    uint32_t *map = NULL;
    akh_error err;
    double best = 1e30;
    for (int r = 0; r < repeats; r++) {
      out.len = 0;
      double s0 = bench_now();
      if (akh_normalize(text.data, text.len, AKH_PROFILE_SEARCH, &out, &map, &err)) die(err.message);
      double s = bench_now() - s0;
      if (s < best) best = s;
      free(map);
    }
    printf("%-44s %10.0f %10.3f\n", "search with map, whole text in one call", (double)text.len / 1e6 / best,
           best);
    akh_buf_free(&out);
  }
  printf("\npeak RSS: %.0f MB with the text loaded, %.0f MB after the per-document akh_normalize runs,\n"
         "%.0f MB at the end (ICU's UTF-16 copies, then one %zu-byte call with its map)  [checksum %zu]\n",
         rss_loaded, rss_akh, bench_peak_rss_mb(), text.len,
         out_bytes % 1000);
  /* For bench/run.lua: per-document search normalisation with its map
   * against ICU NFKC_Casefold with the conversions a UTF-8 caller pays. */
  printf("RESULT stage=normalise ours=%.0f unit=MB/s baseline=%.0f target=1000 cmp=ge rss_mb=%.0f nomap=%.0f\n",
         mbs[0], mbs[4], rss_akh, mbs[1]);
  return 0;
}
