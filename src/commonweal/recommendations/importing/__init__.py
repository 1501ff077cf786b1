"""Importing recommendations from a spreadsheet saved as CSV.

The whole file is checked before anything is written, and every problem is
reported as ``FILE: row N: field: message``, where N is the row number the
spreadsheet shows (the header is row 1). A file with any problem writes nothing
(docs/formats.md, "Recommendations CSV and JSON", says which columns are read
and what each accepts).

The steps, each in its module: ``reading`` turns bytes into a header and rows of
text; ``rows`` checks each row column by column against the models; ``registry``
checks the rows against what is stored; ``writing`` writes them in one transaction.
"""

from __future__ import annotations

from commonweal.recommendations.importing.problems import (
    RecommendationImportError,
    in_row_order,
)
from commonweal.recommendations.importing.reading import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    decode,
    read_records,
)
from commonweal.recommendations.importing.registry import check_dependencies, check_existing
from commonweal.recommendations.importing.rows import check_rows
from commonweal.recommendations.importing.writing import ImportResult, write

__all__ = [
    "MAX_IMPORT_BYTES",
    "MAX_IMPORT_ROWS",
    "ImportResult",
    "RecommendationImportError",
    "recommendations_import",
]


def recommendations_import(*, data: bytes, source_name: str, by=None) -> ImportResult:
    """Add or update the file's recommendations, all of them or none.

    A row whose reference exists updates that recommendation while it is still
    received or assessed; a later one must match the row exactly (then it counts
    as unchanged), or the row is an error. Empty optional cells leave what is
    stored. Rows with both costs are assessed through ``recommendation_assess``.
    """
    text = decode(data, source_name)
    header, records = read_records(text, source_name)
    problems: list[str] = []
    rows = check_rows(header, records, problems)
    check_existing(rows, problems)
    check_dependencies(rows, problems)
    if problems:
        raise RecommendationImportError(source_name, in_row_order(problems))
    return write(rows, source_name, by)
