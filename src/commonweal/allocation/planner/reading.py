"""Reading a plan file (YAML or JSON) into a PlanProblem, with field-level errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commonweal.allocation.bounds import (
    PLAN_MAX_BYTES,
    PLAN_MAX_DURATION,
    PLAN_MAX_GROUPS,
    PLAN_MAX_ITEMS,
    PLAN_MAX_YEARS,
    check_magnitude,
    read_bounded,
    shown,
)
from commonweal.allocation.errors import InputError
from commonweal.allocation.planner.loading import decode_plan, load_plan_document
from commonweal.allocation.planner.model import OBJECTIVES, Item, PlanProblem, Year


def read_plan(path: str | Path) -> PlanProblem:
    """Read a plan file (YAML, or JSON when its name ends in ``.json``)."""
    data = read_bounded(path, PLAN_MAX_BYTES)
    return parse_plan(data, source=str(path), base=Path(path).parent)


def parse_plan(
    text: bytes | str, *, source: str = "<plan>", base: Path | None = None
) -> PlanProblem:
    """The plan in ``text`` (bytes are decoded as UTF-8); InputError names the line or field."""
    data = load_plan_document(decode_plan(text, source), source)
    if not isinstance(data, dict):
        raise InputError(source, "a plan is a mapping with 'years' and 'items'", line=1)
    return _Reader(source, base or Path(".")).problem(data)


class _Reader:
    def __init__(self, source: str, base: Path) -> None:
        self.source = source
        self.base = base

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.source, message, field=where)

    def number(self, value: Any, where: str, *, minimum: float = 0.0) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(where, f"must be a number, not {shown(repr(value))}")
        unkept = check_magnitude(value)
        if unkept is not None:
            raise self.fail(where, unkept)
        if value < minimum:
            raise self.fail(where, f"must be at least {minimum:g}, not {value!r}")
        return float(value)

    def problem(self, data: dict[str, Any]) -> PlanProblem:
        years = self.years(data)
        names = [y.name for y in years]
        objective = data.get("objective", "max-support")
        if objective not in OBJECTIVES:
            raise self.fail("objective", f"must be one of {', '.join(OBJECTIVES)}")
        raw_items = data.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise self.fail("items", "must be a non-empty list")
        self.at_most(raw_items, PLAN_MAX_ITEMS, "items")
        ballot_support = self.ballots(data)
        items = [self.item(raw, i, names, ballot_support) for i, raw in enumerate(raw_items)]
        ids = [item.id for item in items]
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                raise self.fail(f"items[{i}].id", f"{item_id!r} appears twice")
            seen.add(item_id)
        for i, item in enumerate(items):
            for key, others in (("requires", item.requires), ("excludes", item.excludes)):
                for other in others:
                    if other not in seen:
                        raise self.fail(f"items[{i}].{key}", f"unknown item {other!r}")
                    if other == item.id:
                        raise self.fail(f"items[{i}].{key}", "an item cannot name itself")
        self.check_acyclic(items)
        groups = data.get("groups", {})
        if isinstance(groups, list):
            groups = {g: 1 for g in groups}
        if not isinstance(groups, dict):
            raise self.fail("groups", "must be a list of names or a mapping name: weight")
        self.at_most(groups, PLAN_MAX_GROUPS, "groups")
        groups = {str(g): self.number(w, f"groups.{g}") for g, w in groups.items()}
        if objective == "fair-shares":
            if not groups:
                groups = {g: 1.0 for item in items for g in item.group_support}
            if not groups:
                raise self.fail("groups", "fair-shares needs stakeholder groups and their support")
        time_limit = self.number(data.get("time_limit", 8), "time_limit", minimum=0.01)
        relative_gap = self.number(data.get("gap", 1e-3), "gap")
        return PlanProblem(
            years=years,
            items=items,
            objective=objective,
            groups=groups,
            time_limit=time_limit,
            relative_gap=relative_gap,
            title=str(data.get("title", "")),
            illustrative=bool(data.get("illustrative", False)),
            source=self.source,
        )

    def years(self, data: dict[str, Any]) -> list[Year]:
        raw = data.get("years")
        if not isinstance(raw, list) or not raw:
            raise self.fail("years", "must be a non-empty list of fiscal years")
        self.at_most(raw, PLAN_MAX_YEARS, "years")
        default_cap = data.get("cap")
        default_reserve = data.get("reserve", 0)
        years = []
        for i, entry in enumerate(raw):
            if isinstance(entry, str | int):
                entry = {"name": str(entry)}
            if not isinstance(entry, dict) or "name" not in entry:
                raise self.fail(f"years[{i}]", "needs a name (and a cap, unless 'cap' is set)")
            cap = entry.get("cap", default_cap)
            if cap is None:
                raise self.fail(f"years[{i}].cap", "missing, and no plan-wide 'cap'")
            cap = self.number(cap, f"years[{i}].cap")
            reserve = self.number(entry.get("reserve", default_reserve), f"years[{i}].reserve")
            if reserve > cap:
                raise self.fail(f"years[{i}].reserve", "is larger than the cap")
            years.append(Year(str(entry["name"]), cap, reserve))
        if len({y.name for y in years}) != len(years):
            raise self.fail("years", "a fiscal year appears twice")
        return years

    def ballots(self, data: dict[str, Any]) -> dict[str, dict[str, float]]:
        """Support per item (and per group) counted from a Pabulib ballot file."""
        name = data.get("ballots")
        if name is None:
            return {}
        from commonweal.allocation.election import vote_matrix
        from commonweal.allocation.pabulib import read_pabulib

        path = self.base / str(name)
        if path.exists() and not path.is_file():
            raise self.fail("ballots", f"{shown(str(path))} is not a file")
        election = read_pabulib(path)
        groups = election.voter_extra.get("group")
        counts: dict[str, dict[str, float]] = {p.id: {} for p in election.projects}
        matrix = vote_matrix(election)
        totals = matrix.point_totals()
        for p, project in enumerate(election.projects):
            counts[project.id][""] = float(totals[p])
        if groups is not None:
            for voter, vote in enumerate(election.votes):
                weight = float(election.weight_of(voter))
                for k, p in enumerate(vote):
                    points = election.points[voter][k] if election.points else 1
                    bucket = counts[election.projects[p].id]
                    bucket[groups[voter]] = bucket.get(groups[voter], 0.0) + weight * float(points)
        return counts

    def item(
        self, raw: Any, i: int, years: list[str], ballots: dict[str, dict[str, float]]
    ) -> Item:
        where = f"items[{i}]"
        if not isinstance(raw, dict) or "id" not in raw:
            raise self.fail(where, "each item is a mapping with an 'id'")
        item_id = str(raw["id"])
        duration = raw.get("duration", 1)
        if isinstance(duration, bool) or not isinstance(duration, int) or duration < 1:
            raise self.fail(f"{where}.duration", "must be a whole number of years, at least 1")
        if duration > PLAN_MAX_DURATION:
            raise self.fail(f"{where}.duration", f"must be at most {PLAN_MAX_DURATION:,} years")
        earliest = raw.get("earliest", years[0])
        if str(earliest) not in years:
            raise self.fail(f"{where}.earliest", f"{earliest!r} is not one of the plan's years")
        group_support: dict[str, float] = {}
        if "supporters" in raw:
            if not isinstance(raw["supporters"], dict):
                raise self.fail(f"{where}.supporters", "must map group names to support")
            self.at_most(raw["supporters"], PLAN_MAX_GROUPS, f"{where}.supporters")
            group_support = {
                str(g): self.number(v, f"{where}.supporters.{g}")
                for g, v in raw["supporters"].items()
            }
        if "support" in raw:
            support = self.number(raw["support"], f"{where}.support")
        elif group_support:
            support = sum(group_support.values())
        elif item_id in ballots:
            support = ballots[item_id][""]
            group_support = {g: v for g, v in ballots[item_id].items() if g}
        else:
            raise self.fail(f"{where}.support", "missing: give a score, supporters or ballots")
        return Item(
            id=item_id,
            one_time=self.number(raw.get("one_time", 0), f"{where}.one_time"),
            duration=duration,
            recurring=self.number(raw.get("recurring", 0), f"{where}.recurring"),
            earliest=years.index(str(earliest)),
            requires=self.names(raw.get("requires", []), f"{where}.requires"),
            excludes=self.names(raw.get("excludes", []), f"{where}.excludes"),
            support=support,
            group_support=group_support,
            title=str(raw.get("title", "")),
            source=str(raw.get("source", "")),
        )

    def at_most(self, values: list | dict, limit: int, where: str) -> None:
        if len(values) > limit:
            raise self.fail(where, f"holds {len(values):,}, the most a plan holds is {limit:,}")

    def names(self, value: Any, where: str) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list):
            raise self.fail(where, "must be an item id or a list of item ids")
        return tuple(str(v) for v in value)

    def check_acyclic(self, items: list[Item]) -> None:
        """Refuse requirements that go round in a circle, naming the circle.

        Depth-first without recursion: a chain of two thousand requirements is
        a legal plan, and deeper than Python's call stack.
        """
        requires = {item.id: item.requires for item in items}
        state: dict[str, int] = {}  # 1 while on the path, 2 once finished
        for item in items:
            if item.id in state:
                continue
            state[item.id] = 1
            path = [item.id]
            pending = [iter(requires[item.id])]
            while pending:
                other = next(pending[-1], None)
                if other is None:
                    state[path.pop()] = 2
                    pending.pop()
                elif state.get(other) == 1:
                    cycle = " -> ".join([*path[path.index(other) :], other])
                    raise InputError(
                        self.source, f"dependencies form a cycle: {cycle}", field="requires"
                    )
                elif other not in state:
                    state[other] = 1
                    path.append(other)
                    pending.append(iter(requires[other]))
