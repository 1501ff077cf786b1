"""The reporter's pages: the report form, the receipt shown once, and the case the receipt
opens. No page puts the receipt in an address, a session or a cookie: it comes with each
POST and the case page carries it on in its forms' hidden fields."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.conduct import crypto
from commonweal.conduct.forms_reporting import (
    ConsentForm,
    MessageForm,
    ReceiptForm,
    ReportForm,
    WithdrawForm,
)
from commonweal.conduct.http import client_address, private_page, uploads_in_memory
from commonweal.conduct.models import Attachment, Consent
from commonweal.conduct.services import attempts, reporting
from commonweal.conduct.services.cases import NoKeyHolder
from commonweal.core.downloads import file_download, json_download

# The access log's actions in the reporter's words; an action not listed shows as written.
ACTION_WORDS = {
    "filed": gettext_lazy("report filed"),
    reporting.READ: gettext_lazy("read through the receipt"),
    reporting.MESSAGE: gettext_lazy("message added by the reporter"),
    reporting.FILES: gettext_lazy("files added by the reporter"),
    reporting.FILE_READ: gettext_lazy("a file opened through the receipt"),
    reporting.EXPORTED: gettext_lazy("case downloaded through the receipt"),
    reporting.CONSENT_GIVEN: gettext_lazy("consent given"),
    reporting.CONSENT_WITHDRAWN: gettext_lazy("consent withdrawn"),
    "read": gettext_lazy("report read"),
    "attachment read": gettext_lazy("a file read"),
    "acknowledged": gettext_lazy("report acknowledged"),
    "replied": gettext_lazy("reply sent to the reporter"),
    "feedback sent": gettext_lazy("feedback sent to the reporter"),
    "files sent": gettext_lazy("files sent to the reporter"),
    "closed": gettext_lazy("case closed"),
    "identity read": gettext_lazy("the reporter's identity read"),
    "disclosure request read": gettext_lazy("a request to disclose read"),
    "resealed": gettext_lazy("the case's key given to a new key holder"),
    "key rotated": gettext_lazy("the case's key given to a new key holder"),
}
DISCLOSURE_WORDS = {
    "requested": gettext_lazy("disclosure of %(what)s asked for"),
    "approved": gettext_lazy("disclosure of %(what)s approved"),
    "refused": gettext_lazy("disclosure of %(what)s refused"),
    "approved by consent": gettext_lazy("disclosure of %(what)s approved, as you consented"),
}


def _action_words(action: str) -> str:
    """An access log entry's action, as the reporter reads it."""
    if action in ACTION_WORDS:
        return str(ACTION_WORDS[action])
    if action.startswith("status "):
        return _("status changed")
    _word, what, decision = (action.split(" ", 2) + ["", ""])[:3]
    if action.startswith("disclosure ") and decision in DISCLOSURE_WORDS:
        return str(DISCLOSURE_WORDS[decision]) % {"what": Consent.REPORTER_WORDS.get(what, what)}
    return action


@private_page
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@uploads_in_memory
@sensitive_variables()
def report(request: HttpRequest) -> HttpResponse:
    if not reporting.reports_accepted():
        status = 503 if request.method == "POST" else 200
        return render(request, "conduct/reporting/closed.html", status=status)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            case, receipt = reporting.report_submit(
                report=form.report(), files=form.cleaned_data["files"], account=request.user
            )
        except NoKeyHolder:
            return render(request, "conduct/reporting/closed.html", status=503)
        except ValidationError as error:
            form.add_error("files", error)
        else:
            # The only time the receipt is shown: it is stored nowhere in clear.
            context = {"case": case, "receipt": receipt}
            return render(request, "conduct/reporting/receipt.html", context)
    return render(
        request,
        "conduct/reporting/report.html",
        {"form": form, "signed_in": request.user.is_authenticated},
        status=400 if form.is_bound else 200,
    )


@sensitive_variables()
def _opened(request: HttpRequest):
    """The case the posted receipt opens, or the page that refuses it (a wrong receipt
    counts against the client's address; too many in an hour get 429)."""
    address = client_address(request)
    if attempts.receipt_blocked(address=address):
        return render(request, "conduct/reporting/blocked.html", status=429)
    form = ReceiptForm(request.POST)
    if not form.is_valid():
        return render(request, "conduct/reporting/followup.html", {"form": form}, status=400)
    try:
        opened = reporting.case_open(code=form.cleaned_data["receipt"])
    except reporting.CaseGone:
        return render(request, "conduct/reporting/gone.html", status=410)
    if opened is None:
        attempts.receipt_failure_record(address=address)
        form.add_error(
            "receipt",
            _("No report has this receipt. Check each character and try again."),
        )
        return render(request, "conduct/reporting/followup.html", {"form": form}, status=404)
    return opened, form.cleaned_data["receipt"]


def _entries(view: reporting.CaseView) -> list[tuple]:
    return [
        (entry.at, entry.get_actor_display(), _action_words(entry.action)) for entry in view.entries
    ]


@sensitive_variables()
def _case_page(request, opened, code, *, notice="", status=200, **forms) -> HttpResponse:
    view = reporting.case_read(opened=opened)
    context = {
        "view": view,
        "case": view.case,
        "entries": _entries(view),
        "receipt": crypto.receipt_grouped(code),
        "notice": notice,
        "message_form": forms.get("message_form") or MessageForm(),
        "consent_form": forms.get("consent_form") or ConsentForm(),
        "handler": _("the custodian") if view.case.about_ombudsman else _("the ombudsman"),
    }
    return render(request, "conduct/reporting/case.html", context, status=status)


@private_page
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def followup(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "conduct/reporting/followup.html", {"form": ReceiptForm()})
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    return _case_page(request, *opened)


@private_page
@sensitive_post_parameters()
@require_POST
@uploads_in_memory
@sensitive_variables()
def followup_message(request: HttpRequest) -> HttpResponse:
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    form = MessageForm(request.POST, request.FILES)
    if not form.is_valid():
        return _case_page(request, *opened, message_form=form, status=400)
    reporting.message_add(
        opened=opened[0], text=form.cleaned_data["text"], files=form.cleaned_data["files"]
    )
    return _case_page(request, *opened, notice=_("Your message was added to the case."))


@private_page
@sensitive_post_parameters()
@require_POST
def followup_consent(request: HttpRequest) -> HttpResponse:
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return _case_page(request, *opened, consent_form=form, status=400)
    reporting.consent_give(opened=opened[0], **form.cleaned_data)
    return _case_page(request, *opened, notice=_("Your consent is recorded in the case."))


@private_page
@sensitive_post_parameters()
@require_POST
def followup_withdraw(request: HttpRequest) -> HttpResponse:
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    form = WithdrawForm(request.POST)
    try:
        if not form.is_valid():
            raise Consent.DoesNotExist
        reporting.consent_withdraw(opened=opened[0], consent_id=form.cleaned_data["consent"])
    except Consent.DoesNotExist:
        notice, status = _("That consent was withdrawn already."), 400
    else:
        notice, status = _("Your consent is withdrawn."), 200
    return _case_page(request, *opened, notice=notice, status=status)


@private_page
@sensitive_post_parameters()
@require_POST
@sensitive_variables()
def followup_file(request: HttpRequest, attachment_id: int) -> HttpResponse:
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    try:
        name, data = reporting.attachment_open(opened=opened[0], attachment_id=attachment_id)
    except Attachment.DoesNotExist:
        raise Http404(_("This case has no such file.")) from None
    return file_download(data, filename=name, content_type="application/octet-stream")


@private_page
@sensitive_post_parameters()
@require_POST
def followup_export(request: HttpRequest) -> HttpResponse:
    opened = _opened(request)
    if isinstance(opened, HttpResponse):
        return opened
    data = reporting.case_export(opened=opened[0])
    return json_download(data, filename=f"{opened[0].case.reference}.json")
