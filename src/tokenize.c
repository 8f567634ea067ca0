/* tokenize.c — placeholder until the real tokenizer lands: ASCII-space split. */
#include "akhbar.h"

const char *akh_token_kind_name(akh_token_kind k) {
  static const char *const names[] = {"?", "arabic", "latin", "number", "punct", "url", "email", "hashtag", "mention"};
  return (k >= 1 && k <= AKH_TOK_MENTION) ? names[k] : "?";
}

void akh_tokenizer_init(akh_tokenizer *t, const char *text, size_t len) {
  t->text = text; t->len = len; t->pos = 0;
}

int akh_tokenizer_next(akh_tokenizer *t, akh_token *tok, akh_error *err) {
  (void)err;
  while (t->pos < t->len && (t->text[t->pos] == ' ' || t->text[t->pos] == '\n')) t->pos++;
  if (t->pos >= t->len) return 0;
  tok->start = t->pos;
  while (t->pos < t->len && t->text[t->pos] != ' ' && t->text[t->pos] != '\n') t->pos++;
  tok->stop = t->pos;
  tok->kind = AKH_TOK_ARABIC;
  return 1;
}
