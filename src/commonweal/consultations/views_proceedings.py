"""Comment proceedings' pages: the list, a proceeding with its documents, submissions
and report; staff drafting, publishing, extending and reporting; participants writing
and submitting; coordinators endorsing; the submissions as CSV and JSON.

Each view parses its input, checks permission, calls one service and renders. A draft
proceeding answers 404 to anyone who may not manage it. Publishing a proceeding, a
submission, an endorsement and the report are asked first on the confirmation page
(core/confirmations.py), whose form posts the same action again with ``confirm=yes``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.consultations import exporting, selectors
from commonweal.consultations.forms_proceedings import (
    DocumentForm,
    ExtensionForm,
    ProceedingFilter,
    ProceedingForm,
    ReportForm,
    SubmissionForm,
)
from commonweal.consultations.models import Proceeding, Submission
from commonweal.consultations.services import proceedings as services
from commonweal.consultations.services.proceedings import ProceedingError
from commonweal.core.confirmations import Confirmation, carried_fields, confirmation_render
from commonweal.core.permissions import access_required

MANAGE = "consultations.manage_proceeding"
TEMPLATES = "consultations/proceedings/"
NOT_CARRIED = frozenset({"csrfmiddlewaretoken", "confirm", "action"})


def _page(request, template: str, context: dict, *, form=None, problem: str = ""):
    status = 400 if problem or (form is not None and form.is_bound and form.errors) else 200
    context = {**context, "form": form, "problem": problem}
    return render(request, TEMPLATES + template, context, status=status)


def _proceeding(request, pk: int, **_kwargs) -> Proceeding:
    return selectors.proceeding_access(request.user, pk)


def _submission(request, pk: int, **_kwargs) -> Submission:
    return selectors.submission_access(request.user, pk)


def _own_submission(request, pk: int) -> Submission:
    """Drafts are their author's alone: superusers pass every permission, but nobody
    writes or submits another person's comment."""
    submission = _submission(request, pk)
    if submission.author_id != request.user.pk:
        raise PermissionDenied
    return submission


def _place(submission: Submission) -> str:
    published = submission.state == Submission.State.PUBLISHED
    anchor = f"submission-{submission.pk}" if published else "your-submissions"
    return f"{submission.proceeding.get_absolute_url()}#{anchor}"


# -- reading --------------------------------------------------------------------------


PROCEEDINGS_PER_PAGE = 50


def proceedings(request):
    manage = selectors.may_manage(request.user)
    filters = ProceedingFilter(request.GET or None, with_drafts=manage)
    group = status = None
    if filters.is_valid():
        group, status = filters.cleaned_data["group"], filters.cleaned_data["status"]
    listed = selectors.proceedings_listed(request.user, group=group, status=status or "")
    page = Paginator(listed, PROCEEDINGS_PER_PAGE).get_page(request.GET.get("page"))
    for found in page:
        found.status_label = Proceeding.Status(found.status_now).label
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "proceedings": page,
        "page": page,
        "query": query.urlencode(),
        "filters": filters,
        "can_manage": manage,
        "can_endorse": request.user.has_perm("consultations.endorse_any"),
    }
    return render(request, TEMPLATES + "list.html", context)


def proceeding(request, pk: int):
    found = _proceeding(request, pk)
    user = request.user
    published = list(selectors.submissions_published(found))
    context = {
        "proceeding": found,
        "status": found.status(),
        "status_label": Proceeding.Status(found.status()).label,
        "documents": found.documents.all(),
        "extensions": found.extensions.all(),
        "groups": found.groups.order_by("name"),
        "submissions": published,
        "answered": [s for s in published if s.response],
        "own": selectors.submissions_own(found, user),
        "why_not": services.why_not_submit(found),
        "can_manage": selectors.may_manage(user),
        "can_submit": user.is_authenticated and user.has_perm("consultations.submit"),
        "report_shown": found.report_published_at is not None,
    }
    return render(request, TEMPLATES + "detail.html", context)


def document(request, pk: int):
    """An uploaded document, always as a download with a safe name."""
    return exporting.document_download(selectors.document_access(request.user, pk))


def submissions_csv(request, pk: int):
    site = request.build_absolute_uri("/").rstrip("/")
    return exporting.submissions_csv_download(_proceeding(request, pk), site_url=site)


def submissions_json(request, pk: int):
    site = request.build_absolute_uri("/").rstrip("/")
    return exporting.submissions_json_download(_proceeding(request, pk), site_url=site)


# -- staff ----------------------------------------------------------------------------


def _proceeding_fields(form: ProceedingForm) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in ProceedingForm.field_order}


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def proceeding_new(request):
    form = ProceedingForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = services.proceeding_create(**_proceeding_fields(form), by=request.user)
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("The draft is saved; nobody but staff sees it yet."))
            return redirect(made)
    return _page(
        request, "form.html", {"title": _("New comment proceeding")}, form=form, problem=problem
    )


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def proceeding_edit(request, pk: int):
    found = _proceeding(request, pk)
    if found.published_at is not None:
        messages.error(request, _("A published proceeding is not edited; extend it instead."))
        return redirect(found)
    initial = {
        name: getattr(found, name) for name in ProceedingForm.field_order if name != "groups"
    }
    form = ProceedingForm(request.POST or None, initial={**initial, "groups": found.groups.all()})
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.proceeding_update(proceeding=found, **_proceeding_fields(form))
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect(found)
    context = {"title": _("Edit the draft"), "proceeding": found}
    return _page(request, "form.html", context, form=form, problem=problem)


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def document_add(request, pk: int):
    found = _proceeding(request, pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                proceeding=found,
                title=data["title"],
                language=data["language"],
                upload=data["file"] or None,
                url=data["url"],
            )
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("The document is added."))
            return redirect(f"{found.get_absolute_url()}#documents")
    context = {"title": _("Add a document"), "proceeding": found, "multipart": True}
    return _page(request, "form.html", context, form=form, problem=problem)


def _confirm_publish(request, found: Proceeding):
    return confirmation_render(
        request,
        Confirmation(
            title=_("Publish this proceeding?"),
            effects=(
                _("Everyone can read it, its documents and the groups it concerns."),
                _(
                    "Comments are taken from %(opens)s to the end of %(closes)s; after that "
                    "the closing date only moves later, by an extension with its reason."
                )
                % {
                    "opens": date_format(found.opens_on, "DATE_FORMAT"),
                    "closes": date_format(found.closes_on, "DATE_FORMAT"),
                },
                _("Those who follow it and the members of its groups are told."),
            ),
            action=reverse("consultations:proceeding_publish", kwargs={"pk": found.pk}),
            confirm_label=_("Publish it"),
            cancel_url=found.get_absolute_url(),
            cancel_label=_("Cancel and go back to the draft"),
            about=(found.get_absolute_url(), found.title),
        ),
    )


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def proceeding_publish(request, pk: int):
    found = _proceeding(request, pk)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        if found.published_at is not None:
            messages.error(request, _("This proceeding is published already."))
            return redirect(found)
        return _confirm_publish(request, found)
    try:
        services.proceeding_publish(proceeding=found)
    except ProceedingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proceeding is published."))
    return redirect(found)


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def proceeding_extend(request, pk: int):
    found = _proceeding(request, pk)
    form = ExtensionForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.proceeding_extend(
                proceeding=found,
                closes_on=form.cleaned_data["closes_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("The closing date is moved; the reason is shown."))
            return redirect(f"{found.get_absolute_url()}#dates")
    context = {"title": _("Extend the comment period"), "proceeding": found}
    return _page(request, "form.html", context, form=form, problem=problem)


def _confirm_report(request, found: Proceeding):
    return confirmation_render(
        request,
        Confirmation(
            title=_("Publish the staff report?"),
            effects=(
                _("Everyone can read it; each submission links to what it says about it."),
                _("The report and the proceeding are final once published."),
            ),
            action=reverse("consultations:proceeding_report", kwargs={"pk": found.pk}),
            confirm_label=_("Publish the report"),
            cancel_url=reverse("consultations:proceeding_report", kwargs={"pk": found.pk}),
            cancel_label=_("Cancel and go back to the report"),
            hidden=(*carried_fields(request, NOT_CARRIED), ("action", "publish")),
            about=(found.get_absolute_url(), found.title),
        ),
    )


def _report_initial(found: Proceeding, submissions) -> dict:
    initial = {"report": found.report}
    initial.update({ReportForm.field_name(s): s.response for s in submissions})
    return initial


@access_required(MANAGE)
@require_http_methods(["GET", "POST"])
def proceeding_report(request, pk: int):
    found = _proceeding(request, pk)
    submissions = list(selectors.submissions_published(found))
    if found.report_published_at is not None:
        messages.error(request, _("The staff report is published and is not changed."))
        return redirect(f"{found.get_absolute_url()}#report")
    form = ReportForm(
        request.POST or None, submissions=submissions, initial=_report_initial(found, submissions)
    )
    problem, publish = "", request.POST.get("action") == "publish"
    if request.method == "POST" and form.is_valid():
        if publish and request.POST.get("confirm") != "yes":
            return _confirm_report(request, found)
        service = services.report_publish if publish else services.report_save
        try:
            service(proceeding=found, text=form.cleaned_data["report"], responses=form.responses())
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(
                request, _("The report is published.") if publish else _("The report is saved.")
            )
            return redirect(f"{found.get_absolute_url()}#report")
    context = {"proceeding": found, "can_publish": found.status() == Proceeding.Status.CLOSED}
    return _page(request, "report_form.html", context, form=form, problem=problem)


# -- participants ---------------------------------------------------------------------


def _submission_fields(form: SubmissionForm) -> dict:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "language": data["language"],
        "on_behalf_of": data["on_behalf_of"],
    }


@access_required("consultations.submit")
@require_http_methods(["GET", "POST"])
def submission_new(request, pk: int):
    found = _proceeding(request, pk)
    if reason := services.why_not_submit(found):
        messages.error(request, reason)
        return redirect(found)
    form = SubmissionForm(request.POST or None, groups=selectors.groups_of(request.user))
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            made = services.submission_create(
                proceeding=found, author=request.user, **_submission_fields(form)
            )
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(
                request, _("Your draft is saved; only you see it until you submit it.")
            )
            return redirect(_place(made))
    context = {"title": _("Write a submission"), "proceeding": found}
    return _page(request, "form.html", context, form=form, problem=problem)


@access_required("consultations.edit_submission", fn=_submission)
@require_http_methods(["GET", "POST"])
def submission_edit(request, pk: int):
    submission = _own_submission(request, pk)
    initial = {
        "text": submission.text,
        "language": submission.language,
        "on_behalf_of": submission.on_behalf_of,
    }
    form = SubmissionForm(
        request.POST or None, groups=selectors.groups_of(request.user), initial=initial
    )
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_update(
                submission=submission, by=request.user, **_submission_fields(form)
            )
        except ProceedingError as error:
            problem = str(error)
        else:
            messages.success(request, _("Your draft is saved."))
            return redirect(_place(submission))
    context = {
        "title": _("Edit your submission"),
        "proceeding": submission.proceeding,
        "note": submission.endorsement_note,
    }
    return _page(request, "form.html", context, form=form, problem=problem)


def _confirm_submit(request, submission: Submission):
    group = submission.on_behalf_of
    effect = (
        _(
            "It goes to the coordinators of %(group)s; it is published in the group's name "
            "once one of them endorses it."
        )
        % {"group": group.name}
        if group is not None
        else _("It is published at once under your name, for everyone to read.")
    )
    return confirmation_render(
        request,
        Confirmation(
            title=_("Submit your comment?"),
            effects=(effect, _("A submitted comment is no longer changed.")),
            action=reverse("consultations:submission_submit", kwargs={"pk": submission.pk}),
            confirm_label=_("Submit it"),
            cancel_url=_place(submission),
            cancel_label=_("Cancel and go back"),
            about=(submission.proceeding.get_absolute_url(), submission.proceeding.title),
        ),
    )


@access_required("consultations.edit_submission", fn=_submission)
@require_http_methods(["GET", "POST"])
def submission_submit(request, pk: int):
    submission = _own_submission(request, pk)
    if request.method == "GET" or request.POST.get("confirm") != "yes":
        if reason := services.why_not_submit(submission.proceeding):
            messages.error(request, reason)
            return redirect(_place(submission))
        return _confirm_submit(request, submission)
    try:
        submitted = services.submission_submit(submission=submission, by=request.user)
    except ProceedingError as error:
        messages.error(request, str(error))
        return redirect(_place(submission))
    if submitted.state == Submission.State.PUBLISHED:
        messages.success(request, _("Your submission is published."))
    else:
        messages.success(request, _("Your submission waits for the group's endorsement."))
    return redirect(_place(submitted))
