"""The learning center's forms; each lists its fields."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from commonweal.learning.models import Course
from commonweal.learning.models.courses import MAX_BODY, MAX_TITLE

LANGUAGE_CHOICES = settings.LANGUAGES


class CourseForm(forms.Form):
    """A new course: its short name, title and language, and (for a coordinator) its group."""

    slug = forms.SlugField(label=_("Short name (in addresses and file names)"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    source_language = forms.ChoiceField(label=_("Language it is written in"), choices=[])
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, required=False, widget=forms.Textarea({"rows": 3})
    )
    owner_group = forms.ModelChoiceField(
        label=_("Owning group"),
        queryset=None,
        required=False,
        help_text=_("Its coordinators author the course; with none, the secretariat does."),
    )

    field_order = ["slug", "title", "source_language", "summary", "owner_group"]

    def __init__(self, *args, groups, group_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_language"].choices = LANGUAGE_CHOICES
        self.fields["owner_group"].queryset = groups
        self.fields["owner_group"].required = group_required


class CourseEditForm(forms.Form):
    """The course's title and summary in one language, and the courses to take first."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, required=False, widget=forms.Textarea({"rows": 3})
    )
    prerequisites = forms.ModelMultipleChoiceField(
        label=_("Courses to take first"),
        queryset=Course.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    field_order = ["title", "summary", "prerequisites"]

    def __init__(self, *args, course: Course, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prerequisites"].queryset = Course.objects.exclude(pk=course.pk)


class ModuleForm(forms.Form):
    slug = forms.SlugField(label=_("Short name"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)

    field_order = ["slug", "title"]


class LessonForm(forms.Form):
    """A new lesson, written in the course's source language."""

    slug = forms.SlugField(label=_("Short name (in addresses and file names)"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Text (Markdown)"), max_length=MAX_BODY, widget=forms.Textarea({"rows": 16})
    )

    field_order = ["slug", "title", "body"]


class EditionForm(forms.Form):
    """The lesson in one language."""

    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Text (Markdown)"), max_length=MAX_BODY, widget=forms.Textarea({"rows": 20})
    )

    field_order = ["title", "body"]


class LessonFileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("At most 10 MB. The lesson's text can show an image by its file name."),
    )

    field_order = ["file"]


class QuizForm(forms.Form):
    """A module's quiz, written as in a course folder's course.yaml (docs/learning.md)."""

    quiz = forms.CharField(
        label=_("The quiz (YAML)"),
        max_length=100_000,
        widget=forms.Textarea({"rows": 24, "dir": "auto", "spellcheck": "false"}),
        help_text=_(
            "slug, title, pass_percent and questions; each question has a kind (single, "
            "multiple or free), a text and, unless free, choices marked correct: true."
        ),
    )

    field_order = ["quiz"]


class MarkForm(forms.Form):
    """One verdict per written answer; fields are added per question."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=_("Right?"),
                choices=[("1", _("right")), ("0", _("wrong"))],
                coerce=lambda value: value == "1",
                widget=forms.RadioSelect,
            )
