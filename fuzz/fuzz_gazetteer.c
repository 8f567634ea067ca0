/* fuzz_gazetteer — libFuzzer target for the gazetteer loader and matcher.
 *
 * Two targets from this file (fuzz/Makefile is shared; build by hand):
 *   SRC="../src/base.c ../src/tokenize.c ../src/stem.c ../src/normalize.c ../src/gazetteer.c ../src/automaton.c"
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
 *     -I../src -o fuzz_gazetteer_load fuzz_gazetteer.c $SRC $(pkg-config --libs icu-uc icu-i18n)
 *   clang ... -DFUZZ_MATCHER -o fuzz_gazetteer_match fuzz_gazetteer.c $SRC ...
 *   ./fuzz_gazetteer_load -max_total_time=120 -max_len=4096 corpus-gaz
 *   ./fuzz_gazetteer_match -max_total_time=120 -max_len=4096 corpus-tokens
 *
 * load:  the input is a TSV gazetteer; every problem callback gets a line
 *        number within the input; then the loaded names are matched over
 *        the input itself.
 * match: the input is text matched against a fixed gazetteer with clitic,
 *        article and variant names; every match must lie inside the text,
 *        on UTF-8 boundaries, in order, without overlap.  One matcher
 *        serves every input, as in a long import, so its word cache
 *        outlives inputs and grows from small to full.
 * (load makes a matcher per input, so there the cache stays small.) */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "akhbar.h"

#ifndef FUZZ_MATCHER
static size_t input_lines;

static void problem(void *ud, size_t line, const char *msg) {
  (void)ud;
  if (line > input_lines + 1 || !msg[0]) abort();
}
#endif

struct check { const uint8_t *text; size_t len, last, n; const akh_gazetteer *g; int valid; };

static int on_match(void *ud, const akh_entity_match *m) {
  struct check *c = ud;
  akh_entity e;
  if (m->start >= m->stop || m->stop > c->len || m->start < c->last) abort();
  /* on valid UTF-8, matches start and stop on code point boundaries (a
   * stray continuation byte may follow a token in invalid input) */
  if (c->valid && (c->text[m->start] & 0xC0) == 0x80) abort();
  if (c->valid && m->stop < c->len && (c->text[m->stop] & 0xC0) == 0x80) abort();
  if (akh_gazetteer_entity(c->g, m->entity, &e) != AKH_OK) abort();
  c->last = m->stop;
  c->n++;
  return 0;
}

static void run_with(akh_matcher *m, const akh_gazetteer *g, const uint8_t *data, size_t size) {
  for (int pass = 0; pass < 2; pass++) { /* the second pass hits the token cache */
    size_t bad;
    struct check c = {data, size, 0, 0, g, akh_utf8_check((const char *)data, size, &bad) == AKH_OK};
    akh_error e;
    int rc = akh_matcher_run(m, (const char *)data, size, on_match, &c, &e);
    if (rc != AKH_OK && rc != AKH_EUTF8) abort();
  }
}

#ifndef FUZZ_MATCHER
static void run(const akh_gazetteer *g, const uint8_t *data, size_t size) {
  akh_matcher *m;
  if (akh_matcher_new(g, &m, NULL)) return;
  run_with(m, g, data, size);
  akh_matcher_free(m);
}
#endif

#ifdef FUZZ_MATCHER
static const char GAZ[] =
    "id\ttype\tname\taliases\tflags\n"
    "lavrov\tperson\tسيرغي لافروف\tلافروف|سيرجي لافروف\t\n"
    "peskov\tperson\tدميتري بيسكوف\tبيسكوف\t\n"
    "kremlin\torg\tالكرملين\t\tnovariant\n"
    "unsc\torg\tمجلس الأمن الدولي\tمجلس الأمن\tnovariant\n"
    "aleppo\tplace\tحلب\t\tnovariant\n"
    "x\tother\ta b c\tA|. .|\"\tnovariant\n";
static akh_gazetteer *fixed;
static akh_matcher *matcher;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!fixed) {
    if (akh_gazetteer_new(&fixed, NULL)) abort();
    if (akh_gazetteer_load_tsv(fixed, GAZ, sizeof GAZ - 1, NULL, NULL, NULL, NULL)) abort();
    if (akh_matcher_new(fixed, &matcher, NULL)) abort();
  }
  run_with(matcher, fixed, data, size);
  return 0;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  akh_gazetteer *g;
  akh_buf vk = {0};
  input_lines = 0;
  for (size_t i = 0; i < size; i++) input_lines += data[i] == '\n';
  if (akh_gazetteer_new(&g, NULL)) return 0;
  akh_gazetteer_load_tsv(g, (const char *)data, size, problem, NULL, NULL, NULL);
  size_t nn, n = akh_gazetteer_count(g, &nn);
  for (size_t i = 0; i < n; i++) {
    akh_entity e;
    if (akh_gazetteer_entity(g, i, &e) || akh_gazetteer_find_id(g, e.id, strlen(e.id)) != (long)i) abort();
  }
  run(g, data, size);
  akh_variant_key((const char *)data, size, 0, &vk, NULL);
  akh_buf_free(&vk);
  akh_gazetteer_free(g);
  return 0;
}
#endif
