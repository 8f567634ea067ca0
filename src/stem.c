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
 *       المانيا الكتروني التزام الغاء; and a few words that are exactly
 *       the protected form keep their fused article (الله الذي التي الذين
 *       الان اليه ...: X entries, matched against the whole rest).
 *       The heads were chosen from the words of the real corpus whose
 *       clitic-less remainder (alone or with ال) almost never occurs
 *       (bench/clitic_guard.lua prints that list; figures in
 *       bench/README.md).  Heads also stop suffix removal (below).
 *   Then ولافروف -> لافروف, بسوريا -> سوريا, لدمشق -> دمشق,
 *   وبموسكو -> موسكو, وبوتين -> بوتين, بوتين -> بوتين.
 *
 * AKH_STEM_CLITICS stops there: no suffix is ever removed (names).
 *
 * AKH_STEM_LIGHT then removes, in this order, each of the suffixes
 *     ها ان ات ون ين يه ية ه ة ي
 * at most once, when at least 4 letters remain after ان ات ون ين and 3
 * after the others (light10 leaves 2, which turns قوات into قو, بيان into
 * بي, تعاون into تعا and يكون into يك), and the stem does not cut into a
 * protected head (بوتين, الكرملين -> كرملين, not كرمل as in Snowball and
 * light10; لبنانيه -> لبنان is allowed); ان is kept after ست (باكستان,
 * افغانستان) and ه after لل (عبدالله, نصرالله).  ية and ة cannot occur after SEARCH normalisation (ة -> ه)
 * but are kept so that unnormalised callers get light10's behaviour. */
#include <string.h>

#include "akhbar.h"

/* Letters as their two UTF-8 bytes, big-endian. */
enum {
  WAW = 0xD988, FEH = 0xD981, BEH = 0xD8A8, KAF = 0xD983, LAM = 0xD984, ALEF = 0xD8A7,
  YEH = 0xD98A, HEH = 0xD987, TEH_M = 0xD8A9, NOON = 0xD986, TEH = 0xD8AA, SEEN = 0xD8B3
};

/* Protected heads, sorted by UTF-8 bytes (head_at binary-searches them;
 * spec/stem_spec.lua reads this table and checks the order). */
/* H: a head the word starts with; X: the whole rest of the word. */
static const struct { const char *s; size_t len; int exact; } heads[] = {
#define H(lit) {lit, sizeof lit - 1, 0}
#define X(lit) {lit, sizeof lit - 1, 1}
  X("الان"), H("التحق"), H("التزام"), H("التقاط"), X("التي"), X("الذي"), X("الذين"), H("الزام"),
  H("الغاء"), H("القاها"), H("الكترون"), H("الكسندر"), X("اللاتي"), X("اللتان"), X("اللتين"),
  X("اللذان"), X("اللذين"), X("الله"), H("المان"), X("اليك"), X("اليكم"), X("الينا"), X("اليه"),
  X("اليها"), X("اليهم"), X("اليهما"), H("ايران"), H("باحث"), H("بادر"), H("باراك"), H("بارتوميو"),
  H("بارد"), H("بارز"), H("باريس"), H("باستيان"), H("باشر"), H("باكستان"), H("باهظ"), H("باولو"),
  H("بايرن"), H("بحثي"), H("بحرين"), H("بخاري"), H("بدانا"), H("بداوا"), H("بداي"), H("بدايل"),
  H("بديل"), H("برازيل"), H("برامج"), H("براون"), H("برشلون"), H("بركان"), H("برلمان"), H("برلين"),
  H("برميل"), H("برنامج"), H("بروتوكول"), H("بروكسل"), H("بروميتش"), H("برونزي"), H("بروين"),
  H("بريده"), H("بريطاني"), H("بساطه"), H("بسيط"), H("بشري"), H("بطاطس"), H("بطول"), H("بعدما"),
  H("بعده"), H("بعدها"), H("بعدهم"), H("بعض"), H("بعيد"), H("بغداد"), H("بقايا"), H("بكين"),
  H("بلاتر"), H("بلاتيني"), H("بلاد"), H("بلاستيك"), H("بلاغ"), H("بلجرشي"), H("بلجيك"),
  H("بلدات"), H("بلدان"), H("بلدنا"), H("بلدي"), H("بلوتو"), H("بلومبيرغ"), H("بليغ"), H("بمثابه"),
  H("بنايه"), H("بنجلاديش"), H("بنغازي"), H("بنيامين"), H("بوابات"), H("بوابه"), H("بوادر"),
  H("بوتين"), H("بورتو"), H("بورسعيد"), H("بورصه"), H("بوركينا"), H("بورما"), H("بوروندي"),
  H("بوسطن"), H("بولارد"), H("بولندا"), H("بولوني"), H("بوليفيا"), H("بوينج"), H("بوينغ"),
  H("رمضان"), H("سلمان"), H("سودان"), H("شعبان"), H("عبدالله"), H("عثمان"), H("فبراير"), H("فرنس"),
  H("فلاديمير"), H("فلسطين"), H("فلوريدا"), H("فيديو"), H("فيسبوك"), H("فيينا"), H("كرملين"),
  H("لاتزال"), H("لاتسيو"), H("لاحظ"), H("لاحق"), H("لازلو"), H("لاسيما"), H("لاعب"), H("لافت"),
  H("لافروف"), H("لايح"), H("لايزال"), H("لايق"), H("لبنان"), H("لحظات"), H("لحظه"), H("لخويا"),
  H("لدي"), H("لقاء"), H("لقاي"), H("لقطات"), H("لكن"), H("لوايح"), H("لوبيز"), H("لوحات"),
  H("لوحه"), H("لوران"), H("لوزان"), H("لوس"), H("لوفتس"), H("لوكسمبورغ"), H("لياقه"), H("لياقي"),
  H("ليال"), H("ليبي"), H("ليسوا"), H("ليفربول"), H("ليونيل"), H("نصرالله"), H("واجب"), H("واجه"),
  H("واحد"), H("وارد"), H("واسع"), H("واشنطن"), H("واصفا"), H("واصل"), H("واضح"), H("وافق"),
  H("واقع"), H("وتير"), H("وثاي"), H("وثيق"), H("وجب"), H("وجدوا"), H("وجهاء"), H("وجهها"),
  H("وجود"), H("وحدات"), H("وحده"), H("وحشي"), H("وحيد"), H("وداعا"), H("وراء"), H("وزار"),
  H("وزراء"), H("وزنها"), H("وزير"), H("وصلنا"), H("وصول"), H("وضع"), H("وضوح"), H("وطن"),
  H("وظاي"), H("وظيف"), H("وقايع"), H("وقتنا"), H("وقته"), H("وقتها"), H("وكال"), H("وكلاء"),
  H("وكيل"), H("ولاده"), H("ولاي"), H("وهمي"), H("ويمبلي"), H("ويندوز"), H("يابان"), H("يونان"),
#undef H
#undef X
};
#define NHEADS (sizeof heads / sizeof *heads)

static inline unsigned letter(const unsigned char *w, size_t i) {
  return (unsigned)w[2 * i] << 8 | w[2 * i + 1];
}

static inline uint32_t key4(const void *p) {
  const unsigned char *u = p;
  return (uint32_t)u[0] << 24 | (uint32_t)u[1] << 16 | (uint32_t)u[2] << 8 | u[3];
}

/* Letters of the longest protected head that starts w[0..n) (bytes), or 0.
 * Heads have at least 3 letters, so the first two letters (4 bytes) pick a
 * bucket of a few entries by binary search. */
static size_t head_at(const unsigned char *w, size_t n) {
  if (n < 6) return 0;
  uint32_t k = key4(w);
  size_t lo = 0, hi = NHEADS;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (key4(heads[mid].s) < k) lo = mid + 1;
    else hi = mid;
  }
  size_t best = 0;
  for (size_t i = lo; i < NHEADS && key4(heads[i].s) == k; i++) {
    size_t hl = heads[i].len;
    if (heads[i].exact ? hl != n : hl > n) continue;
    if (hl > best && memcmp(heads[i].s + 4, w + 4, hl - 4) == 0) best = hl;
  }
  return best / 2;
}

typedef struct {
  size_t pos;   /* letters removed */
  size_t cl[3]; /* where each removed proclitic starts (for G5) */
  int k;        /* entries in cl */
  unsigned in;  /* the inner proclitic (ب ل ك) or 0 */
  int art;
} cand;

/* Letters of the longest proclitic sequence allowed by G1-G5. */
static size_t proclitics(const unsigned char *w, size_t nl) {
  cand c[8];
  int nc = 0;
  unsigned l0 = letter(w, 0);
  if (l0 != WAW && l0 != FEH && l0 != BEH && l0 != LAM && l0 != KAF && l0 != ALEF) return 0;
  int has_o = l0 == WAW || l0 == FEH;
  for (int o = has_o; o >= 0; o--) {
    size_t p0 = (size_t)o;
    unsigned li = p0 < nl ? letter(w, p0) : 0;
    int has_in = li == BEH || li == LAM || li == KAF;
    for (int in = has_in; in >= 0; in--) {
      size_t p1 = p0 + (size_t)in;
      for (int art = 1; art >= 0; art--) {
        cand x = {p1, {0, 0, 0}, 0, in ? li : 0, art};
        if (o) x.cl[x.k++] = 0;
        if (in) x.cl[x.k++] = p0;
        if (art) {
          if (in && li == LAM) { /* لل: the article's alef is elided */
            if (p1 >= nl || letter(w, p1) != LAM) continue;
            x.pos = p1 + 1;
          } else {
            if (p1 + 1 >= nl || letter(w, p1) != ALEF || letter(w, p1 + 1) != LAM) continue;
            x.cl[x.k++] = p1;
            x.pos = p1 + 2;
          }
        }
        if (x.pos == 0) continue;
        if (x.in == KAF && !art) continue;                    /* G3 */
        if (o && l0 == FEH && !in && !art) continue;          /* G3 */
        c[nc++] = x;
      }
    }
  }
  /* Longest first (at most 8 candidates). */
  for (int i = 1; i < nc; i++)
    for (int j = i; j > 0 && c[j].pos > c[j - 1].pos; j--) {
      cand t = c[j];
      c[j] = c[j - 1];
      c[j - 1] = t;
    }
  for (int i = 0; i < nc; i++) {
    size_t rem = nl - c[i].pos;
    if (c[i].art ? rem < 2 : rem < 4) continue;                              /* G1, G2 */
    if (c[i].in == BEH && !c[i].art && letter(w, c[i].pos) == YEH) continue; /* G4 */
    int protected_ = 0;
    for (int j = 0; j < c[i].k && !protected_; j++)                           /* G5 */
      protected_ = head_at(w + 2 * c[i].cl[j], 2 * (nl - c[i].cl[j])) != 0;
    if (!protected_) return c[i].pos;
  }
  return 0;
}

/* Letters left after the light suffix rules on w[0..m) (letters). */
static size_t suffixes(const unsigned char *w, size_t m) {
  static const unsigned sfx[][2] = {
    {HEH, ALEF}, {ALEF, NOON}, {ALEF, TEH}, {WAW, NOON}, {YEH, NOON},
    {YEH, HEH}, {YEH, TEH_M}, {0, HEH}, {0, TEH_M}, {0, YEH},
  };
  size_t minlen = 0; /* the protected head's length, looked up on the first match */
  int looked = 0;
  for (size_t i = 0; i < sizeof sfx / sizeof *sfx; i++) {
    size_t sl = sfx[i][0] ? 2 : 1;
    /* Plural and dual endings need a 4-letter stem: تعاون, يكون, سكان. */
    size_t need = sfx[i][0] == ALEF || sfx[i][1] == NOON ? 4 : 3;
    if (m < sl + need) continue;
    if (letter(w, m - 1) != sfx[i][1] || (sl == 2 && letter(w, m - 2) != sfx[i][0])) continue;
    if (!looked) {
      minlen = head_at(w, 2 * m);
      looked = 1;
    }
    if (m < sl + minlen) continue;
    if (sfx[i][0] == ALEF && sfx[i][1] == NOON && letter(w, m - 3) == TEH && letter(w, m - 4) == SEEN)
      continue; /* ...ستان: a country name, not a dual */
    if (!sfx[i][0] && sfx[i][1] == HEH && letter(w, m - 2) == LAM && letter(w, m - 3) == LAM)
      continue; /* ...الله: عبدالله, نصرالله */
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
