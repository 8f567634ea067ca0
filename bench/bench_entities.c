/* bench_entities — gazetteer compile time and matching speed at scale.
 *
 *   build-ent/bench/bench_entities [corpus.jsonl.gz] [data/gazetteer.tsv] [sizes, default 1000,10000,100000]
 *
 * Loads title + content of every record (JSON strings decoded) into memory,
 * then in the same run:
 *   1. compile the default gazetteer alone and match all the text;
 *   2. for each size (1k, 10k, 100k), compile it plus that many synthetic
 *      entities: 2-3 word names made of real corpus words and of the
 *      gazetteer's own name words, half of them variant-folded, so that
 *      first tokens hit as often as real names do; match all the text;
 *   3. the naive baseline: for a sample of names, memmem of each
 *      (normalised) name over a text subset, extrapolated to all names.
 * Matching: best of 3 passes (1 with BENCH_QUICK=1, which also stops at
 * 25 MB of text), each with a fresh matcher, timed in thread CPU time
 * (wall time printed beside it).  Single thread.  Prints RESULT lines for
 * bench/run.lua. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "akhbar.h"
#include "bench_util.h"

static double last_wall;

typedef struct { size_t *off; size_t n, cap; } offsets;

typedef struct loader {
  akh_buf *text;
  offsets *docs;
  size_t maxbytes;
} loader;

/* One document per record: its title, a blank line, its content. */
static int add_record(void *ud, const char *const *values, const size_t *lens) {
  loader *l = ud;
  offsets *d = l->docs;
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 1024;
    d->off = realloc(d->off, d->cap * sizeof *d->off);
    if (!d->off) bench_fail("bench_entities", "out of memory");
  }
  d->off[d->n++] = l->text->len;
  if (values[0]) akh_buf_append(l->text, values[0], lens[0]);
  akh_buf_append(l->text, "\n\n", 2);
  if (values[1]) akh_buf_append(l->text, values[1], lens[1]);
  return l->text->len >= l->maxbytes;
}

typedef struct { size_t n; unsigned long long sum; } tally;

/* Count the matches and fold every field of each into a checksum, so two
 * builds can be compared for identical results. */
static int count_match(void *ud, const akh_entity_match *m) {
  tally *t = ud;
  unsigned long long h = (unsigned long long)m->entity * 0x9E3779B97F4A7C15ull;
  h ^= (unsigned long long)m->start * 0xC2B2AE3D27D4EB4Full + (unsigned long long)m->stop;
  h ^= ((unsigned long long)m->sentence << 20) ^ (unsigned long long)m->ntokens;
  h *= 0xff51afd7ed558ccdull;
  t->sum += h ^ (h >> 31);
  t->n++;
  return 0;
}

static void one_pass(akh_matcher *m, const akh_buf *text, const offsets *docs, tally *t) {
  t->n = 0;
  t->sum = 0;
  for (size_t i = 0; i + 1 < docs->n; i++) {
    akh_error e;
    if (akh_matcher_run(m, text->data + docs->off[i], docs->off[i + 1] - docs->off[i], count_match, t, &e))
      fprintf(stderr, "match: %s\n", e.message);
  }
}

/* Best of `runs` passes over all documents, each with a FRESH matcher:
 * its word cache starts cold, as in one import of a corpus.  *warm: the
 * CPU time of one more pass by the last matcher, whose cache then holds
 * the words of the corpus (the steady state of a long import). */
static double match_all(const akh_gazetteer *g, const akh_buf *text, const offsets *docs, int runs,
                        tally *out, double *warm) {
  double best = 1e9;
  akh_matcher *m = NULL;
  for (int run = 0; run < runs; run++) {
    double t0 = bench_thread_cpu(), w0 = bench_wall();
    akh_matcher_free(m);
    if (akh_matcher_new(g, &m, NULL)) { fprintf(stderr, "matcher: out of memory\n"); exit(1); }
    one_pass(m, text, docs, out);
    double t1 = bench_thread_cpu() - t0;
    if (t1 < best) { best = t1; last_wall = bench_wall() - w0; }
  }
  tally t;
  double t0 = bench_thread_cpu();
  one_pass(m, text, docs, &t);
  *warm = bench_thread_cpu() - t0;
  if (t.n != out->n || t.sum != out->sum) fprintf(stderr, "bench_entities: a warm pass gave other matches\n");
  akh_matcher_free(m);
  return best;
}

static unsigned long long rng = 88172645463325252ull;
static unsigned long long next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* Naive baseline: seconds per name per MB for memmem of the normalised
 * name over the normalised first 5 MB (200 names sampled). */
static double naive_per_name_mb(const akh_buf *text, char **names, size_t nnames, size_t *hits_out) {
  size_t sub = text->len < 5000000 ? text->len : 5000000, sample = nnames < 200 ? nnames : 200, hits = 0;
  akh_buf norm = {0};
  akh_normalize(text->data, sub, AKH_PROFILE_SEARCH, &norm, NULL, NULL);
  double t0 = bench_thread_cpu();
  for (size_t i = 0; i < sample; i++) {
    const char *nm = names[i * (nnames / sample)];
    akh_buf nb = {0};
    akh_normalize(nm, strlen(nm), AKH_PROFILE_SEARCH, &nb, NULL, NULL);
    const char *p = norm.data, *end = norm.data + norm.len;
    while (nb.len && (p = memmem(p, (size_t)(end - p), nb.data, nb.len)) != NULL) { hits++; p += nb.len; }
    akh_buf_free(&nb);
  }
  double tn = bench_thread_cpu() - t0;
  akh_buf_free(&norm);
  *hits_out = hits;
  return tn / (double)sample / ((double)sub / 1e6);
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : bench_default_corpus();
  const char *gpath = argc > 2 ? argv[2] : "data/gazetteer.tsv";
  const char *sizes = argc > 3 ? argv[3] : "1000,10000,100000";
  int quick = getenv("BENCH_QUICK") && strcmp(getenv("BENCH_QUICK"), "0") != 0;
  size_t maxbytes = quick ? 25000000 : (size_t)-1;
  int runs = quick ? 1 : 3;
  akh_error e;
  akh_buf text = {0};
  offsets docs = {0};
  loader l = {&text, &docs, maxbytes};
  char err[512];
  static const char *const keys[] = {"title", "content"};
  if (bench_each_record(path, keys, 2, add_record, &l, NULL, err, sizeof err) < 0) {
    printf("bench_entities: %s; skipped\n", err);
    return 0;
  }
  docs.off = realloc(docs.off, (docs.n + 1) * sizeof *docs.off);
  docs.off[docs.n++] = text.len;
  double mb = (double)text.len / 1e6;
  printf("text: %zu records, %.1f MB; best of %d passes, a fresh matcher (cold word cache) each\n",
         docs.n - 1, mb, runs);

  /* 1. the default gazetteer */
  akh_gazetteer *g;
  size_t nn;
  tally tl;
  double t0 = bench_wall();
  akh_gazetteer_new(&g, NULL);
  if (akh_gazetteer_load_file(g, gpath, NULL, NULL, NULL, &e)) { fprintf(stderr, "%s\n", e.message); return 1; }
  double tc = bench_wall() - t0;
  akh_gazetteer_count(g, &nn);
  double warm;
  double tm = match_all(g, &text, &docs, runs, &tl, &warm);
  printf("default gazetteer: %zu entities, %zu names, compile %.3f s; match %.2f s CPU (%.2f s wall) = %.1f MB/s "
         "(warm cache: %.1f MB/s), %zu mentions (checksum %016llx)\n",
         akh_gazetteer_count(g, NULL), nn, tc, tm, last_wall, mb / tm, mb / warm, tl.n, tl.sum);
  printf("RESULT stage=entities_default ours=%.1f unit=MB/s warm=%.1f rss_mb=%.0f names=%zu mentions=%zu\n", mb / tm,
         mb / warm, bench_peak_rss_mb(), nn, tl.n);
  fflush(stdout);

  /* 2. synthetic gazetteers: words from the gazetteer's names and from the text */
  char **words = NULL;
  size_t nw = 0, cw = 0;
  for (size_t i = 0; i < akh_gazetteer_count(g, NULL); i++) {
    akh_entity ent;
    akh_gazetteer_entity(g, i, &ent);
    char *s = strdup(ent.name), *save, *w;
    for (w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
      if (nw == cw) words = realloc(words, (cw = cw ? cw * 2 : 1024) * sizeof *words);
      words[nw++] = strdup(w);
    }
    free(s);
  }
  size_t ngaz = nw;
  for (size_t pos = 0; pos < text.len && nw < ngaz + 20000;) { /* corpus words */
    akh_tokenizer tz;
    akh_token tk;
    akh_tokenizer_init(&tz, text.data + pos, text.len - pos > 4096 ? 4096 : text.len - pos);
    size_t k = 0;
    while (akh_tokenizer_next(&tz, &tk, NULL) == 1 && k < 50) {
      if (tk.kind == AKH_TOK_ARABIC && tk.stop - tk.start >= 8 && (next_rand() & 7) == 0) {
        if (nw == cw) words = realloc(words, (cw *= 2) * sizeof *words);
        words[nw++] = strndup(text.data + pos + tk.start, tk.stop - tk.start);
      }
      k++;
    }
    pos += 4096 + (next_rand() % 40000);
  }
  size_t target = 0;
  for (const char *p = sizes; *p;) {
    size_t v = (size_t)strtoul(p, (char **)&p, 10);
    if (v > target) target = v;
    while (*p == ',' || *p == ' ') p++;
    if (*p && (*p < '0' || *p > '9')) break;
  }
  char **names = malloc((target ? target : 1) * sizeof *names);
  size_t nnames = 0;
  char id[32], name[512];
  /* generated first (not timed); every size uses a prefix of this list */
  while (nnames < target) {
    int k = 2 + (int)(next_rand() % 2);
    name[0] = 0;
    for (int j = 0; j < k; j++) {
      const char *w = (j == 0 && (next_rand() & 1)) ? words[next_rand() % ngaz] : words[next_rand() % nw];
      if (strlen(name) + strlen(w) + 2 >= sizeof name) break;
      if (j) strcat(name, " ");
      strcat(name, w);
    }
    names[nnames++] = strdup(name);
  }
  for (const char *p = sizes; *p;) {
    size_t want = (size_t)strtoul(p, (char **)&p, 10);
    while (*p == ',' || *p == ' ') p++;
    if (!want) break;
    akh_gazetteer *big;
    t0 = bench_wall();
    akh_gazetteer_new(&big, NULL);
    akh_gazetteer_load_file(big, gpath, NULL, NULL, NULL, &e);
    for (size_t i = 0; i < want; i++) {
      snprintf(id, sizeof id, "syn%zu", i);
      akh_entity_def d = {id, AKH_ENT_OTHER, names[i], NULL, NULL, NULL, (i & 1) ? AKH_ENT_NOVARIANT : 0};
      akh_gazetteer_add(big, &d, NULL, NULL, 0, NULL);
    }
    tc = bench_wall() - t0;
    akh_gazetteer_count(big, &nn);
    tm = match_all(big, &text, &docs, runs, &tl, &warm);
    size_t hits;
    double per = naive_per_name_mb(&text, names, want, &hits);
    double naive = 1.0 / (per * (double)nn); /* MB/s of a scan per name over all names */
    printf("%zu synthetic names: %zu entities, %zu names, compile %.3f s; match %.2f s CPU (%.2f s wall) = %.1f MB/s "
           "(warm cache: %.1f MB/s), %zu mentions (checksum %016llx)\n", want, akh_gazetteer_count(big, NULL), nn, tc, tm,
           last_wall, mb / tm, mb / warm, tl.n, tl.sum);
    printf("  naive baseline (memmem of each normalised name; no clitics, variants or offsets): "
           "%.5f s per name per MB -> %.4f MB/s for %zu names\n", per, naive, nn);
    printf("RESULT stage=entities_%zuk ours=%.1f unit=MB/s baseline=%.4f target=%s cmp=ge warm=%.1f rss_mb=%.0f "
           "names=%zu compile_s=%.3f mentions=%zu\n", want / 1000, mb / tm, naive, want >= 100000 ? "200" : "-",
           mb / warm, bench_peak_rss_mb(), nn, tc, tl.n);
    fflush(stdout);
    akh_gazetteer_free(big);
  }
  for (size_t i = 0; i < nnames; i++) free(names[i]);
  free(names);
  for (size_t i = 0; i < nw; i++) free(words[i]);
  free(words);
  akh_gazetteer_free(g);
  akh_buf_free(&text);
  free(docs.off);
  return 0;
}
