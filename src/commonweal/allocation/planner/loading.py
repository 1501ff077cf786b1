"""A plan file's text to plain data (YAML or JSON), bounded before anything is built.

A plan is small: a few hundred items, each a mapping of a dozen values. So the
loader refuses, with the line, whatever only a hostile file holds: YAML aliases
(``*name``: a chain of nine aliases to nine-item lists is a billion strings
once printed), nesting deeper than :data:`PLAN_MAX_DEPTH`, more than
:data:`PLAN_MAX_VALUES` values, numbers longer than 40 characters, NaN and
infinity in JSON. YAML is checked as a stream of events before the document is
built; JSON by one scan of the text outside its strings, because the standard
parser recurses once per bracket and would fail deep inside the interpreter.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from commonweal.allocation.bounds import (
    MAX_NUMBER_LENGTH,
    PLAN_MAX_BYTES,
    PLAN_MAX_DEPTH,
    PLAN_MAX_VALUES,
    shown,
    size_in_words,
)
from commonweal.allocation.errors import InputError

# libyaml when it is installed (ten times faster), the pure-Python parser otherwise.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_VALUES = (yaml.ScalarEvent, *_OPENING)
# A JSON string on one line; what is left once strings are blanked is brackets,
# numbers, literals and punctuation.
_JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_JSON_TOKEN = re.compile(
    r"(?P<open>[\[{])|(?P<close>[\]}])|(?P<constant>NaN|-?Infinity)"
    rf"|(?P<number>[-+0-9.eE]{{{MAX_NUMBER_LENGTH + 1},}})"
)


def decode_plan(data: bytes | str, source: str) -> str:
    """The text of a plan file: UTF-8 (a BOM allowed), at most :data:`PLAN_MAX_BYTES`."""
    if len(data) > PLAN_MAX_BYTES:
        raise InputError(
            source, f"the file is larger than {size_in_words(PLAN_MAX_BYTES)}, the most read"
        )
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate, from a caller's str
            line = data.count("\n", 0, error.start) + 1
            raise InputError(source, "not UTF-8 text", line=line) from None
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(source, "not UTF-8 text", line=line) from None


def load_plan_document(text: str, source: str) -> Any:
    """The plan's data: JSON when ``source`` ends in ``.json``, YAML otherwise."""
    if source.endswith(".json"):
        _check_json_text(text, source)
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(source, f"not valid JSON: {error.msg}", line=error.lineno) from None
    try:
        _check_yaml_events(text, source)
        loader = _PlanLoader(text)
        loader.source = source
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        raise _yaml_error(error, text, source) from None


def _yaml_error(error: yaml.YAMLError, text: str, source: str) -> InputError:
    """PyYAML's error as ours: its problem in words, on its line."""
    if isinstance(error, yaml.reader.ReaderError):
        # A character YAML does not allow (a control character): no mark, a position.
        line = text.count("\n", 0, error.position) + 1
        return InputError(source, f"not valid YAML: {error.reason}", line=line)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(error, "problem", None) or "not valid YAML"
    return InputError(source, f"not valid YAML: {problem}", line=line)


def _check_json_text(text: str, source: str) -> None:
    """Refuse deep nesting, NaN, infinity and overlong numbers before ``json.loads`` runs."""
    outside_strings = _JSON_STRING.sub('""', text)
    depth = 0
    for token in _JSON_TOKEN.finditer(outside_strings):
        kind = token.lastgroup
        if kind == "close":
            depth -= 1
            continue
        if kind == "open":
            depth += 1
            if depth <= PLAN_MAX_DEPTH:
                continue
            message = _too_deep()
        elif kind == "constant":
            message = f"{token.group()} is not a number a plan holds"
        else:
            message = _too_long(token.group())
        # Blanking strings keeps every newline outside them, so lines still count.
        line = outside_strings.count("\n", 0, token.start()) + 1
        raise InputError(source, message, line=line)


def _check_yaml_events(text: str, source: str) -> None:
    """Walk the YAML events once: no alias, no nesting past the depth, not too many values."""
    depth = values = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, yaml.AliasEvent):
            raise InputError(
                source,
                f"YAML alias *{shown(str(event.anchor))} is not allowed in a plan: "
                "write the value out",
                line=event.start_mark.line + 1,
            )
        if isinstance(event, _VALUES):
            values += 1
            if values > PLAN_MAX_VALUES:
                raise InputError(
                    source,
                    f"more than {PLAN_MAX_VALUES:,} values, the most a plan holds",
                    line=event.start_mark.line + 1,
                )
        if isinstance(event, _OPENING):
            depth += 1
            if depth > PLAN_MAX_DEPTH:
                raise InputError(source, _too_deep(), line=event.start_mark.line + 1)
        elif isinstance(event, _CLOSING):
            depth -= 1


class _PlanLoader(_BaseLoader):
    """The safe loader, with a line-naming error for a value YAML cannot build.

    ``2026-13-45`` matches YAML's date pattern and ``!!int x`` asks for an
    integer; the safe constructors raise ValueError for both. A number longer
    than 40 characters is refused before Python converts it.
    """

    source = "<plan>"

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except InputError:
            raise
        except (ValueError, TypeError, OverflowError) as error:
            message = shown(str(error).splitlines()[0] if str(error) else type(error).__name__, 80)
            raise InputError(
                self.source, f"not valid YAML: {message}", line=node.start_mark.line + 1
            ) from None

    def construct_bounded_number(self, node: yaml.ScalarNode) -> Any:
        if len(node.value) > MAX_NUMBER_LENGTH:
            raise InputError(self.source, _too_long(node.value), line=node.start_mark.line + 1)
        if node.tag.endswith(":int"):
            return self.construct_yaml_int(node)
        return self.construct_yaml_float(node)


_PlanLoader.add_constructor("tag:yaml.org,2002:int", _PlanLoader.construct_bounded_number)
_PlanLoader.add_constructor("tag:yaml.org,2002:float", _PlanLoader.construct_bounded_number)


def _too_deep() -> str:
    return f"lists and mappings nested more than {PLAN_MAX_DEPTH} deep"


def _too_long(number: str) -> str:
    return f"number {shown(number)!r} is longer than {MAX_NUMBER_LENGTH} characters"
