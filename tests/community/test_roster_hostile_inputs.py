"""Rosters built to hurt the reader: deep nesting, alias bombs, huge counts, random bytes.

Each is refused with one line ``FILE:LINE: …``: exit 2 from ``commonweal roster import``
and from ``commonweal parse --roster``, status 400 and the line on the upload page,
nothing written, within 5 s and 512 MB.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal import rosters
from commonweal.community.models import Person, StakeholderGroup
from commonweal.rosters import RosterError, roster_read

pytestmark = pytest.mark.django_db

DEEP = b"groups: {g: G}\npeople:\n  - " + b"[" * 50_000 + b"]" * 50_000 + b"\n"
DEEP_BLOCK = b"groups: {g: G}\npeople:\n  - " + b"- " * 50_000 + b"x\n"


def _alias_bomb(used_as: str) -> bytes:
    """Nine lists of nine aliases of the list before: 387 million values once expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        before = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join([f'*{before}'] * 9)}]")
    lines += ["groups: {g: G}", "people:", f"  - {{name: Ann, group: g, {used_as}: *i}}"]
    return "\n".join(lines).encode() + b"\n"


def _merge_bomb() -> bytes:
    lines = ["m0: &m0 {group: g, role: member}"]
    for level in range(1, 10):
        lines.append(f"m{level}: &m{level} {{<<: [{', '.join([f'*m{level - 1}'] * 9)}]}}")
    lines += ["groups: {g: G}", "people:", "  - {<<: *m9, name: Ann}"]
    return "\n".join(lines).encode() + b"\n"


HOSTILE = [
    pytest.param(DEEP, "r.yaml", "r.yaml:3: ", id="flow-nesting"),
    pytest.param(DEEP_BLOCK, "r.yaml", "r.yaml:3: nested more than 20 deep", id="block-nesting"),
    pytest.param(
        _alias_bomb("aliases"),
        "r.yaml",
        "r.yaml:2: an alias (*name) may stand for one value, not a list or mapping",
        id="alias-bomb",
    ),
    pytest.param(
        _merge_bomb(),
        "r.yaml",
        "r.yaml:2: an alias (*name) may stand for one value, not a list or mapping",
        id="merge-bomb",
    ),
]


@pytest.mark.parametrize(("data", "source", "start"), HOSTILE)
def test_a_hostile_roster_is_refused_in_one_line_quickly(data, source, start):
    started = time.monotonic()
    with pytest.raises(RosterError) as refused:
        roster_read(data, source=source)
    assert time.monotonic() - started < 5
    assert len(refused.value.problems) == 1
    assert str(refused.value).startswith(start)


def test_an_alias_for_a_single_value_still_reads():
    data = b"groups: {g: &board Board}\npeople:\n  - {name: Ann, group: g, role: *board}\n"
    assert roster_read(data, source="r.yaml").people[0].role == "Board"


def test_more_people_than_the_limit_are_refused_at_the_row_that_passes_it(monkeypatch):
    monkeypatch.setattr(rosters, "MAX_ROSTER_PEOPLE", 3)
    csv_data = b"name,group\n" + b"".join(b"P%d,g\n" % n for n in range(5))
    with pytest.raises(RosterError) as refused:
        roster_read(csv_data, source="r.csv")
    assert refused.value.problems == ["5: more than 3 people"]
    yaml_data = b"groups: {g: G}\npeople:\n" + b"  - {name: P, group: g}\n" * 4
    with pytest.raises(RosterError, match="more than 3 people"):
        roster_read(yaml_data, source="r.yaml")


def test_a_roster_of_too_many_yaml_values_is_refused_before_it_is_built():
    data = b"groups: {g: G}\npeople:\n" + b"  - [a, b, c, d, e, f, g, h]\n" * 50_000
    started = time.monotonic()
    with pytest.raises(RosterError, match="more than 400,000 YAML values"):
        roster_read(data, source="r.yaml")
    assert time.monotonic() - started < 5


def _run(*args: str, cwd) -> subprocess.CompletedProcess:
    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))

    return subprocess.run(
        [sys.executable, "-m", "commonweal", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        preexec_fn=limit_memory,
    )


def test_the_import_command_and_the_parse_command_refuse_a_deep_roster_with_exit_2(tmp_path):
    roster = tmp_path / "deep.yaml"
    roster.write_bytes(DEEP)
    transcript = tmp_path / "t.txt"
    transcript.write_text("ALICE: Hello.\n", encoding="utf-8")
    imported = _run("roster", "import", str(roster), cwd=tmp_path)
    parsed = _run("parse", str(transcript), "--roster", str(roster), cwd=tmp_path)
    assert (imported.returncode, parsed.returncode) == (2, 2)
    assert imported.stderr.startswith(f"{roster}:3: ") and imported.stderr.count("\n") == 1
    assert parsed.stderr.startswith(f"{roster}:3: ") and parsed.stderr.count("\n") == 1


@pytest.mark.parametrize("data", [DEEP, _alias_bomb("name")], ids=["deep", "alias-bomb"])
def test_the_upload_page_answers_a_hostile_roster_with_400_and_its_line(client, role_users, data):
    client.force_login(role_users["secretariat"])
    people, groups = Person.objects.count(), StakeholderGroup.objects.count()
    response = client.post(
        reverse("community:roster_upload"), {"file": SimpleUploadedFile("deep.yaml", data)}
    )
    assert response.status_code == 400
    assert "deep.yaml:" in response.content.decode()
    assert (Person.objects.count(), StakeholderGroup.objects.count()) == (people, groups)


HOSTILE_PARTS = st.sampled_from(
    [
        b"groups: {g: G}\n",
        b"people:\n",
        b"  - {name: Ann, group: g}\n",
        b"&a [x, y]\n",
        b"*a\n",
        b"<<: *a\n",
        b"[" * 200,
        b"]" * 200,
        b"- " * 100,
        b"{" * 50,
        b"name,group\n",
        b'"A,g\n',
        b"\xff\xfe",
        b"\x00",
        b"x" * 5000,
    ]
)


@settings(max_examples=80, deadline=2000)
@given(
    parts=st.lists(st.one_of(HOSTILE_PARTS, st.binary(max_size=40)), max_size=12),
    source=st.sampled_from(["r.yaml", "r.csv"]),
)
def test_any_hostile_roster_reads_or_is_refused_naming_the_file(parts, source):
    try:
        roster_read(b"".join(parts), source=source)
    except RosterError as error:
        assert error.problems
        assert all(line.startswith(f"{source}:") for line in str(error).splitlines())


@pytest.mark.parametrize(
    ("data", "source", "problem"),
    [
        (b"x" * 131_073 + b",group\n", "r.csv", "1: field larger than field limit (131072)"),
        (b"groups: {g: " + b"9" * 4301 + b"}\n", "r.yaml", "1: a value longer than 1,000"),
    ],
    ids=["csv-header-over-the-field-limit", "yaml-5000-digit-number"],
)
def test_what_fuzzing_found_is_refused_in_one_line(data, source, problem):
    # Both were tracebacks: csv.Error from the header, ValueError from int().
    with pytest.raises(RosterError) as refused:
        roster_read(data, source=source)
    assert len(refused.value.problems) == 1
    assert refused.value.problems[0].startswith(problem)
