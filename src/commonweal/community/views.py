from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from commonweal.community import selectors, services
from commonweal.community.forms import (
    MembershipDecisionForm,
    MembershipForm,
    MembershipRequestForm,
    RosterUploadForm,
)
from commonweal.community.models import MembershipRequest, Person, StakeholderGroup
from commonweal.core.gates import COMMUNITY_JOIN, gates_unmet
from commonweal.core.panels import PERSON_SECTIONS, panels_render
from commonweal.core.permissions import access_required
from commonweal.rosters import MAX_ROSTER_BYTES, RosterError


def people(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "community/people.html",
        {"people": selectors.person_list(query=query)[:500], "query": query},
    )


def person(request, pk: int):
    person = get_object_or_404(Person, pk=pk, is_erased=False)
    return render(
        request,
        "community/person.html",
        {
            "person": person,
            "names": person.names.all(),
            "memberships": person.memberships.select_related("group"),
            # What the apps above add (where this person spoke, …), as they registered it.
            "sections": panels_render(PERSON_SECTIONS, request, person),
        },
    )


def groups(request):
    groups = selectors.group_list()
    joining = selectors.joining_states(user=request.user, groups=groups)
    waiting = selectors.requests_waiting(user=request.user)
    for group in groups:
        group.joining = joining[group.pk]
        group.waiting = waiting.get(group.pk)
    return render(request, "community/groups.html", {"groups": groups})


def _group(request, slug: str) -> StakeholderGroup:
    return get_object_or_404(StakeholderGroup, slug=slug)


def group(request, slug: str):
    group = _group(request, slug)
    return render(
        request,
        "community/group.html",
        {
            "group": group,
            "members": selectors.group_members(group=group),
            "children": group.children.all(),
            "can_manage": request.user.has_perm("community.manage_memberships", group),
            "joining": selectors.joining_states(user=request.user, groups=[group])[group.pk],
            "waiting": selectors.requests_waiting(user=request.user).get(group.pk, 0),
        },
    )


@access_required("community.manage_memberships", fn=_group)
@require_http_methods(["GET", "POST"])
def membership_add(request, slug: str):
    group = _group(request, slug)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = services.membership_add(group=group, **form.cleaned_data)
        messages.success(request, _("%(person)s added.") % {"person": membership.person})
        return redirect(group)
    return render(request, "community/membership_form.html", {"group": group, "form": form})


@access_required("community.import_roster")
@require_http_methods(["GET", "POST"])
def roster_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    result = None
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_ROSTER_BYTES:
            problems = [
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_ROSTER_BYTES // 1024 // 1024}
            ]
        else:
            try:
                result = services.roster_import(data=upload.read(), source=upload.name)
            except RosterError as error:
                problems = [f"{error.source}:{problem}" for problem in error.problems]
    status = 400 if problems else 200
    return render(
        request,
        "community/roster_upload.html",
        {
            "form": form,
            "result": result,
            "problems": problems,
        },
        status=status,
    )


def _site_url(request) -> str:
    """The address links in emails start with, as the person deciding reached the site."""
    return request.build_absolute_uri("/").rstrip("/")


@login_required
def my_groups(request):
    person = request.user.person
    waiting = selectors.requests_waiting(user=request.user)
    waiting_groups = list(StakeholderGroup.objects.filter(pk__in=waiting))
    for group in waiting_groups:
        group.waiting = waiting[group.pk]
    return render(
        request,
        "community/my_groups.html",
        {
            "person": person,
            "memberships": person.current_memberships() if person else [],
            "requests": selectors.membership_requests_of(person=person) if person else [],
            "waiting_groups": waiting_groups,
        },
    )


@access_required("community.ask_to_join")
@require_http_methods(["GET", "POST"])
def request_join(request, slug: str):
    group = _group(request, slug)
    person = request.user.person
    try:
        services.check_may_ask_to_join(person=person, group=group)
    except ValidationError as refusal:
        context = {"group": group, "refusal": refusal.messages[0]}
        return render(request, "community/request_join.html", context)
    # What an app above asks first (a course to complete): the page says it with links,
    # and a posted request is refused the same way, nothing written.
    unmet = gates_unmet(COMMUNITY_JOIN, request.user, group)
    if unmet:
        context = {"group": group, "unmet": unmet}
        status = 400 if request.method == "POST" else 200
        return render(request, "community/request_join.html", context, status=status)
    form = MembershipRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request_create(
                person=person,
                group=group,
                note=form.cleaned_data["note"],
                site_url=_site_url(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Your request to join %(group)s is sent. The group's coordinators or "
                    "the secretariat decide; you will be told by email and here."
                )
                % {"group": group.name},
            )
            return redirect(group)
    return render(request, "community/request_join.html", {"group": group, "form": form})


def _membership_request(request, pk: int) -> MembershipRequest:
    return get_object_or_404(MembershipRequest.objects.select_related("group", "person"), pk=pk)


@access_required("community.withdraw_membership_request", fn=_membership_request)
@require_POST
def request_withdraw(request, pk: int):
    try:
        withdrawn = services.membership_request_withdraw(membership_request_id=pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("You withdrew your request to join %(group)s.") % {"group": withdrawn.group.name},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = reverse("community:my_groups")
    return redirect(back)


@access_required("community.manage_memberships", fn=_group)
def request_queue(request, slug: str):
    group = _group(request, slug)
    return render(
        request,
        "community/request_queue.html",
        {
            "group": group,
            "pending": selectors.membership_requests_pending(group=group),
            "decided": selectors.membership_requests_decided(group=group),
        },
    )


@access_required("community.decide_membership_request", fn=_membership_request)
@require_http_methods(["GET", "POST"])
def request_approve(request, pk: int):
    return _request_decide(request, pk, approve=True)


@access_required("community.decide_membership_request", fn=_membership_request)
@require_http_methods(["GET", "POST"])
def request_decline(request, pk: int):
    return _request_decide(request, pk, approve=False)


def _request_decide(request, pk: int, *, approve: bool):
    """A confirmation page naming the effect (GET), and the decision itself (POST)."""
    membership_request = _membership_request(request, pk)
    queue = reverse("community:request_queue", kwargs={"slug": membership_request.group.slug})
    form = MembershipDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decided = services.membership_request_decide(
                membership_request_id=pk,
                approve=approve,
                decided_by=request.user.person,
                note=form.cleaned_data["note"],
                site_url=_site_url(request),
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(queue)
        names = {"person": decided.person.display_name, "group": decided.group.name}
        if approve:
            done = _("%(person)s is now a member of %(group)s; they are told by email.")
        else:
            done = _(
                "You declined the request of %(person)s to join %(group)s; they are told by email."
            )
        messages.success(request, done % names)
        return redirect(queue)
    return render(
        request,
        "community/request_decide.html",
        {
            "membership_request": membership_request,
            "approve": approve,
            "form": form,
            "queue": queue,
        },
    )
