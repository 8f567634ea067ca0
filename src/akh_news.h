/* akh_news.h — news structure: dates, sentences, quotation marks.
 * Included by akhbar.h.  Plain C, no Lua.
 *
 * Offsets are byte offsets into the ORIGINAL text, 0-based, [start, stop).
 * The attribution of quotes (speaker, verb, carry-over) is rule work that
 * changes often and needs the gazetteer, so it lives in Lua
 * (lua/akhbar/news.lua) on top of these primitives; what is here is the part
 * that reads untrusted bytes at corpus scale and is fuzzed. */
#ifndef AKH_NEWS_H
#define AKH_NEWS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- dates */

enum akh_date_flag {
  AKH_DATE_NUMERIC   = 1u << 0, /* written with digits only: 23-11-2024, 2015/09/10 */
  AKH_DATE_HIJRI     = 1u << 1, /* marked هـ (or a Hijri month name); y/m/d converted to Gregorian */
  AKH_DATE_TIME      = 1u << 2, /* followed by a clock time: hour/minute valid */
  AKH_DATE_ZONE      = 1u << 3, /* followed by «بتوقيت ...» or GMT: a page/crawl stamp */
  AKH_DATE_RELATIVE  = 1u << 4, /* اليوم, أمس, أمس الأول, غدا: day offset in `relative` */
  AKH_DATE_WEEKDAY   = 1u << 5, /* a weekday was written (weekday valid) */
  AKH_DATE_PAST      = 1u << 6, /* «الماضي»: the last such weekday before the anchor */
  AKH_DATE_NEXT      = 1u << 7, /* «المقبل/القادم»: the next such weekday after the anchor */
  AKH_DATE_YEAR_WORD = 1u << 8, /* the year was introduced by عام/العام/سنة */
  AKH_DATE_PERIOD    = 1u << 9, /* «العام الماضي», «الشهر المقبل», «هذا العام»: `unit` and `offset` */
  AKH_DATE_RANGE     = 1u << 10, /* «من 10 إلى 15 أغسطس», «عامي 2010 و2014»: the end in year2/month2/day2 */
  AKH_DATE_CURRENT   = 1u << 11, /* «الجاري/الحالي»: the current month or year (with a month name) */
  AKH_DATE_BARE_YEAR = 1u << 12, /* a year number without عام, after a cue word (في، منذ، حتى ...) */
  AKH_DATE_EVENT     = 1u << 13, /* a bare year in an event's name: «كأس العالم 2014», «مهرجان ... 2015» */
  AKH_DATE_ANAPHORIC = 1u << 14  /* a PERIOD counted from the year written before it, not from the
                                  * publication day: «العام الذي سبقه» (offset -1) */
};

/* Units of AKH_DATE_PERIOD. */
enum akh_date_unit { AKH_UNIT_MONTH = 1, AKH_UNIT_YEAR = 2 };

typedef struct akh_date {
  size_t start, stop;   /* span in the original text */
  int year;             /* Gregorian year, 0 when not written */
  int month;            /* 1-12, 0 when not written */
  int day;              /* 1-31, 0 when not written */
  int weekday;          /* 0 = Sunday .. 6 = Saturday, -1 when not written */
  int hour, minute;     /* valid with AKH_DATE_TIME (24-hour clock), else -1 */
  int relative;         /* day offset with AKH_DATE_RELATIVE: 0 today, -1 yesterday ... */
  int hijri_year, hijri_month, hijri_day; /* as written, with AKH_DATE_HIJRI; hijri_year 0
                         * when not written («13 شعبان»): year/month/day are then 0 too */
  int unit, offset;     /* with AKH_DATE_PERIOD: akh_date_unit and -1 (last), 0 (this), +1 (next) */
  int year2, month2, day2; /* with AKH_DATE_RANGE: the last day/month/year, 0 when not written
                         * (Hijri ranges: the Hijri values, like hijri_*) */
  int part;             /* 1 «مطلع/بداية/أوائل», 2 «منتصف/أواسط», 3 «أواخر/نهاية»: part of the month or year */
  unsigned flags;       /* akh_date_flag */
} akh_date;

/* A streaming scanner over text.  The text must stay alive and unchanged
 * while the scanner is used. */
typedef struct akh_date_scanner {
  const char *text;
  size_t len, pos;
  /* private, set by akh_dates_init: bit b of starts[a] is set when a word
   * whose first two letters are a and b (Arabic letters as U+0620 + index,
   * folded; b = 0 for a one-letter word) may start a date; al_third, the
   * same for the third letter of a word that starts with «ال» */
  uint64_t starts[64];
  uint64_t al_third;
} akh_date_scanner;

AKH_API void akh_dates_init(akh_date_scanner *s, const char *text, size_t len);

/* 1 and *d filled with the next date expression; 0 at the end.  Invalid
 * UTF-8 is skipped byte by byte (dates are ASCII/Arabic only), so this never
 * fails.  Dates that cannot exist (31 February, month 13) are not reported. */
AKH_API int akh_dates_next(akh_date_scanner *s, akh_date *d);

/* Day of week of a Gregorian date: 0 = Sunday .. 6 = Saturday. */
AKH_API int akh_weekday(int year, int month, int day);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
AKH_API long akh_days_from_civil(int year, int month, int day);
AKH_API void akh_civil_from_days(long days, int *year, int *month, int *day);

/* 1 if year/month/day is a real Gregorian date. */
AKH_API int akh_date_valid(int year, int month, int day);

/* The year in which day/month falls on `weekday`, chosen among years
 * lo..hi (inclusive): the one nearest `prefer` (ties go to the earlier
 * year).  0 when none matches (or the arguments make no sense). */
AKH_API int akh_date_infer_year(int month, int day, int weekday,
                                int lo, int hi, int prefer);

/* Hijri (Umm al-Qura, ICU calendar "islamic-umalqura") to Gregorian.
 * AKH_OK or AKH_EARG (date out of range) / AKH_EICU. */
AKH_API int akh_hijri_to_gregorian(int hy, int hm, int hd, int *gy, int *gm,
                                   int *gd, akh_error *err);

/* ---------------------------------------------------------------- sentences */

/* Sentences inside one paragraph-free run of text: ends at . ! ? ؟ ؛ … and
 * at line breaks; never inside a quotation (“…”, «…», "…"); not after a
 * digit followed by a digit (3.5) nor after a one-letter abbreviation
 * (أ.ف.ب).  Spaces around a sentence are not part of it. */
typedef struct akh_sentence_scanner {
  const char *text;
  size_t len, pos;
} akh_sentence_scanner;

AKH_API void akh_sentences_init(akh_sentence_scanner *s, const char *text, size_t len);
/* 1 and [*start, *stop) filled; 0 at the end. */
AKH_API int akh_sentences_next(akh_sentence_scanner *s, size_t *start, size_t *stop);

/* ---------------------------------------------------------------- words */

/* The words the attribution rules of news.lua walk: runs of non-space
 * bytes (ASCII isspace) inside [from, to), also split at NBSP, each with the
 * punctuation glued to it (ASCII ispunct, “ ” « » ، ؛ ؟ … – — ‘ ’ ٪) taken
 * off both ends.  The run is [raw_start, raw_stop); the word [start, stop)
 * (start == stop == raw_stop when the run is punctuation only).  A byte
 * for byte port of the Lua scanner it replaces (news.words): same words,
 * same offsets, on any input. */
typedef struct akh_word_scanner {
  const char *text;
  size_t len, pos, end;
} akh_word_scanner;

AKH_API void akh_words_init(akh_word_scanner *s, const char *text, size_t len,
                            size_t from, size_t to);
/* 1 and the spans filled; 0 at the end. */
AKH_API int akh_words_next(akh_word_scanner *s, size_t *raw_start, size_t *raw_stop,
                           size_t *start, size_t *stop);

/* The matching key of news.lua's fold: أ إ آ ٱ to ا, ى to ي, ة to ه, no
 * tatweel nor harakat (U+064B-065F, U+0670), Arabic-Indic and extended
 * digits to ASCII; every other byte copied.  `out` has room for n bytes;
 * returns the key's length (<= n). */
AKH_API size_t akh_news_fold(const char *s, size_t n, char *out);

/* The paragraph key of news.lua's norm_key: the fold above with ، ؛ ؟ as
 * spaces; “ ” « » … – — and NBSP as spaces; ASCII lower case; every run of
 * ASCII punctuation or space as one space; then the bytes 9-13, 32, 0xC2
 * and 0xA0 stripped at both ends (byte-wise, as the Lua trim did).  `out`
 * has room for n bytes; returns the key's length (<= n). */
AKH_API size_t akh_news_norm_key(const char *s, size_t n, char *out);

/* The number of distinct tokens of s[0, n), a token being a maximal run of
 * bytes that are neither ASCII space nor ASCII punctuation (Lua's
 * "[^%s%p]+"): the size of news.lua's paragraph token sets.  (size_t)-1
 * when memory runs out. */
AKH_API size_t akh_distinct_tokens(const char *s, size_t n);

/* The distinct tokens of s[0, n) (as akh_distinct_tokens) as a signature
 * for near-duplicate tests: *out (malloc'd, free with free()) receives
 * *count records {64-bit hash, offset, length} sorted by (hash, length,
 * bytes), one per distinct token.  AKH_OK or AKH_ENOMEM. */
typedef struct akh_token_rec {
  uint64_t hash;
  uint32_t off, len;
} akh_token_rec;

AKH_API int akh_token_signature(const char *s, size_t n, akh_token_rec **out, size_t *count);

/* The number of tokens two signatures share (exact: equal hashes are
 * confirmed on the bytes).  a/b are the texts the signatures were made of. */
AKH_API size_t akh_token_common(const char *a, const akh_token_rec *ra, size_t na,
                                const char *b, const akh_token_rec *rb, size_t nb);

/* ---------------------------------------------------------------- quotes */

/* One quotation: the marks at [open, open_stop) and [close, close_stop),
 * the content [start, stop) between them, trimmed of spaces.  An opening
 * mark never closed before the end of its paragraph (a line break) closes
 * there: `closed` is 0 and close == close_stop == end of the paragraph.
 * depth 0 is an outermost quotation; nested ones are reported too (after
 * their parent), with depth >= 1. */
typedef struct akh_quote_span {
  size_t open, open_stop, close, close_stop;
  size_t start, stop;
  int depth;
  int closed;
  char mark;  /* '"' for ASCII, 'c' for “ ”, 'g' for « » */
} akh_quote_span;

/* The quotation mark at text[i], if any: returns 1 for an opening mark
 * (“ «, or an ASCII " after a space, the start, punctuation or a one-letter
 * proclitic and before a non-space), -1 for a closing mark (” », or " after
 * a non-space and before a space, punctuation or the end), 2 for an ASCII "
 * that could be either (the caller decides: it closes an open " ), 0 for no
 * mark.  *mlen gets the mark's byte length, *type '"', 'c' or 'g'. */
AKH_API int akh_quote_mark(const char *text, size_t len, size_t i, size_t *mlen, char *type);

/* Find every quotation in text[0..len).  Quote marks are paired with a
 * stack: “ and « open, ” and » close; an ASCII " opens when it follows a
 * space, start, punctuation or a one-letter proclitic (و"ركزت) and is
 * followed by a non-space, and closes otherwise.  *out receives a malloc'd
 * array (free with free()) ordered by opening position; *n its length.
 * AKH_OK, AKH_ENOMEM or AKH_ETOOBIG. */
AKH_API int akh_quote_spans(const char *text, size_t len, akh_quote_span **out,
                            size_t *n, akh_error *err);

#ifdef __cplusplus
}
#endif

#endif
