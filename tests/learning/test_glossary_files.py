"""Glossary files: CSV and TBX round trips, all-or-nothing imports with line numbers,
defensive XML, the TBX-Core structure, and the demo glossary against the Kobe transcript."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from lxml import etree

from commonweal.learning.glossary import selectors
from commonweal.learning.glossary.csvfile import glossary_read_csv, glossary_write_csv
from commonweal.learning.glossary.files import DEMO, glossary_load_demo
from commonweal.learning.glossary.services import glossary_import
from commonweal.learning.glossary.spec import GlossaryFileError
from commonweal.learning.glossary.tbx import glossary_read_tbx, glossary_write_tbx
from commonweal.learning.models import Term
from tests.conftest import shared_file

RNG = Path(__file__).resolve().parents[2] / "src/commonweal/learning/glossary/tbx_core.rng"
HEADER = "term,related,valid_from,valid_to,expansion_en,definition_en,expansion_zh-hans\n"


def test_the_demo_glossary_round_trips_through_csv_and_tbx(db):
    glossary_load_demo()
    specs = selectors.glossary_specs()
    assert glossary_read_csv(glossary_write_csv(specs).encode(), "x.csv") == specs
    back = glossary_read_tbx(glossary_write_tbx(specs), "x.tbx")
    assert [t.written for t in back] == [t.written for t in specs]
    assert back[0].meanings[0].expansions == specs[0].meanings[0].expansions


def test_an_exported_tbx_file_keeps_to_the_tbx_core_structure(db):
    # No registry package ships the official TBX-Core schema, so this is our RELAX NG of the
    # core structure, written from ISO 30042:2019 (see docs/glossary.md).
    glossary_load_demo()
    schema = etree.RelaxNG(etree.parse(str(RNG)))
    document = etree.fromstring(glossary_write_tbx(selectors.glossary_specs()))
    assert schema.validate(document), schema.error_log


def test_a_meaning_changes_on_its_date(db):
    data = (
        HEADER
        + "WS2,,2016-03-10,2021-11-07,Work Stream 2,The second accountability phase,\n"
        + "WS2,,2021-11-08,,Work Stream 2 implementation,Putting it in place,\n"
    ).encode()
    glossary_import(terms=glossary_read_csv(data, "ws2.csv"), source="ws2.csv")
    old = selectors.termset_on(datetime.date(2019, 3, 12)).by_form["WS2"]
    new = selectors.termset_on(datetime.date(2024, 1, 1)).by_form["WS2"]
    assert old.expansions["en"] == "Work Stream 2"
    assert new.expansions["en"] == "Work Stream 2 implementation"


def test_a_bad_file_writes_nothing_and_names_every_line(db):
    data = (
        HEADER
        + "GOOD,,,,Good one,,\n"
        + "BAD,NOPE,,,,,\n"  # no expansion, unknown related term
        + "DATE,,12/03/2019,,Dated,,\n"
    ).encode()
    with pytest.raises(GlossaryFileError) as error:
        glossary_import(terms=glossary_read_csv(data, "g.csv"), source="g.csv")
    assert error.value.problems == ["g.csv:4: a date must be written YYYY-MM-DD"]
    with pytest.raises(GlossaryFileError) as error:
        glossary_import(
            terms=glossary_read_csv(data.replace(b"12/03/2019", b""), "g.csv"), source="g.csv"
        )
    assert "g.csv:3: BAD: related term 'NOPE' is unknown" in error.value.problems
    assert "g.csv:3: BAD: the meaning has no expansion" in error.value.problems
    assert not Term.objects.exists()


def test_overlapping_meanings_are_refused(db):
    data = (HEADER + "X,,2019-01-01,,One,,\nX,,2020-01-01,,Two,,\n").encode()
    with pytest.raises(GlossaryFileError, match="two meanings are in force on the same day"):
        glossary_import(terms=glossary_read_csv(data, "x.csv"), source="x.csv")


def test_export_neutralises_formulas_and_import_takes_the_apostrophe_off(db):
    data = (HEADER + 'X,,,,"=HYPERLINK(""http://evil"")",-1 is a number,\n').encode()
    glossary_import(terms=glossary_read_csv(data, "x.csv"), source="x.csv")
    written = glossary_write_csv(selectors.glossary_specs())
    assert "'=HYPERLINK" in written and "'-1 is a number" in written
    again = glossary_read_csv(written.encode(), "again.csv")
    assert again[0].meanings[0].expansions["en"].startswith("=HYPERLINK")


def test_tbx_with_an_entity_or_a_doctype_is_refused_without_reading_anything():
    evil = b"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca"><text><body/></text></tbx>"""
    with pytest.raises(GlossaryFileError, match="no DOCTYPE"):
        glossary_read_tbx(evil, "evil.tbx")


def test_broken_tbx_is_reported_with_its_line():
    with pytest.raises(GlossaryFileError) as error:
        glossary_read_tbx(b"<?xml version='1.0'?>\n<tbx>\n<oops></tbx>", "b.tbx")
    assert error.value.problems[0].startswith("b.tbx:3: ")


def test_the_command_imports_and_exports_and_exits_2_on_problems(db, tmp_path, capsys):
    call_command("glossary", "import", str(DEMO))
    out = tmp_path / "g.tbx"
    call_command("glossary", "export", str(out), "--format", "tbx")
    assert b"conceptEntry" in out.read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "X,,nope,,One,,\n")
    with pytest.raises(SystemExit) as exit_:
        call_command("glossary", "import", str(bad))
    assert exit_.value.code == 2
    assert f"{bad}:2: a date must be written YYYY-MM-DD" in capsys.readouterr().err


def kobe_acronyms() -> set[str]:
    """The Latin-letter acronyms spoken in the Kobe meeting (speaker names are not turns'
    text, so they are not taken): two capitals or more, with an optional lower-case
    prefix (ccNSO) and hyphenated parts (ISOC-DC)."""
    from commonweal.transcript import parse_file

    result = parse_file(str(shared_file("corpus", "icann64-kobe", "board-ncsg.zh.txt")))
    text = "\n".join(turn.text for turn in result.turns)
    return set(
        re.findall(
            r"(?<![A-Za-z0-9-])[a-z]{0,2}[A-Z][A-Z0-9]+(?:-[A-Z0-9]+)*(?![A-Za-z0-9-])", text
        )
    )


def test_every_acronym_of_the_kobe_meeting_has_an_entry_in_six_languages(db):
    acronyms = kobe_acronyms()
    glossary_load_demo()
    terms = {spec.written: spec for spec in selectors.glossary_specs()}
    missing = sorted(acronyms - set(terms))
    assert not missing, f"no glossary entry for {missing}"
    for acronym in acronyms:
        meaning = terms[acronym].meanings[0]
        for code in ("ar", "zh-hans", "en", "fr", "ru", "es"):
            assert meaning.expansions.get(code), (acronym, code, "expansion")
            assert meaning.definitions.get(code), (acronym, code, "definition")
