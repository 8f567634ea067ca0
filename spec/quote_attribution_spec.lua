-- Quote attribution rules of issue 16, each on a sentence of a SaudiNewsNet
-- article (eval/quotes/dev.jsonl lines; the text is quoted here, trimmed).
local akhbar = require "akhbar"

local helper = require "helper"

local function all(text) return helper.collect(akhbar.quotes(text, { entities = false })) end

local function by_text(list, needle)
  for _, q in ipairs(list) do
    if q.text:find(needle, 1, true) then return q end
  end
end

describe("quote attribution on Gulf news", function()
  local saudia = "دشن مدير عام الخطوط الجوية العربية السعودية المهندس صالح بن ناصر الجاسر، وعدد من المسؤولين "
    .. "بالمؤسسة الطائرة الجديدة.\nوأوضح الجاسر أن هذه الطائرة من أحدث ما توصلت إليه شركة بوينج.\n"
    .. "وبين مدير عام الخطوط السعودية أنه تم تزويد مقصورة ركاب درجة الأعمال بأحدث المقاعد.\n"
    .. "وأكد أن انضمام هذه الطائرة لأسطول الخطوط السعودية سوف يسهم في دعم إمكاناتها التشغيلية."

  it("gives a family name alone the fullest form of the name in the article", function()
    local q = by_text(all(saudia), "هذه الطائرة من أحدث")
    assert.equal("صالح بن ناصر الجاسر", q.speaker)
    assert.equal("الجاسر", q.speaker_written)
    assert.equal("written", q.resolution)
  end)

  it("resolves a role to the person the article named with it", function()
    local q = by_text(all(saudia), "تزويد مقصورة")
    assert.equal("صالح بن ناصر الجاسر", q.speaker)
    assert.equal("مدير عام الخطوط السعودية", q.speaker_written)
    assert.equal("role", q.resolution)
  end)

  it("carries the speaker to «وأكد» with no subject", function()
    local q = by_text(all(saudia), "انضمام هذه الطائرة")
    assert.equal("صالح بن ناصر الجاسر", q.speaker)
    assert.equal("carried", q.resolution)
    assert.is_nil(q.speaker_written)
  end)

  it("does not take a family name with «ال» for a role", function()
    local qs = all("وقال لـ \"الاقتصادية\" عقيل الجاسم مدير المكتب التنفيذي إن تزايد تدفق العمالة لا يرتبط بأوضاع "
      .. "بلدانها.\nوقال الجاسم إن دور وزارات العمل يتمثل في إدارة وتنظيم سوق العمل.")
    local q = by_text(qs, "دور وزارات العمل")
    assert.equal("عقيل الجاسم", q.speaker)
  end)

  it("reads the content after a colon, not after a later أن inside the speech", function()
    local q = by_text(all("وقال الأمير عبدالله بن مساعد في تصريح صحفي عقب نهاية الاجتماع: مثل هذه اللقاءات إيجابية وقد "
      .. "اتفقت مع زملائي في الاتحاد أن نلتقي كل 6 أشهر."), "اللقاءات")
    assert.equal("مثل هذه اللقاءات إيجابية وقد اتفقت مع زملائي في الاتحاد أن نلتقي كل 6 أشهر", q.text)
    assert.equal("عبدالله بن مساعد", q.speaker)
  end)

  it("reads «قال X: إن ...» as reported speech after إن", function()
    local q = all("وحول إقامة كاس السوبر في لندن قال الرئيس العام: إن القرار له إيجابيات عديدة وقد جاء بعد طلب من "
      .. "ناديي الهلال والنصر ، مشيدا بها كخطوة أولى.")[1]
    assert.equal("reported", q.kind)
    assert.equal("القرار له إيجابيات عديدة وقد جاء بعد طلب من ناديي الهلال والنصر", q.text)
  end)

  it("takes the object of a call verb as its content, addressee included", function()
    local q = all("دعت السلطات الإيرانية مواطنيها إلى عدم السفر برا إلى تركيا بعد هجوم استهدف حافلة إيرانية.")[1]
    assert.equal("السلطات الإيرانية", q.speaker)
    assert.equal("call", q.verb_class)
    assert.equal("مواطنيها إلى عدم السفر برا إلى تركيا بعد هجوم استهدف حافلة إيرانية", q.text)
  end)

  it("reads an according-to frame before the content", function()
    local q = all("ووفقا لتقرير موقع مباشر الاقتصادي، تأتي الكويت على رأس تلك الدول حيث يستحوذ القطاع النفطي "
      .. "على 64% من الناتج المحلي.")[1]
    assert.equal("according-to", q.verb_class)
    assert.equal("موقع مباشر الاقتصادي", q.speaker)
    assert.matches("^تأتي الكويت على رأس تلك الدول", q.text)
  end)

  it("reads an according-to frame after the content", function()
    local q = all("وقتل السائق وأصيب عدد من الركاب في الهجوم، بحسب وكالة الأنباء الإيرانية الرسمية.")[1]
    assert.equal("according-to", q.verb_class)
    assert.equal("وكالة الأنباء الإيرانية الرسمية", q.speaker)
    assert.equal("وقتل السائق وأصيب عدد من الركاب في الهجوم", q.text)
  end)

  it("ends a reported quote where another frame begins («، فيما أكد»)", function()
    local q = all("نفى وزير الخارجية الروسي سيرغي لافروف اتخاذ روسيا أية خطوات لتعزيز وجودها العسكري في سوريا، "
      .. "فيما أكد الكرملين أن المهمة الروسية تتمثل في دعم دمشق.")[1]
    assert.equal("denial", q.verb_class)
    assert.equal("اتخاذ روسيا أية خطوات لتعزيز وجودها العسكري في سوريا", q.text)
  end)

  it("skips a time word between the speaker and the object («دعت السلطات الإيرانية السبت مواطنيها»)", function()
    local q = all("دعت السلطات الإيرانية السبت مواطنيها إلى عدم السفر برا إلى تركيا بعد هجوم استهدف حافلة.")[1]
    assert.equal("السلطات الإيرانية", q.speaker)
    assert.matches("^مواطنيها إلى عدم السفر", q.text)
  end)

  it("reads «وجاء في بيان \"...\"» as the statement's words", function()
    local q = all("وجاء في بيان \"انه بسبب انعدام الأمن في شرق تركيا، تنصح وزارة الخارجية المواطنين الراغبين في "
      .. "السفر إلى هذا البلد عدم سلوك الطرقات البرية\" إلى تركيا.")[1]
    assert.equal("بيان", q.speaker)
    assert.equal("direct", q.kind)
    assert.matches("^انه بسبب انعدام الأمن", q.text)
  end)

  it("gives a relative clause's verb to its antecedent («نوري المالكي الذي اتهم ...»)", function()
    local qs = all("فيما أعرب رئيس مجلس الأمة الكويتي بالإنابة مبارك الخرينج عن رفضه للتصريحات غير المسؤولة "
      .. "لنائب الرئيس العراقي نوري المالكي الذي اتهم المملكة بدعم ورعاية الإرهاب.")
    local q = by_text(qs, "المملكة بدعم")
    assert.equal("نوري المالكي", q.speaker)
    assert.equal("المملكة بدعم ورعاية الإرهاب", q.text)
    local q2 = by_text(qs, "رفضه")
    assert.equal("مبارك الخرينج", q2.speaker)
    assert.matches("^رفضه للتصريحات غير المسؤولة", q2.text)
  end)

  it("reads a participle's content after its preposition («مشددا على حرص ...»)", function()
    local q = by_text(all("وأكد الزياني أن المواقف الصادقة للمملكة تجعلها في مقدمة دول العالم، مشددا على حرص دول "
      .. "المجلس على تعزيز علاقاتها مع العراق الشقيق."), "حرص دول")
    assert.equal("affirmation", q.verb_class)
    assert.equal("الزياني", q.speaker)
    assert.equal("carried", q.resolution)
  end)

  it("gives «وكان X، أكد ...» to the subject of كان", function()
    local q = all("وكان منصور البلوي المشرف العام على الفريق الكروي، أكد التوصل لاتفاق مع نادي أتلانتا "
      .. "الإيطالي على ضم اللاعب.")[1]
    assert.equal("منصور البلوي", q.speaker)
    assert.equal("التوصل لاتفاق مع نادي أتلانتا الإيطالي على ضم اللاعب", q.text)
  end)

  it("gives «... حين قال:» to the name before حين", function()
    local q = all("خرجت من مكتبه وأنا أردد بعض ما نسب إلى أبي الأسود الدؤلي حين قال: وإذا طلبت إلى كريم "
      .. "حاجة فلقاؤه يكفيك.")[1]
    assert.equal("أبي الأسود الدؤلي", q.speaker)
  end)

  it("gives «المحللين الذين توقعوا أن» to the analysts", function()
    local q = by_text(all("وتتوقع الشركة الكورية أن تنخفض عائداتها الفصلية بنسبة 8.3% لتسجل 48 تريليون وون، "
      .. "مقارنة بتوقعات المحللين الذين توقعوا أن تبلغ العائدات 53 تريليون وون."), "تبلغ العائدات")
    assert.equal("المحللين", q.speaker)
    assert.equal("expectation", q.verb_class)
  end)

  it("does not quote negated speech («ولم تكشف ...»)", function()
    assert.same({}, all("ولم تكشف توقعات سامسونغ، التي أصدرتها اليوم قبيل النتائج النهائية، عن النتائج المالية "
      .. "لكل قسم من أعمال الشركة."))
  end)

  it("ends reported speech at a full stop inside a quotation never closed", function()
    local q = by_text(all("وأرجع المحللون تراجع مبيعاتها إلى نقص المعروض من أحدث هواتفها الذكية، “غالكسي إس6″ "
      .. "الذي أطلقته خلال نفس المدة، وهو الأمر الذي أكدت سامسونغ أنها تداركته وحلت مشكلة نقص المعروض. "
      .. "وتواجه سامسونغ منافسة شرسة في سوق الهواتف الذكية."), "تداركته")
    assert.equal("تداركته وحلت مشكلة نقص المعروض", q.text)
    assert.equal("سامسونغ", q.speaker)
  end)

  it("resolves «الشركة الكورية» to the company spoken of before", function()
    local qs = all("قالت شركة سامسونج اليوم الثلاثاء إنها تتوقع أن تأتي أرباحها التشغيلية دون توقعات المحللين. "
      .. "وتتوقع الشركة الكورية أن تنخفض عائداتها الفصلية بنسبة 8.3%.")
    local q = by_text(qs, "تنخفض عائداتها")
    assert.equal("سامسونج", q.speaker) -- «شركة سامسونج» without its generic head
    assert.equal("role", q.resolution)
  end)

  it("keeps the first spelling of a name written two ways («سامسونج», «سامسونغ»)", function()
    local qs = all("قالت شركة سامسونج اليوم الثلاثاء إنها تتوقع أن تأتي أرباحها التشغيلية دون توقعات المحللين. "
      .. "وأكدت سامسونغ أنها تداركت مشكلة نقص المعروض.")
    assert.equal("سامسونج", by_text(qs, "تداركت").speaker)
    assert.equal("سامسونج", by_text(qs, "أرباحها").speaker)
  end)

  it("resolves an honorific pronoun («وقال سموه») to the person spoken of", function()
    local qs = all("أوضح الشيخ خليفة بن سلمان آل خليفة رئيس الوزراء بمملكة البحرين أن دول مجلس التعاون قدمت "
      .. "لشعوبها الكثير من الخدمات.\nوقال سموه \"علينا أن ندين جميع التدخلات الخارجية التي تحاول أن تتدخل في "
      .. "شؤون دول الخليج\".")
    local q = by_text(qs, "علينا أن ندين")
    assert.equal("خليفة بن سلمان آل خليفة", q.speaker)
    assert.equal("pronoun", q.resolution)
    assert.equal("direct", q.kind)
  end)

  it("names a group («المحللون») as written, not as the last person", function()
    local qs = all("وقال الرئيس التنفيذي جون سميث إن الأرباح تراجعت.\nوأرجع المحللون تراجع المبيعات إلى نقص "
      .. "المعروض من أحدث الهواتف.")
    local q = by_text(qs, "تراجع المبيعات")
    assert.equal("المحللون", q.speaker)
  end)

  it("reads «وبين» as a verb only with its complement right after the speaker", function()
    assert.same({}, all("أما في هذا الزمان فقد أصبح السفر متعة ونزهة فما كان يتم قطعه في ليالٍ وأيام، وبين مهالك "
      .. "وأهوال، أصبح يتم قطعه في ساعات، وفي أمان، على مقاعد وثيرة، بين ابتسامات المضيفات، والوجبات الطازجة "
      .. "الساخنة، وعروض السينما وتسلية (النت) مع أن المسألة، أو المسافة، مجرد سويعات !"))
    local q = all("وبين مدير عام الخطوط السعودية أنه تم تزويد مقصورة ركاب درجة الأعمال بأحدث المقاعد.")[1]
    assert.equal("مدير عام الخطوط السعودية", q.speaker)
  end)

  it("reads a document source fused to ل behind a comma, with «فإنه» before the content", function()
    local q = all("حيث تمت مناقشة ديون الأندية وانعكاساتها على اللعبة وتطويرها، ووفقاً للبيان الصادر عن الاجتماع "
      .. "الذي عقد بمكتب الرئيس العام بالمجمع الأولمبي ظُهر أمس فإنه جرى تدارس كافة الجوانب الخاصة بديون "
      .. "الأندية.")[1]
    assert.equal("البيان الصادر عن الاجتماع", q.speaker)
    assert.equal("according-to", q.verb_class)
    assert.equal("جرى تدارس كافة الجوانب الخاصة بديون الأندية", q.text)
  end)

  it("takes a participle's object as its content and the subject named early in the sentence", function()
    local q = by_text(all("وحول موافقة وزير الشؤون الاجتماعية الدكتور ماجد القصبي على تأسيس جمعية رياضية تحت مسمى "
      .. "(جمعية رعاية لاعبي كرة القدم القدام) ، قدم الأمير عبدالله بن مساعد شكره لمعالي وزير الشؤون الاجتماعية على "
      .. "تبني هذا المقترح مضيفا: في بداية الأمر تحدث معي لاعب المنتخب السعودي السابق."), "في بداية الأمر")
    assert.equal("عبدالله بن مساعد", q.speaker)
    assert.equal("carried", q.resolution)
  end)

  it("reads «علي» as a name, not the preposition «على», and «كشف X عن» as content after عن", function()
    local qs = all("كشف محافظ المؤسسة العامة للتدريب التقني والمهني الدكتور علي بن ناصر الغفيص، عن اعتماد 4 "
      .. "مشاريع جديدة في ميزانية المؤسسة.\nوأوضح أن ميزانية هذا العام ستساعد المؤسسة.")
    assert.equal("علي بن ناصر الغفيص", qs[1].speaker)
    assert.equal("اعتماد 4 مشاريع جديدة في ميزانية المؤسسة", qs[1].text)
    assert.equal("علي بن ناصر الغفيص", by_text(qs, "ميزانية هذا العام").speaker)
  end)

  it("gives a call verb's addressee in -ين no voice, and quotes no speech still to come", function()
    local qs = all("أكدت وزارة الخدمة المدنية أن آخر موعد للتسجيل في الاختبار سيكون يوم الأحد المقبل، وذلك "
      .. "للراغبين في التقديم على الوظائف المشمولة بسلم الموظفين العام والتي سوف تعلن عنها الوزارة في الشهر "
      .. "المقبل.\nودعت المتقدمين إلى سرعة حجز موعد ومكان الاختبار على موقع المركز الوطني للقياس.")
    assert.equal(2, #qs)
    assert.equal("وزارة الخدمة المدنية", qs[2].speaker)
    assert.equal("carried", qs[2].resolution)
    assert.matches("^المتقدمين إلى سرعة حجز", qs[2].text)
  end)

  it("names an outlet with its name in marks, and never quotes an outlet's name", function()
    local q = all("وقالت صحيفة “بليك” الأوسع انتشارا في صربيا أمس إن “صربيا هي جنة التلاعب بنتائج المباريات”.")[1]
    assert.equal("صحيفة “بليك”", q.speaker)
    q = all("وأكد الأحمدي في تصريحات نقلتها “سكاي نيوز العربية” أن مقاتلي المقاومة استعادوا أغلب أحياء التواهي.")[1]
    assert.equal("مقاتلي المقاومة استعادوا أغلب أحياء التواهي", q.text)
    assert.equal("reported", q.kind)
  end)

  it("labels the frame a channel carries, not the channel («وبحسب الألمانية، فقد ذكرت ...»)", function()
    local qs = all("وبحسب وكالة الأنباء الألمانية، فقد ذكرت المؤسسة المصرفية أن عائداتها بلغت 9.7 مليار دولار "
      .. "للربع الثاني.")
    assert.equal(1, #qs)
    assert.equal("المؤسسة المصرفية", qs[1].speaker)
  end)

  it("does not read a social handle after «تويتر:» as speech", function()
    assert.same({}, all("تويتر: @Arfaj1\nوشارك في الحفل عدد من المسؤولين."))
  end)

  it("takes no prepositional or coordinated phrase for a speaker («وتعهد بإحداث ...», «ودعت المدينة الراغبين»)", function()
    for q in akhbar.quotes("وتعهد بإحداث قنصلية جديدة بالتنسيق مع مجموعة من الدول الشقيقة والصديقة.",
        { entities = false }) do
      assert.are_not.equal("بإحداث قنصلية جديدة", q.speaker)
    end
    local q = all("ودعت المدينة الراغبين بالانضمام لكادر أعضاء هيئة البحث العلمي بالمدينة إلى التقدم.")[1]
    assert.equal("المدينة", q.speaker)
    assert.matches("^الراغبين بالانضمام", q.text)
  end)

  it("reads «وكانت مؤسسة «...» البريطانية أعلنت سابقا عن ...» with the body named whole", function()
    local q = all("وكانت مؤسسة «ألف اختراع واختراع» البريطانية أعلنت سابقا عن إنتاج فيلم قصير حول حياة ابن "
      .. "الهيثم.")[1]
    assert.equal("مؤسسة «ألف اختراع واختراع» البريطانية", q.speaker)
    assert.equal("إنتاج فيلم قصير حول حياة ابن الهيثم", q.text)
    assert.equal("announcement", q.verb_class)
  end)

  it("links a participle's speaker to the entity of the person it carries, not of the last speaker (seed 001)", function()
    local qs = helper.collect(akhbar.quotes("وقال دميتري بيسكوف الناطق الصحفي باسم الرئيس الروسي: “إذا تسلمنا نداء بهذا الشأن، فسندرسه "
      .. "طبعا”.\n\nوجاء تأكيد بيسكوف ردا على تصريحات وزير الخارجية السوري وليد المعلم الخميس، الذي أعلن أن بلاده "
      .. "ستطلب قوات روسية لتقاتل الى جانب قواتها عند الضرورة، نافيا أي وجود لقوات روسية هناك حاليا."))
    local q = by_text(qs, "أي وجود لقوات روسية")
    assert.equal("وليد المعلم", q.speaker)
    assert.are_not.equal("دميتري بيسكوف", q.speaker_entity)
  end)

  it("keeps «لشرطة المنطقة الشرقية» in the role and resolves the shorter role to it", function()
    local qs = all("صرح الناطق الإعلامي لشرطة المنطقة الشرقية في السعودية، أنه \"عند الساعة الحادية عشرة تم العثور "
      .. "على جثة\".\nوأضاف الناطق الإعلامي أنه تم القبض على شخصين للاشتباه بعلاقتهما بالجريمة.")
    assert.equal("الناطق الإعلامي لشرطة المنطقة الشرقية", qs[1].speaker)
    assert.equal("الناطق الإعلامي لشرطة المنطقة الشرقية", qs[2].speaker)
    assert.equal("role", qs[2].resolution)
  end)

  it("does not take a clause after «وكانت» for a subject («وكانت سبق أطلقت ...، حيث يتوقع أن»)", function()
    for q in akhbar.quotes("وكانت \"سبق\" أطلقت قبل أشهر تطبيقها الرسمي على \"الآيفون\"، وتعمل حالياً على إطلاق نسخة "
        .. "\"الآيباد\"، حيث يتوقع أن تصدر خلال أيام.", { entities = false }) do
      assert.is_nil(q.speaker:find("أطلقت", 1, true))
    end
  end)

  it("finds the holder of a long role: after «على» and a title, after a title, before a comma", function()
    local qs = all("الى ذلك أكد استشاري الأنف والأذن والحنجرة الدكتور سميح أحمد، أن تكثيف البرامج التوعوية "
      .. "المتعلقة بكورونا ضروري.\nوقال المشرف العام على الإدارة العامة لتقنية المعلومات المهندس ماجد العصيمي: "
      .. "\"هذه الخطوة تأتي ضمن الاستراتيجية\".")
    assert.equal("سميح أحمد", qs[1].speaker)
    assert.equal("ماجد العصيمي", qs[2].speaker)
    local q = all("أكد مدير إدارة شؤون المباني بتعليم ينبع شاكر صالح الفقير، استلام 10 مشاريع لتشغيل 15 مدرسة مع "
      .. "بداية العام.")[1]
    assert.equal("شاكر صالح الفقير", q.speaker)
    assert.equal("استلام 10 مشاريع لتشغيل 15 مدرسة مع بداية العام", q.text)
  end)

  it("does not end reported speech at a decimal point («5.‏2 مليون برميل»)", function()
    local q = all("وأشارت البيانات إلى أن مخزونات النفط الخام الأميركية زادت 5.‏2 مليون برميل الأسبوع الماضي.")[1]
    assert.matches("مليون برميل الأسبوع الماضي$", q.text)
  end)

  it("keeps reported speech with a marked fragment reported, and a verb's preposition before a later أن", function()
    local q = all("وأعلنت حركة طالبان أنها «لم يتم تبليغها» بعقد دورة جديدة من محادثات السلام مع الحكومة الأفغانية.")[1]
    assert.equal("reported", q.kind)
    assert.equal("«لم يتم تبليغها» بعقد دورة جديدة من محادثات السلام مع الحكومة الأفغانية", q.text)
    q = all("وحذرت حركة طالبان تنظيم داعش من التوسع في منطقتها، إلا أن ذلك لم يمنع بعض مقاتليها من الانشقاق.")[1]
    assert.equal("warning", q.verb_class)
    assert.equal("التوسع في منطقتها", q.text)
  end)

  it("names the holder after «في منطقة» and a rank, and stops a speaker at «نقلا عن» and «وهو»", function()
    local q = all("وقال الناطق الإعلامي بمديرية الدفاع المدني في منطقة تبوك العقيد ممدوح بن سليمان العنزي: \"تلقى "
      .. "مركز التحكم والتوجيه بلاغا\".")[1]
    assert.equal("ممدوح بن سليمان العنزي", q.speaker)
    q = all("ذكرت المنظمات الإنسانية نقلاً عن ناجين أن ما يصل إلى 40 مهاجراً غرقوا قبالة السواحل.")[1]
    assert.equal("المنظمات الإنسانية", q.speaker)
    q = all("وقال فيديريكو فوسي وهو المتحدث باسم المفوضية إن منظمته تتعامل مع التقارير بحذر.")[1]
    assert.equal("فيديريكو فوسي", q.speaker)
  end)

  it("quotes neither scripture nor a generic «من يرى», and carries nothing from them", function()
    local qs = all("وقال الشاعر العوضي الوكيل: \"قرار الذبائح لما صدر\". قال تعالى: «ولا يغتب بعضكم بعضا». "
      .. "فمنهم من يرى أن ذلك حقيقة، ومنهم من ينكرها.")
    assert.equal(1, #qs)
    assert.equal("الشاعر العوضي الوكيل", qs[1].speaker)
  end)

  it("does not read the paper's own «يذكر أن» as a quote", function()
    assert.same({}, all("يذكر أن الخطوط السعودية قد تعاقدت مع شركة بوينج لشراء 20 طائرة من هذا الطراز."))
  end)
end)
