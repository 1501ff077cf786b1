"""Round pages: the list, a round's rules, the ballot, the published priority list.

Privacy: no page shows anyone's choices to anyone else. While voting is open
only the number of ballots is shown; after the count, only the anonymised
Pabulib file. A voter sees their own ballot and receipt on the ballot page.
"""

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.community.models import StakeholderGroup
from commonweal.core.permissions import access_required
from commonweal.recommendations.models import Recommendation
from commonweal.rounds import selectors, services
from commonweal.rounds.forms import (
    CommentForm,
    RoundForm,
    RoundTextForm,
    ballot_choices,
    ballot_group,
)
from commonweal.rounds.models import Comment, Round
from commonweal.rounds.services import RULE_FIELDS, RoundError
from commonweal.spreadsheets import csv_text


def rounds(request):
    shown = selectors.round_list().annotate(ballot_count=Count("ballots"))
    return render(request, "rounds/list.html", {"rounds": shown})


def _round(pk: int) -> Round:
    return get_object_or_404(Round.objects.prefetch_related("voter_groups"), pk=pk)


def _items(round_: Round):
    return (
        round_.items.select_related("recommendation")
        .prefetch_related("recommendation__translations")
        .order_by("recommendation__reference")
    )


def round_detail(request, pk: int):
    round_ = _round(pk)
    return render(
        request,
        "rounds/detail.html",
        {
            "round": round_,
            "items": _items(round_),
            "can_vote": round_.is_open() and bool(selectors.voting_groups(round_, request.user)),
            "can_manage": request.user.has_perm("rounds.manage", round_),
            "ballot_count": round_.ballots.count(),
        },
    )


def _ballot_rows(round_: Round, values: dict[str, str]) -> list[dict]:
    return [
        {
            "item": item,
            "reference": item.recommendation.reference,
            "value": values.get(item.recommendation.reference, ""),
        }
        for item in _items(round_)
    ]


def _posted_values(round_: Round, data) -> dict[str, str]:
    """What the voter just posted, to show it again beside the message."""
    if round_.ballot_kind == Round.BallotKind.APPROVAL:
        return {reference: "1" for reference in data.getlist("choice")}
    prefix = "points-" if round_.ballot_kind == Round.BallotKind.POINTS else "rank-"
    return {key.removeprefix(prefix): data[key] for key in data if key.startswith(prefix)}


def _ballot_values(round_: Round, ballot) -> dict[str, str]:
    if ballot is None:
        return {}
    if round_.ballot_kind == Round.BallotKind.RANKING:
        return {project: str(k) for k, (project, _points) in enumerate(ballot.choices, start=1)}
    return {project: str(points) for project, points in ballot.choices}


@never_cache  # it shows the voter's own choices: no shared cache may keep it
@require_http_methods(["GET", "POST"])
def ballot(request, pk: int):
    round_ = _round(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    eligible = selectors.voting_groups(round_, request.user)
    if not eligible:
        raise PermissionDenied(
            _(
                "Only current members of this round's voting groups can vote in it. If you "
                "think you should be one, ask your group's coordinator."
            )
        )
    current = services.ballot_of(round_, request.user)
    problem = ""
    values = _ballot_values(round_, current)
    chosen_group = current.group_id if current else eligible[0].pk
    if request.method == "POST":
        try:
            group = ballot_group(request.POST, eligible)
            services.ballot_submit(
                round=round_,
                user=request.user,
                group=group,
                choices=ballot_choices(round_, request.POST),
            )
        except RoundError as error:
            problem = str(error)
            values = _posted_values(round_, request.POST)
            chosen_group = request.POST.get("group", chosen_group)
        else:
            messages.success(request, _("Your ballot is saved."))
            return redirect("rounds:ballot", pk=round_.pk)
    return render(
        request,
        "rounds/ballot.html",
        {
            "round": round_,
            "rows": _ballot_rows(round_, values),
            "groups": eligible,
            "chosen_group": str(chosen_group),
            "ballot": current,
            "is_open": round_.is_open(),
            "problem": problem,
        },
        status=400 if problem else 200,
    )


def _round_form_page(request, form, round_=None, problem="", opened=False):
    return render(
        request,
        "rounds/form.html",
        {"form": form, "round": round_, "problem": problem, "opened": opened},
        status=400 if problem or form.errors else 200,
    )


@access_required("rounds.manage")
@require_http_methods(["GET", "POST"])
def round_create(request):
    form = RoundForm(request.POST or None)
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.round_create(
                recommendations=list(form.cleaned_data["recommendations"]),
                voter_groups=list(form.cleaned_data["voter_groups"]),
                by=request.user,
                **form.service_fields(),
            )
        except RoundError as error:
            problem = str(error)
        else:
            messages.success(request, _("The round is set."))
            return redirect(round_)
    return _round_form_page(request, form, problem=problem)


@access_required("rounds.manage")
@require_http_methods(["GET", "POST"])
def round_edit(request, pk: int):
    """Before voting opens, everything; after, only the title and description.

    A posting that tries to change the rules after opening goes to the service,
    which refuses it with its message, and nothing changes.
    """
    round_ = _round(pk)
    opened = round_.has_opened()
    rule_keys = set(RULE_FIELDS) | {"recommendations", "voter_groups"}
    posts_rules = request.method == "POST" and bool(rule_keys & set(request.POST))
    form_class = RoundForm if not opened or posts_rules else RoundTextForm
    form = form_class(request.POST or None, instance=Round.objects.get(pk=round_.pk))
    problem = ""
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields() if form_class is RoundForm else dict(form.cleaned_data)
        extra = (
            {
                "recommendations": list(form.cleaned_data["recommendations"]),
                "voter_groups": list(form.cleaned_data["voter_groups"]),
            }
            if form_class is RoundForm
            else {}
        )
        try:
            services.round_update(round=round_, by=request.user, **extra, **fields)
        except RoundError as error:
            problem = str(error)
        else:
            messages.success(request, _("The round is saved."))
            return redirect(round_)
    if opened and form_class is RoundForm:
        # Refused: offer again only what may still change.
        form = RoundTextForm(instance=round_)
        problem = problem or _("Voting has opened: the round's rules can no longer change.")
    return _round_form_page(request, form, round_=round_, problem=problem, opened=opened)


@access_required("rounds.manage")
@require_POST
def round_close(request, pk: int):
    round_ = _round(pk)
    try:
        round_ = services.round_close(round=round_, by=request.user)
    except RoundError as error:
        messages.error(request, str(error))
        return redirect(round_)
    messages.success(request, _("Voting is closed and the priority list is published."))
    return redirect("rounds:priorities", pk=round_.pk)


def _priorities_page(request, round_: Round, comment_form=None, problem="", status=200):
    result = round_.result
    context = {"round": round_, "problem": problem}
    if result is None:
        return render(request, "rounds/priorities.html", context, status=status)
    rows = selectors.priority_rows(round_)
    references = [row["id"] for row in result["items"]]
    on_ballot = {
        r.reference: r
        for r in Recommendation.objects.filter(reference__in=references).prefetch_related(
            "translations"
        )
    }
    for row in result["items"]:
        recommendation = on_ballot.get(row["id"])
        translated = recommendation.translation() if recommendation else None
        row["url"] = recommendation.get_absolute_url() if recommendation else ""
        # The title in the reader's language where the registry has it; the count
        # itself keeps the title as it stood on the ballot.
        row["shown_title"] = translated.title if translated else row["title"]
    plan_years = (result.get("plan") or {}).get("years", [])
    for year in plan_years:
        year["percent"] = min(100.0, 100.0 * year["total"] / year["cap"]) if year["cap"] else 0
        year["reserve_percent"] = 100.0 * year["reserve"] / year["cap"] if year["cap"] else 0
    names = dict(StakeholderGroup.objects.values_list("slug", "name"))
    comments = round_.comments.select_related("author__person")
    if not request.user.has_perm("rounds.hide_comment", round_):
        comments = comments.filter(hidden=False)
    context.update(
        rows=rows,
        plan_years=plan_years,
        ballots_by_group=[
            (names.get(slug, slug), count) for slug, count in result["ballots_by_group"].items()
        ],
        comments=comments,
        comment_form=comment_form or CommentForm(),
        can_comment=request.user.has_perm("rounds.comment", round_),
        can_hide=request.user.has_perm("rounds.hide_comment", round_),
        pabulib_name=f"round-{round_.pk}.pb",
    )
    return render(request, "rounds/priorities.html", context, status=status)


def priorities(request, pk: int):
    return _priorities_page(request, _round(pk))


@access_required("rounds.comment")
@require_POST
def comment(request, pk: int):
    round_ = _round(pk)
    form = CommentForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            services.comment_add(round=round_, author=request.user, text=form.cleaned_data["text"])
        except RoundError as error:
            problem = str(error)
        else:
            messages.success(request, _("Your comment is posted."))
            return redirect(reverse("rounds:priorities", kwargs={"pk": round_.pk}) + "#comments")
    return _priorities_page(request, round_, comment_form=form, problem=problem, status=400)


@access_required("rounds.hide_comment")
@require_POST
def comment_hide(request, pk: int):
    shown = get_object_or_404(Comment.objects.select_related("round"), pk=pk)
    hidden = request.POST.get("hidden", "1") != "0"
    services.comment_hide(comment=shown, hidden=hidden)
    messages.success(request, _("The comment is hidden.") if hidden else _("The comment is shown."))
    return redirect(reverse("rounds:priorities", kwargs={"pk": shown.round_id}) + "#comments")


def _counted(pk: int) -> Round:
    round_ = _round(pk)
    if not round_.is_counted:
        raise Http404(_("This round has not been counted yet."))
    return round_


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def pabulib(request, pk: int):
    round_ = _counted(pk)
    return _download(
        services.round_pabulib(round_), "text/plain; charset=utf-8", f"round-{round_.pk}.pb"
    )


EXPORT_COLUMNS = [
    "id",
    "title",
    "status",
    "start",
    "completes",
    "cost",
    "one_time_cost",
    "recurring_cost",
    "support",
    "reason",
]


def export_csv(request, pk: int):
    round_ = _counted(pk)
    rows = ([row.get(column) for column in EXPORT_COLUMNS] for row in round_.result["items"])
    return _download(
        csv_text(EXPORT_COLUMNS, rows),
        "text/csv; charset=utf-8",
        f"round-{round_.pk}-priorities.csv",
    )


def export_json(request, pk: int):
    round_ = _counted(pk)
    result = round_.result
    document = {
        "round": round_.pk,
        "title": round_.title,
        "rule": result["rule"],
        "group_weighted": result["group_weighted"],
        "years": result["years"],
        "budget": result["budget"],
        "ballots": result["ballots"],
        "ballots_by_group": result["ballots_by_group"],
        "counted_at": result.get("counted_at"),
        "pabulib_sha256": result["pabulib_sha256"],
        "spending": (result.get("plan") or {}).get("years", []),
        "items": [
            {column: row.get(column) for column in EXPORT_COLUMNS} for row in result["items"]
        ],
    }
    return _download(
        json.dumps(document, ensure_ascii=False, indent=1),
        "application/json; charset=utf-8",
        f"round-{round_.pk}-priorities.json",
    )
