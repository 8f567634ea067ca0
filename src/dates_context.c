/* dates_context.c — internal: words that look like dates but, in their
 * context, are not the date they name (اليوم as "the day" or "nowadays",
 * غدا as the verb "became", الليلة as a night spent).  The grammar
 * (dates.c) asks before it reads such a word as today, tomorrow or
 * tonight.  Input is untrusted (fuzz/fuzz_dates.c). */
#include <string.h>

#include "dates_context.h"

/* «اليوم» at t[0] is a day, not today: «اليوم الأكثر دموية», «اليوم
 * الأول», «لينهي اليوم عند ...» (the trading day), or nowadays («الأهلي
 * اليوم بات ...»). */
int akh_dctx_today_is_a_day(const char *text, const window *w) {
  if (w->n > 1 && w->t[1].kind == T_WORD &&
      (lookup(&w->t[1], akh_lex_day_qualifiers) || lookup(&w->t[1], akh_lex_ordinals) ||
       lookup(&w->t[1], akh_lex_nowadays_after)))
    return 1;
  char key[KEYMAX];
  size_t kn = akh_dtok_prev_word(text, w->t[0].start, key);
  if (kn && (key_in(key, kn, akh_lex_day_enders) || key_in(key, kn, akh_lex_not_today_after))) return 1;
  /* «في اليوم الذي وصل فيه», «سيأتي اليوم الذي»: a day described (a
   * relative clause at the start of a clause, or after a preposition or
   * a verb of coming) */
  if (w->n > 1 && word_is(&w->t[1], "الذي"))
    return !kn || key_in(key, kn, akh_lex_described_day_after);
  return 0;
}

/* «غدا» at t[0] is the verb "became", not tomorrow: written without
 * tanween after «قد» («قد غدا جزءا ثابتا»), or before an indefinite
 * accusative after «حتى/أنه» or starting a clause («، وغدا متعذرا على ...», «احتفالها
 * السنوي غدا موسما للبهجة»: after a definite subject).  Tomorrow is
 * mostly written «غداً», and a time of day after it is still tomorrow
 * («غدا صباحا»). */
int akh_dctx_became(const char *text, const window *w) {
  const tok *t = &w->t[0];
  /* tanween fathatan (U+064B, D9 8B) written on the word */
  for (size_t p = t->start; p + 1 < t->stop; p++)
    if ((unsigned char)text[p] == 0xD9 && (unsigned char)text[p + 1] == 0x8B) return 0;
  char key[KEYMAX];
  size_t kn = akh_dtok_prev_word(text, t->start, key);
  int cue = kn ? key_in(key, kn, akh_lex_became_after) : 0;
  if (cue == 2) return 1;
  /* an indefinite accusative right after: a word ending in alef, not
   * «ال...», not a time of day */
  if (w->n < 2 || w->t[1].kind != T_WORD || w->t[1].keylen < 6 || w->t[1].keylen > KEYMAX) return 0;
  const tok *n = &w->t[1];
  if (memcmp(n->key, "ال", 4) == 0 || memcmp(n->key + n->keylen - 2, "ا", 2) != 0) return 0;
  if (word_is(n, "صباحا") || word_is(n, "مساء") || word_is(n, "ظهرا") || word_is(n, "عصرا") ||
      word_is(n, "ليلا") || word_is(n, "فجرا") || word_is(n, "اجتماعا") || word_is(n, "لقاء") ||
      word_is(n, "ايضا") || word_is(n, "ولا") || word_is(n, "جدا") || word_is(n, "معا") ||
      word_is(n, "حقا") || word_is(n, "تماما"))
    return 0;
  /* not a pronoun «ها» («غدا عروضها»), not a future verb («غدا ستبدأ») */
  const unsigned char *nk = (const unsigned char *)n->key;
  if (nk[n->keylen - 4] == 0xD9 && nk[n->keylen - 3] == 0x87) return 0;
  if (nk[0] == 0xD8 && nk[1] == 0xB3 && ((nk[2] == 0xD9 && (nk[3] == 0x8A || nk[3] == 0x86)) ||
                                         (nk[2] == 0xD8 && nk[3] == 0xAA)))
    return 0;
  if (cue || !kn) return 1; /* «، وغدا متعذرا»: a clause that starts with it */
  /* after a definite subject with no verb in the three words before
   * (a verb before is what tomorrow's plans have: «سيصدر ... الحكومة غدا
   * قرارا») */
  if (!(kn > 4 && memcmp(key, "ال", 4) == 0)) return 0;
  size_t at = t->start;
  for (int k = 0; k < 4; k++) {
    size_t start;
    kn = akh_dtok_prev_word_from(text, at, key, &start);
    if (!kn) break;
    /* an imperfect or future verb: س/ي/ت/ن + ... that is no «ال» word */
    const unsigned char *c = (const unsigned char *)key;
    if (kn >= 6 && c[0] == 0xD8 && c[1] == 0xB3 /* س */ && c[2] == 0xD9 && (c[3] == 0x8A || c[3] == 0x86))
      return 0;
    if (kn >= 6 && c[0] == 0xD8 && c[1] == 0xB3 && c[2] == 0xD8 && c[3] == 0xAA) return 0;
    at = start;
  }
  return 1;
}

/* «الليلة» at t[0] is tonight, not a night: not before an adjective or
 * an ordinal («الليلة الأولى», «الليلة الشعبية»), «قبل», «التي» or
 * «ذاتها», nor after «تلك/ذات/نفس» («في تلك الليلة»), «منتصف» or a verb
 * of spending the night («قضت الليلة»). */
int akh_dctx_tonight(const char *text, const window *w) {
  if (w->n > 1 && w->t[1].kind == T_WORD &&
      ((w->t[1].keylen > 4 && memcmp(w->t[1].key, "ال", 4) == 0) || word_is(&w->t[1], "قبل") ||
       word_is(&w->t[1], "التي") || word_is(&w->t[1], "الذي") || word_is(&w->t[1], "ذاتها") ||
       word_is(&w->t[1], "نفسها") || word_is(&w->t[1], "عينها")))
    return 0;
  char key[KEYMAX];
  size_t kn = akh_dtok_prev_word(text, w->t[0].start, key);
  return !(kn && key_in(key, kn, akh_lex_night_before));
}
