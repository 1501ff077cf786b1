"""Learning that participation asks for, in one place: a course to complete before voting
in a round or joining a group, a group's primer, and a course's prerequisites.

- *Reads*: which courses a round or group requires, which of them a person has not
  completed (a certificate completes a course), and which prerequisites of a course.
- *Gates*: ``gates_register`` answers the rounds' and community's questions through
  ``core.gates`` (``rounds.vote``, ``community.join``); those apps never import this.
- *Writes and pages*: the secretariat sets a round's requirements; a group's
  coordinators and the secretariat set their group's, and its primer
  (``/learn/requirements/...``).
"""

from __future__ import annotations

import rules
from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.community.models import StakeholderGroup
from commonweal.community.roles import coordinates_group
from commonweal.core.gates import COMMUNITY_JOIN, ROUNDS_VOTE, Unmet, gate_register
from commonweal.core.permissions import access_required
from commonweal.core.roles import is_staff_of_platform
from commonweal.learning.models import Certificate, Course, CourseRequirement, GroupPrimer
from commonweal.rounds.models import Round

# Rounds are the secretariat's (``rounds.manage``); a group's requirements are also its
# coordinators' (as its memberships are, ``community.manage_memberships``).
rules.add_perm("learning.require_for_round", is_staff_of_platform)
rules.add_perm("learning.require_for_group", is_staff_of_platform | coordinates_group)


# --- Reads -----------------------------------------------------------------------------


def course_title(course: Course) -> str:
    return course.title_in(get_language())[0] or course.slug


def requirements_of(subject: Round | StakeholderGroup):
    """The requirements set on a round or a group, by course."""
    field = "round" if isinstance(subject, Round) else "group"
    return CourseRequirement.objects.filter(**{field: subject}).select_related("course")


def primer_of(group: StakeholderGroup) -> Course | None:
    primer = GroupPrimer.objects.filter(group=group).select_related("course").first()
    return primer.course if primer else None


def not_completed(user, courses: list[Course]) -> list[Course]:
    """Those of ``courses`` ``user`` holds no certificate for (all of them when signed out)."""
    if not courses or not user.is_authenticated:
        return list(courses)
    held = set(
        Certificate.objects.filter(learner=user, course__in=courses).values_list(
            "course_id", flat=True
        )
    )
    return [course for course in courses if course.pk not in held]


def prerequisites_unmet(user, course: Course) -> list[Unmet]:
    """The courses to complete before taking ``course``'s quizzes (its lessons stay open
    to read). The quiz page shows these and refuses an answer while any remain."""
    missing = not_completed(user, list(course.prerequisites.order_by("slug")))
    return [
        Unmet(
            message=_("Complete “%(course)s” before you take this course's quizzes.")
            % {"course": course_title(prerequisite)},
            url=prerequisite.get_absolute_url(),
            link_text=_("Go to the course"),
        )
        for prerequisite in missing
    ]


# --- Gates -----------------------------------------------------------------------------


def _unmet(user, subject, sentence: str) -> list[Unmet]:
    required = [requirement.course for requirement in requirements_of(subject)]
    return [
        Unmet(
            message=sentence % {"course": course_title(course)},
            url=course.get_absolute_url(),
            link_text=_("Go to the course"),
        )
        for course in not_completed(user, required)
    ]


def vote_gate(user, voting_round: Round) -> list[Unmet]:
    return _unmet(user, voting_round, _("Complete “%(course)s” first: this round asks for it."))


def join_gate(user, group: StakeholderGroup) -> list[Unmet]:
    return _unmet(user, group, _("Complete “%(course)s” first: this group asks for it."))


def gates_register() -> None:
    gate_register(ROUNDS_VOTE, vote_gate)
    gate_register(COMMUNITY_JOIN, join_gate)


# --- Writes ----------------------------------------------------------------------------


@transaction.atomic
def requirement_add(*, course: Course, subject: Round | StakeholderGroup) -> bool:
    """Require ``course`` of the round or group; ``False`` when it already was."""
    field = "round" if isinstance(subject, Round) else "group"
    try:
        with transaction.atomic():
            CourseRequirement.objects.create(course=course, **{field: subject})
    except IntegrityError:
        return False
    return True


@transaction.atomic
def requirement_remove(*, subject: Round | StakeholderGroup, requirement_id: int) -> None:
    requirements_of(subject).filter(pk=requirement_id).delete()


@transaction.atomic
def primer_set(*, group: StakeholderGroup, course: Course | None) -> None:
    """Make ``course`` the group's primer; ``None`` suggests none."""
    if course is None:
        GroupPrimer.objects.filter(group=group).delete()
    else:
        GroupPrimer.objects.update_or_create(group=group, defaults={"course": course})


# --- Forms and pages -------------------------------------------------------------------


class _CourseChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Course) -> str:
        return course_title(obj)


class RequirementForm(forms.Form):
    course = _CourseChoice(label=gettext_lazy("Course"), queryset=Course.objects.all())


class PrimerForm(forms.Form):
    course = _CourseChoice(
        label=gettext_lazy("Course suggested to newcomers"),
        queryset=Course.objects.all(),
        required=False,
        empty_label=gettext_lazy("none"),
    )


def _round(request, pk: int, **_kwargs) -> Round:
    return get_object_or_404(Round, pk=pk)


def _group(request, slug: str, **_kwargs) -> StakeholderGroup:
    return get_object_or_404(StakeholderGroup, slug=slug)


def _posted(request, subject) -> bool:
    """Apply what was posted; ``True`` when it was valid and is done."""
    action = request.POST.get("action")
    if action == "remove" and request.POST.get("requirement", "").isdigit():
        requirement_remove(subject=subject, requirement_id=int(request.POST["requirement"]))
        messages.success(request, _("The course is no longer required."))
        return True
    if action == "primer" and isinstance(subject, StakeholderGroup):
        form = PrimerForm(request.POST)
        if form.is_valid():
            primer_set(group=subject, course=form.cleaned_data["course"])
            messages.success(request, _("The primer is saved."))
            return True
        return False
    form = RequirementForm(request.POST)
    if action == "add" and form.is_valid():
        if requirement_add(course=form.cleaned_data["course"], subject=subject):
            messages.success(request, _("The course is required from now on."))
        else:
            messages.info(request, _("That course was already required."))
        return True
    return False


def _page(request, subject, context: dict):
    if request.method == "POST":
        if _posted(request, subject):
            return redirect(request.path)
        context["problem"] = _("Choose a course from the list.")
    context.update(
        subject=subject,
        requirements=[(item, course_title(item.course)) for item in requirements_of(subject)],
        form=RequirementForm(),
    )
    status = 400 if context.get("problem") else 200
    return render(request, "learning/requirements/page.html", context, status=status)


@access_required("learning.require_for_round", fn=_round)
@require_http_methods(["GET", "POST"])
def round_requirements(request, pk: int):
    voting_round = _round(request, pk)
    heading = _("Courses to complete before voting in %(round)s") % {"round": voting_round.title}
    return _page(request, voting_round, {"heading": heading, "kind": "round"})


@access_required("learning.require_for_group", fn=_group)
@require_http_methods(["GET", "POST"])
def group_requirements(request, slug: str):
    group = _group(request, slug)
    primer = primer_of(group)
    context = {
        "heading": _("Courses for %(group)s") % {"group": group.name},
        "kind": "group",
        "primer": primer,
        "primer_form": PrimerForm(initial={"course": primer}),
    }
    return _page(request, group, context)
