/* akh_fts5.h — the store's C API: the SQLite FTS5 tokenizer "akhbar", the
 * SQL functions, the content hash and a streaming line reader.  Included
 * by akhbar.h.  Implemented in src/fts5.c, src/fts5_sql.c and src/lines.c.
 *
 * These functions take a `struct sqlite3 *` so this header does not need
 * sqlite3.h; include it yourself to open connections. */
#ifndef AKH_FTS5_H
#define AKH_FTS5_H

#ifdef __cplusplus
extern "C" {
#endif

struct sqlite3;

/* Register the FTS5 tokenizer "akhbar" on db.  Every token of the ORIGINAL
 * text (akh_tokenizer_next) except punctuation is normalised with
 * AKH_PROFILE_SEARCH; Arabic words are light-stemmed (akh_stem,
 * AKH_STEM_LIGHT); tokens are reported with their ORIGINAL byte offsets,
 * so highlight() and snippet() mark the words as written.  Options:
 *   tokenize = "akhbar"          stemmed (default)
 *   tokenize = "akhbar nostem"   normalised, not stemmed (exact search)
 *   tokenize = "akhbar clitics"  proclitics removed only
 * Query terms go through the same chain; a prefix query term (سوري followed by *) has
 * its proclitics removed but no suffix (in nostem mode: nothing), since a
 * suffix rule on a truncated word would cut into the stem.  Invalid UTF-8
 * bytes are skipped.
 * Also registers the FTS5 auxiliary function
 *   akhbar_snippet(tbl, col, open, close, ellipsis, ntokens)
 * with the arguments and the choice of window of snippet(), in time linear
 * in the matches (snippet() is quadratic: seconds per hit on a long text
 * full of a common word).  Returns AKH_OK, or AKH_EARG when FTS5 is
 * missing. */
AKH_API int akh_fts5_register(struct sqlite3 *db, akh_error *err);

/* Register the SQL functions on db (deterministic, UTF-8):
 *   akhbar_normalize(text [, profile])  profile 'search' (default),
 *                                       'display' or 'none'
 *   akhbar_stem(text [, mode])          the terms the index sees: every
 *                                       word normalised (search) and
 *                                       stemmed, mode 'light' (default),
 *                                       'clitics' or 'none', joined by ' '
 *   akhbar_hash(text)                   akh_content_hash as 32 hex digits
 * Returns an SQLite result code (SQLITE_OK = 0). */
AKH_API int akh_sql_register(struct sqlite3 *db);

/* Content hash of a document: the sequence of its words (punctuation and
 * spacing ignored) after AKH_PROFILE_SEARCH normalisation, hashed to 128
 * bits and written as 32 lower-case hex digits + NUL into hex[33].  Two
 * copies of an article that differ only in spacing, diacritics, tatweel,
 * letter variants or punctuation get the same hash.  AKH_EUTF8 on invalid
 * UTF-8 (err->offset), AKH_ENOMEM. */
AKH_API int akh_content_hash(const char *text, size_t len, char hex[33], akh_error *err);

/* ---------------------------------------------------------------- lines */

/* A streaming line reader over a plain or gzip-compressed file (zlib reads
 * both).  Lines of any length come back whole, without "\n" (or "\r\n"). */
typedef struct akh_lines akh_lines;

/* NULL on failure with err filled (AKH_EIO naming the path, AKH_ENOMEM). */
AKH_API akh_lines *akh_lines_open(const char *path, akh_error *err);
/* 1 and *line, *len (valid until the next call) filled; 0 at end of file;
 * -AKH_EIO (corrupt gzip, read error) or -AKH_ENOMEM. */
AKH_API int akh_lines_next(akh_lines *r, const char **line, size_t *len, akh_error *err);
/* Uncompressed bytes delivered so far; position in the file (compressed
 * bytes for gzip) and its size, for progress and ETA. */
AKH_API void akh_lines_progress(const akh_lines *r, uint64_t *bytes, uint64_t *pos, uint64_t *size);
AKH_API void akh_lines_close(akh_lines *r); /* NULL is fine */

#ifdef __cplusplus
}
#endif

#endif
