/* dates_lexicon.c — the words of the date scanner (src/dates.c): month
 * names of both systems, Hijri months, weekdays, ordinal days, direction,
 * period and part words, and the cue words around bare years.  Keys are
 * folded as the scanner folds a token: alef forms to ا, ى to ي, ة to ه,
 * no marks.  Kept apart from the matcher so that the words can grow
 * without touching the grammar. */
#include <stddef.h>

#include "dates_lexicon.h"

/* Gregorian month names, also the Maghreb (جانفي، أوت) and Levantine ones. */
const akh_lex_entry akh_lex_months[] = {
  {"يناير", 1}, {"جانفي", 1}, {"فبراير", 2}, {"فيفري", 2}, {"شباط", 2}, {"مارس", 3},
  {"اذار", 3}, {"ابريل", 4}, {"افريل", 4}, {"نيسان", 4}, {"مايو", 5}, {"ماي", 5},
  {"ايار", 5}, {"يونيو", 6}, {"يونيه", 6}, {"جوان", 6}, {"حزيران", 6}, {"يوليو", 7},
  {"يوليه", 7}, {"جويليه", 7}, {"تموز", 7}, {"اغسطس", 8}, {"اغسطوس", 8}, {"اوت", 8},
  {"اب", 8}, {"سبتمبر", 9}, {"ايلول", 9}, {"اكتوبر", 10}, {"نوفمبر", 11},
  {"ديسمبر", 12}, {"دجنبر", 12}, {"نونبر", 11}, {"شتنبر", 9}, {"يوليوز", 7},
  {NULL, 0}};

/* Two-word month names: first word, second word, month. */
const akh_lex_pair akh_lex_months2[] = {
  {"كانون", "الثاني", 1}, {"كانون", "الاول", 12}, {"تشرين", "الاول", 10},
  {"تشرين", "الثاني", 11}, {NULL, NULL, 0}};

const akh_lex_entry akh_lex_hijri_months[] = {
  {"محرم", 1}, {"صفر", 2}, {"رجب", 7}, {"شعبان", 8}, {"رمضان", 9}, {"شوال", 10}, {NULL, 0}};
const akh_lex_pair akh_lex_hijri_months2[] = {
  {"ربيع", "الاول", 3}, {"ربيع", "الاخر", 4}, {"ربيع", "الثاني", 4},
  {"جمادي", "الاولي", 5}, {"جمادي", "الاول", 5}, {"جمادي", "الاخره", 6},
  {"جمادي", "الثانيه", 6}, {"جمادي", "الاخر", 6}, {"ذو", "القعده", 11},
  {"ذي", "القعده", 11}, {"ذو", "الحجه", 12}, {"ذي", "الحجه", 12}, {NULL, NULL, 0}};

const akh_lex_entry akh_lex_weekdays[] = {
  {"الاحد", 0}, {"الاثنين", 1}, {"الثلاثاء", 2}, {"الاربعاء", 3}, {"الخميس", 4},
  {"الجمعه", 5}, {"السبت", 6}, {NULL, 0}};

const akh_lex_entry akh_lex_ordinals[] = {
  {"الاول", 1}, {"الحادي", 1}, {"الثاني", 2}, {"الثالث", 3}, {"الرابع", 4},
  {"الخامس", 5}, {"السادس", 6}, {"السابع", 7}, {"الثامن", 8}, {"التاسع", 9},
  {"العاشر", 10}, {"العشرين", 20}, {"الثلاثين", 30}, {NULL, 0}};

/* Direction words after a month, a weekday or a period: -1 past, +1 next,
 * 0 current (stored +2 so that 0 means "not a direction word"). */
const akh_lex_entry akh_lex_directions[] = {
  {"الماضي", 1}, {"الماضيه", 1}, {"المنصرم", 1}, {"المنصرمه", 1}, {"الفائت", 1},
  {"الفائته", 1}, {"الفايت", 1}, {"السابق", 1}, {"السابقه", 1},
  {"المقبل", 3}, {"المقبله", 3}, {"القادم", 3}, {"القادمه", 3},
  {"الجاري", 2}, {"الجاريه", 2}, {"الحالي", 2}, {"الحاليه", 2}, {NULL, 0}};

/* Period nouns (with the clitics they take in news text): 'm' month, 'y' year. */
const akh_lex_entry akh_lex_periods[] = {
  {"العام", 'y'}, {"السنه", 'y'}, {"للعام", 'y'}, {"للسنه", 'y'}, {"والعام", 'y'},
  {"والسنه", 'y'}, {"بالعام", 'y'}, {"فالعام", 'y'}, {"الشهر", 'm'}, {"للشهر", 'm'},
  {"والشهر", 'm'}, {"بالشهر", 'm'}, {"وللعام", 'y'}, {"وللسنه", 'y'}, {"وللشهر", 'm'},
  {NULL, 0}};

/* «هذا العام», «هذه السنة», «لهذا الشهر»: the demonstrative before a period noun. */
const akh_lex_entry akh_lex_demonstratives[] = {
  {"هذا", 1}, {"هذه", 1}, {"لهذا", 1}, {"لهذه", 1}, {"وهذا", 1}, {"وهذه", 1},
  {"بهذا", 1}, {"بهذه", 1}, {"فهذا", 1}, {NULL, 0}};

/* Part of a month or a year: 1 early, 2 middle, 3 late. */
const akh_lex_entry akh_lex_parts[] = {
  {"مطلع", 1}, {"بدايه", 1}, {"اوائل", 1}, {"مستهل", 1}, {"ومطلع", 1}, {"وبدايه", 1},
  {"منتصف", 2}, {"اواسط", 2}, {"ومنتصف", 2}, {"اواخر", 3}, {"نهايه", 3}, {"ختام", 3},
  {"واواخر", 3}, {"ونهايه", 3}, {"بدايات", 1}, {"نهايات", 3}, {NULL, 0}};

/* Words before a bare year number that make it a year: «في 2014», «منذ 2011». */
const akh_lex_entry akh_lex_year_cues[] = {
  {"في", 1}, {"منذ", 1}, {"حتي", 1}, {"قبل", 1}, {"بعد", 1}, {"خلال", 1}, {"مطلع", 1},
  {"بدايه", 1}, {"منتصف", 1}, {"نهايه", 1}, {"اواخر", 1}, {"اوائل", 1}, {"ل", 1},
  {"و", 1}, {"الي", 1}, {"وفي", 1}, {"ومنذ", 1}, {"وحتي", 1}, {"لغايه", 1}, {NULL, 0}};

/* Words after a number that make it a count, not a year: «في 2000 ريال». */
const akh_lex_entry akh_lex_count_nouns[] = {
  {"ريال", 1}, {"ريالا", 1}, {"دولار", 1}, {"دولارا", 1}, {"يورو", 1}, {"جنيه", 1},
  {"درهم", 1}, {"دينار", 1}, {"مليون", 1}, {"مليار", 1}, {"الف", 1}, {"متر", 1},
  {"مترا", 1}, {"كيلو", 1}, {"كيلومتر", 1}, {"كم", 1}, {"طن", 1}, {"شخص", 1},
  {"حاله", 1}, {"طالب", 1}, {"طالبه", 1}, {"موظف", 1}, {"وحده", 1}, {"سهم", 1},
  {"نقطه", 1}, {"برميل", 1}, {"قدم", 1}, {"مشروع", 1}, {"عامل", 1}, {"ساعه", 1},
  {"دقيقه", 1}, {"يوم", 1}, {"سنه", 1}, {"عام", 1}, {"مره", 1}, {NULL, 0}};

/* Month names that are also common words (مارس "practised", أب "father",
 * صفر "zero", رجب and محرم names or adjectives): a date only with a day,
 * a year, a direction word or «شهر» before them. */
const char *const akh_lex_ambiguous_months[] = {
  "مارس", "اب", "ماي", "اوت", "جوان", "نيسان", "صفر", "رجب", "محرم", "اذار", NULL};

/* Words that may start a date expression besides the tables above (the
 * relative days, «يوم», «من», the year and month nouns). */
const char *const akh_lex_starters[] = {
  "اليوم", "واليوم", "امس", "وامس", "بالامس", "البارحه", "غدا", "وغدا", "يوم", "ويوم", "من",
  "عام", "العام", "لعام", "سنه", "السنه", "لسنه", "شهر", "الامس", "بعد", "وبعد", "اول", "واول",
  "بين", "عامي", "العامين", "سنتي", NULL};
