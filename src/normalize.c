/* normalize.c — placeholder until the real normaliser lands: identity copy. */
#include <stdlib.h>
#include "akhbar.h"

int akh_normalize(const char *in, size_t len, unsigned ops, akh_buf *out, uint32_t **map, akh_error *err) {
  size_t bad;
  (void)ops;
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "input of %zu bytes is too large", len);
  if (akh_utf8_check(in, len, &bad)) return akh_fail(err, AKH_EUTF8, bad, "invalid UTF-8 at byte %zu", bad);
  size_t old = out->len;
  if (akh_buf_append(out, in, len)) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  if (map) {
    *map = malloc((len ? len : 1) * sizeof **map);
    if (!*map) { out->len = old; return akh_fail(err, AKH_ENOMEM, 0, "out of memory"); }
    for (size_t i = 0; i < len; i++) (*map)[i] = (uint32_t)i;
  }
  return AKH_OK;
}

void akh_map_span(const char *in, size_t len, const uint32_t *map, size_t i, size_t j, size_t *start, size_t *stop) {
  (void)in; (void)len;
  *start = map[i];
  *stop = map[j - 1] + 1;
}
