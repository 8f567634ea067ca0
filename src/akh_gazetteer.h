/* akh_gazetteer.h — entity gazetteer and matching automaton.  Included by
 * akhbar.h.  Plain C, no Lua.  Format and rules: docs/gazetteer.md.
 *
 * A gazetteer holds entities (id, type, canonical name, aliases, optional
 * Wikidata id and notes, flags).  Every name is tokenised, SEARCH-normalised
 * and keyed token by token (akh_variant_key), then inserted into one token
 * trie shared by all names; an akh_matcher walks a text through it in one
 * pass, whatever the number of names.
 *
 * Matching rules (the why is in docs/gazetteer.md):
 *  - longest match wins, leftmost first, matches never overlap;
 *  - the FIRST token of a name may carry proclitics in the text
 *    (و ف ب ل ك, their combinations, and the article when the name has it):
 *    ولافروف, بموسكو, لدمشق, والكرملين, للكرملين;
 *  - the article is part of a name: الروسي never matches روسيا, and a name
 *    written with ال (الكرملين) needs ال in the text (or the fused لل);
 *    the gazetteer lists both forms when real text uses both (الناتو, ناتو);
 *  - no suffix is ever removed: nisba and plural forms match only when the
 *    gazetteer lists them;
 *  - tokens of a name are matched within one sentence.
 *
 * A gazetteer may be extended at any time (akh_gazetteer_add); matchers
 * notice and drop their token cache.  Not thread-safe: one matcher per
 * thread, and no akh_gazetteer_add while a matcher runs. */
#ifndef AKH_GAZETTEER_H
#define AKH_GAZETTEER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum akh_entity_type {
  AKH_ENT_PERSON = 1,
  AKH_ENT_ORG,
  AKH_ENT_PLACE,
  AKH_ENT_OTHER
} akh_entity_type;

/* "person", "org", "place", "other" (NULL for anything else). */
AKH_API const char *akh_entity_type_name(int type);
/* The type named s[0..len) (the names above), 0 when unknown. */
AKH_API int akh_entity_type_parse(const char *s, size_t len);

enum akh_entity_flag {
  /* Names of this entity are keyed by search normalisation only, without
   * the transliteration folds of akh_variant_key: for native Arabic names,
   * which over-folding would confuse with ordinary words (الجبير/الكبير). */
  AKH_ENT_NOVARIANT = 1u << 0
};

/* Parse a comma- or space-separated flag list ("novariant").  AKH_OK and
 * *flags set, or AKH_EFORMAT naming the unknown flag. */
AKH_API int akh_entity_flags_parse(const char *s, size_t len, unsigned *flags,
                                   akh_error *err);

/* One entity to add.  Strings are NUL-terminated UTF-8 and copied.
 * `aliases` is a '|'-separated list (NULL or "" for none); wikidata and
 * notes may be NULL. */
typedef struct akh_entity_def {
  const char *id;
  int type; /* akh_entity_type */
  const char *name;
  const char *aliases;
  const char *wikidata;
  const char *notes;
  unsigned flags; /* akh_entity_flag */
} akh_entity_def;

/* A read-only view of a stored entity, valid until the gazetteer is freed. */
typedef struct akh_entity {
  const char *id, *name, *aliases, *wikidata, *notes; /* never NULL ("" when absent) */
  int type;
  unsigned flags;
  size_t nnames; /* names that reached the trie (canonical + aliases) */
} akh_entity;

typedef struct akh_gazetteer akh_gazetteer;

/* Called for each problem that does not stop loading: a malformed line
 * (skipped), a name already owned by another entity (kept by the first).
 * `line` is the 1-based line (TSV) or row number, 0 when not known. */
typedef void (*akh_gaz_problem_fn)(void *ud, size_t line, const char *message);

AKH_API int akh_gazetteer_new(akh_gazetteer **out, akh_error *err);
AKH_API void akh_gazetteer_free(akh_gazetteer *g); /* NULL is fine */

/* Add one entity.  AKH_EFORMAT (empty id or name, unknown type, invalid
 * UTF-8, a name with no word) or AKH_EARG (duplicate id): nothing is added.
 * Name collisions go to `problem` (may be NULL) with line `line`. */
AKH_API int akh_gazetteer_add(akh_gazetteer *g, const akh_entity_def *def,
                              akh_gaz_problem_fn problem, void *ud, size_t line,
                              akh_error *err);

/* Load TSV text (docs/gazetteer.md): a header line naming the columns
 * (id type name aliases wikidata notes flags; the first three required, in
 * any order), then one entity per line; blank lines and lines starting with
 * '#' are skipped.  Every malformed line is reported to `problem` and
 * skipped; the rest load.  AKH_OK unless memory runs out (AKH_ENOMEM) or the
 * header is unusable (AKH_EFORMAT: nothing loaded).  *nloaded (may be NULL)
 * receives the number of entities added. */
AKH_API int akh_gazetteer_load_tsv(akh_gazetteer *g, const char *data, size_t len,
                                   akh_gaz_problem_fn problem, void *ud,
                                   size_t *nloaded, akh_error *err);
/* The same from a file: AKH_EIO when it cannot be read. */
AKH_API int akh_gazetteer_load_file(akh_gazetteer *g, const char *path,
                                    akh_gaz_problem_fn problem, void *ud,
                                    size_t *nloaded, akh_error *err);

/* Number of entities; *nnames (may be NULL) the names in the trie. */
AKH_API size_t akh_gazetteer_count(const akh_gazetteer *g, size_t *nnames);
/* Entity i (0 <= i < count) into *e: AKH_OK or AKH_EARG. */
AKH_API int akh_gazetteer_entity(const akh_gazetteer *g, size_t i, akh_entity *e);
/* Index of the entity with this id, or -1. */
AKH_API long akh_gazetteer_find_id(const akh_gazetteer *g, const char *id, size_t len);

/* The variant key of s[0..len): SEARCH normalisation, then per word
 *   1. orthographic folds (so the key is stable whatever the normaliser):
 *      harakat, tatweel and joiners dropped; أ إ آ ٱ -> ا; ى ی -> ي;
 *      ة -> ه; ؤ -> و; ئ -> ي; ک -> ك; ASCII lower-cased;
 *   2. unless `plain`, transliteration folds for all-Arabic words of 5
 *      letters or more (shorter words are Arabic words too often):
 *      g: غ ج گ چ ڠ -> غ;  v: ڤ -> ف;  p: پ -> ب;  a letter written twice
 *      in a row counts once; و and ي are dropped except as first or last
 *      letter (optional long vowels: دميتري/ديمتري, ميدفيديف/مدفيديف).
 *      ا is kept, ك ق and the emphatics are not folded: on the real corpus
 *      those folds merged common words with names (docs/gazetteer.md).
 *      A folded word is marked with a leading '~' so that it never equals
 *      a short, unfolded word (بادن is not بايدن).
 * Words are joined by one space.  Appends to out; AKH_OK, AKH_EUTF8,
 * AKH_ENOMEM.  ديمتري and دميتري give ~دمتري; سيرغي سيرجي سيرگي give ~سرغي. */
AKH_API int akh_variant_key(const char *s, size_t len, int plain, akh_buf *out,
                            akh_error *err);

/* ---------------------------------------------------------------- matching */

typedef struct akh_entity_match {
  size_t entity;        /* index in the gazetteer (akh_gazetteer_entity) */
  size_t start, stop;   /* span in the ORIGINAL text, proclitics excluded */
  size_t sentence;      /* 0-based; see akh_matcher_run */
  size_t ntokens;       /* tokens covered */
} akh_entity_match;

/* Return nonzero to stop matching (akh_matcher_run then returns AKH_OK). */
typedef int (*akh_match_fn)(void *ud, const akh_entity_match *m);

/* A matcher keeps scratch buffers and a cache of token keys between runs.
 * The gazetteer must outlive it. */
typedef struct akh_matcher akh_matcher;

AKH_API int akh_matcher_new(const akh_gazetteer *g, akh_matcher **out, akh_error *err);
AKH_API void akh_matcher_free(akh_matcher *m); /* NULL is fine */

/* Match text[0..len), calling fn for each match in text order.  Sentences:
 * the index grows by one at each token that follows a sentence-final
 * . ! ? ؟ … or a line break (several in a row count once); numbers such as
 * 3.5 are single tokens and do not end sentences.  AKH_OK, AKH_ETOOBIG,
 * AKH_ENOMEM, or AKH_EUTF8 with err->offset at the bad byte (matches before
 * it have been reported). */
AKH_API int akh_matcher_run(akh_matcher *m, const char *text, size_t len,
                            akh_match_fn fn, void *ud, akh_error *err);

#ifdef __cplusplus
}
#endif

#endif
