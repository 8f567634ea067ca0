/* dates_calendar.c — calendar arithmetic of the date analysis: Gregorian
 * day numbers and validity, weekdays, the year a weekday and a day imply,
 * and Hijri (Umm al-Qura) to Gregorian with ICU. */
#include <unicode/ucal.h>

#include "akhbar.h"

long akh_days_from_civil(int y, int m, int d) {
  /* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar. */
  long yy = (long)y - (m <= 2);
  long era = (yy >= 0 ? yy : yy - 399) / 400;
  long yoe = yy - era * 400;
  long mp = (m + 9) % 12;
  long doy = (153 * mp + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void akh_civil_from_days(long z, int *y, int *m, int *d) {
  z += 719468;
  long era = (z >= 0 ? z : z - 146096) / 146097;
  long doe = z - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long yy = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long dd = doy - (153 * mp + 2) / 5 + 1;
  long mm = mp < 10 ? mp + 3 : mp - 9;
  *y = (int)(yy + (mm <= 2));
  *m = (int)mm;
  *d = (int)dd;
}

int akh_date_valid(int y, int m, int d) {
  static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
  if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return 1;
}

int akh_weekday(int y, int m, int d) {
  long z = akh_days_from_civil(y, m, d);
  long w = (z + 4) % 7; /* 1970-01-01 was a Thursday */
  return (int)(w < 0 ? w + 7 : w);
}

int akh_date_infer_year(int month, int day, int weekday, int lo, int hi, int prefer) {
  if (month < 1 || month > 12 || day < 1 || day > 31 || weekday < 0 || weekday > 6) return 0;
  if (lo < 1) lo = 1;
  if (hi > 9999) hi = 9999;
  if (lo > hi) return 0;
  if (prefer < lo) prefer = lo;
  if (prefer > hi) prefer = hi;
  for (int k = 0; k <= hi - lo; k++) {
    int a = prefer - k, b = prefer + k;
    if (a >= lo && akh_date_valid(a, month, day) && akh_weekday(a, month, day) == weekday) return a;
    if (k && b <= hi && akh_date_valid(b, month, day) && akh_weekday(b, month, day) == weekday) return b;
  }
  return 0;
}

int akh_hijri_to_gregorian(int hy, int hm, int hd, int *gy, int *gm, int *gd, akh_error *err) {
  if (hy < 1300 || hy > 1600 || hm < 1 || hm > 12 || hd < 1 || hd > 30)
    return akh_fail(err, AKH_EARG, 0, "Hijri date %d-%d-%d out of range", hy, hm, hd);
  UErrorCode st = U_ZERO_ERROR;
  static const UChar utc[] = {'U', 'T', 'C', 0};
  UCalendar *cal = ucal_open(utc, -1, "en@calendar=islamic-umalqura", UCAL_DEFAULT, &st);
  if (U_FAILURE(st)) return akh_fail(err, AKH_EICU, 0, "ucal_open: %s", u_errorName(st));
  ucal_clear(cal);
  ucal_setAttribute(cal, UCAL_LENIENT, 0);
  ucal_setDateTime(cal, hy, hm - 1, hd, 12, 0, 0, &st);
  UDate ms = ucal_getMillis(cal, &st);
  ucal_close(cal);
  if (U_FAILURE(st)) return akh_fail(err, AKH_EARG, 0, "Hijri date %d-%d-%d: %s", hy, hm, hd, u_errorName(st));
  long days = (long)(ms / 86400000.0);
  if (ms < 0 && (double)days * 86400000.0 != ms) days--;
  akh_civil_from_days(days, gy, gm, gd);
  return AKH_OK;
}
