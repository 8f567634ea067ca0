/* fuzz_decode.c — libFuzzer target for akh_decode.
 *
 * The first byte picks a charset (including one ICU does not know), the
 * rest is the input.  Invariants: a known charset gives AKH_OK and valid
 * UTF-8 appended after what out held; the unknown one gives AKH_EARG and
 * leaves out as it was; single-byte charsets give one code point per
 * input byte (U+FFFD for holes).
 *
 *   make -C fuzz fuzz_decode && fuzz/fuzz_decode -max_total_time=120 fuzz/corpus-decode
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "utf8.h"

#define CHECK(c)                                                              \
  do {                                                                        \
    if (!(c)) {                                                               \
      fprintf(stderr, "fuzz_decode: check failed: %s (line %d)\n", #c, __LINE__); \
      abort();                                                                \
    }                                                                         \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
  const char *name;
  int single_byte;
} charsets[] = {
    {"windows-1256", 1}, {"ISO-8859-6", 1}, {"IBM864", 0},   {"DOS-720", 0},
    {"UTF-8", 0},        {"UTF-16LE", 0},   {"UTF-16BE", 0}, {"GB18030", 0},
    {"Shift_JIS", 0},    {"no-such-charset-akhbar", 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  size_t k = data[0] % (sizeof charsets / sizeof charsets[0]);
  const char *in = (const char *)data + 1;
  size_t len = size - 1;
  akh_buf out = {0};
  CHECK(akh_buf_append(&out, "x", 1) == AKH_OK);
  akh_error err;
  int rc = akh_decode(in, len, charsets[k].name, &out, &err);
  if (strcmp(charsets[k].name, "no-such-charset-akhbar") == 0) {
    CHECK(rc == AKH_EARG);
    CHECK(out.len == 1);
  } else {
    CHECK(rc == AKH_OK);
    CHECK(out.data[0] == 'x');
    CHECK(akh_utf8_check(out.data + 1, out.len - 1, NULL) == AKH_OK);
    if (charsets[k].single_byte) {
      size_t cps = 0;
      for (size_t i = 1; i < out.len;) {
        uint32_t cp;
        size_t n = akh_utf8_decode((const unsigned char *)out.data + i, out.len - i, &cp);
        CHECK(n > 0);
        i += n;
        cps++;
      }
      CHECK(cps == len);
    }
  }
  akh_buf_free(&out);
  return 0;
}
