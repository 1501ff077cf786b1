"""Courses, lessons in the reader's language and the translation status each shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commonweal.learning.models import EditionStatus, Lesson
from commonweal.learning.selectors import edition_for
from commonweal.learning.services.authoring import edition_save

pytestmark = pytest.mark.django_db


def _lesson_url(course, lesson="acronyms"):
    return reverse("learning:lesson", kwargs={"slug": course.slug, "lesson": lesson})


def test_a_translation_written_from_the_current_source_is_current(newcomers):
    lesson = Lesson.objects.get(slug="acronyms")
    assert edition_for(lesson, "zh-hans").status == EditionStatus.CURRENT
    assert edition_for(lesson, "en").status == EditionStatus.SOURCE


def test_changing_the_source_makes_the_translation_outdated_until_it_is_revised(newcomers):
    lesson = Lesson.objects.get(slug="acronyms")
    edition_save(lesson=lesson, language="en", title="The acronyms", body="NCSG, SSAC, EPDP.")
    assert edition_for(lesson, "zh-hans").status == EditionStatus.OUTDATED
    edition_save(lesson=lesson, language="zh-hans", title="缩略语", body="NCSG、SSAC、EPDP。")
    assert edition_for(lesson, "zh-hans").status == EditionStatus.CURRENT


def test_a_language_without_an_edition_falls_back_to_the_source(newcomers):
    reading = edition_for(Lesson.objects.get(slug="acronyms"), "fr")
    assert reading.status == EditionStatus.MISSING
    assert reading.edition.language == "en"


def test_an_anonymous_reader_reads_the_lesson_in_chinese(client, newcomers):
    client.cookies["django_language"] = "zh-hans"
    page = client.get(_lesson_url(newcomers), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "NCSG 是非商业利益相关方团体" in page
    assert 'lang="zh-hans"' in page


def test_a_french_reader_is_told_the_lesson_is_not_translated_yet(client, newcomers):
    response = client.get(_lesson_url(newcomers), HTTP_ACCEPT_LANGUAGE="fr")
    assert "Non-Commercial Stakeholders Group" in response.content.decode()
    assert response.context["reading"].status == EditionStatus.MISSING


def test_a_lesson_never_runs_a_script_nor_fetches_an_outside_image(client, newcomers):
    lesson = Lesson.objects.get(slug="acronyms")
    body = (
        "<script>alert(1)</script> [x](javascript:alert(1)) "
        "![tracker](https://tracker.example/p.png) [talk](https://video.example/v/1)"
    )
    edition_save(lesson=lesson, language="en", title="T", body=body)
    page = client.get(_lesson_url(newcomers), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    article = page.split("<article", 1)[1].split("</article>", 1)[0]
    assert "<script>" not in article and 'href="javascript' not in article
    assert '<img src="https://tracker.example' not in article
    assert 'href="https://tracker.example/p.png"' in article
    assert 'href="https://video.example/v/1"' in article


def test_the_course_page_lists_modules_lessons_and_prerequisites(client, newcomers):
    from commonweal.learning.services.importing import courses_import
    from tests.learning.sample import newcomers_spec

    advanced = newcomers_spec()
    advanced.slug, advanced.prerequisites = "advanced", ["newcomers"]
    course = courses_import(courses=[advanced])[0]
    page = client.get(course.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The basics" in page and "The acronyms" in page and "Check" in page
    assert newcomers.get_absolute_url() in page


def test_the_home_page_lists_the_courses(client, newcomers):
    page = client.get(reverse("site:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Welcome to the community" in page


def test_a_lesson_file_is_uploaded_shown_in_the_lesson_and_downloaded_safely(
    client, newcomers, role_users
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commonweal.learning.models import LessonFile

    client.force_login(role_users["secretariat"])
    upload = SimpleUploadedFile("diagram.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    url = reverse("learning:file_add", kwargs={"slug": newcomers.slug, "lesson": "acronyms"})
    assert client.post(url, {"file": upload}).status_code == 302
    stored = LessonFile.objects.get()
    lesson = Lesson.objects.get(slug="acronyms")
    edition_save(lesson=lesson, language="en", title="T", body="![The groups](diagram.png)")
    page = client.get(_lesson_url(newcomers), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    address = reverse("learning:file", kwargs={"pk": stored.pk})
    assert f'<img src="{address}" alt="The groups">' in page
    response = client.get(address)
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"\x89PNG\r\n\x1a\n"


def test_a_lesson_file_over_the_limit_is_refused(newcomers, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from commonweal.learning.services import LearningError, authoring

    monkeypatch.setattr(authoring, "MAX_LESSON_FILE_BYTES", 1024 * 1024)
    upload = SimpleUploadedFile("big.pdf", b"x" * (1024 * 1024 + 1))
    with pytest.raises(LearningError, match="1 MB at most"):
        authoring.lesson_file_add(lesson=Lesson.objects.get(slug="acronyms"), upload=upload)


def test_an_author_writes_a_quiz_as_yaml_and_a_mistake_is_shown_with_its_line(
    client, newcomers, role_users
):
    from commonweal.learning.models import Quiz

    client.force_login(role_users["secretariat"])
    url = reverse("learning:quiz_edit", kwargs={"slug": newcomers.slug, "module": "basics"})
    bad = "slug: check\ntitle: Check\nquestions:\n  - kind: single\n    text: Which?\n"
    response = client.post(url, {"quiz": bad})
    assert response.status_code == 400
    assert "quiz:4: a choice question needs two choices or more" in response.content.decode()
    good = bad + "    choices:\n      - {text: This, correct: true}\n      - {text: That}\n"
    assert client.post(url, {"quiz": good}).status_code == 302
    assert Quiz.objects.get().questions.get().texts == {"en": "Which?"}
