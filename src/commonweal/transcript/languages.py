"""Per-language word tables: everything language-specific the engine knows lives here.

Adding a language means adding entries to these tables, not code: month names and the
word for "to" in a time range (header), what an annotation says ([laughter], (sic)),
the disclaimer and end-of-transcript furniture, how an unidentified speaker is labelled,
words that open a sentence with a colon but name nobody, a chair's topic cues, the cue
phrases of candidate recommendations and actions, and a speaking rate for time
estimates. The six UN languages (ar, en, es, fr, ru, zh) are filled in and tested on one
meeting written in each (src/commonweal/site/fixtures/board-session/board-session.*.txt).
"""

from __future__ import annotations

from dataclasses import dataclass


def words(text: str) -> frozenset[str]:
    """A set of words written as one space-separated string, the way tables read best."""
    return frozenset(text.split())


@dataclass(frozen=True)
class CueTable:
    """Topic and candidate cues for one language (matched case-insensitively)."""

    topic_open: tuple[str, ...]  # a chair opening a new topic
    topic_numbered: tuple[str, ...]  # words a topic number follows: "主题 2", "topic 2"
    topic_not: tuple[str, ...]  # words that make the same sentence not an opening
    opening_title: str  # title of the turns before the first cue
    recommendation: tuple[str, ...]
    action: tuple[str, ...]


# Month names, lower case, for every language the header reader knows.
MONTHS: dict[str, int] = {}
for _names in (
    # English
    "january february march april may june july august september october november december",
    "jan feb mar apr may jun jul aug sep oct nov dec",
    # French
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # Spanish
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    # Russian (genitive, as dates are written)
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    # Arabic (Levantine and Gulf/Egyptian month names are both in use)
    "كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول",
    "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
):
    for _number, _name in enumerate(_names.split(), start=1):
        MONTHS.setdefault(_name.replace("_", " "), _number)

# The word between two times in a range: "08:30 to 09:30", "08:30 至 09:30", "10h30 à
# 11h00", "10:30 a 11:00", "с 10:30 до 11:00", "من 10:30 إلى 11:00".
RANGE_WORDS = ("to", "until", "至", "到", "à", "a", "hasta", "до", "по", "إلى", "الى", "حتى")
# Words that may stand between a time range and its zone: "إلى 11:00 بتوقيت WET".
ZONE_WORDS = ("بتوقيت", "توقيت")

# Abbreviations ICANN and others print after a time range, with their UTC offsets.
# Ambiguous ones (CST, IST, AST) are recognised but given no offset.
TIMEZONES: dict[str, str | None] = {
    "UTC": "+00:00", "GMT": "+00:00", "WET": "+00:00", "BST": "+01:00", "CET": "+01:00",
    "WAT": "+01:00", "CEST": "+02:00", "EET": "+02:00", "CAT": "+02:00", "SAST": "+02:00",
    "EEST": "+03:00", "EAT": "+03:00", "MSK": "+03:00", "AST": None, "GST": "+04:00",
    "PKT": "+05:00", "IST": None, "ICT": "+07:00", "WIB": "+07:00", "SGT": "+08:00",
    "HKT": "+08:00", "MYT": "+08:00", "AWST": "+08:00", "CST": None, "JST": "+09:00",
    "KST": "+09:00", "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00",
    "NZDT": "+13:00", "BRT": "-03:00", "ART": "-03:00", "EDT": "-04:00", "EST": "-05:00",
    "COT": "-05:00", "CDT": "-05:00", "MDT": "-06:00", "MST": "-07:00", "PDT": "-07:00",
    "PST": "-08:00", "HST": "-10:00",
}  # fmt: skip

# Annotation words, lower case, by kind. Anything in square brackets is an annotation
# whatever it says; in round brackets only these words are (round brackets also hold
# speech, such as a name in another script: "丝黛芬妮 (Stephanie)").
ANNOTATIONS: dict[str, str] = {}
for _kind, _words in {
    "laughter": "笑声 大笑 laughter laughs laughing rires rire risas risa смех ضحك",
    "applause": "掌声 鼓掌 applause applaudissements aplausos аплодисменты تصفيق",
    "sic": "原文如此 sic sic! так_в_оригинале كذا",
    "inaudible": "听不清 无法听清 inaudible indistinct unintelligible inaudible_ininteligible "
    "неразборчиво غير_مسموع",
    "name": "说出姓名 姓名 speaking_name name audio_not_clear nombre имя",
    "crosstalk": "交谈声 多人同时发言 crosstalk cross_talk diafonía перекрестный_разговор",
    "note": "停顿 pause silence 沉默 background_noise",
}.items():
    for _word in _words.split():
        ANNOTATIONS[_word.replace("_", " ")] = _kind


def with_variants(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases, each also as it is written with a typographic apostrophe ("d’un")
    and, in Russian, with "е" for "ё" ("начнем"): both spellings are in daily use."""
    variants = []
    for phrase in phrases:
        for written in (phrase, phrase.replace("'", "’"), phrase.replace("ё", "е")):
            if written not in variants:
                variants.append(written)
    return tuple(variants)


# Lines that are page furniture, not speech. Matched against a paragraph with leading
# "*" and spaces removed; a disclaimer is recognised by any of its fragments (in lower
# case: a fragment must read the same lowered).
DISCLAIMER_FRAGMENTS = with_variants(
    (
        "本文是一份由音频文件转录而成",
        "不应视为权威性的会议记录",
        "this is a transcript of an audio file",
        "although the transcription is largely accurate",
        "should not be treated as an authoritative record",
        "il s'agit d'une transcription d'un fichier audio",
        "ne doit pas être considéré comme un compte rendu officiel",
        "es una transcripción de un archivo de audio",
        "no debe considerarse como un registro autoritativo",
        "это расшифровка аудиофайла",
        "не следует рассматривать как официальный протокол",
        "هذا نص تم نسخه من ملف صوتي",
        "تفريغ لملف صوتي",
    )
)
END_MARKERS = (
    "会议记录结束",
    "会议结束",
    "end of transcription",
    "end of transcript",
    "fin de la transcription",
    "fin de la transcripción",
    "конец стенограммы",
    "конец расшифровки",
    "نهاية النص",
    "نهاية التفريغ النصي",
)

# Words that open a speaker label but are not a person: these labels stay unidentified
# ("UNIDENTIFIED MALE", "HOMME NON IDENTIFIÉ", "НЕИЗВЕСТНЫЙ МУЖЧИНА", "رجل غير معروف",
# "身份不明的男性"). Matched at the start of the lowered label.
UNIDENTIFIED_WORDS = (
    "unidentified",
    "unknown",
    "speaker",
    "participant",
    "interpreter",
    "未确认",
    "身份不明",
    "发言人",
    "不明",
    "non identifié",
    "homme non identifié",
    "femme non identifiée",
    "intervenant non identifié",
    "intervenante non identifiée",
    "no identificado",
    "hombre no identificado",
    "mujer no identificada",
    "orador no identificado",
    "oradora no identificada",
    "неизвестн",  # неизвестный, неизвестная
    "неустановленн",
    "غير معروف",
    "رجل غير معروف",
    "امرأة غير معروفة",
    "متحدث غير معروف",
    "متحدثة غير معروفة",
)

# A word alone before a colon that opens a sentence ("Note:", "Question :", "Вопрос:")
# and is never a speaker on its own, lower case, in the languages written in words.
NOT_SPEAKERS = words(
    # English
    "note example question answer re subject agenda topic item action result decision "
    "resolution yes no first second third finally also ps so well however now and but "
    "number point update summary "
    # French
    "remarque exemple réponse sujet résultat oui non premièrement deuxièmement "
    "troisièmement enfin alors donc ensuite maintenant mais résumé "
    # Spanish
    "nota ejemplo pregunta respuesta asunto tema resultado decisión resolución sí "
    "primero segundo tercero finalmente entonces ahora pero resumen punto "
    # Russian
    "примечание пример вопрос ответ тема пункт итог итоги решение да нет во-первых "
    "во-вторых в-третьих наконец итак теперь но резюме"
)

# Arabic has no capital letters to tell a name from a sentence: a label in Arabic script
# must hold none of these words, which no name holds (prepositions, pronouns,
# demonstratives, question words, particles, and nouns that open a sentence with a colon:
# "ملاحظة:", "سؤال واحد:"). "لي" is missing on purpose: it is also the name Li.
NOT_IN_ARABIC_NAMES = words(
    "في من على إلى الى عن مع هذا هذه ذلك تلك هؤلاء الذي التي الذين ما ماذا لماذا كيف "
    "متى أين هل لا لم لن ليس إن أن إنّ أنّ أنا نحن أنت أنتم هو هي هم قد ثم أو أم بل لكن "
    "كما حتى إذا إذن لقد كان كانت يكون قال نعم شكرا شكرًا أيضا أيضًا فقط جدا جدًا كل بعض "
    "عند بعد قبل حول بين منذ خلال لذلك وللتلخيص ملاحظة سؤال السؤال جواب الجواب مثال "
    "أولا أولًا ثانيا ثانيًا ثالثا ثالثًا أخيرا أخيرًا النقطة الموضوع البند القرار الإجراء "
    "التوصية الخلاصة الملخص"
)

# Titles and honorifics that may precede a name in a label ("Hon. X", "Dr X").
TITLES = words(
    "mr mr. mrs mrs. ms ms. dr dr. prof prof. professor hon hon. honourable honorable "
    "sir dame lord lady madam mme m. sr sr. sra sra. h.e. he excellency ambassador "
    "minister senator the chair chairman chairwoman chairperson president vice "
    "co-chair moderator г-н г-жа د. السيد السيدة"
)

CUES: dict[str, CueTable] = {
    "zh": CueTable(
        topic_open=(
            "第一个主题",
            "第二个主题",
            "第三个主题",
            "第四个主题",
            "第五个主题",
            "下一个主题",
            "下一个问题",
            "下一个议题",
            "董事会的问题",
        ),
        topic_numbered=("主题", "议题"),
        topic_not=("之前", "还有其他意见", "还有其他问题"),
        opening_title="开场",
        # Phrases that make a sentence worth reading; proposals.py decides whether the
        # sentence is a recommendation or an action (docs/candidate-labels.md).
        recommendation=(
            "建议",
            "应该",
            "应当",
            "最好的做法",
            "有所帮助",
            "有帮助",
            "可能有办法",
            "可以通过",
            "你可以",
            "可以成为",
            "要考虑",
            "那就好了",
            "需要",
            "必须",
            "制定",
            "采取",
            "加强",
            "建立",
            "设立",
            "希望你们",
            "很好的",
            "的方式",
            "则",
        ),
        action=(
            "我们将",
            "我将",
            "我们会",
            "我会",
            "我们要",
            "我要",
            "董事会将",
            "组织将",
            "都将",
            "都会",
            "大家会",
            "将会",
            "期待与",
            "希望在",
            "希望能在",
            "今年要",
            "我们再",
            "行动计划",
            "行动事项",
            "行动项目",
        ),
    ),
    "en": CueTable(
        topic_open=(
            "first topic",
            "next topic",
            "next question",
            "next item",
            "the board's questions",
            "the board questions",
        ),
        topic_numbered=("topic", "agenda item", "item"),
        topic_not=("before", "any other comments", "any more comments"),
        opening_title="Opening",
        recommendation=(
            "i suggest",
            "we suggest",
            "i recommend",
            "we recommend",
            "my recommendation",
            "concrete recommendation",
            "specific recommendation",
            "i propose",
            "we propose",
        ),
        action=("we will", "i will", "we'll", "i'll", "action item", "will follow up"),
    ),
    # French, Spanish, Russian and Arabic: the phrases a chair, a proposal and a
    # commitment are said with; proposals.py keeps out the sentences that only run the
    # meeting ("je vais vous donner la parole", "vamos a pasar al siguiente tema").
    "fr": CueTable(
        topic_open=(
            "premier sujet",
            "premier point",
            "sujet suivant",
            "prochain sujet",
            "point suivant",
            "question suivante",
        ),
        topic_numbered=("sujet", "point"),
        topic_not=("avant",),
        opening_title="Ouverture",
        recommendation=with_variants(
            (
                "je suggère",
                "nous suggérons",
                "je propose",
                "nous proposons",
                "je recommande",
                "nous recommandons",
            )
        ),
        action=with_variants(
            (
                "nous allons",
                "je vais",
                "nous ferons",
                "je ferai",
                "nous enverrons",
                "j'enverrai",
                "nous publierons",
                "je publierai",
                "point d'action",
            )
        ),
    ),
    "es": CueTable(
        topic_open=("primer tema", "siguiente tema", "próximo tema", "siguiente punto"),
        topic_numbered=("tema", "punto"),
        topic_not=("antes",),
        opening_title="Apertura",
        recommendation=(
            "sugiero",
            "sugerimos",
            "propongo",
            "proponemos",
            "recomiendo",
            "recomendamos",
        ),
        action=(
            "vamos a",
            "voy a",
            "haremos",
            "haré",
            "enviaremos",
            "enviaré",
            "publicaremos",
            "acción pendiente",
        ),
    ),
    # Russian declines: each cue is listed in the cases a chair says it in ("начнём с
    # первой темы", "переходим к следующей теме").
    "ru": CueTable(
        topic_open=with_variants(
            (
                "первая тема",
                "первой темы",
                "первой теме",
                "первую тему",
                "следующая тема",
                "следующей теме",
                "следующую тему",
                "следующий вопрос",
                "следующему вопросу",
            )
        ),
        topic_numbered=("тема", "вопрос"),
        topic_not=("прежде", "перед"),
        opening_title="Открытие",
        recommendation=("я предлагаю", "мы предлагаем", "рекомендуем", "рекомендую"),
        # A commitment in Russian is a perfective verb in the first person ("мы
        # опубликуем"): the frequent ones, as the table cannot hold a grammar.
        action=with_variants(
            (
                "мы будем",
                "я буду",
                "мы сделаем",
                "я сделаю",
                "мы опубликуем",
                "мы направим",
                "я направлю",
                "мы отправим",
                "я отправлю",
                "мы подготовим",
                "я подготовлю",
                "мы начнём",
                "мы попросим",
                "мы вынесем",
                "я доложу",
                "поручение",
            )
        ),
    ),
    # Arabic attaches words: "بالموضوع الأول" holds "الموضوع الأول", and "سوف ننشر" (we
    # will publish) and "سوف أرسل" (I will send) hold "سوف ن" and "سوف أ".
    "ar": CueTable(
        topic_open=("الموضوع الأول", "الموضوع التالي", "السؤال التالي", "البند التالي"),
        topic_numbered=("الموضوع",),
        topic_not=("قبل",),
        opening_title="الافتتاح",
        recommendation=("أقترح", "نقترح", "أوصي", "نوصي"),
        action=("سوف ن", "سوف أ", "سنقوم", "سأقوم", "بند العمل", "بند عمل"),
    ),
}

# Sentence and clause marks a language adds to those every language here is read with
# ("。！？.!?" end a sentence, "，,；;" a clause): Arabic ends a question with "؟" and writes
# "،" and "؛". Kept per language, so the others' sentence search stays as fast as it was.
EXTRA_SENTENCE_MARKS: dict[str, str] = {"ar": "؟"}
EXTRA_CLAUSE_MARKS: dict[str, str] = {"ar": "،؛"}

# Speaking rates in units per second (characters for CJK, words otherwise): the starting
# point of time estimates before they are calibrated to the stated duration.
SPEAKING_RATE: dict[str, float] = {"zh": 4.0, "ja": 6.0, "ko": 4.0}
DEFAULT_SPEAKING_RATE = 2.5  # about 150 words a minute
TURN_OVERHEAD_SECONDS = 2.0  # handing over the floor, "thank you", the microphone

# Frequent short words that tell Latin-script languages apart.
STOPWORDS: dict[str, frozenset[str]] = {
    "en": words("the and of to is that we in it for this you are have not with"),
    "fr": words("le la les et des est que nous dans pour une pas sur vous avec"),
    "es": words("el la los las y que es en por una para con nosotros del se"),
    "pt": words("o os as e que é em para uma com não nós do da se"),
    "de": words("der die das und ist nicht wir ich sie mit für auf ein eine"),
}


def cues_for(language: str) -> CueTable:
    """The cue table for a language, falling back to English for those without one."""
    return CUES.get(language, CUES["en"])
