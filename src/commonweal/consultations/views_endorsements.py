"""The coordinators' side of comment proceedings: the queue of submissions waiting for
their group's endorsement, endorsing (asked first) and declining with a note."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.consultations import selectors
from commonweal.consultations.forms_proceedings import DeclineForm
from commonweal.consultations.models import Submission
from commonweal.consultations.services import proceedings as services
from commonweal.consultations.services.proceedings import ProceedingError
from commonweal.consultations.views_proceedings import TEMPLATES, _page, _place, _submission
from commonweal.core.confirmations import Confirmation, confirmation_render
from commonweal.core.permissions import access_required


@access_required("consultations.submit")
def endorsements(request):
    """Submissions waiting for the endorsement of a group the viewer coordinates."""
    if not (selectors.may_manage(request.user) or selectors.is_coordinator(request.user)):
        raise PermissionDenied
    context = {"waiting": selectors.endorsements_waiting(request.user)}
    return render(request, TEMPLATES + "endorsements.html", context)


def _confirm_endorse(request, submission: Submission):
    return confirmation_render(
        request,
        Confirmation(
            title=_("Endorse this submission for %(group)s?")
            % {"group": submission.on_behalf_of.name},
            effects=(
                f"“{submission.text}”",
                _("It is published in the group's name, for everyone to read."),
            ),
            action=reverse("consultations:submission_endorse", kwargs={"pk": submission.pk}),
            confirm_label=_("Endorse and publish it"),
            cancel_url=reverse("consultations:endorsements"),
            cancel_label=_("Cancel and go back to the queue"),
            about=(submission.proceeding.get_absolute_url(), submission.proceeding.title),
        ),
    )


@access_required("consultations.endorse_submission", fn=_submission)
@require_http_methods(["GET", "POST"])
def submission_endorse(request, pk: int):
    submission = _submission(request, pk)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        if submission.state != Submission.State.AWAITING:
            messages.error(request, _("This submission is not waiting for an endorsement."))
            return redirect("consultations:endorsements")
        return _confirm_endorse(request, submission)
    try:
        endorsed = services.submission_endorse(submission=submission, by=request.user)
    except ProceedingError as error:
        messages.error(request, str(error))
        return redirect("consultations:endorsements")
    messages.success(request, _("The submission is endorsed and published."))
    return redirect(_place(endorsed))


@access_required("consultations.endorse_submission", fn=_submission)
@require_http_methods(["GET", "POST"])
def submission_decline(request, pk: int):
    submission = _submission(request, pk)
    form = DeclineForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_decline(
                submission=submission, by=request.user, note=form.cleaned_data["note"]
            )
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("The submission goes back to its author with your note."))
            return redirect("consultations:endorsements")
    context = {"title": _("Decline the endorsement"), "submission": submission}
    return _page(request, "decline.html", context, form=form, problem=problem)
