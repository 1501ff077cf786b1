"""Export and erasure: every model that refers to a person is covered, or this fails."""

import json

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from commonweal.accounts.models import User
from commonweal.accounts.services import account_erase, invitation_create
from commonweal.community.models import Membership, Person, PersonName
from commonweal.community.services import person_alias_add
from commonweal.core import personal_data
from commonweal.meetings.models import IngestJob, Meeting, Participant, Turn
from commonweal.recommendations.models import Recommendation
from commonweal.rounds.models import Ballot, Comment, Participation
from commonweal.rounds.services import ballot_submit, round_close

pytestmark = pytest.mark.django_db


def relations_to_people():
    """Every (model, field) in the project that points at a Person or an account."""
    targets = {Person, User}
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in targets:
                if model is User and field.name in {"groups", "user_permissions"}:
                    continue
                found.add(f"{model._meta.label_lower}.{field.name}")
    return found


def test_every_relation_to_a_person_is_registered_for_export_and_erasure():
    registered = {handler.key for handler in personal_data.handlers()}
    # The account's own link to its person is handled by the export and erasure themselves.
    registered.add("accounts.user.person")
    missing = relations_to_people() - registered
    assert missing == set(), f"not covered by export and erasure: {sorted(missing)}"


def _discussion_footprint(user, make_user, make_recommendation):
    """Commented on a recommendation; as a moderator hid someone's comment; appealed the
    hiding of their own; as the ombudsman decided another person's appeal."""
    from commonweal.discussion.services import (
        appeal_decide,
        appeal_file,
        comment_hide,
        comment_post,
    )

    commenter, moderator = make_user("commenter@example.org"), make_user("mod@example.org")
    discussed = make_recommendation()
    own = comment_post(target=discussed, author=user, text="Publish the figures.")
    comment_hide(comment=own, by=moderator, reason="Off topic.", site_url="")
    appeal_file(comment=own, by=user, note="It is on topic.", site_url="")
    theirs = comment_post(target=discussed, author=commenter, text="Rude words.")
    comment_hide(comment=theirs, by=user, reason="Rude.", site_url="")
    other = comment_post(target=discussed, author=commenter, text="Blunt words.")
    comment_hide(comment=other, by=moderator, reason="Blunt.", site_url="")
    appealed = appeal_file(comment=other, by=commenter, note="Fair.", site_url="")
    appeal_decide(appeal=appealed, by=user, restore=True, reason="Fair.", site_url="")


def _more_footprint(user, group, make_user, meeting):
    """Asked to join a group, decided someone else's request, renamed a meeting's topic."""
    from commonweal.meetings.models import Topic

    Topic.objects.create(
        meeting=meeting, index=0, title="Budget", first_turn=0, last_turn=0, edited_by=user
    )
    from django.utils import timezone

    from commonweal.community.models import MembershipRequest

    MembershipRequest.objects.create(person=user.person, group=group, note="Let me in.")
    MembershipRequest.objects.create(
        person=make_user().person,
        group=group,
        note="Me too.",
        status=MembershipRequest.Status.DECLINED,
        decided_by=user.person,
        decided_at=timezone.now(),
    )


def _learning_footprint(user, make_user):
    """Took a course and earned its certificate; marked another learner's written answer."""
    from commonweal.learning.glossary.csvfile import glossary_read_csv
    from commonweal.learning.glossary.services import glossary_import, term_know
    from commonweal.learning.lti.models import LtiAccount, LtiPlatform
    from commonweal.learning.services.authoring import (
        course_create,
        lesson_create,
        module_save,
        quiz_save,
    )
    from commonweal.learning.services.progress import attempt_mark, lesson_done, quiz_submit
    from commonweal.learning.specs import QuestionSpec

    course = course_create(slug="primer", title="Primer", source_language="en")
    module = module_save(course=course, slug="basics", language="en", title="Basics")
    lesson = lesson_create(module=module, slug="acronyms", title="Acronyms", body="NCSG.")
    quiz = quiz_save(
        module=module,
        slug="check",
        titles={"en": "Check"},
        pass_percent=50,
        questions=[QuestionSpec("free", {"en": "Why take part?"})],
    )
    question = quiz.questions.get().pk
    platform = LtiPlatform.objects.create(
        name="Moodle",
        issuer="https://moodle.example.org",
        client_id="commonweal",
        auth_login_url="https://moodle.example.org/auth",
        auth_token_url="https://moodle.example.org/token",
        key_set={"keys": []},
        deployment_ids=["1"],
    )
    LtiAccount.objects.create(platform=platform, subject="learner-7", user=user)
    learner = make_user("learner@example.org")
    lesson_done(user=user, lesson=lesson)
    own = quiz_submit(user=user, quiz=quiz, answers={question: "To be heard."})
    attempt_mark(attempt=own, by=learner, marks={question: True})  # the certificate follows
    theirs = quiz_submit(user=learner, quiz=quiz, answers={question: "Because."})
    attempt_mark(attempt=theirs, by=user, marks={question: True})
    (term,) = glossary_import(
        terms=glossary_read_csv(
            b"term,expansion_en\nNCSG,Non-Commercial Stakeholders Group\n", "t.csv"
        ),
        source="t.csv",
    )
    term_know(user=user, term=term)
    term_know(user=learner, term=term)


def _consultations_footprint(user, group, make_user):
    """Set a proceeding, extended it, commented for their group and endorsed it, flagged an
    alert, follows a series, chose their email, was told of news and sent an email."""
    import datetime

    from django.utils import timezone

    from commonweal.consultations.models import Follow, Message, Notification, delivery_for
    from commonweal.consultations.services import proceedings
    from commonweal.consultations.services.alerts import alert_flag

    today = timezone.now().date()
    proceeding = proceedings.proceeding_create(
        title="Plan",
        summary="",
        language="en",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=5),
        groups=[group],
        by=user,
    )
    proceedings.proceeding_publish(proceeding=proceeding)
    proceedings.proceeding_extend(
        proceeding=proceeding,
        closes_on=today + datetime.timedelta(days=9),
        reason="Asked.",
        by=user,
    )
    comment = proceedings.submission_create(
        proceeding=proceeding, author=user, text="Our view.", on_behalf_of=group
    )
    proceedings.submission_submit(submission=comment, by=user)
    proceedings.submission_endorse(submission=comment, by=user)
    proceedings.submission_create(proceeding=proceeding, author=user, text="Unsent draft.")
    event = alert_flag(
        sender=user,
        title="Read this",
        url="https://example.org/plan",
        reason="It matters.",
        groups=[group],
    )
    Follow.objects.create(user=user, kind="series", subject="ICANN64")
    delivery_for(user)
    Notification.objects.get_or_create(user=user, event=event, defaults={"why": "alert_member"})
    Message.objects.create(
        user=user, key="test:1", to=user.email, language="en", subject="News", text="t", html="h"
    )


def _audio_footprint(user, make_user):
    """Uploaded a recording, and their voice was mapped in it, beside someone else's."""
    from tests.audio.recording_rows import recording_in_review

    recording_in_review(people=[user.person, make_user().person], by=user)


def _conduct_footprint(user, settings, tmp_path):
    """Held a conduct key, replied in a case, asked for a disclosure and decided one: their
    part of the case (never its content) is theirs."""
    from commonweal.conduct.keys import key_create
    from commonweal.conduct.models import DisclosureRequest, KeyHolder, Message
    from commonweal.conduct.services.cases import Report, report_file

    settings.CONDUCT_KEY_DIR = tmp_path / "conduct-keys"
    key_create(role=KeyHolder.Role.OMBUDSMAN, user=user)
    case, _receipt = report_file(
        report=Report(kind="other", place="elsewhere", what="x", when="", where="", who="")
    )
    Message.objects.create(case=case, author=user, box=b"sealed")
    DisclosureRequest.objects.create(
        case=case,
        what="content",
        to_whom="a court",
        reason_box=b"{}",
        requested_by=user,
        decided_by=user,
    )


@pytest.fixture
def full_footprint(make_user, make_group, make_recommendation, make_round, settings, tmp_path):
    """An account with a row in every registered model, and another person's rows beside it."""
    user = make_user("subject@example.org", first_name="Ayden")
    person_alias_add(person=user.person, name="艾登")
    Membership.objects.create(person=user.person, group=make_group("ncsg"), title="member")
    invitation, _token = invitation_create(email="friend@example.org", invited_by=user)
    accepted, _token = invitation_create(email="subject@example.org", invited_by=make_user())
    accepted.accepted_by = user
    accepted.save()
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Person),
        object_id=str(user.person.pk),
        object_repr="edited",
        action_flag=ADDITION,
    )
    meeting = Meeting.objects.create(
        title="Joint session", identity="i", content_hash="h", source_name="t.txt", ingested_by=user
    )
    spoke = Participant.objects.create(meeting=meeting, label="AYDEN FERDELINE", person=user.person)
    Turn.objects.create(
        meeting=meeting, index=0, participant=spoke, person=user.person, text="I suggest a review."
    )
    IngestJob.objects.create(source_name="t.txt", data=b"", created_by=user)
    # Added a recommendation (its "received" event is theirs too) and set a round, voted in
    # it and commented on its priority list.
    make_recommendation(by=user)
    group = make_group("voters")
    Membership.objects.create(person=user.person, group=group)
    voted = make_round(voter_groups=[group], by=user)
    reference = voted.items.first().recommendation.reference
    ballot_submit(voting_round=voted, user=user, group=group, choices=[(reference, 1)])
    voted = round_close(voting_round=voted, by=user)
    # A comment from before comments moved to the discussion app (rounds keeps the rows).
    Comment.objects.create(round=voted, author=user, text="Fund the outreach first.")
    # Filled in their group's maturity self-assessment.
    import datetime

    from commonweal.metrics.models import Assessment, MaturityModel

    Assessment.objects.create(
        group=group,
        model=MaturityModel.objects.get(is_default=True),
        assessed_on=datetime.date(2026, 1, 1),
        by=user,
    )
    _more_footprint(user, group, make_user, meeting)
    _discussion_footprint(user, make_user, make_recommendation)
    _learning_footprint(user, make_user)
    _consultations_footprint(user, group, make_user)
    _conduct_footprint(user, settings, tmp_path)
    _audio_footprint(user, make_user)
    bystander = make_user("bystander@example.org")
    return user, bystander


def test_the_export_holds_a_row_from_every_registered_model(client, full_footprint):
    user, _bystander = full_footprint
    client.force_login(user)
    response = client.get(reverse("accounts:me_export"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "subject@example.org"
    assert data["person"]["display_name"] == user.person.display_name
    for handler in personal_data.handlers():
        assert data["records"][handler.key], f"the export misses {handler.key}"
    names = [row["name"] for row in data["records"]["community.personname.person"]]
    assert "艾登" in names
    assert "bystander@example.org" not in response.content.decode()


def test_erasure_blanks_personal_fields_keeps_contributions_and_can_run_twice(
    client, full_footprint
):
    user, bystander = full_footprint
    person_id = user.person_id
    client.force_login(user)
    response = client.post(reverse("accounts:me_erase"), {"confirm": "ERASE"})
    assert response.status_code == 302
    user.refresh_from_db()
    person = Person.objects.get(pk=person_id)
    assert person.display_name == "Former participant"
    assert person.is_erased and person.email == ""
    assert not PersonName.objects.filter(person=person).exists()
    assert Membership.objects.filter(person=person).count() == 2  # kept, as a former participant
    # What they said stays on the record, no longer under their name.
    spoke = Participant.objects.get(person=person)
    assert spoke.label == "Former participant" and spoke.aliases == []
    assert Turn.objects.get(person=person).text == "I suggest a review."
    assert not user.is_active and not user.has_usable_password()
    assert "subject@example.org" not in json.dumps(list(User.objects.values()), default=str)
    assert not user.invitation_accepted.filter(email="subject@example.org").exists()
    # That they voted is gone; what they voted stays in the count, anonymous as it was.
    assert not Participation.objects.exists() and Ballot.objects.count() == 1
    # Their comment and recommendation stay, no longer linked to the account.
    assert Comment.objects.get().author is None
    assert Comment.objects.get().text == "Fund the outreach first."
    assert not Recommendation.objects.filter(created_by=user).exists()
    # Their comment to a proceeding stays, without their name; what they followed, were
    # told and were sent is gone.
    from commonweal.consultations.models import Delivery, Follow, Message, Notification, Submission

    # Their draft, never public, is gone with them.
    assert Submission.objects.get().text == "Our view."
    assert Submission.objects.get().author is None and Submission.objects.get().author_name == ""
    assert not Follow.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    assert not Message.objects.filter(user=user).exists()
    assert not Delivery.objects.filter(user=user).exists()
    from commonweal.audio.models import Recording, Voice

    assert not Voice.objects.filter(person=person).exists() and Voice.objects.count() == 1
    assert Recording.objects.get().created_by == user
    # The person is signed out everywhere.
    assert client.get(reverse("accounts:me")).status_code == 302
    erased_state = (user.email, person.display_name, person.erased_at)
    account_erase(user=user)
    user.refresh_from_db()
    person.refresh_from_db()
    assert (user.email, person.display_name, person.erased_at) == erased_state
    bystander.refresh_from_db()
    assert bystander.email == "bystander@example.org" and bystander.person.names.exists()


def test_erasure_asks_for_confirmation(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(reverse("accounts:me_erase"), {"confirm": "yes"})
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.is_active


def test_an_erased_person_is_no_longer_listed(client, make_user):
    user = make_user(person=None)
    name = user.person.display_name
    account_erase(user=user)
    assert name not in client.get(reverse("community:people")).content.decode()
    assert client.get(reverse("community:person", kwargs={"pk": user.person_id})).status_code == 404


@pytest.mark.postgres
def test_export_and_erasure_work_on_postgresql(client, full_footprint):
    test_erasure_blanks_personal_fields_keeps_contributions_and_can_run_twice(
        client, full_footprint
    )
