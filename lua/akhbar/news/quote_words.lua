--- akhbar.news.quote_words: the lexicon of quote attribution.  Speech
-- verbs with their classes, participles, according-to frames, and the word
-- sets that bound a speaker phrase.  Keys are folded (akhbar.news.text).
-- The classes follow eval/quotes/README.md: statement, affirmation, denial,
-- announcement, warning, call, expectation, according-to.
-- @module akhbar.news.quote_words
local T = require "akhbar.news.text"

local fold, set = T.fold, T.set

local W = {}

-- Speech verbs: lemma, class, forms, plural forms (written with hamza for
-- reading; folded below).  Each form also takes a و or ف clitic.  `object`:
-- the verb takes its content as a direct object without أن («أكد الوزير
-- التوصل إلى اتفاق», «دعت السلطات مواطنيها إلى ...»).  `clitic_only`: a
-- bare form that is also a common word («بين» between, «عد» count) counts
-- only with و/ف or after a clause boundary.
local VERB_LIST = {
  { "قال", "statement", "قال قالت يقول تقول", "قالوا قالا قالتا يقولون" },
  { "أضاف", "statement", "أضاف أضافت يضيف تضيف", "أضافوا أضافا" },
  { "أردف", "statement", "أردف أردفت", "أردفوا" },
  { "تابع", "statement", "تابع تابعت", "" },
  { "أوضح", "statement", "أوضح أوضحت يوضح توضح", "أوضحوا" },
  { "أشار", "statement", "أشار أشارت يشير تشير", "أشاروا أشارا", object = "إلى" },
  { "ذكر", "statement", "ذكر ذكرت", "ذكروا" }, -- not «يذكر أن»: the paper's own aside
  { "صرح", "statement", "صرح صرحت", "صرحوا" },
  { "نوه", "statement", "نوه نوهت", "" },
  { "علق", "statement", "علق علقت", "" },
  { "أفاد", "statement", "أفاد أفادت يفيد تفيد", "أفادوا" },
  { "بين", "statement", "بينت يبين تبين", "بينوا", clitic_only = "بين", ambiguous = true },
  { "كشف", "statement", "كشف كشفت يكشف تكشف", "كشفوا", object = "عن" },
  { "اعتبر", "statement", "اعتبر اعتبرت يعتبر تعتبر", "اعتبروا يعتبرون" },
  { "رأى", "statement", "رأى رأت يرى ترى", "رأوا يرون" },
  { "عد", "statement", "", "", clitic_only = "عد" }, -- «وعدّ» (and counted) is speech too
  { "وصف", "statement", "وصف وصفت يصف تصف", "وصفوا", object = true },
  { "قدر", "statement", "قدرت", "قدروا", clitic_only = "قدر" },
  { "وعد", "statement", "وعدت", "", clitic_only = "وعد" },
  { "تعهد", "statement", "تعهد تعهدت", "تعهدوا" },
  { "اتهم", "statement", "اتهم اتهمت يتهم تتهم", "اتهموا", object = true },
  { "ادعى", "statement", "ادعى ادعت يدعي تدعي", "ادعوا", object = true },
  { "زعم", "statement", "زعم زعمت يزعم تزعم", "زعموا" },
  { "شكا", "statement", "شكا شكت تشكى تشكت", "" },
  { "أرجع", "statement", "أرجع أرجعت", "أرجعوا", object = true },
  { "عزا", "statement", "عزا عزت", "", object = true },
  { "أبلغ", "statement", "أبلغ أبلغت", "" },
  { "لفت", "statement", "لفت لفتت", "" },
  { "أعرب", "statement", "أعرب أعربت", "أعربوا", object = "عن" },
  { "أكد", "affirmation", "أكد أكدت يؤكد تؤكد", "أكدوا أكدا يؤكدون", object = true },
  { "شدد", "affirmation", "شدد شددت يشدد تشدد", "شددوا", object = "على" },
  { "نفى", "denial", "نفى نفت ينفي تنفي", "نفوا", object = true },
  { "فند", "denial", "فند فندت", "", object = true },
  { "أنكر", "denial", "أنكر أنكرت ينكر تنكر", "أنكروا", object = true },
  { "كذب", "denial", "كذبت", "", clitic_only = "كذب" },
  { "أعلن", "announcement", "أعلن أعلنت يعلن تعلن", "أعلنوا", object = "عن" },
  { "حذر", "warning", "حذر حذرت يحذر تحذر", "حذروا", object = "من" },
  -- not «يهدد/تهدد»: a present threat is mostly not speech («ظاهرة تهدد المجتمع»)
  { "هدد", "warning", "هدد هددت", "هددوا", object = true },
  { "دعا", "call", "دعا دعت يدعو تدعو", "دعوا", object = true },
  { "طالب", "call", "طالب طالبت يطالب تطالب", "طالبوا يطالبون", object = true },
  { "ناشد", "call", "ناشد ناشدت يناشد", "ناشدوا", object = true },
  { "حث", "call", "حث حثت يحث تحث", "حثوا", object = true },
  { "طلب", "call", "طلبت يطلب تطلب", "طلبوا", object = true, clitic_only = "طلب" },
  { "نصح", "call", "نصح نصحت ينصح تنصح", "نصحوا", object = true },
  { "توقع", "expectation", "توقع توقعت يتوقع تتوقع", "توقعوا يتوقعون", object = true },
  { "رجح", "expectation", "رجح رجحت يرجح ترجح", "رجحوا" },
  { "استبعد", "expectation", "استبعد استبعدت يستبعد تستبعد", "استبعدوا", object = true },
}
-- Participles take the subject of their sentence («..., مؤكدا أن»).
local PARTICIPLES = {
  { "أكد", "affirmation", "مؤكدا مؤكدة" }, { "أضاف", "statement", "مضيفا مضيفة" },
  { "أشار", "statement", "مشيرا مشيرة" }, { "شدد", "affirmation", "مشددا مشددة" },
  { "حذر", "warning", "محذرا محذرة" }, { "دعا", "call", "داعيا داعية" }, { "نفى", "denial", "نافيا نافية" },
  { "أوضح", "statement", "موضحا موضحة" }, { "اعتبر", "statement", "معتبرا معتبرة" },
  { "أعلن", "announcement", "معلنا معلنة" }, { "قال", "statement", "قائلا قائلة" },
  { "أعاد", "statement", "معيدا معيدة" }, { "لفت", "statement", "لافتا لافتة" },
  { "بين", "statement", "مبينا مبينة" }, { "طالب", "call", "مطالبا مطالبة" },
  { "أرجع", "statement", "مرجعا مرجعة" }, { "وصف", "statement", "واصفا واصفة" },
  { "توقع", "expectation", "متوقعا متوقعة" }, { "أعرب", "statement", "معربا معربة" },
  { "تابع", "statement", "متابعا متابعة" }, { "كشف", "statement", "كاشفا كاشفة" },
  { "ذكر", "statement", "مذكرا مذكرة" }, { "استبعد", "expectation", "مستبعدا مستبعدة" },
  { "نوه", "statement", "منوها منوهة" },
}
-- Objects whose verbs take their content after a preposition.
local OBJECT_PREP = { ["عن"] = true, ["على"] = true }

local VERBS = {}
local function add(form, entry, clitics)
  for _, c in ipairs(clitics) do VERBS[c .. fold(form)] = setmetatable({ clitic = c ~= "" }, { __index = entry }) end
end
for _, v in ipairs(VERB_LIST) do
  local entry = { lemma = v[1], class = v[2], object = v.object }
  local plural = setmetatable({ plural = true }, { __index = entry })
  for f in v[3]:gmatch("%S+") do add(f, entry, { "", "و", "ف" }) end
  for f in v[4]:gmatch("%S+") do add(f, plural, { "", "و", "ف" }) end
  if v.clitic_only then
    -- «وبين» is also «and between»: such a form speaks only with its
    -- complement right after the speaker (news/quotes checks)
    add(v.clitic_only, v.ambiguous and setmetatable({ ambiguous = true }, { __index = entry }) or entry, { "و", "ف" })
  end
end
for _, v in ipairs(PARTICIPLES) do
  local entry = { lemma = v[1], class = v[2], participle = true, object = true }
  for f in v[3]:gmatch("%S+") do add(f, entry, { "", "و" }) end
end
-- «وجاء في بيان الوزارة أن ...»: only with «في» (news/quotes checks)
for _, f in ipairs { "جاء", "وجاء" } do
  VERBS[fold(f)] = { lemma = "جاء في", class = "statement", document = true, clitic = f ~= "جاء" }
end
for _, f in ipairs { "قوله", "قولها", "قولهم" } do
  VERBS[fold(f)] = { lemma = "قال", class = "statement", masdar = true }
end
W.VERBS = VERBS
W.OBJECT_PREP = OBJECT_PREP

-- According-to frames: a preposition (with و) before the source, the
-- content on the other side of a comma («ووفقا لتقرير X، ...», «...، بحسب
-- ما أفاد X»).  «حسبما/كما» + verb and «على حد قوله» end a content.
W.ACCORDING = set { "بحسب", "وبحسب", "حسب", "وحسب", "وفقا", "ووفقا", "وفق", "ووفق", "طبقا", "وطبقا",
  "نقلا", "ونقلا", "حسبما", "وحسبما" }
-- Words that make a sentence worth walking: the verbs and the frames.
W.FRAME_WORDS = {}
for k, v in pairs(VERBS) do W.FRAME_WORDS[k] = v end
for k in pairs(W.ACCORDING) do W.FRAME_WORDS[k] = true end
W.AS_SAID = set { "قوله", "قولها", "قولهم", "تعبيره", "تعبيرها", "وصفه", "وصفها" } -- after «على حد»

-- «داعيا الله أن»: God is the one called on, not the speaker
W.GOD = set { "الله", "الله العلي القدير", "الله عز وجل", "الله تعالى", "المولى", "المولى عز وجل" }

W.COMP = set { "أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "إنهم", "أنهما", "أننا", "إننا",
  "بأن", "بأنه", "بأنها", "بأنهم", "وأن" }
W.STOP = set {
  "في", "خلال", "لدى", "أمام", "على", "عن", "إلى", "من", "مع", "بعد", "قبل", "عقب", "أثناء", "ردا", "رداً",
  "تعليقا", "تعليقاً", "اليوم", "أمس", "غدا", "الليلة", "صباح", "مساء", "يوم", "أيضا", "أيضاً", "مجددا",
  "مرارا", "كذلك", "بدوره", "بدورها", "قد", "عبر", "حول", "بشأن", "ضمن", "خلالها", "خلاله", "فيه", "فيها",
  "له", "لها", "لهم", "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
  "الأسبوع", "صباحا", "مساء", "الذي", "التي", "الذين", "بينما", "فيما", "حيث", "لكن", "إذ", "إذا",
  "لـ", "بقوله", "بقولها", "قائلا", "قائلة", "بعدما", "عندما", "امس", "وقت", "ليل", "الليله", "اليوم،", "للصحفيين", "للصحافيين",
}
W.BACK_STOP = set {
  "كان", "وكان", "وكانت", "كانت", "لكن", "ولكن", "بدوره", "بدورها", "كما", "فيما", "بينما", "حيث",
  "الذي", "التي", "الذين", "أن", "إن", "أنه", "إنه", "بأن", "عن", "و", "ثم", "فقد", "وقد", "إذ",
}
W.PRONOUN_PARTICLES = set { "لكنه", "لكنها", "ولكنه", "ولكنها", "كونه", "كونها", "أنه", "أنها", "وهو", "وهي", "الذي", "التي", "الذين" }
W.ROLE = set {
  "وزير", "الوزير", "نائب", "رئيس", "الرئيس", "الناطق", "ناطق", "الناطقة", "المتحدث", "متحدث", "المتحدثة",
  "مدير", "المدير", "السفير", "سفير", "الجنرال", "اللواء", "العميد", "العقيد", "الفريق", "المقدم", "الممثل",
  "ممثل", "المبعوث", "مبعوث", "الأمين", "أمين", "مستشار", "المستشار", "قائد", "القائد", "زعيم", "الزعيم",
  "عضو", "مندوب", "المندوب", "وكيل", "أمير", "الأمير", "الملك", "ولي", "الشيخ", "مسؤول", "المسؤول",
  "النائب", "المرشد", "الدكتور", "د", "السيد", "السيدة", "العاهل", "رئيسة", "وزيرة", "المفوض", "الملكة",
  "الحاكم", "حاكم", "محافظ", "مديرة", "المديرة", "نائبة", "مسؤولة", "المسؤولة", "المحافظ", "سماحة", "صاحب", "خادم", "الإمام", "البابا", "المستشارة", "الخبير", "المحلل",
  "مساعد", "المساعد", "الأمير", "سمو", "معالي", "فضيلة", "المدرب", "مدرب", "لاعب", "اللاعب", "مصدر",
  "أحد", "إحدى", "عدد", "شهود", "الكاتب", "الكاتبة", "المدربة", "الباحث", "الباحثة", "الخبيرة", "المحللون", "المحللين",
}
W.ORG = set {
  "وزارة", "الوزارة", "هيئة", "الهيئة", "منظمة", "المنظمة", "مجلس", "المجلس", "حركة", "الحركة", "جماعة",
  "قوات", "القوات", "الجيش", "وكالة", "الوكالة", "صحيفة", "الصحيفة", "موقع", "الموقع", "الكرملين",
  "البنتاغون", "البيت", "الخارجية", "الدفاع", "الحكومة", "الرئاسة", "الدائرة", "مكتب", "المكتب", "لجنة",
  "اللجنة", "التحالف", "الأمم", "الاتحاد", "بيان", "البيان", "وسائل", "مصادر", "الشرطة", "الداخلية",
  "السلطات", "الإدارة", "حزب", "الحزب", "تنظيم", "التنظيم", "شركة", "الشركة", "مؤسسة", "المؤسسة",
  "جامعة", "الجامعة", "المرصد", "مرصد", "الائتلاف", "المعارضة", "النظام", "الجانب", "البرلمان", "الكونغرس",
  "المفوضية", "السفارة", "إدارة", "رئاسة", "قيادة", "القيادة", "الأمانة", "أمانة", "المديرية", "مديرية",
}
-- feminine forms of the roles («مندوبة», «المتحدثة»)
do
  local fem = {}
  for k in pairs(W.ROLE) do
    if not k:find("ه$") and not k:find("ة$") then fem[k .. "ه"] = true end
  end
  for k in pairs(fem) do W.ROLE[k] = true end
end
W.CONNECT = set { "باسم", "باسمها", "باسمه", "لشؤون", "لدى", "العام", "الخاص" }
-- Adjectives that stay with a bare role: «مسؤول كبير», «مصدر أمني»
W.ROLE_ADJ = set { "كبير", "رفيع", "بارز", "أمني", "عسكري", "حكومي", "رسمي", "سابق", "مطلع", "مطلعة", "محلي",
  "أمريكي", "أميركي", "روسي", "إيراني", "سعودي", "سوري", "تركي", "عراقي", "إسرائيلي", "فلسطيني", "مصري", "يمني",
  "عربي", "غربي", "دبلوماسي", "أوروبي", "بريطاني", "فرنسي", "قيادي", "كبار", "أمنية", "عسكرية", "حكومية", "رسمية",
  "مطلعون", "دبلوماسية", "ميداني", "ميدانية", "إعلامية", "إعلامي", "خليجي", "خليجية", "دولي", "دولية",
  "مسؤولة", "عليا", "عربية", "مصرية", "سعودية", "أمريكية", "أميركية", "روسية", "إيرانية", "تركية", "سورية",
  "عراقية", "يمنية", "مقربة", "موثوقة", "متطابقة", "عيان", "سابقا", "السابق", "الأسبق", "السابقة" }
-- Place nouns whose next word is a place name: «بمنطقة تبوك»
W.LOCATIVE = set { "بمنطقة", "بمحافظة", "بمدينة", "بولاية", "بإمارة", "بمركز", "بقرية", "بحي", "بمحافظه",
  "لمنطقة", "لمحافظة", "لمدينة", "لولاية", "لإمارة" }
-- Words inside a name: «ناصر بن أحمد الخريصي», «عبد الله»
-- Honorific pronouns: «وقال سموه», «وأضاف معاليه» (his highness, his
-- excellency) stand for the person the article spoke of.
W.HONORIFIC = set { "سموه", "سموها", "معاليه", "معاليها", "فضيلته", "سعادته", "سعادتها", "سماحته", "دولته",
  "جلالته", "فخامته" }
W.NAME_LINK = set { "بن", "بنت", "ابن", "أبو", "ابو", "أبي", "أبا", "آل", "عبد" }
-- Titles before a name inside a role phrase («... المهندس محمد توفيق مدني»).
W.TITLE = set { "المهندس", "المهندسة", "الدكتور", "الدكتورة", "الأستاذ", "الأستاذة", "البروفيسور", "اللواء",
  "العميد", "العقيد", "المقدم", "الرائد", "النقيب", "الفريق", "الشيخ", "المستشار", "الأمير", "السيد", "السيدة" }
-- Media nouns: a quotation right after one is the outlet's name («صحيفة
-- "فايننشال تايمز"», «وكالة «آر بي كا»»), not speech; with ل (لصحيفة)
-- they end a speaker phrase: «وقال السنين لصحيفة «الرأي» إن».
W.MEDIA = set { "صحيفة", "الصحيفة", "وكالة", "الوكالة", "موقع", "الموقع", "قناة", "القناة", "مجلة",
  "المجلة", "إذاعة", "الإذاعة", "شبكة", "الشبكة", "تلفزيون", "التلفزيون", "برنامج", "البرنامج", "جريدة", "الجريدة" }
W.MEDIA_TO = set { "لصحيفة", "لوكالة", "لموقع", "لقناة", "لمجلة", "لإذاعة", "لشبكة", "لتلفزيون", "لبرنامج",
  "لجريدة", "للصحيفة", "للوكالة", "للموقع", "للقناة", "للمجلة", "للتلفزيون" }
-- Nouns that begin the OBJECT of a verb of denial or statement («نفى وجود
-- أي قوات», «نفى صحة الأنباء»): never the start of a speaker phrase.
W.NOT_SPEAKER = set { "وجود", "احتمال", "مزاعم", "حدوث", "قيام", "أي", "ما", "علمه", "علمها",
  "تورط", "تورطه", "مسؤولية", "مسؤوليته", "ذلك", "هذا", "هذه", "تلك", "أية", "إمكانية", "نية", "وجوده",
  -- particles and prepositions with a pronoun: never the head of a subject
  "فإن", "فإنه", "فإنها", "أكثر", "أقل", "عليها", "عليه", "عليهم", "منها", "منه", "منهم", "عنها", "عنه", "عنهم",
  "لها", "له", "لهم", "بها", "به", "بهم", "فيها", "فيه", "فيهم", "إليها", "إليه", "إليهم", "كل", "جميع", "أن", "إن",
  "بقوله", "بقولها", "بقولهم" }
-- «منها», «عليها» right after a verb in a relative clause: the antecedent
-- is its object, the subject follows («التي طلبت منها المفوضية»)
W.PREP_PRONOUN = set { "منها", "منه", "منهم", "عنها", "عنه", "عنهم", "عليها", "عليه", "عليهم", "لها", "له", "لهم",
  "بها", "به", "بهم", "فيها", "فيه", "فيهم", "إليها", "إليه", "إليهم", "معها", "معه", "معهم" }

-- Words the frames of news/quotes look for around a verb.
-- Time words between a speaker and the content («دعت السلطات السبت ...»)
W.TIME_WORD = set { "اليوم", "أمس", "امس", "غدا", "الليلة", "صباح", "مساء", "الأحد", "الاثنين", "الإثنين",
  "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "أيضا", "مجددا", "كذلك" }
W.RELATIVE = set { "الذي", "التي", "الذين" }
-- «عدد من الحاضرات», «أحد من ...», «بعض من»: the group after من speaks
W.QUANTIFIER = set { "عدد", "أحد", "بعض", "إحدى", "كثير", "العديد" }
-- «ما نسب إلى أبي الأسود الدؤلي حين قال:»: the name before حين speaks
W.WHEN = set { "حين", "عندما", "حينما" }
W.NEGATION = set { "لم", "ولم", "لن", "ولن", "لا", "ولا", "ما", "وما", "فلم" }
W.PUBLISHED = set { "نشرته", "نشرتها", "نشره", "نشرها", "أوردته", "أوردتها", "أصدرته", "أصدرتها", "أعدته",
  "أعدتها", "أجرته", "أجرتها", "بثته", "بثتها", "نقلته", "نقلتها", "نقلها", "نقله", "نشرتها" }
W.KANA = set { "كان", "وكان", "كانت", "وكانت" }
W.PARTICIPLE_PREP = set { "على", "عن", "إلى" }
W.CLAUSE_LINK = set { "فيما", "بينما", "كما", "حيث", "وفيما", "وبينما", "وكما" }

return W
