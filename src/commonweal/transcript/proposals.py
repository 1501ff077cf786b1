"""Which cue sentences are proposals: a recommendation, an action, or neither.

A cue phrase of the language's table (languages.py: "我们将", "建议", "we will")
finds sentences worth reading; it does not make them candidates. "接下来我将把
麦克风交给布鲁纳" has "我将" and is the chair handing over the floor; "我并不认为
我们为你们提供了很多具体建议" has "具体建议" and says the opposite of a proposal.
For the languages with a ``Judge`` the sentence around a cue must also match the
judge's pattern for its kind and not its exclusions; the other languages keep the
cue alone. Chinese has the rules measured on Kobe; English, French, Spanish, Russian and
Arabic have a few simple ones each: not a question, not a denial ("no recommendation"),
not the chair running the meeting ("je vais vous donner la parole", "vamos a pasar al
siguiente tema", "передаю слово"), not a condition, not a "will be". The Chinese rules,
and the hand-labelled meeting they are measured on, are in docs/candidate-labels.md;
``benchmarks/bench_candidates.py`` prints precision and recall. The others are tested on
the sample meeting in six languages (tests/transcript/test_transcript_six_editions.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Judge:
    """Sentence rules for one language: what a recommendation or an action looks like."""

    recommendation: re.Pattern[str]  # the sentence must match this ...
    not_recommendation: re.Pattern[str]  # ... and not this
    action: re.Pattern[str]
    not_action: re.Pattern[str]

    def kind_of(self, sentence: str, kind: str) -> str | None:
        """``kind`` when the sentence is a proposal of that kind, else None. Remembered:
        meetings repeat sentences ("我们将……" in every summary), and the patterns are
        long alternations the regex engine tries at every position."""
        return _kind_of(self, sentence, kind)

    def judge(self, sentence: str, kind: str) -> str | None:
        if kind == "recommendation":
            matches = self.recommendation.search(sentence)
            return kind if matches and not self.not_recommendation.search(sentence) else None
        matches = self.action.search(sentence)
        return kind if matches and not self.not_action.search(sentence) else None


# Who a Chinese proposal is addressed to or made by.
_ZH_ACTOR = r"(?:董事会|ICANN|社群|组织|你们|我们|大家|团体|它)"
_ZH_WHO = r"(?:我们|大家|董事会|社群|ICANN|你们|组织)"

_ZH = Judge(
    recommendation=re.compile(
        # a suggestion named as one; someone "should"; "it would help"; "you could";
        # "I think we need/must/should"; a sentence that opens with what to do
        rf"建议|{_ZH_ACTOR}\s*不?(?:应该|应当)|，应该(?!是)|最好的做法|会有所帮助|是有帮助的"
        r"|可能有办法|可以通过|(?:^|比如，)你可以|可以成为|要考虑|那就好了"
        rf"|我认为.{{0,24}}{_ZH_WHO}.{{0,6}}(?:需要|必须|应该)|我认为应该|必须找到"
        r"|^(?:比如，|所以，)?(?:制定|采取|加强|建立|设立)|希望你们|可能是一个很好的"
        r"|有一种.{0,20}的方式|如果.{0,24}，则"
    ),
    not_recommendation=re.compile(
        # a question; no suggestion, asking for one, or only naming one; a list of kinds
        # of input; a task described; "should" that describes, not asks
        r"[？?]$|(?:不|没|无法).{0,24}建议|请.{0,12}(?:提供|提出).{0,16}建议"
        r"|(?:提个|一点|是否有)建议|这可以看作|就是一项|、建议|的任务是"
        r"|应该(?:轮到|是哪些|遵循|负责|是。|允许|能够)|无权|要说说|在不应该"
        r"|以便.{0,6}可以通过|^第.个问题|没有帮助|很有帮助"
    ),
    action=re.compile(
        r"(?:我们|我|董事会|组织|大家|都)(?:将|会|要)(?![其此这那它])|将会"
        r"|期待与.{0,20}合作|希望(?:能)?在.{0,16}(?:之前|内)|今年要|我们再|行动(?:事项|项目)"
    ),
    not_action=re.compile(
        # a question; running the meeting (the microphone, answering, speaking later);
        # a condition; a feeling; a future that nobody does ("will be", "will meet")
        r"[？?]$|麦克风|交给|回答|如果|很高兴|将成为|将会是|不会|(?:要|晚点|最后|之前)说"
        r"|会遇到|会有|要做的|行动计划。$"
    ),
)

_EN = Judge(
    recommendation=re.compile(r"(?i)suggest|recommend|propos"),
    not_recommendation=re.compile(
        r"[?]$|(?i:\b(?:no|not|any|did not|didn't)\b.{0,30}recommendation)"
    ),
    action=re.compile(r"(?i)\bwill\b|'ll\b|action item"),
    not_action=re.compile(
        r"[?]$|(?i:\b(?:hand|pass|turn)(?:ing)?\b.{0,20}\b(?:mic|microphone|floor|over)\b"
        r"|\bif\b|\bwill be\b)"
    ),
)

# Where the cue phrase is the whole test of the kind (fr, es, ru, ar), the judge only
# keeps sentences out.
_ANY = re.compile("")

_FR = Judge(
    recommendation=_ANY,
    not_recommendation=re.compile(
        r"[?]$|(?i:\b(?:pas|aucune?|sans)\b.{0,30}(?:recommandation|suggestion|proposition))"
    ),
    action=_ANY,
    not_action=re.compile(
        r"[?]$|(?i:\bla parole\b|\bmicro(?:phone)?\b|\bpass(?:er|ons|e)\s+(?:au|à)\b"
        r"|\bsi\b|\bs['’]il\b|\ballons (?:être|voir)\b)"
    ),
)

_ES = Judge(
    recommendation=_ANY,
    not_recommendation=re.compile(
        r"[?]$|(?i:\b(?:no|ninguna|sin)\b.{0,30}(?:recomendación|sugerencia|propuesta))"
    ),
    action=_ANY,
    not_action=re.compile(
        r"[?]$|(?i:\bla palabra\b|\bmicrófono\b|\bpasar\s+a(?:l)?\b|\bsi\b"
        r"|\bvamos a (?:ver|ser|estar)\b)"
    ),
)

_RU = Judge(
    recommendation=_ANY,
    not_recommendation=re.compile(
        r"[?]$|(?i:\b(?:не|нет|никаких|без)\b.{0,30}(?:рекомендаци|предложени))"
    ),
    action=_ANY,
    not_action=re.compile(
        r"[?]$|(?i:\bслово\b|\bмикрофон|\bперей?д[её]м\b|\bпереходим\b|\bесли\b"
        r"|\bбудем (?:рады|благодарны)\b)"
    ),
)

_AR = Judge(
    recommendation=_ANY,
    not_recommendation=re.compile(r"[?؟]$|(?:لا|لم|ليس|دون)\s.{0,30}(?:توصية|توصيات|اقتراح)"),
    action=_ANY,
    not_action=re.compile(
        r"[?؟]$|الكلمة|الميكروفون|ننتقل|(?:^|\s)(?:إذا|لو)\s|سوف (?:يكون|تكون|نكون|أكون)"
    ),
)

JUDGES: dict[str, Judge] = {"zh": _ZH, "en": _EN, "fr": _FR, "es": _ES, "ru": _RU, "ar": _AR}


@lru_cache(maxsize=8192)
def _kind_of(judge: Judge, sentence: str, kind: str) -> str | None:
    return judge.judge(sentence, kind)


def judge_for(language: str) -> Judge | None:
    """The sentence rules for a language, or None where the cue alone decides."""
    return JUDGES.get(language)
