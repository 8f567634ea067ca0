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
  {"الجاري", 2}, {"الجاريه", 2}, {"الحالي", 2}, {"الحاليه", 2},
  /* duals, after two coordinated months («يونيو ويوليو الماضيين») */
  {"الماضيين", 1}, {"الماضيتين", 1}, {"المنصرمين", 1}, {"السابقين", 1}, {"المقبلين", 3},
  {"القادمين", 3}, {NULL, 0}};

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

/* Words before a bare year that make it a year when a range of years
 * follows: «من 2006 حتى 2014», «الأعوام 2012 - 2014». */
const akh_lex_entry akh_lex_year_range_cues[] = {
  {"من", 1}, {"بين", 1}, {"الاعوام", 1}, {"للاعوام", 1}, {"السنوات", 1}, {"للسنوات", 1},
  {"اعوام", 1}, {"سنوات", 1}, {"ومن", 1},
  /* a season written with its years: «موسم 1999-2000», «موسمي 1999-2000 و2012-2013» */
  {"موسم", 1}, {"موسمي", 1}, {"الموسم", 1}, {"لموسم", 1}, {"بموسم", 1}, {NULL, 0}};

/* After «العام الذي»: the year before (1) or after (3) the year just
 * written, stored +2 as akh_lex_directions. */
const akh_lex_entry akh_lex_anaphora[] = {
  {"سبقه", 1}, {"قبله", 1}, {"سبقته", 1}, {"تلاه", 3}, {"يليه", 3}, {"بعده", 3}, {"تبعه", 3},
  {NULL, 0}};

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

/* Words before a bare month name that make it a date («لشهر يوليو», «خلال
 * شهري يونيو ويوليو», a futures contract «تسليم سبتمبر»), besides
 * akh_lex_year_cues. */
const akh_lex_entry akh_lex_month_cues[] = {
  {"تسليم", 1}, {"من", 1}, {"شهر", 1}, {"لشهر", 1}, {"بشهر", 1}, {"وشهر", 1}, {"شهري", 1}, {"لشهري", 1},
  {"بشهري", 1}, {"وشهري", 1}, {"عن", 1}, {NULL, 0}};

/* Event nouns up to three words before a bare year that make it a year:
 * «كأس العالم 2014», «أولمبياد لندن 2012», «نسخة 2005», «مهرجان جدة غير
 * 2015», «رؤية 2030» (a proclitic و ب ل ف is stripped before lookup). */
const akh_lex_entry akh_lex_event_nouns[] = {
  {"كاس", 1}, {"بطوله", 1}, {"اولمبياد", 1}, {"الاولمبياد", 1}, {"اولمبياده", 1},
  {"مونديال", 1}, {"المونديال", 1}, {"مهرجان", 1}, {"نسخه", 1}, {"النسخه", 1},
  {"معرض", 1}, {"منتدي", 1}, {"مؤتمر", 1}, {"ملتقي", 1}, {"قمه", 1}, {"رؤيه", 1},
  {"خطه", 1}, {"جائزه", 1}, {"تصفيات", 1}, {"انتخابات", 1}, {"دوره", 1}, {"الدوره", 1},
  {"بطولتي", 1}, {"نسختي", 1}, {NULL, 0}};

/* Fractions before an ordinal: «النصف الأول من شهر يونيو» is half a
 * month, not its first day. */
const akh_lex_entry akh_lex_fractions[] = {
  {"النصف", 1}, {"نصف", 1}, {"الربع", 1}, {"ربع", 1}, {"الثلث", 1}, {"ثلث", 1},
  {"العشر", 1}, {"الاسبوع", 1}, {"الاسبوعين", 1}, {NULL, 0}};

/* «اليوم» is "the day", not today, before these («اليوم الأكثر دموية»,
 * «اليوم العالمي», «اليوم الأول من البطولة»; ordinals too). */
const akh_lex_entry akh_lex_day_qualifiers[] = {
  {"الاكثر", 1}, {"الاخير", 1}, {"التالي", 1}, {"الوطني", 1}, {"العالمي", 1},
  {"الدولي", 1}, {"الدراسي", 1}, {"المفتوح", 1}, {"الختامي", 1}, {"الافتتاحي", 1},
  {"الموعود", 1}, {"الحاسم", 1}, {"المشهود", 1}, {"الاخر", 1}, {"السابق", 1},
  /* «في اليوم ذاته/نفسه»: the day just named */
  {"ذاته", 1}, {"نفسه", 1}, {"عينه", 1},
  {"الواحد", 1}, {"الكامل", 1}, {"العادي", 1}, {"الخليجي", 1}, {"العربي", 1},
  {"المحدد", 1}, {"الاسود", 1}, {"الطويل", 1}, {"الاهم", 1}, {"الاصعب", 1}, {"الاسوا", 1},
  {NULL, 0}};

/* «اليوم» after these is the (trading) day: «لينهي اليوم عند 14929 نقطة». */
const akh_lex_entry akh_lex_day_enders[] = {
  {"ينهي", 1}, {"لينهي", 1}, {"وينهي", 1}, {"انهي", 1}, {"وانهي", 1}, {"منهيا", 1},
  {"تنهي", 1}, {"لتنهي", 1}, {"طوال", 1}, {"طيله", 1}, {"نهايه", 1}, {"مدار", 1}, {NULL, 0}};

/* «اليوم» after these is not today: «في نفس اليوم», «ذات اليوم» (the day
 * just named), «في ذلك اليوم» (that day), «بعد اليوم» (from now on: «لن يسكت عن حقه بعد اليوم»). */
const akh_lex_entry akh_lex_not_today_after[] = {
  {"نفس", 1}, {"بنفس", 1}, {"ذات", 1}, {"بذات", 1}, {"بعد", 1}, {"وبعد", 1}, {"فبعد", 1},
  {"ذلك", 1}, {"وذلك", 1}, {"بذلك", 1}, {NULL, 0}};

/* «اليوم الذي ...» after these is a day described, not today: «في اليوم
 * الذي وصل فيه أوباما», «سيأتي اليوم الذي ...», «ذلك اليوم الذي»; after a
 * noun it is today («لقاء اليوم الذي سيكون القمة»). */
const akh_lex_entry akh_lex_described_day_after[] = {
  {"في", 1}, {"وفي", 1}, {"ففي", 1}, {"حتي", 1}, {"منذ", 1}, {"الي", 1}, {"من", 1},
  {"ذلك", 1}, {"هو", 1}, {"هي", 1}, {"كان", 1}, {"ياتي", 1}, {"سياتي", 1}, {"فسياتي", 1},
  {"وسياتي", 1}, {"جاء", 1}, {"يجيء", 1}, {"حل", 1}, {"يحل", 1}, {NULL, 0}};

/* «أيام الأحد» (on Sundays): a weekday after these is a habit, not a day,
 * unless a date, a number or a direction word follows the weekdays
 * («أيام الأحد والاثنين والثلاثاء المقبلة»). */
const akh_lex_entry akh_lex_habit_days[] = {{"ايام", 1}, {"الايام", 1}, {NULL, 0}};

/* «قد غدا جزءا ثابتا», «حتى غدا ممزوجا»: «غدا» after these is the verb
 * "became", not tomorrow: always after «قد» (2), before an indefinite
 * accusative after the others (1: «حتى غدا» is also "until tomorrow"). */
const akh_lex_entry akh_lex_became_after[] = {
  {"قد", 2}, {"لقد", 2}, {"وقد", 2}, {"فقد", 2}, {"حتي", 1}, {"انه", 1}, {"انها", 1},
  {"الذي", 1}, {"التي", 1}, {NULL, 0}};

/* «اليوم» before these means nowadays: «الأهلي اليوم بات ...». */
const akh_lex_entry akh_lex_nowadays_after[] = {
  {"بات", 1}, {"باتت", 1}, {"اصبح", 1}, {"اصبحت", 1}, {"صار", 1}, {"صارت", 1},
  {"اضحي", 1}, {"اضحت", 1}, {"يعيش", 1}, {"نعيش", 1}, {"تعيش", 1}, {NULL, 0}};

/* «الليلة» after these is a night, not tonight: «في تلك الليلة», «منتصف الليلة». */
const akh_lex_entry akh_lex_night_before[] = {
  {"تلك", 1}, {"ذات", 1}, {"نفس", 1}, {"بنفس", 1}, {"منتصف", 1}, {"طوال", 1}, {"طيله", 1},
  {"وتلك", 1}, {"بتلك", 1}, {"تلكم", 1}, {NULL, 0}};

/* Words that may start a date expression besides the tables above (the
 * relative days, «يوم», «من», the year and month nouns). */
const char *const akh_lex_starters[] = {
  "اليوم", "واليوم", "امس", "وامس", "بالامس", "البارحه", "غدا", "وغدا", "يوم", "ويوم", "من",
  "عام", "العام", "لعام", "سنه", "السنه", "لسنه", "شهر", "الامس", "بعد", "وبعد", "اول", "واول",
  "بين", "عامي", "العامين", "سنتي", "الليله", NULL};
