import subprocess
import sys

import pytest

from commonweal.community.models import Person
from commonweal.meetings import engine
from commonweal.meetings.models import Meeting, Participant, Turn
from commonweal.meetings.services import meeting_ingest
from tests.bad_inputs import BAD, bad_inputs

pytestmark = pytest.mark.django_db


def test_the_kobe_meeting_is_stored_with_every_speaker_linked(kobe_meeting):
    assert str(kobe_meeting.date) == "2019-03-12"
    assert kobe_meeting.start_time.strftime("%H:%M") == "08:30"
    assert kobe_meeting.end_time.strftime("%H:%M") == "09:30"
    named = Participant.objects.filter(meeting=kobe_meeting).exclude(label=">>")
    assert named.exists()
    assert not named.filter(person__isnull=True).exists()
    shares = {}
    for participant in kobe_meeting.participants.select_related("group"):
        key = participant.group.slug if participant.group else None
        shares[key] = shares.get(key, 0) + participant.share
    assert {"board", "org", "ncsg"} <= set(shares)
    assert sum(shares.values()) == pytest.approx(1.0)
    # Every turn belongs to the meeting and carries its speaker's person and group.
    for turn in Turn.objects.filter(meeting=kobe_meeting).select_related("participant"):
        assert turn.person_id == turn.participant.person_id
        assert turn.group_id == turn.participant.group_id


def test_the_same_transcript_twice_changes_nothing(kobe_meeting, kobe_files):
    transcript, roster = kobe_files
    turns = Turn.objects.count()
    again = meeting_ingest(
        data=transcript.read_bytes(), source_name=transcript.name, roster=roster.read_bytes()
    )
    assert again.action == "unchanged"
    assert again.meeting.pk == kobe_meeting.pk
    assert (Meeting.objects.count(), Turn.objects.count()) == (1, turns)


def test_a_corrected_transcript_replaces_its_meeting(kobe_meeting, kobe_files):
    transcript, roster = kobe_files
    text = transcript.read_text(encoding="utf-8")
    corrected = text.replace("我是凯茜·克莱曼。", "我是凯茜·克莱曼，来自 NCSG。", 1)
    assert corrected != text
    result = meeting_ingest(
        data=corrected.encode(), source_name=transcript.name, roster=roster.read_bytes()
    )
    assert result.action == "replaced"
    assert result.meeting.pk == kobe_meeting.pk
    assert Meeting.objects.count() == 1
    assert Turn.objects.filter(text__contains="来自 NCSG").exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("junk.txt", bytes(range(256)) * 40),
        ("broken.vtt", b"WEBVTT\n\n00:00:01.000 --> nonsense\nhello\n"),
    ],
)
def test_a_file_the_engine_refuses_leaves_the_database_as_it_was(kobe_meeting, name, data):
    before = (Meeting.objects.count(), Turn.objects.count(), Person.objects.count())
    with pytest.raises(engine.TranscriptError) as raised:
        meeting_ingest(data=data, source_name=name)
    assert str(raised.value).startswith(name)
    assert (Meeting.objects.count(), Turn.objects.count(), Person.objects.count()) == before


def test_the_ingest_command_reports_each_file_and_fails_on_a_bad_one(tmp_path, kobe_files):
    transcript, roster = kobe_files
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-m", "commonweal"]
    subprocess.run([*command, "migrate", "-v0"], check=True, cwd=tmp_path, env=env, timeout=120)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    done = subprocess.run(
        [*command, "ingest", str(transcript), str(bad), "--roster", str(roster)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2
    assert "created meeting" in done.stdout
    assert done.stderr.strip().startswith(str(bad))
    again = subprocess.run(
        [*command, "ingest", str(transcript), "--roster", str(roster)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert again.returncode == 0 and "unchanged meeting" in again.stdout


@pytest.mark.postgres
def test_ingesting_on_postgresql_is_idempotent(kobe_meeting, kobe_files):
    test_the_same_transcript_twice_changes_nothing(kobe_meeting, kobe_files)


@pytest.mark.parametrize("name", [name for name in BAD if name != "missing.txt"])
def test_ingesting_a_bad_file_exits_2_naming_it_and_leaves_the_database_as_it_was(
    kobe_meeting, tmp_path, capsys, name
):
    from django.core.management import call_command

    path = bad_inputs(tmp_path)[name]
    before = (Meeting.objects.count(), Turn.objects.count(), Person.objects.count())
    with pytest.raises(SystemExit) as raised:
        call_command("ingest", str(path))
    assert raised.value.code == 2
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and error.startswith(str(path))
    assert (Meeting.objects.count(), Turn.objects.count(), Person.objects.count()) == before
