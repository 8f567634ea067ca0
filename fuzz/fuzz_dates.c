/* fuzz_dates.c — libFuzzer target for the date scanner (src/dates.c) and
 * the sentence scanner (src/segment.c), which read untrusted article text.
 * Build (see docs/news.md):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_dates.c \
 *     src/dates*.c src/segment.c src/quotes.c src/base.c $(pkg-config --cflags --libs icu-i18n icu-uc)
 * Checks the invariants callers rely on: spans inside the input and
 * increasing, fields in range, dates valid. */
#include <stdint.h>
#include <stdlib.h>

#include "akhbar.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  akh_date_scanner sc;
  akh_date d;
  size_t last = 0;
  akh_dates_init(&sc, s, size);
  while (akh_dates_next(&sc, &d)) {
    CHECK(d.start < d.stop && d.stop <= size && d.start >= last);
    last = d.stop;
    CHECK(d.month >= 0 && d.month <= 12 && d.day >= 0 && d.day <= 31);
    CHECK(d.weekday >= -1 && d.weekday <= 6);
    CHECK(d.month2 >= 0 && d.month2 <= 12 && d.day2 >= 0 && d.day2 <= 31 && d.part >= 0 && d.part <= 3);
    if (d.flags & AKH_DATE_RELATIVE) CHECK(d.relative >= -2 && d.relative <= 2);
    if (d.year && d.month && d.day) CHECK(akh_date_valid(d.year, d.month, d.day));
    if (d.flags & AKH_DATE_TIME) CHECK(d.hour >= 0 && d.hour < 24 && d.minute >= 0 && d.minute < 60);
  }
  akh_sentence_scanner ss;
  size_t a, b;
  last = 0;
  akh_sentences_init(&ss, s, size);
  while (akh_sentences_next(&ss, &a, &b)) {
    CHECK(a >= last && a <= b && b <= size);
    last = b;
  }
  return 0;
}
