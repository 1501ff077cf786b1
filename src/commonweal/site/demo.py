"""Demo data: the real Kobe roster when ../shared is beside the checkout, else a sample.

On top of the meeting, the demo loads an illustrative registry of recommendations
(every one flagged ``illustrative``), confirms the meeting's candidate
recommendations, and sets two prioritization rounds: one closed and counted, with
ballots from demo voters, and one open, in which the demo participant can vote.
Everything is written through the services, so lifecycles and ballots are as
real ones would be; running the demo again adds nothing.
"""

from __future__ import annotations

import datetime
import functools
import os
import random
from decimal import Decimal
from pathlib import Path

import yaml
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from commonweal.accounts.models import User
from commonweal.community.models import Membership, MembershipRequest, Person, StakeholderGroup
from commonweal.community.services import membership_add, person_create, roster_import
from commonweal.conduct.demo import conduct_keys_demo
from commonweal.consultations.demo import consultations_load_demo
from commonweal.core.roles import CUSTODIAN, OMBUDSMAN, SECRETARIAT
from commonweal.learning.demo import courses_load_demo
from commonweal.learning.glossary.files import glossary_load_demo
from commonweal.meetings.models import Candidate, Meeting
from commonweal.meetings.services import candidate_review, meeting_ingest
from commonweal.recommendations.models import Objective, Recommendation, Source
from commonweal.recommendations.services import (
    milestone_add,
    milestone_complete,
    recommendation_assess,
    recommendation_create,
    recommendation_decide,
    recommendation_move,
    recommendation_progress_set,
    translation_set,
)
from commonweal.rounds.models import Round
from commonweal.rounds.services import ballot_submit, round_close, round_create

SAMPLE_ROSTER = Path(__file__).parent / "fixtures" / "sample-roster.yaml"
SAMPLE_TRANSCRIPT = Path(__file__).parent / "fixtures" / "sample-transcript.txt"
ILLUSTRATIVE = Path(__file__).parent / "fixtures" / "illustrative-recommendations.yaml"
# An invented meeting in the six UN languages: the English record and its five editions.
EDITIONS = Path(__file__).parent / "fixtures" / "board-session"
EDITION_LANGUAGES = ("en", "ar", "zh", "fr", "ru", "es")
CLOSED_ROUND = "FY2027–FY2031 community priorities (illustrative)"
OPEN_ROUND = "FY2028 quick wins (illustrative)"
DEMO_VOTERS = 48
UTC = datetime.UTC
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
    """Load the demo roster, meeting, registry and rounds, and one account per role;
    returns (email, role) pairs."""
    roster, transcript = demo_files()
    roster_import(data=roster.read_bytes(), source=str(roster))
    meeting = meeting_ingest(
        data=transcript.read_bytes(),
        source_name=transcript.name,
        roster=roster.read_bytes(),
        roster_name=roster.name,
    ).meeting
    board = Membership.objects.filter(group__kind=StakeholderGroup.Kind.BOARD).select_related(
        "person"
    )
    coordinator = Membership.objects.filter(role__in=Membership.COORDINATING_ROLES).exclude(
        group__kind=StakeholderGroup.Kind.BOARD
    )
    secretariat = _account("secretariat@example.org", role=SECRETARIAT)
    participant = _account("participant@example.org")
    accounts = [
        (_account("admin@example.org", superuser=True), "administrator"),
        (secretariat, "secretariat staff"),
        (_account("ombudsman@example.org", role=OMBUDSMAN), "ombudsman"),
        (_account("custodian@example.org", role=CUSTODIAN), "custodian"),
        (participant, "participant"),
    ]
    first_board = board.first()
    if first_board:
        accounts.append((_account("board@example.org", person=first_board.person), "board member"))
    first_coordinator = coordinator.select_related("person", "group").first()
    if first_coordinator:
        accounts.append(
            (
                _account("coordinator@example.org", person=first_coordinator.person),
                "group coordinator",
            )
        )
        accounts.append((_newcomer_asks(first_coordinator.group), "newcomer, asking to join"))
    data = yaml.safe_load(ILLUSTRATIVE.read_text(encoding="utf-8"))
    _candidates_review(meeting, data["kobe"], by=secretariat)
    _registry_load(data, by=secretariat)
    groups = _voting_groups()
    voters = _demo_voters(groups)
    _participant_eligible(participant, groups)
    _closed_round_load(data, groups, voters, by=secretariat)
    _open_round_load(data, groups, voters, by=secretariat)
    _new_apps_load(accounts)
    return [(user.email, role) for user, role in accounts]


def _new_apps_load(accounts: list[tuple[User, str]]) -> None:
    """The six-language meeting, the glossary and courses, the conduct keys of the demo's
    key holders, and the comment proceedings."""
    _editions_load()
    glossary_load_demo()
    courses_load_demo()
    roles = {
        "secretariat staff": "secretariat",
        "participant": "participant",
        "board member": "board",
        "group coordinator": "coordinator",
    }
    conduct_keys_demo()
    consultations_load_demo(
        accounts={roles[role]: user for user, role in accounts if role in roles}
    )


def _editions_load() -> Meeting:
    """The sample meeting in six languages: English first, as the original the others are
    attached to as its language editions, so a reader in any language finds it in theirs."""
    roster = EDITIONS / "board-session.roster.yaml"
    roster_import(data=roster.read_bytes(), source=str(roster))
    for language in EDITION_LANGUAGES:
        transcript = EDITIONS / f"board-session.{language}.txt"
        result = meeting_ingest(
            data=transcript.read_bytes(),
            source_name=transcript.name,
            roster=roster.read_bytes(),
            roster_name=roster.name,
        )
    return result.meeting


def _newcomer_asks(group: StakeholderGroup) -> User:
    """A newcomer whose request to join the coordinator's group waits for a decision, so
    the coordinator's queue is not empty (made directly: the demo sends no email)."""
    newcomer = _account("newcomer@example.org")
    if newcomer.person_id is None:
        newcomer.person = person_create(name="Demo newcomer")
        newcomer.save(update_fields=["person"])
    MembershipRequest.objects.get_or_create(
        person=newcomer.person,
        group=group,
        status=MembershipRequest.Status.PENDING,
        defaults={"note": "I work on privacy policy at a university and would like to take part."},
    )
    return newcomer


@functools.cache
def _demo_password_hash() -> str:
    return make_password(DEMO_PASSWORD)


def _at(day: datetime.date | None) -> datetime.datetime | None:
    """A date from the data file as noon UTC that day."""
    if day is None:
        return None
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=UTC)


def _candidates_review(meeting: Meeting, kobe: dict, *, by) -> None:
    """Confirm the candidate recommendations the data file names, each with its English
    rendering, dismiss those it names as remarks about recommendations, and leave the rest
    for the secretariat to review in the demo."""
    english = {entry["fragment"]: entry["en"] for entry in kobe["confirm"]}
    proposed = meeting.candidates.filter(
        kind=Candidate.Kind.RECOMMENDATION, status=Candidate.Status.PROPOSED
    ).order_by("turn__index", "pk")
    for candidate in proposed:
        if any(fragment in candidate.sentence for fragment in kobe["dismiss"]):
            candidate_review(candidate=candidate, status=Candidate.Status.DISMISSED, by=by)
            continue
        named = [text for fragment, text in english.items() if fragment in candidate.sentence]
        if not named:
            continue
        candidate_review(candidate=candidate, status=Candidate.Status.CONFIRMED, by=by)
        if meeting.language != "en":
            translation_set(
                recommendation=candidate.recommendation,
                language="en",
                title=named[0],
                text=named[0],
            )


def _registry_load(data: dict, *, by) -> None:
    """The illustrative recommendations, each taken through its lifecycle as dated."""
    objectives = {objective.code: objective for objective in Objective.objects.all()}
    sources = _sources_load(data["sources"])
    created = []
    for row in data["recommendations"]:
        if Recommendation.objects.filter(reference=row["ref"]).exists():
            continue
        recommendation = _illustrative_create(row, sources=sources, objectives=objectives, by=by)
        created.append((recommendation, row))
        _lifecycle_replay(recommendation, row, decision_defaults=data["decision_defaults"], by=by)
    references = {r.reference: r for r in Recommendation.objects.filter(illustrative=True)}
    for recommendation, row in created:
        recommendation.dependencies.set(references[ref] for ref in row.get("depends", []))


def _sources_load(entries: dict) -> dict[str, Source]:
    """The registry's sources by the key the fixture gives them, created once."""
    sources = {}
    for key, entry in entries.items():
        group = StakeholderGroup.objects.filter(slug=entry.get("group") or "").first()
        sources[key], _created = Source.objects.get_or_create(
            kind=entry["kind"],
            body=entry["body"],
            document=entry["document"],
            defaults={"group": group},
        )
    return sources


# The fixture's keys for a title in another language, and the language each stands for.
TRANSLATED_TITLES = {"zh": "zh-hans", "ar": "ar", "fr": "fr", "ru": "ru", "es": "es"}
# The text of a translated illustrative recommendation: its title and what it is.
ILLUSTRATIVE_NOTE = {
    "zh-hans": "{title}。（示例：为 Commonweal 演示编写的转述；成本和日期均为虚构。）",
    "ar": "{title}. (للتوضيح: صياغة كُتبت لعرض Commonweal التجريبي؛ التكاليف والتواريخ متخيَّلة.)",
    "fr": "{title}. (Exemple : une paraphrase rédigée pour la démonstration de Commonweal ; "
    "les coûts et les dates sont fictifs.)",
    "ru": "{title}. (Пример: пересказ, написанный для демонстрации Commonweal; "
    "расходы и даты вымышлены.)",
    "es": "{title}. (Ilustrativo: una paráfrasis escrita para la demostración de Commonweal; "
    "los costos y las fechas son ficticios.)",
}


def _illustrative_create(row: dict, *, sources: dict, objectives: dict, by) -> Recommendation:
    """One illustrative recommendation as received, with its Chinese title if it has one."""
    text = row.get("text") or (
        f"{row['title']}. (Illustrative: a paraphrase written for the Commonweal demo; "
        "costs and dates are invented.)"
    )
    recommendation = recommendation_create(
        reference=row["ref"],
        source=sources[row["source"]],
        title=row["title"],
        text=text,
        objectives=[objectives[code] for code in row.get("objectives", []) if code in objectives],
        owner=row.get("owner", ""),
        illustrative=True,
        received_at=_at(row["received"]),
        by=by,
    )
    for key, language in TRANSLATED_TITLES.items():
        if row.get(key):
            translation_set(
                recommendation=recommendation,
                language=language,
                title=row[key],
                text=ILLUSTRATIVE_NOTE[language].format(title=row[key]),
            )
    return recommendation


def _lifecycle_replay(recommendation: Recommendation, row: dict, *, decision_defaults, by) -> None:
    """Take a recommendation through the stages its fixture row dates, in order."""
    if "assessed" in row:
        one_time, recurring, years = row["cost"]
        recommendation_assess(
            recommendation=recommendation,
            one_time_cost=Decimal(one_time),
            recurring_cost=Decimal(recurring),
            implementation_years=years,
            by=by,
            at=_at(row["assessed"]),
        )
    if "decided" in row:
        day, decision, rationale = row["decided"]
        statement = decision_defaults[decision]
        recommendation_decide(
            recommendation=recommendation,
            decision=decision,
            rationale=rationale,
            serves=statement["serves"],
            consultation=statement["consultation"],
            alternatives=statement["alternatives"],
            by=by,
            at=_at(day),
        )
    if "started" in row:
        _implementation_start(recommendation, row, by=by)
    if "implemented" in row:
        recommendation_move(
            recommendation=recommendation,
            to=Recommendation.Status.IMPLEMENTED,
            by=by,
            at=_at(row["implemented"]),
        )


def _implementation_start(recommendation: Recommendation, row: dict, *, by) -> None:
    """Implementation begins: milestones as dated, progress as reported."""
    recommendation_move(
        recommendation=recommendation,
        to=Recommendation.Status.IMPLEMENTATION,
        by=by,
        at=_at(row["started"]),
    )
    for title, due, done in row.get("milestones", []):
        milestone = milestone_add(recommendation=recommendation, title=title, due_on=due)
        if done:
            milestone_complete(milestone=milestone, at=_at(done))
    if "progress" in row:
        recommendation_progress_set(recommendation=recommendation, progress=row["progress"], by=by)


def _voting_groups() -> list[StakeholderGroup]:
    """The roster's groups that vote in the demo rounds: every one but the staff."""
    return list(
        StakeholderGroup.objects.exclude(kind=StakeholderGroup.Kind.STAFF)
        .filter(memberships__isnull=False)
        .distinct()
        .order_by("slug")
    )


def _demo_voters(groups: list[StakeholderGroup]) -> list[tuple[User, StakeholderGroup]]:
    """Illustrative voters (Demo voter 01 …), spread over the voting groups."""
    voters = []
    for number in range(1, DEMO_VOTERS + 1):
        group = groups[number % len(groups)]
        email = f"demo-voter-{number:02d}@example.org"
        user = User.objects.filter(email=email).select_related("person").first()
        if user is None:
            person = person_create(name=f"Demo voter {number:02d}")
            membership_add(
                group=group, person=person, role=Membership.Role.MEMBER, title="demo voter"
            )
            user = User.objects.create_user(email=email, password=None, person=person)
            # One hash for all of them: hashing 48 passwords would take seconds.
            user.password = _demo_password_hash()
            user.save(update_fields=["password"])
        membership = user.person.memberships.select_related("group").first()
        voters.append((user, membership.group))
    return voters


def _participant_eligible(participant: User, groups: list[StakeholderGroup]) -> None:
    """The demo participant is a member of a voting group, so can vote in the open round."""
    if participant.person_id is not None:
        return
    preferred = [g for g in groups if g.kind != StakeholderGroup.Kind.BOARD] or groups
    person = person_create(name="Demo participant")
    membership_add(
        group=preferred[0], person=person, role=Membership.Role.MEMBER, title="demo participant"
    )
    participant.person = person
    participant.save(update_fields=["person"])


def _on_round(data: dict, which: str) -> list[Recommendation]:
    references = [row["ref"] for row in data["recommendations"] if row.get("round") == which]
    return list(Recommendation.objects.filter(reference__in=references).order_by("reference"))


def _points_ballot(rng: random.Random, favourites: list[str], others: list[str], points: int):
    """A voter's share-out: three to five items, mostly their camp's favourites."""
    count = rng.randint(3, 5)
    chosen: list[str] = []
    while len(chosen) < count:
        pool = favourites if rng.random() < 0.7 else others
        pick = rng.choice(pool)
        if pick not in chosen:
            chosen.append(pick)
    weights = [rng.randint(1, 6) for _ in chosen]
    shares = [points * w // sum(weights) for w in weights]
    shares[0] += points - sum(shares)
    return list(zip(chosen, shares, strict=True))


def _closed_round_load(data, groups, voters, *, by) -> None:
    """A five-year round voted in September 2026 and counted on 1 October 2026."""
    if Round.objects.filter(title=CLOSED_ROUND).exists():
        return
    opens = datetime.datetime(2026, 9, 1, tzinfo=UTC)
    settings = data["closed_round"]
    voting_round = round_create(
        recommendations=_on_round(data, "closed"),
        voter_groups=groups,
        by=by,
        at=opens - datetime.timedelta(days=14),
        title=CLOSED_ROUND,
        description=(
            "An illustrative round: the recommendations, costs, voters and ballots are "
            "invented for the demo. Each voter shared out 100 points; each stakeholder group's "
            "ballots weigh the same in total."
        ),
        ballot_kind=Round.BallotKind.POINTS,
        points=100,
        opens_at=opens,
        closes_at=datetime.datetime(2026, 10, 1, tzinfo=UTC),
        rule=Round.Rule.MES,
        group_weighted=True,
        first_year=2027,
        years=5,
        annual_cap=Decimal(settings["annual_cap"]),
        annual_reserve=Decimal(settings["annual_reserve"]),
    )
    references = list(voting_round.items.values_list("recommendation__reference", flat=True))
    rng = random.Random(2027)  # noqa: S311  (a seeded, reproducible demo)
    popular = [r for r in settings["popular"] if r in references]
    others = [r for r in references if r not in popular]
    # Three camps of opinion, cutting across the groups, so that the ballots are the same
    # whichever roster the demo loaded.
    camps = [popular + rng.sample(others, 5 - len(popular)) for _camp in range(3)]
    for k, (user, group) in enumerate(voters):
        favourites = camps[k % len(camps)]
        others = [r for r in references if r not in favourites]
        ballot_submit(
            voting_round=voting_round,
            user=user,
            group=group,
            choices=_points_ballot(rng, favourites, others, 100),
            now=opens + datetime.timedelta(hours=6 + 11 * k),
        )
    round_close(voting_round=voting_round, by=by, now=datetime.datetime(2026, 10, 1, 9, tzinfo=UTC))


def _open_round_load(data, groups, voters, *, by) -> None:
    """An approval round open now (for two months), with some ballots already in."""
    if Round.objects.filter(title=OPEN_ROUND).exists():
        return
    now = timezone.now()
    voting_round = round_create(
        recommendations=_on_round(data, "open"),
        voter_groups=groups,
        by=by,
        at=now - datetime.timedelta(days=10),
        title=OPEN_ROUND,
        description=(
            "An illustrative round open for the demo: tick up to three recommendations you "
            "would fund in FY2028."
        ),
        ballot_kind=Round.BallotKind.APPROVAL,
        max_choices=3,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=60),
        rule=Round.Rule.MES,
        group_weighted=True,
        first_year=2028,
        years=1,
        annual_cap=Decimal("400000"),
        annual_reserve=Decimal("40000"),
    )
    references = list(voting_round.items.values_list("recommendation__reference", flat=True))
    rng = random.Random(2028)  # noqa: S311  (a seeded, reproducible demo)
    for user, group in voters[::3]:
        picks = rng.sample(references, rng.randint(1, 3))
        ballot_submit(
            voting_round=voting_round, user=user, group=group, choices=[(p, 1) for p in picks]
        )
