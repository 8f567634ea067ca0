/*
 * akhbar.h — the public C API of akhbar, an Arabic news text core.
 *
 * This header is plain C: it never includes lua.h, so the core can be
 * embedded, fuzzed and benchmarked without Lua.  Link with libakhbar.a
 * (and ICU uc/i18n, SQLite3, zlib).
 *
 * Conventions (SQLite's):
 *  - every function that can fail returns an int status: AKH_OK (0) or one
 *    of the AKH_E* codes below; details go to an optional akh_error *;
 *  - nothing aborts; every buffer handed out has one release path
 *    (akh_buf_free);
 *  - byte offsets are size_t into the ORIGINAL input; documents are limited
 *    to AKH_MAX_DOC bytes so offset maps fit in 32 bits.
 */
#ifndef AKHBAR_H
#define AKHBAR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define AKH_API __attribute__((visibility("default")))
#else
#define AKH_API
#endif

#define AKH_VERSION "0.1.0"

/* Largest document any function accepts (offset maps are uint32_t). */
#define AKH_MAX_DOC ((size_t)0xFFFFFFF0u)

/* ---------------------------------------------------------------- status */

enum akh_status {
  AKH_OK = 0,
  AKH_EUTF8,     /* invalid UTF-8 at err->offset */
  AKH_ENOMEM,    /* allocation failed */
  AKH_ETOOBIG,   /* input longer than AKH_MAX_DOC */
  AKH_EICU,      /* an ICU call failed; err->message has ICU's name */
  AKH_EARG,      /* bad argument (unknown charset, unknown option, ...) */
  AKH_EFORMAT,   /* malformed input record (gazetteer line, ...) */
  AKH_EIO        /* file could not be read */
};

typedef struct akh_error {
  int code;          /* an akh_status */
  size_t offset;     /* byte offset of the problem in the input, if any */
  char message[200]; /* human-readable, NUL-terminated */
} akh_error;

/* Static English text for a status code. */
AKH_API const char *akh_strerror(int code);

/* Fill err (if not NULL) and return code.  printf-style message. */
AKH_API int akh_fail(akh_error *err, int code, size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* ---------------------------------------------------------------- buffer */

/* A growable byte buffer.  Zero-initialise, use, then akh_buf_free. */
typedef struct akh_buf {
  char *data;
  size_t len, cap;
} akh_buf;

AKH_API int akh_buf_reserve(akh_buf *b, size_t extra); /* AKH_OK/AKH_ENOMEM */
AKH_API int akh_buf_append(akh_buf *b, const void *p, size_t n);
AKH_API void akh_buf_free(akh_buf *b);

/* ---------------------------------------------------------------- UTF-8 */

/* AKH_OK if s[0..len) is valid UTF-8 (no overlongs, no surrogates,
 * <= U+10FFFF).  Otherwise AKH_EUTF8 and *bad = offset of the first bad
 * byte.  NUL bytes are valid UTF-8 and are accepted. */
AKH_API int akh_utf8_check(const char *s, size_t len, size_t *bad);

/* ---------------------------------------------------------------- normalise */

/* Operations, each switchable.  Profiles are OR-ed sets of these. */
enum akh_norm_op {
  AKH_N_NFKC       = 1u << 0,  /* compatibility forms (FB50-FDFF, FE70-FEFF, ...) to base letters */
  AKH_N_DIACRITICS = 1u << 1,  /* drop harakat U+064B-065F, U+0670, Quranic marks U+06D6-06ED */
  AKH_N_TATWEEL    = 1u << 2,  /* drop U+0640 */
  AKH_N_ALEF       = 1u << 3,  /* أ إ آ ٱ to ا */
  AKH_N_YEH        = 1u << 4,  /* alef maqsura ى to ي */
  AKH_N_TEH        = 1u << 5,  /* teh marbuta ة to ه */
  AKH_N_HAMZA      = 1u << 6,  /* hamza carriers ؤ to و, ئ to ي */
  AKH_N_PERSIAN    = 1u << 7,  /* ک ی ہ ۀ گ ... to Arabic letters */
  AKH_N_DIGITS     = 1u << 8,  /* ٠-٩ and ۰-۹ to 0-9 */
  AKH_N_INVISIBLE  = 1u << 9,  /* drop RLM LRM ZWJ ZWNJ BOM and bidi controls */
  AKH_N_SPACES     = 1u << 10, /* NBSP and other Unicode spaces to ' ' */
  AKH_N_PUNCT      = 1u << 11, /* quote and dash variants to " and - */
  AKH_N_CASEFOLD   = 1u << 12, /* Latin lower-casing */
  AKH_N_REPLACE    = 1u << 30  /* invalid UTF-8 becomes U+FFFD instead of an error */
};

/* The aggressive fold used for indexing and matching. */
#define AKH_PROFILE_SEARCH                                                   \
  (AKH_N_NFKC | AKH_N_DIACRITICS | AKH_N_TATWEEL | AKH_N_ALEF | AKH_N_YEH | \
   AKH_N_TEH | AKH_N_HAMZA | AKH_N_PERSIAN | AKH_N_DIGITS |                 \
   AKH_N_INVISIBLE | AKH_N_SPACES | AKH_N_PUNCT | AKH_N_CASEFOLD)
/* Cleaning only: the text still reads as written. */
#define AKH_PROFILE_DISPLAY \
  (AKH_N_NFKC | AKH_N_TATWEEL | AKH_N_INVISIBLE | AKH_N_SPACES)

/* Normalise in[0..len) with the operations in `ops`, APPENDING to out.
 * If map is not NULL, *map receives a malloc'd array (free with free())
 * of one uint32_t per output byte appended: the byte offset in `in` of the
 * code point that produced that output byte.  The source span of output
 * byte i is [map[i], map[i] + length of the UTF-8 sequence at in+map[i]);
 * see akh_map_span.  Every output code point comes from exactly one input
 * code point.  Returns AKH_OK, AKH_EUTF8 (err->offset = bad byte),
 * AKH_ETOOBIG or AKH_ENOMEM; on error out->len is restored. */
AKH_API int akh_normalize(const char *in, size_t len, unsigned ops,
                          akh_buf *out, uint32_t **map, akh_error *err);

/* Original span [*start, *stop) of output bytes [i, j) (j > i) given the
 * map returned by akh_normalize over `in`. */
AKH_API void akh_map_span(const char *in, size_t len, const uint32_t *map,
                          size_t i, size_t j, size_t *start, size_t *stop);

/* ---------------------------------------------------------------- tokens */

typedef enum akh_token_kind {
  AKH_TOK_ARABIC = 1, /* Arabic-script word (letters, marks, tatweel, ZWNJ inside) */
  AKH_TOK_LATIN,      /* other alphabetic word (Latin, Cyrillic, ...) */
  AKH_TOK_NUMBER,     /* digits in any script, with inner separators: 2,254  3.5  2015/09/10 */
  AKH_TOK_PUNCT,      /* one punctuation or symbol character */
  AKH_TOK_URL,        /* http(s)://..., www.... */
  AKH_TOK_EMAIL,
  AKH_TOK_HASHTAG,    /* #word */
  AKH_TOK_MENTION     /* @word */
} akh_token_kind;

/* Lower-case name of a kind: "arabic", "latin", "number", "punct", "url",
 * "email", "hashtag", "mention". */
AKH_API const char *akh_token_kind_name(akh_token_kind k);

typedef struct akh_token {
  size_t start, stop; /* byte span in the original text */
  akh_token_kind kind;
} akh_token;

/* A streaming cursor over the ORIGINAL (unnormalised) text.  Spaces are
 * skipped; everything else becomes a token. */
typedef struct akh_tokenizer {
  const char *text;
  size_t len, pos;
} akh_tokenizer;

AKH_API void akh_tokenizer_init(akh_tokenizer *t, const char *text, size_t len);
/* 1 and *tok filled; 0 at end; negative status (-AKH_EUTF8) on error. */
AKH_API int akh_tokenizer_next(akh_tokenizer *t, akh_token *tok, akh_error *err);

/* ---------------------------------------------------------------- stem */

typedef enum akh_stem_mode {
  AKH_STEM_LIGHT = 0,  /* proclitics and suffixes, for search */
  AKH_STEM_CLITICS = 1 /* proclitics only (و ف ب ل ك ال ...), for names */
} akh_stem_mode;

/* Light stemming by affix removal of a SEARCH-normalised word: the stem is
 * always a substring, returned as word[*start .. *start + *stemlen). */
AKH_API void akh_stem(const char *word, size_t len, akh_stem_mode mode,
                      size_t *start, size_t *stemlen);

/* ---------------------------------------------------------------- decode */

/* Convert `len` bytes in `charset` (any ICU converter name: "windows-1256",
 * "ISO-8859-6", "UTF-16LE", ...) to UTF-8, appending to out.  Unknown
 * charset: AKH_EARG.  Bytes with no mapping become U+FFFD. */
AKH_API int akh_decode(const char *in, size_t len, const char *charset,
                       akh_buf *out, akh_error *err);

#ifdef __cplusplus
}
#endif

/* The parts below each have their own header. */
#include "akh_fts5.h"        /* SQLite FTS5 tokenizer and SQL functions */
#include "akh_gazetteer.h"   /* entity gazetteer and automaton */
#include "akh_news.h"        /* dates, structure, quotes */
#include "akh_fingerprint.h" /* SimHash / MinHash */

#endif
