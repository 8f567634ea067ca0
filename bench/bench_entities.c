/* bench_entities — gazetteer compile time and matching speed at scale.
 *
 *   build-ent/bench/bench_entities ../shared/corpus/saudinewsnet.jsonl.gz [data/gazetteer.tsv] [names]
 *
 * Loads title + content of every record (JSON strings decoded) into memory,
 * then in the same run:
 *   1. compile the default gazetteer alone and match all the text;
 *   2. compile it plus synthetic entities up to `names` names (default
 *      100,000): 2-3 word names made of real corpus words and of the
 *      gazetteer's own name words, half of them variant-folded, so that
 *      first tokens hit as often as real names do; match all the text;
 *   3. the naive baseline: for a sample of names, memmem of each
 *      (normalised) name over a text subset, extrapolated to all names.
 * Best of 3 runs for matching.  Single thread. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "akhbar.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void put_utf8(akh_buf *b, unsigned cp) {
  char s[4];
  size_t n;
  if (cp < 0x80) { s[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { s[0] = (char)(0xC0 | (cp >> 6)); s[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
  else { s[0] = (char)(0xE0 | (cp >> 12)); s[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); s[2] = (char)(0x80 | (cp & 0x3F)); n = 3; }
  akh_buf_append(b, s, n);
}

/* Append the decoded JSON string value of `key` in line to b. */
static void json_field(const char *line, size_t len, const char *key, akh_buf *b) {
  char pat[32];
  snprintf(pat, sizeof pat, "\"%s\":", key);
  const char *p = memmem(line, len, pat, strlen(pat));
  if (!p) return;
  p += strlen(pat);
  const char *end = line + len;
  while (p < end && *p == ' ') p++;
  if (p >= end || *p != '"') return;
  p++;
  while (p < end && *p != '"') {
    if (*p == '\\' && p + 1 < end) {
      p++;
      switch (*p) {
      case 'n': akh_buf_append(b, "\n", 1); p++; break;
      case 't': akh_buf_append(b, "\t", 1); p++; break;
      case 'r': p++; break;
      case 'u':
        if (p + 4 < end) {
          char hex[5] = {p[1], p[2], p[3], p[4], 0};
          unsigned cp = (unsigned)strtoul(hex, NULL, 16);
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          put_utf8(b, cp);
          p += 5;
        } else p = end;
        break;
      default: akh_buf_append(b, p, 1); p++;
      }
    } else {
      const char *q = p;
      while (q < end && *q != '"' && *q != '\\') q++;
      akh_buf_append(b, p, (size_t)(q - p));
      p = q;
    }
  }
}

typedef struct { size_t *off; size_t n, cap; } offsets;

static int count_match(void *ud, const akh_entity_match *m) {
  (void)m;
  (*(size_t *)ud)++;
  return 0;
}

static double match_all(akh_matcher *m, const akh_buf *text, const offsets *docs, size_t *nmatch) {
  double best = 1e9;
  for (int run = 0; run < 3; run++) {
    size_t n = 0;
    double t0 = now();
    for (size_t i = 0; i + 1 < docs->n; i++) {
      akh_error e;
      if (akh_matcher_run(m, text->data + docs->off[i], docs->off[i + 1] - docs->off[i], count_match, &n, &e))
        fprintf(stderr, "match: %s\n", e.message);
    }
    double t = now() - t0;
    if (t < best) best = t;
    *nmatch = n;
  }
  return best;
}

static unsigned long long rng = 88172645463325252ull;
static unsigned long long next_rand(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "../shared/corpus/saudinewsnet.jsonl.gz";
  const char *gpath = argc > 2 ? argv[2] : "data/gazetteer.tsv";
  size_t target = argc > 3 ? (size_t)strtoul(argv[3], NULL, 10) : 100000;
  akh_error e;
  akh_lines *r = akh_lines_open(path, &e);
  if (!r) { fprintf(stderr, "%s\n", e.message); return 1; }
  akh_buf text = {0};
  offsets docs = {0};
  const char *line;
  size_t len;
  int rc;
  while ((rc = akh_lines_next(r, &line, &len, &e)) == 1) {
    if (docs.n == docs.cap) {
      docs.cap = docs.cap ? docs.cap * 2 : 1024;
      docs.off = realloc(docs.off, docs.cap * sizeof *docs.off);
    }
    docs.off[docs.n++] = text.len;
    json_field(line, len, "title", &text);
    akh_buf_append(&text, "\n\n", 2);
    json_field(line, len, "content", &text);
  }
  akh_lines_close(r);
  docs.off = realloc(docs.off, (docs.n + 1) * sizeof *docs.off);
  docs.off[docs.n++] = text.len;
  double mb = (double)text.len / 1e6;
  printf("text: %zu records, %.1f MB\n", docs.n - 1, mb);

  /* 1. the default gazetteer */
  akh_gazetteer *g;
  akh_matcher *m;
  size_t nm, nn;
  double t0 = now();
  akh_gazetteer_new(&g, NULL);
  if (akh_gazetteer_load_file(g, gpath, NULL, NULL, NULL, &e)) { fprintf(stderr, "%s\n", e.message); return 1; }
  double tc = now() - t0;
  akh_gazetteer_count(g, &nn);
  akh_matcher_new(g, &m, NULL);
  double tm = match_all(m, &text, &docs, &nm);
  printf("default gazetteer: %zu entities, %zu names, compile %.3f s; match %.2f s = %.1f MB/s, %zu mentions\n",
         akh_gazetteer_count(g, NULL), nn, tc, tm, mb / tm, nm);
  akh_matcher_free(m);

  /* 2. 100,000 names: words from the gazetteer's names and from the text */
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
  akh_gazetteer *big;
  char **names = malloc(target * sizeof *names);
  size_t nnames = 0;
  char id[32], name[512];
  /* generate first (not timed), then time the compile */
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
  t0 = now();
  akh_gazetteer_new(&big, NULL);
  akh_gazetteer_load_file(big, gpath, NULL, NULL, NULL, &e);
  for (size_t i = 0; i < nnames; i++) {
    snprintf(id, sizeof id, "syn%zu", i);
    akh_entity_def d = {id, AKH_ENT_OTHER, names[i], NULL, NULL, NULL, (i & 1) ? AKH_ENT_NOVARIANT : 0};
    akh_gazetteer_add(big, &d, NULL, NULL, 0, NULL);
  }
  tc = now() - t0;
  akh_gazetteer_count(big, &nn);
  akh_matcher_new(big, &m, NULL);
  tm = match_all(m, &text, &docs, &nm);
  printf("large gazetteer: %zu entities, %zu names, compile %.3f s; match %.2f s = %.1f MB/s, %zu mentions\n",
         akh_gazetteer_count(big, NULL), nn, tc, tm, mb / tm, nm);
  akh_matcher_free(m);

  /* 3. naive: memmem of each normalised name over a subset */
  size_t sub = text.len < 5000000 ? text.len : 5000000, sample = 200, hits = 0;
  akh_buf norm = {0};
  akh_normalize(text.data, sub, AKH_PROFILE_SEARCH, &norm, NULL, NULL);
  t0 = now();
  for (size_t i = 0; i < sample; i++) {
    akh_buf nb = {0};
    akh_normalize(names[i * (nnames / sample)], strlen(names[i * (nnames / sample)]), AKH_PROFILE_SEARCH, &nb, NULL, NULL);
    const char *p = norm.data, *end = norm.data + norm.len;
    while (nb.len && (p = memmem(p, (size_t)(end - p), nb.data, nb.len)) != NULL) { hits++; p += nb.len; }
    akh_buf_free(&nb);
  }
  double tn = now() - t0;
  double per_name_mb = tn / (double)sample / ((double)sub / 1e6);
  printf("naive baseline: %zu names over %.1f MB in %.2f s (%zu hits) -> %.4f s per name per MB;\n"
         "  all %zu names over %.1f MB would take %.0f s = %.4f MB/s (no clitics, no variants, no offsets map)\n",
         sample, (double)sub / 1e6, tn, hits, per_name_mb, nn, mb, per_name_mb * (double)nn * mb,
         mb / (per_name_mb * (double)nn * mb));
  akh_buf_free(&norm);
  for (size_t i = 0; i < nnames; i++) free(names[i]);
  free(names);
  for (size_t i = 0; i < nw; i++) free(words[i]);
  free(words);
  akh_gazetteer_free(big);
  akh_gazetteer_free(g);
  akh_buf_free(&text);
  free(docs.off);
  return 0;
}
