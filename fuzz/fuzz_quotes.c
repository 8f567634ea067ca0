/* fuzz_quotes.c — libFuzzer target for quotation pairing (src/quotes.c).
 * Build like fuzz_dates.c (docs/news.md).  Spans must nest inside the
 * input: open <= start <= stop <= close. */
#include <stdint.h>
#include <stdlib.h>

#include "akhbar.h"

#define CHECK(c) do { if (!(c)) abort(); } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  akh_quote_span *v = NULL;
  size_t n = 0;
  if (akh_quote_spans((const char *)data, size, &v, &n, NULL) != AKH_OK) return 0;
  for (size_t i = 0; i < n; i++) {
    CHECK(v[i].open < v[i].open_stop && v[i].open_stop <= v[i].start);
    CHECK(v[i].start <= v[i].stop && v[i].stop <= v[i].close && v[i].close <= v[i].close_stop);
    CHECK(v[i].close_stop <= size);
    if (i) CHECK(v[i - 1].open <= v[i].open);
  }
  free(v);
  return 0;
}
