/* fuzz_lines.c — libFuzzer target for the line reader (src/lines.c), the
 * first C code every imported file goes through (plain or gzip JSON Lines,
 * CSV, text).
 *
 * The first byte picks how the rest of the input reaches the reader, as a
 * real file in $TMPDIR:
 *   0  written as it is: a plain file (gzopen reads it transparently);
 *   1  gzip-compressed by zlib first: a .gz file;
 *   2  gzip-compressed, then cut after a number of bytes picked by the
 *      second byte: a truncated download;
 *   3  written as it is after the gzip magic: a corrupt .gz file.
 * Checked: in modes 0 and 1 the lines (with the "\n" or "\r\n" each one
 * ended with) give back the input byte for byte, and the progress counter
 * ends at the input's size; in modes 2 and 3 every call returns a line,
 * the end, or a read error with a message, never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "akhbar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void write_file(const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (n && fwrite(p, 1, n, f) != n) abort();
  if (fclose(f) != 0) abort();
}

static z_stream s; /* made once: a deflate state is 256 KB to set up */
static int s_ready;

static void write_gz(const void *p, size_t n, long cut) {
  uLong cap = compressBound((uLong)n) + 64;
  unsigned char *z = malloc(cap);
  if (!z) abort();
  /* A gzip stream (not zlib's): deflateInit2 with windowBits 15 + 16. */
  if (!s_ready) {
    if (deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) abort();
    s_ready = 1;
  } else if (deflateReset(&s) != Z_OK) {
    abort();
  }
  s.next_in = (Bytef *)(uintptr_t)p;
  s.avail_in = (uInt)n;
  s.next_out = z;
  s.avail_out = (uInt)cap;
  if (deflate(&s, Z_FINISH) != Z_STREAM_END) abort();
  size_t zn = s.total_out;
  if (cut >= 0 && (size_t)cut < zn) zn = (size_t)cut;
  write_file(z, zn);
  free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1 || size > (1u << 20)) return 0;
  if (!path[0]) {
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/fuzz_lines_%d", dir && strlen(dir) < 32 ? dir : "/tmp", (int)getpid());
  }
  unsigned mode = data[0] & 3;
  const uint8_t *in = data + 1;
  size_t n = size - 1;
  /* a "plain" file that starts with the gzip magic is read as gzip */
  int magic = n >= 2 && in[0] == 0x1f && in[1] == 0x8b;
  switch (mode) {
    case 0: write_file(in, n); break; /* (mode 3 below when it has the magic) */
    case 1: write_gz(in, n, -1); break;
    case 2: write_gz(in, n, n ? (long)(in[0] * 4) : 0); break;
    default: {
      unsigned char *b = malloc(n + 2);
      if (!b) abort();
      b[0] = 0x1f;
      b[1] = 0x8b;
      memcpy(b + 2, in, n);
      write_file(b, n + 2);
      free(b);
    }
  }
  akh_error err;
  akh_lines *r = akh_lines_open(path, &err);
  if (!r) abort(); /* the file is there and readable */
  const char *line;
  size_t len, pos = 0;
  int rc;
  if (mode == 0 && magic) mode = 3;
  while ((rc = akh_lines_next(r, &line, &len, &err)) == 1) {
    if (mode > 1) continue;
    /* the line is the input from pos, then "\r"? and "\n" (or the end) */
    if (len > n - pos || memcmp(in + pos, line, len) != 0) abort();
    pos += len;
    if (pos < n && in[pos] == '\r' && (pos + 1 == n || in[pos + 1] == '\n')) pos++;
    if (pos < n) {
      if (in[pos] != '\n') abort();
      pos++;
    }
  }
  if (rc < 0) {
    if (mode <= 1 || err.message[0] == 0) abort();
  } else if (rc != 0) {
    abort();
  } else if (mode <= 1) {
    uint64_t bytes;
    if (pos != n) abort();
    akh_lines_progress(r, &bytes, NULL, NULL);
    if (bytes != n) abort();
  }
  /* after the end (or an error) the reader stays finished */
  if (rc == 0 && akh_lines_next(r, &line, &len, &err) != 0) abort();
  akh_lines_close(r);
  unlink(path);
  return 0;
}
