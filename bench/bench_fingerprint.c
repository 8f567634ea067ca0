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
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "akhbar.h"

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

/* BENCH_CPU=1 (set by bench/run.lua): CPU seconds of this thread, so other
 * jobs on a shared machine do not count; otherwise wall-clock. */
static double now(void) {
  static int cpu = -1;
  struct timespec ts;
  if (cpu < 0) cpu = getenv("BENCH_CPU") && strcmp(getenv("BENCH_CPU"), "0") != 0;
  clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ------------------------------------------------ minimal JSON strings */

static void put_utf8(akh_buf *b, unsigned cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) { u[0] = (char)cp; n = 1; }
  else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 63)); n = 2; }
  else if (cp < 0x10000) { u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 63)); u[2] = (char)(0x80 | (cp & 63)); n = 3; }
  else { u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 63)); u[2] = (char)(0x80 | ((cp >> 6) & 63)); u[3] = (char)(0x80 | (cp & 63)); n = 4; }
  akh_buf_append(b, u, n);
}

static unsigned hex4(const char *p) {
  unsigned v = 0;
  for (int i = 0; i < 4; i++) {
    char c = p[i];
    v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
  }
  return v;
}

/* Decoded string value of "key" in the JSON object `line`, or NULL. */
static char *json_field(const char *line, const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\": \"", key);
  const char *p = strstr(line, pat);
  if (!p) {
    snprintf(pat, sizeof pat, "\"%s\":\"", key);
    if (!(p = strstr(line, pat))) return NULL;
  }
  p += strlen(pat);
  akh_buf b = {0};
  while (*p && *p != '"') {
    if (*p == '\\' && p[1]) {
      p++;
      switch (*p) {
        case 'n': akh_buf_append(&b, "\n", 1); p++; break;
        case 't': akh_buf_append(&b, "\t", 1); p++; break;
        case 'r': p++; break;
        case 'u': {
          if (strlen(p) < 5) { p++; break; }
          unsigned cp = hex4(p + 1);
          p += 5;
          if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u' && strlen(p) >= 6) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(p + 2) - 0xDC00);
            p += 6;
          }
          put_utf8(&b, cp);
          break;
        }
        default: akh_buf_append(&b, p, 1); p++; break;
      }
    } else {
      akh_buf_append(&b, p, 1);
      p++;
    }
  }
  akh_buf_append(&b, "", 1);
  return b.data;
}

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
  gzFile gz = gzopen(argv[1], "rb");
  if (!gz) { perror(argv[1]); return 1; }
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

  size_t cap = 1024, n = 0;
  article *arts = calloc(cap, sizeof *arts);
  akh_buf line = {0}, text = {0};
  char chunk[65536];
  double fp_time = 0, bytes = 0;
  akh_fp *fp = malloc(sizeof *fp);
  for (;;) {
    line.len = 0;
    int eof = 1;
    while (gzgets(gz, chunk, sizeof chunk)) {
      eof = 0;
      size_t l = strlen(chunk);
      akh_buf_append(&line, chunk, l);
      if (l && chunk[l - 1] == '\n') break;
    }
    if (eof) break;
    akh_buf_append(&line, "", 1);
    char *title = json_field(line.data, "title"), *content = json_field(line.data, "content");
    if (!content) { free(title); continue; }
    text.len = 0;
    if (title) { akh_buf_append(&text, title, strlen(title)); akh_buf_append(&text, "\n\n", 2); }
    akh_buf_append(&text, content, strlen(content));
    double t0 = now();
    if (akh_fingerprint(text.data, text.len, &p, fp, &err) != AKH_OK) {
      fprintf(stderr, "article %zu: %s\n", n + 1, err.message);
      free(title); free(content);
      continue;
    }
    fp_time += now() - t0;
    bytes += (double)text.len;
    if (n == cap) { cap *= 2; arts = realloc(arts, cap * sizeof *arts); }
    article *a = &arts[n++];
    memset(a, 0, sizeof *a);
    a->source = json_field(line.data, "source");
    a->date = json_field(line.data, "date_extracted");
    a->title = title ? title : strdup("");
    size_t ll = strlen(content) < 300 ? strlen(content) : 300;
    while (ll > 0 && ll < strlen(content) && ((unsigned char)content[ll] & 0xC0) == 0x80) ll--;
    a->lead = strndup(content, ll);
    for (char *q = a->lead; *q; q++) if (*q == '\n' || *q == '\t') *q = ' ';
    for (char *q = a->title; *q; q++) if (*q == '\n' || *q == '\t') *q = ' ';
    free(content);
    a->simhash = fp->simhash;
    a->content = fp->content;
    a->shingles = fp->shingles;
    a->mh = malloc(p.perms * sizeof *a->mh);
    memcpy(a->mh, fp->minhash, p.perms * sizeof *a->mh);
    a->day = day_number(a->date);
  }
  gzclose(gz);
  printf("fingerprinted %zu articles, %.1f MB in %.2f s: %.1f MB/s\n", n, bytes / 1e6, fp_time,
         bytes / 1e6 / fp_time);

  /* Cluster in arrival order (the order of the file, as an import would). */
  double t0 = now();
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
  double ct = now() - t0;
  size_t *size = calloc(n, sizeof *size), stories2 = 0, in2 = 0, biggest = 0;
  for (size_t i = 0; i < n; i++) size[find(parent, (int)i)]++;
  for (size_t i = 0; i < n; i++)
    if (size[i] >= 2) { stories2++; in2 += size[i]; if (size[i] > biggest) biggest = size[i]; }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("clustered in %.2f s (threshold %.2f): %zu candidates looked at (%.1f per article), %zu links\n",
         ct, threshold, ncand, (double)ncand / (double)n, links);
  printf("stories with >= 2 members: %zu covering %zu articles; largest %zu\n", stories2, in2, biggest);
  printf("duplicates flagged: %zu exact, %zu near (SimHash <= 3)\n", exactdup, neardup);
  printf("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
  printf("RESULT stage=fingerprint ours=%.1f unit=MB/s rss_mb=%.0f articles=%zu\n", bytes / 1e6 / fp_time,
         ru.ru_maxrss / 1024.0, n);
  printf("RESULT stage=clustering ours=%.2f unit=s rss_mb=%.0f stories=%zu\n", ct, ru.ru_maxrss / 1024.0, stories2);
  if (dump) {
    for (size_t i = 0; i < n; i++)
      fprintf(dump, "A\t%zu\t%s\t%.10s\t%d\t%d\t%s\t%s\n", i, arts[i].source ? arts[i].source : "",
              arts[i].date ? arts[i].date : "", find(parent, (int)i), arts[i].dup_of, arts[i].title,
              arts[i].lead);
    fclose(dump);
  }
  return 0;
}
