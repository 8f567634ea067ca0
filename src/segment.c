/* segment.c — sentences of Arabic news text.  A sentence ends at . ! ? ؟ ؛ …
 * or a line break, never inside a quotation, not at a decimal point (3.5)
 * nor after a one-letter abbreviation (أ.ف.ب).  The Arabic comma ، separates
 * clauses, not sentences.  Quotation marks are classified by quotes.c. */
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
      if (c == '.' && digit(prev) && digit(nx)) stop_here = 0;                       /* 3.5 */
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
