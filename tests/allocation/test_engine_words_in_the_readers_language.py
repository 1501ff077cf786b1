"""The engine's words in the reader's language: every reason, rule explanation and table
heading is a code with its figures, worded by one function from a catalogue and a locale.

Three things are checked here. The mechanism, with a small catalogue written by the test:
a translated sentence replaces the English one, figures keep their place, numbers follow
the locale, plurals follow the language. The extraction: every English sentence the engine
looks up is one Django's ``makemessages`` finds (run as xgettext with Django's keywords), so
translators see it. The shipped catalogues: every one of those sentences is translated in
each of the five other languages (this fails, naming the msgid, until it is).
"""

from __future__ import annotations

import gettext
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from commonweal.allocation import Election, Project
from commonweal.allocation.explain import outcome_document, outcome_table
from commonweal.allocation.language import (
    ENGLISH,
    LANGUAGES,
    LOCALE_DIR,
    Language,
    UnknownLanguage,
    language_code,
    language_named,
)
from commonweal.allocation.planner import plan_table, read_plan, solve_plan
from commonweal.allocation.reasons import CODES, params_document, reason_text
from commonweal.allocation.rules import RULES

ENGINE = Path(__file__).resolve().parents[2] / "src" / "commonweal" / "allocation"
EXAMPLE_PLAN = ENGINE / "examples" / "five_year_plan.yaml"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != "en"]
# The keywords Django's makemessages gives xgettext for Python files, beside xgettext's own
# (gettext, ngettext, pgettext, _ ...): django/core/management/commands/makemessages.py.
DJANGO_KEYWORDS = [
    "--keyword=gettext_noop",
    "--keyword=gettext_lazy",
    "--keyword=ngettext_lazy:1,2",
    "--keyword=pgettext:1c,2",
    "--keyword=npgettext:1c,2,3",
    "--keyword=pgettext_lazy:1c,2",
    "--keyword=npgettext_lazy:1c,2,3",
]

_RANKED = {"rank": 2, "support": 1.0, "unit": "votes"}
_YEAR = {"year": "FY2027", "left": -5.0, "available": 1_000_000.0, "need": 250_000.5}
# Every code with figures that walk every branch of its wording: whole and weighted counts,
# votes and points, optional clauses present and absent, an amount without bound.
SAMPLES: dict[str, list[dict]] = {
    "ranked-and-fit": [{**_RANKED, "cost": 50.0, "left_after": 1234.5}],
    "free-and-supported": [{"supporters": 1}, {"supporters": 2.5}],
    "bought-by-supporters": [
        {
            "round": 1,
            "supporters": 720,
            "paid_in_full": 720,
            "price_per_voter": 6.94,
            "paid_all_they_had": 0,
            "least_paid": None,
            "most_paid": None,
            "had_nothing_left": 0,
            "cost": 5000.0,
        },
        {
            "round": 3,
            "supporters": 12.5,
            "paid_in_full": 1,
            "price_per_voter": 10.0,
            "paid_all_they_had": 3,
            "least_paid": 0.5,
            "most_paid": 9.25,
            "had_nothing_left": 1,
            "cost": 40.0,
        },
    ],
    "lowest-load": [{"round": 2, "supporters": 3, "load": 12.5}],
    "in-best-set": [{"support": 2553.0, "unit": "points", "cost": 10.0, "welfare": 25530.0}],
    "left-over": [{"cost": 75.0}],
    "no-votes": [{}],
    "over-whole-budget": [
        {"cost": 500.0, "budget": 100.0},
        {**_RANKED, "cost": 500.0, "budget": float("inf")},
    ],
    "outranked": [{**_RANKED, "unit": "points", "cost": 50.0, "blocked_by": "A", "left": 40.0}],
    "supporters-could-not-pay": [
        {"supporters": 2, "cost": 90.0, "short_by_round": 1, "after": None, "held": 80.0},
        {"supporters": 1, "cost": 90.0, "short_by_round": 2, "after": "P1", "held": 0.25},
    ],
    "rule-stopped-here": [{"load": 1.5, "cost": 90.0, "left": 10.0}],
    "load-too-high": [{"load": 3.0, "stopped_at": None}, {"load": 3.0, "stopped_at": "P9"}],
    "less-welfare": [{"support": 2.5, "unit": "votes", "cost": 10.0, "left": 5.0}],
    "earliest-start": [{"start": "FY2026"}],
    "no-room-earlier": [
        {"start": "FY2028", **_YEAR, "one_time": 400_000.0, "recurring": 600_000.0},
        {"start": "FY2028", **_YEAR, "one_time": 600_000.0, "recurring": 400_000.0},
    ],
    "shares-spent-earlier": [
        {"start": "FY2028", "year": "FY2027", "groups": ["ALAC", "GNSO"], "room": 5.0, "need": 9.0}
    ],
    "requirement-later": [{"start": "FY2029", "requirement": "WS2-1", "implemented": "FY2028"}],
    "solver-start": [{"start": "FY2030"}],
    "no-room": [{**_YEAR, "one_time": 0.0, "recurring": 1_000_000.0}],
    "shares-spent": [{"year": "FY2027", "groups": ["ccNSO"], "room": 0.0, "need": 9.0}],
    "no-backing-group": [{}],
    "alternative-chosen": [{"alternative": "B-2"}],
    "requirement-left-out": [{"requirement": "BASE"}],
    "requirement-too-late": [{"requirement": "BASE", "implemented": "FY2030", "last": "FY2030"}],
    "horizon-too-short": [
        {"earliest": "FY2030", "duration": 1, "last": "FY2030"},
        {"earliest": "FY2029", "duration": 3, "last": "FY2030"},
    ],
    "over-any-year": [{"need": 2_000_000.0, "most": 1_000_000.0}],
    "solver-left-out": [{}],
}


class Recorder:
    """A catalogue with no translations that notes every look-up, as gettext keys it
    ("context\\x04msgid", plurals as (msgid, msgid_plural))."""

    def __init__(self) -> None:
        self.keys: set[object] = set()

    def gettext(self, message: str) -> str:
        self.keys.add(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.keys.add((singular, plural))
        return singular if n == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        self.keys.add(f"{context}\x04{message}")
        return message


def _small_election() -> Election:
    projects = [Project("1", 60), Project("2", 50), Project("10", 30), Project("11", 500)]
    return Election(
        meta={"description": "small"},
        projects=projects,
        budget=100,
        vote_type="approval",
        voter_ids=["a", "b", "c"],
        votes=[(0, 1, 2), (0, 1), (0,)],
    )


def _every_sentence(language: Language) -> Iterator[str]:
    """Everything the engine words: each code in each branch, each rule's table, the plan's."""
    for code, samples in SAMPLES.items():
        for params in samples:
            yield reason_text(code, params, language)
    election = _small_election()
    for rule in RULES:
        yield outcome_table(RULES[rule](election, None), language)
    yield plan_table(solve_plan(read_plan(EXAMPLE_PLAN)), language)


@pytest.fixture(scope="module")
def looked_up() -> set[object]:
    recorder = Recorder()
    for _sentence in _every_sentence(Language(recorder)):
        pass
    return recorder.keys


def test_the_samples_cover_every_reason_code():
    assert set(SAMPLES) == set(CODES)


# --- English stays as it was ---------------------------------------------------------------


def test_english_words_are_the_ones_the_command_line_always_printed():
    assert reason_text("no-votes", {}) == "nobody voted for it"
    assert reason_text("outranked", SAMPLES["outranked"][0]) == (
        "ranked 2 with 1 points; it costs 50 but after A (ranked higher) was funded only 40 "
        "was left"
    )
    assert reason_text("free-and-supported", {"supporters": 1}) == (
        "free, and 1 voter supported it: funded before the first round"
    )
    assert reason_text("free-and-supported", {"supporters": 2.5}) == (
        "free, and 2.50 voters supported it: funded before the first round"
    )
    assert reason_text("no-room", SAMPLES["no-room"][0]) == (
        "left out: in FY2027 recurring commitments (1,000,000) and one-time costs (0) leave "
        "0 of the 1,000,000 available and this item needs 250,000.50"
    )
    assert "whole budget of unbounded" in reason_text(
        "over-whole-budget", SAMPLES["over-whole-budget"][1]
    )


def test_a_published_reasons_figures_word_it_as_the_engines_own():
    for code, samples in SAMPLES.items():
        for params in samples:
            stored = params_document(params)
            assert reason_text(code, stored) == reason_text(code, params), code


# --- the mechanism, with a catalogue of our own ---------------------------------------------


def _catalogue(tmp_path: Path, folder: str, locale: str, entries: dict) -> Path:
    """A compiled catalogue holding ``entries`` (msgid or (singular, plural) -> translation
    or list of plural forms, "context\\x04msgid" for a context), as django.mo."""
    catalog = Catalog(locale=locale)
    for key, translation in entries.items():
        context = None
        if isinstance(key, str) and "\x04" in key:
            context, key = key.split("\x04")
        catalog.add(key, translation, context=context)
    target = tmp_path / folder / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "django.mo", "wb") as handle:
        write_mo(handle, catalog)
    return tmp_path


def test_a_translated_sentence_keeps_its_figures_in_the_order_the_translation_puts_them(
    tmp_path,
):
    locale_dir = _catalogue(
        tmp_path,
        "fr",
        "fr",
        {
            "%(ranked)s; it cost %(cost)s and %(left)s was left after it": (
                "il restait %(left)s après lui (coût %(cost)s) ; %(ranked)s"
            ),
            "ranked %(rank)s with %(support)s": "classé %(rank)s avec %(support)s",
            ("%(count)s votes", "%(count)s votes"): ["%(count)s voix", "%(count)s voix"],
        },
    )
    french = language_named("fr", locale_dir=locale_dir)
    words = reason_text("ranked-and-fit", SAMPLES["ranked-and-fit"][0], french)
    assert words == "il restait 1\u202f234,50 après lui (coût 50) ; classé 2 avec 1 voix"


def test_counts_take_the_languages_plural_forms(tmp_path):
    forms = ["%(count)s избиратель", "%(count)s избирателя", "%(count)s избирателей"]
    locale_dir = _catalogue(
        tmp_path,
        "ru",
        "ru",
        {
            ("%(count)s voter", "%(count)s voters"): forms,
            "free, and %(supporters)s supported it: funded before the first round": (
                "бесплатно, и %(supporters)s поддержали: профинансировано до первого тура"
            ),
        },
    )
    russian = language_named("ru", locale_dir=locale_dir)
    said = {n: reason_text("free-and-supported", {"supporters": n}, russian) for n in (1, 3, 5, 21)}
    assert said[1].startswith("бесплатно, и 1 избиратель ")
    assert said[3].startswith("бесплатно, и 3 избирателя ")
    assert said[5].startswith("бесплатно, и 5 избирателей ")
    assert said[21].startswith("бесплатно, и 21 избиратель ")


def test_an_untranslated_sentence_is_english_with_the_languages_numbers(tmp_path):
    spanish = language_named("es", locale_dir=_catalogue(tmp_path, "es", "es", {}))
    assert reason_text("over-any-year", SAMPLES["over-any-year"][0], spanish) == (
        "left out: it needs 2.000.000 in one year, more than the 1.000.000 any year of the "
        "plan has available"
    )


@pytest.mark.parametrize(
    ("given", "code"),
    [("zh", "zh-hans"), ("ZH_Hans", "zh-hans"), ("zh-CN", "zh-hans"), ("fr", "fr")],
)
def test_a_language_is_named_by_its_code_or_a_common_spelling(given, code):
    assert language_code(given) == code


def test_a_language_the_platform_does_not_speak_is_refused_with_the_choices():
    with pytest.raises(UnknownLanguage, match="'de' is not a language Commonweal speaks"):
        language_named("de")
    assert language_named("en") is ENGLISH


def test_the_json_keeps_its_keys_and_codes_in_another_language(tmp_path):
    locale_dir = _catalogue(tmp_path, "fr", "fr", {"nobody voted for it": "personne n'en veut"})
    french = language_named("fr", locale_dir=locale_dir)
    outcome = RULES["greedy"](_small_election(), None)
    english, translated = outcome_document(outcome), outcome_document(outcome, french)
    for before, after in zip(english["explanations"], translated["explanations"], strict=True):
        assert after.keys() == before.keys()
        assert after["reason_code"] == before["reason_code"]
        assert after["reason_params"] == before["reason_params"]
    assert {k: v for k, v in translated.items() if k != "explanations"} == {
        k: v for k, v in english.items() if k != "explanations"
    }


# --- extraction: translators see every sentence ---------------------------------------------


def _extracted(tmp_path: Path) -> set[object]:
    """The keys xgettext finds in the engine's modules, called as makemessages calls it."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext is missing: make test installs Debian's gettext package")
    files = sorted(str(path) for path in ENGINE.rglob("*.py"))
    output = tmp_path / "engine.pot"
    subprocess.run(
        ["xgettext", "-L", "Python", "--from-code=UTF-8", "--omit-header", *DJANGO_KEYWORDS]
        + ["-o", str(output), *files],
        check=True,
        timeout=60,
    )
    catalog = read_po(io.StringIO(output.read_text(encoding="utf-8")))
    keys: set[object] = set()
    for message in catalog:
        if not message.id:
            continue
        key = tuple(message.id) if message.pluralizable else message.id
        keys.add(f"{message.context}\x04{key}" if message.context else key)
    return keys


def test_every_sentence_the_engine_looks_up_is_extracted_for_translators(tmp_path, looked_up):
    missing = looked_up - _extracted(tmp_path)
    assert not missing, f"not extracted by makemessages (a variable or an f-string?): {missing}"


# --- the shipped catalogues ----------------------------------------------------------------


class Missing(gettext.NullTranslations):
    """A catalogue's fallback: what it is asked for, it has no translation of."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def gettext(self, message):
        self.keys.append(message)
        return message

    def ngettext(self, singular, plural, n):
        self.keys.append(singular)
        return singular if n == 1 else plural

    def pgettext(self, context, message):
        self.keys.append(f"{context}: {message}")
        return message


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_engine_sentence_is_translated_in_the_shipped_catalogue(code):
    folder = LANGUAGES[code]
    with open(LOCALE_DIR / folder / "LC_MESSAGES" / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    missing = Missing()
    catalogue.add_fallback(missing)
    language = Language(catalogue, folder)
    for _sentence in _every_sentence(language):
        pass
    untranslated = sorted(set(missing.keys))
    assert not untranslated, (
        f"{folder}: translate these engine msgids (run `make messages` first): "
        + "; ".join(repr(msgid) for msgid in untranslated)
    )
    for reason, samples in SAMPLES.items():
        for params in samples:
            words = reason_text(reason, params, language)
            assert words != reason_text(reason, params), f"{folder}: {reason} reads as English"
