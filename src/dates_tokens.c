/* dates_tokens.c — the tokenizer of the date scanner: words with a folded
 * key (alef forms, ى, ة folded, marks dropped), numbers in three digit
 * systems and punctuation; the word before a position (cue words are
 * looked up backwards); and the first-letter filter that lets the scanner
 * skip words that cannot start a date without reading them. */
#include <string.h>

#include "dates_tokens.h"
#include "utf8.h"

/* Read the token at or after *pos; advance *pos past it. */
void akh_dtok_read(const char *text, size_t len, size_t *pos, tok *t) {
  const unsigned char *s = (const unsigned char *)text;
  size_t p = *pos;
  uint32_t c = 0;
  size_t n = 0;
  memset(t, 0, offsetof(tok, key));
  for (;;) {
    if (p >= len) { t->kind = T_END; t->start = t->stop = len; *pos = len; return; }
    n = akh_utf8_decode(s + p, len - p, &c);
    if (n == 0) { p++; continue; } /* invalid byte: skip */
    if (!is_space(c)) break;
    p += n;
  }
  t->start = p;
  if (digit_value(c) >= 0) {
    t->kind = T_NUM;
    while (p < len) {
      n = akh_utf8_decode(s + p, len - p, &c);
      int v = n ? digit_value(c) : -1;
      if (v < 0) break;
      if (t->num < 100000000L) t->num = t->num * 10 + v;
      t->ndig++;
      p += n;
    }
  } else if (is_letter(c) || is_mark(c)) {
    t->kind = T_WORD;
    while (p < len) {
      n = akh_utf8_decode(s + p, len - p, &c);
      if (n == 0 || !(is_letter(c) || is_mark(c))) break;
      p += n;
      if (is_mark(c)) continue;
      if (t->keylen > KEYMAX) continue;
      char buf[4];
      size_t k = akh_utf8_encode(fold(c), buf);
      if (t->keylen + k > KEYMAX) { t->keylen = KEYMAX + 1; continue; }
      memcpy(t->key + t->keylen, buf, k);
      t->keylen += k;
    }
  } else {
    t->kind = T_PUNCT;
    t->cp = c;
    p += n;
  }
  t->stop = p;
  *pos = p;
}


/* Like lookup, also with one proclitic و ف ب ل in front (وأمس، بالخميس). */
int akh_dtok_lookup_clitic(const tok *t, const akh_lex_entry *tab, int *clitic) {
  int v = lookup(t, tab);
  *clitic = 0;
  if (v || t->kind != T_WORD || t->keylen <= 2 || t->keylen > KEYMAX) return v;
  const unsigned char *k = (const unsigned char *)t->key;
  /* و ف ب ل are 0xD9 0x88, 0xD9 0x81, 0xD8 0xA8, 0xD9 0x84 */
  if (!((k[0] == 0xD9 && (k[1] == 0x88 || k[1] == 0x81 || k[1] == 0x84)) ||
        (k[0] == 0xD8 && k[1] == 0xA8)))
    return 0;
  /* the key without its first letter, in place (no copy of the token);
   * at least three letters must remain: «باب» is a door, not ب + آب */
  if (t->keylen < 8) return 0;
  for (int i = 0; tab[i].key; i++)
    if (key_is(t->key + 2, t->keylen - 2, tab[i].key)) {
      *clitic = 1;
      return tab[i].value;
    }
  return 0;
}

/* The folded key of the word that ends before byte `at` (skipping spaces
 * and tatweel), into key[KEYMAX]; its length, 0 when there is none (a
 * line break, punctuation or the start of the text comes first). */
size_t akh_dtok_prev_word_from(const char *text, size_t at, char *key, size_t *word_start) {
  const unsigned char *s = (const unsigned char *)text;
  size_t p = at;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t')) p--;
  size_t end = p;
  /* back over UTF-8 letters (Arabic letters are 2 bytes, ASCII letters 1) */
  while (p > 0) {
    size_t q = p - 1;
    while (q > 0 && (s[q] & 0xC0) == 0x80 && p - q < 4) q--;
    uint32_t c;
    size_t n = akh_utf8_decode(s + q, end - q, &c);
    if (n == 0 || q + n != p || !(is_letter(c) || is_mark(c))) break;
    p = q;
  }
  size_t len = 0;
  for (size_t q = p; q < end;) {
    uint32_t c;
    size_t n = akh_utf8_decode(s + q, end - q, &c);
    if (n == 0) return 0;
    q += n;
    if (is_mark(c)) continue;
    char buf[4];
    size_t k = akh_utf8_encode(fold(c), buf);
    if (len + k > KEYMAX) return 0;
    memcpy(key + len, buf, k);
    len += k;
  }
  *word_start = p;
  return len;
}

size_t akh_dtok_prev_word(const char *text, size_t at, char *key) {
  size_t start;
  return akh_dtok_prev_word_from(text, at, key, &start);
}

/* The folded key is in tab, also after a proclitic و ف ب ل. */
int akh_dtok_key_in_clitic(const char *key, size_t n, const akh_lex_entry *tab) {
  const unsigned char *k = (const unsigned char *)key;
  if (key_in(key, n, tab)) return 1;
  /* و ف ب ل are 0xD9 0x88, 0xD9 0x81, 0xD8 0xA8, 0xD9 0x84 */
  return n > 4 && ((k[0] == 0xD9 && (k[1] == 0x88 || k[1] == 0x81 || k[1] == 0x84)) || (k[0] == 0xD8 && k[1] == 0xA8)) &&
         key_in(key + 2, n - 2, tab);
}

/* One of the three words before byte `at` (in the same clause: no
 * punctuation between) is in tab: «كأس العالم 2014». */
int akh_dtok_near_before(const char *text, size_t at, const akh_lex_entry *tab) {
  char key[KEYMAX];
  for (int k = 0; k < 3; k++) {
    size_t start, kn = akh_dtok_prev_word_from(text, at, key, &start);
    if (!kn) return 0;
    if (akh_dtok_key_in_clitic(key, kn, tab)) return 1;
    at = start;
  }
  return 0;
}

/* The index of a letter in akh_date_scanner.starts (folded Arabic
 * letters U+0621..U+065F), -1 for any other character. */
static int letter_index(uint32_t c) {
  c = fold(c);
  return c >= 0x0621 && c <= 0x065F ? (int)(c - 0x0620) : -1;
}

/* The indexes of the first three letters of a folded key (0 past its
 * end); 0 when the key does not start with an Arabic letter. */
static int key_letters(const char *key, int *second, int *third) {
  const unsigned char *k = (const unsigned char *)key;
  size_t n = strlen(key), p = 0;
  int idx[3] = {0, 0, 0};
  for (int i = 0; i < 3 && p < n; i++) {
    uint32_t c;
    size_t l = akh_utf8_decode(k + p, n - p, &c);
    if (!l || letter_index(c) < 0) break;
    idx[i] = letter_index(c);
    p += l;
  }
  *second = idx[1];
  *third = idx[2];
  return idx[0];
}

#define LETTER_ALEF (0x0627 - 0x0620)
#define LETTER_LAM (0x0644 - 0x0620)

static void allow_key(akh_date_scanner *s, const char *key) {
  int b, c, a = key_letters(key, &b, &c);
  if (a <= 0) return;
  s->starts[a] |= (uint64_t)1 << b;
  if (a == LETTER_ALEF && b == LETTER_LAM) s->al_third |= (uint64_t)1 << c;
}

/* A proclitic و ف ب ل before a key (akh_dtok_lookup_clitic): the clitic, then the
 * key's first letter. */
static void allow_clitic(akh_date_scanner *s, const char *key) {
  static const char *const clitics[] = {"و", "ف", "ب", "ل"};
  int b, c, a = key_letters(key, &b, &c);
  if (a <= 0) return;
  for (int i = 0; i < 4; i++) s->starts[key_letters(clitics[i], &b, &c)] |= (uint64_t)1 << a;
}

static void allow_table(akh_date_scanner *s, const akh_lex_entry *tab, int clitic) {
  for (int i = 0; tab[i].key; i++) {
    allow_key(s, tab[i].key);
    if (clitic) allow_clitic(s, tab[i].key);
  }
}

/* Every word may_start accepts has its first letters allowed here: a word
 * that fails this test is skipped unread (a fifth of the scanner's time
 * went to folding and looking up words that can start nothing). */
void akh_dtok_allow_starters(akh_date_scanner *s) {
  memset(s->starts, 0, sizeof s->starts);
  s->al_third = 0;
  allow_table(s, akh_lex_weekdays, 1);
  allow_table(s, akh_lex_months, 1);
  allow_table(s, akh_lex_hijri_months, 0);
  allow_table(s, akh_lex_ordinals, 0);
  allow_table(s, akh_lex_periods, 0);
  allow_table(s, akh_lex_demonstratives, 0);
  allow_table(s, akh_lex_parts, 0);
  for (int i = 0; akh_lex_months2[i].a; i++) allow_key(s, akh_lex_months2[i].a);
  for (int i = 0; akh_lex_hijri_months2[i].a; i++) allow_key(s, akh_lex_hijri_months2[i].a);
  for (int i = 0; akh_lex_starters[i]; i++) allow_key(s, akh_lex_starters[i]);
}

/* The end of the word at or after pos when its first letters cannot start
 * a date, else pos (the token is then read in full). */
size_t akh_dtok_skip_non_starter(const akh_date_scanner *s, size_t pos) {
  const unsigned char *t = (const unsigned char *)s->text;
  size_t p = pos, n = 0;
  uint32_t c = 0;
  while (p < s->len) {
    n = akh_utf8_decode(t + p, s->len - p, &c);
    if (n && !is_space(c)) break;
    p += n ? n : 1;
  }
  if (p >= s->len || !is_letter(c)) return pos;
  /* the first three letters (marks skipped, 0 past the word's end) */
  int idx[3] = {letter_index(c), 0, 0}, k = 1;
  size_t q = p + n;
  while (q < s->len && (n = akh_utf8_decode(t + q, s->len - q, &c)) != 0 && (is_letter(c) || is_mark(c))) {
    q += n;
    if (is_mark(c)) continue;
    if (k == 3) break;
    idx[k++] = letter_index(c);
  }
  int may = idx[0] > 0 && idx[1] >= 0 && (s->starts[idx[0]] >> idx[1] & 1);
  if (may && idx[0] == LETTER_ALEF && idx[1] == LETTER_LAM) may = idx[2] >= 0 && (s->al_third >> idx[2] & 1);
  if (may) return pos;
  /* the rest of the word, as akh_dtok_read would take it */
  while (q < s->len && (n = akh_utf8_decode(t + q, s->len - q, &c)) != 0 && (is_letter(c) || is_mark(c))) q += n;
  return q;
}
