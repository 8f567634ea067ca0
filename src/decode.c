/* decode.c — legacy encodings (windows-1256, ISO-8859-6, ...) to UTF-8
 * through ICU converters.
 *
 * ucnv_convertEx converts straight from the source charset into UTF-8
 * with a small pivot buffer, writing into the output buffer, which grows
 * when ICU reports overflow: memory stays at input + output however large
 * the input is.  Bytes with no mapping (ISO-8859-6 has many holes) become
 * U+FFFD: ICU's default to-Unicode callback substitutes, and we make sure
 * its substitute is U+FFFD rather than the charset's own SUB (U+001A). */
#include <string.h>

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucnv_err.h>

#include "akhbar.h"

/* Replace each unmappable or illegal byte sequence with U+FFFD. */
static void U_CALLCONV to_fffd(const void *ctx, UConverterToUnicodeArgs *args, const char *units,
                                int32_t n, UConverterCallbackReason reason, UErrorCode *st) {
  static const UChar fffd = 0xFFFD;
  (void)ctx;
  (void)units;
  (void)n;
  if (reason > UCNV_IRREGULAR) return; /* reset, close, clone: nothing to do */
  *st = U_ZERO_ERROR;
  ucnv_cbToUWriteUChars(args, &fffd, 1, 0, st);
}

int akh_decode(const char *in, size_t len, const char *charset, akh_buf *out, akh_error *err) {
  if (!charset || !*charset) return akh_fail(err, AKH_EARG, 0, "no charset given");
  if (len > AKH_MAX_DOC) return akh_fail(err, AKH_ETOOBIG, 0, "input of %zu bytes is too large", len);
  if (len && !in) return akh_fail(err, AKH_EARG, 0, "input is NULL");
  UErrorCode st = U_ZERO_ERROR;
  UConverter *src = ucnv_open(charset, &st);
  if (U_FAILURE(st) || st == U_AMBIGUOUS_ALIAS_WARNING) {
    /* An ambiguous alias still opens, but which table it means is a guess. */
    if (src && st == U_AMBIGUOUS_ALIAS_WARNING) st = U_ZERO_ERROR;
    else return akh_fail(err, AKH_EARG, 0, "unknown charset '%s'", charset);
  }
  UConverter *utf8 = ucnv_open("UTF-8", &st);
  if (U_FAILURE(st)) {
    ucnv_close(src);
    return akh_fail(err, AKH_EICU, 0, "ucnv_open(UTF-8): %s", u_errorName(st));
  }
  ucnv_setToUCallBack(src, to_fffd, NULL, NULL, NULL, &st);

  size_t old = out->len;
  int rc = AKH_OK;
  UChar pivot[4096];
  UChar *psrc = pivot, *ptgt = pivot;
  const char *s = in, *send = in + len;
  /* Guess: single-byte Arabic charsets give two UTF-8 bytes per byte. */
  size_t chunk = len < ((size_t)1 << 20) ? 2 * len + 64 : ((size_t)1 << 21);
  UBool reset = 1;
  for (;;) {
    if (akh_buf_reserve(out, chunk) != AKH_OK) { rc = AKH_ENOMEM; break; }
    size_t room = out->cap - out->len;
    if (room > INT32_MAX) room = INT32_MAX;
    char *t = out->data + out->len, *t0 = t;
    st = U_ZERO_ERROR;
    ucnv_convertEx(utf8, src, &t, t + room, &s, send, pivot, &psrc, &ptgt, pivot + 4096, reset, 1, &st);
    reset = 0;
    out->len += (size_t)(t - t0);
    if (st == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(st)) {
      rc = akh_fail(err, AKH_EICU, (size_t)(s - in), "ucnv_convertEx: %s", u_errorName(st));
      break;
    }
    break;
  }
  ucnv_close(utf8);
  ucnv_close(src);
  if (rc != AKH_OK) {
    out->len = old;
    if (rc == AKH_ENOMEM) return akh_fail(err, rc, 0, "out of memory decoding %zu bytes", len);
  }
  return rc;
}
