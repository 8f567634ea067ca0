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
#include <sys/resource.h>
#include <time.h>
#include <zlib.h>

#include "akhbar.h"
#include "utf8.h"
#ifdef AKH_HAVE_STEMMER
#include <libstemmer.h>
#endif

/* BENCH_CPU=1 (set by bench/run.lua): time in CPU seconds of this thread,
 * so a machine shared with other jobs does not count their time as ours
 * (the targets are per core); otherwise wall-clock. */
static double now(void) {
  static int cpu = -1;
  struct timespec ts;
  if (cpu < 0) cpu = getenv("BENCH_CPU") && strcmp(getenv("BENCH_CPU"), "0") != 0;
  clock_gettime(cpu ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what) {
  fprintf(stderr, "bench_tokens: %s\n", what);
  exit(1);
}

static void put(akh_buf *b, const void *p, size_t n) {
  if (akh_buf_append(b, p, n) != AKH_OK) die("out of memory");
}

static int hexval(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') return (c | 0x20) - 'a' + 10;
  return -1;
}

/* Decode the JSON string value of "key" in line (if present) onto out. */
static void json_field(const char *line, const char *key, akh_buf *out) {
  char pat[32];
  snprintf(pat, sizeof pat, "\"%s\": \"", key);
  const char *p = strstr(line, pat);
  if (!p) return;
  p += strlen(pat);
  while (*p && *p != '"') {
    if (*p != '\\') {
      const char *q = p;
      while (*q && *q != '"' && *q != '\\') q++;
      put(out, p, (size_t)(q - p));
      p = q;
      continue;
    }
    p++;
    char c = *p ? *p++ : 0, u[4];
    switch (c) {
      case 'n': put(out, "\n", 1); break;
      case 't': put(out, "\t", 1); break;
      case 'r': put(out, "\r", 1); break;
      case 'b': case 'f': put(out, " ", 1); break;
      case 'u': {
        uint32_t cp = 0;
        for (int i = 0; i < 4 && *p; i++) cp = cp << 4 | (uint32_t)(hexval(*p++) & 15);
        if (cp >= 0xD800 && cp < 0xDC00 && p[0] == '\\' && p[1] == 'u') {
          uint32_t lo = 0;
          p += 2;
          for (int i = 0; i < 4 && *p; i++) lo = lo << 4 | (uint32_t)(hexval(*p++) & 15);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if ((cp >= 0xD800 && cp < 0xE000) || cp > 0x10FFFF) cp = 0xFFFD;
        put(out, u, akh_utf8_encode(cp, u));
        break;
      }
      case 0: return;
      default: put(out, &c, 1);
    }
  }
  put(out, "\n\n", 2);
}

static void load(const char *path, size_t max, akh_buf *text) {
  gzFile f = gzopen(path, "rb");
  if (!f) die("cannot open the corpus (pass its path as the first argument)");
  akh_buf line = {0};
  char chunk[1 << 16];
  while (text->len < max) {
    line.len = 0;
    int eof = 1;
    while (gzgets(f, chunk, sizeof chunk)) {
      size_t n = strlen(chunk);
      put(&line, chunk, n);
      eof = 0;
      if (n && chunk[n - 1] == '\n') break;
    }
    if (eof) break;
    put(&line, "", 1);
    json_field(line.data, "title", text);
    json_field(line.data, "content", text);
  }
  akh_buf_free(&line);
  gzclose(f);
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
  if (r < 0) die("invalid UTF-8 in the corpus text");
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
      die("normalize failed");
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
    if (!s) die("Snowball out of memory");
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
    double t0 = now();
    c = fn(t);
    double dt = now() - t0;
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
  char def[4096];
  const char *shared = getenv("AKHBAR_SHARED");
  snprintf(def, sizeof def, "%s/corpus/saudinewsnet.jsonl.gz", shared ? shared : "../shared");
  const char *path = argc > 1 ? argv[1] : def;
  size_t max = argc > 2 ? (size_t)atof(argv[2]) * 1000000 : (size_t)-1;
  int reps = argc > 3 ? atoi(argv[3]) : 3;
  if (reps < 1) reps = 1;

  akh_buf text = {0};
  double t0 = now();
  load(path, max, &text);
  printf("corpus: %s: %.1f MB of title+content text (loaded in %.1f s)\n", path,
         (double)text.len / 1e6, now() - t0);

  double only = report("tokenise only", run_tokenize, &text, reps);
  double ours = report("tokenise + normalise (search) + light stem", run_stem, &text, reps), base = 0;
#ifdef AKH_HAVE_STEMMER
  sb = sb_stemmer_new("arabic", "UTF_8");
  if (!sb) die("libstemmer has no Arabic stemmer");
  base = report("tokenise + Snowball Arabic stem (baseline)", run_snowball, &text, reps);
  sb_stemmer_delete(sb);
#else
  printf("Snowball baseline: skipped (libstemmer not found at build time)\n");
#endif
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
  if (base > 0)
    printf("RESULT stage=tokenise_stem ours=%.1f unit=MB/s baseline=%.1f rss_mb=%.0f tokenise_only=%.0f\n", ours, base,
           (double)ru.ru_maxrss / 1024.0, only);
  else
    printf("RESULT stage=tokenise_stem ours=%.1f unit=MB/s rss_mb=%.0f tokenise_only=%.0f\n", ours,
           (double)ru.ru_maxrss / 1024.0, only);
  akh_buf_free(&text);
  return 0;
}
