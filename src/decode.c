/* decode.c — placeholder until the ICU decoder lands. */
#include "akhbar.h"

int akh_decode(const char *in, size_t len, const char *charset, akh_buf *out, akh_error *err) {
  (void)in; (void)len; (void)out;
  return akh_fail(err, AKH_EARG, 0, "decoding from %s is not implemented yet", charset);
}
