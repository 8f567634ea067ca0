/* fuzz_tokens.c — libFuzzer target for the tokenizer and the stemmer.
 *
 * Invariants checked on every input:
 *  - tokens are non-empty, increasing, non-overlapping, inside the input and
 *    start and stop on code point boundaries;
 *  - on valid UTF-8 the cursor never fails, and everything between tokens is
 *    white space, a control or a format character (ICU's view);
 *  - on invalid UTF-8 the cursor fails with AKH_EUTF8 at exactly the offset
 *    akh_utf8_check reports, after tokens that all end before it;
 *  - akh_stem returns a span inside its input, in both modes, for the raw
 *    token, the SEARCH-normalised token and the whole input.
 * At start-up the table path for U+0600-06FF is checked against ICU.
 *
 *   make -C fuzz fuzz_tokens && fuzz/fuzz_tokens -max_total_time=120 fuzz/corpus-tokens
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "akhbar.h"
#include "utf8.h"

#define CHECK(c)                                                        \
  do {                                                                  \
    if (!(c)) {                                                         \
      fprintf(stderr, "fuzz_tokens: %s:%d: %s\n", __FILE__, __LINE__, #c); \
      abort();                                                          \
    }                                                                   \
  } while (0)

static int is_boundary(const unsigned char *s, size_t n, size_t i) {
  return i == n || (s[i] & 0xC0) != 0x80;
}

static void check_stem(const char *w, size_t n) {
  for (int m = 0; m < 2; m++) {
    size_t a = 99, l = 99;
    akh_stem(w, n, (akh_stem_mode)m, &a, &l);
    CHECK(a <= n && l <= n - a);
    CHECK(a == 0 || is_boundary((const unsigned char *)w, n, a));
  }
}

/* Expected kind of a lone code point of the Arabic block, from ICU. */
static int expected_kind(UChar32 c) {
  int t = u_charType(c);
  if (c == 0x061C) return 0; /* ALM: skipped */
  switch (t) {
    case U_OTHER_LETTER: case U_MODIFIER_LETTER:
      return AKH_TOK_ARABIC;
    case U_DECIMAL_DIGIT_NUMBER:
      return AKH_TOK_NUMBER;
    default: /* marks alone, punctuation, symbols, visible Cf number signs */
      return AKH_TOK_PUNCT;
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  for (UChar32 c = 0x600; c <= 0x6FF; c++) {
    char buf[8];
    size_t n = akh_utf8_encode((uint32_t)c, buf);
    akh_tokenizer t;
    akh_token tok;
    akh_tokenizer_init(&t, buf, n);
    int r = akh_tokenizer_next(&t, &tok, NULL);
    int want = expected_kind(c);
    if (c == 0x0640) want = AKH_TOK_PUNCT; /* a lone tatweel is decoration */
    int got = r == 1 ? (int)tok.kind : 0;
    if (got != want) {
      fprintf(stderr, "fuzz_tokens: U+%04X: tokenizer says %d, ICU %d\n", (unsigned)c, got, want);
      abort();
    }
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  size_t bad = 0;
  int valid = akh_utf8_check(s, size, &bad) == AKH_OK;
  akh_tokenizer t;
  akh_token tok;
  akh_error err;
  akh_buf norm = {0};
  size_t prev = 0;
  int r;

  akh_tokenizer_init(&t, s, size);
  while ((r = akh_tokenizer_next(&t, &tok, &err)) == 1) {
    CHECK(tok.start >= prev && tok.start < tok.stop && tok.stop <= size);
    /* (a token may end right at the first bad byte, a stray continuation) */
    CHECK(is_boundary(data, size, tok.start));
    CHECK(is_boundary(data, size, tok.stop) || (!valid && tok.stop == bad));
    CHECK(tok.kind >= AKH_TOK_ARABIC && tok.kind <= AKH_TOK_MENTION);
    CHECK(strcmp(akh_token_kind_name(tok.kind), "?") != 0);
    if (!valid) CHECK(tok.stop <= bad);
    if (valid) { /* the gap holds only white space, controls and format characters */
      size_t i = prev;
      while (i < tok.start) {
        uint32_t cp;
        size_t l = akh_utf8_decode(data + i, tok.start - i, &cp);
        CHECK(l > 0);
        int ty = u_charType((UChar32)cp);
        CHECK(u_isUWhiteSpace((UChar32)cp) || ty == U_CONTROL_CHAR || ty == U_FORMAT_CHAR ||
              ty == U_SPACE_SEPARATOR);
        i += l;
      }
    }
    check_stem(s + tok.start, tok.stop - tok.start);
    norm.len = 0;
    if (akh_normalize(s + tok.start, tok.stop - tok.start, AKH_PROFILE_SEARCH, &norm, NULL, NULL) == AKH_OK)
      check_stem(norm.data ? norm.data : "", norm.len);
    prev = tok.stop;
  }
  if (valid) {
    CHECK(r == 0);
  } else {
    CHECK(r == -AKH_EUTF8 && err.code == AKH_EUTF8 && err.offset == bad);
    /* and again on the next call */
    CHECK(akh_tokenizer_next(&t, &tok, NULL) == -AKH_EUTF8);
  }
  check_stem(s, size);
  akh_buf_free(&norm);
  return 0;
}
