/* stem.c — light stemming of a SEARCH-normalised Arabic word by affix
 * removal.  The stem is always a substring: word[*start, *start+*stemlen).
 *
 * Only words made entirely of Arabic letters U+0621-064A (what the SEARCH
 * profile leaves of an Arabic word) are stemmed; anything else (Latin,
 * numbers, a word still carrying harakat) is returned whole.
 *
 * Proclitics (both modes).  The prefix grammar is
 *     [و|ف]? [ب|ل|ك]? [ال]?      with ل + ال written لل,
 * so و ف ب ل ال وال فال بال كال لل ولل وبال فبال وب ول فب فل ... are all
 * candidates; the LONGEST candidate that passes every guard is removed:
 *   G1  ending in the article (ال, لل): at least 2 letters must remain
 *       (light10's guard): الكرملين -> كرملين, والكرملين -> كرملين;
 *   G2  no article: at least 4 letters must remain, so كتاب, بيان, وقال,
 *       لندن, كندا keep their first letter (light10 strips و from 3-letter
 *       remainders; in news that cuts وزير, وسط, وضع: see bench/README.md);
 *   G3  ك is removed only as part of كال, and ف only before another
 *       proclitic (فال فب فل فلل ...): alone they are part of the word far
 *       more often than not (كبيره كانوا فبراير فيديو; corpus figures in
 *       bench/README.md);
 *   G4  ب is not removed before ي: ب never attaches to an imperfect verb,
 *       and nouns in بي- are mostly radical (بين بينما بيروت بيانات);
 *   G5  no proclitic letter is removed when the word read from that letter
 *       starts with a protected head (the table below): بوتين لبنان واشنطن
 *       فلسطين فرنسا ليبيا بغداد وزارة برنامج لكن لدي ... and the إل- words
 *       المانيا الكتروني التزام الغاء; exactly الله keeps its article.
 *       The heads were chosen from the words of the real corpus whose
 *       clitic-less remainder (alone or with ال) almost never occurs
 *       (bench/clitic_guard.py prints that list).
 *   Then ولافروف -> لافروف, بسوريا -> سوريا, لدمشق -> دمشق,
 *   وبموسكو -> موسكو, وبوتين -> بوتين, بوتين -> بوتين.
 *
 * AKH_STEM_CLITICS stops there: no suffix is ever removed (names).
 *
 * AKH_STEM_LIGHT then removes, in this order, each of the suffixes
 *     ها ان ات ون ين يه ية ه ة ي
 * at most once, when at least 3 letters remain (light10 leaves 2, which
 * turns قوات into قو and بيان into بي) and the stem does not cut into a
 * protected head (بوتين, الكرملين -> كرملين, not كرمل as in Snowball and
 * light10; لبنانيه -> لبنان is allowed); ان is kept after ست (باكستان,
 * افغانستان).  ية and ة cannot occur after SEARCH normalisation (ة -> ه)
 * but are kept so that unnormalised callers get light10's behaviour. */
#include <string.h>

#include "akhbar.h"

/* Letters as their two UTF-8 bytes, big-endian. */
enum {
  WAW = 0xD988, FEH = 0xD981, BEH = 0xD8A8, KAF = 0xD983, LAM = 0xD984, ALEF = 0xD8A7,
  YEH = 0xD98A, HEH = 0xD987, TEH_M = 0xD8A9, NOON = 0xD986, TEH = 0xD8AA, SEEN = 0xD8B3
};

/* Protected heads, sorted by UTF-8 bytes (checked by spec/stem_spec.lua). */
static const char *const heads[] = {
  "التحق", "التزام", "التقاط", "الزام", "الغاء", "القاها", "الكترون", "الكسندر", "الله",
  "المان", "ايران", "باحث", "بارتوميو", "بارز", "باريس", "باكستان", "بايرن", "بحرين",
  "بخاري", "بداوا", "بداي", "بديل", "برازيل", "برامج", "براون", "برشلون", "برلين",
  "برميل", "برنامج", "بروكسل", "بريده", "بريطاني", "بسيط", "بشري", "بطول", "بعدما",
  "بعده", "بعدها", "بعدهم", "بعض", "بغداد", "بقايا", "بكين", "بلاتر", "بلاتيني", "بلاد",
  "بلاغ", "بلجيك", "بلدان", "بلدي", "بلوتو", "بمثابه", "بنغازي", "بنيامين", "بوابه",
  "بوتين", "بورتو", "بورصه", "بوركينا", "بولوني", "بوينج", "بوينغ", "رمضان", "سلمان",
  "سودان", "شعبان", "عثمان", "فبراير", "فرنس", "فلاديمير", "فلسطين", "فلوريدا", "فيديو",
  "فيسبوك", "فيينا", "كرملين", "لاحق", "لاسيما", "لاعب", "لافت", "لافروف", "لايح",
  "لبنان", "لحظات", "لحظه", "لدي", "لقاء", "لكن", "لوحات", "لوحه", "لوران", "لوزان",
  "لوس", "لوفتس", "لوكسمبورغ", "لياقه", "لياقي", "ليال", "ليبي", "ليفربول", "ليونيل",
  "واجه", "واحد", "وارد", "واسع", "واشنطن", "واصل", "واضح", "وافق", "واقع", "وتير",
  "وثاي", "وثيق", "وجب", "وجود", "وحدات", "وحده", "وحيد", "وزار", "وزراء", "وزير",
  "وصول", "وضع", "وطن", "وظاي", "وظيف", "وكال", "وكلاء", "وكيل", "ولاده", "ولاي", "وهمي",
  "يابان", "يونان",
};
#define NHEADS (sizeof heads / sizeof *heads)

static inline unsigned letter(const unsigned char *w, size_t i) {
  return (unsigned)w[2 * i] << 8 | w[2 * i + 1];
}

/* Letters of the longest protected head that starts w[0..n) (bytes), or 0. */
static size_t head_at(const unsigned char *w, size_t n) {
  if (n < 2) return 0;
  if (n == 8 && memcmp(w, "\xD8\xA7\xD9\x84\xD9\x84\xD9\x87", 8) == 0) return 4; /* الله */
  size_t lo = 0, hi = NHEADS;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (memcmp(heads[mid], w, 2) < 0) lo = mid + 1;
    else hi = mid;
  }
  size_t best = 0;
  for (size_t i = lo; i < NHEADS && memcmp(heads[i], w, 2) == 0; i++) {
    size_t hl = strlen(heads[i]);
    if (hl <= n && hl > best && memcmp(heads[i], w, hl) == 0) best = hl;
  }
  return best / 2;
}

/* Letters of the longest proclitic sequence allowed by G1-G5. */
static size_t proclitics(const unsigned char *w, size_t nl) {
  static const unsigned outer[] = {WAW, FEH, 0}, inner[] = {BEH, LAM, KAF, 0};
  size_t best = 0;
  for (int a = 0; a < 3; a++)
    for (int b = 0; b < 4; b++)
      for (int art = 0; art < 2; art++) {
        unsigned o = outer[a], in = inner[b];
        size_t pos = 0, cl[3], k = 0;
        if (!o && !in && !art) continue;
        if (in == KAF && !art) continue;               /* G3 */
        if (o == FEH && !in && !art) continue;         /* G3 */
        if (o) {
          if (pos >= nl || letter(w, pos) != o) continue;
          cl[k++] = pos++;
        }
        if (in) {
          if (pos >= nl || letter(w, pos) != in) continue;
          cl[k++] = pos++;
        }
        if (art) {
          if (in == LAM) { /* لل: the article's alef is elided */
            if (pos >= nl || letter(w, pos) != LAM) continue;
            pos++;
          } else {
            if (pos + 1 >= nl || letter(w, pos) != ALEF || letter(w, pos + 1) != LAM) continue;
            cl[k++] = pos;
            pos += 2;
          }
        }
        if (pos <= best) continue;
        size_t rem = nl - pos;
        if (art ? rem < 2 : rem < 4) continue;          /* G1, G2 */
        if (in == BEH && !art && letter(w, pos) == YEH) continue; /* G4 */
        int protected_ = 0;
        for (size_t j = 0; j < k && !protected_; j++)   /* G5 */
          protected_ = head_at(w + 2 * cl[j], 2 * (nl - cl[j])) != 0;
        if (protected_) continue;
        best = pos;
      }
  return best;
}

/* Letters left after the light suffix rules on w[0..m) (letters). */
static size_t suffixes(const unsigned char *w, size_t m) {
  static const unsigned sfx[][2] = {
    {HEH, ALEF}, {ALEF, NOON}, {ALEF, TEH}, {WAW, NOON}, {YEH, NOON},
    {YEH, HEH}, {YEH, TEH_M}, {0, HEH}, {0, TEH_M}, {0, YEH},
  };
  size_t minlen = head_at(w, 2 * m);
  if (minlen < 3) minlen = 3;
  for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
    size_t sl = sfx[i][0] ? 2 : 1;
    if (m < sl + minlen) continue;
    if (letter(w, m - 1) != sfx[i][1] || (sl == 2 && letter(w, m - 2) != sfx[i][0])) continue;
    if (sfx[i][0] == ALEF && sfx[i][1] == NOON && letter(w, m - 3) == TEH && letter(w, m - 4) == SEEN)
      continue; /* ...ستان: a country name, not a dual */
    m -= sl;
  }
  return m;
}

void akh_stem(const char *word, size_t len, akh_stem_mode mode, size_t *start, size_t *stemlen) {
  const unsigned char *w = (const unsigned char *)word;
  *start = 0;
  *stemlen = len;
  if (!word || len < 4 || (len & 1)) return;
  for (size_t i = 0; i < len; i += 2) {
    unsigned char a = w[i], b = w[i + 1];
    if (!((a == 0xD8 && b >= 0xA1 && b <= 0xBA) || (a == 0xD9 && b >= 0x81 && b <= 0x8A))) return;
  }
  size_t nl = len / 2;
  size_t p = proclitics(w, nl);
  size_t m = nl - p;
  if (mode == AKH_STEM_LIGHT) m = suffixes(w + 2 * p, m);
  *start = 2 * p;
  *stemlen = 2 * m;
}
