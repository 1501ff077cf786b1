"""A comment proceeding from draft to report, as staff, participants and a coordinator
click through it."""

from __future__ import annotations

from django.urls import reverse

from commonweal.consultations.models import Document, Event, Extension, Proceeding, Submission
from tests.consultations.fixtures_proceedings import *  # noqa: F403  (fixtures, found by name)
from tests.consultations.fixtures_proceedings import PDF, close, days, login, upload


def _url(name: str, pk: int) -> str:
    return reverse(f"consultations:{name}", kwargs={"pk": pk})


def _staff_drafts_and_publishes(client, staff, ncsg) -> Proceeding:
    login(client, staff)
    response = client.post(
        reverse("consultations:proceeding_new"),
        {
            "title": "Registration data policy",
            "summary": "Should registrars publish contact data?",
            "language": "en",
            "opens_on": days(-1).isoformat(),
            "closes_on": days(7).isoformat(),
            "groups": [ncsg.pk],
        },
    )
    proceeding = Proceeding.objects.get()
    assert response.url == proceeding.get_absolute_url()
    add = _url("document_add", proceeding.pk)
    client.post(add, {"title": "Draft policy", "language": "en", "file": upload("p.pdf", PDF)})
    client.post(add, {"title": "Background", "language": "en", "url": "https://example.org/bg"})
    refused = client.post(
        add, {"title": "Fake", "language": "en", "file": upload("fake.pdf", b"MZ not a pdf")}
    )
    assert refused.status_code == 400
    assert "not a PDF file" in refused.content.decode()
    assert Document.objects.count() == 2
    asked = client.get(_url("proceeding_publish", proceeding.pk))
    assert "Publish this proceeding?" in asked.content.decode()
    client.post(_url("proceeding_publish", proceeding.pk), {"confirm": "yes"})
    proceeding.refresh_from_db()
    assert proceeding.published_at is not None
    return proceeding


def _submit(client, user, proceeding, text: str, group=None) -> Submission:
    login(client, user)
    data = {"text": text, "language": "en", "on_behalf_of": group.pk if group else ""}
    client.post(_url("submission_new", proceeding.pk), data)
    submission = Submission.objects.get(text=text)
    assert submission.state == Submission.State.DRAFT
    client.post(_url("submission_submit", submission.pk), {"confirm": "yes"})
    submission.refresh_from_db()
    return submission


def test_a_proceeding_goes_from_draft_to_a_report_that_answers_each_submission(
    client, role_users, member, media
):
    ncsg = role_users["groups"]["ncsg"]
    proceeding = _staff_drafts_and_publishes(client, role_users["secretariat"], ncsg)
    opened = Event.objects.get(key=f"proceeding:{proceeding.pk}:opened")
    assert opened.category == "deadline" and list(opened.groups.all()) == [ncsg]

    mine = _submit(client, role_users["participant"], proceeding, "Publish less data.")
    assert mine.state == Submission.State.PUBLISHED
    ours = _submit(client, member, proceeding, "The NCSG asks for privacy.", group=ncsg)
    assert ours.state == Submission.State.AWAITING
    page = client.get(proceeding.get_absolute_url()).content.decode()
    assert f'id="submission-{mine.pk}"' in page
    assert f'id="submission-{ours.pk}"' not in page

    login(client, role_users["coordinator"])
    queue = client.get(reverse("consultations:endorsements")).content.decode()
    assert "The NCSG asks for privacy." in queue
    client.post(_url("submission_endorse", ours.pk), {"confirm": "yes"})
    page = client.get(proceeding.get_absolute_url()).content.decode()
    assert f'id="submission-{ours.pk}"' in page and "on behalf of <bdi>NCSG</bdi>" in page

    login(client, role_users["secretariat"])
    client.post(
        _url("proceeding_extend", proceeding.pk),
        {"closes_on": days(14).isoformat(), "reason": "The NCSG asked for more time."},
    )
    extension = Extension.objects.get()
    assert Event.objects.filter(key=f"proceeding:{proceeding.pk}:extended:{extension.pk}").exists()
    assert (
        "The NCSG asked for more time."
        in client.get(proceeding.get_absolute_url()).content.decode()
    )

    close(proceeding)
    report = _url("proceeding_report", proceeding.pk)
    answers = {f"response_{mine.pk}": "Agreed in part.", f"response_{ours.pk}": "Adopted."}
    incomplete = {"report": "Two comments.", "action": "publish", "confirm": "yes"}
    assert client.post(report, incomplete).status_code == 400
    asked = client.post(report, {"report": "Two comments.", "action": "publish", **answers})
    assert "Publish the staff report?" in asked.content.decode()
    client.post(
        report, {"report": "Two comments.", "action": "publish", "confirm": "yes", **answers}
    )
    assert Event.objects.filter(key=f"proceeding:{proceeding.pk}:report").exists()

    page = client.get(proceeding.get_absolute_url()).content.decode()
    for submission in (mine, ours):
        assert f'href="#report-{submission.pk}"' in page
        assert f'id="report-{submission.pk}"' in page
        assert f'href="#submission-{submission.pk}"' in page
    assert "Adopted." in page


def test_a_coordinator_declines_and_the_author_reads_the_note(
    client, role_users, member, open_proceeding
):
    ncsg = role_users["groups"]["ncsg"]
    ours = _submit(client, member, open_proceeding, "Speak for us.", group=ncsg)
    login(client, role_users["coordinator"])
    client.post(_url("submission_decline", ours.pk), {"note": "Add the board's view first."})
    ours.refresh_from_db()
    assert ours.state == Submission.State.DRAFT
    login(client, member)
    page = client.get(open_proceeding.get_absolute_url()).content.decode()
    assert "Add the board&#x27;s view first." in page
    login(client, role_users["participant"])
    assert "Speak for us." not in client.get(open_proceeding.get_absolute_url()).content.decode()


def test_submitting_after_the_close_is_refused_with_a_reason(client, role_users, open_proceeding):
    participant = role_users["participant"]
    login(client, participant)
    client.post(_url("submission_new", open_proceeding.pk), {"text": "Late?", "language": "en"})
    draft = Submission.objects.get()
    close(open_proceeding)
    response = client.post(_url("submission_submit", draft.pk), {"confirm": "yes"}, follow=True)
    assert "The comment period closed on" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT
    refused = client.get(_url("submission_new", open_proceeding.pk), follow=True)
    assert "no more comments are taken" in refused.content.decode()


def test_writing_on_behalf_of_a_group_one_is_not_in_is_not_offered(
    client, role_users, open_proceeding
):
    login(client, role_users["participant"])
    ncsg = role_users["groups"]["ncsg"]
    response = client.post(
        _url("submission_new", open_proceeding.pk),
        {"text": "For them.", "language": "en", "on_behalf_of": ncsg.pk},
    )
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_the_report_waits_for_the_group_submissions_still_to_be_endorsed(
    client, role_users, member, open_proceeding
):
    ncsg = role_users["groups"]["ncsg"]
    waiting = _submit(client, member, open_proceeding, "Speak for us.", group=ncsg)
    close(open_proceeding)
    login(client, role_users["secretariat"])
    refused = client.post(
        _url("proceeding_report", open_proceeding.pk),
        {"text": "Thank you all.", "confirm": "yes", "action": "publish"},
        follow=True,
    )
    assert "1 submission still waits for its group&#x27;s endorsement" in refused.content.decode()
    open_proceeding.refresh_from_db()
    assert open_proceeding.report_published_at is None
    # Once the coordinator endorsed it, it is answered and the report goes out.
    login(client, role_users["coordinator"])
    client.post(_url("submission_endorse", waiting.pk), {"confirm": "yes"})
    waiting.refresh_from_db()
    assert waiting.state == Submission.State.PUBLISHED
