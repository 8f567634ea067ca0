/* segment.c — sentences of Arabic news text.  A sentence ends at . ! ? ؟ ؛ …
 * or a line break, never inside a quotation, not at a decimal point (3.5)
 * nor after a one-letter abbreviation (أ.ف.ب).  The Arabic comma ، separates
 * clauses, not sentences.  Quotation marks are classified by quotes.c. */
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "utf8.h"

static int sp(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0xA0 || (c >= 0x2000 && c <= 0x200F) ||
         c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

static int ends(uint32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F || c == 0x061B || c == 0x2026 || c == ';';
}

static int digit(uint32_t c) {
  return (c >= '0' && c <= '9') || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9);
}

static int letter(uint32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static uint32_t cp_at(const unsigned char *s, size_t len, size_t i, size_t *n) {
  uint32_t c = 0;
  *n = i < len ? akh_utf8_decode(s + i, len - i, &c) : 0;
  if (i < len && *n == 0) { *n = 1; c = 0xFFFD; }
  return c;
}

void akh_sentences_init(akh_sentence_scanner *s, const char *text, size_t len) {
  s->text = text;
  s->len = text ? len : 0;
  s->pos = 0;
}

int akh_sentences_next(akh_sentence_scanner *s, size_t *start, size_t *stop) {
  const unsigned char *t = (const unsigned char *)s->text;
  size_t len = s->len, i = s->pos, n;
  uint32_t c;
  /* skip spaces and line breaks before the sentence */
  while (i < len) {
    c = cp_at(t, len, i, &n);
    if (!(sp(c) || c == '\n')) break;
    i += n;
  }
  if (i >= len) { s->pos = len; return 0; }
  size_t a = i, b = len;
  int depth = 0;
  char stack[16];
  uint32_t prev = 0, prev2 = 0;
  while (i < len) {
    c = cp_at(t, len, i, &n);
    if (c == '\n') { b = i; break; }
    size_t ml = 0;
    char type = 0;
    int k = akh_quote_mark(s->text, len, i, &ml, &type);
    if (k == 2) k = (depth > 0 && stack[depth - 1] == '"') ? -1 : 1;
    if (k == 1) {
      if (depth < 16) stack[depth++] = type;
      i += ml;
      prev2 = prev;
      prev = c;
      continue;
    }
    if (k == -1) {
      int f = depth - 1;
      while (f >= 0 && stack[f] != type) f--;
      if (f >= 0) depth = f;
      i += ml;
      prev2 = prev;
      prev = c;
      continue;
    }
    if (depth == 0 && ends(c)) {
      size_t j = i + n, n2;
      uint32_t nx = cp_at(t, len, j, &n2);
      int stop_here = 1;
      if (c == '.' && digit(prev)) {                                                 /* 3.5 */
        /* the corpus writes «5.\u200F2»: a bidi mark may sit after the point */
        size_t j2 = j, n3 = n2;
        uint32_t d = nx;
        while ((d == 0x200E || d == 0x200F || d == 0x061C) && j2 + n3 < len) {
          j2 += n3;
          d = cp_at(t, len, j2, &n3);
        }
        if (digit(d)) stop_here = 0;
      }
      if (c == '.' && letter(prev) && (prev2 == 0 || sp(prev2) || prev2 == '.') && /* أ.ف.ب */
          nx != 0 && !sp(nx) && nx != '\n')
        stop_here = 0;
      if (stop_here) {
        /* take repeated terminators and closing brackets with the sentence */
        while (j < len) {
          nx = cp_at(t, len, j, &n2);
          size_t ml2;
          char ty2;
          if (ends(nx) || nx == ')' || nx == ']' ||
              (akh_quote_mark(s->text, len, j, &ml2, &ty2) == -1)) {
            j += n2;
            continue;
          }
          break;
        }
        b = j;
        i = j;
        break;
      }
    }
    prev2 = prev;
    prev = c;
    i += n;
  }
  if (i >= len && b == len) i = len;
  /* trim trailing spaces */
  while (b > a) {
    size_t j = b - 1;
    while (j > a && (t[j] & 0xC0) == 0x80) j--;
    c = cp_at(t, len, j, &n);
    if (!sp(c)) break;
    b = j;
  }
  s->pos = i > a ? i : a + 1;
  *start = a;
  *stop = b;
  return 1;
}

/* ---------------------------------------------------------------- words
 * A port of news.lua's words()/strip_word(), written with 1-based inclusive
 * positions as the Lua was, so each line can be checked against it. */

#define BY(i) ((unsigned char)t[(i) - 1])

static int lua_space(unsigned c) { return c == ' ' || (c >= 9 && c <= 13); }

static int lua_punct(unsigned c) {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/* One of the glued punctuation characters of news.lua (PUNCT). */
static int glued(const unsigned char *p, size_t n) {
  if (n == 2) {
    unsigned a = p[0], b = p[1];
    return (a == 0xC2 && (b == 0xAB || b == 0xBB)) || (a == 0xD8 && (b == 0x8C || b == 0x9B || b == 0x9F)) ||
           (a == 0xD9 && b == 0xAA);
  }
  if (n == 3 && p[0] == 0xE2 && p[1] == 0x80) {
    unsigned c = p[2];
    return c == 0x9C || c == 0x9D || c == 0xA6 || c == 0x93 || c == 0x94 || c == 0x98 || c == 0x99;
  }
  return 0;
}

void akh_words_init(akh_word_scanner *s, const char *text, size_t len, size_t from, size_t to) {
  s->text = text;
  s->len = text ? len : 0;
  if (to > s->len) to = s->len;
  s->pos = from + 1; /* 1-based from here on */
  s->end = to;       /* last byte, 1-based inclusive */
}

int akh_words_next(akh_word_scanner *sc, size_t *raw_start, size_t *raw_stop, size_t *start, size_t *stop) {
  const char *t = sc->text;
  size_t len = sc->len, b = sc->end;
  while (sc->pos <= b) {
    size_t s = sc->pos, e, nb = 0, ws, we;
    while (s <= len && lua_space(BY(s))) s++;
    if (s > len || s > b) break;
    e = s;
    while (e + 1 <= len && !lua_space(BY(e + 1))) e++;
    if (e > b) e = b;
    for (size_t i = s; i <= e; i++) {
      if (BY(i) == 0xC2 && i + 1 <= len && BY(i + 1) == 0xA0) { nb = i; break; }
    }
    if (nb) { e = nb - 1; sc->pos = nb + 2; }
    else sc->pos = e + 1;
    if (e < s) continue;
    ws = s;
    we = e;
    while (ws <= we) {
      unsigned c = BY(ws);
      if (c < 128) {
        if (lua_punct(c)) ws++;
        else break;
      } else if (c >= 0xC2 && c <= 0xF4) {
        size_t n = 1;
        while (ws + n <= len && BY(ws + n) >= 0x80 && BY(ws + n) <= 0xBF) n++;
        if (glued((const unsigned char *)t + ws - 1, n)) ws += n;
        else break;
      } else break;
    }
    while (we >= ws) {
      unsigned c = BY(we);
      if (c < 128) {
        if (lua_punct(c)) we--;
        else break;
      } else {
        size_t st = we;
        while (st > ws && BY(st) >= 128 && BY(st) < 192) st--;
        if (glued((const unsigned char *)t + st - 1, we - st + 1)) we = st - 1;
        else break;
      }
    }
    *raw_start = s - 1;
    *raw_stop = e;
    if (we < ws) *start = *stop = e;
    else { *start = ws - 1; *stop = we; }
    return 1;
  }
  sc->pos = b + 1;
  return 0;
}

#undef BY

size_t akh_news_fold(const char *in, size_t n, char *out) {
  const unsigned char *s = (const unsigned char *)in;
  size_t i = 0, k = 0;
  while (i < n) {
    unsigned a = s[i];
    if ((a == 0xD8 || a == 0xD9 || a == 0xDB) && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) {
      unsigned b = s[i + 1];
      i += 2;
      if (a == 0xD8) {
        if (b == 0xA2 || b == 0xA3 || b == 0xA5) { out[k++] = (char)0xD8; out[k++] = (char)0xA7; continue; }
        if (b == 0xA9) { out[k++] = (char)0xD9; out[k++] = (char)0x87; continue; }
      } else if (a == 0xD9) {
        if (b == 0xB1) { out[k++] = (char)0xD8; out[k++] = (char)0xA7; continue; }
        if (b == 0x89) { out[k++] = (char)0xD9; out[k++] = (char)0x8A; continue; }
        if (b == 0x80 || (b >= 0x8B && b <= 0x9F) || b == 0xB0) continue;
        if (b >= 0xA0 && b <= 0xA9) { out[k++] = (char)('0' + (b - 0xA0)); continue; }
      } else if (b >= 0xB0 && b <= 0xB9) {
        out[k++] = (char)('0' + (b - 0xB0));
        continue;
      }
      out[k++] = (char)a;
      out[k++] = (char)b;
      continue;
    }
    out[k++] = (char)a;
    i++;
  }
  return k;
}

static int tok_byte(unsigned c) { return !lua_space(c) && !lua_punct(c); }

size_t akh_distinct_tokens(const char *text, size_t n) {
  const unsigned char *s = (const unsigned char *)text;
  size_t ntok = 0, cap = 16, count = 0;
  for (size_t i = 0; i < n; i++)
    if (tok_byte(s[i]) && (i == 0 || !tok_byte(s[i - 1]))) ntok++;
  if (ntok == 0) return 0;
  while (cap < 2 * ntok) cap <<= 1;
  struct slot { size_t off, len; } *tab = calloc(cap, sizeof *tab);
  if (!tab) return (size_t)-1;
  for (size_t i = 0; i < n;) {
    if (!tok_byte(s[i])) { i++; continue; }
    size_t j = i;
    uint64_t h = 1469598103934665603ull;
    while (j < n && tok_byte(s[j])) { h = (h ^ s[j]) * 1099511628211ull; j++; }
    size_t len = j - i, k = (size_t)h & (cap - 1);
    for (;;) {
      if (tab[k].len == 0) { tab[k].off = i; tab[k].len = len; count++; break; }
      if (tab[k].len == len && memcmp(s + tab[k].off, s + i, len) == 0) break;
      k = (k + 1) & (cap - 1);
    }
    i = j;
  }
  free(tab);
  return count;
}

/* Records are ordered by (hash, length); tokens equal on both but with
 * different bytes (a 64-bit collision) sit in one run and are told apart
 * by their bytes, so the counts are exact. */
static int rec_key_cmp(const akh_token_rec *a, const akh_token_rec *b) {
  if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  return 0;
}

static int rec_qcmp(const void *x, const void *y) {
  const akh_token_rec *a = x, *b = y;
  int d = rec_key_cmp(a, b);
  if (d) return d;
  return a->off < b->off ? -1 : a->off > b->off;
}

static int same_bytes(const char *ta, const akh_token_rec *a, const char *tb, const akh_token_rec *b) {
  return a->len == b->len && memcmp(ta + a->off, tb + b->off, a->len) == 0;
}

int akh_token_signature(const char *text, size_t n, akh_token_rec **out, size_t *count) {
  const unsigned char *s = (const unsigned char *)text;
  size_t ntok = 0, k = 0;
  *out = NULL;
  *count = 0;
  if (n > UINT32_MAX) return AKH_ETOOBIG;
  for (size_t i = 0; i < n; i++)
    if (tok_byte(s[i]) && (i == 0 || !tok_byte(s[i - 1]))) ntok++;
  if (ntok == 0) return AKH_OK;
  akh_token_rec *r = malloc(ntok * sizeof *r);
  if (!r) return AKH_ENOMEM;
  for (size_t i = 0; i < n;) {
    if (!tok_byte(s[i])) { i++; continue; }
    size_t j = i;
    uint64_t h = 1469598103934665603ull;
    while (j < n && tok_byte(s[j])) { h = (h ^ s[j]) * 1099511628211ull; j++; }
    r[k].hash = h;
    r[k].off = (uint32_t)i;
    r[k].len = (uint32_t)(j - i);
    k++;
    i = j;
  }
  qsort(r, k, sizeof *r, rec_qcmp);
  size_t u = 0, run = 0; /* r[run, u): kept records of the current (hash, length) run */
  for (size_t i = 0; i < k; i++) {
    if (u > 0 && rec_key_cmp(&r[u - 1], &r[i]) == 0) {
      int dup = 0;
      for (size_t m = run; m < u && !dup; m++) dup = same_bytes(text, &r[m], text, &r[i]);
      if (dup) continue;
    } else {
      run = u;
    }
    r[u++] = r[i];
  }
  *out = r;
  *count = u;
  return AKH_OK;
}

size_t akh_token_common(const char *a, const akh_token_rec *ra, size_t na,
                        const char *b, const akh_token_rec *rb, size_t nb) {
  size_t i = 0, j = 0, c = 0;
  while (i < na && j < nb) {
    int d = rec_key_cmp(&ra[i], &rb[j]);
    if (d < 0) { i++; continue; }
    if (d > 0) { j++; continue; }
    size_t ie = i, je = j;
    while (ie < na && rec_key_cmp(&ra[ie], &ra[i]) == 0) ie++;
    while (je < nb && rec_key_cmp(&rb[je], &rb[j]) == 0) je++;
    for (size_t x = i; x < ie; x++)
      for (size_t y = j; y < je; y++)
        if (same_bytes(a, &ra[x], b, &rb[y])) { c++; break; }
    i = ie;
    j = je;
  }
  return c;
}

/* One of “ ” « » … – — or NBSP: news.lua's KEYPUNCT (matched as a lead
 * byte 0xC2 or 0xE2 and ALL the continuation bytes after it). */
static int keypunct(const unsigned char *p, size_t n) {
  if (n == 2 && p[0] == 0xC2) return p[1] == 0xAB || p[1] == 0xBB || p[1] == 0xA0;
  if (n == 3 && p[0] == 0xE2 && p[1] == 0x80)
    return p[2] == 0x9C || p[2] == 0x9D || p[2] == 0xA6 || p[2] == 0x93 || p[2] == 0x94;
  return 0;
}

static int trim_byte(unsigned c) { return lua_space(c) || c == 0xC2 || c == 0xA0; }

size_t akh_news_norm_key(const char *in, size_t n, char *out) {
  unsigned char *o = (unsigned char *)out;
  size_t k = 0, i, m;
  /* 1. fold, with ، ؛ ؟ as spaces (KEYFOLD over FOLD) */
  {
    const unsigned char *s = (const unsigned char *)in;
    for (i = 0; i < n;) {
      unsigned a = s[i];
      if (a == 0xD8 && i + 1 < n && (s[i + 1] == 0x8C || s[i + 1] == 0x9B || s[i + 1] == 0x9F)) {
        o[k++] = ' ';
        i += 2;
        continue;
      }
      if ((a == 0xD8 || a == 0xD9 || a == 0xDB) && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0xBF) {
        k += akh_news_fold((const char *)s + i, 2, (char *)o + k);
        i += 2;
        continue;
      }
      o[k++] = (unsigned char)a;
      i++;
    }
  }
  /* 2. the other marks, in place (the output never passes the input) */
  m = 0;
  for (i = 0; i < k;) {
    unsigned a = o[i];
    if ((a == 0xC2 || a == 0xE2) && i + 1 < k && o[i + 1] >= 0x80 && o[i + 1] <= 0xBF) {
      size_t e = i + 1;
      while (e < k && o[e] >= 0x80 && o[e] <= 0xBF) e++;
      if (keypunct(o + i, e - i)) o[m++] = ' ';
      else
        while (i < e) o[m++] = o[i++];
      i = e;
      continue;
    }
    o[m++] = (unsigned char)a;
    i++;
  }
  k = m;
  /* 3. lower case, 4. runs of ASCII punctuation and space as one space */
  m = 0;
  for (i = 0; i < k;) {
    unsigned a = o[i];
    if (lua_space(a) || lua_punct(a)) {
      while (i < k && (lua_space(o[i]) || lua_punct(o[i]))) i++;
      o[m++] = ' ';
      continue;
    }
    o[m++] = (unsigned char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
    i++;
  }
  k = m;
  /* 5. trim */
  size_t a = 0, b = k;
  while (a < b && trim_byte(o[a])) a++;
  while (b > a && trim_byte(o[b - 1])) b--;
  if (a > 0) memmove(o, o + a, b - a);
  return b - a;
}
