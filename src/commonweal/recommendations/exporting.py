"""The registry as CSV and JSON: every field a reader needs, derived durations included.

One place builds the records, so that the public downloads and
``commonweal recommendations export`` say the same thing. The CSV's columns
start with the ones the importer reads, so an exported file can be edited and
imported back (docs/formats.md, "Recommendations CSV and JSON").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from commonweal.recommendations.models import Recommendation
from commonweal.recommendations.selectors import days
from commonweal.spreadsheets import csv_text

# The columns the importer reads, in the order the export writes them.
IMPORT_COLUMNS = (
    "reference",
    "title",
    "text",
    "language",
    "source_kind",
    "source_body",
    "source_document",
    "source_url",
    "source_group",
    "objectives",
    "one_time_cost",
    "recurring_cost",
    "implementation_years",
    "depends_on",
    "owner",
    "received_at",
    "illustrative",
)
# Written by the platform; the importer accepts and ignores them.
EXPORT_ONLY_COLUMNS = (
    "status",
    "assessed_at",
    "prioritization_at",
    "decided_at",
    "implementation_at",
    "implemented_at",
    "days_to_decision",
    "days_to_implementation",
    "decision",
    "rationale",
    "serves",
    "consultation",
    "alternatives",
    "progress",
    "meeting",
    "turn_index",
    "speaker",
    "quote",
    "turn_url",
    "url",
)
STAMPS = ("received", "assessed", "prioritization", "decided", "implementation", "implemented")


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def export_queryset(recommendations) -> Iterable[Recommendation]:
    return recommendations.select_related("source", "source__group", "meeting").prefetch_related(
        "objectives", "translations", "dependencies", "milestones"
    )


def recommendation_record(recommendation: Recommendation, *, base_url: str = "") -> dict:
    """One recommendation as the JSON export writes it (see docs/formats.md)."""
    source = recommendation.source
    decided = bool(recommendation.decision)
    turn_url = recommendation.turn_url()
    return {
        "reference": recommendation.reference,
        "url": base_url + recommendation.get_absolute_url(),
        "title": recommendation.title,
        "text": recommendation.text,
        "language": recommendation.language,
        "translations": {
            translated.language: {"title": translated.title, "text": translated.text}
            for translated in recommendation.translations.all()
        },
        "illustrative": recommendation.illustrative,
        "status": recommendation.status,
        "source": {
            "kind": source.kind,
            "body": source.body,
            "document": source.document,
            "url": source.url,
            "group": source.group.slug if source.group else None,
        },
        "objectives": [objective.code for objective in recommendation.objectives.all()],
        "one_time_cost": _number(recommendation.one_time_cost),
        "recurring_cost": _number(recommendation.recurring_cost),
        "implementation_years": recommendation.implementation_years,
        "depends_on": sorted(
            dependency.reference for dependency in recommendation.dependencies.all()
        ),
        "owner": recommendation.owner,
        "timestamps": {
            stamp: _iso(getattr(recommendation, f"{stamp}_at")) or None for stamp in STAMPS
        },
        "days_to_decision": days(recommendation.time_to_decision),
        "days_to_implementation": days(recommendation.time_to_implementation),
        "decision": (
            {
                "decision": recommendation.decision,
                "rationale": recommendation.rationale,
                "public_interest": {
                    "serves": recommendation.serves,
                    "consultation": recommendation.consultation,
                    "alternatives": recommendation.alternatives,
                },
            }
            if decided
            else None
        ),
        "progress": recommendation.progress,
        "milestones": [
            {
                "title": milestone.title,
                "due_on": _iso(milestone.due_on) or None,
                "completed_at": _iso(milestone.completed_at) or None,
            }
            for milestone in recommendation.milestones.all()
        ],
        "meeting": (
            {
                "id": recommendation.meeting_id,
                "title": recommendation.meeting.title,
                "turn_index": recommendation.turn_index,
                "speaker": recommendation.speaker,
                "quote": recommendation.quote,
                "turn_url": base_url + turn_url if turn_url else None,
            }
            if recommendation.meeting_id
            else None
        ),
    }


def recommendations_json(recommendations, *, base_url: str = "") -> str:
    records = [
        recommendation_record(recommendation, base_url=base_url)
        for recommendation in export_queryset(recommendations)
    ]
    document = {
        "generated_at": timezone.now().isoformat(),
        "count": len(records),
        "recommendations": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def recommendations_csv(recommendations, *, base_url: str = "") -> str:
    """CSV with the importer's columns first, then the platform's, then translations."""
    shown = list(export_queryset(recommendations))
    languages = sorted(
        {translated.language for item in shown for translated in item.translations.all()}
    )
    header = [
        *IMPORT_COLUMNS,
        *EXPORT_ONLY_COLUMNS,
        *(f"{part}_{language}" for language in languages for part in ("title", "text")),
    ]
    rows = []
    for item in shown:
        record = recommendation_record(item, base_url=base_url)
        translations = record["translations"]
        decision = record["decision"] or {"public_interest": {}}
        meeting = record["meeting"] or {}
        rows.append(
            [
                item.reference,
                item.title,
                item.text,
                item.language,
                item.source.kind,
                item.source.body,
                item.source.document,
                item.source.url,
                record["source"]["group"] or "",
                ";".join(record["objectives"]),
                item.one_time_cost if item.one_time_cost is not None else "",
                item.recurring_cost if item.recurring_cost is not None else "",
                item.implementation_years,
                ";".join(record["depends_on"]),
                item.owner,
                _iso(item.received_at),
                "yes" if item.illustrative else "no",
                item.status,
                *(_iso(getattr(item, f"{stamp}_at")) for stamp in STAMPS[1:]),
                _blank_none(record["days_to_decision"]),
                _blank_none(record["days_to_implementation"]),
                item.decision,
                decision.get("rationale", ""),
                decision["public_interest"].get("serves", ""),
                decision["public_interest"].get("consultation", ""),
                decision["public_interest"].get("alternatives", ""),
                item.progress,
                meeting.get("title", ""),
                _blank_none(meeting.get("turn_index")),
                meeting.get("speaker", ""),
                meeting.get("quote", ""),
                meeting.get("turn_url") or "",
                record["url"],
                *(
                    translations.get(language, {}).get(part, "")
                    for language in languages
                    for part in ("title", "text")
                ),
            ]
        )
    return csv_text(header, rows)


def _blank_none(value):
    return "" if value is None else value
