/* bench_tokens.c — speed of the tokenizer and the light stemmer on the real
 * corpus, beside Snowball's Arabic stemmer in the same run.
 *
 *   build-x/bench/bench_tokens [corpus.jsonl.gz] [max-MB] [repeats]
 *
 * Default corpus: $AKHBAR_SHARED/corpus/saudinewsnet.jsonl.gz, else
 * ../shared/corpus/saudinewsnet.jsonl.gz.  The title and content of every
 * record (JSON strings decoded) are concatenated into one text in memory;
 * every figure is MB of that text per second on one core, best of
 * `repeats` runs (default 3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "bench_util.h"
#ifdef AKH_HAVE_STEMMER
#include <libstemmer.h>
#endif

#define PROG "bench_tokens"

static void put(akh_buf *b, const void *p, size_t n) {
  if (akh_buf_append(b, p, n) != AKH_OK) bench_fail(PROG, "out of memory");
}

typedef struct loader {
  akh_buf *text;
  size_t max;
} loader;

/* The title and the content of a record, each followed by a blank line. */
static int add_record(void *ud, const char *const *values, const size_t *lens) {
  loader *l = ud;
  for (int i = 0; i < 2; i++) {
    if (!values[i]) continue;
    put(l->text, values[i], lens[i]);
    put(l->text, "\n\n", 2);
  }
  return l->text->len >= l->max;
}

static void load(const char *path, size_t max, akh_buf *text) {
  static const char *const keys[] = {"title", "content"};
  loader l = {text, max};
  char err[512];
  if (bench_each_record(path, keys, 2, add_record, &l, NULL, err, sizeof err) < 0)
    bench_fail(PROG, "%s (pass the corpus path as the first argument)", err);
}

typedef struct { size_t tokens, arabic, changed; } counts;

static counts run_tokenize(const akh_buf *t) {
  akh_tokenizer tz;
  akh_token tok;
  counts c = {0, 0, 0};
  akh_tokenizer_init(&tz, t->data, t->len);
  int r;
  while ((r = akh_tokenizer_next(&tz, &tok, NULL)) > 0) {
    c.tokens++;
    c.arabic += tok.kind == AKH_TOK_ARABIC;
  }
  if (r < 0) bench_fail(PROG, "invalid UTF-8 in the corpus text");
  return c;
}

static counts run_stem(const akh_buf *t) {
  akh_tokenizer tz;
  akh_token tok;
  akh_buf norm = {0};
  counts c = {0, 0, 0};
  akh_tokenizer_init(&tz, t->data, t->len);
  while (akh_tokenizer_next(&tz, &tok, NULL) > 0) {
    size_t a, n;
    norm.len = 0;
    if (akh_normalize(t->data + tok.start, tok.stop - tok.start, AKH_PROFILE_SEARCH, &norm, NULL, NULL))
      bench_fail(PROG, "normalize failed");
    akh_stem(norm.data, norm.len, AKH_STEM_LIGHT, &a, &n);
    c.tokens++;
    c.changed += n != norm.len;
  }
  akh_buf_free(&norm);
  return c;
}

#ifdef AKH_HAVE_STEMMER
static struct sb_stemmer *sb;
static counts run_snowball(const akh_buf *t) {
  akh_tokenizer tz;
  akh_token tok;
  counts c = {0, 0, 0};
  akh_tokenizer_init(&tz, t->data, t->len);
  while (akh_tokenizer_next(&tz, &tok, NULL) > 0) {
    const sb_symbol *s = sb_stemmer_stem(sb, (const sb_symbol *)t->data + tok.start, (int)(tok.stop - tok.start));
    if (!s) bench_fail(PROG, "Snowball out of memory");
    c.tokens++;
    c.changed += (size_t)sb_stemmer_length(sb) != tok.stop - tok.start;
  }
  return c;
}
#endif

static double report(const char *name, counts (*fn)(const akh_buf *), const akh_buf *t, int reps) {
  double best = 1e30;
  counts c = {0, 0, 0};
  for (int i = 0; i < reps; i++) {
    double t0 = bench_now();
    c = fn(t);
    double dt = bench_now() - t0;
    if (dt < best) best = dt;
  }
  printf("%-44s %8.1f MB/s  %6.2f M tokens/s  (%.3f s, %zu tokens", name,
         (double)t->len / best / 1e6, (double)c.tokens / best / 1e6, best, c.tokens);
  if (c.arabic) printf(", %zu arabic", c.arabic);
  if (c.changed) printf(", %zu changed by the stemmer", c.changed);
  printf(")\n");
  return (double)t->len / best / 1e6;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : bench_default_corpus();
  size_t max = argc > 2 ? (size_t)atof(argv[2]) * 1000000 : (size_t)-1;
  int reps = argc > 3 ? atoi(argv[3]) : 3;
  if (reps < 1) reps = 1;

  akh_buf text = {0};
  double t0 = bench_now();
  load(path, max, &text);
  printf("corpus: %s: %.1f MB of title+content text (loaded in %.1f s)\n", path,
         (double)text.len / 1e6, bench_now() - t0);

  double only = report("tokenise only", run_tokenize, &text, reps);
  double ours = report("tokenise + normalise (search) + light stem", run_stem, &text, reps), base = 0;
#ifdef AKH_HAVE_STEMMER
  sb = sb_stemmer_new("arabic", "UTF_8");
  if (!sb) bench_fail(PROG, "libstemmer has no Arabic stemmer");
  base = report("tokenise + Snowball Arabic stem (baseline)", run_snowball, &text, reps);
  sb_stemmer_delete(sb);
#else
  printf("Snowball baseline: skipped (libstemmer not found at build time)\n");
#endif
  double rss = bench_peak_rss_mb();
  printf("peak RSS: %.1f MB\n", rss);
  if (base > 0)
    printf("RESULT stage=tokenise_stem ours=%.1f unit=MB/s baseline=%.1f rss_mb=%.0f tokenise_only=%.0f\n", ours, base,
           rss, only);
  else
    printf("RESULT stage=tokenise_stem ours=%.1f unit=MB/s rss_mb=%.0f tokenise_only=%.0f\n", ours,
           rss, only);
  akh_buf_free(&text);
  return 0;
}
