/* normalize.c — the Arabic normaliser with an exact byte offset map.
 *
 * Every operation of enum akh_norm_op works on ONE input code point at a
 * time: each input code point becomes zero or more output code points, and
 * every output byte records the offset of the input code point it came
 * from.  That is what keeps the offset map exact and cheap (no alignment
 * step), and it is why NFKC is applied per code point: a code point's own
 * compatibility decomposition is taken and recomposed (ﻷ U+FEF7 becomes
 * ل أ, ﷺ becomes the whole phrase, ½ becomes 1⁄2), but canonical
 * reordering and composition ACROSS code points are not done (ا followed
 * by U+0653 stays two code points and is not composed into آ).  Text in
 * NFC, which is what news sites publish, is unaffected by that difference.
 *
 * For one input code point c the result is:
 *   1. if c is a quote/dash (PUNCT), a Unicode space (SPACES) or an
 *      invisible (INVISIBLE) and that op is on, its replacement (this runs
 *      before NFKC so that ″ becomes " rather than NFKC's ′′);
 *   2. otherwise NFKC(c) if NFKC is on, else c; then each resulting code
 *      point goes through, in order: casefold (ICU simple case folding,
 *      u_foldCase, every cased script), persian, alef, yeh, teh, hamza,
 *      diacritics, tatweel, digits, invisible, spaces, punct.
 * Choices (documented in the spec too):
 *   - lone hamza ء is kept (سماء, جزء, شيء are words; dropping it would
 *     conflate them with سما, جز, شي); only the carriers ؤ ئ are folded;
 *   - PERSIAN folds ک ڪ گ to ك (گ is written for the g of foreign names
 *     and read as ك/ج by Arabic readers: ك is the common search fold),
 *     ی ے to ي, ۓ to ئ, ہ ۂ ۀ ھ ە to ه, ۃ to ة, ٹ ڈ ڑ ں to ت د ر ن,
 *     and the letters Arabic borrows for foreign sounds پ چ ژ ڤ to ب ج ز ف;
 *     it runs first, so ۓ continues to ي and ۃ to ه when HAMZA/TEH are on;
 *   - DIACRITICS also drops the small high honorific signs U+0610-061A;
 *   - DIGITS also maps the Arabic decimal and thousands separators ٫ ٬
 *     to . and , so ٣٫٥ becomes 3.5;
 *   - invalid UTF-8 under AKH_N_REPLACE: each bad byte becomes one U+FFFD
 *     mapped to that byte.
 *
 * Speed: per-ops tables (built once per distinct `ops` value, cached,
 * thread-safe) give the result for every code point in U+0000-07FF, the
 * General Punctuation block and U+FB50-FFEF as up to 7 ready UTF-8 bytes;
 * the input is classified 32 bytes at a time (see norm_loop).  ICU is
 * only called for code points outside those ranges, and then only when
 * ICU says NFKC or case folding changes them.  bench/bench_text.c measures
 * it beside ICU's NFKC_Casefold (figures in bench/README.md). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>

#include "akhbar.h"
#include "utf8.h"

#define OPS_MASK 0x1FFFu /* the 13 ops; AKH_N_REPLACE is not part of a table */
#define DEL 0xFFFFFFFFu  /* "this code point is dropped" */
#define NONE 0xFFFFFFFEu /* "no direct replacement" */
#define SLOW 0xFF        /* table entry too long: compute at run time */
#define MAXOUT 80        /* most bytes one input code point can produce (NFKC <= 18 code points) */
#define SLACK 96         /* free room kept at the end of out and map */

/* ---------------------------------------------------------------- the ops on one code point */

static uint32_t direct(uint32_t c, unsigned ops) {
  if (ops & AKH_N_PUNCT) {
    switch (c) {
      case 0x00AB: case 0x00BB: case 0x201C: case 0x201D: case 0x201E: case 0x201F:
      case 0x2033: case 0x2036: case 0x301D: case 0x301E: case 0x301F: case 0xFF02:
        return '"';
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x2035:
      case 0x2039: case 0x203A: case 0xFF07:
        return '\'';
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      case 0x2212: case 0x2E3A: case 0x2E3B: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    }
  }
  if (ops & AKH_N_SPACES) {
    if (c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
        c == 0x205F || c == 0x3000)
      return ' ';
  }
  if (ops & AKH_N_INVISIBLE) {
    if (c == 0x00AD || c == 0x034F || c == 0x061C || c == 0x180E || (c >= 0x200B && c <= 0x200F) ||
        (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2064) ||
        (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF)
      return DEL;
  }
  return NONE;
}

static uint32_t persian(uint32_t c) {
  switch (c) {
    case 0x06A9: case 0x06AA: case 0x06AF: return 0x0643;           /* ک ڪ گ -> ك */
    case 0x06CC: case 0x06D2: return 0x064A;                        /* ی ے -> ي */
    case 0x06D3: return 0x0626;                                     /* ۓ -> ئ */
    case 0x06C0: case 0x06C1: case 0x06C2: case 0x06BE: case 0x06D5: return 0x0647; /* ۀ ہ ۂ ھ ە -> ه */
    case 0x06C3: return 0x0629;                                     /* ۃ -> ة */
    case 0x0679: return 0x062A;                                     /* ٹ -> ت */
    case 0x0688: return 0x062F;                                     /* ڈ -> د */
    case 0x0691: return 0x0631;                                     /* ڑ -> ر */
    case 0x06BA: return 0x0646;                                     /* ں -> ن */
    case 0x067E: return 0x0628;                                     /* پ -> ب */
    case 0x0686: return 0x062C;                                     /* چ -> ج */
    case 0x0698: return 0x0632;                                     /* ژ -> ز */
    case 0x06A4: return 0x0641;                                     /* ڤ -> ف */
  }
  return c;
}

/* Every op except NFKC, on a code point NFKC has already seen. */
static uint32_t fold1(uint32_t c, unsigned ops) {
  if (ops & AKH_N_CASEFOLD) c = (uint32_t)u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT);
  if (ops & AKH_N_PERSIAN) c = persian(c);
  if ((ops & AKH_N_ALEF) && (c == 0x0622 || c == 0x0623 || c == 0x0625 || (c >= 0x0671 && c <= 0x0673)))
    c = 0x0627;
  if ((ops & AKH_N_YEH) && c == 0x0649) c = 0x064A;
  if ((ops & AKH_N_TEH) && c == 0x0629) c = 0x0647;
  if (ops & AKH_N_HAMZA) {
    if (c == 0x0624) c = 0x0648;
    else if (c == 0x0626) c = 0x064A;
  }
  if ((ops & AKH_N_DIACRITICS) && ((c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
                                   (c >= 0x06D6 && c <= 0x06ED) || (c >= 0x0610 && c <= 0x061A)))
    return DEL;
  if ((ops & AKH_N_TATWEEL) && c == 0x0640) return DEL;
  if (ops & AKH_N_DIGITS) {
    if (c >= 0x0660 && c <= 0x0669) return '0' + (c - 0x0660);
    if (c >= 0x06F0 && c <= 0x06F9) return '0' + (c - 0x06F0);
    if (c == 0x066B) return '.';
    if (c == 0x066C) return ',';
  }
  uint32_t d = direct(c, ops);
  return d == NONE ? c : d;
}

static const UNormalizer2 *nfkc;
static UErrorCode icu_status = U_ZERO_ERROR;
static pthread_once_t icu_once = PTHREAD_ONCE_INIT;

static void icu_init(void) {
  nfkc = unorm2_getNFKCInstance(&icu_status);
}

/* Write the result for input code point c to dst (room for MAXOUT bytes);
 * returns the number of bytes, or -1 if ICU failed. */
static int transform(uint32_t c, unsigned ops, char *dst) {
  uint32_t d = direct(c, ops);
  if (d != NONE) return d == DEL ? 0 : (int)akh_utf8_encode(d, dst);
  UChar src[2], buf[40];
  int32_t n = 0, m;
  U16_APPEND_UNSAFE(src, n, c);
  if ((ops & AKH_N_NFKC) && unorm2_quickCheck(nfkc, src, n, &(UErrorCode){U_ZERO_ERROR}) != UNORM_YES) {
    UErrorCode st = U_ZERO_ERROR;
    m = unorm2_normalize(nfkc, src, n, buf, 40, &st);
    if (U_FAILURE(st)) return -1;
  } else {
    memcpy(buf, src, sizeof src);
    m = n;
  }
  int len = 0;
  for (int32_t k = 0; k < m;) {
    UChar32 x;
    U16_NEXT(buf, k, m, x);
    uint32_t y = fold1((uint32_t)x, ops);
    if (y != DEL && len + 4 <= MAXOUT) len += (int)akh_utf8_encode(y, dst + len);
  }
  return len;
}

/* ---------------------------------------------------------------- per-ops tables */

/* Up to 7 result bytes then the length (0-7, or SLOW); copied as 8 bytes. */
typedef struct ent {
  char b[7];
  uint8_t len;
} ent;

#define R2_END 0x800                    /* U+0000-07FF */
#define R3A_LO 0x2000                   /* General Punctuation */
#define R3A_HI 0x2070
#define R3B_LO 0xFB50                   /* presentation forms, specials, half/fullwidth */
#define R3B_HI 0xFFF0
#define NENT (R2_END + (R3A_HI - R3A_LO) + (R3B_HI - R3B_LO))

typedef struct table {
  unsigned ops;
  int ascii;          /* 0: ASCII unchanged; 1: A-Z lowered, rest unchanged; 2: use e[] */
  int block;          /* no SLOW entry below U+0800: the 8-byte block path may run */
  ent e[NENT];
} table;

static inline int ent_index(uint32_t c) {
  if (c < R2_END) return (int)c;
  if (c >= R3A_LO && c < R3A_HI) return (int)(R2_END + c - R3A_LO);
  if (c >= R3B_LO && c < R3B_HI) return (int)(R2_END + (R3A_HI - R3A_LO) + c - R3B_LO);
  return -1;
}

static table *build_table(unsigned ops) {
  table *t = malloc(sizeof *t);
  if (!t) return NULL;
  t->ops = ops;
  char tmp[MAXOUT];
  for (uint32_t c = 0; c < R3B_HI; c++) {
    int k = ent_index(c);
    if (k < 0) continue;
    int n = transform(c, ops, tmp);
    if (n < 0) { free(t); return NULL; }
    memset(t->e[k].b, 0, sizeof t->e[k].b);
    if (n <= 7) {
      memcpy(t->e[k].b, tmp, (size_t)n);
      t->e[k].len = (uint8_t)n;
    } else {
      t->e[k].len = SLOW;
    }
  }
  int same = 1, lower = 1;
  for (int c = 0; c < 0x80; c++) {
    int want_lower = (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (t->e[c].len != 1) { same = lower = 0; break; }
    if ((unsigned char)t->e[c].b[0] != c) same = 0;
    if ((unsigned char)t->e[c].b[0] != want_lower) lower = 0;
  }
  t->ascii = same ? 0 : lower ? 1 : 2;
  t->block = 1;
  for (int c = 0; c < R2_END; c++)
    if (t->e[c].len == SLOW) t->block = 0;
  return t;
}

/* Tables of the first NCACHE distinct ops values are kept for the life of
 * the process; readers never lock.  Further ops values get a table built
 * for the call (*owned, freed by the caller). */
#define NCACHE 32
static _Atomic(table *) cache[NCACHE];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;

/* The cached tables go when the library is unloaded (lua_close of the Lua
 * module, or exit), so leak checkers see no leak. */
__attribute__((destructor)) static void free_tables(void) {
  for (int k = 0; k < NCACHE; k++) free(atomic_exchange(&cache[k], NULL));
}

static const table *get_table(unsigned ops, table **owned) {
  *owned = NULL;
  for (int k = 0; k < NCACHE; k++) {
    table *t = atomic_load_explicit(&cache[k], memory_order_acquire);
    if (!t) break;
    if (t->ops == ops) return t;
  }
  pthread_mutex_lock(&cache_mu);
  table *found = NULL;
  int k;
  for (k = 0; k < NCACHE; k++) {
    table *t = atomic_load_explicit(&cache[k], memory_order_relaxed);
    if (!t) break;
    if (t->ops == ops) { found = t; break; }
  }
  if (!found) {
    found = build_table(ops);
    if (found) {
      if (k < NCACHE) atomic_store_explicit(&cache[k], found, memory_order_release);
      else *owned = found;
    }
  }
  pthread_mutex_unlock(&cache_mu);
  return found;
}

/* ---------------------------------------------------------------- the loop */

typedef struct run {
  akh_buf *out;
  size_t base;    /* out->len on entry: map[k] is for out byte base + k */
  uint32_t *map;  /* NULL when no map was asked for */
} run;

/* Make room for at least `need` more bytes (plus SLACK) after `used`,
 * guessing from the input still to come.  out and map grow together. */
static int grow(run *r, size_t used, size_t remaining, int with_map) {
  size_t want = remaining + remaining / 8 + 4096 + SLACK;
  if (want > SIZE_MAX / 8 - used) return AKH_ENOMEM;
  size_t cap = used + want;
  char *p = realloc(r->out->data, cap);
  if (!p) return AKH_ENOMEM;
  r->out->data = p;
  r->out->cap = cap;
  if (with_map) {
    uint32_t *m = realloc(r->map, (cap - r->base) * sizeof *m);
    if (!m) return AKH_ENOMEM;
    r->map = m;
  }
  return AKH_OK;
}

static inline void fill4(uint32_t *m, uint32_t v) {
  m[0] = v; m[1] = v; m[2] = v; m[3] = v;
}

#ifdef __SSE2__
static inline __m128i ascii_lower16(__m128i v) {
  __m128i up = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
  return _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
}
#else
static inline uint64_t ascii_lower8(uint64_t w) {
  const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
  uint64_t ge_a = (w + ones * (0x80 - 'A')) & high;
  uint64_t gt_z = (w + ones * (0x80 - 'Z' - 1)) & high;
  return w | ((ge_a & ~gt_z) >> 2);
}
#endif

/* The hot loop; with_map is a constant in each of the two callers.
 *
 * Decoding UTF-8 one code point at a time makes every step wait for the
 * load of the previous lead byte, and a per-character branch on "ASCII or
 * Arabic" mispredicts at every word boundary.  So the main part takes 32
 * bytes at once (8 without SSE2): if they hold only ASCII and complete
 * two-byte sequences (all of Arabic U+0600-06FF; a sequence may end in the
 * next byte), bit masks say where the code points start, and each is
 * handled without a data-dependent branch: the table indexes of all 32
 * positions are computed at once in 16-bit SIMD lanes, 8 entry bytes and
 * 4 map entries are stored
 * unconditionally and the pointers advance by the entry's length (the
 * SLACK at the end of out and map absorbs the over-stores).  Pure ASCII is
 * copied (or lower-cased) 32 bytes at a time.  Anything else, and the last
 * bytes of the input, take the general step, one code point at a time.
 * Measured on news text (bench_text): per-code-point decoding ~500 MB/s,
 * 8-byte blocks ~600, 32-byte blocks ~730, with SIMD indexes ~1000 MB/s
 * with the map; an unrolled branch-free per-byte variant was 2x slower. */
static inline __attribute__((always_inline)) int
norm_loop(run *r, const table *t, const unsigned char *in, size_t len, unsigned ops, int with_map,
          size_t *bad) {
  akh_buf *out = r->out;
  char *o = out->data + out->len;
  char *olim = out->data + out->cap - SLACK;
  uint32_t *m = with_map ? r->map + (out->len - r->base) : NULL;
  size_t i = 0;
  while (i < len) {
    if (__builtin_expect(o > olim, 0)) {
      size_t used = (size_t)(o - out->data);
      if (grow(r, used, len - i, with_map)) { out->len = used; return AKH_ENOMEM; }
      o = out->data + used;
      olim = out->data + out->cap - SLACK;
      if (with_map) m = r->map + (used - r->base);
    }
    const ent *e;
    size_t k;
#ifdef __SSE2__
    if (__builtin_expect(len - i >= 33, 1)) {
      /* 32 bytes at a time with SSE2 byte masks (bit k: byte k) */
      __m128i va = _mm_loadu_si128((const __m128i *)(in + i));
      __m128i vb = _mm_loadu_si128((const __m128i *)(in + i + 16));
      uint32_t hi = (uint32_t)_mm_movemask_epi8(va) | (uint32_t)_mm_movemask_epi8(vb) << 16;
      if (!hi && t->ascii < 2) {
        if (t->ascii) {
          va = ascii_lower16(va);
          vb = ascii_lower16(vb);
        }
        _mm_storeu_si128((__m128i *)o, va);
        _mm_storeu_si128((__m128i *)(o + 16), vb);
        if (with_map) {
          __m128i ks = _mm_add_epi32(_mm_set1_epi32((int)i), _mm_setr_epi32(0, 1, 2, 3));
          for (int q = 0; q < 8; q++, ks = _mm_add_epi32(ks, _mm_set1_epi32(4)))
            _mm_storeu_si128((__m128i *)(m + 4 * q), ks);
          m += 32;
        }
        o += 32;
        i += 32;
        continue;
      }
      __m128i a2 = _mm_add_epi8(va, va), b2 = _mm_add_epi8(vb, vb);
      uint32_t b6 = (uint32_t)_mm_movemask_epi8(a2) | (uint32_t)_mm_movemask_epi8(b2) << 16;
      uint32_t b5 = (uint32_t)_mm_movemask_epi8(_mm_add_epi8(a2, a2)) |
                    (uint32_t)_mm_movemask_epi8(_mm_add_epi8(b2, b2)) << 16;
      uint32_t cont = hi & ~b6, two = hi & b6 & ~b5, big = hi & b6 & b5;
      const __m128i fe = _mm_set1_epi8((char)0xFE), c0c1 = _mm_set1_epi8((char)0xC0);
      uint32_t overlong = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(va, fe), c0c1)) |
                          (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(vb, fe), c0c1)) << 16;
      if (t->block && !big && !overlong && cont == (two << 1) &&
          (!(two >> 31) || (in[i + 32] & 0xC0) == 0x80)) {
        /* the table index of a code point starting at every byte, 16-bit
         * lanes: ((b0 & 0x1F) << 6 | (b1 & 0x3F)) if b0 >= 0x80, else b0 */
        uint16_t ix[32];
        {
          const __m128i z = _mm_setzero_si128(), m1f = _mm_set1_epi16(0x1F), m3f = _mm_set1_epi16(0x3F),
                        m7f = _mm_set1_epi16(0x7F);
          __m128i na = _mm_loadu_si128((const __m128i *)(in + i + 1));
          __m128i nb = _mm_loadu_si128((const __m128i *)(in + i + 17));
          __m128i c0s[4] = {_mm_unpacklo_epi8(va, z), _mm_unpackhi_epi8(va, z), _mm_unpacklo_epi8(vb, z),
                            _mm_unpackhi_epi8(vb, z)};
          __m128i c1s[4] = {_mm_unpacklo_epi8(na, z), _mm_unpackhi_epi8(na, z), _mm_unpacklo_epi8(nb, z),
                            _mm_unpackhi_epi8(nb, z)};
          for (int q = 0; q < 4; q++) {
            __m128i c0 = c0s[q], multi = _mm_cmpgt_epi16(c0, m7f);
            __m128i twob = _mm_or_si128(_mm_slli_epi16(_mm_and_si128(c0, m1f), 6), _mm_and_si128(c1s[q], m3f));
            _mm_storeu_si128((__m128i *)(ix + 8 * q),
                             _mm_or_si128(_mm_and_si128(multi, twob), _mm_andnot_si128(multi, c0)));
          }
        }
        uint32_t lead = ~cont;
        do {
          unsigned q = (unsigned)__builtin_ctz(lead);
          lead &= lead - 1;
          const ent *f = &t->e[ix[q]];
          unsigned n = f->len;
          memcpy(o, f, 8);
          if (with_map) {
            fill4(m, (uint32_t)(i + q));
            if (n > 4) fill4(m + 4, (uint32_t)(i + q));
            m += n;
          }
          o += n;
        } while (lead);
        i += 32 + (size_t)(two >> 31);
        continue;
      }
    }
#else
    const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
    if (__builtin_expect(len - i >= 9, 1)) {
      uint64_t w;
      memcpy(&w, in + i, 8);
      if (!(w & high) && t->ascii < 2) {
        if (t->ascii) w = ascii_lower8(w);
        memcpy(o, &w, 8);
        if (with_map)
          for (int q = 0; q < 8; q++) m[q] = (uint32_t)(i + (size_t)q);
        o += 8;
        if (with_map) m += 8;
        i += 8;
        continue;
      }
      uint64_t cont = w & ~(w << 1) & high;           /* 10xxxxxx */
      uint64_t two = w & (w << 1) & ~(w << 2) & high; /* 110xxxxx */
      uint64_t big = w & (w << 1) & (w << 2) & high;  /* 111xxxxx */
      uint64_t x = (w & (ones * 0xFE)) ^ (ones * 0xC0); /* zero byte: C0 or C1 */
      uint64_t overlong = (x - ones) & ~x & high;
      if (t->block && !big && !overlong && cont == (two << 8) &&
          (!(two >> 63) || (in[i + 8] & 0xC0) == 0x80)) {
        uint64_t lead = high & ~cont;
        do {
          size_t p = i + ((size_t)__builtin_ctzll(lead) >> 3);
          lead &= lead - 1;
          unsigned c0 = in[p], c1 = in[p + 1];
          /* branch-free select: the lead is ASCII or C2-DF here */
          unsigned multi = 0u - (c0 >> 7);
          unsigned idx = ((((c0 & 0x1Fu) << 6) | (c1 & 0x3Fu)) & multi) | (c0 & ~multi);
          const ent *f = &t->e[idx];
          unsigned n = f->len;
          memcpy(o, f, 8);
          if (with_map) {
            fill4(m, (uint32_t)p);
            if (n > 4) fill4(m + 4, (uint32_t)p);
            m += n;
          }
          o += n;
        } while (lead);
        i += 8 + (size_t)(two >> 63);
        continue;
      }
    }
#endif
    /* the general step: any code point, any position */
    {
      uint32_t cp;
      k = akh_utf8_decode(in + i, len - i, &cp);
      if (!k) {
        if (!(ops & AKH_N_REPLACE)) { out->len = (size_t)(o - out->data); *bad = i; return AKH_EUTF8; }
        memcpy(o, "\xEF\xBF\xBD", 3);
        if (with_map) fill4(m, (uint32_t)i), m += 3;
        o += 3;
        i++;
        continue;
      }
      int x = ent_index(cp);
      if (x < 0) {
        int n = transform(cp, ops, o);
        if (n < 0) { out->len = (size_t)(o - out->data); return AKH_EICU; }
        if (with_map)
          for (int q = 0; q < n; q++) m[q] = (uint32_t)i;
        o += n;
        if (with_map) m += n;
        i += k;
        continue;
      }
      e = &t->e[x];
    }

    unsigned n = e->len;
    if (__builtin_expect(n == SLOW, 0)) {
      uint32_t cp = 0;
      akh_utf8_decode(in + i, len - i, &cp);
      int nn = transform(cp, ops, o);
      if (nn < 0) { out->len = (size_t)(o - out->data); return AKH_EICU; }
      n = (unsigned)nn;
      if (with_map)
        for (unsigned q = 0; q < n; q++) m[q] = (uint32_t)i;
    } else {
      memcpy(o, e, 8);
      if (with_map) {
        fill4(m, (uint32_t)i);
        if (n > 4) fill4(m + 4, (uint32_t)i);
      }
    }
    o += n;
    if (with_map) m += n;
    i += k;
  }
  out->len = (size_t)(o - out->data);
  return AKH_OK;
}

static int loop_map(run *r, const table *t, const unsigned char *in, size_t len, unsigned ops, size_t *bad) {
  return norm_loop(r, t, in, len, ops, 1, bad);
}

static int loop_nomap(run *r, const table *t, const unsigned char *in, size_t len, unsigned ops, size_t *bad) {
  return norm_loop(r, t, in, len, ops, 0, bad);
}

int akh_normalize(const char *in, size_t len, unsigned ops, akh_buf *out, uint32_t **map, akh_error *err) {
  if (map) *map = NULL;
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "input of %zu bytes is too large", len);
  if (len && !in) return akh_fail(err, AKH_EARG, 0, "input is NULL");
  pthread_once(&icu_once, icu_init);
  if (U_FAILURE(icu_status)) return akh_fail(err, AKH_EICU, 0, "unorm2_getNFKCInstance: %s", u_errorName(icu_status));
  table *owned;
  const table *t = get_table(ops & OPS_MASK, &owned);
  if (!t) return akh_fail(err, AKH_ENOMEM, 0, "out of memory building the normalisation table");

  run r = {out, out->len, NULL};
  size_t old = out->len;
  int rc = AKH_OK;
  /* One reservation for the common case (output about as long as input). */
  size_t room = len + len / 32 + SLACK + 64;
  if (out->cap - out->len < room) {
    if (room > SIZE_MAX / 8 - out->len) rc = AKH_ENOMEM;
    else {
      char *p = realloc(out->data, out->len + room);
      if (!p) rc = AKH_ENOMEM;
      else out->data = p, out->cap = out->len + room;
    }
  }
  if (rc == AKH_OK && map) {
    r.map = malloc((out->cap - r.base) * sizeof *r.map);
    if (!r.map) rc = AKH_ENOMEM;
  }
  size_t bad = 0;
  if (rc == AKH_OK)
    rc = map ? loop_map(&r, t, (const unsigned char *)in, len, ops, &bad)
             : loop_nomap(&r, t, (const unsigned char *)in, len, ops, &bad);
  free(owned);
  if (rc != AKH_OK) {
    free(r.map);
    out->len = old;
    if (rc == AKH_EUTF8) return akh_fail(err, rc, bad, "invalid UTF-8 at byte %zu", bad);
    if (rc == AKH_EICU) return akh_fail(err, rc, 0, "unorm2_normalize failed");
    return akh_fail(err, rc, 0, "out of memory normalising %zu bytes", len);
  }
  if (map) {
    size_t n = out->len - r.base;
    /* Give back a large over-reservation (the map is 4 bytes per byte). */
    if (n + n / 8 + SLACK < out->cap - r.base) {
      uint32_t *m = realloc(r.map, (n ? n : 1) * sizeof *m);
      if (m) r.map = m;
    }
    *map = r.map;
  }
  return AKH_OK;
}

void akh_map_span(const char *in, size_t len, const uint32_t *map, size_t i, size_t j, size_t *start,
                  size_t *stop) {
  if (j <= i) j = i + 1;
  size_t last = map[j - 1];
  uint32_t cp;
  size_t n = last < len ? akh_utf8_decode((const unsigned char *)in + last, len - last, &cp) : 1;
  *start = map[i];
  *stop = last + (n ? n : 1);
}
