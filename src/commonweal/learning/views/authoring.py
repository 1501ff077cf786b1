"""Authoring: a course, its modules, lessons, editions in each language, files and
quizzes. The secretariat authors every course; a group's coordinators author the
courses their group owns (``rules.py``)."""

from __future__ import annotations

import yaml
from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal import rosters
from commonweal.community.models import Membership, StakeholderGroup
from commonweal.core.permissions import access_required
from commonweal.core.roles import is_staff_of_platform
from commonweal.learning import selectors
from commonweal.learning.folder import read_quiz
from commonweal.learning.folder_check import Problems
from commonweal.learning.folder_write import quiz_document
from commonweal.learning.forms import (
    CourseEditForm,
    CourseForm,
    EditionForm,
    LessonFileForm,
    LessonForm,
    ModuleForm,
    QuizForm,
)
from commonweal.learning.models import Module
from commonweal.learning.services import LearningError, authoring
from commonweal.learning.views.common import course_or_404, lesson_or_404


def _page(request, template: str, context: dict, form):
    return render(request, template, context, status=400 if form.errors else 200)


def _groups_for(user):
    """The groups a new course may belong to: all for the secretariat, else those the
    person coordinates."""
    if is_staff_of_platform(user):
        return StakeholderGroup.objects.order_by("name")
    coordinated = Membership.objects.current().filter(
        person_id=user.person_id, role__in=Membership.COORDINATING_ROLES
    )
    return StakeholderGroup.objects.filter(pk__in=coordinated.values("group_id")).order_by("name")


@access_required("learning.add_course")
@require_http_methods(["GET", "POST"])
def course_add(request):
    staff = is_staff_of_platform(request.user)
    form = CourseForm(
        request.POST or None, groups=_groups_for(request.user), group_required=not staff
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            course = authoring.course_create(
                slug=data["slug"],
                title=data["title"],
                source_language=data["source_language"],
                summary=data["summary"],
                owner_group=data["owner_group"],
            )
        except LearningError as error:
            form.add_error("slug", str(error))
        else:
            messages.success(request, _("The course is created; add its first module."))
            return redirect(course)
    return _page(request, "learning/form.html", {"form": form, "heading": _("New course")}, form)


def _language(request) -> str:
    code = request.GET.get("language") or get_language()
    if code not in dict(settings.LANGUAGES):
        raise Http404
    return code


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def course_edit(request, slug: str):
    course = course_or_404(request, slug)
    language = _language(request)
    initial = {
        "title": course.titles.get(language, ""),
        "summary": course.summaries.get(language, ""),
        "prerequisites": list(course.prerequisites.all()),
    }
    form = CourseEditForm(request.POST or None, initial=initial, course=course)
    if request.method == "POST" and form.is_valid():
        authoring.course_update(course=course, language=language, **form.cleaned_data)
        messages.success(request, _("The course is saved."))
        return redirect(course)
    context = {
        "form": form,
        "course": course,
        "language": language,
        "heading": _("Edit the course"),
    }
    return _page(request, "learning/form.html", context, form)


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def module_edit(request, slug: str, module: str = ""):
    """A new module (no ``module``), or a module's title in the chosen language."""
    course = course_or_404(request, slug)
    language = _language(request)
    found = get_object_or_404(Module, course=course, slug=module) if module else None
    initial = {"slug": module, "title": found.titles.get(language, "") if found else ""}
    form = ModuleForm(request.POST or None, initial=initial)
    if found is not None:
        form.fields["slug"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            authoring.module_save(
                course=course,
                slug=found.slug if found else form.cleaned_data["slug"],
                language=language,
                title=form.cleaned_data["title"],
                module=found,
            )
        except LearningError as error:
            form.add_error("slug", str(error))
        else:
            return redirect(course)
    heading = _("Edit the module") if found else _("New module")
    context = {"form": form, "course": course, "language": language, "heading": heading}
    return _page(request, "learning/form.html", context, form)


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def lesson_add(request, slug: str, module: str):
    course = course_or_404(request, slug)
    found = get_object_or_404(Module, course=course, slug=module)
    form = LessonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lesson = authoring.lesson_create(module=found, **form.cleaned_data)
        except LearningError as error:
            form.add_error("slug", str(error))
        else:
            return redirect("learning:lesson", slug=course.slug, lesson=lesson.slug)
    context = {"form": form, "course": course, "language": course.source_language}
    context["heading"] = _("New lesson")
    return _page(request, "learning/form.html", context, form)


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def edition_edit(request, slug: str, lesson: str, language: str):
    """The lesson in ``language``: written anew, or corrected; the source edition too."""
    course = course_or_404(request, slug)
    found = lesson_or_404(course, lesson)
    if language not in dict(settings.LANGUAGES):
        raise Http404
    edition = found.editions.filter(language=language).first()
    source = found.editions.filter(language=course.source_language).first()
    initial = {"title": edition.title, "body": edition.body} if edition else {}
    form = EditionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        authoring.edition_save(lesson=found, language=language, **form.cleaned_data)
        messages.success(request, _("The lesson is saved."))
        return redirect("learning:lesson", slug=course.slug, lesson=found.slug)
    context = {
        "form": form,
        "course": course,
        "language": language,
        "heading": _("Edit the lesson"),
        "source": source if language != course.source_language else None,
        "statuses": selectors.edition_statuses(found, [code for code, _name in settings.LANGUAGES]),
        "lesson": found,
    }
    return _page(request, "learning/edition.html", context, form)


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def file_add(request, slug: str, lesson: str):
    course = course_or_404(request, slug)
    found = lesson_or_404(course, lesson)
    form = LessonFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.lesson_file_add(lesson=found, upload=form.cleaned_data["file"])
        except LearningError as error:
            form.add_error("file", str(error))
        else:
            return redirect("learning:lesson", slug=course.slug, lesson=found.slug)
    context = {"form": form, "course": course, "heading": _("Add a file"), "upload": True}
    return _page(request, "learning/form.html", context, form)


def _quiz_text(module: Module) -> str:
    spec = selectors.course_spec(module.course)
    for module_spec in spec.modules:
        if module_spec.slug == module.slug and module_spec.quiz is not None:
            return yaml.safe_dump(
                quiz_document(module_spec.quiz), allow_unicode=True, sort_keys=False
            )
    return ""


@access_required("learning.author_course", fn=course_or_404)
@require_http_methods(["GET", "POST"])
def quiz_edit(request, slug: str, module: str):
    """The module's quiz, written as in course.yaml; the questions are replaced whole."""
    course = course_or_404(request, slug)
    found = get_object_or_404(Module, course=course, slug=module)
    form = QuizForm(request.POST or None, initial={"quiz": _quiz_text(found)})
    if request.method == "POST" and form.is_valid():
        problems = Problems()
        spec = None
        try:
            rosters._check_yaml_shape(form.cleaned_data["quiz"], "quiz")
            document = yaml.load(form.cleaned_data["quiz"], Loader=rosters._LineLoader)  # noqa: S506
            spec = read_quiz(document, course.source_language, problems, "quiz:1")
        except (yaml.YAMLError, rosters.RosterError):
            problems.add("quiz:1", _("not valid YAML"))
        if problems or spec is None:
            for problem in problems:
                form.add_error("quiz", problem)
        else:
            authoring.quiz_save(
                module=found,
                slug=spec.slug,
                titles=spec.titles,
                pass_percent=spec.pass_percent,
                questions=spec.questions,
            )
            messages.success(request, _("The quiz is saved."))
            return redirect(course)
    context = {"form": form, "course": course, "heading": _("Edit the quiz")}
    return _page(request, "learning/form.html", context, form)
