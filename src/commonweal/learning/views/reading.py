"""Reading courses: the list, a course, a lesson in the reader's language, its files,
a learner's certificate and the verification page anyone can open."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonweal.core.downloads import streaming_download
from commonweal.core.permissions import access_required
from commonweal.learning import markdown, selectors
from commonweal.learning.models import Certificate, EditionStatus, LessonFile
from commonweal.learning.services import progress
from commonweal.learning.views.common import can_author, course_or_404, lesson_or_404

# Files a browser may show inline in a lesson; anything else is offered as bytes.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}


def course_list(request):
    language = get_language()
    done = selectors.completed_courses(request.user)
    rows = [
        (course, *course.title_in(language), course.pk in done) for course in selectors.courses()
    ]
    can_add = request.user.is_authenticated and request.user.has_perm("learning.add_course")
    return render(request, "learning/courses.html", {"rows": rows, "can_add": can_add})


def _outline(course, language: str, done: set[int], passed: set[int]) -> list[dict]:
    outline = []
    for module in selectors.course_modules(course):
        lessons = []
        for lesson in module.lessons.all():
            reading = selectors.edition_for(lesson, language)
            title = reading.edition.title if reading.edition else lesson.slug
            lessons.append({"lesson": lesson, "title": title, "done": lesson.pk in done})
        quiz = getattr(module, "quiz", None)
        outline.append(
            {
                "module": module,
                "title": module.title_in(language),
                "lessons": lessons,
                "quiz": quiz,
                "quiz_title": quiz.title_in(language) if quiz else None,
                "quiz_passed": quiz is not None and quiz.pk in passed,
            }
        )
    return outline


def course(request, slug: str):
    course = course_or_404(request, slug)
    language = get_language()
    enrolment = selectors.enrolment_of(request.user, course)
    done, passed = selectors.progress(enrolment)
    completed = selectors.completed_courses(request.user)
    prerequisites = [
        (other, *other.title_in(language), other.pk in completed)
        for other in course.prerequisites.order_by("slug")
    ]
    certificate = (
        Certificate.objects.filter(course=course, learner=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "course": course,
        "title": course.title_in(language),
        "summary": course.summary_in(language),
        "outline": _outline(course, language, done, passed),
        "enrolment": enrolment,
        "prerequisites": prerequisites,
        "certificate": certificate,
        "can_author": can_author(request.user, course),
    }
    if context["can_author"]:
        context["waiting"] = selectors.attempts_waiting(course)
    return render(request, "learning/course.html", context)


def _files(lesson) -> dict[str, str]:
    return {
        stored.name: reverse("learning:file", kwargs={"pk": stored.pk})
        for stored in lesson.files.all()
    }


def lesson(request, slug: str, lesson: str):
    course = course_or_404(request, slug)
    found = lesson_or_404(course, lesson)
    language = get_language()
    reading = selectors.edition_for(found, language)
    if request.GET.get("edition") == "source" and reading.source is not None:
        reading = selectors.Reading(reading.source, EditionStatus.SOURCE, reading.source)
    if reading.edition is None:
        raise Http404
    done = False
    if request.user.is_authenticated:
        enrolment = progress.lesson_visit(user=request.user, lesson=found)
        done = enrolment.done.filter(lesson=found).exists()
    context = {
        "course": course,
        "course_title": course.title_in(language),
        "lesson": found,
        "reading": reading,
        "html": markdown.render(reading.edition.body, files=_files(found)),
        "files": found.files.all(),
        "done": done,
        "next": selectors.next_lesson(found),
        "can_author": can_author(request.user, course),
        "quiz": getattr(found.module, "quiz", None),
    }
    return render(request, "learning/lesson.html", context)


@access_required("learning.learn")
@require_POST
def lesson_done(request, slug: str, lesson: str):
    course = course_or_404(request, slug)
    found = lesson_or_404(course, lesson)
    had = Certificate.objects.filter(course=course, learner=request.user).exists()
    certificate = progress.lesson_done(user=request.user, lesson=found)
    if certificate is not None and not had:
        messages.success(request, _("You have completed the course: your certificate is ready."))
        return redirect("learning:certificate", pk=certificate.pk)
    following = selectors.next_lesson(found)
    if following is not None and following.module_id == found.module_id:
        return redirect("learning:lesson", slug=course.slug, lesson=following.slug)
    quiz = getattr(found.module, "quiz", None)
    if quiz is not None:
        return redirect("learning:quiz", slug=course.slug, module=found.module.slug)
    if following is not None:
        return redirect("learning:lesson", slug=course.slug, lesson=following.slug)
    return redirect(course)


def lesson_file(request, pk: int):
    """A lesson's file, always as a download (images still show in a lesson's page)."""
    stored = get_object_or_404(LessonFile, pk=pk)
    suffix = "." + stored.name.rsplit(".", 1)[-1].lower() if "." in stored.name else ""
    handle = stored.file.open("rb")
    return streaming_download(
        iter(lambda: handle.read(64 * 1024), b""),
        filename=stored.name,
        content_type=IMAGE_TYPES.get(suffix, "application/octet-stream"),
    )


def _certificate(request, pk: int, **_kwargs) -> Certificate:
    return get_object_or_404(Certificate.objects.select_related("course"), pk=pk)


@access_required("learning.view_certificate", fn=_certificate)
def certificate(request, pk: int):
    found = _certificate(request, pk)
    context = {
        "certificate": found,
        "title": found.course.title_in(get_language()),
        "verify_url": request.build_absolute_uri(
            reverse("learning:verify", kwargs={"code": found.code})
        ),
    }
    return render(request, "learning/certificate.html", context)


def verify(request, code: str = ""):
    """Anyone, signed in or not, checks a certificate's code."""
    code = code or request.GET.get("code", "").strip()
    if not code:
        return render(request, "learning/verify.html", {"asked": False})
    found = Certificate.verified(code)
    context = {"asked": True, "code": code, "certificate": found}
    if found is not None:
        context["title"] = found.course.title_in(get_language())
        learner = found.learner
        person = learner.person if learner is not None else None
        erased = person is None or person.is_erased or not learner.is_active
        context["learner_name"] = "" if erased else person.shown_name
    return render(request, "learning/verify.html", context, status=200 if found else 404)
