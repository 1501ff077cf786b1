"""The glossary as TBX (ISO 30042:2019, TermBase eXchange), in the TBX-Basic dialect.

One ``conceptEntry`` per meaning (a concept is what a term means, so a term that changed
meaning is two concepts). In each language section: the written form (termType
``acronym``), the expansion (``fullForm``), the local forms (``variant``) and the
definition (``descrip type="definition"``). TBX-Basic has no validity dates, so they go
in two notes the reader here understands (``valid-from: 2019-01-01``); the owning group
is the ``customerSubset``, related terms are ``crossReference`` refs and links
``externalCrossReference`` xrefs.

Reading is defensive: no DTD, no entities resolved, no network, no huge tree, a bounded
file; every problem comes back as ``FILE:LINE: message`` with the element's line.
"""

from __future__ import annotations

from lxml import etree

from commonweal.learning.glossary.spec import (
    LANGUAGES,
    MAX_FILE_BYTES,
    GlossaryFileError,
    MeaningSpec,
    TermSpec,
    parse_date,
)

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VALID_FROM, VALID_TO = "valid-from: ", "valid-to: "


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _sub(parent, name: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, _q(name), {k: v for k, v in attributes.items() if v})
    if text is not None:
        element.text = text
    return element


def _lang_section(entry, code: str, term: TermSpec, meaning: MeaningSpec) -> None:
    section = _sub(entry, "langSec", **{XML_LANG: code})
    if meaning.definitions.get(code):
        _sub(section, "descrip", meaning.definitions[code], type="definition")
    forms = [(term.written, "acronym")]
    if meaning.expansions.get(code):
        forms.append((meaning.expansions[code], "fullForm"))
    forms += [(form, "variant") for form in term.local_forms.get(code, [])]
    for text, kind in forms:
        term_section = _sub(section, "termSec")
        _sub(term_section, "term", text)
        _sub(term_section, "termNote", kind, type="termType")


def glossary_write_tbx(terms: list[TermSpec]) -> bytes:
    """Each meaning a concept; a term's owner, related terms and links repeated on each of
    its concepts, as each concept stands alone in TBX."""
    attributes = {"type": "TBX-Basic", "style": "dca", XML_LANG: "en"}
    root = etree.Element(_q("tbx"), attributes, nsmap={None: NS})
    header = _sub(root, "tbxHeader")
    _sub(_sub(_sub(header, "fileDesc"), "sourceDesc"), "p", "Commonweal glossary")
    body = _sub(_sub(root, "text"), "body")
    first_entry = {}
    number = 0
    for term in terms:
        first_entry[term.written] = f"c{number + 1}"
        number += len(term.meanings)
    number = 0
    for term in terms:
        for meaning in term.meanings:
            number += 1
            entry = _sub(body, "conceptEntry", id=f"c{number}")
            if term.owner:
                _sub(entry, "admin", term.owner, type="customerSubset")
            if meaning.valid_from:
                _sub(entry, "note", VALID_FROM + meaning.valid_from.isoformat())
            if meaning.valid_to:
                _sub(entry, "note", VALID_TO + meaning.valid_to.isoformat())
            for other in term.related:
                _sub(entry, "ref", other, type="crossReference", target=first_entry.get(other))
            for link in term.links:
                _sub(
                    entry,
                    "xref",
                    link["title"] or None,
                    type="externalCrossReference",
                    target=link["url"],
                )
            for code in LANGUAGES:
                if code in meaning.expansions or code in meaning.definitions or code == "en":
                    _lang_section(entry, code, term, meaning)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _parse(data: bytes, source: str) -> etree._Element:
    if len(data) > MAX_FILE_BYTES:
        raise GlossaryFileError([f"{source}:0: the file is over {MAX_FILE_BYTES:,} bytes"])
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise GlossaryFileError([f"{source}:{error.lineno or 0}: {error.msg}"]) from None
    if root.getroottree().docinfo.doctype:
        raise GlossaryFileError([f"{source}:1: a TBX file here carries no DOCTYPE"])
    if root.tag != _q("tbx"):
        raise GlossaryFileError([f"{source}:{root.sourceline}: the root is not TBX's <tbx> ({NS})"])
    return root


def _text(element) -> str:
    return "".join(element.itertext()).strip()


def _read_section(section, written: list[str], meaning: MeaningSpec, forms: dict) -> None:
    code = section.get(XML_LANG, "")
    for descrip in section.iterfind(_q("descrip")):
        if descrip.get("type") == "definition":
            meaning.definitions[code] = _text(descrip)
    for term_section in section.iterfind(_q("termSec")):
        term = term_section.find(_q("term"))
        notes = term_section.iterfind(_q("termNote"))
        kind = next((_text(n) for n in notes if n.get("type") == "termType"), "")
        if term is None:
            continue
        if kind in {"acronym", "abbreviation", "shortForm"}:
            written.append(_text(term))
        elif kind == "variant":
            forms.setdefault(code, []).append(_text(term))
        else:
            meaning.expansions.setdefault(code, _text(term))


def _read_entry(entry, source: str, problems: list[str]) -> tuple[TermSpec, MeaningSpec] | None:
    meaning = MeaningSpec(expansions={}, line=entry.sourceline or 0)
    written: list[str] = []
    forms: dict[str, list[str]] = {}
    spec = TermSpec(written="", line=entry.sourceline or 0)
    for child in entry:
        if child.tag == _q("note"):
            note = _text(child)
            try:
                if note.startswith(VALID_FROM):
                    meaning.valid_from = parse_date(note.removeprefix(VALID_FROM))
                elif note.startswith(VALID_TO):
                    meaning.valid_to = parse_date(note.removeprefix(VALID_TO))
            except ValueError:
                problems.append(f"{source}:{child.sourceline}: a date must be written YYYY-MM-DD")
        elif child.tag == _q("admin") and child.get("type") == "customerSubset":
            spec.owner = _text(child)
        elif child.tag == _q("ref") and child.get("type") == "crossReference":
            spec.related.append(_text(child))
        elif child.tag == _q("xref"):
            spec.links.append({"url": child.get("target", ""), "title": _text(child)})
        elif child.tag == _q("langSec"):
            _read_section(child, written, meaning, forms)
    if not written:
        problems.append(f"{source}:{entry.sourceline}: a concept has no acronym or short form")
        return None
    spec.written, spec.local_forms = written[0], forms
    return spec, meaning


def glossary_read_tbx(data: bytes, source: str) -> list[TermSpec]:
    """The terms of a TBX file: concepts with the same written form become one term's meanings."""
    root = _parse(data, source)
    problems: list[str] = []
    terms: dict[str, TermSpec] = {}
    for entry in root.iterfind(f"{_q('text')}/{_q('body')}/{_q('conceptEntry')}"):
        read = _read_entry(entry, source, problems)
        if read is None:
            continue
        spec, meaning = read
        # A term's later concepts repeat its owner, links and related terms: the first counts.
        terms.setdefault(spec.written, spec).meanings.append(meaning)
    if problems:
        raise GlossaryFileError(problems)
    return list(terms.values())
