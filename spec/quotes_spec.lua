-- akhbar.quotes: who said what, with offsets into the original text.
local akhbar = require "akhbar"
local helper = require "helper"

local function seed(n) return (helper.seed(n)) end

local function quotes(text, opts)
  local out = {}
  for q in akhbar.quotes(text, opts) do out[#out + 1] = q end
  return out
end

-- The quote whose text starts with `prefix`.
local function by_text(qs, prefix)
  for _, q in ipairs(qs) do
    if q.text:sub(1, #prefix) == prefix then return q end
  end
end

describe("akhbar.quotes", function()
  local s0, s1, s2, s3, s4 = seed(0), seed(1), seed(2), seed(3), seed(4)
  local q0, q1, q2, q3, q4 = quotes(s0), quotes(s1), quotes(s2), quotes(s3), quotes(s4)

  it("gives offsets into the original text: text:sub(start, stop) == text", function()
    for _, pair in ipairs { { s0, q0 }, { s1, q1 }, { s2, q2 }, { s3, q3 }, { s4, q4 } } do
      for _, q in ipairs(pair[2]) do assert.equal(q.text, pair[1]:sub(q.start, q.stop)) end
    end
  end)

  it("keeps the nested \"داعش\" inside seed 000's \"...\" quotation and carries وأردف to بيسكوف", function()
    local q = by_text(q0, "القوة الوحيدة القادرة على التصدي")
    assert.equal("دميتري بيسكوف", q.speaker)
    assert.equal("أردف", q.verb)
    assert.equal("statement", q.verb_class)
    assert.equal("direct", q.kind)
    assert.is_true(q.carried)
    local body = "القوة الوحيدة القادرة على التصدي لتقدم \"داعش\" هي القوات المسلحة السورية. ولا توجد (في سوريا) أية قوة منظمة وفعالة أخرى، ولذلك ترى روسيا أن مهمتها تتمثل في دعم السلطات السورية في مكافحة هذه الظاهرة"
    assert.equal(body, q.text)
    assert.equal(s0:find(body, 1, true), q.start)
  end)

  it("reads reported speech with أن after «وذكر دميتري بيسكوف الناطق الصحفي ... الخميس»", function()
    local q = by_text(q0, "روسيا شددت مرارا")
    assert.equal("دميتري بيسكوف", q.speaker)
    assert.equal("ذكر", q.verb)
    assert.equal("reported", q.kind)
    assert.equal("الناطق الصحفي باسم الرئيس الروسي", q.role)
  end)

  it("resolves the surname «ذكر بيسكوف» to the full name", function()
    local q = by_text(q0, "الرئيس الروسي فلاديمير بوتين")
    assert.equal("دميتري بيسكوف", q.speaker)
  end)

  it("attributes a denial «نفى وزير الخارجية الروسي سيرغي لافروف اتخاذ ...» with its object", function()
    local q = by_text(q0, "اتخاذ روسيا أية خطوات")
    assert.equal("سيرغي لافروف", q.speaker)
    assert.equal("نفى", q.verb)
    assert.equal("denial", q.verb_class)
    assert.equal("وزير الخارجية الروسي", q.role)
    assert.equal("اتخاذ روسيا أية خطوات لتعزيز وجودها العسكري في سوريا", q.text)
  end)

  it("carries «وتابع أنه» over to the last speaker (لافروف)", function()
    local q = by_text(q0, "إذا ظهرت ضرورة")
    assert.equal("سيرغي لافروف", q.speaker)
    assert.equal("تابع", q.verb)
  end)

  it("reads a heading «لافروف: ...» as a quote of the named speaker", function()
    local q = by_text(q0, "روسيا لا تتخذ أية خطوات إضافية")
    assert.equal("heading", q.kind)
    assert.equal("سيرغي لافروف", q.speaker)
  end)

  it("reads «وأضافت الخارجية أن \"...\"» as a direct quote of the ministry", function()
    local q = by_text(q0, "لافروف أشار مجددا")
    assert.equal("direct", q.kind)
    assert.equal("وزارة الخارجية الروسية", q.speaker)
    assert.equal("أضاف", q.verb)
  end)

  it("reads “…” after a long adjunct and a colon (seed 001)", function()
    local q = by_text(q1, "إذا تسلمنا نداء بهذا الشأن")
    assert.equal("دميتري بيسكوف", q.speaker)
    assert.equal("قال", q.verb)
    assert.equal("direct", q.kind)
    assert.equal("إذا تسلمنا نداء بهذا الشأن، فسندرسه طبعا، وسنناقشه في إطار اتصالاتنا وحوارنا الثنائي. أما الآن، فمن الصعب الحديث عن هذا الموضوع بصورة تجريدية", q.text)
  end)

  it("resolves the role «الناطق الصحفي باسم الرئيس الروسي» to بيسكوف, speaker before the verb too", function()
    local a = by_text(q1, "لا يعرف شيئا")
    local b = by_text(q1, "القيادة الروسية لا تعلم")
    assert.equal("دميتري بيسكوف", a.speaker)
    assert.equal("دميتري بيسكوف", b.speaker)
  end)

  it("reads nested “…“غازيتا رو”…” after «وأردف:»", function()
    local q = by_text(q1, "يكتب عن ذلك")
    assert.equal("يكتب عن ذلك موقع “غازيتا رو” لكننا لم نتلق أي معلومات من مجلس حقوق الإنسان نفسه", q.text)
    assert.equal("دميتري بيسكوف", q.speaker)
  end)

  it("does not take a one-word name in quotes («“غازيتا رو”», «“البنتاغون”») for speech", function()
    for _, q in ipairs(q1) do assert.are_not.equal("غازيتا رو", q.text) end
    for _, q in ipairs(q3) do assert.are_not.equal("البنتاغون", q.text) end
  end)

  it("resolves «وأكد الجنرال أن» to the general named before", function()
    local q = by_text(q1, "أنشطة “داعش” التجنيدية")
    assert.equal("سيرغي سميرنوف", q.speaker)
    assert.equal("affirmation", q.verb_class)
  end)

  it("reads «وأكد لافروف أنه “...”» as direct and «وأضاف لافروف: “...”»", function()
    local a = by_text(q2, "من غير المقبول السماح")
    local b = by_text(q2, "نحن مقتنعون تماماً")
    assert.equal("direct", a.kind); assert.equal("سيرغي لافروف", a.speaker); assert.equal("affirmation", a.verb_class)
    assert.equal("direct", b.kind); assert.equal("أضاف", b.verb)
  end)

  it("closes a quotation left open at the end of its paragraph (seed 002)", function()
    local q = by_text(q2, "لقد أكدنا بوضوح")
    assert.truthy(q.text:find("على الأراضي السورية$"))
  end)

  it("carries «وعلق ... وقال: “...”» to لافروف", function()
    local q = by_text(q2, "هناك مناورات عسكرية")
    assert.equal("سيرغي لافروف", q.speaker)
  end)

  it("takes the quotation that opens the next line after «وقال بيسكوف ...ضد الإرهاب..» (seed 003)", function()
    local q = by_text(q3, "إذا استلمنا طلبا")
    assert.equal("ديمتري بيسكوف", q.speaker)
    assert.equal("direct", q.kind)
  end)

  it("finds the subject before the verb: «وكان وزير الخارجية والمغتربين وليد المعلم أكد أمس ... أن»", function()
    local q = by_text(q3, "هناك فارقا بين")
    assert.equal("وليد المعلم", q.speaker)
    local c = by_text(q3, "حتى الآن لا يوجد قتال")
    assert.equal("وليد المعلم", c.speaker)
  end)

  it("reads «قولها» with the speaker before it (seed 003)", function()
    local q = by_text(q3, "لم نرفض أبدا")
    assert.equal("ماريا زاخاروفا", q.speaker)
  end)

  it("resolves «وأشارت الوزارة» to the ministry named before", function()
    local q = by_text(q3, "الطرفين بحثا أيضا")
    assert.equal("وزارة الخارجية الروسية", q.speaker)
    assert.equal("أشار", q.verb)
  end)

  it("attributes participles «مؤكدا أن» to the subject of their sentence (seed 004)", function()
    local q = by_text(q4, "الموقف الروسي بهذا الخصوص")
    assert.equal("أوليغ سيرومولوتوف", q.speaker)
    assert.equal("affirmation", q.verb_class)
  end)

  it("reads «بوغدانوف أكد ... وجوب أن “...”» (seed 004)", function()
    local q = by_text(q4, "يكون هناك تفاهم")
    assert.equal("ميخائيل بوغدانوف", q.speaker)
  end)

  it("knows verb forms with clitics and agreement", function()
    local V = require("akhbar.news").speech_verbs
    for form, lemma in pairs { ["وقالت"] = "قال", ["قالوا"] = "قال", ["وأكدت"] = "أكد", ["نفت"] = "نفى",
        ["ونفى"] = "نفى", ["وأضافت"] = "أضاف", ["فأعلن"] = "أعلن", ["وأوضحت"] = "أوضح", ["وأشارت"] = "أشار",
        ["وحذر"] = "حذر", ["ودعا"] = "دعا", ["ورأى"] = "رأى", ["واعتبر"] = "اعتبر", ["ونوه"] = "نوه",
        ["وصرح"] = "صرح", ["ووصف"] = "وصف", ["وعلق"] = "علق", ["وذكرت"] = "ذكر", ["وشدد"] = "شدد" } do
      local v = V[require("akhbar.news").fold(form)]
      assert.truthy(v, form)
      assert.equal(lemma, v.lemma, form)
    end
    assert.equal("warning", V[require("akhbar.news").fold("حذر")].class)
    assert.equal("call", V[require("akhbar.news").fold("دعا")].class)
    assert.equal("announcement", V[require("akhbar.news").fold("أعلن")].class)
  end)

  it("reads «…» guillemets and a speaker before the colon", function()
    local t = "وقال المتحدث باسم الخارجية الأمريكية جون كيربي: «نحن ندرس المقترح الروسي بعناية»."
    local qs = quotes(t)
    assert.equal(1, #qs)
    assert.equal("جون كيربي", qs[1].speaker)
    assert.equal("نحن ندرس المقترح الروسي بعناية", qs[1].text)
  end)

  it("does not carry a plural verb over to a singular speaker («وقالوا إنه»)", function()
    for _, q in ipairs(q1) do assert.falsy(q.text:find("^تم نقلهم")) end
  end)

  it("streams and raises on misuse", function()
    local it_ = akhbar.quotes(s2)
    assert.is_function(it_)
    assert.is_table(it_())
    assert.has_error(function() akhbar.quotes(1) end, "akhbar.quotes: text expected, got number")
  end)
end)

describe("akhbar.core quotation primitives", function()
  local core = require "akhbar.core"
  it("pairs nested marks and reports depth", function()
    local t = 'قال "القوة "داعش" هي" انتهى'
    local spans = core.quote_spans(t)
    assert.equal(2, #spans)
    assert.equal(0, spans[1].depth)
    assert.equal('القوة "داعش" هي', t:sub(spans[1].start, spans[1].stop))
    assert.equal(1, spans[2].depth)
    assert.equal("داعش", t:sub(spans[2].start, spans[2].stop))
  end)
  it("closes an unclosed mark at the line end", function()
    local spans = core.quote_spans("قال “نص بلا إغلاق\nسطر")
    assert.equal(1, #spans)
    assert.is_false(spans[1].closed)
  end)
end)

-- Sentences from SaudiNewsNet where the attribution went wrong in the
-- hand check of 50 quotes (docs/news-quotes-sample.md).
describe("akhbar.quotes on outlets and objects of denial", function()
  local function quotes_of(text)
    local out = {}
    for q in akhbar.quotes(text) do out[#out + 1] = q end
    return out
  end

  it("does not take an outlet's name in quotation marks for speech", function()
    local qs = quotes_of('هذا فيما ذكرت صحيفة "فايننشال تايمز" أن الحكومة ستعلن خطتها الجديدة قريبا.')
    for _, q in ipairs(qs) do assert.are_not.equal("فايننشال تايمز", q.text) end
  end)

  it("ends the speaker phrase at «لصحيفة» and «لوكالة»", function()
    local qs = quotes_of("وقال السنين لصحيفة «الرأي» الكويتية في عددها امس الاحد إن هناك مشاريع مستقبلية لإدخال التكنولوجيا الحديثة.")
    assert.equal(1, #qs)
    assert.equal("السنين", qs[1].speaker)
    qs = quotes_of('وأعلن حاكم الولاية عبدالستار بارز لوكالة فرانس برس "هذا الصباح فجر انتحاري سترته الناسفة داخل سوق في المار".')
    assert.equal(1, #qs)
    assert.matches("بارز$", qs[1].speaker)
    assert.matches("^هذا الصباح", qs[1].text)
  end)

  it("never makes the object of a denial its speaker («نفت الوزارة احتمال ...»)", function()
    local qs = quotes_of("ونفت الوزارة احتمال إغلاق المعبر، مشيرة إلى أن العمل مستمر.")
    assert.equal(2, #qs)
    assert.equal("الوزارة", qs[1].speaker)
    assert.equal("نفى", qs[1].verb)
    assert.equal("احتمال إغلاق المعبر", qs[1].text)
    assert.equal("الوزارة", qs[2].speaker) -- مشيرة carries the subject, not the object
  end)
end)

describe("akhbar.quotes on long role phrases", function()
  local function first(text)
    for q in akhbar.quotes(text) do return q end -- luacheck: ignore 512
  end

  it("takes the name after a title word inside the role («... المهندس محمد توفيق مدني»)", function()
    local q = first("وقد وصف مدير عام إدارة الطرق والنقل بمنطقة مكة المكرمة المهندس محمد توفيق مدني تلك "
      .. "المشاريع بالنوعية الضخمة، مشيرا إلى أن المشروع يبلغ طوله 72 كلم.")
    assert.equal("محمد توفيق مدني", q.speaker)
    assert.equal("مدير عام إدارة الطرق والنقل بمنطقة مكة المكرمة", q.role)
  end)

  it("takes the name at the end of a role phrase that ends the subject", function()
    local q = first("وأوضح المتحدث الرسمي لهيئة الهلال الأحمر السعودي بمنطقة الرياض عبدالله المريبض أن بلاغا ورد.")
    assert.equal("عبدالله المريبض", q.speaker)
    assert.equal("المتحدث الرسمي لهيئة الهلال الأحمر السعودي بمنطقة الرياض", q.role)
    q = first("وأوضح مدير فرع الهيئة العامة للسياحة والتراث الوطني بمنطقة تبوك ناصر بن أحمد الخريصي أن القرار جاء تأكيدا.")
    assert.equal("ناصر بن أحمد الخريصي", q.speaker)
    q = first("وأوضحت مديرة إدارة الموهوبات الدكتورة ليلى الصاعدي, أنه سيتم نقل 3 طالبات.")
    assert.equal("ليلى الصاعدي", q.speaker)
  end)

  it("keeps a role with its adjectives or organisation when no name is given", function()
    assert.equal("مسؤول كبير", first("وصرح مسؤول كبير في الخارجية الأمريكية للصحافيين ان كيري رحب بالقرار.").speaker)
    assert.equal("مسؤول الإعلام الأمني بوزارة الداخلية المصرية",
      first("قال مسؤول الإعلام الأمني بوزارة الداخلية المصرية، إن الإرهابيين استخدموا شريحة هاتف.").speaker)
  end)

  it("does not run a role and name on into a denial's object", function()
    local q = first("نفى وزير الخارجية الروسي سيرغي لافروف اتخاذ روسيا أية خطوات لتعزيز وجودها العسكري في سوريا.")
    assert.equal("سيرغي لافروف", q.speaker)
  end)
end)
