"""A glossary file read or written by its kind: ``.tbx`` (or ``.xml``) is TBX, anything else
CSV; and the demo glossary the team writes, loaded by ``glossary_load_demo``."""

from __future__ import annotations

from pathlib import Path

from commonweal.learning.glossary import selectors
from commonweal.learning.glossary.csvfile import glossary_read_csv, glossary_write_csv
from commonweal.learning.glossary.services import glossary_import
from commonweal.learning.glossary.spec import MAX_FILE_BYTES, GlossaryFileError, TermSpec
from commonweal.learning.glossary.tbx import glossary_read_tbx, glossary_write_tbx

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "glossary.csv"
FORMATS = ("csv", "tbx")


def format_of(path: Path) -> str:
    return "tbx" if path.suffix.lower() in {".tbx", ".xml"} else "csv"


def glossary_read(path: Path) -> list[TermSpec]:
    """The terms of the file at ``path``, read no further than the size bound."""
    with path.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise GlossaryFileError([f"{path}:0: the file is over {MAX_FILE_BYTES:,} bytes"])
    reader = glossary_read_tbx if format_of(path) == "tbx" else glossary_read_csv
    return reader(data, str(path))


def glossary_file_import(path: Path) -> int:
    terms = glossary_read(path)
    return len(glossary_import(terms=terms, source=str(path)))


def glossary_file_export(path: Path, file_format: str) -> int:
    specs = selectors.glossary_specs()
    if file_format == "tbx":
        path.write_bytes(glossary_write_tbx(specs))
    else:
        path.write_text(glossary_write_csv(specs), encoding="utf-8", newline="")
    return len(specs)


def glossary_load_demo() -> int:
    """The community's terms (every acronym of the Kobe meeting at least), for the demo."""
    return glossary_file_import(DEMO)
