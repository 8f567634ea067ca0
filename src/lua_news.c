/* lua_news.c — binding of the news primitives (dates.c, segment.c,
 * quotes.c).  The friendly API (akhbar.parse, akhbar.dates, akhbar.quotes)
 * is lua/akhbar/news.lua.  Offsets are Lua-style: 1-based, inclusive. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua_aux.h"

static void setint(lua_State *L, const char *k, lua_Integer v) {
  lua_pushinteger(L, v);
  lua_setfield(L, -2, k);
}

static void setbool(lua_State *L, const char *k, int v) {
  if (!v) return;
  lua_pushboolean(L, 1);
  lua_setfield(L, -2, k);
}

/* core.date_scan(text) -> { {start=, stop=, year=, month=, day=, weekday=,
 * hour=, minute=, relative=, hijri={y,m,d}, numeric=, time=, zone=,
 * past=, next=, current=, year_word=, bare_year=, event=, anaphoric=, unit= ("month"|"year"),
 * offset=, year2=, month2=, day2=, part=}, ... }.  Absent parts are nil;
 * weekday is 0 (Sunday) .. 6 (Saturday); hijri[1] is 0 when the Hijri year
 * was not written. */
static int l_date_scan(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  akh_date_scanner sc;
  akh_date d;
  lua_Integer k = 0;
  akh_dates_init(&sc, s, len);
  lua_newtable(L);
  while (akh_dates_next(&sc, &d)) {
    lua_createtable(L, 0, 8);
    setint(L, "start", (lua_Integer)d.start + 1);
    setint(L, "stop", (lua_Integer)d.stop);
    if (d.year) setint(L, "year", d.year);
    if (d.month) setint(L, "month", d.month);
    if (d.day) setint(L, "day", d.day);
    if (d.weekday >= 0) setint(L, "weekday", d.weekday);
    if (d.flags & AKH_DATE_TIME) {
      setint(L, "hour", d.hour);
      setint(L, "minute", d.minute);
    }
    if (d.flags & AKH_DATE_RELATIVE) setint(L, "relative", d.relative);
    if (d.flags & AKH_DATE_HIJRI) {
      lua_createtable(L, 3, 0);
      lua_pushinteger(L, d.hijri_year);
      lua_rawseti(L, -2, 1);
      lua_pushinteger(L, d.hijri_month);
      lua_rawseti(L, -2, 2);
      lua_pushinteger(L, d.hijri_day);
      lua_rawseti(L, -2, 3);
      lua_setfield(L, -2, "hijri");
    }
    setbool(L, "numeric", d.flags & AKH_DATE_NUMERIC);
    setbool(L, "time", d.flags & AKH_DATE_TIME);
    setbool(L, "zone", d.flags & AKH_DATE_ZONE);
    setbool(L, "past", d.flags & AKH_DATE_PAST);
    setbool(L, "next", d.flags & AKH_DATE_NEXT);
    setbool(L, "year_word", d.flags & AKH_DATE_YEAR_WORD);
    setbool(L, "current", d.flags & AKH_DATE_CURRENT);
    setbool(L, "bare_year", d.flags & AKH_DATE_BARE_YEAR);
    setbool(L, "event", d.flags & AKH_DATE_EVENT);
    setbool(L, "anaphoric", d.flags & AKH_DATE_ANAPHORIC);
    if (d.flags & AKH_DATE_PERIOD) {
      lua_pushstring(L, d.unit == AKH_UNIT_MONTH ? "month" : "year");
      lua_setfield(L, -2, "unit");
      setint(L, "offset", d.offset);
    }
    if (d.flags & AKH_DATE_RANGE) {
      if (d.year2) setint(L, "year2", d.year2);
      if (d.month2) setint(L, "month2", d.month2);
      if (d.day2) setint(L, "day2", d.day2);
    }
    if (d.part) setint(L, "part", d.part);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* core.sentence_spans(text) -> { s1, e1, s2, e2, ... } (flat, 1-based inclusive). */
static int l_sentence_spans(lua_State *L) {
  size_t len, a, b;
  const char *s = luaL_checklstring(L, 1, &len);
  akh_sentence_scanner sc;
  lua_Integer k = 0;
  akh_sentences_init(&sc, s, len);
  lua_newtable(L);
  while (akh_sentences_next(&sc, &a, &b)) {
    lua_pushinteger(L, (lua_Integer)a + 1);
    lua_rawseti(L, -2, ++k);
    lua_pushinteger(L, (lua_Integer)b);
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* core.quote_spans(text) -> { {open=, close=, start=, stop=, depth=, closed=, mark=}, ... }
 * open/close are the first bytes of the marks (close = the paragraph end + 1
 * when the quotation is never closed), start/stop the trimmed content. */
static int l_quote_spans(lua_State *L) {
  size_t len, n = 0;
  const char *s = luaL_checklstring(L, 1, &len);
  akh_quote_span *v = NULL;
  akh_error e;
  if (akh_quote_spans(s, len, &v, &n, &e) != AKH_OK) return aux_raise(L, "akhbar.quote_spans", &e);
  lua_createtable(L, (int)(n < 1000000 ? n : 0), 0);
  for (size_t i = 0; i < n; i++) {
    lua_createtable(L, 0, 7);
    setint(L, "open", (lua_Integer)v[i].open + 1);
    setint(L, "close", (lua_Integer)v[i].close + 1);
    setint(L, "start", (lua_Integer)v[i].start + 1);
    setint(L, "stop", (lua_Integer)v[i].stop);
    setint(L, "depth", v[i].depth);
    lua_pushboolean(L, v[i].closed);
    lua_setfield(L, -2, "closed");
    lua_pushlstring(L, &v[i].mark, 1);
    lua_setfield(L, -2, "mark");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  free(v);
  return 1;
}

/* Fold text[a, b) into a Lua string on the stack. */
static void pushfold(lua_State *L, const char *s, size_t n) {
  luaL_Buffer B;
  char *p = luaL_buffinitsize(L, &B, n);
  luaL_pushresultsize(&B, akh_news_fold(s, n, p));
}

/* core.news_fold(s) -> the matching key (news.fold). */
static int l_news_fold(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  pushfold(L, s, len);
  return 1;
}

/* core.news_words(text, a, b [, filter]) -> { {s=, e=, pre=, post=, key=}, ... }
 * for text:sub(a, b) (news.words).  With a filter table: false, without
 * building anything, when no word's key is a key of filter (a sentence with
 * no speech verb). */
static int l_news_words(lua_State *L) {
  size_t len, rs, re, ws, we;
  const char *t = luaL_checklstring(L, 1, &len);
  lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);
  int filter = !lua_isnoneornil(L, 4);
  akh_word_scanner sc;
  lua_Integer k = 0;
  luaL_argcheck(L, a >= 1, 2, "start must be >= 1");
  if (filter) luaL_checktype(L, 4, LUA_TTABLE);
  if (b < a || (size_t)a > len) {
    lua_newtable(L);
    return 1;
  }
  if (filter) {
    int hit = 0;
    akh_words_init(&sc, t, len, (size_t)a - 1, (size_t)b);
    while (!hit && akh_words_next(&sc, &rs, &re, &ws, &we)) {
      if (ws == we) continue;
      pushfold(L, t + ws, we - ws);
      hit = lua_rawget(L, 4) != LUA_TNIL && lua_toboolean(L, -1);
      lua_pop(L, 1);
    }
    if (!hit) {
      lua_pushboolean(L, 0);
      return 1;
    }
  }
  lua_newtable(L);
  akh_words_init(&sc, t, len, (size_t)a - 1, (size_t)b);
  while (akh_words_next(&sc, &rs, &re, &ws, &we)) {
    lua_createtable(L, 0, 5);
    if (ws == we) {
      setint(L, "s", (lua_Integer)rs + 1);
      setint(L, "e", (lua_Integer)rs);
      lua_pushlstring(L, t + rs, re - rs);
      lua_setfield(L, -2, "pre");
      lua_pushliteral(L, "");
      lua_setfield(L, -2, "post");
      lua_pushliteral(L, "");
      lua_setfield(L, -2, "key");
    } else {
      setint(L, "s", (lua_Integer)ws + 1);
      setint(L, "e", (lua_Integer)we);
      lua_pushlstring(L, t + rs, ws - rs);
      lua_setfield(L, -2, "pre");
      lua_pushlstring(L, t + we, re - we);
      lua_setfield(L, -2, "post");
      pushfold(L, t + ws, we - ws);
      lua_setfield(L, -2, "key");
    }
    lua_rawseti(L, -2, ++k);
  }
  return 1;
}

/* core.token_count(s) -> the number of distinct "[^%s%p]+" tokens of s. */
static int l_token_count(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  size_t n = akh_distinct_tokens(s, len);
  if (n == (size_t)-1) return luaL_error(L, "akhbar.token_count: out of memory");
  lua_pushinteger(L, (lua_Integer)n);
  return 1;
}

/* core.token_sig(s) -> n, sig: the number of distinct "[^%s%p]+" tokens of
 * s and their signature (a string of akh_token_rec) for core.token_common. */
static int l_token_sig(lua_State *L) {
  size_t len, n;
  const char *s = luaL_checklstring(L, 1, &len);
  akh_token_rec *r;
  int rc = akh_token_signature(s, len, &r, &n);
  if (rc != AKH_OK) return luaL_error(L, "akhbar.token_sig: %s", akh_strerror(rc));
  lua_pushinteger(L, (lua_Integer)n);
  lua_pushlstring(L, (const char *)r, n * sizeof *r);
  free(r);
  return 2;
}

static const akh_token_rec *check_sig(lua_State *L, int arg, size_t textlen, size_t *n) {
  size_t len;
  const char *p = luaL_checklstring(L, arg, &len);
  luaL_argcheck(L, len % sizeof(akh_token_rec) == 0, arg, "not a token signature (core.token_sig)");
  *n = len / sizeof(akh_token_rec);
  if ((uintptr_t)p % _Alignof(akh_token_rec)) {
    /* Lua's strings are aligned in practice; copy when one is not */
    void *u = lua_newuserdatauv(L, len ? len : 1, 0);
    memcpy(u, p, len);
    lua_replace(L, arg);
    p = u;
  }
  const akh_token_rec *r = (const akh_token_rec *)(const void *)p;
  for (size_t i = 0; i < *n; i++)
    luaL_argcheck(L, (size_t)r[i].off + r[i].len <= textlen, arg, "signature of another text");
  return r;
}

/* core.token_common(a, sig_a, b, sig_b) -> number of distinct tokens in both. */
static int l_token_common(lua_State *L) {
  size_t la, lb, na, nb;
  const char *a = luaL_checklstring(L, 1, &la);
  const akh_token_rec *ra = check_sig(L, 2, la, &na);
  const char *b = luaL_checklstring(L, 3, &lb);
  const akh_token_rec *rb = check_sig(L, 4, lb, &nb);
  lua_pushinteger(L, (lua_Integer)akh_token_common(a, ra, na, b, rb, nb));
  return 1;
}

/* core.news_norm_key(s) -> the paragraph key (news.lua's norm_key). */
static int l_news_norm_key(lua_State *L) {
  size_t len;
  const char *s = luaL_checklstring(L, 1, &len);
  luaL_Buffer B;
  char *p = luaL_buffinitsize(L, &B, len);
  luaL_pushresultsize(&B, akh_news_norm_key(s, len, p));
  return 1;
}

/* core.date_valid(y, m, d) -> true when y-m-d is a real Gregorian date
 * (years 1-9999, 29 February only in leap years); false when a part is nil
 * or out of range, so that a partly written date tests false. */
static int l_date_valid(lua_State *L) {
  int ok = 1;
  int v[3] = {0, 0, 0};
  for (int i = 0; i < 3; i++) {
    if (lua_isnoneornil(L, i + 1)) { ok = 0; continue; }
    lua_Integer x = luaL_checkinteger(L, i + 1);
    if (x < -100000 || x > 100000) ok = 0;
    else v[i] = (int)x;
  }
  lua_pushboolean(L, ok && akh_date_valid(v[0], v[1], v[2]));
  return 1;
}

static int l_weekday(lua_State *L) {
  int y = (int)luaL_checkinteger(L, 1), m = (int)luaL_checkinteger(L, 2), d = (int)luaL_checkinteger(L, 3);
  luaL_argcheck(L, akh_date_valid(y, m, d), 1, "not a valid Gregorian date");
  lua_pushinteger(L, akh_weekday(y, m, d));
  return 1;
}

static int l_infer_year(lua_State *L) {
  int y = akh_date_infer_year((int)luaL_checkinteger(L, 1), (int)luaL_checkinteger(L, 2),
                              (int)luaL_checkinteger(L, 3), (int)luaL_checkinteger(L, 4),
                              (int)luaL_checkinteger(L, 5), (int)luaL_checkinteger(L, 6));
  if (y) lua_pushinteger(L, y);
  else lua_pushnil(L);
  return 1;
}

static int l_hijri(lua_State *L) {
  int gy, gm, gd;
  akh_error e;
  if (akh_hijri_to_gregorian((int)luaL_checkinteger(L, 1), (int)luaL_checkinteger(L, 2),
                             (int)luaL_checkinteger(L, 3), &gy, &gm, &gd, &e) != AKH_OK)
    return aux_failresult(L, "akhbar.hijri_to_gregorian: %s", e.message);
  lua_pushinteger(L, gy);
  lua_pushinteger(L, gm);
  lua_pushinteger(L, gd);
  return 3;
}

static int l_days(lua_State *L) {
  int y = (int)luaL_checkinteger(L, 1), m = (int)luaL_checkinteger(L, 2), d = (int)luaL_checkinteger(L, 3);
  luaL_argcheck(L, akh_date_valid(y, m, d), 1, "not a valid Gregorian date");
  lua_pushinteger(L, akh_days_from_civil(y, m, d));
  return 1;
}

static int l_civil(lua_State *L) {
  lua_Integer z = luaL_checkinteger(L, 1);
  luaL_argcheck(L, z > -700000 && z < 2900000, 1, "day number out of range");
  int y, m, d;
  akh_civil_from_days((long)z, &y, &m, &d);
  lua_pushinteger(L, y);
  lua_pushinteger(L, m);
  lua_pushinteger(L, d);
  return 3;
}

static const luaL_Reg news_funcs[] = {
  {"date_scan", l_date_scan},
  {"sentence_spans", l_sentence_spans},
  {"quote_spans", l_quote_spans},
  {"news_words", l_news_words},
  {"news_fold", l_news_fold},
  {"news_norm_key", l_news_norm_key},
  {"token_count", l_token_count},
  {"token_sig", l_token_sig},
  {"token_common", l_token_common},
  {"date_valid", l_date_valid},
  {"weekday", l_weekday},
  {"infer_year", l_infer_year},
  {"hijri_to_gregorian", l_hijri},
  {"days_from_civil", l_days},
  {"civil_from_days", l_civil},
  {NULL, NULL}};

void akh_lua_open_news(lua_State *L) {
  luaL_setfuncs(L, news_funcs, 0);
}
