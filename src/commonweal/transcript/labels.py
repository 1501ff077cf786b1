"""Recognising speaker labels: the words before the colon that say who speaks.

Forms seen in ICANN transcripts (Chinese edition of Kobe, and the English editions)::

    马修·希尔斯                 a name alone on a line ...
    (MATTHEW SHEARS): 大家好     ... then "(LATIN NAME):" on the next
    马跃然 (GORAN MARBY): 我是   name and Latin cue on one line
    马修·希尔斯: / 马修·希尔斯：  ASCII or full-width colon, speech after or on the next line
    马修·希尔斯：       谢谢      padded into columns with spaces
    >> 跳舞？                    an unidentified voice
    >> 克里斯·狄思潘： 他是...    a voice marker followed by a label
    MATTHEW SHEARS: / Matthew Shears: / UNIDENTIFIED MALE: / The Chair (Hon. X):
    HÉLÈNE CÔTÉ : / ДЖЕЙН ДОУ: / جين دو: / 身份不明的男性：

A label must look like a name; a sentence that happens to contain a colon must not be
taken for one, so each script has its own shape test below. Latin and Cyrillic names are
capitalised; Arabic has no capitals, so an Arabic label must instead hold none of the
words that no name holds (``languages.NOT_IN_ARABIC_NAMES``: "في", "هذا", "ملاحظة" ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from commonweal.transcript.languages import (
    NOT_IN_ARABIC_NAMES,
    NOT_SPEAKERS,
    UNIDENTIFIED_WORDS,
    words,
)
from commonweal.transcript.model import VOICE

CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af"
_NAME_DOTS = "·・•．"
_LABEL = re.compile(r"^(?P<label>[^:：\n]{1,80}?)\s*[:：](?P<rest>.*)$", re.DOTALL)
_CUE_LINE = re.compile(
    r"^[(（](?P<cue>[A-Za-z\u00c0-\u024f][^()（）:：]{0,60})[)）]\s*[:：](?P<rest>.*)$"
)
_TRAILING_CUE = re.compile(
    r"^(?P<name>.+?)\s*[(（](?P<cue>[A-Za-z\u00c0-\u024f][^()（）]{0,60})[)）]$"
)
_CJK_NAME = re.compile(rf"^[{CJK}][{CJK}{_NAME_DOTS}.]{{0,15}}$")
_SPEAKER_NUMBER = re.compile(r"(?i)^(?:speaker|participant|发言人|说话人|spk)[\s_-]*\d{1,3}$")
_NOT_IN_LABEL = re.compile(r"[。，、；！？,;!?\"“”「」『』—–…\[\]<>=/\\|*#@]")
# A Chinese sentence rarely starts with these; a name never does. Keeps "我认为：" and
# "他说：" out of the labels.
_CJK_NOT_FIRST = frozenset("我你您他她它这那但所因如而和或是就还也都在有对把被让请注即")
_PARTICLES = words(
    "de da das del della der den di do dos du la le van von y al el bin ibn of the and for on"
)
# A label in CJK script that says nobody is known ("身份不明的男性", "未确认身份的发言人"):
# longer than a name, so it is known by its first words.
_CJK_UNIDENTIFIED = tuple(word for word in UNIDENTIFIED_WORDS if re.match(f"[{CJK}]", word))
_CJK_UNIDENTIFIED_LENGTH = 12
_CJK_ONLY = re.compile(f"[{CJK}]+")
_LATIN_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w'’.\-]*$")
_CYRILLIC_WORD = re.compile(r"^[\u0400-\u042f][\u0400-\u04ff'’.\-]*$")
_ARABIC_WORD = re.compile(r"^[\u0600-\u06ff]+$")
_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]")


class Label(NamedTuple):
    """A label as read (a named tuple: one is made for nearly every turn)."""

    name: str  # as written, without a trailing Latin cue
    cue: str | None  # "GORAN MARBY" from "马跃然 (GORAN MARBY)"
    rest: str  # speech on the same line after the colon


def is_cjk_name(text: str) -> bool:
    """A name in Chinese, Japanese or Korean script: "马修·希尔斯", "马跃然"."""
    if not _CJK_NAME.match(text) or text[0] in _CJK_NOT_FIRST:
        return False
    if any(dot in text for dot in _NAME_DOTS):
        return True
    return len(text) <= 5  # names without a middle dot are short: 马跃然, 山田太郎


def looks_like_name(text: str) -> bool:
    """Whether text (a label without its colon) has the shape of a speaker's name."""
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if "," in text:
        # "Ann Lee, ICANN Board": a name and an affiliation, both in the shape of names.
        name, _, affiliation = text.partition(",")
        return looks_like_name(name) and _looks_like_word_name(affiliation.strip())
    if _NOT_IN_LABEL.search(text):
        return False
    if _SPEAKER_NUMBER.match(text):
        return True
    if any(character.isdigit() for character in text):
        return False
    core = _PAREN.sub("", text).strip()
    if not core:
        return False
    named = _TRAILING_CUE.match(text)
    if named and is_cjk_name(named["name"].strip()):
        return True
    if is_cjk_name(core) or _is_cjk_unidentified(core):
        return True
    return _looks_like_word_name(core)


def _is_cjk_unidentified(core: str) -> bool:
    return (
        len(core) <= _CJK_UNIDENTIFIED_LENGTH
        and core.startswith(_CJK_UNIDENTIFIED)
        and _CJK_ONLY.fullmatch(core) is not None
    )


def _looks_like_word_name(core: str) -> bool:
    words = core.split()
    if not 1 <= len(words) <= 8:
        return False
    if len(words) == 1 and words[0].lower().strip(".") in NOT_SPEAKERS:
        return False
    for word in words:
        if _ARABIC_WORD.match(word) and (len(words) > 5 or word in NOT_IN_ARABIC_NAMES):
            return False
        if not (
            _LATIN_WORD.match(word)
            or _CYRILLIC_WORD.match(word)
            or _ARABIC_WORD.match(word)
            or word.lower() in _PARTICLES
        ):
            return False
    first = words[0]
    return bool(
        _LATIN_WORD.match(first) or _CYRILLIC_WORD.match(first) or _ARABIC_WORD.match(first)
    )


def read_label(paragraph: str) -> Label | None:
    """The label a paragraph opens with, or None when it is speech."""
    if len(paragraph) <= _SHORT:
        return _read_short_label(paragraph)
    return _read_label(paragraph)


# Short lines with a label repeat ("John Smith: hi" on every other line of a dense
# transcript); a Label is immutable, so one can stand for them all.
_SHORT = 64


@lru_cache(maxsize=4096)
def _read_short_label(paragraph: str) -> Label | None:
    return _read_label(paragraph)


def _read_label(paragraph: str) -> Label | None:
    found = _LABEL.match(paragraph)
    if found is None:
        return None
    parts = _name_and_cue(found["label"].strip())
    if parts is None:
        return None
    return Label(name=parts[0], cue=parts[1], rest=found["rest"].strip())


@lru_cache(maxsize=4096)
def _name_and_cue(label: str) -> tuple[str, str | None] | None:
    # A meeting has few speakers and each label comes back hundreds of times (a dense
    # transcript: every other line); the shape tests are a dozen regexes.
    if not looks_like_name(label):
        return None
    return split_cue(label)


def split_cue(label: str) -> tuple[str, str | None]:
    """("马跃然", "GORAN MARBY") from "马跃然 (GORAN MARBY)"; Latin labels keep parentheses.

    A Latin name in brackets after a name in another script is the transcript saying who
    this is; after a Latin name it is a role or affiliation ("The Chair (Hon. X)") and
    stays part of the label for identity resolution to read.
    """
    trailing = _TRAILING_CUE.match(label)
    if trailing and not _is_latin(trailing["name"]):
        return trailing["name"].strip(), trailing["cue"].strip()
    return label, None


def _is_latin(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]", text)) and not re.search(f"[{CJK}]", text)


def read_cue_line(paragraph: str) -> tuple[str, str] | None:
    """(cue, rest) for "(MATTHEW SHEARS): 大家好", the second half of a two-line label."""
    found = _CUE_LINE.match(paragraph)
    if found is None:
        return None
    return found["cue"].strip(), found["rest"].strip()


def is_bare_name(paragraph: str) -> bool:
    """A name alone on a line, the first half of a two-line label."""
    if _NOT_IN_LABEL.search(paragraph) or len(paragraph) > 40:
        return False
    return is_cjk_name(paragraph) or _looks_like_word_name(paragraph)


def read_voice(paragraph: str) -> tuple[Label | None, str] | None:
    """For a paragraph opening with ">>": the label after it (if any) and the speech.

    Returns None when the paragraph has no voice marker.
    """
    if not paragraph.startswith(VOICE):
        return None
    rest = paragraph[len(VOICE) :].strip()
    return read_label(rest), rest
