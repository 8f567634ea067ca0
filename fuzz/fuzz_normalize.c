/* fuzz_normalize.c — libFuzzer target for akh_normalize and akh_map_span.
 *
 * The first byte chooses the ops among 32 sets (none, each op alone, the
 * two profiles, the search profile without each op: few enough that every
 * table stays cached, so the fuzzer runs fast), the second byte's top bit
 * adds AKH_N_REPLACE; the rest is the text.  Invariants checked on every input:
 *  - on invalid UTF-8 without REPLACE: AKH_EUTF8 at the offset
 *    akh_utf8_check reports, and out is left as it was;
 *  - otherwise AKH_OK, the output is valid UTF-8, appended after what out
 *    already held, and identical with and without a map;
 *  - the map has one entry per output byte (ASan checks the reads), each
 *    < input length, at a code point boundary of the input (a valid
 *    sequence's first byte, or an invalid byte under REPLACE), never
 *    decreasing, and the same for every byte of one output code point;
 *  - akh_map_span gives start < stop <= length for every output code point;
 *  - the search profile is idempotent on its own output.
 *
 *   make -C fuzz fuzz_normalize && fuzz/fuzz_normalize -max_total_time=120 fuzz/corpus-normalize
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "utf8.h"

#define CHECK(c)                                                              \
  do {                                                                        \
    if (!(c)) {                                                               \
      fprintf(stderr, "fuzz_normalize: check failed: %s (line %d)\n", #c, __LINE__); \
      abort();                                                                \
    }                                                                         \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  unsigned pick = data[0] & 31, ops;
  if (pick < 13) ops = 1u << pick;
  else if (pick < 26) ops = AKH_PROFILE_SEARCH & ~(1u << (pick - 13));
  else if (pick == 26) ops = AKH_PROFILE_DISPLAY;
  else if (pick == 27) ops = 0;
  else ops = AKH_PROFILE_SEARCH;
  if (data[1] & 0x80) ops |= AKH_N_REPLACE;
  const char *in = (const char *)data + 2;
  size_t len = size - 2;

  /* boundaries as the normaliser must see them */
  unsigned char *boundary = calloc(len + 1, 1);
  CHECK(boundary);
  size_t bad = 0;
  int valid = akh_utf8_check(in, len, &bad) == AKH_OK;
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = akh_utf8_decode((const unsigned char *)in + i, len - i, &cp);
    boundary[i] = 1;
    i += n ? n : 1;
  }

  akh_buf out = {0}, plain = {0};
  CHECK(akh_buf_append(&out, "prefix", 6) == AKH_OK);
  uint32_t *map = NULL;
  akh_error err;
  int rc = akh_normalize(in, len, ops, &out, &map, &err);
  if (!valid && !(ops & AKH_N_REPLACE)) {
    CHECK(rc == AKH_EUTF8);
    CHECK(err.offset == bad);
    CHECK(out.len == 6 && memcmp(out.data, "prefix", 6) == 0);
    CHECK(map == NULL);
    goto done;
  }
  CHECK(rc == AKH_OK);
  CHECK(memcmp(out.data, "prefix", 6) == 0);
  const char *o = out.data + 6;
  size_t olen = out.len - 6;
  CHECK(akh_utf8_check(o, olen, NULL) == AKH_OK);
  CHECK(map != NULL);

  for (size_t i = 0; i < olen;) {
    uint32_t cp;
    size_t n = akh_utf8_decode((const unsigned char *)o + i, olen - i, &cp);
    CHECK(n > 0);
    for (size_t b = 0; b < n; b++) {
      CHECK(map[i + b] < len);
      CHECK(boundary[map[i + b]]);
      CHECK(map[i + b] == map[i]);
    }
    if (i) CHECK(map[i] >= map[i - 1]);
    size_t start, stop;
    akh_map_span(in, len, map, i, i + n, &start, &stop);
    CHECK(start == map[i] && start < stop && stop <= len);
    i += n;
  }
  if (olen) {
    size_t start, stop;
    akh_map_span(in, len, map, 0, olen, &start, &stop);
    CHECK(start < stop && stop <= len);
  }

  rc = akh_normalize(in, len, ops, &plain, NULL, &err);
  CHECK(rc == AKH_OK);
  CHECK(plain.len == olen && memcmp(plain.data, o, olen) == 0);

  if ((ops & AKH_PROFILE_SEARCH) == AKH_PROFILE_SEARCH) {
    akh_buf again = {0};
    CHECK(akh_normalize(o, olen, ops, &again, NULL, &err) == AKH_OK);
    if (again.len != olen || memcmp(again.data, o, olen) != 0) {
      fprintf(stderr, "not idempotent:");
      for (size_t i = 0; i < olen; i++) fprintf(stderr, " %02x", (unsigned char)o[i]);
      fprintf(stderr, "\n       again:");
      for (size_t i = 0; i < again.len; i++) fprintf(stderr, " %02x", (unsigned char)again.data[i]);
      fprintf(stderr, "\n");
      abort();
    }
    akh_buf_free(&again);
  }

done:
  free(map);
  free(boundary);
  akh_buf_free(&out);
  akh_buf_free(&plain);
  return 0;
}
