/* snowball_stem.c — Snowball's Arabic stemmer (libstemmer) as a filter:
 * one word per line on stdin, its stem per line on stdout.  Used by
 * spec/stem_spec.lua to show where akhbar's stemmer differs and why.
 * Built into BUILD/bench/ only when libstemmer is found (CMakeLists.txt). */
#include <stdio.h>
#include <string.h>

#include <libstemmer.h>

int main(int argc, char **argv) {
  const char *lang = argc > 1 ? argv[1] : "arabic";
  struct sb_stemmer *st = sb_stemmer_new(lang, "UTF_8");
  if (!st) {
    fprintf(stderr, "snowball_stem: no Snowball stemmer for %s\n", lang);
    return 1;
  }
  char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    size_t n = strcspn(line, "\r\n");
    const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)line, (int)n);
    if (!s) {
      fprintf(stderr, "snowball_stem: out of memory\n");
      sb_stemmer_delete(st);
      return 1;
    }
    fwrite(s, 1, (size_t)sb_stemmer_length(st), stdout);
    fputc('\n', stdout);
  }
  sb_stemmer_delete(st);
  return 0;
}
