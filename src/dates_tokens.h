/* dates_tokens.h — internal: the tokenizer of the date scanner
 * (src/dates_tokens.c) shared with its grammar (src/dates.c): tokens with
 * a folded key, the character classes, table lookups, the word before a
 * position, and the first-letter filter.  Not API. */
#ifndef AKH_DATES_TOKENS_H
#define AKH_DATES_TOKENS_H

#include <stddef.h>
#include <stdint.h>

#include "akhbar.h"
#include "dates_lexicon.h"

enum { T_END = 0, T_WORD, T_NUM, T_PUNCT };

#define KEYMAX 40

typedef struct tok {
  size_t start, stop;
  int kind;
  uint32_t cp;       /* T_PUNCT: the character */
  long num;          /* T_NUM: value (capped) */
  int ndig;          /* T_NUM: number of digits */
  size_t keylen;     /* T_WORD: folded key, KEYMAX+1 when too long */
  char key[KEYMAX];
} tok;

/* The tokens read ahead from a possible start of a date. */
#define LOOK 16

typedef struct window {
  tok t[LOOK];
  int n;
} window;

static inline int is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200F) || c == 0x202F || c == 0x205F || c == 0x3000 ||
         c == 0xFEFF || c == 0x061C || (c >= 0x202A && c <= 0x202E);
}

static inline int digit_value(uint32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0x0660 && c <= 0x0669) return (int)(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return (int)(c - 0x06F0);
  return -1;
}

/* Arabic marks that do not change a word's identity. */
static inline int is_mark(uint32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

static inline int is_letter(uint32_t c) {
  if (c >= 0x0621 && c <= 0x064A) return 1;
  if (c >= 0x0671 && c <= 0x06D3) return 1;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return 1;
  return 0;
}

static inline uint32_t fold(uint32_t c) {
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627; /* alef forms */
    case 0x0649: return 0x064A;                                      /* alef maqsura */
    case 0x0629: return 0x0647;                                      /* teh marbuta */
    default: break;
  }
  if (c >= 'A' && c <= 'Z') return c + 32;
  return c;
}

/* keylen == strlen(key) and the same bytes, compared byte by byte so that a
 * mismatch stops at the first letter: strlen of every table key for every
 * token was half of the scanner's time. */
static inline int key_is(const char *k, size_t n, const char *key) {
  size_t i = 0;
  for (; i < n; i++)
    if (key[i] == '\0' || key[i] != k[i]) return 0;
  return key[i] == '\0';
}

static inline int word_is(const tok *t, const char *key) {
  return t->kind == T_WORD && t->keylen <= KEYMAX && key_is(t->key, t->keylen, key);
}

static inline int lookup(const tok *t, const akh_lex_entry *tab) {
  if (t->kind != T_WORD) return 0;
  for (int i = 0; tab[i].key; i++)
    if (word_is(t, tab[i].key)) return tab[i].value;
  return 0;
}

static inline int key_in(const char *key, size_t n, const akh_lex_entry *tab) {
  for (int i = 0; tab[i].key; i++)
    if (key_is(key, n, tab[i].key)) return tab[i].value;
  return 0;
}

/* Read the token at or after *pos; advance *pos past it. */
void akh_dtok_read(const char *text, size_t len, size_t *pos, tok *t);
/* lookup, also with one proclitic و ف ب ل in front (وأمس، بالخميس). */
int akh_dtok_lookup_clitic(const tok *t, const akh_lex_entry *tab, int *clitic);
/* The folded key of the word that ends before byte `at` into key[KEYMAX];
 * its length (0 when a line break, punctuation or the start comes first),
 * and with _from its first byte. */
size_t akh_dtok_prev_word_from(const char *text, size_t at, char *key, size_t *word_start);
size_t akh_dtok_prev_word(const char *text, size_t at, char *key);
/* The folded key is in tab, also after a proclitic و ف ب ل. */
int akh_dtok_key_in_clitic(const char *key, size_t n, const akh_lex_entry *tab);
/* One of the three words before byte `at`, in the same clause, is in tab. */
int akh_dtok_near_before(const char *text, size_t at, const akh_lex_entry *tab);
/* Fill s->starts and s->al_third from the lexicon (akh_dates_init). */
void akh_dtok_allow_starters(akh_date_scanner *s);
/* The end of the word at or after pos when its first letters cannot start
 * a date, else pos. */
size_t akh_dtok_skip_non_starter(const akh_date_scanner *s, size_t pos);

#endif
