/* automaton.c — the matcher: one pass of the token trie over a text.
 *
 * Each token of the ORIGINAL text (akh_tokenizer) is SEARCH-normalised
 * (akh_normalize with its offset map), folded (akh__fold_word) and looked
 * up in the gazetteer's token dictionary in up to four ways: as written and
 * with its proclitics removed (akh_stem, AKH_STEM_CLITICS; the article kept,
 * or put back when ل + ال was written لل), each in the plain and the variant
 * namespace.  Those lookups depend only on the token's bytes, so they are
 * cached per matcher (a direct-mapped cache of recent words): in news most
 * tokens are frequent words and the per-token cost is one hash and one
 * compare.  Matching itself is integer work: from each token, walk the trie
 * with the token ids of the following tokens, keep the longest name ending.
 * Only the first token of a name may carry proclitics. */
#include <stdlib.h>
#include <string.h>

#include "gazetteer_int.h"
#include "utf8.h"

enum { F_ASIS = 0, F_STRIP = 1 };

#define CACHE_BITS 15
#define CACHE_MAXLEN 38 /* bytes of a cached token (19 Arabic letters) */

struct centry {
  uint64_t h;
  int32_t id[2][2]; /* [form][namespace] */
  uint16_t soff;    /* start of the stripped form, relative to the token */
  uint8_t stripped;
  uint8_t len;      /* 0: empty slot */
  char bytes[CACHE_MAXLEN];
};

struct mtok {
  size_t start, stop, sentence;
  int32_t id[2][2];
  uint32_t soff;
  int stripped; /* the stemmer found proclitics */
};

struct akh_matcher {
  const akh_gazetteer *g;
  unsigned long generation;
  struct centry *cache;
  struct mtok *toks;
  size_t ntoks, captoks;
  akh_buf norm;
  char *fold;      /* fold scratch */
  uint32_t *omap;  /* fold offset map */
  size_t foldcap;
};

int akh_matcher_new(const akh_gazetteer *g, akh_matcher **out, akh_error *err) {
  akh_matcher *m = calloc(1, sizeof *m);
  *out = NULL;
  if (!m || !(m->cache = calloc((size_t)1 << CACHE_BITS, sizeof *m->cache))) {
    free(m);
    return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  }
  m->g = g;
  m->generation = g->generation;
  *out = m;
  return AKH_OK;
}

void akh_matcher_free(akh_matcher *m) {
  if (!m) return;
  free(m->cache);
  free(m->toks);
  akh_buf_free(&m->norm);
  free(m->fold);
  free(m->omap);
  free(m);
}

static const char ALEF_LAM[4] = {(char)0xD8, (char)0xA7, (char)0xD9, (char)0x84};
static const char LAM_LAM[4] = {(char)0xD9, (char)0x84, (char)0xD9, (char)0x84};

static int fold_reserve(akh_matcher *m, size_t n) {
  if (n <= m->foldcap) return AKH_OK;
  size_t cap = n < 256 ? 256 : n;
  char *f = malloc(cap + 4);
  uint32_t *o = malloc((cap + 4) * sizeof *o);
  if (!f || !o) {
    free(f);
    free(o);
    return AKH_ENOMEM;
  }
  free(m->fold);
  free(m->omap);
  m->fold = f;
  m->omap = o;
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

/* Compute the lookups of token text[0..n) into t (ids, soff). */
static int analyse(akh_matcher *m, const char *text, size_t n, struct mtok *t, akh_error *err) {
  uint32_t *nmap = NULL;
  int rc;
  t->id[0][0] = t->id[0][1] = t->id[1][0] = t->id[1][1] = -1;
  t->soff = 0;
  t->stripped = 0;
  m->norm.len = 0;
  char *pre;
  const char *src = akh__premap(text, n, &pre);
  if (!src) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  rc = akh_normalize(src, n, AKH_PROFILE_SEARCH, &m->norm, &nmap, err);
  free(pre);
  if (rc != AKH_OK) return rc;
  size_t nl = m->norm.len;
  if (fold_reserve(m, nl + 8)) {
    free(nmap);
    return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  }
  char *p = m->fold + 4; /* room to put an article back in front */
  size_t k = akh__fold_word(m->norm.data ? m->norm.data : "", nl, 0, p, m->omap);
  if (k == 0) {
    free(nmap);
    return AKH_OK;
  }
  if (lookup_form(m, p, k, t->id[F_ASIS])) goto oom;
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
      t->stripped = 1;
      if (lookup_form(m, s, k - (size_t)(s - p), t->id[F_STRIP])) goto oom;
      t->soff = nmap[m->omap[from]];
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
      if (lookup_form(m, p + j, k - j, t->id[F_STRIP])) goto oom;
      t->soff = nmap[m->omap[j]];
    }
  }
  free(nmap);
  return AKH_OK;
oom:
  free(nmap);
  return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
}

static int push_token(akh_matcher *m, const char *text, const akh_token *tk, size_t sentence,
                      akh_error *err) {
  if (m->ntoks == m->captoks) {
    size_t cap = m->captoks ? m->captoks * 2 : 256;
    struct mtok *t = realloc(m->toks, cap * sizeof *t);
    if (!t) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
    m->toks = t;
    m->captoks = cap;
  }
  struct mtok *t = &m->toks[m->ntoks];
  size_t n = tk->stop - tk->start;
  const char *s = text + tk->start;
  t->start = tk->start;
  t->stop = tk->stop;
  t->sentence = sentence;
  if (n <= CACHE_MAXLEN) {
    uint64_t h = akh__hash(0, s, n);
    struct centry *c = &m->cache[h & (((size_t)1 << CACHE_BITS) - 1)];
    if (c->len == n && c->h == h && memcmp(c->bytes, s, n) == 0) {
      memcpy(t->id, c->id, sizeof t->id);
      t->soff = c->soff;
      t->stripped = c->stripped;
    } else {
      int rc = analyse(m, s, n, t, err);
      if (rc) return rc;
      c->h = h;
      c->len = (uint8_t)n;
      memcpy(c->bytes, s, n);
      memcpy(c->id, t->id, sizeof t->id);
      c->soff = (uint16_t)t->soff;
      c->stripped = (uint8_t)t->stripped;
    }
  } else {
    int rc = analyse(m, s, n, t, err);
    if (rc) return rc;
  }
  m->ntoks++;
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

/* Walk the trie from token i in namespace ns starting with token id `first`.
 * Returns the token count of the longest name, 0 if none; *ent set. */
static size_t walk(const akh_matcher *m, size_t i, int ns, int32_t first, int32_t *ent) {
  const akh_gazetteer *g = m->g;
  uint32_t node = akh__edge(g, 0, (uint32_t)first);
  size_t best = 0, j = i;
  while (node) {
    if (g->nodes[node].ent >= 0) {
      best = j - i + 1;
      *ent = g->nodes[node].ent;
    }
    if (j + 1 >= m->ntoks || m->toks[j + 1].sentence != m->toks[i].sentence) break;
    int32_t id = m->toks[j + 1].id[F_ASIS][ns];
    if (id < 0) break;
    node = akh__edge(g, node, (uint32_t)id);
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
    memset(m->cache, 0, ((size_t)1 << CACHE_BITS) * sizeof *m->cache);
    m->generation = m->g->generation;
  }
  m->ntoks = 0;
  akh_tokenizer_init(&tz, text, len);
  while ((r = akh_tokenizer_next(&tz, &tk, err)) == 1) {
    if (m->ntoks > 0 && (pending || has_break(text + prev_stop, tk.start - prev_stop))) {
      sentence++;
      pending = 0;
    }
    if ((rc = push_token(m, text, &tk, sentence, err)) != AKH_OK) return rc;
    if (tk.kind == AKH_TOK_PUNCT && ends_sentence(text + tk.start, tk.stop - tk.start)) pending = 1;
    prev_stop = tk.stop;
  }
  if (r < 0) rc = -r; /* match what came before the bad byte, then report */

  for (size_t i = 0; i < m->ntoks;) {
    const struct mtok *t = &m->toks[i];
    size_t best = 0;
    int32_t best_ent = -1;
    int best_form = F_ASIS;
    for (int f = F_ASIS; f <= F_STRIP; f++)
      for (int ns = GZ_PLAIN; ns <= GZ_VARIANT; ns++) {
        if (t->id[f][ns] < 0) continue;
        /* A variant key of a word with its proclitics could equal a name's
         * (للناديين folds like لندن): the variant namespace sees the word
         * without them. */
        if (f == F_ASIS && ns == GZ_VARIANT && t->stripped) continue;
        int32_t ent = -1;
        size_t len_ = walk(m, i, ns, t->id[f][ns], &ent);
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
    mt.start = t->start + (best_form == F_STRIP ? t->soff : 0);
    mt.stop = m->toks[i + best - 1].stop;
    mt.sentence = t->sentence;
    mt.ntokens = best;
    if (fn(ud, &mt)) break;
    i += best;
  }
  return rc;
}
