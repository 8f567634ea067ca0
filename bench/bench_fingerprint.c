/* bench_fingerprint.c — fingerprint a JSONL(.gz) news corpus in C and
 * cluster it into stories in memory with the SAME rules as
 * lua/akhbar/stories_store.lua (LSH candidates, MinHash threshold, attach
 * to the best story, SimHash near-duplicates), without SQLite.
 *
 *   build-x/bench/bench_fingerprint CORPUS.jsonl.gz [threshold] [dump.tsv]
 *
 * Prints fingerprinting throughput (MB/s of title + content), clustering
 * time, story counts and peak memory.  With dump.tsv, writes one line per
 * article (id, source, date, story, near_dup_of, title, lead) and one line
 * per accepted link ("L", a, b, similarity) for the precision sample
 * (bench/stories_sample.lua).  Memory is O(articles x bands): no pairs are
 * ever enumerated beyond LSH candidates, and each bucket scan is capped. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "bench_util.h"

#define BUCKET_SCAN 64 /* newest entries looked at per bucket (docs/stories.md) */
#define MIN_SHINGLES 8 /* shorter texts get no story */
#define WINDOW_DAYS 3 /* a story's members appear within 3 days of its first article */

typedef struct article {
  char *source, *date, *title, *lead;
  uint64_t simhash, content;
  uint32_t *mh;
  size_t shingles;
  int day;
  int story, dup_of;
} article;

/* ------------------------------------------------ LSH buckets */

typedef struct bucket_map {
  uint64_t *keys;
  int *head; /* newest entry index, -1 empty */
  size_t cap;
} bucket_map;

static int *entry_next, *entry_article;
static size_t nentries, cap_entries;

static int *bucket_slot(bucket_map *m, uint64_t key) {
  if (key == 0) key = 1;
  for (size_t i = key & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    if (m->keys[i] == key) return &m->head[i];
    if (m->keys[i] == 0) {
      m->keys[i] = key;
      m->head[i] = -1;
      return &m->head[i];
    }
  }
}

static int day_number(const char *d) {
  int y, mo, da;
  if (!d || sscanf(d, "%d-%d-%d", &y, &mo, &da) != 3) return 0;
  /* days from civil (Howard Hinnant) */
  y -= mo <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + da - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* ------------------------------------------------ reading and fingerprinting */

typedef struct loader {
  const akh_fp_params *p;
  akh_fp *fp;
  article *arts;
  size_t n, cap;
  akh_buf text;
  double fp_time, bytes;
} loader;

static char *copy_line(const char *s, size_t len) {
  char *c = strndup(s, len);
  if (!c) bench_fail("bench_fingerprint", "out of memory");
  for (char *q = c; *q; q++)
    if (*q == '\n' || *q == '\t') *q = ' ';
  return c;
}

/* Fingerprints title + content as the stories extension does, timing only
 * akh_fingerprint, and keeps what clustering and the dump need. */
static int add_record(void *ud, const char *const *v, const size_t *len) {
  loader *l = ud;
  const char *title = v[0], *content = v[1], *source = v[2], *date = v[3];
  akh_error err;
  if (!content) return 0;
  l->text.len = 0;
  if (title) {
    akh_buf_append(&l->text, title, len[0]);
    akh_buf_append(&l->text, "\n\n", 2);
  }
  akh_buf_append(&l->text, content, len[1]);
  double t0 = bench_now();
  if (akh_fingerprint(l->text.data, l->text.len, l->p, l->fp, &err) != AKH_OK) {
    fprintf(stderr, "article %zu: %s\n", l->n + 1, err.message);
    return 0;
  }
  l->fp_time += bench_now() - t0;
  l->bytes += (double)l->text.len;
  if (l->n == l->cap) {
    l->cap *= 2;
    l->arts = realloc(l->arts, l->cap * sizeof *l->arts);
    if (!l->arts) bench_fail("bench_fingerprint", "out of memory");
  }
  article *a = &l->arts[l->n++];
  memset(a, 0, sizeof *a);
  a->source = source ? strndup(source, len[2]) : NULL;
  a->date = date ? strndup(date, len[3]) : NULL;
  a->title = copy_line(title ? title : "", title ? len[0] : 0);
  /* The lead: at most 300 bytes, cut at a character boundary. */
  size_t ll = len[1] < 300 ? len[1] : 300;
  while (ll > 0 && ll < len[1] && ((unsigned char)content[ll] & 0xC0) == 0x80) ll--;
  a->lead = copy_line(content, ll);
  a->simhash = l->fp->simhash;
  a->content = l->fp->content;
  a->shingles = l->fp->shingles;
  a->mh = malloc(l->p->perms * sizeof *a->mh);
  if (!a->mh) bench_fail("bench_fingerprint", "out of memory");
  memcpy(a->mh, l->fp->minhash, l->p->perms * sizeof *a->mh);
  a->day = day_number(a->date);
  return 0;
}

static int find(int *parent, int x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s corpus.jsonl.gz [threshold] [dump.tsv]\n", argv[0]);
    return 2;
  }
  double threshold = argc > 2 ? atof(argv[2]) : 0.2;
  /* A member must also resemble the story's first article: no drift
   * along chains of pairwise links (docs/stories.md). */
  double founder_min = getenv("FP_FOUNDER") ? atof(getenv("FP_FOUNDER")) : 0.15;
  FILE *dump = argc > 3 ? fopen(argv[3], "w") : NULL;
  akh_fp_params p;
  akh_error err;
  akh_fp_defaults(&p);
  p.lenient = 1;
  /* Parameter exploration without recompiling (docs/stories.md). */
  if (getenv("FP_SHINGLE")) p.shingle = (unsigned)atoi(getenv("FP_SHINGLE"));
  if (getenv("FP_PERMS")) p.perms = (unsigned)atoi(getenv("FP_PERMS"));
  if (getenv("FP_BANDS")) p.bands = (unsigned)atoi(getenv("FP_BANDS"));
  if (getenv("FP_ROWS")) p.rows = (unsigned)atoi(getenv("FP_ROWS"));
  if (getenv("FP_LEAD")) p.lead = (unsigned)atoi(getenv("FP_LEAD"));
  if (akh_fp_check(&p, &err) != AKH_OK) { fprintf(stderr, "%s\n", err.message); return 2; }
  printf("shingle %u, perms %u, bands %u x rows %u, lead %u\n", p.shingle, p.perms, p.bands, p.rows, p.lead);

  loader l = {0};
  l.cap = 1024;
  l.arts = calloc(l.cap, sizeof *l.arts);
  l.fp = malloc(sizeof *l.fp);
  l.p = &p;
  if (!l.arts || !l.fp) bench_fail("bench_fingerprint", "out of memory");
  static const char *const keys[] = {"title", "content", "source", "date_extracted"};
  char msg[512];
  if (bench_each_record(argv[1], keys, 4, add_record, &l, NULL, msg, sizeof msg) < 0)
    bench_fail("bench_fingerprint", "%s", msg);
  akh_buf_free(&l.text);
  free(l.fp);
  article *arts = l.arts;
  size_t n = l.n;
  double fp_time = l.fp_time, bytes = l.bytes;
  printf("fingerprinted %zu articles, %.1f MB in %.2f s: %.1f MB/s\n", n, bytes / 1e6, fp_time,
         bytes / 1e6 / fp_time);

  /* Cluster in arrival order (the order of the file, as an import would). */
  double t0 = bench_now();
  bucket_map m;
  m.cap = 1;
  while (m.cap < n * p.bands * 2) m.cap <<= 1;
  m.keys = calloc(m.cap, sizeof *m.keys);
  m.head = calloc(m.cap, sizeof *m.head);
  cap_entries = n * p.bands;
  entry_next = malloc(cap_entries * sizeof *entry_next);
  entry_article = malloc(cap_entries * sizeof *entry_article);
  int *parent = malloc(n * sizeof *parent);
  int *seen = calloc(n, sizeof *seen);
  size_t ncand = 0, links = 0, neardup = 0, exactdup = 0;
  for (size_t i = 0; i < n; i++) {
    article *a = &arts[i];
    parent[i] = (int)i;
    a->dup_of = -1;
    if (a->shingles < MIN_SHINGLES) continue;
    int best = -1;
    double bestsim = 0;
    int *slots[AKH_FP_MAXPERM];
    akh_fp tmp;
    tmp.perms = p.perms;
    memcpy(tmp.minhash, a->mh, p.perms * sizeof *a->mh);
    for (unsigned b = 0; b < p.bands; b++) {
      slots[b] = bucket_slot(&m, akh_fp_band(&tmp, &p, b));
      int e = *slots[b];
      for (int k = 0; e >= 0 && k < BUCKET_SCAN; k++, e = entry_next[e]) {
        int c = entry_article[e];
        if (seen[c] == (int)i + 1) continue;
        seen[c] = (int)i + 1;
        ncand++;
        article *ca = &arts[c];
        if (abs(ca->day - a->day) > WINDOW_DAYS) continue;
        double s = akh_minhash_similarity(a->mh, ca->mh, p.perms);
        if (a->dup_of < 0 && (ca->content == a->content || akh_simhash_distance(ca->simhash, a->simhash) <= 3)) {
          a->dup_of = c;
          if (ca->content == a->content) exactdup++; else neardup++;
        }
        if (s >= threshold && s > bestsim) { bestsim = s; best = c; }
      }
    }
    for (unsigned b = 0; b < p.bands; b++) {
      entry_article[nentries] = (int)i;
      entry_next[nentries] = *slots[b];
      *slots[b] = (int)nentries++;
    }
    if (best >= 0) {
      const article *f = &arts[find(parent, best)];
      if (akh_minhash_similarity(a->mh, f->mh, p.perms) < founder_min || abs(a->day - f->day) > WINDOW_DAYS)
        best = -1;
    }
    if (best >= 0) {
      parent[i] = find(parent, best);
      links++;
      if (dump) fprintf(dump, "L\t%d\t%zu\t%.3f\n", best, i, bestsim);
    }
  }
  double ct = bench_now() - t0;
  size_t *size = calloc(n, sizeof *size), stories2 = 0, in2 = 0, biggest = 0;
  for (size_t i = 0; i < n; i++) size[find(parent, (int)i)]++;
  for (size_t i = 0; i < n; i++)
    if (size[i] >= 2) { stories2++; in2 += size[i]; if (size[i] > biggest) biggest = size[i]; }
  double rss = bench_peak_rss_mb();
  printf("clustered in %.2f s (threshold %.2f): %zu candidates looked at (%.1f per article), %zu links\n",
         ct, threshold, ncand, (double)ncand / (double)n, links);
  printf("stories with >= 2 members: %zu covering %zu articles; largest %zu\n", stories2, in2, biggest);
  printf("duplicates flagged: %zu exact, %zu near (SimHash <= 3)\n", exactdup, neardup);
  printf("peak RSS %.1f MB\n", rss);
  printf("RESULT stage=fingerprint ours=%.1f unit=MB/s rss_mb=%.0f articles=%zu\n", bytes / 1e6 / fp_time,
         rss, n);
  printf("RESULT stage=clustering ours=%.2f unit=s rss_mb=%.0f stories=%zu\n", ct, rss, stories2);
  if (dump) {
    for (size_t i = 0; i < n; i++)
      fprintf(dump, "A\t%zu\t%s\t%.10s\t%d\t%d\t%s\t%s\n", i, arts[i].source ? arts[i].source : "",
              arts[i].date ? arts[i].date : "", find(parent, (int)i), arts[i].dup_of, arts[i].title,
              arts[i].lead);
    fclose(dump);
  }
  return 0;
}
