/* quotes.c — pairing of quotation marks (“…”, «…», "…") into spans, with
 * nesting and with quotations left open at the end of a paragraph.  Who said
 * a quotation (speech verbs, speakers, carry-over) is decided in Lua
 * (lua/akhbar/news.lua) on top of these spans: those rules change often and
 * use the gazetteer; the byte-level pairing is here because it reads every
 * byte of every article and is fuzzed (fuzz/fuzz_quotes.c). */
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "utf8.h"

#define MAXDEPTH 16

static int space_cp(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200F) ||
         c == 0x202F || c == 0x3000 || c == 0xFEFF;
}

static int letter_cp(uint32_t c) {
  return (c >= 0x0621 && c <= 0x064A) || (c >= 0x0660 && c <= 0x06D3) || c == 0x0640 ||
         ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c >= 0x0700;
}

/* Code point before byte i (0 at the start); *at its offset. */
static uint32_t prev_cp(const char *text, size_t i, size_t *at) {
  const unsigned char *s = (const unsigned char *)text;
  if (i == 0) { *at = 0; return 0; }
  size_t j = i - 1;
  while (j > 0 && (s[j] & 0xC0) == 0x80 && i - j < 4) j--;
  uint32_t c = 0;
  if (akh_utf8_decode(s + j, i - j, &c) != i - j) c = '?';
  *at = j;
  return c;
}

static uint32_t next_cp(const char *text, size_t len, size_t i) {
  uint32_t c = 0;
  if (i >= len) return 0;
  if (akh_utf8_decode((const unsigned char *)text + i, len - i, &c) == 0) return '?';
  return c;
}

int akh_quote_mark(const char *text, size_t len, size_t i, size_t *mlen, char *type) {
  const unsigned char *s = (const unsigned char *)text;
  if (i >= len) return 0;
  if (s[i] == '"') {
    *mlen = 1;
    *type = '"';
    size_t at;
    uint32_t p = prev_cp(text, i, &at), n = next_cp(text, len, i + 1);
    int before_open = p == 0 || space_cp(p) || !letter_cp(p) || p == 0x0640;
    if (!before_open && (p == 0x0648 || p == 0x0641 || p == 0x0628 || p == 0x0644 || p == 0x0643)) {
      /* و"ركزت: a one-letter proclitic glued to the mark */
      size_t at2;
      uint32_t pp = prev_cp(text, at, &at2);
      before_open = pp == 0 || space_cp(pp) || !letter_cp(pp);
    }
    int after_open = n != 0 && !space_cp(n);
    int opens = before_open && after_open && (letter_cp(n) || n == '(' || n == 0x2026 || n == '.');
    int closes = p != 0 && !space_cp(p) && (n == 0 || space_cp(n) || !letter_cp(n));
    if (opens && !closes) return 1;
    if (closes && !opens) return -1;
    return 2;
  }
  if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x9C || s[i + 2] == 0x9D)) {
    *mlen = 3;
    *type = 'c';
    return s[i + 2] == 0x9C ? 1 : -1; /* “ U+201C opens, ” U+201D closes */
  }
  if (i + 1 < len && s[i] == 0xC2 && (s[i + 1] == 0xAB || s[i + 1] == 0xBB)) {
    *mlen = 2;
    *type = 'g';
    return s[i + 1] == 0xAB ? 1 : -1; /* « opens, » closes */
  }
  return 0;
}

typedef struct vec {
  akh_quote_span *v;
  size_t n, cap;
} vec;

static int push(vec *q, const akh_quote_span *x) {
  if (q->n == q->cap) {
    size_t cap = q->cap ? q->cap * 2 : 16;
    akh_quote_span *nv = realloc(q->v, cap * sizeof *nv);
    if (!nv) return AKH_ENOMEM;
    q->v = nv;
    q->cap = cap;
  }
  q->v[q->n++] = *x;
  return AKH_OK;
}

/* Trim spaces inside [*a, *b). */
static void trim(const char *text, size_t *a, size_t *b) {
  const unsigned char *s = (const unsigned char *)text;
  while (*a < *b) {
    uint32_t c = 0;
    size_t k = akh_utf8_decode(s + *a, *b - *a, &c);
    if (!k || !space_cp(c)) break;
    *a += k;
  }
  while (*b > *a) {
    size_t at;
    uint32_t c = prev_cp(text, *b, &at);
    if (!space_cp(c)) break;
    *b = at;
  }
}

typedef struct open_mark {
  size_t at, stop;
  char type;
  size_t slot; /* index in the output of this quotation */
} open_mark;

static int cmp_open(const void *a, const void *b) {
  const akh_quote_span *x = a, *y = b;
  return x->open < y->open ? -1 : x->open > y->open;
}

int akh_quote_spans(const char *text, size_t len, akh_quote_span **out, size_t *n, akh_error *err) {
  vec q = {NULL, 0, 0};
  open_mark st[MAXDEPTH];
  int depth = 0;
  *out = NULL;
  *n = 0;
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "text longer than AKH_MAX_DOC");
  size_t i = 0;
  while (i <= len) {
    int eol = i == len || text[i] == '\n';
    if (eol) {
      /* quotations still open close at the end of their paragraph */
      while (depth > 0) {
        open_mark *m = &st[--depth];
        akh_quote_span x;
        memset(&x, 0, sizeof x);
        x.open = m->at;
        x.open_stop = m->stop;
        x.close = x.close_stop = i;
        x.start = m->stop;
        x.stop = i;
        trim(text, &x.start, &x.stop);
        x.depth = depth;
        x.closed = 0;
        x.mark = m->type;
        if (push(&q, &x)) goto nomem;
      }
      i++;
      continue;
    }
    size_t ml = 1;
    char type = 0;
    int k = akh_quote_mark(text, len, i, &ml, &type);
    if (k == 2) k = (depth > 0 && st[depth - 1].type == '"') ? -1 : 1;
    if (k == 1) {
      if (depth < MAXDEPTH) {
        st[depth].at = i;
        st[depth].stop = i + ml;
        st[depth].type = type;
        depth++;
      }
    } else if (k == -1) {
      int f = depth - 1;
      while (f >= 0 && st[f].type != type) f--;
      if (f >= 0) {
        /* marks opened above the match and never closed end here */
        while (depth > f) {
          open_mark *m = &st[--depth];
          akh_quote_span x;
          memset(&x, 0, sizeof x);
          x.open = m->at;
          x.open_stop = m->stop;
          x.depth = depth;
          x.mark = m->type;
          if (depth == f) {
            x.close = i;
            x.close_stop = i + ml;
            x.closed = 1;
          } else {
            x.close = x.close_stop = i;
            x.closed = 0;
          }
          x.start = m->stop;
          x.stop = x.close;
          trim(text, &x.start, &x.stop);
          if (push(&q, &x)) goto nomem;
        }
      }
    }
    if (k == 0) {
      /* skip a whole UTF-8 sequence (or one bad byte) */
      uint32_t c = 0;
      size_t l = akh_utf8_decode((const unsigned char *)text + i, len - i, &c);
      i += l ? l : 1;
    } else {
      i += ml;
    }
  }
  if (q.n > 1) qsort(q.v, q.n, sizeof *q.v, cmp_open);
  *out = q.v;
  *n = q.n;
  return AKH_OK;
nomem:
  free(q.v);
  return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
}
