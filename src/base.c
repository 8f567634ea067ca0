/* base.c — status codes, error reporting, growable buffer, UTF-8 check. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"
#include "utf8.h"

const char *akh_strerror(int code) {
  switch (code) {
    case AKH_OK: return "ok";
    case AKH_EUTF8: return "invalid UTF-8";
    case AKH_ENOMEM: return "out of memory";
    case AKH_ETOOBIG: return "input too large";
    case AKH_EICU: return "ICU error";
    case AKH_EARG: return "bad argument";
    case AKH_EFORMAT: return "malformed input";
    case AKH_EIO: return "I/O error";
    default: return "unknown error";
  }
}

int akh_fail(akh_error *err, int code, size_t offset, const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->code = code;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return code;
}

int akh_buf_reserve(akh_buf *b, size_t extra) {
  if (extra <= b->cap - b->len) return AKH_OK;
  if (extra > SIZE_MAX / 2 - b->len) return AKH_ENOMEM;
  size_t need = b->len + extra;
  size_t cap = b->cap ? b->cap : 64;
  while (cap < need) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) return AKH_ENOMEM;
  b->data = p;
  b->cap = cap;
  return AKH_OK;
}

int akh_buf_append(akh_buf *b, const void *p, size_t n) {
  if (n == 0) return AKH_OK;
  if (akh_buf_reserve(b, n) != AKH_OK) return AKH_ENOMEM;
  memcpy(b->data + b->len, p, n);
  b->len += n;
  return AKH_OK;
}

void akh_buf_free(akh_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

int akh_utf8_check(const char *s, size_t len, size_t *bad) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < len) {
    if (u[i] < 0x80) { i++; continue; }
    uint32_t cp;
    size_t n = akh_utf8_decode(u + i, len - i, &cp);
    if (n == 0) {
      if (bad) *bad = i;
      return AKH_EUTF8;
    }
    i += n;
  }
  return AKH_OK;
}
