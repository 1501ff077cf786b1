"""Community services: every write to people, groups and memberships goes through here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commonweal.community import notices
from commonweal.community.models import (
    Membership,
    MembershipRequest,
    Person,
    PersonName,
    StakeholderGroup,
)
from commonweal.community.selectors import person_find
from commonweal.community.text import script_of
from commonweal.rosters import Roster, RosterError, name_key, roster_read


@dataclass
class RosterImportResult:
    people_created: int = 0
    groups_created: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    unchanged: int = 0
    people: list[Person] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(
            self.people_created
            or self.groups_created
            or self.memberships_created
            or self.memberships_updated
        )


def membership_role_from_title(title: str, group_kind: str) -> str:
    """Read the platform role out of a roster's free-text role.

    Only the part before any parenthesis counts: "director (session chair)" is a
    director who chaired one session, not the group's chair.
    """
    head = title.split("(")[0].casefold()
    if re.search(r"\bvice[- ]?chair", head):
        return Membership.Role.VICE_CHAIR
    if re.search(r"\bco-?chair\b|\bchair\b|\bchairman\b|\bchairwoman\b", head):
        return Membership.Role.CHAIR
    if "coordinator" in head:
        return Membership.Role.COORDINATOR
    if "liaison" in head:
        return Membership.Role.LIAISON
    if group_kind == StakeholderGroup.Kind.STAFF:
        return Membership.Role.STAFF
    return Membership.Role.MEMBER


@transaction.atomic
def person_create(*, name: str, language: str = "", aliases: tuple[str, ...] = ()) -> Person:
    person = Person.objects.create(display_name=name)
    PersonName.objects.create(
        person=person,
        name=name,
        kind=PersonName.Kind.PRIMARY,
        language=language,
        script=script_of(name),
    )
    for alias in aliases:
        person_alias_add(person=person, name=alias)
    return person


def person_alias_add(*, person: Person, name: str, language: str = "") -> PersonName:
    script = script_of(name)
    kind = PersonName.Kind.TRANSLITERATION if script != "Latn" else PersonName.Kind.ALIAS
    alias, _created = PersonName.objects.get_or_create(
        person=person,
        normalized=name_key(name),
        defaults={"name": name, "language": language, "script": script, "kind": kind},
    )
    return alias


def _groups_ensure(
    roster: Roster, result: RosterImportResult, source: str
) -> dict[str, StakeholderGroup]:
    groups: dict[str, StakeholderGroup] = {}
    for entry in roster.groups.values():
        group, created = StakeholderGroup.objects.get_or_create(
            slug=entry.slug,
            defaults={"name": entry.name, "kind": entry.kind, "acronym": entry.slug.upper()},
        )
        result.groups_created += created
        groups[entry.slug] = group
    for entry in roster.groups.values():
        if not entry.parent:
            continue
        parent = (
            groups.get(entry.parent) or StakeholderGroup.objects.filter(slug=entry.parent).first()
        )
        if parent is None:
            raise RosterError(
                source, [f"1: group {entry.slug}: parent {entry.parent!r} does not exist"]
            )
        group = groups[entry.slug]
        if group.parent_id != parent.pk:
            if group.pk in {ancestor.pk for ancestor in [parent, *parent.ancestors()]}:
                raise RosterError(
                    source, [f"1: group {entry.slug}: parent {entry.parent!r} makes a cycle"]
                )
            group.parent = parent
            group.save(update_fields=["parent"])
    return groups


@transaction.atomic
def membership_add(
    *,
    group: StakeholderGroup,
    person: Person,
    role: str,
    title: str = "",
    start_date=None,
    end_date=None,
) -> Membership:
    return Membership.objects.create(
        group=group,
        person=person,
        role=role,
        title=title,
        start_date=start_date,
        end_date=end_date,
    )


@transaction.atomic
def roster_import(*, data: bytes, source: str, kind: str | None = None) -> RosterImportResult:
    """Create the roster's groups, people and memberships; a second run changes nothing.

    People are matched by any of their names, regardless of case and accents, so
    a roster in capitals does not duplicate people. The whole file is checked
    before anything is written, and the transaction undoes everything on error.
    """
    roster = roster_read(data, source=source, kind=kind)
    result = RosterImportResult()
    groups = _groups_ensure(roster, result, source)
    for entry in roster.people:
        person = person_find(entry.name)
        if person is None:
            person = person_create(name=entry.name)
            result.people_created += 1
        for alias in entry.aliases:
            person_alias_add(person=person, name=alias)
        if person not in result.people:
            result.people.append(person)
        group = groups[entry.group]
        role = membership_role_from_title(entry.role, group.kind)
        membership = (
            Membership.objects.current().filter(person=person, group=group).order_by("pk").first()
        )
        if membership is None:
            Membership.objects.create(person=person, group=group, role=role, title=entry.role)
            result.memberships_created += 1
        elif (membership.role, membership.title) != (role, entry.role):
            membership.role, membership.title = role, entry.role
            membership.save(update_fields=["role", "title"])
            result.memberships_updated += 1
        else:
            result.unchanged += 1
    return result


def check_may_ask_to_join(*, person: Person | None, group: StakeholderGroup) -> None:
    """Raise ValidationError saying why ``person`` may not ask to join ``group`` now."""
    if person is None or person.is_erased:
        raise ValidationError(
            _(
                "Your account is not linked to a person in the community. "
                "Ask the secretariat to link it, then ask to join."
            )
        )
    if group.kind not in MembershipRequest.REQUESTABLE_KINDS:
        raise ValidationError(
            _(
                "Members of %(group)s are appointed; it does not take requests to join. "
                "The secretariat can tell you how members are chosen."
            )
            % {"group": group.name}
        )
    if Membership.objects.current().filter(person=person, group=group).exists():
        raise ValidationError(_("You are already a member of %(group)s.") % {"group": group.name})
    if MembershipRequest.objects.pending().filter(person=person, group=group).exists():
        raise ValidationError(
            _("You have already asked to join %(group)s; the request is waiting for a decision.")
            % {"group": group.name}
        )


def membership_request_create(
    *, person: Person | None, group: StakeholderGroup, note: str, site_url: str = ""
) -> MembershipRequest:
    """Ask to join; the group's coordinators are emailed once the request is saved."""
    try:
        with transaction.atomic():
            check_may_ask_to_join(person=person, group=group)
            membership_request = MembershipRequest.objects.create(
                person=person, group=group, note=note.strip()
            )
            transaction.on_commit(
                lambda: notices.request_arrived_email(
                    membership_request=membership_request, site_url=site_url
                ),
                robust=True,
            )
    except IntegrityError:
        # Two submissions at once: the other one is the pending request.
        raise ValidationError(
            _("You have already asked to join %(group)s; the request is waiting for a decision.")
            % {"group": group.name}
        ) from None
    return membership_request


def _pending_locked(membership_request_id: int) -> MembershipRequest:
    """The request, row-locked; call inside a transaction."""
    membership_request = (
        MembershipRequest.objects.select_for_update()
        .select_related("person", "group")
        .get(pk=membership_request_id)
    )
    if not membership_request.is_pending:
        raise ValidationError(
            _("This request is no longer pending: it was %(status)s.")
            % {"status": membership_request.get_status_display()}
        )
    return membership_request


@transaction.atomic
def membership_request_withdraw(*, membership_request_id: int) -> MembershipRequest:
    membership_request = _pending_locked(membership_request_id)
    membership_request.status = MembershipRequest.Status.WITHDRAWN
    membership_request.decided_at = timezone.now()
    membership_request.save(update_fields=["status", "decided_at"])
    return membership_request


@transaction.atomic
def membership_request_decide(
    *,
    membership_request_id: int,
    approve: bool,
    decided_by: Person | None,
    note: str = "",
    site_url: str = "",
) -> MembershipRequest:
    """Approve (and create the membership) or decline a pending request, then tell the person.

    Nobody decides their own request. Approving someone who became a member meanwhile
    (added by hand) records the approval without a second membership.
    """
    membership_request = _pending_locked(membership_request_id)
    if decided_by is not None and decided_by.pk == membership_request.person_id:
        raise ValidationError(_("You cannot decide your own request."))
    if approve:
        membership_request.status = MembershipRequest.Status.APPROVED
        already = Membership.objects.current().filter(
            person_id=membership_request.person_id, group_id=membership_request.group_id
        )
        if not already.exists():
            membership_request.membership = Membership.objects.create(
                person_id=membership_request.person_id,
                group_id=membership_request.group_id,
                role=Membership.Role.MEMBER,
                start_date=timezone.localdate(),
            )
    else:
        membership_request.status = MembershipRequest.Status.DECLINED
    membership_request.decided_by = decided_by
    membership_request.decided_at = timezone.now()
    membership_request.decision_note = note.strip()
    membership_request.save()
    transaction.on_commit(
        lambda: notices.decision_email(membership_request=membership_request, site_url=site_url),
        robust=True,
    )
    return membership_request
