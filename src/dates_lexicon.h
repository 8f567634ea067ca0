/* dates_lexicon.h — internal: the word tables of the date scanner
 * (src/dates_lexicon.c), read by src/dates.c.  Not API. */
#ifndef AKH_DATES_LEXICON_H
#define AKH_DATES_LEXICON_H

/* A folded key and its value; tables end with {NULL, 0}. */
typedef struct akh_lex_entry { const char *key; int value; } akh_lex_entry;
/* A two-word name («كانون الثاني», «ذو القعدة»); tables end with {NULL, NULL, 0}. */
typedef struct akh_lex_pair { const char *a, *b; int value; } akh_lex_pair;

extern const akh_lex_entry akh_lex_months[];        /* Gregorian month names: month 1-12 */
extern const akh_lex_pair akh_lex_months2[];        /* two-word Levantine names */
extern const akh_lex_entry akh_lex_hijri_months[];  /* one-word Hijri months: month 1-12 */
extern const akh_lex_pair akh_lex_hijri_months2[];  /* two-word Hijri months */
extern const akh_lex_entry akh_lex_weekdays[];      /* 0 Sunday .. 6 Saturday (الأحد is 0: test it by key) */
extern const akh_lex_entry akh_lex_ordinals[];      /* ordinal day words: 1-10, 20, 30 */
extern const akh_lex_entry akh_lex_directions[];    /* 1 past, 2 current, 3 next */
extern const akh_lex_entry akh_lex_periods[];       /* 'm' month, 'y' year nouns */
extern const akh_lex_entry akh_lex_demonstratives[]; /* «هذا/هذه» with clitics */
extern const akh_lex_entry akh_lex_parts[];         /* 1 early, 2 middle, 3 late */
extern const akh_lex_entry akh_lex_year_cues[];     /* words before a bare year */
extern const akh_lex_entry akh_lex_year_range_cues[]; /* «من 2006 حتى 2014»: before a range of years */
extern const akh_lex_entry akh_lex_anaphora[];   /* «العام الذي سبقه»: the year before the one written */
extern const akh_lex_entry akh_lex_count_nouns[];   /* words after a number that counts */
extern const akh_lex_entry akh_lex_month_cues[];    /* words before a bare month name */
extern const akh_lex_entry akh_lex_event_nouns[];   /* «كأس», «مهرجان» ... before a bare year */
extern const akh_lex_entry akh_lex_fractions[];     /* «النصف» ... before an ordinal */
extern const akh_lex_entry akh_lex_day_qualifiers[]; /* «اليوم الأكثر ...»: the day, not today */
extern const akh_lex_entry akh_lex_day_enders[];    /* «لينهي اليوم»: the trading day */
extern const akh_lex_entry akh_lex_not_today_after[]; /* «نفس اليوم», «بعد اليوم»: not today */
extern const akh_lex_entry akh_lex_described_day_after[]; /* «في اليوم الذي»: a day described */
extern const akh_lex_entry akh_lex_habit_days[];    /* «أيام الأحد»: on Sundays */
extern const akh_lex_entry akh_lex_became_after[];  /* «قد غدا»: the verb, not tomorrow */
extern const akh_lex_entry akh_lex_nowadays_after[]; /* «اليوم بات ...»: nowadays */
extern const akh_lex_entry akh_lex_night_before[];    /* «تلك الليلة»: a night, not tonight */
extern const char *const akh_lex_ambiguous_months[]; /* month names that are common words */
extern const char *const akh_lex_starters[];        /* other words that may start a date */

#endif
