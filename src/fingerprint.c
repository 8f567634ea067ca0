/* fingerprint.c — SimHash, MinHash and LSH band keys over normalised,
 * light-stemmed word shingles.  API and method: akh_fingerprint.h;
 * parameters and evidence: docs/stories.md. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"

/* ---------------------------------------------------------------- hashing */

/* Odd 64-bit constants (wyhash's, chosen for good avalanche of the fold). */
#define P0 0xa0761d6478bd642full
#define P1 0xe7037ed1a0b428dbull
#define P2 0x8ebc6af09c88c6e3ull
#define P3 0x589965cc75374cc3ull

/* 128-bit product folded to 64 bits: every input bit reaches every output
 * bit in one multiply, which is what makes the short-key hash good. */
static inline uint64_t fold(uint64_t a, uint64_t b) {
  __uint128_t r = (__uint128_t)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Little-endian loads so stored fingerprints do not depend on the host. */
static inline uint64_t load64(const unsigned char *p) {
  return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
         (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t load_tail(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) v |= (uint64_t)p[i] << (8 * i);
  return v;
}

uint64_t akh_hash64(const void *data, size_t len, uint64_t seed) {
  const unsigned char *p = data;
  uint64_t h = fold(seed ^ P0, (uint64_t)len ^ P1);
  size_t n = len;
  while (n >= 8) {
    h = fold(load64(p) ^ P1, h ^ P2);
    p += 8;
    n -= 8;
  }
  /* The tail carries its length so "ab" and "ab\0" differ. */
  h = fold(load_tail(p, n) ^ P3 ^ ((uint64_t)n << 59), h ^ P0);
  return fold(h ^ P1, P2 ^ (uint64_t)len);
}

/* splitmix64: expands the seed into the MinHash permutation constants. */
static inline uint64_t splitmix(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* Token hashes use a fixed seed: the stopword table is built with it. */
#define TOKEN_SEED 0x6b68626172ull /* "khbar" */

/* ---------------------------------------------------------------- stopwords */

/* Function words and reporting verbs that carry no story identity.  Kept
 * short on purpose (docs/stories.md): prepositions, conjunctions,
 * pronouns, demonstratives, relatives, particles, auxiliaries and the
 * reporting verbs every wire story repeats (قال، أضاف، أكد).  The list is
 * run through akh_normalize(AKH_PROFILE_SEARCH) once, so it matches
 * whatever spelling the normaliser produces (Lucene filters stopwords
 * BEFORE normalising and so misses إلى/الى variants). */
static const char *const stopword_list[] = {
  "في", "من", "إلى", "على", "عن", "مع", "أن", "إن", "أنّ", "إنّ", "ان", "الا", "إلا", "أو",
  "ثم", "حتى", "قد", "لقد", "لا", "لم", "لن", "ما", "ماذا", "هذا", "هذه", "ذلك", "تلك",
  "هؤلاء", "هو", "هي", "هم", "هن", "نحن", "أنه", "أنها", "إنه", "التي", "الذي", "الذين",
  "اللذين", "كان", "كانت", "يكون", "تكون", "كما", "كل", "بعد", "قبل", "بين", "عند", "منذ",
  "أيضا", "أي", "أما", "إذا", "غير", "حيث", "خلال", "فيما", "ضمن", "نحو", "لدى", "لكن",
  "وقد", "وفي", "ومن", "وأن", "وإن", "وهو", "وهي", "التى", "به", "بها", "له", "لها", "فيه",
  "فيها", "منه", "منها", "عليه", "عليها", "إليه", "و", "ف", "ب", "ل", "ك", "يا", "قال",
  "وقال", "أضاف", "وأضاف", "أكد", "وأكد", "أوضح", "وأوضح", "أشار", "وأشار", "اليوم", "أمس",
  "the", "of", "and", "to", "in", "a", "is", "for", "on", "that",
};

#define STOP_SLOTS 512u /* power of two, > 2 x entries */
static uint64_t stop_table[STOP_SLOTS]; /* 0 = empty; hashes are never 0 in practice */
static pthread_once_t stop_once = PTHREAD_ONCE_INIT;

static void stop_insert(uint64_t h) {
  if (h == 0) h = 1;
  for (size_t i = h & (STOP_SLOTS - 1);; i = (i + 1) & (STOP_SLOTS - 1)) {
    if (stop_table[i] == h) return;
    if (stop_table[i] == 0) { stop_table[i] = h; return; }
  }
}

static void stop_build(void) {
  akh_buf b = {0};
  for (size_t i = 0; i < sizeof stopword_list / sizeof *stopword_list; i++) {
    const char *w = stopword_list[i];
    size_t n = strlen(w);
    /* The raw spelling always goes in; the normalised one too when the
     * normaliser is available (an allocation failure only loses it). */
    stop_insert(akh_hash64(w, n, TOKEN_SEED));
    b.len = 0;
    if (akh_normalize(w, n, AKH_PROFILE_SEARCH, &b, NULL, NULL) == AKH_OK)
      stop_insert(akh_hash64(b.data, b.len, TOKEN_SEED));
  }
  akh_buf_free(&b);
}

static int is_stop(uint64_t h) {
  if (h == 0) h = 1;
  for (size_t i = h & (STOP_SLOTS - 1);; i = (i + 1) & (STOP_SLOTS - 1)) {
    if (stop_table[i] == h) return 1;
    if (stop_table[i] == 0) return 0;
  }
}

/* ---------------------------------------------------------------- params */

void akh_fp_defaults(akh_fp_params *p) {
  p->shingle = 2;
  p->perms = 128;
  p->bands = 64;
  p->rows = 2;
  p->lead = 80;
  p->stopwords = 1;
  p->lenient = 0;
  p->seed = 0x616b68626172ull; /* "akhbar" */
}

int akh_fp_check(const akh_fp_params *p, akh_error *err) {
  if (p->shingle < 1 || p->shingle > AKH_FP_MAXSHINGLE)
    return akh_fail(err, AKH_EARG, 0, "shingle must be 1..%u, got %u", AKH_FP_MAXSHINGLE, p->shingle);
  if (p->perms < 1 || p->perms > AKH_FP_MAXPERM)
    return akh_fail(err, AKH_EARG, 0, "perms must be 1..%u, got %u", AKH_FP_MAXPERM, p->perms);
  if (p->bands < 1 || p->rows < 1 || p->rows > p->perms || p->bands > p->perms / p->rows)
    return akh_fail(err, AKH_EARG, 0, "bands * rows (%u * %u) must be between 1 and perms (%u)",
                    p->bands, p->rows, p->perms);
  return AKH_OK;
}

/* ---------------------------------------------------------------- fingerprint */

typedef struct fp_state {
  const akh_fp_params *p;
  akh_fp *fp;
  uint64_t a[AKH_FP_MAXPERM], b[AKH_FP_MAXPERM];
  int32_t votes[64];
  uint64_t window[AKH_FP_MAXSHINGLE]; /* last `shingle` token hashes, ring */
  size_t nwin;
} fp_state;

static void add_shingle(fp_state *st, uint64_t x) {
  akh_fp *fp = st->fp;
  unsigned n = st->p->perms;
  fp->shingles++;
  if (st->p->lead == 0 || st->nwin <= st->p->lead) {
    for (unsigned i = 0; i < n; i++) {
      uint32_t v = (uint32_t)((st->a[i] * x + st->b[i]) >> 32);
      if (v < fp->minhash[i]) fp->minhash[i] = v;
    }
  }
  for (unsigned bit = 0; bit < 64; bit++) st->votes[bit] += ((x >> bit) & 1) ? 1 : -1;
}

/* Hash of the shingle ending at the newest token: the words in order. */
static uint64_t shingle_hash(const fp_state *st, size_t k) {
  uint64_t h = st->p->seed ^ P3;
  size_t w = AKH_FP_MAXSHINGLE;
  for (size_t j = 0; j < k; j++) {
    uint64_t t = st->window[(st->nwin - k + j) % w];
    h = fold(h ^ t, P1 ^ (uint64_t)j);
  }
  return fold(h ^ P0, P2);
}

static void push_token(fp_state *st, uint64_t t) {
  st->window[st->nwin % AKH_FP_MAXSHINGLE] = t;
  st->nwin++;
  if (st->nwin >= st->p->shingle) add_shingle(st, shingle_hash(st, st->p->shingle));
}

static int token_wanted(akh_token_kind k) {
  /* Punctuation is noise; URLs and e-mail addresses are per-outlet
   * boilerplate that would make every article of one site look alike. */
  return k == AKH_TOK_ARABIC || k == AKH_TOK_LATIN || k == AKH_TOK_NUMBER ||
         k == AKH_TOK_HASHTAG || k == AKH_TOK_MENTION;
}

int akh_fingerprint(const char *text, size_t len, const akh_fp_params *p, akh_fp *fp,
                    akh_error *err) {
  akh_fp_params defaults;
  if (!p) {
    akh_fp_defaults(&defaults);
    p = &defaults;
  }
  int rc = akh_fp_check(p, err);
  if (rc) return rc;
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "input of %zu bytes is too large", len);
  if (!text) len = 0;
  if (p->stopwords) pthread_once(&stop_once, stop_build);

  fp_state *st = calloc(1, sizeof *st);
  if (!st) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  st->p = p;
  st->fp = fp;
  memset(fp, 0, sizeof *fp);
  fp->perms = p->perms;
  for (unsigned i = 0; i < p->perms; i++) fp->minhash[i] = UINT32_MAX;
  uint64_t s = p->seed;
  for (unsigned i = 0; i < p->perms; i++) {
    st->a[i] = splitmix(&s) | 1u; /* odd: multiplication is a bijection mod 2^64 */
    st->b[i] = splitmix(&s);
  }

  akh_tokenizer tz;
  akh_token tok;
  akh_buf norm = {0};
  uint64_t content = fold(P0, P1);
  akh_tokenizer_init(&tz, text, len);
  for (;;) {
    akh_error e2 = {0};
    int r = akh_tokenizer_next(&tz, &tok, &e2);
    if (r == 0) break;
    if (r < 0) {
      if (p->lenient && e2.code == AKH_EUTF8 && e2.offset < len) {
        tz.pos = e2.offset + 1; /* skip the bad byte, keep going */
        continue;
      }
      if (err) *err = e2;
      rc = -r;
      goto done;
    }
    if (!token_wanted(tok.kind)) continue;
    norm.len = 0;
    rc = akh_normalize(text + tok.start, tok.stop - tok.start, AKH_PROFILE_SEARCH, &norm, NULL, &e2);
    if (rc) {
      if (p->lenient && rc == AKH_EUTF8) { rc = AKH_OK; continue; }
      if (err) {
        *err = e2;
        err->offset += tok.start;
      }
      goto done;
    }
    if (norm.len == 0) continue;
    fp->words++;
    uint64_t h = akh_hash64(norm.data, norm.len, TOKEN_SEED);
    size_t a, n;
    akh_stem(norm.data, norm.len, AKH_STEM_LIGHT, &a, &n);
    uint64_t hs = (a == 0 && n == norm.len) ? h : akh_hash64(norm.data + a, n, TOKEN_SEED);
    content = fold(content ^ hs, P3);
    /* Checking the stem too catches clitic forms the list does not spell
     * out (وهذا, فقال). */
    if (p->stopwords && (is_stop(h) || is_stop(hs))) continue;
    fp->kept++;
    push_token(st, hs);
  }
  /* A text shorter than one shingle is still one (shorter) shingle. */
  if (fp->shingles == 0 && st->nwin > 0) add_shingle(st, shingle_hash(st, st->nwin));
  fp->content = fold(content ^ (uint64_t)fp->words, P2);
  uint64_t sim = 0;
  for (unsigned bit = 0; bit < 64; bit++)
    if (st->votes[bit] > 0) sim |= 1ull << bit;
  fp->simhash = sim;
  rc = AKH_OK;
done:
  akh_buf_free(&norm);
  free(st);
  return rc;
}

uint64_t akh_fp_band(const akh_fp *fp, const akh_fp_params *p, unsigned band) {
  unsigned r = p->rows;
  unsigned char bytes[4 * AKH_FP_MAXPERM];
  size_t off = (size_t)band * r;
  if (band >= p->bands || off + r > fp->perms) return 0;
  for (unsigned i = 0; i < r; i++) {
    uint32_t v = fp->minhash[off + i];
    bytes[4 * i] = (unsigned char)v;
    bytes[4 * i + 1] = (unsigned char)(v >> 8);
    bytes[4 * i + 2] = (unsigned char)(v >> 16);
    bytes[4 * i + 3] = (unsigned char)(v >> 24);
  }
  return akh_hash64(bytes, 4 * (size_t)r, p->seed ^ fold(band + 1, P3));
}

unsigned akh_simhash_distance(uint64_t a, uint64_t b) {
  return (unsigned)__builtin_popcountll(a ^ b);
}

double akh_minhash_similarity(const uint32_t *a, const uint32_t *b, size_t n) {
  size_t eq = 0;
  if (n == 0) return 0.0;
  for (size_t i = 0; i < n; i++) eq += (a[i] == b[i] && a[i] != UINT32_MAX);
  return (double)eq / (double)n;
}
