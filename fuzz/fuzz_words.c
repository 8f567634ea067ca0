/* fuzz_words.c — libFuzzer target for the news word scanner and the fold
 * (src/segment.c: akh_words_next, akh_news_fold, akh_news_norm_key, akh_distinct_tokens, akh_token_signature,
 * akh_token_common), which read untrusted
 * article text for the quote attribution of news.lua.
 *   make -C fuzz fuzz_words && fuzz/fuzz_words -max_len=4096 fuzz/corpus-text
 * The first two bytes pick the span [from, to) (as sentences are passed);
 * checks: spans inside the text and increasing, the word inside its run,
 * no space inside a run, the fold never longer than its input. */
#include <stdint.h>
#include <stdlib.h>

#include "akhbar.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  const char *s = (const char *)data + 2;
  size_t n = size - 2;
  size_t from = n ? data[0] % (n + 1) : 0, to = from + (size_t)data[1] * 8;
  akh_word_scanner sc;
  size_t rs, re, ws, we, last = from;
  char *key = malloc(n + 1);
  if (!key) return 0;
  akh_words_init(&sc, s, n, from, to);
  while (akh_words_next(&sc, &rs, &re, &ws, &we)) {
    CHECK(rs >= last && rs < re && re <= n && (to < from || re <= to));
    CHECK(rs <= ws && ws <= we && we <= re);
    for (size_t i = rs; i < re; i++) {
      unsigned char c = (unsigned char)s[i];
      CHECK(c != ' ' && (c < 9 || c > 13));
    }
    last = re;
    CHECK(akh_news_fold(s + ws, we - ws, key) <= we - ws);
  }
  CHECK(akh_news_fold(s, n, key) <= n);
  size_t kl = akh_news_norm_key(s, n, key);
  CHECK(kl <= n);
  if (kl) CHECK(key[0] != ' ' && key[kl - 1] != ' ');
  size_t d = akh_distinct_tokens(s, n);
  CHECK(d == (size_t)-1 || d <= n);
  akh_token_rec *ra = NULL, *rb = NULL;
  size_t na = 0, nb = 0, half = n / 2;
  if (akh_token_signature(s, n, &ra, &na) == AKH_OK && akh_token_signature(s, half, &rb, &nb) == AKH_OK) {
    CHECK(d == (size_t)-1 || na == d);
    for (size_t i = 0; i < na; i++) CHECK((size_t)ra[i].off + ra[i].len <= n);
    CHECK(akh_token_common(s, ra, na, s, ra, na) == na);
    size_t common = akh_token_common(s, ra, na, s, rb, nb);
    CHECK(common <= na && common <= nb);
    CHECK(common == akh_token_common(s, rb, nb, s, ra, na));
  }
  free(ra);
  free(rb);
  free(key);
  return 0;
}
