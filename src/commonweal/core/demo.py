"""Demo data: the real Kobe roster when ../shared is beside the checkout, else a sample."""

from __future__ import annotations

import os
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from commonweal.accounts.models import User
from commonweal.community.models import Membership, Person, StakeholderGroup
from commonweal.community.services import roster_import
from commonweal.core.roles import OMBUDSMAN, SECRETARIAT
from commonweal.meetings.services import meeting_ingest

SAMPLE_ROSTER = Path(__file__).parent / "fixtures" / "sample-roster.yaml"
SAMPLE_TRANSCRIPT = Path(__file__).parent / "fixtures" / "sample-transcript.txt"
DEMO_PASSWORD = "commonweal-demo"  # noqa: S105  (demo accounts only; the demo refuses production)


def shared_folder() -> Path | None:
    """The shared corpus: COMMONWEAL_SHARED when set, else the folder beside the checkout."""
    configured = os.environ.get("COMMONWEAL_SHARED")
    folder = (
        Path(configured) if configured else Path(__file__).resolve().parents[3].parent / "shared"
    )
    return folder if (folder / "corpus").is_dir() else None


def demo_files() -> tuple[Path, Path]:
    """The Kobe roster and transcript when ../shared has them, else the samples we ship."""
    shared = shared_folder()
    kobe = shared / "corpus" / "icann64-kobe" if shared else None
    if kobe and (kobe / "roster.yaml").exists() and (kobe / "board-ncsg.zh.txt").exists():
        return kobe / "roster.yaml", kobe / "board-ncsg.zh.txt"
    return SAMPLE_ROSTER, SAMPLE_TRANSCRIPT


def _account(
    email: str, *, person: Person | None = None, superuser: bool = False, role: str = ""
) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email=email, password=DEMO_PASSWORD, person=person)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@transaction.atomic
def demo_load() -> list[tuple[str, str]]:
    """Load the demo roster and one account per role; returns (email, role) pairs."""
    roster, transcript = demo_files()
    roster_import(data=roster.read_bytes(), source=str(roster))
    meeting_ingest(
        data=transcript.read_bytes(),
        source_name=transcript.name,
        roster=roster.read_bytes(),
        roster_name=roster.name,
    )
    board = Membership.objects.filter(group__kind=StakeholderGroup.Kind.BOARD).select_related(
        "person"
    )
    coordinator = Membership.objects.filter(role__in=Membership.COORDINATING_ROLES).exclude(
        group__kind=StakeholderGroup.Kind.BOARD
    )
    accounts = [
        (_account("admin@example.org", superuser=True), "administrator"),
        (_account("secretariat@example.org", role=SECRETARIAT), "secretariat staff"),
        (_account("ombudsman@example.org", role=OMBUDSMAN), "ombudsman"),
        (_account("participant@example.org"), "participant"),
    ]
    first_board = board.first()
    if first_board:
        accounts.append((_account("board@example.org", person=first_board.person), "board member"))
    first_coordinator = coordinator.select_related("person").first()
    if first_coordinator:
        accounts.append(
            (
                _account("coordinator@example.org", person=first_coordinator.person),
                "group coordinator",
            )
        )
    return [(user.email, role) for user, role in accounts]
