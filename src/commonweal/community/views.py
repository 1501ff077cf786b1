from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from commonweal.community import selectors, services
from commonweal.community.forms import MembershipForm, RosterUploadForm
from commonweal.community.models import Person, StakeholderGroup
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
    return render(request, "community/groups.html", {"groups": selectors.group_list()})


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
