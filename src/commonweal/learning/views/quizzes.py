"""Quizzes: the questions in the reader's language, submitting, the score and retrying,
and a person marking written answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.core.permissions import access_required
from commonweal.learning.forms import MarkForm
from commonweal.learning.models import Question, Quiz, text_in
from commonweal.learning.requirements import prerequisites_unmet
from commonweal.learning.services import LearningError, progress
from commonweal.learning.views.common import attempt_course, attempt_or_404, course_or_404


def _quiz_or_404(course, module: str) -> Quiz:
    quiz = (
        Quiz.objects.select_related("module__course")
        .filter(module__course=course, module__slug=module)
        .first()
    )
    if quiz is None:
        raise Http404
    return quiz


def _questions(quiz: Quiz, language: str) -> list[dict]:
    source = quiz.module.course.source_language
    shown = []
    for question in quiz.questions.prefetch_related("choices"):
        choices = [
            (choice, *text_in(choice.texts, language, source)) for choice in question.choices.all()
        ]
        shown.append(
            {
                "question": question,
                "text": text_in(question.texts, language, source),
                "choices": choices,
            }
        )
    return shown


def _answers(quiz: Quiz, data) -> dict:
    answers: dict = {}
    for question in quiz.questions.all():
        key = f"q{question.pk}"
        if question.kind == Question.Kind.FREE:
            answers[question.pk] = data.get(key, "")
        else:
            answers[question.pk] = data.getlist(key)
    return answers


@require_http_methods(["GET", "POST"])
def quiz(request, slug: str, module: str):
    """Anyone may read the questions; answering needs an account, to keep the score."""
    course = course_or_404(request, slug)
    found = _quiz_or_404(course, module)
    # A course's prerequisites hold its quizzes back (its lessons stay open to read).
    unmet = prerequisites_unmet(request.user, course)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if unmet:
            messages.error(request, _("Complete the courses to take first, then answer."))
        else:
            try:
                attempt = progress.quiz_submit(
                    user=request.user, quiz=found, answers=_answers(found, request.POST)
                )
            except LearningError as error:
                messages.error(request, str(error))
            else:
                return redirect("learning:attempt", pk=attempt.pk)
    language = get_language()
    context = {
        "course": course,
        "course_title": course.title_in(language),
        "quiz": found,
        "title": found.title_in(language),
        "questions": _questions(found, language),
        "unmet": unmet,
    }
    refused = request.method == "POST" and unmet
    return render(request, "learning/quiz.html", context, status=400 if refused else 200)


@access_required("learning.view_attempt", fn=attempt_or_404)
def attempt(request, pk: int):
    found = attempt_or_404(request, pk)
    course = found.quiz.module.course
    language = get_language()
    context = {
        "attempt": found,
        "course": course,
        "course_title": course.title_in(language),
        "title": found.quiz.title_in(language),
        "certificate": course.certificates.filter(learner=request.user).first(),
    }
    return render(request, "learning/attempt.html", context)


@access_required("learning.author_course", fn=attempt_course)
@require_http_methods(["GET", "POST"])
def mark(request, pk: int):
    """The course's authors mark each written answer right or wrong."""
    found = attempt_or_404(request, pk)
    written = [q for q in found.quiz.questions.all() if q.kind == Question.Kind.FREE]
    form = MarkForm(request.POST or None, questions=written)
    if request.method == "POST" and form.is_valid():
        marks = {question.pk: form.cleaned_data[f"q{question.pk}"] for question in written}
        progress.attempt_mark(attempt=found, by=request.user, marks=marks)
        messages.success(request, _("The answers are marked; the learner sees the score."))
        return redirect(found.quiz.module.course)
    language = get_language()
    source = found.quiz.module.course.source_language
    rows = [
        {
            "text": text_in(question.texts, language, source),
            "answer": found.answers.get(str(question.pk), ""),
            "field": form[f"q{question.pk}"],
        }
        for question in written
    ]
    context = {"attempt": found, "rows": rows, "form": form, "course": found.quiz.module.course}
    return render(request, "learning/mark.html", context, status=400 if form.errors else 200)
