/* fuzz_fingerprint.c — libFuzzer target for akh_fingerprint.
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     fuzz/fuzz_fingerprint.c build-x/libakhbar.a $(pkg-config --libs icu-uc icu-i18n) \
 *     -lsqlite3 -lz -lm -o fuzz_fingerprint
 *
 * The first byte picks the parameters (shingle, lead, stopwords,
 * lenient), the rest is the text.  Checked: no crash, no UB; AKH_OK or a
 * documented status; lenient never fails on bad UTF-8; a successful
 * fingerprint is deterministic and similar to itself unless empty; band
 * keys are computable for every band. */
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  akh_fp_params p;
  akh_fp_defaults(&p);
  unsigned ctl = data[0];
  p.shingle = 1 + (ctl & 3);
  p.lead = (ctl & 4) ? 0 : 5 + (ctl >> 5);
  p.stopwords = !(ctl & 8);
  p.lenient = (ctl & 16) != 0;
  const char *text = (const char *)data + 1;
  size_t len = size - 1;

  akh_fp *a = malloc(sizeof *a), *b = malloc(sizeof *b);
  if (!a || !b) { free(a); free(b); return 0; }
  akh_error err;
  int rc = akh_fingerprint(text, len, &p, a, &err);
  if (rc != AKH_OK) {
    if (rc != AKH_EUTF8 || p.lenient) abort();
    if (err.offset >= len) abort();
  } else {
    if (akh_fingerprint(text, len, &p, b, &err) != AKH_OK) abort();
    if (memcmp(a, b, sizeof *a) != 0) abort();
    double s = akh_minhash_similarity(a->minhash, b->minhash, a->perms);
    if (a->shingles > 0 && s != 1.0) abort();
    if (a->kept > a->words) abort();
    for (unsigned i = 0; i < p.bands; i++) (void)akh_fp_band(a, &p, i);
    if (akh_simhash_distance(a->simhash, b->simhash) != 0) abort();
  }
  free(a);
  free(b);
  return 0;
}
