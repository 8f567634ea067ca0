/* gazetteer.c — entities, the TSV loader, the variant key and the token
 * trie every name is compiled into.  The matcher is automaton.c.
 *
 * Storage: a token dictionary (open addressing, key bytes -> token id, the
 * key prefixed by its namespace byte), an edge table (open addressing,
 * (node, token) -> child) and a node array (entity of a name ending there).
 * Adding a name costs one dictionary probe and one edge probe per token, so
 * 100,000 names compile in well under a second (bench/README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gazetteer_int.h"
#include "utf8.h"

/* ---------------------------------------------------------------- types */

static const char *const type_names[] = {NULL, "person", "org", "place", "other"};

const char *akh_entity_type_name(int type) {
  return type >= AKH_ENT_PERSON && type <= AKH_ENT_OTHER ? type_names[type] : NULL;
}

int akh_entity_type_parse(const char *s, size_t len) {
  for (int t = AKH_ENT_PERSON; t <= AKH_ENT_OTHER; t++)
    if (strlen(type_names[t]) == len && memcmp(type_names[t], s, len) == 0) return t;
  return 0;
}

int akh_entity_flags_parse(const char *s, size_t len, unsigned *flags, akh_error *err) {
  size_t i = 0;
  *flags = 0;
  while (i < len) {
    while (i < len && (s[i] == ',' || s[i] == ' ' || s[i] == '|')) i++;
    size_t j = i;
    while (j < len && s[j] != ',' && s[j] != ' ' && s[j] != '|') j++;
    if (j > i) {
      if (j - i == 9 && memcmp(s + i, "novariant", 9) == 0)
        *flags |= AKH_ENT_NOVARIANT;
      else
        return akh_fail(err, AKH_EFORMAT, i, "unknown flag '%.*s' (known: novariant)",
                        (int)(j - i > 40 ? 40 : j - i), s + i);
    }
    i = j;
  }
  return AKH_OK;
}

/* ---------------------------------------------------------------- keys */

/* The orthographic fold: what SEARCH normalisation does to a word, again,
 * so keys do not depend on the normaliser's exact state. */
static uint32_t fold_plain_cp(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if ((cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640 ||
      (cp >= 0x06D6 && cp <= 0x06ED) || (cp >= 0x200B && cp <= 0x200F) || cp == 0x00AD ||
      cp == 0x2060 || cp == 0xFEFF)
    return 0; /* dropped */
  switch (cp) {
  case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627; /* alef */
  case 0x0649: case 0x06CC: case 0x06D0: return 0x064A;             /* yeh */
  case 0x0626: return 0x064A;
  case 0x0624: return 0x0648;
  case 0x0629: case 0x06C0: case 0x06C1: case 0x06D5: return 0x0647; /* teh marbuta, heh */
  case 0x06A9: return 0x0643;                                        /* keheh */
  default: return cp;
  }
}

/* The transliteration folds, chosen from the variant pairs found in
 * SaudiNewsNet (docs/gazetteer.md lists them with counts).  Folds that the
 * corpus showed merging ordinary words with names are NOT here: emphatics
 * (ط/ت: تطوير = تويتر; ص/س: النصف = اليونيسف), ث/ت (تأثير), dropping ا
 * (والتي = ولايتي), and ك or ق for g (Arabic k and q far more often). */
static uint32_t fold_variant_cp(uint32_t cp) {
  switch (cp) {
  case 0x063A: case 0x062C: case 0x06AF: case 0x0686: case 0x06A0:
    return 0x063A; /* g: غ ج گ چ ڠ */
  case 0x06A4: return 0x0641; /* ڤ */
  case 0x067E: return 0x0628; /* پ */
  default: return cp;
  }
}

#define VF_MAX 64 /* longer words are not variant-folded */

size_t akh__fold_word(const char *s, size_t n, int variant, char *out, uint32_t *omap) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, o = 0;
  while (i < n) {
    uint32_t cp;
    size_t l = akh_utf8_decode(u + i, n - i, &cp);
    if (l == 0) { /* not expected after normalisation: keep the byte */
      if (omap) omap[o] = (uint32_t)i;
      out[o++] = s[i++];
      continue;
    }
    uint32_t f = fold_plain_cp(cp);
    if (f) {
      char tmp[4];
      size_t k = akh_utf8_encode(f, tmp);
      if (k > l) { /* never happens with the table above; stay in bounds */
        memcpy(tmp, s + i, l);
        k = l;
      }
      for (size_t b = 0; b < k; b++) {
        if (omap) omap[o] = (uint32_t)i;
        out[o++] = tmp[b];
      }
    }
    i += l;
  }
  if (!variant) return o;

  /* Variant pass over the plain key: only all-Arabic words of >= 5 letters. */
  uint32_t cps[VF_MAX];
  size_t nc = 0;
  for (i = 0; i < o;) {
    uint32_t cp;
    size_t l = akh_utf8_decode((const unsigned char *)out + i, o - i, &cp);
    if (l == 0 || cp < 0x0621 || cp > 0x06FF || nc == VF_MAX) return o;
    cps[nc++] = cp;
    i += l;
  }
  if (nc < 5) return o;
  size_t k = 0;
  uint32_t prev = 0;
  for (i = 0; i < nc; i++) {
    uint32_t c = fold_variant_cp(cps[i]);
    int doubled = c == prev; /* only letters written next to each other */
    prev = c;
    if (doubled) continue;
    if (i > 0 && i + 1 < nc && (c == 0x0648 || c == 0x064A)) continue; /* و ي */
    cps[k++] = c;
  }
  /* The mark '~' keeps folded keys apart from short words, which are never
   * folded: بادن is not بايدن, فنا is not فيينا, ينسف is not يونيسف.  The
   * letters are 2-byte code points, so the key takes at most o + 1 bytes. */
  size_t need = 1;
  for (i = 0; i < k; i++) need += cps[i] < 0x800 ? 2 : 3;
  if (need > o + 1) return o; /* cannot happen for U+0621-06FF; stay safe */
  out[0] = '~';
  o = 1;
  for (i = 0; i < k; i++) o += akh_utf8_encode(cps[i], out + o);
  return o;
}

const char *akh__premap(const char *s, size_t n, char **tmp) {
  *tmp = NULL;
  size_t i = 0;
  while (i + 1 < n && !((unsigned char)s[i] == 0xDA && (unsigned char)s[i + 1] == 0xAF)) i++;
  if (i + 1 >= n) return s;
  char *c = malloc(n);
  if (!c) return NULL;
  memcpy(c, s, n);
  for (; i + 1 < n; i++)
    if ((unsigned char)c[i] == 0xDA && (unsigned char)c[i + 1] == 0xAF) {
      c[i] = (char)0xD8;
      c[i + 1] = (char)0xBA;
    }
  *tmp = c;
  return c;
}

int akh_variant_key(const char *s, size_t len, int plain, akh_buf *out, akh_error *err) {
  akh_buf norm = {0};
  akh_tokenizer t;
  akh_token tok;
  int rc, first = 1;
  size_t old = out->len;
  char small[256];
  char *pre;
  const char *src = akh__premap(s, len, &pre);
  if (!src) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  rc = akh_normalize(src, len, AKH_PROFILE_SEARCH, &norm, NULL, err);
  free(pre);
  if (rc != AKH_OK) {
    akh_buf_free(&norm);
    return rc;
  }
  akh_tokenizer_init(&t, norm.data ? norm.data : "", norm.len);
  while ((rc = akh_tokenizer_next(&t, &tok, err)) == 1) {
    size_t n = tok.stop - tok.start;
    char *buf = n + 1 <= sizeof small ? small : malloc(n + 1);
    if (!buf) { rc = akh_fail(err, AKH_ENOMEM, 0, "out of memory"); goto fail; }
    size_t k = akh__fold_word(norm.data + tok.start, n, !plain, buf, NULL);
    if (k && ((!first && akh_buf_append(out, " ", 1)) || akh_buf_append(out, buf, k))) {
      if (buf != small) free(buf);
      rc = akh_fail(err, AKH_ENOMEM, 0, "out of memory");
      goto fail;
    }
    if (k) first = 0;
    if (buf != small) free(buf);
  }
  if (rc < 0) { rc = -rc; goto fail; }
  akh_buf_free(&norm);
  return AKH_OK;
fail:
  out->len = old;
  akh_buf_free(&norm);
  return rc;
}

/* ---------------------------------------------------------------- hashing */

static uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

int32_t akh__dict_find(const akh_gazetteer *g, int mode, const char *s, size_t n) {
  if (!g->dictcap) return -1;
  uint64_t h = akh__hash(mode, s, n);
  size_t fb = (size_t)(h >> 32) & (g->dictcap * 8 - 1);
  if (!(g->dfilter[fb >> 6] >> (fb & 63) & 1)) return -1;
  size_t mask = g->dictcap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    const struct gz_slot *sl = &g->dict[i];
    if (sl->tok == UINT32_MAX) return -1;
    if (sl->h == h && sl->len == n + 1 && (unsigned char)g->keys.data[sl->off] == mode &&
        memcmp(g->keys.data + sl->off + 1, s, n) == 0)
      return (int32_t)sl->tok;
  }
}

uint32_t akh__edge(const akh_gazetteer *g, uint32_t node, uint32_t tok) {
  if (!g->edgecap) return 0;
  uint64_t key = ((uint64_t)node << 32) | tok, h = mix64(key);
  size_t fb = (size_t)(h >> 32) & (g->edgecap * 8 - 1);
  if (!(g->efilter[fb >> 6] >> (fb & 63) & 1)) return 0;
  size_t mask = g->edgecap - 1;
  for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
    if (g->edges[i].child == 0) return 0;
    if (g->edges[i].key == key) return g->edges[i].child;
  }
}

/* The dictionary and the edge table are probed at random by the matcher;
 * once they pass 2 MB, ask for 2 MB pages (Linux THP in "madvise" mode)
 * so that a probe costs one cache miss and not also a TLB miss.  Freed
 * with free(). */
static void *table_alloc(size_t size) {
  void *p = NULL;
  if (size < ((size_t)2 << 20)) return malloc(size);
  if (posix_memalign(&p, (size_t)1 << 21, size)) return NULL;
#ifdef MADV_HUGEPAGE
  madvise(p, size, MADV_HUGEPAGE);
#endif
  return p;
}

static int dict_grow(akh_gazetteer *g) {
  size_t cap = g->dictcap ? g->dictcap * 2 : 1024;
  struct gz_slot *d = table_alloc(cap * sizeof *d);
  uint64_t *f = calloc(cap / 8, sizeof *f); /* cap * 8 bits */
  if (!d || !f) {
    free(d);
    free(f);
    return AKH_ENOMEM;
  }
  for (size_t i = 0; i < cap; i++) d[i].tok = UINT32_MAX;
  for (size_t i = 0; i < g->dictcap; i++) {
    if (g->dict[i].tok == UINT32_MAX) continue;
    size_t j = (size_t)g->dict[i].h & (cap - 1);
    while (d[j].tok != UINT32_MAX) j = (j + 1) & (cap - 1);
    d[j] = g->dict[i];
    size_t fb = (size_t)(d[j].h >> 32) & (cap * 8 - 1);
    f[fb >> 6] |= (uint64_t)1 << (fb & 63);
  }
  free(g->dict);
  free(g->dfilter);
  g->dict = d;
  g->dfilter = f;
  g->dictcap = cap;
  return AKH_OK;
}

static int dict_intern(akh_gazetteer *g, int mode, const char *s, size_t n, uint32_t *tok) {
  int32_t t = akh__dict_find(g, mode, s, n);
  if (t >= 0) { *tok = (uint32_t)t; return AKH_OK; }
  if ((g->ntoks + 1) * 2 > g->dictcap && dict_grow(g)) return AKH_ENOMEM;
  if (g->keys.len + n + 1 > UINT32_MAX || g->ntoks >= UINT32_MAX - 1) return AKH_ENOMEM;
  unsigned char m = (unsigned char)mode;
  size_t off = g->keys.len;
  if (akh_buf_append(&g->keys, &m, 1) || akh_buf_append(&g->keys, s, n)) return AKH_ENOMEM;
  uint64_t h = akh__hash(mode, s, n);
  size_t mask = g->dictcap - 1, i = (size_t)h & mask;
  while (g->dict[i].tok != UINT32_MAX) i = (i + 1) & mask;
  g->dict[i].h = h;
  g->dict[i].off = (uint32_t)off;
  g->dict[i].len = (uint32_t)(n + 1);
  g->dict[i].tok = (uint32_t)g->ntoks;
  size_t fb = (size_t)(h >> 32) & (g->dictcap * 8 - 1);
  g->dfilter[fb >> 6] |= (uint64_t)1 << (fb & 63);
  *tok = (uint32_t)g->ntoks++;
  return AKH_OK;
}

static int edges_grow(akh_gazetteer *g) {
  size_t cap = g->edgecap ? g->edgecap * 2 : 1024;
  struct gz_edge *e = table_alloc(cap * sizeof *e);
  uint64_t *f = calloc(cap / 8, sizeof *f); /* cap * 8 bits */
  if (!e || !f) {
    free(e);
    free(f);
    return AKH_ENOMEM;
  }
  memset(e, 0, cap * sizeof *e);
  for (size_t i = 0; i < g->edgecap; i++) {
    if (!g->edges[i].child) continue;
    uint64_t h = mix64(g->edges[i].key);
    size_t j = (size_t)h & (cap - 1);
    while (e[j].child) j = (j + 1) & (cap - 1);
    e[j] = g->edges[i];
    size_t fb = (size_t)(h >> 32) & (cap * 8 - 1);
    f[fb >> 6] |= (uint64_t)1 << (fb & 63);
  }
  free(g->edges);
  free(g->efilter);
  g->edges = e;
  g->efilter = f;
  g->edgecap = cap;
  return AKH_OK;
}

static int node_new(akh_gazetteer *g, uint32_t *id) {
  if (g->nnodes == g->capnodes) {
    size_t cap = g->capnodes ? g->capnodes * 2 : 256;
    if (cap > UINT32_MAX) return AKH_ENOMEM;
    struct gz_node *n = realloc(g->nodes, cap * sizeof *n);
    if (!n) return AKH_ENOMEM;
    g->nodes = n;
    g->capnodes = cap;
  }
  g->nodes[g->nnodes].ent = -1;
  g->nodes[g->nnodes].nkids = 0;
  *id = (uint32_t)g->nnodes++;
  return AKH_OK;
}

static int edge_child(akh_gazetteer *g, uint32_t node, uint32_t tok, uint32_t *child) {
  uint32_t c = akh__edge(g, node, tok);
  if (c) { *child = c; return AKH_OK; }
  if ((g->nedges + 1) * 2 > g->edgecap && edges_grow(g)) return AKH_ENOMEM;
  if (node_new(g, &c)) return AKH_ENOMEM;
  uint64_t key = ((uint64_t)node << 32) | tok, h = mix64(key);
  size_t mask = g->edgecap - 1, i = (size_t)h & mask;
  while (g->edges[i].child) i = (i + 1) & mask;
  g->edges[i].key = key;
  g->edges[i].child = c;
  size_t fb = (size_t)(h >> 32) & (g->edgecap * 8 - 1);
  g->efilter[fb >> 6] |= (uint64_t)1 << (fb & 63);
  g->nodes[node].nkids++;
  g->nedges++;
  *child = c;
  return AKH_OK;
}

/* ---------------------------------------------------------------- gazetteer */

int akh_gazetteer_new(akh_gazetteer **out, akh_error *err) {
  akh_gazetteer *g = calloc(1, sizeof *g);
  uint32_t root;
  *out = NULL;
  if (!g || node_new(g, &root)) {
    free(g);
    return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
  }
  *out = g;
  return AKH_OK;
}

void akh_gazetteer_free(akh_gazetteer *g) {
  if (!g) return;
  for (size_t i = 0; i < g->nents; i++) {
    struct gz_ent *e = &g->ents[i];
    free(e->id); free(e->name); free(e->aliases); free(e->wikidata); free(e->notes);
  }
  free(g->ents);
  free(g->ids);
  free(g->dict);
  free(g->dfilter);
  akh_buf_free(&g->keys);
  free(g->edges);
  free(g->efilter);
  free(g->nodes);
  free(g);
}

size_t akh_gazetteer_count(const akh_gazetteer *g, size_t *nnames) {
  if (nnames) *nnames = g->nnames;
  return g->nents;
}

int akh_gazetteer_entity(const akh_gazetteer *g, size_t i, akh_entity *e) {
  if (i >= g->nents) return AKH_EARG;
  const struct gz_ent *s = &g->ents[i];
  e->id = s->id;
  e->name = s->name;
  e->aliases = s->aliases;
  e->wikidata = s->wikidata;
  e->notes = s->notes;
  e->type = s->type;
  e->flags = s->flags;
  e->nnames = s->nnames;
  return AKH_OK;
}

long akh_gazetteer_find_id(const akh_gazetteer *g, const char *id, size_t len) {
  if (!g->idcap) return -1;
  size_t mask = g->idcap - 1;
  for (size_t i = (size_t)akh__hash(0, id, len) & mask;; i = (i + 1) & mask) {
    uint32_t v = g->ids[i];
    if (!v) return -1;
    const char *s = g->ents[v - 1].id;
    if (strlen(s) == len && memcmp(s, id, len) == 0) return (long)(v - 1);
  }
}

static int ids_insert(akh_gazetteer *g, size_t index) {
  if ((g->nents + 1) * 2 > g->idcap) {
    size_t cap = g->idcap ? g->idcap * 2 : 256;
    uint32_t *t = calloc(cap, sizeof *t);
    if (!t) return AKH_ENOMEM;
    for (size_t i = 0; i < g->idcap; i++) {
      if (!g->ids[i]) continue;
      const char *s = g->ents[g->ids[i] - 1].id;
      size_t j = (size_t)akh__hash(0, s, strlen(s)) & (cap - 1);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = g->ids[i];
    }
    free(g->ids);
    g->ids = t;
    g->idcap = cap;
  }
  const char *s = g->ents[index].id;
  size_t j = (size_t)akh__hash(0, s, strlen(s)) & (g->idcap - 1);
  while (g->ids[j]) j = (j + 1) & (g->idcap - 1);
  g->ids[j] = (uint32_t)(index + 1);
  return AKH_OK;
}

static char *dupstr(const char *s, size_t n) {
  char *d = malloc(n + 1);
  if (d) {
    if (n) memcpy(d, s, n);
    d[n] = 0;
  }
  return d;
}

/* Insert one name of entity `ent`: 1 inserted, 0 no word in it, -1 owned
 * by another entity (reported), or -AKH_ENOMEM / -AKH_EUTF8. */
static int insert_name(akh_gazetteer *g, size_t ent, const char *name, size_t len,
                       akh_gaz_problem_fn problem, void *ud, size_t line) {
  int mode = (g->ents[ent].flags & AKH_ENT_NOVARIANT) ? GZ_PLAIN : GZ_VARIANT;
  akh_buf norm = {0};
  akh_tokenizer t;
  akh_token tok;
  uint32_t node = 0;
  size_t ntok = 0;
  int rc;
  char small[256];
  akh_tokenizer_init(&t, name, len);
  while ((rc = akh_tokenizer_next(&t, &tok, NULL)) == 1) {
    size_t n = tok.stop - tok.start;
    norm.len = 0;
    char *pre;
    const char *src = akh__premap(name + tok.start, n, &pre);
    if (!src) { rc = -AKH_ENOMEM; break; }
    int nrc = akh_normalize(src, n, AKH_PROFILE_SEARCH, &norm, NULL, NULL);
    free(pre);
    if (nrc) {
      rc = nrc == AKH_ENOMEM ? -AKH_ENOMEM : -AKH_EUTF8;
      break;
    }
    char *buf = norm.len + 1 <= sizeof small ? small : malloc(norm.len + 1);
    if (!buf) { rc = -AKH_ENOMEM; break; }
    size_t k = akh__fold_word(norm.data ? norm.data : "", norm.len, mode == GZ_VARIANT, buf, NULL);
    uint32_t id;
    rc = 0;
    if (k) {
      if (ntok == GZ_MAX_NAME_TOKENS) rc = -AKH_EFORMAT;
      else if (dict_intern(g, mode, buf, k, &id) || edge_child(g, node, id, &node)) rc = -AKH_ENOMEM;
      else ntok++;
    }
    if (buf != small) free(buf);
    if (rc) break;
  }
  akh_buf_free(&norm);
  if (rc == -AKH_EFORMAT) {
    if (problem) {
      char msg[160];
      snprintf(msg, sizeof msg, "name '%.60s' has more than %d words; skipped", name,
               GZ_MAX_NAME_TOKENS);
      problem(ud, line, msg);
    }
    return 0;
  }
  if (rc < 0) return rc;
  if (ntok == 0) return 0;
  int32_t owner = g->nodes[node].ent;
  if (owner < 0) {
    g->nodes[node].ent = (int32_t)ent;
    return 1;
  }
  if ((size_t)owner != ent && problem) {
    char msg[200];
    snprintf(msg, sizeof msg, "name '%.60s' already belongs to entity '%.40s'; kept there", name,
             g->ents[owner].id);
    problem(ud, line, msg);
    return -1;
  }
  return 0;
}

static int check_utf8(const char *what, const char *s, akh_error *err) {
  size_t bad;
  if (s && akh_utf8_check(s, strlen(s), &bad))
    return akh_fail(err, AKH_EFORMAT, bad, "invalid UTF-8 in %s at byte %zu", what, bad);
  return AKH_OK;
}

int akh_gazetteer_add(akh_gazetteer *g, const akh_entity_def *def, akh_gaz_problem_fn problem,
                      void *ud, size_t line, akh_error *err) {
  int rc;
  if (!def->id || !*def->id) return akh_fail(err, AKH_EFORMAT, 0, "empty id");
  if (!def->name || !*def->name) return akh_fail(err, AKH_EFORMAT, 0, "empty name");
  if (!akh_entity_type_name(def->type))
    return akh_fail(err, AKH_EFORMAT, 0, "unknown type (person, org, place, other)");
  if (def->flags & ~(unsigned)AKH_ENT_NOVARIANT) return akh_fail(err, AKH_EFORMAT, 0, "unknown flags");
  if ((rc = check_utf8("id", def->id, err)) || (rc = check_utf8("name", def->name, err)) ||
      (rc = check_utf8("aliases", def->aliases, err)) ||
      (rc = check_utf8("wikidata", def->wikidata, err)) || (rc = check_utf8("notes", def->notes, err)))
    return rc;
  if (akh_gazetteer_find_id(g, def->id, strlen(def->id)) >= 0)
    return akh_fail(err, AKH_EARG, 0, "duplicate id '%.60s'", def->id);
  if (g->nents >= UINT32_MAX / 2) return akh_fail(err, AKH_ENOMEM, 0, "too many entities");
  if (g->nents == g->capents) {
    size_t cap = g->capents ? g->capents * 2 : 64;
    struct gz_ent *e = realloc(g->ents, cap * sizeof *e);
    if (!e) return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
    g->ents = e;
    g->capents = cap;
  }
  struct gz_ent *e = &g->ents[g->nents];
  memset(e, 0, sizeof *e);
  e->id = dupstr(def->id, strlen(def->id));
  e->name = dupstr(def->name, strlen(def->name));
  e->aliases = dupstr(def->aliases ? def->aliases : "", def->aliases ? strlen(def->aliases) : 0);
  e->wikidata = dupstr(def->wikidata ? def->wikidata : "", def->wikidata ? strlen(def->wikidata) : 0);
  e->notes = dupstr(def->notes ? def->notes : "", def->notes ? strlen(def->notes) : 0);
  e->type = def->type;
  e->flags = def->flags;
  if (!e->id || !e->name || !e->aliases || !e->wikidata || !e->notes) {
    rc = AKH_ENOMEM;
    goto undo;
  }
  size_t ent = g->nents;
  g->generation++;
  /* The canonical name must reach the trie; a failing alias is reported. */
  rc = insert_name(g, ent, e->name, strlen(e->name), problem, ud, line);
  if (rc < -1) { rc = -rc; goto undo; }
  if (rc == 0) { rc = AKH_EFORMAT; goto undo; } /* no word in it, or too long */
  if (rc == 1) e->nnames++;
  for (const char *a = e->aliases; *a;) {
    const char *bar = strchr(a, '|');
    size_t n = bar ? (size_t)(bar - a) : strlen(a);
    while (n && (*a == ' ' || *a == '\t')) { a++; n--; }
    while (n && (a[n - 1] == ' ' || a[n - 1] == '\t')) n--;
    if (n) {
      char *al = dupstr(a, n);
      if (!al) { rc = AKH_ENOMEM; goto undo; }
      rc = insert_name(g, ent, al, n, problem, ud, line);
      free(al);
      if (rc < -1) { rc = -rc; goto undo; }
      if (rc == 1) e->nnames++;
    }
    if (!bar) break;
    a = bar + 1;
  }
  g->nents++;
  if (ids_insert(g, ent)) {
    g->nents--;
    rc = AKH_ENOMEM;
    goto undo;
  }
  g->nnames += e->nnames;
  return AKH_OK;
undo:
  /* Names already in the trie point at index nents, which is not an entity
   * yet: detach them so the next add does not inherit them. */
  for (size_t i = 0; i < g->nnodes; i++)
    if (g->nodes[i].ent == (int32_t)g->nents) g->nodes[i].ent = -1;
  free(e->id); free(e->name); free(e->aliases); free(e->wikidata); free(e->notes);
  if (rc == AKH_EFORMAT) return akh_fail(err, rc, 0, "the name has no word (or too many)");
  if (rc == AKH_EUTF8) return akh_fail(err, AKH_EFORMAT, 0, "invalid UTF-8 in a name");
  return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
}

/* ---------------------------------------------------------------- TSV */

enum { COL_ID, COL_TYPE, COL_NAME, COL_ALIASES, COL_WIKIDATA, COL_NOTES, COL_FLAGS, NCOLS };
static const char *const col_names[NCOLS] = {"id", "type", "name", "aliases", "wikidata", "notes", "flags"};
#define MAX_FIELDS 32

static void report(akh_gaz_problem_fn problem, void *ud, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
#include <stdarg.h>
static void report(akh_gaz_problem_fn problem, void *ud, size_t line, const char *fmt, ...) {
  char msg[240];
  va_list ap;
  if (!problem) return;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  problem(ud, line, msg);
}

/* Split line into tab-separated fields; returns the count (> MAX_FIELDS
 * means too many). */
static size_t split_tabs(const char *s, size_t n, const char **f, size_t *fl) {
  size_t k = 0, start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || s[i] == '\t') {
      if (k < MAX_FIELDS) {
        f[k] = s + start;
        fl[k] = i - start;
      }
      k++;
      start = i + 1;
    }
  }
  return k;
}

static void trim(const char **s, size_t *n) {
  while (*n && ((*s)[0] == ' ')) { (*s)++; (*n)--; }
  while (*n && ((*s)[*n - 1] == ' ')) (*n)--;
}

int akh_gazetteer_load_tsv(akh_gazetteer *g, const char *data, size_t len,
                           akh_gaz_problem_fn problem, void *ud, size_t *nloaded, akh_error *err) {
  int col[NCOLS];
  size_t ncols = 0, lineno = 0, pos = 0, loaded = 0;
  int have_header = 0;
  const char *f[MAX_FIELDS];
  size_t fl[MAX_FIELDS];
  akh_buf scratch = {0};
  int rc = AKH_OK;
  if (nloaded) *nloaded = 0;
  for (int c = 0; c < NCOLS; c++) col[c] = -1;
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) pos = 3; /* BOM */
  while (pos < len) {
    const char *line = data + pos;
    const char *nl = memchr(line, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - line) : len - pos;
    pos += n + (nl ? 1 : 0);
    lineno++;
    if (n && line[n - 1] == '\r') n--;
    size_t blank = 0;
    while (blank < n && (line[blank] == ' ' || line[blank] == '\t')) blank++;
    if (blank == n || line[0] == '#') continue;
    size_t bad;
    if (akh_utf8_check(line, n, &bad)) {
      report(problem, ud, lineno, "invalid UTF-8 at byte %zu of the line; line skipped", bad + 1);
      continue;
    }
    size_t k = split_tabs(line, n, f, fl);
    if (!have_header) {
      if (k > MAX_FIELDS) {
        rc = akh_fail(err, AKH_EFORMAT, lineno, "line %zu: header has more than %d columns", lineno, MAX_FIELDS);
        break;
      }
      for (size_t i = 0; i < k; i++) {
        const char *s = f[i];
        size_t sl = fl[i];
        int found = 0;
        trim(&s, &sl);
        for (int c = 0; c < NCOLS; c++)
          if (strlen(col_names[c]) == sl && memcmp(col_names[c], s, sl) == 0) {
            if (col[c] >= 0)
              report(problem, ud, lineno, "column '%s' appears twice; the first is used", col_names[c]);
            else
              col[c] = (int)i;
            found = 1;
          }
        if (!found)
          report(problem, ud, lineno, "unknown column '%.*s' ignored", (int)(sl > 40 ? 40 : sl), s);
      }
      if (col[COL_ID] < 0 || col[COL_TYPE] < 0 || col[COL_NAME] < 0) {
        rc = akh_fail(err, AKH_EFORMAT, lineno,
                      "line %zu: the header must name the columns id, type and name (tab-separated)",
                      lineno);
        break;
      }
      ncols = k;
      have_header = 1;
      continue;
    }
    if (k > ncols) {
      report(problem, ud, lineno, "%zu fields but the header has %zu columns; line skipped", k, ncols);
      continue;
    }
    /* Copy the fields NUL-terminated into one scratch buffer. */
    size_t offs[NCOLS];
    scratch.len = 0;
    int oom = 0;
    for (int c = 0; c < NCOLS; c++) {
      const char *s = "";
      size_t sl = 0;
      if (col[c] >= 0 && (size_t)col[c] < k) {
        s = f[col[c]];
        sl = fl[col[c]];
        trim(&s, &sl);
      }
      offs[c] = scratch.len;
      if (akh_buf_append(&scratch, s, sl) || akh_buf_append(&scratch, "", 1)) oom = 1;
    }
    if (oom) { rc = akh_fail(err, AKH_ENOMEM, 0, "out of memory"); break; }
    const char *v[NCOLS];
    for (int c = 0; c < NCOLS; c++) v[c] = scratch.data + offs[c];
    if (!*v[COL_ID]) { report(problem, ud, lineno, "empty id; line skipped"); continue; }
    if (!*v[COL_NAME]) { report(problem, ud, lineno, "empty name; line skipped"); continue; }
    int type = akh_entity_type_parse(v[COL_TYPE], strlen(v[COL_TYPE]));
    if (!type) {
      report(problem, ud, lineno, "unknown type '%.40s' (person, org, place, other); line skipped",
             v[COL_TYPE]);
      continue;
    }
    unsigned flags = 0;
    akh_error fe;
    if (akh_entity_flags_parse(v[COL_FLAGS], strlen(v[COL_FLAGS]), &flags, &fe)) {
      report(problem, ud, lineno, "%s; line skipped", fe.message);
      continue;
    }
    akh_entity_def d = {v[COL_ID], type, v[COL_NAME], v[COL_ALIASES], v[COL_WIKIDATA], v[COL_NOTES], flags};
    akh_error ae;
    int arc = akh_gazetteer_add(g, &d, problem, ud, lineno, &ae);
    if (arc == AKH_ENOMEM) { rc = akh_fail(err, AKH_ENOMEM, 0, "out of memory"); break; }
    if (arc) {
      report(problem, ud, lineno, "%s; line skipped", ae.message);
      continue;
    }
    loaded++;
  }
  if (rc == AKH_OK && !have_header)
    rc = akh_fail(err, AKH_EFORMAT, 0, "no header line (id, type, name, ... separated by tabs)");
  akh_buf_free(&scratch);
  if (nloaded) *nloaded = loaded;
  return rc;
}

int akh_gazetteer_load_file(akh_gazetteer *g, const char *path, akh_gaz_problem_fn problem,
                            void *ud, size_t *nloaded, akh_error *err) {
  FILE *fp = fopen(path, "rb");
  akh_buf b = {0};
  char chunk[65536];
  size_t n;
  if (nloaded) *nloaded = 0;
  if (!fp) return akh_fail(err, AKH_EIO, 0, "cannot open %.150s", path);
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
    if (akh_buf_append(&b, chunk, n)) {
      fclose(fp);
      akh_buf_free(&b);
      return akh_fail(err, AKH_ENOMEM, 0, "out of memory");
    }
  }
  int bad = ferror(fp);
  fclose(fp);
  if (bad) {
    akh_buf_free(&b);
    return akh_fail(err, AKH_EIO, 0, "cannot read %.150s", path);
  }
  int rc = akh_gazetteer_load_tsv(g, b.data ? b.data : "", b.len, problem, ud, nloaded, err);
  akh_buf_free(&b);
  return rc;
}
