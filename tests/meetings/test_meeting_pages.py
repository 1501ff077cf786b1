import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonweal.meetings.models import Meeting, Turn

pytestmark = pytest.mark.django_db


def test_the_meeting_page_shows_floor_shares_and_the_whole_transcript(client, kobe_meeting):
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert "Non-Commercial Stakeholder Group (GNSO)" in page
    assert "ICANN Board of Directors" in page
    for turn in Turn.objects.filter(meeting=kobe_meeting).order_by("index")[:20]:
        assert f'id="turn-{turn.index}"' in page


def test_searching_a_meeting_lists_the_turns_that_mention_the_word(client, kobe_meeting):
    response = client.get(kobe_meeting.get_absolute_url(), {"q": "预算"})
    expected = Turn.objects.filter(meeting=kobe_meeting, text__contains="预算").order_by("index")
    assert expected.exists()
    first = expected[0].index
    # A new search opens the part that holds the first hit, scrolled to it.
    assert response.status_code == 302
    assert response["Location"].endswith(f"?turn={first}&q=%E9%A2%84%E7%AE%97#turn-{first}")
    page = client.get(response["Location"]).content.decode()
    for turn in expected:
        assert f'#turn-{turn.index}"' in page
    # The words found are highlighted in the transcript and in the list of hits.
    assert page.count('<mark class="hit">预算</mark>') >= 2 * expected.count()


def test_the_transcript_search_spans_meetings(client, kobe_meeting):
    page = client.get(reverse("meetings:search"), {"q": "预算"}).content.decode()
    turn = Turn.objects.filter(text__contains="预算").order_by("index").first()
    assert turn.get_absolute_url() in page


def test_the_turns_csv_cannot_run_as_a_spreadsheet_formula(client, kobe_meeting):
    Turn.objects.filter(meeting=kobe_meeting, index=0).update(text='=HYPERLINK("http://x")')
    response = client.get(reverse("meetings:turns_csv", kwargs={"pk": kobe_meeting.pk}))
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == ["index", "speaker", "group", "text"]
    first = next(row for row in rows[1:] if row[0] == "0")
    assert first[3].startswith("'=")


def test_the_secretariat_adds_a_transcript_and_sees_its_meeting(client, role_users):
    client.force_login(role_users["secretariat"])
    sample = b"Board meeting\n\nALICE: We will publish the budget.\n\nBOB: I suggest we wait.\n"
    response = client.post(
        reverse("meetings:upload"), {"transcript": SimpleUploadedFile("board.txt", sample)}
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert meeting.turns.count() == 2


def test_a_transcript_that_cannot_be_read_gets_a_readable_message_and_no_meeting(
    client, role_users
):
    client.force_login(role_users["secretariat"])
    response = client.post(
        reverse("meetings:upload"),
        {"transcript": SimpleUploadedFile("junk.txt", bytes(range(256)) * 40)},
    )
    assert response.status_code == 400
    assert "junk.txt" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_in_production_an_upload_waits_for_the_worker_and_shows_its_progress(
    client, role_users, settings
):
    from django.core.management import call_command

    from commonweal.meetings.models import IngestJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(role_users["secretariat"])
    sample = b"Board meeting\n\nALICE: We will publish the budget.\n\nBOB: I suggest we wait.\n"
    response = client.post(
        reverse("meetings:upload"), {"transcript": SimpleUploadedFile("board.txt", sample)}
    )
    job = IngestJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    waiting = client.get(job.get_absolute_url()).content.decode()
    assert "waiting for a worker" in waiting and 'hx-trigger="every 1s"' in waiting
    assert Meeting.objects.count() == 0

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.data == b""
    fragment = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert job.meeting.get_absolute_url() in fragment
    assert "<html" not in fragment  # htmx swaps the status block alone


def test_a_failing_background_job_records_why_and_leaves_no_meeting(client, role_users, settings):
    from django.core.management import call_command

    from commonweal.meetings.models import IngestJob

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    client.force_login(role_users["secretariat"])
    client.post(
        reverse("meetings:upload"),
        {"transcript": SimpleUploadedFile("junk.txt", bytes(range(256)) * 40)},
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job = IngestJob.objects.get()
    assert job.status == "failed" and job.message.startswith("junk.txt")
    assert Meeting.objects.count() == 0
    page = client.get(job.get_absolute_url()).content.decode()
    assert "The transcript was not added" in page


def test_the_meetings_list_filters_by_group_person_and_date(client, kobe_meeting, make_group):
    from commonweal.community.models import Person

    other_group = make_group("alac", name="At-Large Advisory Committee")
    stephanie = Person.objects.get(display_name="Stephanie Perrin")
    url = reverse("meetings:list")
    assert kobe_meeting.title in client.get(url, {"group": "ncsg"}).content.decode()
    assert kobe_meeting.title not in client.get(url, {"group": other_group.slug}).content.decode()
    assert kobe_meeting.title in client.get(url, {"person": stephanie.pk}).content.decode()
    in_range = {"date_from": "2019-03-01", "date_to": "2019-03-31"}
    assert kobe_meeting.title in client.get(url, in_range).content.decode()
    later = {"date_from": "2020-01-01"}
    assert kobe_meeting.title not in client.get(url, later).content.decode()
    backwards = client.get(url, {"date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert "comes before its start" in backwards.content.decode()


def test_a_person_page_lists_the_meetings_they_spoke_in(client, kobe_meeting):
    from commonweal.community.models import Person

    stephanie = Person.objects.get(display_name="Stephanie Perrin")
    page = client.get(stephanie.get_absolute_url()).content.decode()
    assert kobe_meeting.get_absolute_url() in page
    assert "丝黛芬妮·裴琳" in page


def test_the_secretariat_confirms_a_candidate_and_participants_cannot(
    client, kobe_meeting, role_users
):
    from commonweal.meetings.models import Candidate

    candidate = Candidate.objects.filter(meeting=kobe_meeting).first()
    url = reverse("meetings:candidate_review", kwargs={"pk": candidate.pk})
    client.force_login(role_users["participant"])
    assert client.post(url, {"status": "confirmed"}).status_code == 403
    client.force_login(role_users["secretariat"])
    assert client.post(url, {"status": "confirmed", "confirm": "yes"}).status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == "confirmed"
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert '<mark class="candidate-sentence">' in page


def test_confirming_a_recommendation_says_so_with_a_link_to_it(client, kobe_meeting, role_users):
    from commonweal.meetings.models import Candidate
    from commonweal.recommendations.models import Recommendation

    candidate = Candidate.objects.filter(meeting=kobe_meeting, kind="recommendation").first()
    url = reverse("meetings:candidate_review", kwargs={"pk": candidate.pk})
    client.force_login(role_users["secretariat"])
    page = client.post(url, {"status": "confirmed", "confirm": "yes"}, follow=True).content.decode()
    made = Recommendation.objects.get(candidate=candidate)
    assert "Confirmed: the registry now holds it as" in page
    assert f'<a href="{made.get_absolute_url()}">{made}</a>' in page
    dismissed = Candidate.objects.filter(meeting=kobe_meeting, status="proposed").first()
    url = reverse("meetings:candidate_review", kwargs={"pk": dismissed.pk})
    page = client.post(url, {"status": "dismissed"}, follow=True).content.decode()
    assert "Dismissed: it stays listed here" in page


def test_the_transcript_is_coloured_by_group_with_a_legend(client, kobe_meeting):
    page = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert (
        page.count('class="turn grouped') > Turn.objects.filter(meeting=kobe_meeting).count() * 0.9
    )
    assert 'class="legend"' in page


def test_the_json_and_convokit_exports_hold_every_turn(client, kobe_meeting):
    import json
    import zipfile

    turns = Turn.objects.filter(meeting=kobe_meeting).count()
    response = client.get(reverse("meetings:json", kwargs={"pk": kobe_meeting.pk}))
    data = json.loads(response.getvalue())
    assert len(data["turns"]) == turns
    assert data["meeting"]["date"] == "2019-03-12"
    assert sum(group["share"] for group in data["groups"]) == pytest.approx(1.0, abs=1e-3)
    response = client.get(reverse("meetings:convokit", kwargs={"pk": kobe_meeting.pk}))
    archive = zipfile.ZipFile(io.BytesIO(response.getvalue()))
    folder = f"meeting-{kobe_meeting.pk}"
    assert {f"{folder}/utterances.jsonl", f"{folder}/speakers.json"} <= set(archive.namelist())
    utterances = archive.read(f"{folder}/utterances.jsonl").decode().splitlines()
    assert len(utterances) == turns
    speakers = {json.loads(line)["speaker"] for line in utterances}
    assert "Stephanie Perrin" in speakers


def test_the_json_export_follows_the_parse_contract_schema(client, kobe_meeting):
    import json
    from pathlib import Path

    import jsonschema

    import commonweal.transcript

    schema_path = Path(commonweal.transcript.__file__).parent / "parse.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    response = client.get(reverse("meetings:json", kwargs={"pk": kobe_meeting.pk}))
    data = json.loads(response.getvalue())
    jsonschema.validate(data, schema)
    assert {group["group"] for group in data["groups"]} == {"board", "org", "ncsg"}
    assert sum(group["share"] for group in data["groups"]) == pytest.approx(1.0)


def test_a_filtered_list_still_counts_every_speaker_of_a_meeting(client, kobe_meeting):
    from commonweal.community.models import Person

    stephanie = Person.objects.get(display_name="Stephanie Perrin")
    speakers = kobe_meeting.participants.count()
    page = client.get(reverse("meetings:list"), {"person": stephanie.pk}).content.decode()
    assert f"<td>{speakers}</td>" in page


def test_an_erased_speaker_reads_former_participant_in_the_readers_language(client, kobe_meeting):
    from commonweal.accounts.models import User
    from commonweal.accounts.services import account_erase
    from commonweal.community.models import Person

    stephanie = Person.objects.get(display_name="Stephanie Perrin")
    account_erase(user=User.objects.create_user(email="s@example.org", person=stephanie))
    english = client.get(kobe_meeting.get_absolute_url()).content.decode()
    assert "Former participant" in english and "Stephanie Perrin" not in english
    chinese = client.get(
        kobe_meeting.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-CN"
    ).content.decode()
    assert "前参与者" in chinese
    group_page = client.get(reverse("community:group", kwargs={"slug": "ncsg"})).content.decode()
    assert "Former participant" in group_page
    assert stephanie.get_absolute_url() not in group_page  # no link to a page that is gone


def test_an_ingest_reports_its_steps_in_order(kobe_files):
    from commonweal.meetings.services import meeting_ingest

    transcript, roster = kobe_files
    steps = []
    meeting_ingest(
        data=transcript.read_bytes(),
        source_name=transcript.name,
        roster=roster.read_bytes(),
        on_step=steps.append,
    )
    assert steps == ["parsing", "storing"]


def test_each_search_result_shows_the_words_it_matched(client, kobe_meeting):
    page = client.get(kobe_meeting.get_absolute_url(), {"q": "预算"}, follow=True).content.decode()
    results = page.split('class="search-results"')[1].split("</ul>")[0]
    items = results.split("<li>")[1:]
    assert items and all("预算" in item for item in items)
