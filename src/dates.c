/* dates.c — date expressions in Arabic news text: both month systems
 * (يناير…ديسمبر and كانون الثاني…كانون الأول), numeric dates, weekdays,
 * ordinal days (الثلاثين من حزيران), years after عام/العام/سنة (also glued:
 * عام2012), Arabic-Indic digits, clock times and time zones (page stamps),
 * relative words, Hijri dates marked هـ (converted with ICU's Umm al-Qura
 * calendar).  The input is untrusted: it is fuzzed (fuzz/fuzz_dates.c).
 * The words are in dates_lexicon.c, the tokenizer and the first-letter
 * filter in dates_tokens.c, the calendar arithmetic in dates_calendar.c,
 * the words that look like dates but are not in their context
 * (today/the day, tomorrow/became, tonight/a night) in dates_context.c;
 * this file is the grammar. */
#include <string.h>

#include "dates_context.h"
#include "dates_tokens.h"

/* A month name that is also a common word (akh_lex_ambiguous_months). */
static int month_word_ambiguous(const tok *t) {
  const char *const *words = akh_lex_ambiguous_months;
  for (int i = 0; words[i]; i++)
    if (t->kind == T_WORD && t->keylen <= KEYMAX && t->keylen == strlen(words[i]) &&
        memcmp(t->key, words[i], t->keylen) == 0)
      return 1;
  return 0;
}

/* ---------------------------------------------------------------- matcher */

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
  if ((v = akh_dtok_lookup_clitic(&w->t[i], akh_lex_months, &c)) != 0) { *month = v; *hijri = 0; return 1; }
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
 * Returns tokens used from i; fills *year (0 when none) and flags.  With
 * year2 (may be NULL), an academic year «1436 / 1437هـ» is read too and
 * *year2 is its second year (0 when none). */
static int year_at(const window *w, int i, int *year, int *year2, unsigned *flags, int *hmark) {
  int j = i;
  *year = 0;
  if (year2) *year2 = 0;
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
    if (year2 && j + 1 < w->n && is_punct(&w->t[j], '/') && w->t[j + 1].kind == T_NUM &&
        w->t[j + 1].ndig == w->t[j - 1].ndig && w->t[j + 1].num == y + 1) {
      *year2 = (int)y + 1;
      j += 2;
    }
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
  /* a space around a separator is common («25 / 10 / 1436 هـ», «3/ 12/
   * 1382هـ»: most spaced dates in the corpus are Hijri); a wider gap is
   * no date */
  if (s1->start - a->stop > 3 || b->start - s1->stop > 3 || s2->start - b->stop > 3 ||
      c->start - s2->stop > 3)
    return 0;
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
  /* هـ right after a numeric date: Hijri; so is an unmarked year
   * 1300-1600 («يوم الإثنين 11/ 6 / 1436»), never a Gregorian year in news */
  int hmark = i + used < w->n && word_is(&w->t[i + used], "ه");
  if (y >= 1300 && y <= 1600) {
    if (!set_hijri(d, y, m, dd)) return 0;
    if (hmark) used++;
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

/* A Gregorian month coordinated with the one before t[*j]: «و يوليو»,
 * «ويوليو», «وشهر يوليو»; its number (0 when none), *j moved past it. */
static int coordinated_month_at(const window *w, int *j, int month) {
  int i = *j, m2 = 0, h2 = 0, k;
  if (i >= w->n || w->t[i].kind != T_WORD) return 0;
  if (word_is(&w->t[i], "و") || word_is(&w->t[i], "وشهر")) i++;
  else if (!(w->t[i].keylen > 2 && memcmp(w->t[i].key, "و", 2) == 0)) return 0;
  if ((k = month_at(w, i, &m2, &h2)) == 0 || h2 || m2 == month) return 0;
  *j = i + k;
  return m2;
}

/* «مطلع/منتصف/أواخر» + a month, a year or a period («منتصف الشهر الجاري»,
 * «مطلع 2016», «أواخر عام 1430هـ»); also «منتصف الشهر» alone (this month). */
static int part_at(const char *text, const window *w, akh_date *d) {
  int part = lookup(&w->t[0], akh_lex_parts);
  if (!part || w->n < 2) return 0;
  window sub;
  sub.n = w->n - 1;
  memcpy(sub.t, w->t + 1, (size_t)sub.n * sizeof sub.t[0]);
  int used = match(text, &sub, d);
  if (used && part == 2 && (d->flags & AKH_DATE_RELATIVE) && word_is(&sub.t[0], "الليله")) {
    /* «منتصف الليلة الماضية»: the midnight that opened the day of writing */
    d->relative += 1;
    return used + 1;
  }
  if (used && !d->day && !(d->flags & (AKH_DATE_RELATIVE | AKH_DATE_WEEKDAY))) {
    d->part = part;
    return used + 1;
  }
  date_clear(d);
  /* «منتصف الشهر» alone is this month; «منذ بداية العام» is a bare
   * «العام», no year (as «أرباح العام بأكمله») */
  int unit = lookup(&w->t[1], akh_lex_periods);
  if (unit == 'm' && direction_at(w, 2) == 99) {
    d->flags |= AKH_DATE_PERIOD;
    d->unit = AKH_UNIT_MONTH;
    d->offset = 0;
    d->part = part;
    return 2;
  }
  return 0;
}

/* Try to match a date starting at w->t[0]; return tokens used (0: none). */
static int match(const char *text, const window *w, akh_date *d) {
  int i = 0, c = 0, wd_end = -1;
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
      size_t kn = akh_dtok_prev_word(text, t0->start, key);
      /* «ومطلع 2016»: the cue may carry و or ف */
      int cue = kn && (key_in(key, kn, akh_lex_year_cues) ||
                       (kn > 2 && (memcmp(key, "و", 2) == 0 || memcmp(key, "ف", 2) == 0) &&
                        key_in(key + 2, kn - 2, akh_lex_year_cues)));
      /* «كأس العالم 2014», «مهرجان جدة غير 2015»: a year in an event's name */
      int event = !cue && akh_dtok_near_before(text, t0->start, akh_lex_event_nouns);
      if (event) cue = 1;
      /* «من 2006 حتى 2014», «الأعوام 2012 - 2014»: the first year of a
       * range of years (not «من 2000 إلى 2100 ريال») */
      int ranged = w->n > 2 && is_range_word(&w->t[1]) && year_num(w, 2) > y &&
                   !(w->n > 3 && lookup(&w->t[3], akh_lex_count_nouns));
      if (!cue && ranged && kn && key_in(key, kn, akh_lex_year_range_cues)) cue = 1;
      if (!kn) {
        /* the line starts with the year */
        size_t p = t0->start;
        while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t')) p--;
        cue = p == 0 || text[p - 1] == '\n';
        if (cue && !(w->n > 1 && w->t[1].kind == T_PUNCT)) cue = 0;
      }
      /* «فلكية جدة: «2015» الأفضل»: a year alone in quotation marks */
      if (!cue && t0->start > 0 && w->n > 1 &&
          (is_punct(&w->t[1], 0xBB) || is_punct(&w->t[1], '"')) && w->t[1].start == t0->stop &&
          (text[t0->start - 1] == '"' ||
           (t0->start > 1 && (unsigned char)text[t0->start - 2] == 0xC2 &&
            (unsigned char)text[t0->start - 1] == 0xAB)))
        cue = 1;
      /* «2015-13-01» is a broken numeric date, not the year 2015 */
      int glued = !ranged && w->n > 2 && is_sep(&w->t[1]) && w->t[1].start == t0->stop &&
                  w->t[2].kind == T_NUM && w->t[2].start == w->t[1].stop;
      int counted = glued || (w->n > 1 && (lookup(&w->t[1], akh_lex_count_nouns) ||
                                           w->t[1].kind == T_NUM ||
                                 is_punct(&w->t[1], '%') || is_punct(&w->t[1], 0x066A)));
      if (cue && ranged && !marked) {
        d->year = y;
        d->year2 = year_num(w, 2);
        d->flags |= AKH_DATE_RANGE | AKH_DATE_BARE_YEAR;
        return 3;
      }
      if ((cue || marked) && !counted) {
        d->year = y;
        d->flags |= AKH_DATE_BARE_YEAR | (event ? AKH_DATE_EVENT : 0);
        return marked ? 2 : 1;
      }
    }
    date_clear(d);
  }
  if (t0->kind == T_WORD) {
    /* relative words */
    int rel = 99;
    if (word_is(t0, "اليوم") || word_is(t0, "واليوم")) {
      if (!after_rossiya(text, t0->start) && !akh_dctx_today_is_a_day(text, w)) rel = 0;
    } else if (word_is(t0, "الليله") && w->n > 1 && word_is(&w->t[1], "الماضيه")) {
      /* «الليلة الماضية»: last night */
      rel = -1;
      i = 1;
    } else if (word_is(t0, "الليله") && akh_dctx_tonight(text, w)) {
      /* «تعرض ... الليلة»: tonight, the day of writing */
      rel = 0;
    } else if (word_is(t0, "امس") || word_is(t0, "وامس") || word_is(t0, "بالامس") ||
               word_is(t0, "البارحه") || word_is(t0, "الامس")) {
      rel = -1;
      if (w->n > 1 && word_is(&w->t[1], "الاول")) { rel = -2; i = 1; }
    } else if ((word_is(t0, "غدا") || word_is(t0, "وغدا")) && !akh_dctx_became(text, w)) {
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
    /* «العام الذي سبقه», «في العام الذي تلاه»: the year before or after
     * the year just written */
    if (unit == 'y' && w->n > 2 && word_is(&w->t[1], "الذي")) {
      int off = lookup(&w->t[2], akh_lex_anaphora);
      if (off) {
        d->flags |= AKH_DATE_PERIOD | AKH_DATE_ANAPHORIC;
        d->unit = AKH_UNIT_YEAR;
        d->offset = off - 2;
        return 3;
      }
    }
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
    int wd = akh_dtok_lookup_clitic(&w->t[i], akh_lex_weekdays, &c);
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
      /* «الأحد الموافق 8 / 11 / 1436هـ», «يوم الخميس الموافق 20 آب»: the
       * weekday of the date after «الموافق» (a relative day before
       * «الموافق», «اليوم الأربعاء الموافق ...», is a date of its own) */
      if (i + 1 < w->n && (word_is(&w->t[i], "الموافق") || word_is(&w->t[i], "الموافقه")) &&
          w->t[i + 1].kind == T_NUM) {
        wd_end = i;
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
    /* «النصف الأول من شهر يونيو»: a part of the month, not a day */
    char key[KEYMAX];
    size_t kn = akh_dtok_prev_word(text, w->t[j - k].start, key);
    if (kn && key_in(key, kn, akh_lex_fractions)) return 0;
  }
  if (day && j < w->n && word_is(&w->t[j], "من")) j++;
  /* «الـ12 من الشهر الحالي», «الخامس من الشهر المقبل»: a day of a
   * relative month */
  if (day && !day2 && j + 1 < w->n && lookup(&w->t[j], akh_lex_periods) == 'm' && !(d->flags & AKH_DATE_WEEKDAY)) {
    int dir = direction_at(w, j + 1);
    if (dir != 99 && day <= 31) {
      d->flags |= AKH_DATE_PERIOD;
      d->unit = AKH_UNIT_MONTH;
      d->offset = dir;
      d->day = day;
      return j + 2;
    }
  }
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
    } else if (j < w->n && w->t[j].kind == T_WORD) {
      /* «11 سبتمبر ايلول 2001»: the other name of the same month, unmarked */
      int k2 = month_at(w, j, &m2, &h2);
      if (k2 && m2 == month && h2 == hijri) j += k2;
    }
    /* «يونيو ويوليو الماضيين», «يونيو وشهر يوليو الماضي»: two months in a row */
    int month2 = day || hijri ? 0 : coordinated_month_at(w, &j, month);
    int year = 0, hmark = 0;
    unsigned fl = 0;
    int ky = year_at(w, j, &year, NULL, &fl, &hmark);
    if (day2 && !day) return 0;
    if (month2) {
      d->flags |= AKH_DATE_RANGE;
      d->month2 = month2;
      d->year2 = year;
    }
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
        size_t kn = akh_dtok_prev_word(text, w->t[mstart].start, key);
        if (!kn || !(key_in(key, kn, akh_lex_year_cues) || key_in(key, kn, akh_lex_month_cues))) return 0;
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
        /* the range end as written (Hijri values, as hijri_*) */
        if (akh_hijri_to_gregorian(year, month, day2, &gy, &gm, &gd, NULL) == AKH_OK) {
          d->flags |= AKH_DATE_RANGE;
          d->year2 = year; d->month2 = month; d->day2 = day2;
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
    int year2;
    int ky = year_at(w, 0, &year, &year2, &fl, &hmark);
    if (ky && (fl & AKH_DATE_YEAR_WORD)) {
      if (hmark) {
        if (!set_hijri(d, year, 1, 0)) return 0;
        d->month = 0;
      } else {
        if (year < 1800 || year > 2200) return 0;
        d->year = year;
      }
      /* «عام 1436 / 1437هـ»: an academic year over two years (Hijri
       * values for a Hijri range, as hijri_*) */
      if (year2) {
        d->flags |= AKH_DATE_RANGE;
        d->year2 = year2;
      }
      d->flags |= fl;
      return ky;
    }
  }
  return 0;
weekday_only:
  /* no date after «الموافق»: the weekday alone */
  if (wd_end >= 0) i = wd_end;
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

static int weekday_tok(const tok *t) {
  int c;
  return akh_dtok_lookup_clitic(t, akh_lex_weekdays, &c) || word_is(t, "الاحد") || word_is(t, "والاحد");
}

/* «أيام الأحد» (on Sundays), «أيام الخميس والجمعة والسبت من كل أسبوع»:
 * weekdays after «أيام» name a habit, unless a number, a month or a
 * direction word follows them («أيام الأحد والاثنين والثلاثاء 10 و11 و12
 * شوال», «ايام الاحد والاثنين والثلاثاء المقبلة»).  The number of tokens
 * of the habit (0 when t[0] starts none). */
static int habit_days(const char *text, const window *w) {
  if (!weekday_tok(&w->t[0])) return 0;
  char key[KEYMAX];
  size_t kn = akh_dtok_prev_word(text, w->t[0].start, key);
  if (!kn || !akh_dtok_key_in_clitic(key, kn, akh_lex_habit_days)) return 0;
  int i = 1;
  while (i < w->n) {
    if (weekday_tok(&w->t[i])) i++;
    else if (i + 1 < w->n && (is_punct(&w->t[i], ',') || is_punct(&w->t[i], 0x060C)) && weekday_tok(&w->t[i + 1]))
      i += 2;
    else break;
  }
  if (i >= w->n) return 0; /* the window ends: cannot tell */
  int m, h;
  const tok *t = &w->t[i];
  if (t->kind == T_NUM || direction_at(w, i) != 99 || month_at(w, i, &m, &h) ||
      (is_punct(t, '(') && i + 1 < w->n && w->t[i + 1].kind == T_NUM))
    return 0;
  return i;
}

/* Cheap test: can a date start at this token? */
static int may_start(const tok *t) {
  if (t->kind == T_NUM) return 1;
  if (t->kind != T_WORD || t->keylen > KEYMAX) return 0;
  int c;
  if (akh_dtok_lookup_clitic(t, akh_lex_weekdays, &c) || word_is(t, "الاحد") || word_is(t, "والاحد")) return 1;
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
  if (month_at(&w1, 0, &m, &h)) return 1;
  /* the first word of a two-word month («كانون الأول 2014», «ذي القعدة») */
  for (int k = 0; akh_lex_months2[k].a; k++)
    if (word_is(t, akh_lex_months2[k].a)) return 1;
  for (int k = 0; akh_lex_hijri_months2[k].a; k++)
    if (word_is(t, akh_lex_hijri_months2[k].a)) return 1;
  return 0;
}

void akh_dates_init(akh_date_scanner *s, const char *text, size_t len) {
  s->text = text;
  s->len = text ? len : 0;
  s->pos = 0;
  akh_dtok_allow_starters(s);
}

int akh_dates_next(akh_date_scanner *s, akh_date *d) {
  window w;
  while (s->pos < s->len) {
    size_t p = akh_dtok_skip_non_starter(s, s->pos);
    if (p != s->pos) { s->pos = p; continue; }
    akh_dtok_read(s->text, s->len, &p, &w.t[0]);
    if (w.t[0].kind == T_END) { s->pos = s->len; return 0; }
    size_t after_first = p;
    if (!may_start(&w.t[0])) { s->pos = after_first; continue; }
    w.n = 1;
    while (w.n < LOOK) {
      akh_dtok_read(s->text, s->len, &p, &w.t[w.n]);
      if (w.t[w.n].kind == T_END) break;
      w.n++;
    }
    int habit = habit_days(s->text, &w);
    if (habit) { s->pos = w.t[habit - 1].stop; continue; }
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
