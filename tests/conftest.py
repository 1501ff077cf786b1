"""Fixtures shared by the whole suite: factories for people, groups and one account per role."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
KOBE = SHARED / "corpus" / "icann64-kobe"

_sequence = itertools.count(1)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need PostgreSQL: skip them on SQLite, unless the run
    demands PostgreSQL (scripts/test.sh), where running elsewhere is an error."""
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if on_postgres:
        return
    if os.environ.get("COMMONWEAL_REQUIRE_POSTGRES"):
        raise pytest.UsageError(
            "COMMONWEAL_REQUIRE_POSTGRES is set but DATABASE_URL is not PostgreSQL"
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL: scripts/test.sh starts a private server")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def shared_file(*parts: str) -> Path:
    """A file in ../shared, or a skip that says plainly why the test cannot run."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared corpus is not beside this checkout")
    return path


@pytest.fixture
def make_group(db):
    from commonweal.community.models import StakeholderGroup

    def make(
        slug: str | None = None, kind: str = StakeholderGroup.Kind.STAKEHOLDER_GROUP, **fields
    ):
        slug = slug or f"group-{next(_sequence)}"
        fields.setdefault("name", f"Group {slug}")
        return StakeholderGroup.objects.create(slug=slug, kind=kind, **fields)

    return make


@pytest.fixture
def make_person(db):
    from commonweal.community.services import person_create

    def make(name: str | None = None, **fields):
        return person_create(name=name or f"Person {next(_sequence)}", **fields)

    return make


@pytest.fixture
def make_user(db, make_person):
    from commonweal.accounts.models import User

    def make(
        email: str | None = None, *, password: str = "a long pass phrase 7", person=None, **fields
    ):
        email = email or f"user{next(_sequence)}@example.org"
        return User.objects.create_user(
            email=email, password=password, person=person or make_person(), **fields
        )

    return make


@pytest.fixture
def role_users(db, make_user, make_group, make_person):
    """One signed-in account per role, and the groups they belong to."""
    from django.contrib.auth.models import Group

    from commonweal.accounts.models import User
    from commonweal.community.models import Membership, StakeholderGroup
    from commonweal.core.roles import CUSTODIAN, OMBUDSMAN, SECRETARIAT

    # get_or_create: a test may have imported the Kobe roster, with the same groups, first.
    board, _ = StakeholderGroup.objects.get_or_create(
        slug="board", defaults={"kind": StakeholderGroup.Kind.BOARD, "name": "Board of Directors"}
    )
    ncsg, _ = StakeholderGroup.objects.get_or_create(
        slug="ncsg",
        defaults={"kind": StakeholderGroup.Kind.STAKEHOLDER_GROUP, "name": "NCSG"},
    )
    coordinator = make_user("coordinator@example.org")
    Membership.objects.create(person=coordinator.person, group=ncsg, role=Membership.Role.CHAIR)
    board_member = make_user("board@example.org")
    Membership.objects.create(person=board_member.person, group=board, role=Membership.Role.MEMBER)
    secretariat = make_user("secretariat@example.org")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT))
    ombudsman = make_user("ombudsman@example.org")
    ombudsman.groups.add(Group.objects.get(name=OMBUDSMAN))
    custodian = make_user("custodian@example.org")
    custodian.groups.add(Group.objects.get(name=CUSTODIAN))
    administrator = User.objects.create_superuser(
        email="admin@example.org", password="a long pass phrase 7", person=make_person("Admin")
    )
    return {
        "anonymous": None,
        "participant": make_user("participant@example.org"),
        "coordinator": coordinator,
        "secretariat": secretariat,
        "board": board_member,
        "ombudsman": ombudsman,
        "custodian": custodian,
        "administrator": administrator,
        "groups": {"board": board, "ncsg": ncsg},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing strength is Django's concern; tests need speed (the sign-in limit test
    # makes over a hundred attempts).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _each_test_starts_in_the_default_language():
    # A request activates the reader's language for the rest of the thread; without this a
    # test that reads a page in Spanish would leave the next test's messages in Spanish.
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def kobe_files():
    transcript = shared_file("corpus", "icann64-kobe", "board-ncsg.zh.txt")
    roster = shared_file("corpus", "icann64-kobe", "roster.yaml")
    return transcript, roster


@pytest.fixture
def kobe_meeting(db, kobe_files):
    from commonweal.community.services import roster_import
    from commonweal.meetings.services import meeting_ingest

    transcript, roster = kobe_files
    roster_import(data=roster.read_bytes(), source=str(roster))
    return meeting_ingest(
        data=transcript.read_bytes(),
        source_name=transcript.name,
        roster=roster.read_bytes(),
        roster_name=roster.name,
    ).meeting


@pytest.fixture
def make_recommendation(db):
    """A costed (assessed) recommendation, unless ``costed=False``."""
    from decimal import Decimal

    from commonweal.recommendations.models import Source
    from commonweal.recommendations.services import recommendation_assess, recommendation_create

    def make(
        reference: str | None = None,
        *,
        one_time: str | int = 100_000,
        recurring: str | int = 10_000,
        years: int = 1,
        costed: bool = True,
        **fields,
    ):
        source, _ = Source.objects.get_or_create(
            kind=Source.Kind.WORK_STREAM, body="Work Stream 2", document="Final report"
        )
        number = next(_sequence)
        recommendation = recommendation_create(
            reference=reference or f"R-{number}",
            source=fields.pop("source", source),
            title=fields.pop("title", f"Recommendation {number}"),
            text=fields.pop("text", f"The text of recommendation {number}."),
            **fields,
        )
        if costed:
            recommendation_assess(
                recommendation=recommendation,
                one_time_cost=Decimal(one_time),
                recurring_cost=Decimal(recurring),
                implementation_years=years,
            )
        return recommendation

    return make


@pytest.fixture
def make_round(db, make_group, make_recommendation):
    """A round open now (unless ``opens_at`` says otherwise) over fresh recommendations."""
    import datetime

    from django.utils import timezone

    from commonweal.rounds.services import round_create

    def make(*, recommendations=None, voter_groups=None, **fields):
        now = timezone.now()
        fields.setdefault("title", f"Round {next(_sequence)}")
        fields.setdefault("opens_at", now - datetime.timedelta(hours=1))
        fields.setdefault("closes_at", now + datetime.timedelta(days=7))
        fields.setdefault("first_year", 2027)
        fields.setdefault("years", 1)
        fields.setdefault("annual_cap", 1_000_000)
        if recommendations is None:
            recommendations = [make_recommendation() for _ in range(4)]
        if voter_groups is None:
            voter_groups = [make_group()]
        return round_create(recommendations=recommendations, voter_groups=voter_groups, **fields)

    return make
