/* stem.c — placeholder until the real stemmer lands: identity. */
#include "akhbar.h"

void akh_stem(const char *word, size_t len, akh_stem_mode mode, size_t *start, size_t *stemlen) {
  (void)word; (void)mode;
  *start = 0;
  *stemlen = len;
}
