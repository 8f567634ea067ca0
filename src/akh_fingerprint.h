/* akh_fingerprint.h — near-duplicate fingerprints (SimHash, MinHash, LSH
 * band keys).  Included by akhbar.h.  Implementation: src/fingerprint.c;
 * parameters and their rationale: docs/stories.md.
 *
 * A document is tokenised (akh_tokenizer_next over the original text),
 * punctuation, URLs and e-mail addresses are skipped, every remaining
 * token is normalised (AKH_PROFILE_SEARCH) and light-stemmed
 * (AKH_STEM_LIGHT), common function words are optionally dropped, and the
 * sequence is cut into overlapping shingles of `shingle` words.  Each
 * shingle is hashed once to 64 bits (akh_hash64 over the words); that
 * value feeds
 *  - a 64-bit SimHash of the WHOLE text (one vote per shingle occurrence):
 *    near-exact copies have a small Hamming distance;
 *  - a MinHash signature of the LEAD (headline and opening paragraphs, the
 *    first `lead` kept words: what makes a story a story; round-ups and
 *    "related news" tails differ between outlets) of `perms` 32-bit
 *    minima, permutation i being
 *    x -> (a_i * x + b_i) >> 32 with odd a_i: the fraction of equal
 *    positions estimates the Jaccard similarity of the shingle sets;
 *  - LSH band keys: band j hashes minhash[j*rows .. (j+1)*rows); two
 *    documents with Jaccard s share at least one key with probability
 *    1 - (1 - s^rows)^bands.
 * All values are independent of the platform's byte order, so they can be
 * stored and compared across machines.
 */
#ifndef AKH_FINGERPRINT_H
#define AKH_FINGERPRINT_H

#ifdef __cplusplus
extern "C" {
#endif

#define AKH_FP_MAXPERM 256u  /* largest MinHash signature */
#define AKH_FP_MAXSHINGLE 8u /* longest shingle in words */

typedef struct akh_fp_params {
  unsigned shingle;   /* words per shingle, 1..AKH_FP_MAXSHINGLE (default 2) */
  unsigned perms;     /* MinHash size, 1..AKH_FP_MAXPERM (default 128) */
  unsigned bands;     /* LSH bands (default 64) */
  unsigned rows;      /* rows per band; bands * rows <= perms (default 2) */
  unsigned lead;      /* MinHash only the first `lead` kept words; 0: all (default 80) */
  int stopwords;      /* non-zero: drop the built-in function words (default 1) */
  int lenient;        /* non-zero: skip invalid UTF-8 bytes instead of failing (default 0) */
  uint64_t seed;      /* hash seed; fingerprints compare only under one seed */
} akh_fp_params;

typedef struct akh_fp {
  uint64_t simhash;   /* 64-bit SimHash of the shingles */
  uint64_t content;   /* hash of the whole normalised, stemmed word sequence */
  size_t words;       /* words seen (after punctuation, before stopwords) */
  size_t kept;        /* words kept after stopwords */
  size_t shingles;    /* shingles hashed (with repetitions); 0: empty text */
  unsigned perms;     /* entries used in minhash[] */
  uint32_t minhash[AKH_FP_MAXPERM]; /* UINT32_MAX everywhere when shingles == 0 */
} akh_fp;

/* Fill *p with the documented defaults. */
AKH_API void akh_fp_defaults(akh_fp_params *p);

/* AKH_OK if *p is usable; AKH_EARG (with a message naming the field)
 * otherwise. */
AKH_API int akh_fp_check(const akh_fp_params *p, akh_error *err);

/* Fingerprint text[0..len) into *fp with parameters *p (NULL: defaults).
 * Returns AKH_OK, AKH_EARG, AKH_EUTF8 (err->offset = bad byte; never when
 * p->lenient), AKH_ETOOBIG or AKH_ENOMEM. */
AKH_API int akh_fingerprint(const char *text, size_t len, const akh_fp_params *p,
                            akh_fp *fp, akh_error *err);

/* LSH key of band `band` (0 <= band < p->bands) of fp.  Keys of different
 * bands never collide on purpose (the band number is hashed in), so all
 * keys of a corpus can live in one index. */
AKH_API uint64_t akh_fp_band(const akh_fp *fp, const akh_fp_params *p, unsigned band);

/* Hamming distance of two SimHashes, 0..64. */
AKH_API unsigned akh_simhash_distance(uint64_t a, uint64_t b);

/* Estimated Jaccard similarity: the fraction of the n positions where the
 * two signatures agree (0 if n == 0).  Empty-text signatures (all
 * UINT32_MAX) are similar to nothing: positions equal to UINT32_MAX never
 * count. */
AKH_API double akh_minhash_similarity(const uint32_t *a, const uint32_t *b, size_t n);

/* The 64-bit hash used throughout (a wyhash-style 128-bit multiply-fold
 * mix, written for akhbar; not cryptographic).  Byte-order independent. */
AKH_API uint64_t akh_hash64(const void *data, size_t len, uint64_t seed);

#ifdef __cplusplus
}
#endif

#endif
