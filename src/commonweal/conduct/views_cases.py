"""The ombudsman's and the custodian's pages: the list of cases, a case opened with the
viewer's key, its actions, and the custodian's decision on a request to disclose.

Only the roles themselves come in: an administrator passes every ``has_perm`` of Django,
so each view checks the conduct rule too (``conduct_access``). A case opens only for a
viewer whose key it is sealed to; anyone else gets 404, as if there were no such case.
Every page is private (``private_page``: no-store, noindex), and every read or action is
written to the access log by the service it calls.
"""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.conduct.forms_cases import (
    DecisionForm,
    DisclosureRequestForm,
    ReplyForm,
    StatusForm,
)
from commonweal.conduct.http import private_page, uploads_in_memory
from commonweal.conduct.models import Case, Consent, DisclosureRequest
from commonweal.conduct.services import handling
from commonweal.conduct.services.handling import HandlingError, KeyNotHere
from commonweal.core.confirmations import Confirmation, confirmation_render
from commonweal.core.permissions import access_required


def conduct_access(permission: str):
    """``access_required``, then the conduct rule itself, which no superuser bypasses."""

    def decorator(view):
        @wraps(view)
        def role_checked(request, *args, **kwargs):
            if not rules.has_perm(permission, request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return access_required(permission)(role_checked)

    return decorator


def with_case(view):
    """Open the case ``pk`` with the viewer's key: 404 when it is not sealed to them, a
    page that says so when their key file is not on this server."""

    @wraps(view)
    def opened_view(request, pk: int, **kwargs):
        case = get_object_or_404(Case, pk=pk)
        try:
            opened = handling.case_open(case, request.user)
        except KeyNotHere:
            return render(request, "conduct/cases/key_missing.html", {"case": case})
        if opened is None:
            raise Http404
        return view(request, opened, **kwargs)

    return opened_view


def _site_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _back(opened: handling.Opened):
    return redirect("conduct:case", pk=opened.case.pk)


def action_label(action: str) -> str:
    """An access-log action in the reader's words."""
    words = {
        "filed": _("report filed"),
        "read": _("case read"),
        "attachment read": _("attachment read"),
        "acknowledged": _("acknowledged"),
        "replied": _("message sent to the reporter"),
        "feedback sent": _("feedback sent to the reporter"),
        "files sent": _("files sent to the reporter"),
        "closed": pgettext("conduct case status", "closed"),
        "disclosure request read": _("request to disclose read by a custodian"),
        "identity read": _("the reporter's identity read by a custodian"),
    }
    if action in words:
        return words[action]
    if action.startswith("status "):
        status = action.removeprefix("status ")
        if status in Case.Status.values:
            return _("status set to “%(status)s”") % {"status": Case.Status(status).label}
    parts = action.split(" ", 2)
    if parts[0] == "disclosure" and len(parts) == 3 and parts[1] in Consent.What.values:
        what = Consent.HANDLER_WORDS[parts[1]]
        state = DISCLOSURE_STATES.get(parts[2])
        return _("disclosure of “%(what)s”: %(state)s") % {
            "what": what,
            "state": state if state is not None else parts[2],
        }
    return action


# A disclosure's state in the access log, in the reader's words (the log keeps the code).
DISCLOSURE_STATES = {
    "requested": pgettext_lazy("disclosure state", "requested"),
    "approved": pgettext_lazy("disclosure state", "approved"),
    "refused": pgettext_lazy("disclosure state", "refused"),
    "approved by consent": pgettext_lazy(
        "disclosure state", "approved under the reporter's consent"
    ),
}


@private_page
@conduct_access("conduct.see_cases")
def cases(request):
    """The cases the viewer's keys open, overdue first; for a custodian, the requests to
    disclose that wait for a decision."""
    deciding = rules.has_perm("conduct.decide_disclosure", request.user)
    context = {
        "cases": handling.cases_listed(request.user),
        "waiting": list(handling.disclosures_waiting(request.user)) if deciding else None,
    }
    return render(request, "conduct/cases/list.html", context)


@sensitive_variables("content")
def _case_page(request, opened: handling.Opened, *, reply_form=None, status: int = 200):
    case = opened.case
    content = handling.case_read(opened=opened)
    log = list(case.log.order_by("seq"))
    for entry in log:
        entry.label = action_label(entry.action)
    context = {
        "case": case,
        "content": content,
        "overdue": handling.is_overdue(case),
        "log": log,
        "consents": case.consents.order_by("given_at", "pk"),
        "disclosures": case.disclosures.order_by("requested_at", "pk"),
        "reply_form": reply_form or ReplyForm(),
        "status_form": StatusForm(),
        "is_open": case.status != Case.Status.CLOSED,
    }
    return render(request, "conduct/cases/case.html", context, status=status)


@private_page
@conduct_access("conduct.see_cases")
@with_case
def case(request, opened: handling.Opened):
    return _case_page(request, opened)


def _done_or_refused(request, opened: handling.Opened, action, success: str):
    try:
        action()
    except HandlingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return _back(opened)


@private_page
@conduct_access("conduct.see_cases")
@require_POST
@with_case
def case_acknowledge(request, opened: handling.Opened):
    return _done_or_refused(
        request,
        opened,
        lambda: handling.case_acknowledge(opened=opened),
        _("The report is acknowledged; the reporter sees it with their receipt."),
    )


@private_page
@sensitive_post_parameters("text")
@conduct_access("conduct.see_cases")
@require_POST
@uploads_in_memory
@with_case
def case_reply(request, opened: handling.Opened):
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, opened, reply_form=form, status=400)
    return _done_or_refused(
        request,
        opened,
        lambda: handling.case_reply(
            opened=opened,
            user=request.user,
            text=form.cleaned_data["text"],
            feedback=form.cleaned_data["feedback"],
            site_url=_site_url(request),
            files=form.cleaned_data["files"],
        ),
        _("Your message is sent; the reporter reads it with their receipt."),
    )


@private_page
@conduct_access("conduct.see_cases")
@require_POST
@with_case
def case_status(request, opened: handling.Opened):
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return _back(opened)
    return _done_or_refused(
        request,
        opened,
        lambda: handling.case_status_change(opened=opened, status=form.cleaned_data["status"]),
        _("The status is changed."),
    )


@private_page
@conduct_access("conduct.see_cases")
@require_http_methods(["GET", "POST"])
@with_case
def case_close(request, opened: handling.Opened):
    case_url = reverse("conduct:case", kwargs={"pk": opened.case.pk})
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _done_or_refused(
            request,
            opened,
            lambda: handling.case_close(opened=opened),
            _("The case is closed."),
        )
    return confirmation_render(
        request,
        Confirmation(
            title=_("Close case %(reference)s?") % {"reference": opened.case.reference},
            effects=(
                _("Nobody can reply or change the status any more; the reporter sees it closed."),
                _("The case and its files are deleted after the retention period."),
            ),
            action=reverse("conduct:case_close", kwargs={"pk": opened.case.pk}),
            confirm_label=_("Close the case"),
            cancel_url=case_url,
            cancel_label=_("Back to the case"),
            about=(case_url, opened.case.reference),
        ),
    )


@private_page
@sensitive_post_parameters("reason")
@conduct_access("conduct.see_cases")
@require_http_methods(["GET", "POST"])
@with_case
def case_disclose(request, opened: handling.Opened):
    consents = handling.consents_active(opened.case)
    form = DisclosureRequestForm(request.POST or None, consents=consents)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handling.disclosure_request(
                opened=opened,
                user=request.user,
                what=data["what"],
                to_whom=data["to_whom"],
                reason=data["reason"],
                consent=data.get("consent"),
                site_url=_site_url(request),
            )
        except HandlingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The request is recorded."))
            return _back(opened)
    context = {"case": opened.case, "form": form}
    status = 400 if form.errors else 200
    return render(request, "conduct/cases/disclose.html", context, status=status)


@private_page
@conduct_access("conduct.see_cases")
@with_case
def case_attachment(request, opened: handling.Opened, attachment: int):
    stored = get_object_or_404(opened.case.attachments, pk=attachment)
    name, data = handling.attachment_read(opened=opened, attachment=stored)
    response = HttpResponse(data, content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=name or "attachment"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _disclosure_access(request, pk: int) -> DisclosureRequest:
    request_ = get_object_or_404(DisclosureRequest.objects.select_related("case"), pk=pk)
    if request_.requested_by_id == request.user.pk:
        raise PermissionDenied  # the second key is someone else's
    return request_


@private_page
@conduct_access("conduct.decide_disclosure")
@require_http_methods(["GET", "POST"])
def disclosure(request, pk: int):
    """A custodian reads a documented request and decides it; once a request to disclose
    the reporter's identity is approved, a custodian may open the identity here."""
    asked = _disclosure_access(request, pk)
    identity, revealed = None, False
    if request.method == "POST":
        try:
            if "reveal" in request.POST:
                identity = handling.identity_read(request=asked, user=request.user)
                revealed = True
            else:
                form = DecisionForm(request.POST)
                if not form.is_valid():
                    raise HandlingError(_("Approve or refuse the request."))
                approve = form.cleaned_data["decision"] == "approve"
                handling.disclosure_decide(request=asked, user=request.user, approve=approve)
                messages.success(request, _("Your decision is recorded."))
                return redirect("conduct:disclosure", pk=asked.pk)
        except HandlingError as error:
            messages.error(request, str(error))
    handling.disclosure_seen(request=asked, user=request.user)
    context = {
        "asked": asked,
        "reason": handling.reason_read(asked, request.user),
        "consents": asked.case.consents.order_by("given_at", "pk"),
        "identity": identity,
        "revealed": revealed,
        "is_identity": asked.what == Consent.What.IDENTITY,
    }
    return render(request, "conduct/cases/disclosure.html", context)
