"""Round pages: the list, a round's rules, the ballot, the published priority list.

Privacy: no page shows anyone's choices to anyone else. While voting is open
only the number of ballots is shown; after the count, only the anonymised
Pabulib file. A voter sees their own ballot and receipt on the ballot page.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.core.confirmations import confirmation_render
from commonweal.core.downloads import (
    TEXT,
    csv_download,
    json_download,
    streaming_download,
    text_stream,
)
from commonweal.core.gates import ROUNDS_VOTE, gates_unmet
from commonweal.core.permissions import access_required
from commonweal.rounds import selectors, services, voting
from commonweal.rounds.confirmations import (
    close_confirmation,
    withdraw_confirmation,
)
from commonweal.rounds.forms import (
    CloseForm,
    ReceiptCheckForm,
    RoundForm,
    RoundTextForm,
    ballot_choices,
    ballot_group,
    ballot_rows,
    ballot_values,
    posted_ballot_values,
    round_edit_form,
)
from commonweal.rounds.models import Ballot, Round
from commonweal.rounds.results import RoundResult
from commonweal.rounds.services import RoundError
from commonweal.rounds.wording import export_header


def rounds(request):
    listed = list(selectors.round_list().annotate(ballot_count=Count("ballots")))
    open_to = voting.rounds_open_to(listed, request.user)
    for listed_round in listed:
        listed_round.open_to_me = listed_round.pk in open_to
    return render(request, "rounds/list.html", {"rounds": listed})


def _round_or_404(pk: int) -> Round:
    return get_object_or_404(Round.objects.prefetch_related("voter_groups"), pk=pk)


def _pabulib_name(voting_round: Round) -> str:
    return f"round-{voting_round.pk}.pb"


@require_http_methods(["GET", "POST"])
def round_detail(request, pk: int):
    """The round's rules and ballot, who may vote and why not; a posted receipt is
    checked (posted, so that no receipt is written into a link or a server log)."""
    voting_round = _round_or_404(pk)
    check = ReceiptCheckForm(request.POST or None)
    receipt_status = (
        voting.receipt_status(voting_round, check.cleaned_data["receipt"])
        if (request.method == "POST" and check.is_valid())
        else ""
    )
    return render(
        request,
        "rounds/detail.html",
        {
            "round": voting_round,
            "items": selectors.ballot_items(voting_round),
            "access": voting.voting_access(voting_round, request.user),
            "can_manage": request.user.has_perm("rounds.manage", voting_round),
            "ballot_count": voting_round.ballots.count(),
            "check": check,
            "receipt_status": receipt_status,
        },
        status=400 if check.errors else 200,
    )


def _confirmed(request) -> bool:
    return request.POST.get("confirm") == "yes"


def _ballot_withdraw(request, voting_round: Round):
    """Withdraw the voter's ballot, after a confirmation page that says what it does."""
    here = reverse("rounds:ballot", kwargs={"pk": voting_round.pk})
    current = services.ballot_of(voting_round, request.user)
    if current is not None and voting_round.is_open() and not _confirmed(request):
        return confirmation_render(request, withdraw_confirmation(voting_round, current, here))
    try:
        receipt = services.ballot_withdraw(voting_round=voting_round, user=request.user)
    except RoundError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Your vote is withdrawn: it will not be counted, and its receipt %(receipt)s… "
                "is void. You may vote again while voting is open."
            )
            % {"receipt": receipt[: voting.RECEIPT_SHOWN]},
        )
    return redirect(here)


def _ballot_saved(request, replaced: Ballot | None) -> None:
    if replaced is None:
        messages.success(request, _("Your ballot is saved."))
        return
    messages.success(
        request,
        _(
            "Your new ballot replaces the one before. The old receipt %(receipt)s… is void: "
            "that ballot will not be counted. Keep the new receipt below."
        )
        % {"receipt": replaced.receipt[: voting.RECEIPT_SHOWN]},
    )


@never_cache  # it shows the voter's own choices: no shared cache may keep it
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    voting_round = _round_or_404(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    eligible = selectors.voting_groups(voting_round, request.user)
    if not eligible:
        raise PermissionDenied(
            _(
                "Only current members of this round's voting groups can vote in it. Ask to "
                "join one of them on its group page; the round's page lists them."
            )
        )
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        return _ballot_withdraw(request, voting_round)
    current = services.ballot_of(voting_round, request.user)
    # What an app above asks first (a course to complete): shown instead of the form,
    # and a posted ballot is refused with the same words.
    unmet = gates_unmet(ROUNDS_VOTE, request.user, voting_round)
    problem = ""
    values = ballot_values(voting_round, current)
    chosen_group = current.group_id if current else eligible[0].pk
    if request.method == "POST" and unmet:
        problem = " ".join(item.message for item in unmet)
    elif request.method == "POST":
        try:
            group = ballot_group(request.POST, eligible)
            services.ballot_submit(
                voting_round=voting_round,
                user=request.user,
                group=group,
                choices=ballot_choices(voting_round, request.POST),
            )
        except RoundError as error:
            problem = str(error)
            values = posted_ballot_values(voting_round, request.POST)
            chosen_group = request.POST.get("group", chosen_group)
        else:
            _ballot_saved(request, current)
            return redirect("rounds:ballot", pk=voting_round.pk)
    return render(
        request,
        "rounds/ballot.html",
        {
            "round": voting_round,
            "rows": ballot_rows(voting_round, values),
            "groups": eligible,
            "chosen_group": str(chosen_group),
            "ballot": current,
            "is_open": voting_round.is_open(),
            "problem": problem,
            "unmet": unmet,
        },
        status=400 if problem else 200,
    )


def _round_form_page(request, form, voting_round=None, problem="", opened=False):
    return render(
        request,
        "rounds/form.html",
        {"form": form, "round": voting_round, "problem": problem, "opened": opened},
        status=400 if problem or form.errors else 200,
    )


@access_required("rounds.manage")
@require_http_methods(["GET", "POST"])
def round_create(request):
    form = RoundForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            voting_round = services.round_create(by=request.user, **form.service_fields())
        except RoundError as error:
            problem = str(error)
        else:
            messages.success(request, _("The round is set."))
            return redirect(voting_round)
    return _round_form_page(request, form, problem=problem)


@access_required("rounds.manage")
@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    """Before voting opens, everything; after, only the title and description.

    A posting that tries to change the rules after opening goes to the service,
    which refuses it with its message, and nothing changes.
    """
    voting_round = _round_or_404(pk)
    opened = voting_round.has_opened()
    form = round_edit_form(voting_round, request.POST or None, opened=opened)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                voting_round=voting_round, by=request.user, **form.service_fields()
            )
        except RoundError as error:
            problem = str(error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect(voting_round)
    if opened and isinstance(form, RoundForm):
        # Refused: offer again only what may still change.
        form = RoundTextForm(instance=voting_round)
        problem = problem or _("Voting has opened: the round's rules can no longer change.")
    return _round_form_page(
        request, form, voting_round=voting_round, problem=problem, opened=opened
    )


@access_required("rounds.manage")
@require_POST
def round_close(request, pk: int):
    """Close voting and count: first a page that says what it does and asks why, then,
    posted again with ``confirm=yes``, the count."""
    voting_round = _round_or_404(pk)
    if voting_round.is_counted:
        messages.info(request, _("This round is already counted."))
        return redirect("rounds:priorities", pk=voting_round.pk)
    if not voting_round.has_opened():
        messages.error(request, _("Voting has not opened yet; there is nothing to count."))
        return redirect(voting_round)
    form = CloseForm(request.POST)
    if not _confirmed(request) or not form.is_valid():
        confirm = close_confirmation(voting_round, form, voting_round.ballots.count())
        return confirmation_render(request, confirm)
    try:
        voting_round = services.round_close_with_note(
            voting_round=voting_round, note=form.cleaned_data["note"], by=request.user
        )
    except RoundError as error:
        messages.error(request, str(error))
        return redirect(voting_round)
    messages.success(request, _("Voting is closed and the priority list is published."))
    return redirect("rounds:priorities", pk=voting_round.pk)


def _priorities_page(request, voting_round: Round):
    context = {"round": voting_round}
    result = selectors.round_result(voting_round)
    if result is not None:
        context.update(
            result=result,
            rows=selectors.priority_rows(voting_round),
            plan_years=result.spending,
            ballots_by_group=selectors.ballots_by_group_name(result),
            pabulib_name=_pabulib_name(voting_round),
        )
    return render(request, "rounds/priorities.html", context)


def priorities(request, pk: int):
    return _priorities_page(request, _round_or_404(pk))


def _counted_or_404(pk: int) -> tuple[Round, RoundResult]:
    voting_round = _round_or_404(pk)
    result = selectors.round_result(voting_round)
    if result is None:
        raise Http404(_("This round has not been counted yet."))
    return voting_round, result


def pabulib(request, pk: int):
    voting_round, _result = _counted_or_404(pk)
    return streaming_download(
        text_stream(services.round_pabulib(voting_round)),
        filename=_pabulib_name(voting_round),
        content_type=TEXT,
    )


def export_csv(request, pk: int):
    voting_round, result = _counted_or_404(pk)
    return csv_download(
        filename=f"round-{voting_round.pk}-priorities.csv",
        header=export_header(selectors.EXPORT_COLUMNS),
        rows=selectors.export_csv_rows(result),
    )


def export_json(request, pk: int):
    voting_round, result = _counted_or_404(pk)
    return json_download(
        selectors.export_document(voting_round, result),
        filename=f"round-{voting_round.pk}-priorities.json",
    )
