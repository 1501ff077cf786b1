"""Every page × every role, with the status each role must get.

Adding a URL without adding its row here fails ``test_every_url_has_a_row``.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.roles import ROLE_ORDER, row

EVERYONE = row(200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = row(302, 200, 200, 200, 200, 200, 200)
SIGNED_OUT_ONLY = row(200, 302, 302, 302, 302, 302, 302)
PLATFORM_STAFF = row(302, 403, 403, 200, 403, 403, 200)
CASE_HOLDER = row(302, 403, 403, 403, 403, 200, 404, 403)
CASE_POST = row(302, 403, 403, 403, 403, 405, 405, 403)

# url name -> (kwargs factory, expected status per role)
MATRIX = {
    "site:home": (None, EVERYONE),
    "core:privacy": (None, EVERYONE),
    "core:favicon": (None, row(301, 301, 301, 301, 301, 301, 301)),
    "set_language": (None, row(302, 302, 302, 302, 302, 302, 302)),
    "accounts:login": (None, SIGNED_OUT_ONLY),
    "accounts:logout": (None, row(405, 405, 405, 405, 405, 405, 405)),
    "accounts:signup": (None, SIGNED_OUT_ONLY),
    "accounts:invitation": ("invitation", SIGNED_OUT_ONLY),
    "accounts:invitations": (None, PLATFORM_STAFF),
    "accounts:password_reset": (None, EVERYONE),
    "accounts:password_reset_done": (None, EVERYONE),
    "accounts:password_reset_confirm": ("reset", EVERYONE),
    "accounts:password_reset_complete": (None, EVERYONE),
    "accounts:password_change": (None, SIGNED_IN),
    "accounts:me": (None, SIGNED_IN),
    "accounts:me_export": (None, SIGNED_IN),
    "accounts:me_erase": (None, SIGNED_IN),
    "community:people": (None, EVERYONE),
    "community:person": ("person", EVERYONE),
    "community:groups": (None, EVERYONE),
    "community:group": ("group", EVERYONE),
    # Only the coordinator of this very group, the secretariat and administrators.
    "community:membership_add": ("group", row(302, 403, 200, 200, 403, 403, 200)),
    "community:roster_upload": (None, PLATFORM_STAFF),
    "community:my_groups": (None, SIGNED_IN),
    "community:request_join": ("group", SIGNED_IN),
    "community:request_queue": ("group", row(302, 403, 200, 200, 403, 403, 200)),
    "community:request_approve": ("membership_request", row(302, 403, 200, 200, 403, 403, 200)),
    "community:request_decline": ("membership_request", row(302, 403, 200, 200, 403, 403, 200)),
    # A superuser passes every check, so withdrawing someone else's request is only refused
    # by the method: 405 for a GET.
    "community:request_withdraw": ("membership_request", row(302, 405, 403, 403, 403, 403, 405)),
    "meetings:list": (None, EVERYONE),
    "meetings:search": (None, EVERYONE),
    "meetings:meeting": ("meeting", EVERYONE),
    # A lasting link to a turn: everyone is sent on to the part of the page that holds it.
    "meetings:turn": ("meeting_turn", row(302, 302, 302, 302, 302, 302, 302)),
    "meetings:turns_csv": ("meeting", EVERYONE),
    "meetings:upload": (None, PLATFORM_STAFF),
    "meetings:job": ("job", PLATFORM_STAFF),
    "meetings:json": ("meeting", EVERYONE),
    "meetings:convokit": ("meeting", EVERYONE),
    # POST only: every role that may review is sent on (302); others are refused.
    "meetings:candidate_review": ("candidate", row(302, 403, 403, 405, 403, 403, 405)),
    "meetings:topic_title": ("topic", PLATFORM_STAFF),
    "recommendations:list": (None, EVERYONE),
    "recommendations:detail": ("recommendation", EVERYONE),
    "recommendations:export_csv": (None, EVERYONE),
    "recommendations:export_json": (None, EVERYONE),
    "recommendations:add": (None, PLATFORM_STAFF),
    "recommendations:edit": ("recommendation", PLATFORM_STAFF),
    "recommendations:import": (None, PLATFORM_STAFF),
    # POST only, like candidate review.
    "recommendations:move": ("recommendation", row(302, 403, 403, 405, 403, 403, 405)),
    "rounds:list": (None, EVERYONE),
    "rounds:create": (None, PLATFORM_STAFF),
    "rounds:detail": ("round", EVERYONE),
    "rounds:edit": ("round", PLATFORM_STAFF),
    # Only members of the round's voting groups: here the NCSG, which the coordinator chairs.
    "rounds:ballot": ("round", row(302, 403, 200, 403, 403, 403, 403)),
    "rounds:close": ("round", row(302, 403, 403, 405, 403, 403, 405)),
    "rounds:priorities": ("counted_round", EVERYONE),
    "rounds:pabulib": ("counted_round", EVERYONE),
    "rounds:export_csv": ("counted_round", EVERYONE),
    "rounds:export_json": ("counted_round", EVERYONE),
    "metrics:community": (None, EVERYONE),
    "metrics:group": ("group", EVERYONE),
    # Public, but which table to download is a parameter: without one there is nothing.
    "metrics:csv": (None, row(404, 404, 404, 404, 404, 404, 404)),
    # The coordinator of this very group (ncsg), the secretariat and administrators.
    "metrics:assess": ("group", row(302, 403, 200, 200, 403, 403, 200)),
    "accounts:activity": (None, SIGNED_IN),
    "discussion:item": ("round_item", EVERYONE),
    "discussion:post": ("thread", row(302, 405, 405, 405, 405, 405, 405)),
    "discussion:comment": ("discussion_comment", row(302, 302, 302, 302, 302, 302, 302)),
    "discussion:edit": ("discussion_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:delete": ("discussion_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:hide": ("discussion_comment", PLATFORM_STAFF),
    "discussion:appeal": ("hidden_comment", row(302, 200, 403, 403, 403, 403, 403)),
    "discussion:appeals": (None, row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "discussion:restore": ("appeal", row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "discussion:uphold": ("appeal", row(302, 403, 403, 403, 403, 200, 403, custodian=403)),
    "learning:courses": (None, EVERYONE),
    # LTI: a login without a platform's parameters is refused with a readable page;
    # the launch is a POST from the platform; the tool's public keys are public.
    "learning:lti_login": (None, row(400, 400, 400, 400, 400, 400, 400)),
    "learning:lti_launch": (None, row(405, 405, 405, 405, 405, 405, 405)),
    "learning:lti_jwks": (None, EVERYONE),
    "learning:round_requirements": ("round", PLATFORM_STAFF),
    "learning:group_requirements": ("group", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:course_add": (None, row(302, 403, 200, 200, 403, 403, 200)),
    "learning:verify_form": (None, EVERYONE),
    "learning:verify": ("certificate_code", EVERYONE),
    # The learner's own (here the participant's); administrators pass every check.
    "learning:certificate": ("certificate", row(302, 200, 403, 403, 403, 403, 200)),
    "learning:file": ("lesson_file", EVERYONE),
    "learning:attempt": ("quiz_attempt", row(302, 200, 403, 403, 403, 403, 200)),
    # The NCSG's course: its coordinator authors and marks it, as do the secretariat.
    "learning:mark": ("quiz_attempt", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:course": ("course", EVERYONE),
    "learning:course_edit": ("course", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:module_add": ("course", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:module_edit": ("course_module", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:lesson_add": ("course_module", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:quiz": ("course_module", EVERYONE),
    "learning:quiz_edit": ("course_module", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:lesson": ("course_lesson", EVERYONE),
    # POST only.
    "learning:lesson_done": ("course_lesson", row(302, 405, 405, 405, 405, 405, 405)),
    "learning:file_add": ("course_lesson", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:edition_edit": ("lesson_edition", row(302, 403, 200, 200, 403, 403, 200)),
    "learning:glossary": (None, EVERYONE),
    "learning:term_add": (None, row(302, 403, 200, 200, 403, 403, 200)),
    "learning:glossary_file": ("glossary_file", EVERYONE),
    "learning:term": ("term", EVERYONE),
    "learning:term_edit": ("term", row(302, 403, 200, 200, 403, 403, 200)),
    # POST only.
    "learning:term_know": ("term", row(302, 405, 405, 405, 405, 405, 405)),
    "consultations:proceedings": (None, EVERYONE),
    "consultations:proceeding": ("comment_proceeding", EVERYONE),
    "consultations:submissions_csv": ("comment_proceeding", EVERYONE),
    "consultations:submissions_json": ("comment_proceeding", EVERYONE),
    "consultations:document": ("proceeding_document", EVERYONE),
    "consultations:proceeding_new": (None, PLATFORM_STAFF),
    "consultations:proceeding_edit": ("draft_proceeding", PLATFORM_STAFF),
    "consultations:document_add": ("draft_proceeding", PLATFORM_STAFF),
    "consultations:proceeding_publish": ("draft_proceeding", PLATFORM_STAFF),
    "consultations:proceeding_extend": ("comment_proceeding", PLATFORM_STAFF),
    "consultations:proceeding_report": ("comment_proceeding", PLATFORM_STAFF),
    "consultations:submission_new": ("comment_proceeding", SIGNED_IN),
    # A draft is its author's: others who may not see it get 404, staff who see it 403.
    "consultations:submission_edit": ("own_submission", row(302, 200, 404, 403, 404, 404, 403)),
    "consultations:submission_submit": ("own_submission", row(302, 200, 404, 403, 404, 404, 403)),
    "consultations:submission_endorse": (
        "awaiting_submission",
        row(302, 404, 200, 200, 404, 404, 200),
    ),
    "consultations:submission_decline": (
        "awaiting_submission",
        row(302, 404, 200, 200, 404, 404, 200),
    ),
    "consultations:endorsements": (None, row(302, 403, 200, 200, 403, 403, 200)),
    "consultations:calendar": (None, EVERYONE),
    "consultations:follows": (None, SIGNED_IN),
    # POST only: signed-in roles get 405 for a GET.
    "consultations:follow": (None, row(302, 405, 405, 405, 405, 405, 405)),
    "consultations:flag": (None, row(302, 403, 200, 200, 200, 403, 200)),
    "consultations:alerts": (None, EVERYONE),
    "consultations:feeds": (None, SIGNED_IN),
    "consultations:feeds_rekey": (None, row(302, 405, 405, 405, 405, 405, 405)),
    "consultations:feed_group": ("group", EVERYONE),
    # The key in the address opens a private feed, not the session.
    "consultations:feed_all": ("feed_token", EVERYONE),
    "consultations:feed_follow": ("feed_follow", EVERYONE),
    "consultations:feed_deadlines": ("feed_token", EVERYONE),
    # A GET only asks; the one-click POST needs no sign-in (RFC 8058).
    "consultations:unsubscribe": ("unsubscribe", EVERYONE),
    # Conduct reports: the form and the receipt's door are open to all; the rest is POST
    # (405) or the key holders' alone. A case opens only to a key it is sealed to: the
    # custodian's is not, an administrator's role is no key.
    "conduct:report": (None, EVERYONE),
    "conduct:followup": (None, EVERYONE),
    "conduct:followup_message": (None, row(405, 405, 405, 405, 405, 405, 405, 405)),
    "conduct:followup_consent": (None, row(405, 405, 405, 405, 405, 405, 405, 405)),
    "conduct:followup_withdraw": (None, row(405, 405, 405, 405, 405, 405, 405, 405)),
    "conduct:followup_export": (None, row(405, 405, 405, 405, 405, 405, 405, 405)),
    "conduct:followup_file": ("conduct_file", row(405, 405, 405, 405, 405, 405, 405, 405)),
    "conduct:cases": (None, row(302, 403, 403, 403, 403, 200, 200, 403)),
    "conduct:case": ("conduct_case", CASE_HOLDER),
    "conduct:case_close": ("conduct_case", CASE_HOLDER),
    "conduct:case_disclose": ("conduct_case", CASE_HOLDER),
    "conduct:case_attachment": ("conduct_attachment", CASE_HOLDER),
    "conduct:case_acknowledge": ("conduct_case", CASE_POST),
    "conduct:case_reply": ("conduct_case", CASE_POST),
    "conduct:case_status": ("conduct_case", CASE_POST),
    # The custodian who did not ask decides; the ombudsman who asked may not.
    "conduct:disclosure": ("conduct_disclosure", row(302, 403, 403, 403, 403, 403, 200, 403)),
    # Recordings hold people's voices: the secretariat and administrators alone.
    "audio:list": (None, PLATFORM_STAFF),
    "audio:new": (None, PLATFORM_STAFF),
    "audio:recording": ("recording", PLATFORM_STAFF),
    "audio:voice_sample": ("recording_voice", PLATFORM_STAFF),
    "admin:index": (None, row(302, 302, 302, 302, 302, 302, 200)),
}


def _url_names(patterns, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_has_a_row():
    # The admin's own pages are checked model by model below.
    names = {
        name for name in _url_names(get_resolver().url_patterns) if not name.startswith("admin:")
    }
    assert names == set(MATRIX) - {"admin:index"}


def _discussion_kwargs(role_users, counted) -> dict:
    """A comment shown, one hidden, one hidden and appealed, on a counted round's list."""
    from commonweal.discussion.services import appeal_file, comment_hide, comment_post

    participant, secretariat = role_users["participant"], role_users["secretariat"]
    item = counted.items.first()
    shown = comment_post(target=item, author=participant, text="Fund it.")
    hidden = comment_post(target=counted, author=participant, text="Rude.")
    comment_hide(comment=hidden, by=secretariat, reason="Rude.", site_url="")
    blunt = comment_post(target=counted, author=participant, text="Blunt.")
    comment_hide(comment=blunt, by=secretariat, reason="Blunt.", site_url="")
    appeal = appeal_file(comment=blunt, by=participant, note="Fair.", site_url="")
    return {
        "round_item": {"pk": item.pk},
        "thread": {"kind": "item", "pk": item.pk},
        "discussion_comment": {"pk": shown.pk},
        "hidden_comment": {"pk": hidden.pk},
        "appeal": {"pk": appeal.pk},
    }


def _learning_kwargs(role_users) -> dict:
    """The NCSG's course, the participant's attempt at its quiz (a written answer waiting
    to be marked), their certificate and a lesson file."""
    import datetime

    from django.core.files.base import ContentFile

    from commonweal.learning.models import Certificate, LessonFile
    from commonweal.learning.services.authoring import (
        course_create,
        lesson_create,
        module_save,
        quiz_save,
    )
    from commonweal.learning.services.progress import quiz_submit
    from commonweal.learning.specs import QuestionSpec

    participant = role_users["participant"]
    course = course_create(
        slug="primer",
        title="Primer",
        source_language="en",
        owner_group=role_users["groups"]["ncsg"],
    )
    module = module_save(course=course, slug="basics", language="en", title="Basics")
    lesson = lesson_create(module=module, slug="acronyms", title="Acronyms", body="NCSG.")
    quiz = quiz_save(
        module=module,
        slug="check",
        titles={"en": "Check"},
        pass_percent=50,
        questions=[QuestionSpec("free", {"en": "Why take part?"})],
    )
    attempt = quiz_submit(
        user=participant, quiz=quiz, answers={quiz.questions.get().pk: "To be heard."}
    )
    certificate = Certificate.objects.create(
        course=course, learner=participant, issued_on=datetime.date(2026, 1, 1)
    )
    stored = LessonFile.objects.create(
        lesson=lesson, name="notes.txt", file=ContentFile(b"notes", name="notes.txt"), size=5
    )
    return {
        "course": {"slug": course.slug},
        "course_module": {"slug": course.slug, "module": module.slug},
        "course_lesson": {"slug": course.slug, "lesson": lesson.slug},
        "lesson_edition": {"slug": course.slug, "lesson": lesson.slug, "language": "zh-hans"},
        "quiz_attempt": {"pk": attempt.pk},
        "certificate": {"pk": certificate.pk},
        "certificate_code": {"code": certificate.code},
        "lesson_file": {"pk": stored.pk},
        **_glossary_kwargs(),
    }


def _consultations_kwargs(role_users, make_user) -> dict:
    """An open proceeding with a document, a draft one, the participant's draft submission,
    an NCSG member's submission awaiting the group's endorsement, a follow and its feeds."""
    import datetime

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from commonweal.community.models import Membership
    from commonweal.consultations.models import Document, Follow, Proceeding, delivery_for
    from commonweal.consultations.services import proceedings
    from commonweal.consultations.unsubscribe import unsubscribe_token

    ncsg, participant = role_users["groups"]["ncsg"], role_users["participant"]
    today = timezone.now().date()
    open_one = proceedings.proceeding_create(
        title="Plan",
        summary="",
        language="en",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=9),
        groups=[ncsg],
    )
    proceedings.proceeding_publish(proceeding=open_one)
    draft = Proceeding.objects.create(title="Draft", opens_on=today, closes_on=today)
    document = Document.objects.create(
        proceeding=open_one, title="Plan", file=ContentFile(b"%PDF-1.7", name="plan.pdf")
    )
    own = proceedings.submission_create(proceeding=open_one, author=participant, text="Yes.")
    member = make_user("ncsg-member@example.org")
    Membership.objects.create(person=member.person, group=ncsg, role=Membership.Role.MEMBER)
    waiting = proceedings.submission_create(
        proceeding=open_one, author=member, text="For the NCSG.", on_behalf_of=ncsg
    )
    proceedings.submission_submit(submission=waiting, by=member)
    token = delivery_for(participant).feed_token
    follow = Follow.objects.create(user=participant, kind="group", subject=str(ncsg.pk))
    return {
        "comment_proceeding": {"pk": open_one.pk},
        "draft_proceeding": {"pk": draft.pk},
        "proceeding_document": {"pk": document.pk},
        "own_submission": {"pk": own.pk},
        "awaiting_submission": {"pk": waiting.pk},
        "feed_token": {"token": token},
        "feed_follow": {"token": token, "follow_pk": follow.pk},
        "unsubscribe": {"token": unsubscribe_token(user_id=participant.pk)},
    }


def _conduct_kwargs(role_users, settings, tmp_path) -> dict:
    """A report sealed to the ombudsman's key, with a file, and a disclosure the ombudsman
    asked for."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commonweal.conduct.keys import key_create
    from commonweal.conduct.models import DisclosureRequest, KeyHolder
    from commonweal.conduct.services.cases import Report
    from commonweal.conduct.services.handling import _reason_seal
    from commonweal.conduct.services.reporting import report_submit

    settings.CONDUCT_KEY_DIR = tmp_path / "conduct-keys"
    key_create(role=KeyHolder.Role.OMBUDSMAN, user=role_users["ombudsman"])
    custodian, _private = key_create(role=KeyHolder.Role.CUSTODIAN, user=role_users["custodian"])
    case, _receipt = report_submit(
        report=Report(kind="other", place="elsewhere", what="x", when="", where="", who=""),
        files=[SimpleUploadedFile("note.txt", b"note")],
    )
    request = DisclosureRequest.objects.create(
        case=case,
        what="content",
        to_whom="the legal team",
        reason_box=_reason_seal("Asked by a court.", [custodian]),
        requested_by=role_users["ombudsman"],
    )
    attachment = case.attachments.get()
    return {
        "conduct_case": {"pk": case.pk},
        "conduct_attachment": {"pk": case.pk, "attachment": attachment.pk},
        "conduct_file": {"attachment_id": attachment.pk},
        "conduct_disclosure": {"pk": request.pk},
    }


def _audio_kwargs(role_users) -> dict:
    """A recording waiting for review, with one voice and its sample."""
    from tests.audio.recording_rows import recording_in_review

    recording = recording_in_review(by=role_users["secretariat"])
    return {
        "recording": {"pk": recording.pk},
        "recording_voice": {"pk": recording.pk, "index": 0},
    }


def _glossary_kwargs() -> dict:
    """The NCSG's glossary entry."""
    from commonweal.learning.glossary.csvfile import glossary_read_csv
    from commonweal.learning.glossary.services import glossary_import

    glossary_import(
        terms=glossary_read_csv(
            b"term,owner,expansion_en\nNCSG,ncsg,Non-Commercial Stakeholders Group\n", "t.csv"
        ),
        source="t.csv",
    )
    return {"term": {"slug": "ncsg"}, "glossary_file": {"file_format": "csv"}}


@pytest.fixture
def url_kwargs(
    role_users, make_person, make_user, make_recommendation, make_round, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    from commonweal.accounts.services import invitation_create
    from commonweal.community.models import MembershipRequest
    from commonweal.meetings.models import Candidate, IngestJob, Meeting, Participant, Topic, Turn
    from commonweal.rounds.services import round_close

    _invitation, token = invitation_create(
        email="new@example.org", invited_by=role_users["secretariat"]
    )
    meeting = Meeting.objects.create(
        title="Joint session", identity="i", content_hash="h", source_name="t.txt"
    )
    speaker = Participant.objects.create(meeting=meeting, label="A")
    turn = Turn.objects.create(meeting=meeting, index=0, participant=speaker, text="I suggest x.")
    candidate = Candidate.objects.create(
        meeting=meeting, turn=turn, kind="recommendation", sentence="I suggest x."
    )
    topic = Topic.objects.create(
        meeting=meeting, index=0, title="Opening", first_turn=0, last_turn=0
    )
    ncsg = role_users["groups"]["ncsg"]
    counted = round_close(voting_round=make_round(voter_groups=[ncsg]))
    membership_request = MembershipRequest.objects.create(
        person=role_users["participant"].person, group=ncsg, note="Let me in."
    )
    discussion = _discussion_kwargs(role_users, counted)
    return {
        **discussion,
        **_learning_kwargs(role_users),
        **_consultations_kwargs(role_users, make_user),
        **_conduct_kwargs(role_users, settings, tmp_path),
        **_audio_kwargs(role_users),
        "membership_request": {"pk": membership_request.pk},
        "topic": {"pk": topic.pk},
        "invitation": {"token": token},
        "reset": {"uidb64": "MQ", "token": "set-password"},
        "person": {"pk": make_person("Shown Person").pk},
        "group": {"slug": role_users["groups"]["ncsg"].slug},
        "job": {
            "pk": IngestJob.objects.create(
                source_name="t.txt", data=b"", created_by=role_users["secretariat"]
            ).pk
        },
        "meeting": {"pk": meeting.pk},
        "meeting_turn": {"pk": meeting.pk, "index": turn.index},
        "candidate": {"pk": candidate.pk},
        "recommendation": {"pk": make_recommendation().pk},
        # Rounds voted by the NCSG, one open and one counted with a comment.
        "round": {"pk": make_round(voter_groups=[ncsg]).pk},
        "counted_round": {"pk": counted.pk},
    }


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_each_role_gets_the_status_its_row_says(client, role_users, url_kwargs, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    wrong = {}
    for name, (kwargs_key, expected) in MATRIX.items():
        url = reverse(name, kwargs=url_kwargs[kwargs_key] if kwargs_key else None)
        status = client.get(url).status_code
        if status != expected[role]:
            wrong[name] = (status, expected[role])
    assert wrong == {}, f"{role}: url -> (got, expected)"


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_only_administrators_reach_the_admin_pages_of_every_model(client, role_users, role):
    user = role_users[role]
    if user is not None:
        client.force_login(user)
    expected = 200 if role == "administrator" else 302
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}")
            status = client.get(url).status_code
            if view == "add" and role == "administrator" and status == 403:
                continue  # models whose rows are only made by the platform itself
            assert status == expected, (url, role)
