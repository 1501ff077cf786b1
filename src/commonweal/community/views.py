from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.community import selectors, services
from commonweal.community.forms import MembershipForm, RosterUploadForm
from commonweal.community.models import Person, StakeholderGroup
from commonweal.core.permissions import access_required
from commonweal.meetings.selectors import person_participations
from commonweal.rosters import MAX_ROSTER_BYTES, RosterError


def people(request):
    query = request.GET.get("q", "").strip()[:200]
    return render(
        request,
        "community/people.html",
        {"people": selectors.person_list(query=query)[:500], "query": query},
    )


def person(request, pk: int):
    shown = get_object_or_404(Person, pk=pk, is_erased=False)
    return render(
        request,
        "community/person.html",
        {
            "shown": shown,
            "names": shown.names.all(),
            "memberships": shown.memberships.select_related("group"),
            # Where this person spoke: the meetings app's record, read through its selector.
            "participations": person_participations(shown),
        },
    )


def groups(request):
    return render(request, "community/groups.html", {"groups": selectors.group_list()})


def _group(request, slug: str) -> StakeholderGroup:
    return get_object_or_404(StakeholderGroup, slug=slug)


def group(request, slug: str):
    shown = _group(request, slug)
    return render(
        request,
        "community/group.html",
        {
            "group": shown,
            "members": selectors.group_members(group=shown),
            "children": shown.children.all(),
            "can_manage": request.user.has_perm("community.manage_memberships", shown),
        },
    )


@access_required("community.manage_memberships", fn=_group)
@require_http_methods(["GET", "POST"])
def membership_add(request, slug: str):
    shown = _group(request, slug)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership = services.membership_add(group=shown, **form.cleaned_data)
        messages.success(request, _("%(person)s added.") % {"person": membership.person})
        return redirect(shown)
    return render(request, "community/membership_form.html", {"group": shown, "form": form})


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
