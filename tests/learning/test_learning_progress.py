"""Quizzes marked, progress kept, certificates issued and checked by anyone, even after
the learner's data is erased."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from commonweal.accounts.services import account_erase
from commonweal.learning.models import Certificate, Lesson, Question, Quiz
from commonweal.learning.services.authoring import quiz_save
from commonweal.learning.services.progress import lesson_done, quiz_submit
from commonweal.learning.specs import ChoiceSpec, QuestionSpec

pytestmark = pytest.mark.django_db


def _right_and_wrong(quiz):
    question = quiz.questions.get()
    right = question.choices.get(correct=True).pk
    wrong = question.choices.get(correct=False).pk
    return question.pk, right, wrong


def _quiz_url(course):
    return reverse("learning:quiz", kwargs={"slug": course.slug, "module": "basics"})


def test_a_wrong_answer_fails_a_right_one_passes_and_the_course_is_then_complete(
    client, newcomers, make_user
):
    learner = make_user()
    client.force_login(learner)
    quiz = Quiz.objects.get()
    question, right, wrong = _right_and_wrong(quiz)
    lesson_done(user=learner, lesson=Lesson.objects.get())
    failed = client.post(_quiz_url(newcomers), {f"q{question}": wrong}, follow=True)
    assert "0%" in failed.content.decode() and not Certificate.objects.exists()
    passed = client.post(_quiz_url(newcomers), {f"q{question}": right}, follow=True)
    assert "100%" in passed.content.decode()
    assert Certificate.objects.get().learner == learner


def test_a_several_answer_question_needs_exactly_the_right_choices(newcomers, make_user):
    learner = make_user()
    quiz = quiz_save(
        module=Quiz.objects.get().module,
        slug="check",
        titles={"en": "Check"},
        pass_percent=100,
        questions=[
            QuestionSpec(
                "multiple",
                {"en": "Which are acronyms?"},
                [
                    ChoiceSpec({"en": "NCSG"}, True),
                    ChoiceSpec({"en": "EPDP"}, True),
                    ChoiceSpec({"en": "tea"}),
                ],
            )
        ],
    )
    question = quiz.questions.get()
    ncsg, epdp, tea = (choice.pk for choice in question.choices.all())
    assert quiz_submit(user=learner, quiz=quiz, answers={question.pk: [ncsg]}).score == 0
    assert quiz_submit(user=learner, quiz=quiz, answers={question.pk: [ncsg, epdp, tea]}).score == 0
    assert quiz_submit(user=learner, quiz=quiz, answers={question.pk: [ncsg, epdp]}).passed


def test_a_written_answer_waits_for_a_person_then_counts(client, newcomers, make_user, role_users):
    learner = make_user()
    quiz = Quiz.objects.get()
    question, right, _wrong = _right_and_wrong(quiz)
    written = Question.objects.create(quiz=quiz, position=2, kind="free", texts={"en": "Why?"})
    attempt = quiz_submit(
        user=learner, quiz=quiz, answers={question: [right], written.pk: "To take part."}
    )
    assert attempt.awaiting_marking and attempt.score is None
    client.force_login(role_users["secretariat"])
    page = client.get(newcomers.get_absolute_url()).content.decode()
    assert reverse("learning:mark", kwargs={"pk": attempt.pk}) in page
    client.post(reverse("learning:mark", kwargs={"pk": attempt.pk}), {f"q{written.pk}": "1"})
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.marked_by == role_users["secretariat"]


def test_the_course_page_offers_to_resume_at_the_last_lesson_read(client, newcomers, make_user):
    client.force_login(make_user())
    lesson = Lesson.objects.get()
    client.get(reverse("learning:lesson", kwargs={"slug": newcomers.slug, "lesson": lesson.slug}))
    page = client.get(newcomers.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Resume where you left off" in page


def _certified(newcomers, learner) -> Certificate:
    quiz = Quiz.objects.get()
    question, right, _wrong = _right_and_wrong(quiz)
    lesson_done(user=learner, lesson=Lesson.objects.get())
    quiz_submit(user=learner, quiz=quiz, answers={question: [right]})
    return Certificate.objects.get(learner=learner)


def test_anyone_signed_out_can_verify_a_certificate_and_sees_the_name(
    client, newcomers, make_user, make_person
):
    learner = make_user(person=make_person("Mei Lin"))
    certificate = _certified(newcomers, learner)
    page = client.get(
        reverse("learning:verify", kwargs={"code": certificate.code.lower()}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "This certificate is genuine." in text and "Mei Lin" in text
    assert "Welcome to the community" in text


def test_a_made_up_or_altered_code_is_not_verified(client, newcomers, make_user):
    certificate = _certified(newcomers, make_user())
    number, signature = certificate.code.split("-")
    for code in (f"{number}-AAAAAAAAAA", f"{int(number) + 1}-{signature}", "x"):
        assert client.get(reverse("learning:verify", kwargs={"code": code})).status_code == 404


def test_after_erasure_the_certificate_verifies_as_issued_without_the_name(
    client, newcomers, make_user, make_person
):
    learner = make_user(person=make_person("Mei Lin"))
    certificate = _certified(newcomers, learner)
    account_erase(user=learner)
    page = client.get(
        reverse("learning:verify", kwargs={"code": certificate.code}), HTTP_ACCEPT_LANGUAGE="en"
    )
    text = page.content.decode()
    assert page.status_code == 200 and "This certificate is genuine." in text
    assert "Mei Lin" not in text and "Former participant" not in text
    assert "their personal data was erased" in text


def test_the_personal_data_export_holds_progress_and_certificates(client, newcomers, make_user):
    learner = make_user()
    certificate = _certified(newcomers, learner)
    client.force_login(learner)
    data = json.loads(client.get(reverse("accounts:me_export")).content)
    assert data["records"]["learning.enrolment.user"][0]["course"] == "Welcome to the community"
    assert data["records"]["learning.certificate.learner"][0]["code"] == certificate.code


def test_the_certificate_page_is_the_learners_alone(client, newcomers, make_user):
    certificate = _certified(newcomers, make_user())
    client.force_login(make_user())
    assert (
        client.get(reverse("learning:certificate", kwargs={"pk": certificate.pk})).status_code
        == 403
    )


def test_my_activity_lists_my_courses_and_certificates(client, newcomers, make_user):
    learner = make_user()
    certificate = _certified(newcomers, learner)
    client.force_login(learner)
    page = client.get(reverse("accounts:activity"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My certificates" in page
    assert reverse("learning:certificate", kwargs={"pk": certificate.pk}) in page
