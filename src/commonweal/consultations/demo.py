"""The demo's comment proceedings: illustrative, written by the Commonweal team.

Eight proceedings spread over the months around today, so the calendar shows a load:
two reported with the staff's answers, one closed awaiting its report, four open (one
extended, with its reason) and one upcoming. The demo's participant and coordinator
submit comments, the board member flags one proceeding to the groups, and the
participant follows a meeting series. Running it twice adds nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from commonweal.accounts.models import User
from commonweal.community.models import Membership, StakeholderGroup
from commonweal.consultations.models import Event, Follow, Proceeding
from commonweal.consultations.services import proceedings as services
from commonweal.consultations.services.events import event_record
from commonweal.core import follows
from commonweal.core.links import absolute

# (title, what is asked, opens: days from today, closes: days from today, groups taken
# from the voting groups by position)
DEMO_PROCEEDINGS = [
    (
        "Draft operating plan and budget for the next two fiscal years",
        "Comments on the priorities, the staffing plan and the reserve fund.",
        -120,
        -75,
        (0, 1, 2),
    ),
    (
        "Proposed changes to the travel support guidelines",
        "Who is funded to attend public meetings, and how the choice is explained.",
        -90,
        -50,
        (1, 3),
    ),
    (
        "Initial report on the review of the nominating committee",
        "Sixteen recommendations on how the committee is composed and works.",
        -45,
        -5,
        (0, 2),
    ),
    (
        "Registration data policy: draft implementation",
        "The draft text that puts the registration data recommendations into effect.",
        -20,
        10,
        (1,),
    ),
    (
        "Pilot of a community-wide priority-setting round",
        "How a yearly round should choose among the community's recommendations.",
        -14,
        12,
        (0, 1),
    ),
    (
        "Language services policy update",
        "Which meetings are interpreted into the six UN languages, and how requests are met.",
        -7,
        18,
        (0, 2, 3, 4),
    ),
    (
        "Draft framework for newcomer mentoring",
        "A programme pairing newcomers with experienced members for their first year.",
        -3,
        25,
        (1,),
    ),
    (
        "Review of the public comment process itself",
        "How long periods should last and how many may run at once.",
        9,
        50,
        (0, 1, 2, 3, 4),
    ),
]

EXTENSION_REASON = (
    "Several groups asked for two more weeks, as three other periods close the same week."
)


def _groups(coordinator) -> list[StakeholderGroup]:
    """The groups proceedings concern: the demo coordinator's first, then the others
    with members, the largest first (the staff ask; they are not asked)."""
    groups = list(
        StakeholderGroup.objects.exclude(kind=StakeholderGroup.Kind.STAFF)
        .annotate(members=Count("memberships"))
        .filter(members__gt=0)
        .order_by("-members", "slug")
    )
    mine = [g for g in groups if coordinator is not None and _member_of(coordinator, g)]
    return mine + [g for g in groups if g not in mine]


def _member_of(user, group: StakeholderGroup) -> bool:
    return Membership.objects.current().filter(person_id=user.person_id, group=group).exists()


def _proceeding(row, groups, *, by) -> Proceeding:
    title, summary, opens, closes, which = row
    today = timezone.now().date()
    concerned = sorted({groups[i % len(groups)] for i in which}, key=lambda g: g.pk)
    proceeding = services.proceeding_create(
        title=title,
        summary=summary,
        language="en",
        # A past period opens today, to take the demo's comments; _close dates it back.
        opens_on=today + datetime.timedelta(days=opens if closes > 0 else -1),
        closes_on=today + datetime.timedelta(days=max(closes, 1)),
        groups=concerned,
        by=by,
    )
    services.document_add(
        proceeding=proceeding,
        title=f"{title} (PDF)",
        url=f"https://example.org/public-comment/{proceeding.pk}.pdf",
    )
    return services.proceeding_publish(proceeding=proceeding)


def _comments(proceeding: Proceeding, accounts: dict, groups) -> None:
    """The participant comments; the coordinator comments for their group, endorsed."""
    participant, coordinator = accounts.get("participant"), accounts.get("coordinator")
    if participant is not None:
        draft = services.submission_create(
            proceeding=proceeding,
            author=participant,
            text="The proposal is clear; please publish a summary in all six languages.",
        )
        services.submission_submit(submission=draft, by=participant)
    if coordinator is not None:
        group = next((g for g in proceeding.groups.all() if _member_of(coordinator, g)), None)
        member = _another_member(group, coordinator) if group is not None else None
        if member is not None:
            draft = services.submission_create(
                proceeding=proceeding,
                author=member,
                on_behalf_of=group,
                text="Our group supports the aims and asks for a longer period next time.",
            )
            services.submission_submit(submission=draft, by=member)
            services.submission_endorse(submission=draft, by=coordinator)


def _another_member(group: StakeholderGroup, coordinator):
    """A member of ``group`` with an account, other than its coordinator."""
    return (
        User.objects.filter(
            person__memberships__in=Membership.objects.current().filter(group=group)
        )
        .exclude(pk=coordinator.pk)
        .order_by("pk")
        .first()
    )


def _close(proceeding: Proceeding, row) -> None:
    """Move a past proceeding back to when it really ran: its dates, its comments' times
    and the deadline its opening news gave (demo history only)."""
    today = timezone.now().date()
    closes_on = today + datetime.timedelta(days=row[3])
    Proceeding.objects.filter(pk=proceeding.pk).update(
        opens_on=today + datetime.timedelta(days=row[2]),
        closes_on=closes_on,
        first_closes_on=closes_on,
    )
    proceeding.refresh_from_db()
    commented = proceeding.closes_at - datetime.timedelta(days=5)
    proceeding.submissions.update(
        created_at=commented, submitted_at=commented, published_at=commented
    )
    proceeding.submissions.exclude(endorsed_at=None).update(endorsed_at=commented)
    Event.objects.filter(key=f"proceeding:{proceeding.pk}:opened").update(
        deadline=proceeding.closes_at
    )


def _report(proceeding: Proceeding) -> None:
    responses = {
        submission.pk: "Taken into account: the final text now says so in its second section."
        for submission in proceeding.submissions.filter(state="published")
    }
    services.report_publish(
        proceeding=proceeding,
        text="The staff thank every contributor. Each comment is answered below.",
        responses=responses,
    )
    # Published three weeks after the close, as it was (demo history only).
    Proceeding.objects.filter(pk=proceeding.pk).update(
        report_published_at=proceeding.closes_at + datetime.timedelta(days=21)
    )


@transaction.atomic
def consultations_load_demo(*, accounts: dict) -> int:
    """Load the demo proceedings, once; ``accounts`` maps a role to its account
    ("secretariat", "participant", "coordinator", "board"). The number loaded."""
    if Proceeding.objects.exists():
        return 0
    groups = _groups(accounts.get("coordinator"))
    secretariat = accounts.get("secretariat")
    loaded = []
    for row in DEMO_PROCEEDINGS:
        proceeding = _proceeding(row, groups, by=secretariat)
        if row[2] < 0:
            _comments(proceeding, accounts, groups)
        if row[3] < 0:
            _close(proceeding, row)
        loaded.append((row, proceeding))
    for _row, proceeding in loaded[:2]:
        _report(proceeding)
    extended = loaded[3][1]
    services.proceeding_extend(
        proceeding=extended,
        closes_on=extended.closes_on + datetime.timedelta(days=14),
        reason=EXTENSION_REASON,
        by=secretariat,
    )
    _alert(loaded[4][1], accounts.get("board"), groups)
    participant = accounts.get("participant")
    if participant is not None:
        Follow.objects.get_or_create(
            user=participant, kind=follows.SERIES, subject="ICANN64", defaults={"level": "all"}
        )
    return len(loaded)


def _alert(proceeding: Proceeding, sender, groups) -> None:
    if sender is None or not groups:
        return
    event_record(
        news=follows.News(
            key=f"alert:demo:{proceeding.pk}",
            kind=follows.PROCEEDING,
            subject=str(proceeding.pk),
            event="alert",
            category=follows.IMPORTANT,
            title=proceeding.title,
            url=absolute(proceeding.get_absolute_url()),
            deadline=proceeding.closes_at,
        ),
        sender=sender,
        reason=(
            "This pilot decides how our recommendations will be chosen: please read it and comment."
        ),
        groups=groups,
    )
