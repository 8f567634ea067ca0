/* gazetteer_int.h — what gazetteer.c (entities, loader, keys, trie) shares
 * with automaton.c (the matcher).  Not API: symbols use the akh__ prefix and
 * hidden visibility. */
#ifndef AKH_GAZETTEER_INT_H
#define AKH_GAZETTEER_INT_H

#include <stdint.h>
#include <string.h>

#include "akhbar.h"

/* Key namespaces: names of a NOVARIANT entity live in the plain one, the
 * others in the variant one, so one string never means both. */
enum { GZ_PLAIN = 0, GZ_VARIANT = 1 };

/* Longest name, in tokens. */
#define GZ_MAX_NAME_TOKENS 32

struct gz_ent {
  char *id, *name, *aliases, *wikidata, *notes;
  int type;
  unsigned flags;
  size_t nnames;
};

struct gz_slot { /* token dictionary: key bytes -> token id */
  uint64_t h;
  uint32_t off, len; /* in keys arena (mode byte + key) */
  uint32_t tok;      /* UINT32_MAX when empty */
};

struct gz_edge { /* (node, tok) -> child; child 0 marks an empty slot */
  uint64_t key;
  uint32_t child;
};

struct gz_node {
  int32_t ent;    /* entity index of a name ending here, -1 */
  uint32_t nkids; /* edges out of this node: a walk stops at a leaf without probing */
};

struct akh_gazetteer {
  struct gz_ent *ents;
  size_t nents, capents;
  uint32_t *ids; /* id hash: entity index + 1, 0 empty */
  size_t idcap;
  struct gz_slot *dict;
  uint64_t *dfilter; /* one bit per (hash >> 32) slot, 8 per dict slot: most
                        words of a text are in no name, and this 1/16-full
                        bitset answers for them without touching the table */
  size_t dictcap, ntoks;
  akh_buf keys;
  struct gz_edge *edges;
  uint64_t *efilter; /* the same for edges: a walk asks for many (node,
                        next word) pairs that are no edge */
  size_t edgecap, nedges;
  struct gz_node *nodes;
  size_t nnodes, capnodes;
  size_t nnames;
  unsigned long generation; /* bumped by every change: matchers flush */
};

/* Fold one SEARCH-normalised word s[0..n) into out (capacity >= n + 1: the
 * variant fold may add its one-byte mark '~').  omap (may be NULL) receives for each output byte the
 * offset in s of the code point that produced it.  Returns the length.
 * `variant` adds the transliteration folds (akh_variant_key). */
size_t akh__fold_word(const char *s, size_t n, int variant, char *out, uint32_t *omap);

/* گ is g in names but SEARCH normalisation turns it into ك (Persian
 * keyboards): before normalising, a copy of s with گ written غ (same byte
 * length, so offsets hold) is made in *tmp when needed; returns the bytes
 * to normalise (s itself when there is no گ).  NULL when out of memory. */
const char *akh__premap(const char *s, size_t n, char **tmp);

/* A word-at-a-time hash of short strings (names, words, ids): 8 bytes per
 * multiply instead of FNV-1a's one byte; the tail is read with two
 * overlapping loads, so no byte outside s[0..n) is touched. */
static inline uint64_t akh__hash_bytes(uint64_t seed, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  uint64_t h = seed ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull), w;
  while (n > 8) {
    memcpy(&w, u, 8);
    h = (h ^ w) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    u += 8;
    n -= 8;
  }
  if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, u, 4);
    memcpy(&b, u + n - 4, 4);
    w = ((uint64_t)a << 32) | b;
  } else if (n) {
    w = ((uint64_t)u[0] << 16) | ((uint64_t)u[n >> 1] << 8) | u[n - 1];
  } else {
    w = 0;
  }
  h = (h ^ w) * 0x94d049bb133111ebull;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ull;
  return h ^ (h >> 32);
}

static inline uint64_t akh__hash(int mode, const char *s, size_t n) {
  return akh__hash_bytes(0xcbf29ce484222325ull + (uint64_t)mode, s, n);
}
/* Token id of key s[0..n) in namespace mode, or -1. */
int32_t akh__dict_find(const akh_gazetteer *g, int mode, const char *s, size_t n);
/* Child of node by token, 0 when none (the root is node 0). */
uint32_t akh__edge(const akh_gazetteer *g, uint32_t node, uint32_t tok);

#endif
