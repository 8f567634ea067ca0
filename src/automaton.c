/* automaton.c — the matcher: one pass of the token trie over a text.
 *
 * Each token of the ORIGINAL text (akh_tokenizer) is SEARCH-normalised,
 * folded (akh__fold_word) and looked up in the gazetteer's token dictionary
 * in up to four ways: as written and with its proclitics removed
 * (akh_stem, AKH_STEM_CLITICS; the article kept, or put back when ل + ال
 * was written لل), each in the plain and the variant namespace.  Matching
 * itself is integer work: from each token, walk the trie with the token ids
 * of the following tokens, keep the longest name ending.  Only the first
 * token of a name may carry proclitics.
 *
 * Speed (bench/bench_entities.c, figures in bench/README.md): the lookups
 * depend only on the token's bytes, so they are cached per matcher in a
 * 2-way set-associative cache of up to 2^19 words (32 MB), one 64-byte line each
 * (it starts at 2^10 words and grows once it misses often), keyed by a
 * word-at-a-time hash; an entry holds the root's child for each of the four
 * forms, so a word that cannot start a name costs one hash and one compare,
 * and the first trie step of one that can costs nothing.  A miss builds
 * the plain key from a per-code-point table (normalisation and the
 * orthographic fold are per code point, see normalize.c) with one offset
 * map, no allocation; words with code points above U+07FF take the general
 * path (akh_normalize).  A walk stops at a leaf without probing the edge
 * table. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "gazetteer_int.h"
#include "utf8.h"

enum { F_ASIS = 0, F_STRIP = 1 };

#define SET_BITS 18 /* 2^18 sets of WAYS words: 32 MB, once grown */
#define SMALL_SET_BITS 9 /* what a new matcher starts with: 64 KB */
#define WAYS 2
#define CACHE_ENTRIES (((size_t)1 << SET_BITS) * WAYS)
#define SMALL_ENTRIES (((size_t)1 << SMALL_SET_BITS) * WAYS)
/* Misses of the small cache after which the full one pays for itself. */
#define GROW_AFTER (4 * SMALL_ENTRIES)
#define CACHE_MAXLEN 32 /* bytes of a cached token (16 Arabic letters) */
#define PREFETCH(p) __builtin_prefetch(p)

/* What a token contributes to matching, whatever its position. */
struct tinfo {
  int32_t next[2];  /* token id as written, per namespace: continues a name */
  uint32_t root[4]; /* child of the root per form * 2 + namespace, 0 none */
  uint32_t soff;    /* start of the stripped form, relative to the token */
};

struct centry { /* one cache line */
  uint32_t check; /* high hash bits */
  uint8_t len;    /* 0: empty slot */
  uint8_t pad;
  uint16_t soff;
  int32_t next[2];
  uint32_t root[4];
  char bytes[CACHE_MAXLEN];
};

struct mtok {
  uint64_t h; /* hash of the token's bytes */
  uint32_t start, stop, sentence;
  struct tinfo t;
};

struct akh_matcher {
  const akh_gazetteer *g;
  unsigned long generation;
  struct centry *cache;
  void *cache_base; /* the mapping the full cache lies in, NULL while small */
  size_t set_mask;  /* sets in the cache - 1 */
  size_t misses;    /* while the cache is small */
  struct mtok *toks;
  size_t ntoks, captoks;
  akh_buf norm;
  char *fold;      /* key scratch (4 bytes of room in front) */
  uint32_t *omap;  /* fold offset map (general path) */
  uint32_t *cmap;  /* key byte -> offset in the token */
  size_t foldcap;
};

/* ------------------------------------------------ per-code-point key table */

#define CP_FAST 0x800 /* code points below this have a table entry */
#define CP_SLOW 0xFF

struct cpkey {
  uint8_t len; /* bytes of the key for this code point, CP_SLOW: general path */
  char b[15];
};

static struct cpkey cptab[CP_FAST];
static size_t cptab_max; /* longest entry */
static pthread_once_t cptab_once = PTHREAD_ONCE_INIT;

/* The key of each code point alone: premap (گ), SEARCH normalisation, the
 * plain fold.  Both are per code point, so the key of a word is the
 * concatenation of its code points' keys. */
static void cptab_build(void) {
  akh_buf b = {0};
  char out[64];
  for (uint32_t cp = 0; cp < CP_FAST; cp++) {
    char enc[4];
    size_t l = akh_utf8_encode(cp == 0x06AF ? 0x063A : cp, enc);
    cptab[cp].len = CP_SLOW;
    b.len = 0;
    if (cp == 0 || akh_normalize(enc, l, AKH_PROFILE_SEARCH, &b, NULL, NULL) != AKH_OK) continue;
    if (b.len + 1 > sizeof out) continue;
    size_t k = akh__fold_word(b.data ? b.data : "", b.len, 0, out, NULL);
    if (k > sizeof cptab[cp].b) continue;
    memcpy(cptab[cp].b, out, k);
    cptab[cp].len = (uint8_t)k;
    if (k > cptab_max) cptab_max = k;
  }
  akh_buf_free(&b);
}

/* The full cache is read at random: on 4 KB pages nearly every probe of a
 * rare word also misses the TLB, so ask for 2 MB pages where the kernel
 * offers them (Linux THP, "madvise" mode).  Those pages are zeroed whole
 * on first touch, which costs more than matching a short text, so a
 * matcher starts with a small heap cache and maps the full one only after
 * GROW_AFTER misses (a gazetteer made for one small text stays cheap). */
#define CACHE_BYTES (CACHE_ENTRIES * sizeof(struct centry))
#define HUGE ((size_t)1 << 21)

static struct centry *cache_alloc(void **base) {
  void *p = mmap(NULL, CACHE_BYTES + HUGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return NULL;
  *base = p;
  char *a = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
#ifdef MADV_HUGEPAGE
  madvise(a, CACHE_BYTES, MADV_HUGEPAGE);
#endif
  return (struct centry *)a;
}

static void cache_release(akh_matcher *m) {
  if (m->cache_base) munmap(m->cache_base, CACHE_BYTES + HUGE);
  else free(m->cache);
  m->cache = NULL;
  m->cache_base = NULL;
}

static size_t cache_entries(const akh_matcher *m) { return (m->set_mask + 1) * WAYS; }

/* Swap the small cache for the full one; its words are simply forgotten.
 * Without memory for the full one, the small one stays. */
static void cache_grow(akh_matcher *m) {
  void *base;
  struct centry *full = cache_alloc(&base);
  m->misses = 0;
  if (!full) return;
  cache_release(m);
  m->cache = full;
  m->cache_base = base;
  m->set_mask = ((size_t)1 << SET_BITS) - 1;
}

int akh_matcher_new(const akh_gazetteer *g, akh_matcher **out, akh_error *err) {
  akh_matcher *m = calloc(1, sizeof *m);
  *out = NULL;
  if (!m || !(m->cache = aligned_alloc(sizeof *m->cache, SMALL_ENTRIES * sizeof *m->cache))) {
    free(m);
    return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  }
  memset(m->cache, 0, SMALL_ENTRIES * sizeof *m->cache);
  pthread_once(&cptab_once, cptab_build);
  m->set_mask = ((size_t)1 << SMALL_SET_BITS) - 1;
  m->g = g;
  m->generation = g->generation;
  *out = m;
  return AKH_OK;
}

void akh_matcher_free(akh_matcher *m) {
  if (!m) return;
  cache_release(m);
  free(m->toks);
  akh_buf_free(&m->norm);
  free(m->fold);
  free(m->omap);
  free(m->cmap);
  free(m);
}

static const char ALEF_LAM[4] = {(char)0xD8, (char)0xA7, (char)0xD9, (char)0x84};
static const char LAM_LAM[4] = {(char)0xD9, (char)0x84, (char)0xD9, (char)0x84};

static int fold_reserve(akh_matcher *m, size_t n) {
  if (n <= m->foldcap) return AKH_OK;
  size_t cap = n < 256 ? 256 : n;
  char *f = malloc(cap + 4);
  uint32_t *o = malloc((cap + 4) * sizeof *o);
  uint32_t *c = malloc((cap + 4) * sizeof *c);
  if (!f || !o || !c) {
    free(f);
    free(o);
    free(c);
    return AKH_ENOMEM;
  }
  free(m->fold);
  free(m->omap);
  free(m->cmap);
  m->fold = f;
  m->omap = o;
  m->cmap = c;
  m->foldcap = cap;
  return AKH_OK;
}

/* Look a form up in both namespaces.  s is a plain key; the variant key is
 * folded into scratch space after it. */
static int lookup_form(akh_matcher *m, const char *s, size_t n, int32_t id[2]) {
  const akh_gazetteer *g = m->g;
  id[GZ_PLAIN] = akh__dict_find(g, GZ_PLAIN, s, n);
  char small[256];
  char *v = n + 1 <= sizeof small ? small : malloc(n + 1);
  if (!v) return AKH_ENOMEM;
  size_t k = akh__fold_word(s, n, 1, v, NULL);
  id[GZ_VARIANT] = akh__dict_find(g, GZ_VARIANT, v, k);
  if (v != small) free(v);
  return AKH_OK;
}

/* p[i..i+2) is one of و ف ب ل ك (all-Arabic check left to the caller's
 * length test: these are two-byte letters). */
static int is_proclitic(const char *p, size_t i) {
  unsigned char a = (unsigned char)p[i], b = (unsigned char)p[i + 1];
  if (a == 0xD9) return b == 0x88 || b == 0x81 || b == 0x84 || b == 0x83; /* و ف ل ك */
  return a == 0xD8 && b == 0xA8;                                        /* ب */
}

/* The plain key of token text[0..n) into m->fold + 4, its length in *k and
 * m->cmap[i] = offset in the token of the code point that gave key byte i.
 * Table path: 1 done, 0 the token needs the general path. */
static int key_fast(akh_matcher *m, const char *text, size_t n, size_t *k) {
  const unsigned char *u = (const unsigned char *)text;
  if (n > 4096) return 0;
  if (fold_reserve(m, n * cptab_max + 8)) return -1;
  char *p = m->fold + 4;
  uint32_t *map = m->cmap;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t l;
    if (u[i] < 0x80) {
      cp = u[i];
      l = 1;
    } else if ((u[i] & 0xE0) == 0xC0 && i + 1 < n && (u[i + 1] & 0xC0) == 0x80) {
      cp = ((uint32_t)(u[i] & 0x1F) << 6) | (u[i + 1] & 0x3F);
      l = 2;
    } else {
      return 0;
    }
    const struct cpkey *e = &cptab[cp];
    if (e->len == CP_SLOW) return 0;
    for (size_t b = 0; b < e->len; b++) {
      p[o] = e->b[b];
      map[o++] = (uint32_t)i;
    }
    i += l;
  }
  *k = o;
  return 1;
}

/* The same by the general path: premap, akh_normalize with its map, fold. */
static int key_slow(akh_matcher *m, const char *text, size_t n, size_t *k, akh_error *err) {
  uint32_t *nmap = NULL;
  char *pre;
  m->norm.len = 0;
  const char *src = akh__premap(text, n, &pre);
  if (!src) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  int rc = akh_normalize(src, n, AKH_PROFILE_SEARCH, &m->norm, &nmap, err);
  free(pre);
  if (rc != AKH_OK) return rc;
  size_t nl = m->norm.len;
  if (fold_reserve(m, nl + 8)) {
    free(nmap);
    return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  }
  *k = akh__fold_word(m->norm.data ? m->norm.data : "", nl, 0, m->fold + 4, m->omap);
  for (size_t i = 0; i < *k; i++) m->cmap[i] = nmap[m->omap[i]];
  free(nmap);
  return AKH_OK;
}

/* Compute the lookups of token text[0..n) into t. */
static int analyse(akh_matcher *m, const char *text, size_t n, struct tinfo *t, akh_error *err) {
  const akh_gazetteer *g = m->g;
  int32_t id[2][2] = {{-1, -1}, {-1, -1}};
  int stripped = 0, rc;
  size_t k = 0;
  memset(t, 0, sizeof *t);
  t->next[0] = t->next[1] = -1;
  rc = key_fast(m, text, n, &k);
  if (rc < 0) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  if (rc == 0 && (rc = key_slow(m, text, n, &k, err)) != AKH_OK) return rc;
  if (k == 0) return AKH_OK;
  char *p = m->fold + 4; /* room to put an article back in front */
  if (lookup_form(m, p, k, id[F_ASIS])) goto oom;
  size_t st, sl;
  akh_stem(p, k, AKH_STEM_CLITICS, &st, &sl);
  if (st > 0 && st < k) {
    const char *s;
    size_t from; /* offset in p where the surface starts */
    int same = 0; /* the stripped form is the word as written */
    if (st >= 4 && memcmp(p + st - 4, ALEF_LAM, 4) == 0) {
      s = p + st - 4;
      from = st - 4;
      same = st == 4;
    } else if (st >= 4 && memcmp(p + st - 4, LAM_LAM, 4) == 0) {
      /* ل + ال fused: look the word up with its article, but the surface
       * starts after لل (no byte of the text is the article's alef). */
      memcpy(p + st - 4, ALEF_LAM, 4);
      s = p + st - 4;
      from = st;
    } else {
      s = p + st;
      from = st;
    }
    if (!same) {
      stripped = 1;
      t->soff = m->cmap[from];
      if (lookup_form(m, s, k - (size_t)(s - p), id[F_STRIP])) goto oom;
    }
  } else if (k >= 8) {
    /* The stemmer keeps a lone proclitic before three letters (وحلب,
     * بقطر, لعدن) because most such words are not clitic + word.  Here
     * the rest must also be a name of the gazetteer, which is rare by
     * chance, so try it: و ف ب ل ك, or و/ف then ب/ل/ك. */
    size_t j = 0;
    if (is_proclitic(p, 0)) j = 2;
    if (j && (p[1] == (char)0x88 || p[1] == (char)0x81) && k >= 10 && is_proclitic(p, 2) &&
        !(p[2] == (char)0xD9 && (p[3] == (char)0x88 || p[3] == (char)0x81)))
      j = 4;
    if (j) {
      t->soff = m->cmap[j];
      if (lookup_form(m, p + j, k - j, id[F_STRIP])) goto oom;
    }
  }
  t->next[GZ_PLAIN] = id[F_ASIS][GZ_PLAIN];
  t->next[GZ_VARIANT] = id[F_ASIS][GZ_VARIANT];
  for (int f = F_ASIS; f <= F_STRIP; f++)
    for (int ns = GZ_PLAIN; ns <= GZ_VARIANT; ns++) {
      /* A variant key of a word with its proclitics could equal a name's
       * (للناديين folds like لندن): the variant namespace sees the word
       * without them. */
      if (id[f][ns] < 0 || (f == F_ASIS && ns == GZ_VARIANT && stripped)) continue;
      t->root[f * 2 + ns] = akh__edge(g, 0, (uint32_t)id[f][ns]);
    }
  return AKH_OK;
oom:
  return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
}

/* e (a cached word, zero-padded to CACHE_MAXLEN) == s[0..n)?  Where 32
 * bytes can be read from s inside the text, two vector compares replace
 * the call to memcmp. */
static inline int same_word(const char *e, const char *s, size_t n, const char *end) {
#ifdef __SSE2__
  if ((size_t)(end - s) >= 32) {
    __m128i a0 = _mm_loadu_si128((const __m128i *)s), a1 = _mm_loadu_si128((const __m128i *)(s + 16));
    __m128i b0 = _mm_loadu_si128((const __m128i *)e), b1 = _mm_loadu_si128((const __m128i *)(e + 16));
    uint32_t eq = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a0, b0)) |
                  ((uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(a1, b1)) << 16);
    uint32_t want = n >= 32 ? 0xFFFFFFFFu : (((uint32_t)1 << n) - 1);
    return (eq & want) == want;
  }
#endif
  (void)end;
  return memcmp(e, s, n) == 0;
}

/* Resolve token t (its hash in t->h) through the cache. */
static int resolve(akh_matcher *m, const char *text, const char *end, struct mtok *t, akh_error *err) {
  size_t n = t->stop - t->start;
  const char *s = text + t->start;
  if (n > CACHE_MAXLEN) return analyse(m, s, n, &t->t, err);
  struct centry *c = &m->cache[(t->h & m->set_mask) * WAYS];
  uint32_t check = (uint32_t)(t->h >> 32);
  for (int w = 0; w < WAYS; w++)
    if (c[w].len == n && c[w].check == check && same_word(c[w].bytes, s, n, end)) {
      memcpy(t->t.next, c[w].next, sizeof c[w].next);
      memcpy(t->t.root, c[w].root, sizeof c[w].root);
      t->t.soff = c[w].soff;
      if (w) { /* most recently used first */
        struct centry tmp = c[w];
        memmove(c + 1, c, (size_t)w * sizeof *c);
        c[0] = tmp;
      }
      return AKH_OK;
    }
  int rc = analyse(m, s, n, &t->t, err);
  if (rc) return rc;
  m->misses++;
  memmove(c + 1, c, (WAYS - 1) * sizeof *c); /* the least recently used goes */
  c->check = check;
  c->len = (uint8_t)n;
  memset(c->bytes, 0, sizeof c->bytes);
  memcpy(c->bytes, s, n);
  memcpy(c->next, t->t.next, sizeof c->next);
  memcpy(c->root, t->t.root, sizeof c->root);
  c->soff = (uint16_t)t->t.soff;
  return AKH_OK;
}

/* A punctuation token that ends a sentence: . ! ? ؟ … */
static int ends_sentence(const char *s, size_t n) {
  if (n == 1) return s[0] == '.' || s[0] == '!' || s[0] == '?';
  if (n == 2) return (unsigned char)s[0] == 0xD8 && (unsigned char)s[1] == 0x9F; /* ؟ */
  if (n == 3) return memcmp(s, "\xE2\x80\xA6", 3) == 0;                         /* … */
  return 0;
}

static int has_break(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n' || s[i] == '\r' || s[i] == '\f' || s[i] == '\v') return 1;
    if (i + 2 < n && memcmp(s + i, "\xE2\x80\xA8", 3) == 0) return 1; /* U+2028 */
  }
  return 0;
}

/* Walk the trie from token i in namespace ns, starting at the root's child
 * `node`.  Returns the token count of the longest name, 0 if none; *ent set. */
static size_t walk(const akh_matcher *m, size_t i, int ns, uint32_t node, int32_t *ent) {
  const akh_gazetteer *g = m->g;
  size_t best = 0, j = i;
  uint32_t sentence = m->toks[i].sentence;
  for (;;) {
    const struct gz_node *nd = &g->nodes[node];
    if (nd->ent >= 0) {
      best = j - i + 1;
      *ent = nd->ent;
    }
    if (!nd->nkids || j + 1 >= m->ntoks || m->toks[j + 1].sentence != sentence) break;
    int32_t id = m->toks[j + 1].t.next[ns];
    if (id < 0 || !(node = akh__edge(g, node, (uint32_t)id))) break;
    j++;
  }
  return best;
}

int akh_matcher_run(akh_matcher *m, const char *text, size_t len, akh_match_fn fn, void *ud,
                    akh_error *err) {
  akh_tokenizer tz;
  akh_token tk;
  size_t sentence = 0, prev_stop = 0;
  int pending = 0, rc = AKH_OK, r;
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "input of %zu bytes is too large", len);
  if (m->generation != m->g->generation) {
    memset(m->cache, 0, cache_entries(m) * sizeof *m->cache);
    m->generation = m->g->generation;
  }
  /* Three passes over the document's tokens, so that memory is asked for
   * before it is needed: tokenise, hash and prefetch each word's cache
   * set; resolve the words (cache or analyse) and prefetch the trie nodes
   * they start at; then walk.  (Prefetching the edge to the next word as
   * well made no difference that could be measured.) */
  m->ntoks = 0;
  akh_tokenizer_init(&tz, text, len);
  while ((r = akh_tokenizer_next(&tz, &tk, err)) == 1) {
    if (m->ntoks > 0 && (pending || has_break(text + prev_stop, tk.start - prev_stop))) {
      sentence++;
      pending = 0;
    }
    if (m->ntoks == m->captoks) {
      size_t cap = m->captoks ? m->captoks * 2 : 256;
      struct mtok *nt = realloc(m->toks, cap * sizeof *nt);
      if (!nt) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
      m->toks = nt;
      m->captoks = cap;
    }
    struct mtok *t = &m->toks[m->ntoks++];
    size_t n = tk.stop - tk.start;
    t->start = (uint32_t)tk.start;
    t->stop = (uint32_t)tk.stop;
    t->sentence = (uint32_t)sentence;
    if (n <= CACHE_MAXLEN) {
      t->h = akh__hash_bytes(0, text + tk.start, n);
      const struct centry *c = &m->cache[(t->h & m->set_mask) * WAYS];
      PREFETCH(c);
    }
    if (tk.kind == AKH_TOK_PUNCT && ends_sentence(text + tk.start, tk.stop - tk.start)) pending = 1;
    prev_stop = tk.stop;
  }
  for (size_t i = 0; i < m->ntoks; i++) {
    struct mtok *t = &m->toks[i];
    if (!m->cache_base && m->misses > GROW_AFTER) cache_grow(m);
    int rr = resolve(m, text, text + len, t, err);
    if (rr != AKH_OK) return rr;
    for (int x = 0; x < 4; x++)
      if (t->t.root[x]) PREFETCH(&m->g->nodes[t->t.root[x]]);
  }
  if (r < 0) rc = -r; /* match what came before the bad byte, then report */

  for (size_t i = 0; i < m->ntoks;) {
    const struct mtok *t = &m->toks[i];
    if (!(t->t.root[0] | t->t.root[1] | t->t.root[2] | t->t.root[3])) {
      i++;
      continue;
    }
    size_t best = 0;
    int32_t best_ent = -1;
    int best_form = F_ASIS;
    for (int f = F_ASIS; f <= F_STRIP; f++)
      for (int ns = GZ_PLAIN; ns <= GZ_VARIANT; ns++) {
        uint32_t node = t->t.root[f * 2 + ns];
        if (!node) continue;
        int32_t ent = -1;
        size_t len_ = walk(m, i, ns, node, &ent);
        if (len_ > best) {
          best = len_;
          best_ent = ent;
          best_form = f;
        }
      }
    if (!best) {
      i++;
      continue;
    }
    akh_entity_match mt;
    mt.entity = (size_t)best_ent;
    mt.start = t->start + (best_form == F_STRIP ? t->t.soff : 0);
    mt.stop = m->toks[i + best - 1].stop;
    mt.sentence = t->sentence;
    mt.ntokens = best;
    if (fn(ud, &mt)) break;
    i += best;
  }
  return rc;
}
