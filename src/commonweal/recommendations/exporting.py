"""The registry as CSV and JSON: every field a reader needs, derived durations included.

One place builds the records, so that the public downloads and
``commonweal recommendations export`` say the same thing. The CSV's columns
start with the ones the importer reads, so an exported file can be edited and
imported back (docs/formats.md, "Recommendations CSV and JSON"). A page names the
CSV's columns in the reader's language; the command line, in English, writes the
codes the importer reads.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from commonweal.core.downloads import csv_header, csv_stream, json_stream
from commonweal.recommendations.models import (
    DECISION_FIELDS,
    STAGE_TIMESTAMPS,
    Milestone,
    Recommendation,
    RecommendationTranslation,
    Source,
)
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
# The time stamps of the stages a file cannot set (it gives only when one was received).
LATER_STAGE_TIMESTAMPS = tuple(
    stamp for stamp in STAGE_TIMESTAMPS.values() if stamp not in IMPORT_COLUMNS
)
# Written by the platform; the importer accepts and ignores them.
EXPORT_ONLY_COLUMNS = (
    "status",
    *LATER_STAGE_TIMESTAMPS,
    "days_to_decision",
    "days_to_implementation",
    *DECISION_FIELDS,
    "progress",
    "meeting",
    "turn_index",
    "speaker",
    "quote",
    "turn_url",
    "url",
)
TRANSLATED_PARTS = ("title", "text")
# Every column named in the reader's language (English: the code itself); a translation's
# columns are its part's name and the language code ("title_zh-hans").
HEADINGS = {
    # Translators: a column of a downloaded CSV file; the English is the column's code.
    "reference": pgettext_lazy("CSV column", "reference"),
    "title": pgettext_lazy("CSV column", "title"),
    "text": pgettext_lazy("CSV column", "text"),
    "language": pgettext_lazy("CSV column", "language"),
    "source_kind": pgettext_lazy("CSV column", "source_kind"),
    "source_body": pgettext_lazy("CSV column", "source_body"),
    "source_document": pgettext_lazy("CSV column", "source_document"),
    "source_url": pgettext_lazy("CSV column", "source_url"),
    "source_group": pgettext_lazy("CSV column", "source_group"),
    "objectives": pgettext_lazy("CSV column", "objectives"),
    "one_time_cost": pgettext_lazy("CSV column", "one_time_cost"),
    "recurring_cost": pgettext_lazy("CSV column", "recurring_cost"),
    "implementation_years": pgettext_lazy("CSV column", "implementation_years"),
    "depends_on": pgettext_lazy("CSV column", "depends_on"),
    "owner": pgettext_lazy("CSV column", "owner"),
    "received_at": pgettext_lazy("CSV column", "received_at"),
    "illustrative": pgettext_lazy("CSV column", "illustrative"),
    "status": pgettext_lazy("CSV column", "status"),
    "assessed_at": pgettext_lazy("CSV column", "assessed_at"),
    "prioritization_at": pgettext_lazy("CSV column", "prioritization_at"),
    "decided_at": pgettext_lazy("CSV column", "decided_at"),
    "implementation_at": pgettext_lazy("CSV column", "implementation_at"),
    "implemented_at": pgettext_lazy("CSV column", "implemented_at"),
    "days_to_decision": pgettext_lazy("CSV column", "days_to_decision"),
    "days_to_implementation": pgettext_lazy("CSV column", "days_to_implementation"),
    "decision": pgettext_lazy("CSV column", "decision"),
    "rationale": pgettext_lazy("CSV column", "rationale"),
    "serves": pgettext_lazy("CSV column", "serves"),
    "consultation": pgettext_lazy("CSV column", "consultation"),
    "alternatives": pgettext_lazy("CSV column", "alternatives"),
    "progress": pgettext_lazy("CSV column", "progress"),
    "meeting": pgettext_lazy("CSV column", "meeting"),
    "turn_index": pgettext_lazy("CSV column", "turn_index"),
    "speaker": pgettext_lazy("CSV column", "speaker"),
    "quote": pgettext_lazy("CSV column", "quote"),
    "turn_url": pgettext_lazy("CSV column", "turn_url"),
    "url": pgettext_lazy("CSV column", "url"),
}
# Recommendations read from the database at a time by the streamed downloads.
EXPORT_CHUNK = 500


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _blank_none(value):
    return "" if value is None else value


def export_queryset(recommendations) -> Iterable[Recommendation]:
    return recommendations.select_related("source", "source__group", "meeting").prefetch_related(
        "objectives", "translations", "dependencies", "milestones"
    )


def recommendation_record(recommendation: Recommendation, *, base_url: str = "") -> dict:
    """One recommendation as the JSON export writes it (see docs/formats.md)."""
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
        "source": _source_record(recommendation.source),
        "objectives": [objective.code for objective in recommendation.objectives.all()],
        "one_time_cost": _number(recommendation.one_time_cost),
        "recurring_cost": _number(recommendation.recurring_cost),
        "implementation_years": recommendation.implementation_years,
        "depends_on": sorted(
            dependency.reference for dependency in recommendation.dependencies.all()
        ),
        "owner": recommendation.owner,
        "timestamps": _timestamps(recommendation),
        "days_to_decision": days(recommendation.time_to_decision),
        "days_to_implementation": days(recommendation.time_to_implementation),
        "decision": _decision_record(recommendation),
        "progress": recommendation.progress,
        "milestones": [_milestone_record(item) for item in recommendation.milestones.all()],
        "meeting": _meeting_record(recommendation, base_url=base_url),
    }


def _source_record(source: Source) -> dict:
    return {
        "kind": source.kind,
        "body": source.body,
        "document": source.document,
        "url": source.url,
        "group": source.group.slug if source.group else None,
    }


def _timestamps(recommendation: Recommendation) -> dict[str, str | None]:
    """When each stage was reached, by status; None for a stage not reached."""
    return {
        str(status): _iso(getattr(recommendation, stamp)) or None
        for status, stamp in STAGE_TIMESTAMPS.items()
    }


def _decision_record(recommendation: Recommendation) -> dict | None:
    """The decision with its public-interest statement; None before one is recorded."""
    if not recommendation.decision:
        return None
    return {
        "decision": recommendation.decision,
        "rationale": recommendation.rationale,
        "public_interest": {
            "serves": recommendation.serves,
            "consultation": recommendation.consultation,
            "alternatives": recommendation.alternatives,
        },
    }


def _milestone_record(milestone: Milestone) -> dict:
    return {
        "title": milestone.title,
        "due_on": _iso(milestone.due_on) or None,
        "completed_at": _iso(milestone.completed_at) or None,
    }


def _meeting_record(recommendation: Recommendation, *, base_url: str) -> dict | None:
    """The meeting turn a recommendation was confirmed from; None for any other."""
    if not recommendation.meeting_id:
        return None
    turn_url = recommendation.turn_url()
    return {
        "id": recommendation.meeting_id,
        "title": recommendation.meeting.title,
        "turn_index": recommendation.turn_index,
        "speaker": recommendation.speaker,
        "quote": recommendation.quote,
        "turn_url": base_url + turn_url if turn_url else None,
    }


def recommendations_document(recommendations, *, base_url: str = "") -> dict:
    """The JSON export: when it was made, how many, and each recommendation's record."""
    records = [
        recommendation_record(recommendation, base_url=base_url)
        for recommendation in export_queryset(recommendations)
    ]
    return {
        "generated_at": timezone.now().isoformat(),
        "count": len(records),
        "recommendations": records,
    }


def recommendations_json_stream(recommendations, *, base_url: str = "") -> Iterator[str]:
    """``recommendations_document`` as JSON text, written a record at a time (the same
    text as ``recommendations_json``)."""
    records = (
        recommendation_record(recommendation, base_url=base_url)
        for recommendation in export_queryset(recommendations).iterator(chunk_size=EXPORT_CHUNK)
    )
    members = (
        ("generated_at", timezone.now().isoformat()),
        ("count", recommendations.count()),
        ("recommendations", records),
    )
    return json_stream(members, streamed=("recommendations",))


def recommendations_json(recommendations, *, base_url: str = "") -> str:
    document = recommendations_document(recommendations, base_url=base_url)
    return json.dumps(document, ensure_ascii=False, indent=1)


def recommendations_table(
    recommendations, *, base_url: str = ""
) -> tuple[list[str], list[list[object]]]:
    """The CSV's header and rows: the importer's columns, the platform's, then translations;
    the header named in the active language."""
    header = _table_header(recommendations)
    rows = list(_table_rows(recommendations, header, base_url=base_url))
    return _header_in_reader_language(header), rows


def recommendations_csv_stream(recommendations, *, base_url: str = "") -> Iterator[str]:
    """``recommendations_csv`` line by line, a chunk of recommendations read at a time; the
    header is named when this is called, in the language then active (the page's)."""
    header = _table_header(recommendations)
    return csv_stream(
        _header_in_reader_language(header),
        _table_rows(recommendations, header, base_url=base_url),
    )


def _header_in_reader_language(header: list[str]) -> list[str]:
    """The header row named in the active language; a translation's columns keep their
    language code after the part's name."""
    headings: dict[str, object] = dict(HEADINGS)
    for column in header:
        part, _, language = column.partition("_")
        if column not in headings and part in TRANSLATED_PARTS:
            headings[column] = f"{HEADINGS[part]}_{language}"
    return csv_header(header, headings)


def _table_header(recommendations) -> list[str]:
    languages = (
        RecommendationTranslation.objects.filter(recommendation__in=recommendations)
        .values_list("language", flat=True)
        .distinct()
    )
    return [
        *IMPORT_COLUMNS,
        *EXPORT_ONLY_COLUMNS,
        *(f"{part}_{language}" for language in sorted(languages) for part in TRANSLATED_PARTS),
    ]


def _table_rows(recommendations, header: list[str], *, base_url: str) -> Iterator[list[object]]:
    for recommendation in export_queryset(recommendations).iterator(chunk_size=EXPORT_CHUNK):
        record = recommendation_record(recommendation, base_url=base_url)
        cells = {
            **_import_cells(recommendation, record),
            **_platform_cells(recommendation, record),
            **_translation_cells(record),
        }
        yield [cells.get(column, "") for column in header]


def recommendations_csv(recommendations, *, base_url: str = "") -> str:
    return csv_text(*recommendations_table(recommendations, base_url=base_url))


def _import_cells(recommendation: Recommendation, record: dict) -> dict[str, object]:
    """The cells the importer reads back, written the way it reads them."""
    source = recommendation.source
    return {
        "reference": recommendation.reference,
        "title": recommendation.title,
        "text": recommendation.text,
        "language": recommendation.language,
        "source_kind": source.kind,
        "source_body": source.body,
        "source_document": source.document,
        "source_url": source.url,
        "source_group": record["source"]["group"] or "",
        "objectives": ";".join(record["objectives"]),
        "one_time_cost": _blank_none(recommendation.one_time_cost),
        "recurring_cost": _blank_none(recommendation.recurring_cost),
        "implementation_years": recommendation.implementation_years,
        "depends_on": ";".join(record["depends_on"]),
        "owner": recommendation.owner,
        "received_at": _iso(recommendation.received_at),
        "illustrative": "yes" if recommendation.illustrative else "no",
    }


def _platform_cells(recommendation: Recommendation, record: dict) -> dict[str, object]:
    """The cells only the platform writes: where the lifecycle stands, and the meeting."""
    decision = record["decision"] or {"public_interest": {}}
    meeting = record["meeting"] or {}
    return {
        "status": recommendation.status,
        **{stamp: _iso(getattr(recommendation, stamp)) for stamp in LATER_STAGE_TIMESTAMPS},
        "days_to_decision": _blank_none(record["days_to_decision"]),
        "days_to_implementation": _blank_none(record["days_to_implementation"]),
        "decision": recommendation.decision,
        "rationale": decision.get("rationale", ""),
        **{
            part: decision["public_interest"].get(part, "")
            for part in ("serves", "consultation", "alternatives")
        },
        "progress": recommendation.progress,
        "meeting": meeting.get("title", ""),
        "turn_index": _blank_none(meeting.get("turn_index")),
        "speaker": meeting.get("speaker", ""),
        "quote": meeting.get("quote", ""),
        "turn_url": meeting.get("turn_url") or "",
        "url": record["url"],
    }


def _translation_cells(record: dict) -> dict[str, str]:
    return {
        f"{part}_{language}": translated[part]
        for language, translated in record["translations"].items()
        for part in TRANSLATED_PARTS
    }
