from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commonweal.community.models import Membership, Person, StakeholderGroup
from commonweal.community.services import roster_import
from commonweal.rosters import RosterError, roster_read
from tests.conftest import REPO, shared_file

pytestmark = pytest.mark.django_db


def test_the_kobe_roster_creates_19_people_in_three_groups():
    roster = shared_file("corpus", "icann64-kobe", "roster.yaml")
    result = roster_import(data=roster.read_bytes(), source=str(roster))
    assert result.people_created == 19
    assert Person.objects.count() == 19
    assert set(StakeholderGroup.objects.values_list("slug", "kind")) == {
        ("board", "board"),
        ("org", "staff"),
        ("ncsg", "sg"),
    }
    assert Membership.objects.filter(group__slug="ncsg").count() == 9


def test_importing_the_same_roster_twice_changes_nothing():
    roster = shared_file("corpus", "icann64-kobe", "roster.yaml")
    roster_import(data=roster.read_bytes(), source=str(roster))
    before = (Person.objects.count(), StakeholderGroup.objects.count(), Membership.objects.count())
    again = roster_import(data=roster.read_bytes(), source=str(roster))
    assert not again.changed
    assert again.unchanged == 19
    assert (
        Person.objects.count(),
        StakeholderGroup.objects.count(),
        Membership.objects.count(),
    ) == before


def test_roles_come_from_the_roster_wording_not_from_a_parenthesis():
    data = b"""groups: {board: Board of Directors, ncsg: NCSG}
people:
  - {name: A One, group: board, role: director (session chair)}
  - {name: B Two, group: board, role: vice-chair of the Board}
  - {name: C Three, group: ncsg, role: NCSG chair}
"""
    roster_import(data=data, source="r.yaml")
    roles = dict(Membership.objects.values_list("person__display_name", "role"))
    assert roles == {"A One": "member", "B Two": "vice_chair", "C Three": "chair"}


def test_a_roster_in_capitals_without_accents_finds_the_same_people():
    roster_import(
        data=b"groups: {org: Org staff}\npeople:\n  - {name: G\xc3\xb6ran Marby, group: org}\n",
        source="a.yaml",
    )
    result = roster_import(data=b"name,group,role\nGORAN MARBY,org,CEO\n", source="b.csv")
    assert result.people_created == 0
    assert Person.objects.get().display_name == "Göran Marby"


def test_a_csv_roster_with_the_same_columns_imports_like_yaml():
    data = b"name,group,role,group_name,group_kind,group_parent\n" + (
        b"Rafik Dammak,ncsg,member,Non-Commercial Stakeholder Group,sg,\n"
        b"Joan Kerr,npoc,chair,Not-for-Profit Operational Concerns,constituency,ncsg\n"
    )
    roster_import(data=data, source="roster.csv")
    npoc = StakeholderGroup.objects.get(slug="npoc")
    assert npoc.kind == "constituency"
    assert npoc.parent.slug == "ncsg"
    assert Membership.objects.get(person__display_name="Joan Kerr").role == "chair"


@pytest.mark.parametrize(
    ("data", "source", "expected"),
    [
        (
            b"name,group,role\nA,g,member\n,g,member\nB,,member\n",
            "r.csv",
            ["r.csv:3: name is missing", "r.csv:4: group is missing"],
        ),
        (
            b"groups: {g: G}\npeople:\n  - {name: A, group: g}\n  - {name: B, group: nowhere}\n",
            "r.yaml",
            ["r.yaml:4: group 'nowhere' is not declared under 'groups'"],
        ),
        (b"groups: {g: G}\npeople:\n  - {name: A, group: g\n", "r.yaml", None),
        (b"", "r.yaml", ["r.yaml:1: the file is empty"]),
        (b"name,group\n\xff\xfeA,g\n", "r.csv", ["r.csv:2: not UTF-8 text"]),
        (b"\x00\x01\x02binary", "r.yaml", ["r.yaml:1: binary data, not a roster"]),
        (b"groups: {g: G}\npeople: []\n", "r.yaml", ["r.yaml:1: the roster lists nobody"]),
        (b"just text\n", "r.yaml", ["r.yaml:1: expected a mapping with 'groups' and 'people'"]),
    ],
)
def test_bad_rosters_are_refused_line_by_line_and_nothing_is_written(data, source, expected):
    with pytest.raises(RosterError) as raised:
        roster_import(data=data, source=source)
    lines = str(raised.value).splitlines()
    if expected is None:
        assert len(lines) == 1 and lines[0].startswith(f"{source}:")
    else:
        assert lines == expected
    assert (
        Person.objects.count()
        == StakeholderGroup.objects.count()
        == Membership.objects.count()
        == 0
    )


names = (
    st.text(alphabet=st.characters(categories=["L"], max_codepoint=0x9FFF), min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    people=st.lists(
        st.tuples(names, st.sampled_from(["board", "ncsg", "org"])), min_size=1, max_size=8
    )
)
def test_any_well_formed_csv_roster_reads_back_row_for_row(people):
    text = "name,group,role\n" + "".join(f'"{name}",{group},member\n' for name, group in people)
    roster = roster_read(text.encode(), source="r.csv")
    assert [(entry.name, entry.group, entry.line) for entry in roster.people] == [
        (name, group, index + 2) for index, (name, group) in enumerate(people)
    ]


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=300))
def test_no_byte_string_crashes_the_roster_reader(data):
    for source in ("r.yaml", "r.csv"):
        try:
            roster_read(data, source=source)
        except RosterError as error:
            assert error.problems and all(
                problem.split(":")[0].isdigit() for problem in error.problems
            )


def test_the_command_line_import_reports_bad_rows_by_line_and_exits_non_zero(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,group,role\nA,g,member\n,g,member\n")
    done = subprocess.run(
        [sys.executable, "-m", "commonweal", "roster", "import", str(bad)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"{bad}:3: name is missing"


def test_the_command_line_import_of_the_kobe_roster_is_idempotent(tmp_path):
    roster = shared_file("corpus", "icann64-kobe", "roster.yaml")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
    }
    command = [sys.executable, "-m", "commonweal"]
    subprocess.run([*command, "migrate", "-v0"], check=True, cwd=tmp_path, env=env, timeout=120)
    first = subprocess.run(
        [*command, "roster", "import", str(roster)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    second = subprocess.run(
        [*command, "roster", "import", str(roster)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert "19 people created, 3 groups created" in first.stdout
    assert (
        "0 people created, 0 groups created, 0 memberships created, 0 updated, 19 unchanged"
        in second.stdout
    )
    assert REPO.exists()


@pytest.mark.postgres
def test_the_kobe_roster_imports_idempotently_on_postgresql():
    test_importing_the_same_roster_twice_changes_nothing()


@pytest.mark.postgres
def test_a_bad_roster_leaves_postgresql_untouched():
    with pytest.raises(RosterError):
        roster_import(data=b"name,group\nA,g\n,g\n", source="r.csv")
    assert Person.objects.count() == 0


def test_aliases_in_the_roster_become_names_the_person_is_found_by():
    data = """groups: {ncsg: NCSG}
people:
  - {name: Stephanie Perrin, group: ncsg, aliases: [丝黛芬妮·裴琳, Steph Perrin]}
""".encode()
    roster_import(data=data, source="r.yaml")
    person = Person.objects.get()
    assert set(person.names.values_list("name", "script")) == {
        ("Stephanie Perrin", "Latn"),
        ("丝黛芬妮·裴琳", "Hans"),
        ("Steph Perrin", "Latn"),
    }
    again = roster_import(data="name,group,aliases\n丝黛芬妮·裴琳,ncsg,\n".encode(), source="r.csv")
    assert again.people_created == 0


def test_the_transcript_engine_reads_the_same_roster_format_with_the_same_errors(tmp_path):
    from commonweal.transcript import TranscriptError, load_roster

    good = tmp_path / "r.csv"
    good.write_text("name,group,role,aliases\nStephanie Perrin,ncsg,chair,丝黛芬妮·裴琳\n")
    roster = load_roster(str(good))
    assert roster.find("丝黛芬妮·裴琳").name == "Stephanie Perrin"
    bad = tmp_path / "bad.csv"
    bad.write_text("name,group,role\nA,g,member\n,g,member\n")
    with pytest.raises(TranscriptError) as raised:
        load_roster(str(bad))
    with pytest.raises(RosterError) as also:
        roster_read(bad.read_bytes(), source=str(bad))
    assert str(raised.value) == str(also.value) == f"{bad}:3: name is missing"
