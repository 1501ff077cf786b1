"""What the platform holds about a person, in one registry.

Every model that points at a Person or an account registers here how its rows
are exported and what erasure does to them. A test walks every model and fails
when a relation to a person is missing from this registry, so a new app cannot
forget either right.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from django.db import models

Subject = Literal["person", "account"]


@dataclass(frozen=True)
class Erasure:
    """What happens to a row that refers to an erased person.

    ``keep``: the row is a contribution (a turn spoken, a membership held); it
    stays and now points at a "former participant". ``delete``: the row exists
    only because of the person and goes. ``blank``: the named fields are emptied.
    ``replace``: the named fields take the given values (a name becomes
    "Former participant"). Rows matching ``unless_public`` (a filter) were never made
    public (a draft): they go first, whatever the action.
    """

    action: Literal["keep", "delete", "blank", "replace"]
    fields: tuple[str, ...] = ()
    values: tuple[tuple[str, object], ...] = ()
    unless_public: tuple[tuple[str, object], ...] = ()

    def apply(self, rows: models.QuerySet) -> None:
        if self.unless_public:
            rows.filter(**dict(self.unless_public)).delete()
        if self.action == "delete":
            rows.delete()
        elif self.action == "blank":
            rows.update(**{name: _blank_value(rows.model, name) for name in self.fields})
        elif self.action == "replace":
            rows.update(**dict(self.values))


KEEP = Erasure("keep")
DELETE = Erasure("delete")


def blank(*fields: str, drafts: dict[str, object] | None = None) -> Erasure:
    """Empty ``fields``; rows matching ``drafts`` (never made public) are deleted."""
    return Erasure("blank", tuple(fields), unless_public=tuple((drafts or {}).items()))


def replace(**values: object) -> Erasure:
    return Erasure("replace", tuple(values), tuple(values.items()))


def _blank_value(model: type[models.Model], name: str):
    field = model._meta.get_field(name)
    return None if field.null else ""


@dataclass(frozen=True)
class Handler:
    model: type[models.Model]
    field: str
    subject: Subject
    export_fields: tuple[str, ...]
    erasure: Erasure

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    def rows(self, owner: models.Model) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.field: owner}).order_by("pk")


_handlers: dict[str, Handler] = {}


def register(
    model: type[models.Model],
    *,
    field: str,
    subject: Subject,
    export_fields: Iterable[str],
    erasure: Erasure,
) -> None:
    handler = Handler(model, field, subject, tuple(export_fields), erasure)
    _handlers[handler.key] = handler


def handlers() -> list[Handler]:
    return sorted(_handlers.values(), key=lambda handler: handler.key)


def serialize(row: models.Model, fields: Iterable[str]) -> dict:
    data: dict = {"id": row.pk}
    for name in fields:
        value = getattr(row, name)
        if isinstance(value, models.Model):
            value = str(value)
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        data[name] = value
    return data


def rows_for(handler: Handler, owners: dict[Subject, models.Model | None]) -> list[dict]:
    owner = owners.get(handler.subject)
    if owner is None:
        return []
    return [serialize(row, handler.export_fields) for row in handler.rows(owner)]
