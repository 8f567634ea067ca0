/* tokenize.c — the word tokenizer: a streaming cursor over the ORIGINAL
 * (unnormalised) UTF-8 text, reporting byte spans [start, stop).
 *
 * Classes of code points (fast tables for ASCII and U+0600-06FF, ICU's
 * u_charType / uscript_hasScript for everything else):
 *   space   Unicode White_Space, controls (Cc, including NUL) and format
 *           characters (Cf: LRM RLM ALM BOM bidi controls ZWSP ...): skipped
 *           between tokens and never part of one;
 *   join    ZWNJ U+200C, ZWJ U+200D, SHY U+00AD, WJ U+2060: kept INSIDE a
 *           word when a word character follows, skipped otherwise;
 *   letter  Arabic-script letters (Arabic, Supplement, Extended-A,
 *           presentation forms FB50-FDFF FE70-FEFF) or other letters;
 *   mark    combining marks (harakat, Quranic marks, U+0300...); tatweel;
 *   digit   decimal digits of any script (Nd): 0-9 ٠-٩ ۰-۹ ...;
 *   punct   everything else.
 *
 * Tokens, tried in this order at the first non-space code point:
 *   url      "http://", "https://" or "www." (ASCII case-insensitive)
 *            followed by at least one more character, up to white space, a
 *            control/format character or one of < > " ` { } | \ ^ “ ” „ «
 *            » ‘ ‛ … ، ؛ ؟; then trailing . , ; : ! ? ' * ] and an
 *            unbalanced ) are given back to the text (they end sentences);
 *   email    ASCII local part [A-Za-z0-9._%+-]+ (starting alphanumeric),
 *            "@", then two or more ASCII labels [A-Za-z0-9-]+ joined by ".";
 *   hashtag  "#" and mention "@" followed by a word body: letters of any
 *            script, marks, tatweel, digits, "_" (joiners inside);
 *   arabic   an Arabic letter (or tatweel run leading to one), then Arabic
 *            letters, marks, tatweel and inner joiners: vocalised words,
 *            العـربية and لـ stay one token;
 *   latin    a non-Arabic letter, then letters, marks, digits (G20, MH17)
 *            and inner joiners; ' and ’ between two letters (Putin’s);
 *   number   a digit, then digits; one of . , : / - ٫ ٬ joins digits only
 *            when a digit follows it: 2,254  3.5  ١٢٫٥  10:39  23-11-2024
 *            2015/09/10.  A separator not followed by a digit ("0940777186/")
 *            is punctuation.  Letters never join a number (عام2012 is two
 *            tokens; 5G is a number and a latin word);
 *   punct    one code point, with the combining marks that follow it.
 * Invalid UTF-8 stops the cursor: tokens before the bad byte are returned,
 * then -AKH_EUTF8 with err->offset at the bad byte (and again on every later
 * call).  Arabic text runs through the table path: no ICU call per letter. */
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "akhbar.h"
#include "utf8.h"

enum {
  C_SPACE, C_JOIN, C_ARL, C_ARM, C_TATWEEL, C_LET, C_MARK, C_DIG, C_PUNCT, C_BAD
};

/* 0x00-0x7F.  Controls are skipped like spaces. */
static const unsigned char ascii_cls[128] = {
  [0x00 ... 0x20] = C_SPACE,
  [0x21 ... 0x2F] = C_PUNCT,
  ['0' ... '9'] = C_DIG,
  [0x3A ... 0x40] = C_PUNCT,
  ['A' ... 'Z'] = C_LET,
  [0x5B ... 0x60] = C_PUNCT,
  ['a' ... 'z'] = C_LET,
  [0x7B ... 0x7E] = C_PUNCT,
  [0x7F] = C_SPACE,
};

/* U+0600-06FF (Unicode 15 general categories; checked against ICU by
 * fuzz/fuzz_tokens.c). */
static const unsigned char arabic_cls[256] = {
  [0x00 ... 0x0F] = C_PUNCT, /* number signs (Cf, visible), ؆ ؇ ؈ ؉ ؊ ؋ ، ؍ ؎ ؏ */
  [0x10 ... 0x1A] = C_ARM,
  [0x1B] = C_PUNCT,          /* ؛ */
  [0x1C] = C_SPACE,          /* ALM, an invisible bidi mark */
  [0x1D ... 0x1F] = C_PUNCT, /* ؝ ؞ ؟ */
  [0x20 ... 0x3F] = C_ARL,
  [0x40] = C_TATWEEL,
  [0x41 ... 0x4A] = C_ARL,
  [0x4B ... 0x5F] = C_ARM,
  [0x60 ... 0x69] = C_DIG,
  [0x6A ... 0x6D] = C_PUNCT, /* ٪ ٫ ٬ ٭ */
  [0x6E ... 0x6F] = C_ARL,
  [0x70] = C_ARM,
  [0x71 ... 0xD3] = C_ARL,
  [0xD4] = C_PUNCT,          /* ۔ */
  [0xD5] = C_ARL,
  [0xD6 ... 0xDC] = C_ARM,
  [0xDD ... 0xDE] = C_PUNCT,
  [0xDF ... 0xE4] = C_ARM,
  [0xE5 ... 0xE6] = C_ARL,
  [0xE7 ... 0xE8] = C_ARM,
  [0xE9] = C_PUNCT,
  [0xEA ... 0xED] = C_ARM,
  [0xEE ... 0xEF] = C_ARL,
  [0xF0 ... 0xF9] = C_DIG,
  [0xFA ... 0xFC] = C_ARL,
  [0xFD ... 0xFE] = C_PUNCT,
  [0xFF] = C_ARL,
};

static int classify_slow(uint32_t cp) {
  UChar32 c = (UChar32)cp;
  if (cp == 0x200C || cp == 0x200D || cp == 0x00AD || cp == 0x2060) return C_JOIN;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER: case U_OTHER_LETTER:
      return uscript_hasScript(c, USCRIPT_ARABIC) ? C_ARL : C_LET;
    case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
      return uscript_hasScript(c, USCRIPT_ARABIC) ? C_ARM : C_MARK;
    case U_DECIMAL_DIGIT_NUMBER:
      return C_DIG;
    case U_SPACE_SEPARATOR: case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR:
    case U_CONTROL_CHAR: case U_FORMAT_CHAR:
      return C_SPACE;
    default:
      return u_isUWhiteSpace(c) ? C_SPACE : C_PUNCT;
  }
}

/* Class of the code point at s[i] (i < n); *l its length, *cp its value. */
static inline int cls_at(const unsigned char *s, size_t n, size_t i, size_t *l, uint32_t *cp) {
  unsigned char c = s[i];
  if (c < 0x80) {
    *l = 1;
    *cp = c;
    return ascii_cls[c];
  }
  if (c >= 0xD8 && c <= 0xDB && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
    unsigned idx = ((unsigned)(c & 3) << 6) | (s[i + 1] & 0x3F);
    *l = 2;
    *cp = 0x600 + idx;
    return arabic_cls[idx];
  }
  *l = akh_utf8_decode(s + i, n - i, cp);
  if (*l == 0) return C_BAD;
  return classify_slow(*cp);
}

/* Class at i, or C_SPACE past the end (so look-ahead needs no bound test). */
static inline int peek(const unsigned char *s, size_t n, size_t i) {
  size_t l;
  uint32_t cp;
  return i < n ? cls_at(s, n, i, &l, &cp) : C_SPACE;
}

/* End of a word starting at i whose characters satisfy `in`; joiners are
 * kept only when a word character follows them. */
#define WORD_SCAN(in)                                      \
  do {                                                     \
    size_t last_ = i;                                      \
    while (i < n) {                                        \
      size_t l_;                                           \
      uint32_t cp_ = 0;                                      \
      int k = cls_at(s, n, i, &l_, &cp_);                  \
      if (in) { i += l_; last_ = i; }                      \
      else if (k == C_JOIN) i += l_;                       \
      else break;                                          \
    }                                                      \
    i = last_;                                             \
  } while (0)

static size_t scan_arabic_slow(const unsigned char *s, size_t n, size_t i) {
  WORD_SCAN(k == C_ARL || k == C_ARM || k == C_TATWEEL || k == C_MARK);
  return i;
}

/* The hot loop: two-byte Arabic-block letters straight from the table; any
 * other code point goes through the general scan. */
static size_t scan_arabic(const unsigned char *s, size_t n, size_t i) {
  for (;;) {
    while (i + 1 < n && (s[i] & 0xFC) == 0xD8 && (s[i + 1] & 0xC0) == 0x80) {
      int k = arabic_cls[((unsigned)(s[i] & 3) << 6) | (s[i + 1] & 0x3F)];
      if (k != C_ARL && k != C_ARM && k != C_TATWEEL) return i;
      i += 2;
    }
    if (i >= n || s[i] < 0x80) return i;
    size_t j = scan_arabic_slow(s, n, i);
    if (j == i) return i;
    i = j;
  }
}

static size_t scan_body(const unsigned char *s, size_t n, size_t i) {
  WORD_SCAN(k == C_ARL || k == C_ARM || k == C_TATWEEL || k == C_LET || k == C_MARK ||
            k == C_DIG || cp_ == '_');
  return i;
}

static size_t scan_latin(const unsigned char *s, size_t n, size_t i) {
  for (;;) {
    WORD_SCAN(k == C_LET || k == C_MARK || k == C_DIG);
    /* An apostrophe between two letters stays inside: Putin’s, O'Brien. */
    size_t a = 0;
    if (i < n && s[i] == '\'') a = 1;
    else if (i + 2 < n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x99) a = 3;
    if (a && peek(s, n, i + a) == C_LET) i += a;
    else return i;
  }
}

/* A separator that joins two digits; *l its length in bytes. */
static inline int digit_sep(const unsigned char *s, size_t n, size_t i, size_t *l) {
  switch (s[i]) {
    case '.': case ',': case ':': case '/': case '-': *l = 1; return 1;
    case 0xD9: /* ٫ U+066B, ٬ U+066C */
      if (i + 1 < n && (s[i + 1] == 0xAB || s[i + 1] == 0xAC)) { *l = 2; return 1; }
      return 0;
    default: return 0;
  }
}

static size_t scan_number(const unsigned char *s, size_t n, size_t i) {
  while (i < n) {
    size_t l;
    uint32_t cp;
    if (cls_at(s, n, i, &l, &cp) == C_DIG) { i += l; continue; }
    if (digit_sep(s, n, i, &l) && peek(s, n, i + l) == C_DIG) { i += l; continue; }
    break;
  }
  return i;
}

static inline int ascii_ieq(const unsigned char *s, size_t n, size_t i, const char *lit) {
  size_t m = strlen(lit);
  if (n - i < m) return 0;
  for (size_t j = 0; j < m; j++) {
    unsigned char c = s[i + j];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    if (c != (unsigned char)lit[j]) return 0;
  }
  return 1;
}

/* Code points that end a URL besides spaces and controls. */
static int url_stop(uint32_t cp) {
  switch (cp) {
    case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^':
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: case 0x2018: case 0x201B:
    case 0x2026: case 0x060C: case 0x061B: case 0x061F:
      return 1;
    default:
      return 0;
  }
}

/* If a URL starts at i, its end; else 0.  *bad set on invalid UTF-8 inside. */
static size_t scan_url(const unsigned char *s, size_t n, size_t i) {
  size_t p;
  if (ascii_ieq(s, n, i, "https://")) p = i + 8;
  else if (ascii_ieq(s, n, i, "http://")) p = i + 7;
  else if (ascii_ieq(s, n, i, "www.")) p = i + 4;
  else return 0;
  size_t body = p;
  while (p < n) {
    size_t l;
    uint32_t cp;
    int k = cls_at(s, n, p, &l, &cp);
    if (k == C_SPACE || k == C_BAD || (k == C_JOIN && cp != 0x200D && cp != 0x200C) || url_stop(cp)) break;
    p += l;
  }
  /* Give back sentence punctuation; keep ")" when the URL opened one. */
  while (p > body) {
    unsigned char c = s[p - 1];
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
        c == '*' || c == ']') {
      p--;
    } else if (c == ')') {
      long depth = 0;
      for (size_t q = body; q < p; q++) depth += (s[q] == '(') - (s[q] == ')');
      if (depth < 0) p--;
      else break;
    } else if (p - body >= 3 && s[p - 3] == 0xE2 && s[p - 2] == 0x80 && s[p - 1] == 0x99) {
      p -= 3; /* ’ */
    } else {
      break;
    }
  }
  return p > body ? p : 0;
}

static inline int is_alnum_ascii(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* If an email address starts at i, its end; else 0. */
static size_t scan_email(const unsigned char *s, size_t n, size_t i) {
  size_t p = i;
  while (p < n && (is_alnum_ascii(s[p]) || s[p] == '.' || s[p] == '_' || s[p] == '%' ||
                   s[p] == '+' || s[p] == '-'))
    p++;
  if (p >= n || s[p] != '@' || p == i) return 0;
  p++;
  size_t labels = 0, end = 0;
  for (;;) {
    size_t q = p;
    while (q < n && (is_alnum_ascii(s[q]) || s[q] == '-')) q++;
    if (q == p) break;
    labels++;
    end = q;
    if (q + 1 < n && s[q] == '.' && (is_alnum_ascii(s[q + 1]) || s[q + 1] == '-')) p = q + 1;
    else break;
  }
  return labels >= 2 ? end : 0;
}

/* One punctuation code point of length l at i, with the marks after it. */
static size_t scan_punct(const unsigned char *s, size_t n, size_t i, size_t l) {
  i += l;
  while (i < n) {
    size_t m;
    uint32_t cp;
    int k = cls_at(s, n, i, &m, &cp);
    if (k != C_MARK && k != C_ARM) break;
    i += m;
  }
  return i;
}

const char *akh_token_kind_name(akh_token_kind k) {
  static const char *const names[] = {"?", "arabic", "latin", "number", "punct",
                                      "url", "email", "hashtag", "mention"};
  return (k >= 1 && k <= AKH_TOK_MENTION) ? names[k] : "?";
}

void akh_tokenizer_init(akh_tokenizer *t, const char *text, size_t len) {
  t->text = text;
  t->len = text ? len : 0;
  t->pos = 0;
}

int akh_tokenizer_next(akh_tokenizer *t, akh_token *tok, akh_error *err) {
  const unsigned char *s = (const unsigned char *)t->text;
  size_t n = t->len, i = t->pos, l = 0;
  uint32_t cp = 0;
  int k = C_SPACE;

  while (i < n) {
    /* Fast skip of ASCII spaces (most separators). */
    if (s[i] == ' ' || s[i] == '\n') { i++; continue; }
    k = cls_at(s, n, i, &l, &cp);
    if (k != C_SPACE && k != C_JOIN) break;
    i += l;
  }
  t->pos = i;
  if (i >= n) return 0;
  if (k == C_BAD) return -akh_fail(err, AKH_EUTF8, i, "invalid UTF-8 at byte %zu", i);

  size_t start = i, stop;
  akh_token_kind kind;
  switch (k) {
    case C_ARL:
      stop = scan_arabic(s, n, i + l);
      kind = AKH_TOK_ARABIC;
      break;
    case C_LET:
      kind = AKH_TOK_LATIN;
      if ((cp | 0x20) == 'h' || (cp | 0x20) == 'w') {
        if ((stop = scan_url(s, n, i)) != 0) { kind = AKH_TOK_URL; break; }
      }
      if (cp < 0x80 && (stop = scan_email(s, n, i)) != 0) { kind = AKH_TOK_EMAIL; break; }
      stop = scan_latin(s, n, i + l);
      break;
    case C_DIG:
      kind = AKH_TOK_NUMBER;
      if (cp < 0x80 && (stop = scan_email(s, n, i)) != 0) { kind = AKH_TOK_EMAIL; break; }
      stop = scan_number(s, n, i + l);
      break;
    case C_TATWEEL: {
      /* Tatweel leading into a letter starts the word (ـه); alone it is
       * decoration. */
      size_t j = i;
      int m;
      while ((m = peek(s, n, j)) == C_TATWEEL || m == C_ARM || m == C_MARK || m == C_JOIN) {
        size_t jl;
        uint32_t jc;
        cls_at(s, n, j, &jl, &jc);
        j += jl;
      }
      if (m == C_ARL) {
        stop = scan_arabic(s, n, i + l);
        kind = AKH_TOK_ARABIC;
      } else {
        stop = scan_punct(s, n, i, l);
        kind = AKH_TOK_PUNCT;
      }
      break;
    }
    default: /* C_PUNCT, C_ARM, C_MARK */
      kind = AKH_TOK_PUNCT;
      if (cp == '#' || cp == '@') {
        int m = peek(s, n, i + 1);
        if (m == C_ARL || m == C_LET || m == C_DIG || (i + 1 < n && s[i + 1] == '_')) {
          stop = scan_body(s, n, i + 1);
          kind = cp == '#' ? AKH_TOK_HASHTAG : AKH_TOK_MENTION;
          break;
        }
      }
      stop = scan_punct(s, n, i, l);
      break;
  }
  tok->start = start;
  tok->stop = stop;
  tok->kind = kind;
  t->pos = stop;
  return 1;
}
