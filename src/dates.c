/* dates.c — date expressions in Arabic news text: both month systems
 * (يناير…ديسمبر and كانون الثاني…كانون الأول), numeric dates, weekdays,
 * ordinal days (الثلاثين من حزيران), years after عام/العام/سنة (also glued:
 * عام2012), Arabic-Indic digits, clock times and time zones (page stamps),
 * relative words, Hijri dates marked هـ (converted with ICU's Umm al-Qura
 * calendar).  The input is untrusted: it is fuzzed (fuzz/fuzz_dates.c).
 * The words are in dates_lexicon.c, the calendar arithmetic in
 * dates_calendar.c; this file is the tokenizer and the grammar. */
#include <string.h>

#include "akhbar.h"
#include "dates_lexicon.h"
#include "utf8.h"

/* ---------------------------------------------------------------- tokens */

enum { T_END = 0, T_WORD, T_NUM, T_PUNCT };

#define KEYMAX 40

typedef struct tok {
  size_t start, stop;
  int kind;
  uint32_t cp;       /* T_PUNCT: the character */
  long num;          /* T_NUM: value (capped) */
  int ndig;          /* T_NUM: number of digits */
  size_t keylen;     /* T_WORD: folded key, KEYMAX+1 when too long */
  char key[KEYMAX];
} tok;

static int is_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200F) || c == 0x202F || c == 0x205F || c == 0x3000 ||
         c == 0xFEFF || c == 0x061C || (c >= 0x202A && c <= 0x202E);
}

static int digit_value(uint32_t c) {
  if (c >= '0' && c <= '9') return (int)(c - '0');
  if (c >= 0x0660 && c <= 0x0669) return (int)(c - 0x0660);
  if (c >= 0x06F0 && c <= 0x06F9) return (int)(c - 0x06F0);
  return -1;
}

/* Arabic marks that do not change a word's identity. */
static int is_mark(uint32_t c) {
  return (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x0640;
}

static int is_letter(uint32_t c) {
  if (c >= 0x0621 && c <= 0x064A) return 1;
  if (c >= 0x0671 && c <= 0x06D3) return 1;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return 1;
  return 0;
}

static uint32_t fold(uint32_t c) {
  switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: return 0x0627; /* alef forms */
    case 0x0649: return 0x064A;                                      /* alef maqsura */
    case 0x0629: return 0x0647;                                      /* teh marbuta */
    default: break;
  }
  if (c >= 'A' && c <= 'Z') return c + 32;
  return c;
}

/* Read the token at or after *pos; advance *pos past it. */
static void read_tok(const char *text, size_t len, size_t *pos, tok *t) {
  const unsigned char *s = (const unsigned char *)text;
  size_t p = *pos;
  uint32_t c = 0;
  size_t n = 0;
  memset(t, 0, offsetof(tok, key));
  for (;;) {
    if (p >= len) { t->kind = T_END; t->start = t->stop = len; *pos = len; return; }
    n = akh_utf8_decode(s + p, len - p, &c);
    if (n == 0) { p++; continue; } /* invalid byte: skip */
    if (!is_space(c)) break;
    p += n;
  }
  t->start = p;
  if (digit_value(c) >= 0) {
    t->kind = T_NUM;
    while (p < len) {
      n = akh_utf8_decode(s + p, len - p, &c);
      int v = n ? digit_value(c) : -1;
      if (v < 0) break;
      if (t->num < 100000000L) t->num = t->num * 10 + v;
      t->ndig++;
      p += n;
    }
  } else if (is_letter(c) || is_mark(c)) {
    t->kind = T_WORD;
    while (p < len) {
      n = akh_utf8_decode(s + p, len - p, &c);
      if (n == 0 || !(is_letter(c) || is_mark(c))) break;
      p += n;
      if (is_mark(c)) continue;
      if (t->keylen > KEYMAX) continue;
      char buf[4];
      size_t k = akh_utf8_encode(fold(c), buf);
      if (t->keylen + k > KEYMAX) { t->keylen = KEYMAX + 1; continue; }
      memcpy(t->key + t->keylen, buf, k);
      t->keylen += k;
    }
  } else {
    t->kind = T_PUNCT;
    t->cp = c;
    p += n;
  }
  t->stop = p;
  *pos = p;
}

/* A month name that is also a common word (akh_lex_ambiguous_months). */
static int month_word_ambiguous(const tok *t) {
  const char *const *words = akh_lex_ambiguous_months;
  for (int i = 0; words[i]; i++)
    if (t->kind == T_WORD && t->keylen <= KEYMAX && t->keylen == strlen(words[i]) &&
        memcmp(t->key, words[i], t->keylen) == 0)
      return 1;
  return 0;
}

/* keylen == strlen(key) and the same bytes, compared byte by byte so that a
 * mismatch stops at the first letter: strlen of every table key for every
 * token was half of the scanner's time. */
static int key_is(const char *k, size_t n, const char *key) {
  size_t i = 0;
  for (; i < n; i++)
    if (key[i] == '\0' || key[i] != k[i]) return 0;
  return key[i] == '\0';
}

static int word_is(const tok *t, const char *key) {
  return t->kind == T_WORD && t->keylen <= KEYMAX && key_is(t->key, t->keylen, key);
}

static int lookup(const tok *t, const akh_lex_entry *tab) {
  if (t->kind != T_WORD) return 0;
  for (int i = 0; tab[i].key; i++)
    if (word_is(t, tab[i].key)) return tab[i].value;
  return 0;
}

/* Like lookup, also with one proclitic و ف ب ل in front (وأمس، بالخميس). */
static int lookup_clitic(const tok *t, const akh_lex_entry *tab, int *clitic) {
  int v = lookup(t, tab);
  *clitic = 0;
  if (v || t->kind != T_WORD || t->keylen <= 2 || t->keylen > KEYMAX) return v;
  const unsigned char *k = (const unsigned char *)t->key;
  /* و ف ب ل are 0xD9 0x88, 0xD9 0x81, 0xD8 0xA8, 0xD9 0x84 */
  if (!((k[0] == 0xD9 && (k[1] == 0x88 || k[1] == 0x81 || k[1] == 0x84)) ||
        (k[0] == 0xD8 && k[1] == 0xA8)))
    return 0;
  /* the key without its first letter, in place (no copy of the token);
   * at least three letters must remain: «باب» is a door, not ب + آب */
  if (t->keylen < 8) return 0;
  for (int i = 0; tab[i].key; i++)
    if (key_is(t->key + 2, t->keylen - 2, tab[i].key)) {
      *clitic = 1;
      return tab[i].value;
    }
  return 0;
}

/* ---------------------------------------------------------------- matcher */

#define LOOK 16

typedef struct window {
  tok t[LOOK];
  int n;
} window;

static int is_punct(const tok *t, uint32_t c) { return t->kind == T_PUNCT && t->cp == c; }

/* A month name at t[i] (one or two tokens).  Returns tokens used (0 if none)
 * and sets *month and *hijri. */
static int month_at(const window *w, int i, int *month, int *hijri) {
  if (i >= w->n) return 0;
  int v, c;
  if (i + 1 < w->n) {
    for (int k = 0; akh_lex_months2[k].a; k++)
      if (word_is(&w->t[i], akh_lex_months2[k].a) && word_is(&w->t[i + 1], akh_lex_months2[k].b)) {
        *month = akh_lex_months2[k].value; *hijri = 0; return 2;
      }
    for (int k = 0; akh_lex_hijri_months2[k].a; k++)
      if (word_is(&w->t[i], akh_lex_hijri_months2[k].a) &&
          word_is(&w->t[i + 1], akh_lex_hijri_months2[k].b)) {
        *month = akh_lex_hijri_months2[k].value; *hijri = 1; return 2;
      }
  }
  if ((v = lookup_clitic(&w->t[i], akh_lex_months, &c)) != 0) { *month = v; *hijri = 0; return 1; }
  if ((v = lookup(&w->t[i], akh_lex_hijri_months)) != 0) { *month = v; *hijri = 1; return 1; }
  return 0;
}

/* A day as an ordinal word phrase: الثلاثين، الحادي عشر، الثاني والعشرين. */
static int ordinal_at(const window *w, int i, int *day) {
  if (i >= w->n) return 0;
  int u = lookup(&w->t[i], akh_lex_ordinals);
  if (!u) return 0;
  if (u < 10 && i + 1 < w->n) {
    if (word_is(&w->t[i + 1], "عشر")) { *day = 10 + u; return 2; }
    if (word_is(&w->t[i + 1], "والعشرين")) { *day = 20 + u; return 2; }
    if (word_is(&w->t[i + 1], "والثلاثين")) { *day = 30 + u; return 2; }
  }
  if (w->t[i].keylen == strlen("الحادي") && word_is(&w->t[i], "الحادي")) return 0;
  *day = u;
  return 1;
}

/* Optional year after a month: [/|(alt month)] [من] [عام|العام|سنة|لعام] YYYY [هـ|م].
 * Returns tokens used from i; fills *year (0 when none) and flags. */
static int year_at(const window *w, int i, int *year, unsigned *flags, int *hmark) {
  int j = i;
  *year = 0;
  *hmark = 0;
  if (j < w->n && word_is(&w->t[j], "من")) j++;
  int worded = 0;
  if (j < w->n && (word_is(&w->t[j], "عام") || word_is(&w->t[j], "العام") ||
                   word_is(&w->t[j], "لعام") || word_is(&w->t[j], "سنه") ||
                   word_is(&w->t[j], "السنه") || word_is(&w->t[j], "لسنه"))) {
    j++;
    worded = 1;
  }
  if (j < w->n && w->t[j].kind == T_NUM && (w->t[j].ndig == 4 || w->t[j].ndig == 3)) {
    long y = w->t[j].num;
    if (y < 1000 || y > 2200) return 0;
    j++;
    *year = (int)y;
    if (worded) *flags |= AKH_DATE_YEAR_WORD;
    /* هـ (with or without tatweel, or a dot) marks a Hijri year; م a Gregorian one. */
    if (j < w->n && (word_is(&w->t[j], "ه") || word_is(&w->t[j], "هجري") ||
                     word_is(&w->t[j], "هجريه"))) {
      *hmark = 1;
      j++;
    } else if (j < w->n && (word_is(&w->t[j], "م") || word_is(&w->t[j], "ميلادي") ||
                            word_is(&w->t[j], "ميلاديه"))) {
      j++;
    }
    return j - i;
  }
  return 0;
}

static int set_hijri(akh_date *d, int hy, int hm, int hd) {
  int gy, gm, gd;
  if (akh_hijri_to_gregorian(hy, hm, hd ? hd : 1, &gy, &gm, &gd, NULL) != AKH_OK) return 0;
  d->flags |= AKH_DATE_HIJRI;
  d->hijri_year = hy;
  d->hijri_month = hm;
  d->hijri_day = hd;
  /* without a day, the Gregorian date of the 1st of the month, day unknown */
  d->year = gy;
  d->month = gm;
  d->day = hd ? gd : 0;
  return 1;
}

/* Clock time after a date: HH:MM[:SS] [AM|PM|ص|م|صباحا|مساء] [بتوقيت ...|GMT]. */
static int time_at(const window *w, int i, akh_date *d) {
  int j = i;
  if (j + 2 < w->n && w->t[j].kind == T_NUM && w->t[j].ndig <= 2 && is_punct(&w->t[j + 1], ':') &&
      w->t[j + 2].kind == T_NUM && w->t[j + 2].ndig == 2 && w->t[j].num < 24 && w->t[j + 2].num < 60) {
    int h = (int)w->t[j].num, m = (int)w->t[j + 2].num;
    j += 3;
    if (j + 1 < w->n && is_punct(&w->t[j], ':') && w->t[j + 1].kind == T_NUM && w->t[j + 1].ndig == 2) j += 2;
    if (j < w->n && (word_is(&w->t[j], "pm") || word_is(&w->t[j], "م") || word_is(&w->t[j], "مساء"))) {
      if (h < 12) h += 12;
      j++;
    } else if (j < w->n && (word_is(&w->t[j], "am") || word_is(&w->t[j], "ص") ||
                            word_is(&w->t[j], "صباحا"))) {
      if (h == 12) h = 0;
      j++;
    }
    d->flags |= AKH_DATE_TIME;
    d->hour = h;
    d->minute = m;
  }
  if (j < w->n && (word_is(&w->t[j], "بتوقيت") || word_is(&w->t[j], "توقيت") ||
                   word_is(&w->t[j], "gmt") || word_is(&w->t[j], "utc"))) {
    d->flags |= AKH_DATE_ZONE;
    j++;
  }
  return j - i;
}

static int is_sep(const tok *t) {
  return t->kind == T_PUNCT && (t->cp == '-' || t->cp == '/' || t->cp == '.' || t->cp == 0x2010 ||
                                t->cp == 0x2011 || t->cp == 0x2013);
}

/* Numeric date at t[i]: d-m-yyyy, yyyy-m-d, m/d/yyyy when unambiguous. */
static int numeric_at(const window *w, int i, akh_date *d) {
  if (i + 4 >= w->n) return 0;
  const tok *a = &w->t[i], *s1 = &w->t[i + 1], *b = &w->t[i + 2], *s2 = &w->t[i + 3], *c = &w->t[i + 4];
  if (a->kind != T_NUM || b->kind != T_NUM || c->kind != T_NUM || !is_sep(s1) || !is_sep(s2) ||
      s1->cp != s2->cp)
    return 0;
  /* no spaces inside a numeric date */
  if (s1->start != a->stop || b->start != s1->stop || s2->start != b->stop || c->start != s2->stop) return 0;
  int y, m, dd;
  if (a->ndig == 4 && b->ndig <= 2 && c->ndig <= 2) {
    y = (int)a->num; m = (int)b->num; dd = (int)c->num;
  } else if (c->ndig == 4 && a->ndig <= 2 && b->ndig <= 2) {
    y = (int)c->num; dd = (int)a->num; m = (int)b->num;
    if (m > 12 && dd <= 12) { int x = m; m = dd; dd = x; } /* m/d/yyyy */
  } else {
    return 0;
  }
  int used = 5;
  /* هـ right after a numeric date: Hijri */
  if (i + used < w->n && word_is(&w->t[i + used], "ه") && y >= 1300 && y <= 1600) {
    if (!set_hijri(d, y, m, dd)) return 0;
    used++;
  } else {
    if (y < 1000 || y > 2200 || !akh_date_valid(y, m, dd)) return 0;
    d->year = y; d->month = m; d->day = dd;
  }
  d->flags |= AKH_DATE_NUMERIC;
  used += time_at(w, i + used, d);
  return used;
}

/* The previous word before byte `at` is «روسيا» (RT's name «روسيا اليوم»). */
static int after_rossiya(const char *text, size_t at) {
  static const char r1[] = "روسيا";
  size_t n = sizeof r1 - 1;
  while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) at--;
  return at >= n && memcmp(text + at - n, r1, n) == 0;
}

static void date_clear(akh_date *d) {
  memset(d, 0, sizeof *d);
  d->weekday = -1;
  d->hour = d->minute = -1;
}

/* The folded key of the word that ends before byte `at` (skipping spaces
 * and tatweel), into key[KEYMAX]; its length, 0 when there is none (a
 * line break, punctuation or the start of the text comes first). */
static size_t prev_word(const char *text, size_t at, char *key) {
  const unsigned char *s = (const unsigned char *)text;
  size_t p = at;
  while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t')) p--;
  size_t end = p;
  /* back over UTF-8 letters (Arabic letters are 2 bytes, ASCII letters 1) */
  while (p > 0) {
    size_t q = p - 1;
    while (q > 0 && (s[q] & 0xC0) == 0x80 && p - q < 4) q--;
    uint32_t c;
    size_t n = akh_utf8_decode(s + q, end - q, &c);
    if (n == 0 || q + n != p || !(is_letter(c) || is_mark(c))) break;
    p = q;
  }
  size_t len = 0;
  for (size_t q = p; q < end;) {
    uint32_t c;
    size_t n = akh_utf8_decode(s + q, end - q, &c);
    if (n == 0) return 0;
    q += n;
    if (is_mark(c)) continue;
    char buf[4];
    size_t k = akh_utf8_encode(fold(c), buf);
    if (len + k > KEYMAX) return 0;
    memcpy(key + len, buf, k);
    len += k;
  }
  return len;
}

static int key_in(const char *key, size_t n, const akh_lex_entry *tab) {
  for (int i = 0; tab[i].key; i++)
    if (key_is(key, n, tab[i].key)) return tab[i].value;
  return 0;
}

/* A direction word at t[i]: -1 past, +1 next, 0 current; 99 when none. */
static int direction_at(const window *w, int i) {
  if (i >= w->n) return 99;
  int v = lookup(&w->t[i], akh_lex_directions);
  return v ? v - 2 : 99;
}

static void set_direction(akh_date *d, int dir) {
  if (dir < 0) d->flags |= AKH_DATE_PAST;
  else if (dir > 0) d->flags |= AKH_DATE_NEXT;
  else d->flags |= AKH_DATE_CURRENT;
}

/* A year number at t[i] (4 digits, 1800-2200); 0 when none. */
static int year_num(const window *w, int i) {
  if (i >= w->n || w->t[i].kind != T_NUM || w->t[i].ndig != 4) return 0;
  long y = w->t[i].num;
  return (y >= 1800 && y <= 2200) ? (int)y : 0;
}

static int is_range_word(const tok *t) {
  return is_punct(t, '-') || is_punct(t, 0x2013) || is_punct(t, 0x2014) || word_is(t, "الي") ||
         word_is(t, "حتي") || word_is(t, "وحتي") || word_is(t, "و") || word_is(t, "ولغايه") ||
         word_is(t, "لغايه");
}

static int match(const char *text, const window *w, akh_date *d);

/* «مطلع/منتصف/أواخر» + a month, a year or a period («منتصف الشهر الجاري»,
 * «مطلع 2016», «أواخر عام 1430هـ»); also «منتصف الشهر» alone (this month). */
static int part_at(const char *text, const window *w, akh_date *d) {
  int part = lookup(&w->t[0], akh_lex_parts);
  if (!part || w->n < 2) return 0;
  window sub;
  sub.n = w->n - 1;
  memcpy(sub.t, w->t + 1, (size_t)sub.n * sizeof sub.t[0]);
  int used = match(text, &sub, d);
  if (used && !d->day && !(d->flags & (AKH_DATE_RELATIVE | AKH_DATE_WEEKDAY))) {
    d->part = part;
    return used + 1;
  }
  date_clear(d);
  int unit = lookup(&w->t[1], akh_lex_periods);
  if (unit && direction_at(w, 2) == 99) {
    d->flags |= AKH_DATE_PERIOD;
    d->unit = unit == 'm' ? AKH_UNIT_MONTH : AKH_UNIT_YEAR;
    d->offset = 0;
    d->part = part;
    return 2;
  }
  return 0;
}

/* Try to match a date starting at w->t[0]; return tokens used (0: none). */
static int match(const char *text, const window *w, akh_date *d) {
  int i = 0, c = 0;
  date_clear(d);
  const tok *t0 = &w->t[0];
  if (t0->kind == T_NUM) {
    int used = numeric_at(w, 0, d);
    if (used) return used;
    date_clear(d);
    /* «1436هـ»: a Hijri year without عام */
    if (t0->ndig == 4 && t0->num >= 1300 && t0->num <= 1600 && w->n > 1 &&
        (word_is(&w->t[1], "ه") || word_is(&w->t[1], "هجري") || word_is(&w->t[1], "هجريه"))) {
      if (!set_hijri(d, (int)t0->num, 1, 0)) return 0;
      d->month = 0;
      return 2;
    }
    /* a bare year: after a cue word («في 2014», «منذ 2011») or marked م,
     * at the start of a line («1920 - ...»), never before a counted noun */
    int y = year_num(w, 0);
    if (y >= 1900 && y <= 2100) {
      int marked = w->n > 1 && (word_is(&w->t[1], "م") || word_is(&w->t[1], "ميلادي"));
      char key[KEYMAX];
      size_t kn = prev_word(text, t0->start, key);
      /* «ومطلع 2016»: the cue may carry و or ف */
      int cue = kn && (key_in(key, kn, akh_lex_year_cues) ||
                       (kn > 2 && (memcmp(key, "و", 2) == 0 || memcmp(key, "ف", 2) == 0) &&
                        key_in(key + 2, kn - 2, akh_lex_year_cues)));
      if (!kn) {
        /* the line starts with the year */
        size_t p = t0->start;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) p--;
        cue = p == 0 || text[p - 1] == '\n';
        if (cue && !(w->n > 1 && w->t[1].kind == T_PUNCT)) cue = 0;
      }
      /* «2015-13-01» is a broken numeric date, not the year 2015 */
      int glued = w->n > 2 && is_sep(&w->t[1]) && w->t[1].start == t0->stop &&
                  w->t[2].kind == T_NUM && w->t[2].start == w->t[1].stop;
      int counted = glued || (w->n > 1 && (lookup(&w->t[1], akh_lex_count_nouns) ||
                                           w->t[1].kind == T_NUM ||
                                 is_punct(&w->t[1], '%') || is_punct(&w->t[1], 0x066A)));
      if ((cue || marked) && !counted) {
        d->year = y;
        d->flags |= AKH_DATE_BARE_YEAR;
        return marked ? 2 : 1;
      }
    }
    date_clear(d);
  }
  if (t0->kind == T_WORD) {
    /* relative words */
    int rel = 99;
    if (word_is(t0, "اليوم") || word_is(t0, "واليوم")) {
      if (!after_rossiya(text, t0->start)) rel = 0;
    } else if (word_is(t0, "امس") || word_is(t0, "وامس") || word_is(t0, "بالامس") ||
               word_is(t0, "البارحه") || word_is(t0, "الامس")) {
      rel = -1;
      if (w->n > 1 && word_is(&w->t[1], "الاول")) { rel = -2; i = 1; }
    } else if (word_is(t0, "غدا") || word_is(t0, "وغدا")) {
      rel = 1;
    } else if ((word_is(t0, "بعد") || word_is(t0, "وبعد")) && w->n > 1 && word_is(&w->t[1], "غد")) {
      rel = 2;
      i = 1;
    } else if ((word_is(t0, "اول") || word_is(t0, "واول")) && w->n > 1) {
      if (word_is(&w->t[1], "امس")) { rel = -2; i = 1; }
      else if (w->n > 2 && word_is(&w->t[1], "من") && word_is(&w->t[2], "امس")) { rel = -2; i = 2; }
    }
    if (rel != 99) {
      d->flags |= AKH_DATE_RELATIVE;
      d->relative = rel;
      i++;
      /* اليوم (الاثنين) / اليوم الاثنين */
      int j = i, paren = 0;
      if (j < w->n && is_punct(&w->t[j], '(')) { j++; paren = 1; }
      int wd = j < w->n ? lookup(&w->t[j], akh_lex_weekdays) : 0;
      if (j < w->n && (wd || word_is(&w->t[j], "الاحد"))) {
        j++;
        if (!paren || (j < w->n && is_punct(&w->t[j], ')'))) {
          if (paren) j++;
          d->weekday = wd;
          d->flags |= AKH_DATE_WEEKDAY;
          i = j;
        }
      }
      return i;
    }
    /* «العام الماضي», «الشهر المقبل», «السنة الحالية» [YYYY] */
    int unit = lookup(t0, akh_lex_periods);
    if (unit) {
      int dir = direction_at(w, 1);
      if (dir != 99) {
      d->flags |= AKH_DATE_PERIOD;
      d->unit = unit == 'm' ? AKH_UNIT_MONTH : AKH_UNIT_YEAR;
      d->offset = dir;
      int y = unit == 'y' ? year_num(w, 2) : 0;
      if (y) { d->year = y; return 3; }
      return 2;
      }
    }
    /* «هذا العام», «لهذه السنة», «هذا الشهر» */
    if (lookup(t0, akh_lex_demonstratives) > 0 && w->n > 1 &&
        (unit = lookup(&w->t[1], akh_lex_periods)) != 0 &&
        (word_is(&w->t[1], "العام") || word_is(&w->t[1], "السنه") || word_is(&w->t[1], "الشهر"))) {
      d->flags |= AKH_DATE_PERIOD;
      d->unit = unit == 'm' ? AKH_UNIT_MONTH : AKH_UNIT_YEAR;
      d->offset = 0;
      return 2;
    }
    int used = part_at(text, w, d);
    if (used) return used;
    date_clear(d);
  }
  /* [يوم] [weekday] [،] */
  if (word_is(&w->t[i], "يوم") || word_is(&w->t[i], "ويوم")) {
    int dummy;
    if (i + 1 < w->n && (lookup(&w->t[i + 1], akh_lex_weekdays) || word_is(&w->t[i + 1], "الاحد"))) i++;
    else if (!(i + 1 < w->n && (w->t[i + 1].kind == T_NUM || ordinal_at(w, i + 1, &dummy)))) return 0;
    else i++;
  }
  {
    int wd = lookup_clitic(&w->t[i], akh_lex_weekdays, &c);
    if (wd || word_is(&w->t[i], "الاحد") || word_is(&w->t[i], "والاحد")) {
      d->weekday = wd;
      d->flags |= AKH_DATE_WEEKDAY;
      i++;
      if (i < w->n && (is_punct(&w->t[i], ',') || is_punct(&w->t[i], 0x060C))) {
        /* a comma only when a day number follows */
        if (i + 1 < w->n && w->t[i + 1].kind == T_NUM) i++;
      }
      /* «الأربعاء المقبل 12 أغسطس» */
      int dir = direction_at(w, i);
      if (dir != 99 && i + 1 < w->n && w->t[i + 1].kind == T_NUM) {
        set_direction(d, dir);
        i++;
      }
    }
  }
  /* «الأحد 10/10/1436هـ»: a weekday before a numeric date */
  if (i > 0 && (d->flags & AKH_DATE_WEEKDAY) && i < w->n && w->t[i].kind == T_NUM) {
    window sub;
    sub.n = w->n - i;
    memcpy(sub.t, w->t + i, (size_t)sub.n * sizeof sub.t[0]);
    akh_date nd;
    date_clear(&nd);
    int used = numeric_at(&sub, 0, &nd);
    if (used) {
      nd.weekday = d->weekday;
      nd.flags |= AKH_DATE_WEEKDAY;
      *d = nd;
      return i + used;
    }
  }
  /* day */
  int day = 0, day2 = 0, j = i, k;
  if (j < w->n && w->t[j].kind == T_NUM && w->t[j].ndig <= 2 && w->t[j].num >= 1 && w->t[j].num <= 31) {
    day = (int)w->t[j].num;
    j++;
    /* «10 إلى 15 أغسطس», «10-15 أغسطس», «10 و11 أغسطس» */
    if (j + 1 < w->n && is_range_word(&w->t[j]) && w->t[j + 1].kind == T_NUM && w->t[j + 1].ndig <= 2 &&
        w->t[j + 1].num > day && w->t[j + 1].num <= 31) {
      day2 = (int)w->t[j + 1].num;
      j += 2;
    }
  } else if ((k = ordinal_at(w, j, &day)) != 0) {
    j += k;
    if (!(j < w->n && word_is(&w->t[j], "من"))) day = 0; /* ordinals only as «… من شهر» */
  }
  if (day && j < w->n && word_is(&w->t[j], "من")) j++;
  int shahr = 0;
  if (j < w->n && word_is(&w->t[j], "شهر")) { j++; shahr = 1; }
  int month = 0, hijri = 0;
  int mstart = j;
  k = month_at(w, j, &month, &hijri);
  if (k) {
    j += k;
    /* alternative name: سبتمبر/أيلول, سبتمبر (أيلول) */
    int m2 = 0, h2 = 0;
    if (j + 1 < w->n && (is_punct(&w->t[j], '/') || is_punct(&w->t[j], '-'))) {
      int k2 = month_at(w, j + 1, &m2, &h2);
      if (k2 && h2 == hijri) j += 1 + k2;
    } else if (j + 2 < w->n && is_punct(&w->t[j], '(')) {
      int k2 = month_at(w, j + 1, &m2, &h2);
      if (k2 && h2 == hijri && j + 1 + k2 < w->n && is_punct(&w->t[j + 1 + k2], ')')) j += 2 + k2;
    }
    int year = 0, hmark = 0;
    unsigned fl = 0;
    int ky = year_at(w, j, &year, &fl, &hmark);
    if (day2 && !day) return 0;
    if (!day && !year) {
      /* a month without a day nor a year: with a direction word
       * («أغسطس الماضي», «رمضان المقبل»), after «شهر», or a month name
       * that is no common word; a weekday alone is relative */
      if (d->flags & AKH_DATE_WEEKDAY) goto weekday_only;
      int dir = direction_at(w, j);
      if (dir == 99 && !shahr) {
        /* a bare month name: never one that is also a common word, and
         * only after a word that introduces a time («في مايو», «منذ
         * يناير», «حتى أكتوبر»): «ملعب إبريل كول» is a name */
        if (month_word_ambiguous(&w->t[mstart])) return 0;
        char key[KEYMAX];
        size_t kn = prev_word(text, w->t[mstart].start, key);
        if (!kn || !(key_in(key, kn, akh_lex_year_cues) || key_is(key, kn, "من") || key_is(key, kn, "شهري"))) return 0;
      }
      if (dir != 99) { set_direction(d, dir); j++; }
      if (hijri) {
        d->flags |= AKH_DATE_HIJRI;
        d->hijri_month = month;
      } else {
        d->month = month;
      }
      return j;
    }
    if (hijri || hmark) {
      if (!year) {
        /* «13 شعبان», «الأربعاء 13 شوال»: the year comes from the article */
        if (!hijri) return 0;
        d->flags |= AKH_DATE_HIJRI;
        d->hijri_month = month;
        d->hijri_day = day;
        if (day2) { d->flags |= AKH_DATE_RANGE; d->day2 = day2; d->month2 = month; }
        return j;
      }
      if (!set_hijri(d, year, month, day)) return 0;
      if (day2) {
        int gy, gm, gd;
        if (akh_hijri_to_gregorian(year, month, day2, &gy, &gm, &gd, NULL) == AKH_OK) {
          d->flags |= AKH_DATE_RANGE;
          d->year2 = gy; d->month2 = gm; d->day2 = gd;
        }
      }
      j += ky;
      d->flags |= fl;
      return j;
    }
    if (year && (year < 1800 || year > 2200)) return 0;
    if (day && !akh_date_valid(year ? year : 2000, month, day)) return 0;
    if (day2 && !akh_date_valid(year ? year : 2000, month, day2)) day2 = 0;
    j += ky;
    d->flags |= fl;
    d->year = year;
    d->month = month;
    d->day = day;
    if (day2) {
      d->flags |= AKH_DATE_RANGE;
      d->year2 = year; d->month2 = month; d->day2 = day2;
    }
    return j;
  }
  if ((d->flags & AKH_DATE_WEEKDAY)) goto weekday_only;
  /* a year alone after عام/العام/سنة: «من العام 2012», «عام2012»;
   * «عامي 2010 و2014»: a range of years */
  if (!day && i == 0 && t0->kind == T_WORD) {
    int year = 0, hmark = 0;
    unsigned fl = 0;
    int jj = word_is(t0, "بين") ? 1 : 0;
    if (jj < w->n && (word_is(&w->t[jj], "عامي") || word_is(&w->t[jj], "العامين") ||
                      word_is(&w->t[jj], "سنتي"))) {
      int y1 = year_num(w, jj + 1);
      if (y1 && jj + 3 < w->n && is_range_word(&w->t[jj + 2])) {
        int y2 = year_num(w, jj + 3);
        if (y2 > y1) {
          d->year = y1;
          d->year2 = y2;
          d->flags |= AKH_DATE_RANGE | AKH_DATE_YEAR_WORD;
          return jj + 4;
        }
      }
      return 0;
    }
    int ky = year_at(w, 0, &year, &fl, &hmark);
    if (ky && (fl & AKH_DATE_YEAR_WORD)) {
      if (hmark) {
        if (!set_hijri(d, year, 1, 0)) return 0;
        d->month = 0;
      } else {
        if (year < 1800 || year > 2200) return 0;
        d->year = year;
      }
      d->flags |= fl;
      return ky;
    }
  }
  return 0;
weekday_only:
  /* «الأربعاء الماضي», «الخميس المقبل», or a bare weekday */
  if (i < w->n && (word_is(&w->t[i], "الماضي") || word_is(&w->t[i], "الماضيه") ||
                   word_is(&w->t[i], "الفائت") || word_is(&w->t[i], "المنصرم"))) {
    d->flags |= AKH_DATE_PAST;
    i++;
  } else if (i < w->n && (word_is(&w->t[i], "المقبل") || word_is(&w->t[i], "القادم") ||
                          word_is(&w->t[i], "المقبله") || word_is(&w->t[i], "القادمه"))) {
    d->flags |= AKH_DATE_NEXT;
    i++;
  }
  d->year = d->month = d->day = 0;
  d->flags &= (AKH_DATE_WEEKDAY | AKH_DATE_PAST | AKH_DATE_NEXT);
  return i;
}

/* Cheap test: can a date start at this token? */
static int may_start(const tok *t) {
  if (t->kind == T_NUM) return 1;
  if (t->kind != T_WORD || t->keylen > KEYMAX) return 0;
  int c;
  if (lookup_clitic(t, akh_lex_weekdays, &c) || word_is(t, "الاحد") || word_is(t, "والاحد")) return 1;
  if (lookup(t, akh_lex_ordinals) || lookup(t, akh_lex_periods) || lookup(t, akh_lex_demonstratives) > 0 ||
      lookup(t, akh_lex_parts))
    return 1;
  const char *const *starters = akh_lex_starters;
  for (int i = 0; starters[i]; i++)
    if (word_is(t, starters[i])) return 1;
  int m, h;
  window w1;
  w1.t[0] = *t;
  w1.n = 1;
  return month_at(&w1, 0, &m, &h) != 0;
}

/* The index of a letter in akh_date_scanner.starts (folded Arabic
 * letters U+0621..U+065F), -1 for any other character. */
static int letter_index(uint32_t c) {
  c = fold(c);
  return c >= 0x0621 && c <= 0x065F ? (int)(c - 0x0620) : -1;
}

/* The indexes of the first three letters of a folded key (0 past its
 * end); 0 when the key does not start with an Arabic letter. */
static int key_letters(const char *key, int *second, int *third) {
  const unsigned char *k = (const unsigned char *)key;
  size_t n = strlen(key), p = 0;
  int idx[3] = {0, 0, 0};
  for (int i = 0; i < 3 && p < n; i++) {
    uint32_t c;
    size_t l = akh_utf8_decode(k + p, n - p, &c);
    if (!l || letter_index(c) < 0) break;
    idx[i] = letter_index(c);
    p += l;
  }
  *second = idx[1];
  *third = idx[2];
  return idx[0];
}

#define LETTER_ALEF (0x0627 - 0x0620)
#define LETTER_LAM (0x0644 - 0x0620)

static void allow_key(akh_date_scanner *s, const char *key) {
  int b, c, a = key_letters(key, &b, &c);
  if (a <= 0) return;
  s->starts[a] |= (uint64_t)1 << b;
  if (a == LETTER_ALEF && b == LETTER_LAM) s->al_third |= (uint64_t)1 << c;
}

/* A proclitic و ف ب ل before a key (lookup_clitic): the clitic, then the
 * key's first letter. */
static void allow_clitic(akh_date_scanner *s, const char *key) {
  static const char *const clitics[] = {"و", "ف", "ب", "ل"};
  int b, c, a = key_letters(key, &b, &c);
  if (a <= 0) return;
  for (int i = 0; i < 4; i++) s->starts[key_letters(clitics[i], &b, &c)] |= (uint64_t)1 << a;
}

static void allow_table(akh_date_scanner *s, const akh_lex_entry *tab, int clitic) {
  for (int i = 0; tab[i].key; i++) {
    allow_key(s, tab[i].key);
    if (clitic) allow_clitic(s, tab[i].key);
  }
}

/* Every word may_start accepts has its first letters allowed here: a word
 * that fails this test is skipped unread (a fifth of the scanner's time
 * went to folding and looking up words that can start nothing). */
static void allow_starters(akh_date_scanner *s) {
  memset(s->starts, 0, sizeof s->starts);
  s->al_third = 0;
  allow_table(s, akh_lex_weekdays, 1);
  allow_table(s, akh_lex_months, 1);
  allow_table(s, akh_lex_hijri_months, 0);
  allow_table(s, akh_lex_ordinals, 0);
  allow_table(s, akh_lex_periods, 0);
  allow_table(s, akh_lex_demonstratives, 0);
  allow_table(s, akh_lex_parts, 0);
  for (int i = 0; akh_lex_months2[i].a; i++) allow_key(s, akh_lex_months2[i].a);
  for (int i = 0; akh_lex_hijri_months2[i].a; i++) allow_key(s, akh_lex_hijri_months2[i].a);
  for (int i = 0; akh_lex_starters[i]; i++) allow_key(s, akh_lex_starters[i]);
}

void akh_dates_init(akh_date_scanner *s, const char *text, size_t len) {
  s->text = text;
  s->len = text ? len : 0;
  s->pos = 0;
  allow_starters(s);
}

/* The end of the word at or after pos when its first letters cannot start
 * a date, else pos (the token is then read in full). */
static size_t skip_non_starter(const akh_date_scanner *s, size_t pos) {
  const unsigned char *t = (const unsigned char *)s->text;
  size_t p = pos, n = 0;
  uint32_t c = 0;
  while (p < s->len) {
    n = akh_utf8_decode(t + p, s->len - p, &c);
    if (n && !is_space(c)) break;
    p += n ? n : 1;
  }
  if (p >= s->len || !is_letter(c)) return pos;
  /* the first three letters (marks skipped, 0 past the word's end) */
  int idx[3] = {letter_index(c), 0, 0}, k = 1;
  size_t q = p + n;
  while (q < s->len && (n = akh_utf8_decode(t + q, s->len - q, &c)) != 0 && (is_letter(c) || is_mark(c))) {
    q += n;
    if (is_mark(c)) continue;
    if (k == 3) break;
    idx[k++] = letter_index(c);
  }
  int may = idx[0] > 0 && idx[1] >= 0 && (s->starts[idx[0]] >> idx[1] & 1);
  if (may && idx[0] == LETTER_ALEF && idx[1] == LETTER_LAM) may = idx[2] >= 0 && (s->al_third >> idx[2] & 1);
  if (may) return pos;
  /* the rest of the word, as read_tok would take it */
  while (q < s->len && (n = akh_utf8_decode(t + q, s->len - q, &c)) != 0 && (is_letter(c) || is_mark(c))) q += n;
  return q;
}

int akh_dates_next(akh_date_scanner *s, akh_date *d) {
  window w;
  while (s->pos < s->len) {
    size_t p = skip_non_starter(s, s->pos);
    if (p != s->pos) { s->pos = p; continue; }
    read_tok(s->text, s->len, &p, &w.t[0]);
    if (w.t[0].kind == T_END) { s->pos = s->len; return 0; }
    size_t after_first = p;
    if (!may_start(&w.t[0])) { s->pos = after_first; continue; }
    w.n = 1;
    while (w.n < LOOK) {
      read_tok(s->text, s->len, &p, &w.t[w.n]);
      if (w.t[w.n].kind == T_END) break;
      w.n++;
    }
    int used = match(s->text, &w, d);
    /* «من العام 2012»: the date is the year phrase; «من» alone is never a date */
    if (used && word_is(&w.t[0], "من") && used >= 1) {
      d->start = w.t[1].start;
    } else {
      d->start = w.t[0].start;
    }
    if (used > 0) {
      d->stop = w.t[used - 1].stop;
      s->pos = d->stop;
      return 1;
    }
    s->pos = after_first;
  }
  return 0;
}
