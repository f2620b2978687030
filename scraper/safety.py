"""Text from a page never makes a record unsafe.

Whatever a page holds (control characters, line separators, a newline inside a title,
an identifier that would climb out of the output folder), the record keeps only
printable text: control characters are removed everywhere, newlines survive only in
the prose fields whose structure needs them, and every single-line field is one line.
:func:`make_safe` is the last step of every scrape, text and HTML alike; each change
it makes is a warning naming the section concerned.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from functools import cache
from typing import Any

from vrpcmds_model.record import Record, Section
from vrpcmds_runtime.bounds import PROSE_CHARS, TEXT_LINE_CHARS

# C0 and C1 control characters (tab and newline handled apart), DEL, Unicode line separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Any run of blanks, line breaks included: one space in single-line text.
_BLANKS = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Anything single-line text must not hold (line breaks and tabs included).
_UNSAFE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200d\u2060\ufeff]")
_UNSAFE_PROSE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200d\u2060\ufeff]")
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")

# Longest text kept: a line (names, views, example lines...) and a prose field.
MAX_LINE_CHARS = TEXT_LINE_CHARS
MAX_PROSE_CHARS = PROSE_CHARS
# Fields whose text keeps its line structure (paragraphs, list items).
MULTILINE = frozenset({"function", "undo_function", "default", "text"})
_PARAMETER_MULTILINE = frozenset({"description"})
# The section of the page each top-level field comes from, for warnings.
_SECTIONS: dict[str, Section] = {
    "id": "Page",
    "name": "Title",
    "title": "Title",
    "function": "Function",
    "undo_function": "Function",
    "default": "Function",
    "syntax": "Format",
    "undo_syntax": "Format",
    "form_models": "Format",
    "parameters": "Parameters",
    "views": "Views",
    "level": "Default Level",
    "usage": "Usage Guidelines",
    "examples": "Example",
    "related": "Related Topics",
    "source": "Page",
}


def inline_text(text: str) -> str:
    """Text for one line: control and invisible characters removed, blanks collapsed."""
    text = _BLANKS.sub(" ", _INVISIBLE.sub("", text))
    return (_CONTROL.sub("", text) if _CONTROL.search(text) else text).strip()


def verbatim_line(text: str) -> str:
    """A line shown as written (example output): tabs expanded, controls removed, no newline."""
    text = _INVISIBLE.sub("", text.expandtabs(8)).replace("\u00a0", " ")
    return _CONTROL.sub("", text.replace("\n", " ")).rstrip()


def multiline_text(text: str) -> str:
    """Prose that keeps its line breaks: control and invisible characters removed, CRLF as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    return _CONTROL.sub("", text) if _CONTROL.search(text) else text


def is_safe_id(text: str) -> bool:
    """An id usable as a file name: letters, digits, ``_ . -``, not starting with a dot."""
    return bool(_SAFE_ID.fullmatch(text))


def make_safe(command: Record) -> Record:
    """Clean every string of the record in place; each field changed is a warning.

    Besides control characters, over-long text is cut (syntax lines are never cut: the
    scrapers refuse them before).
    """
    changed: dict[str, None] = {}
    cut: dict[str, None] = {}
    for name in _field_names(Record):
        if name != "warnings":
            value = _clean(getattr(command, name), name in MULTILINE, changed, name)
            setattr(command, name, _cap(value, name in MULTILINE, cut, name))
    for name in changed:
        command.warn(
            _SECTIONS.get(name, "Page"),
            "unsafe-text-cleaned",
            f"{name}: control characters or line breaks removed",
        )
    for name in cut:
        command.warn(_SECTIONS.get(name, "Page"), "text-truncated", f"{name}: over-long text cut")
    for warning in command.warnings:
        warning.message = inline_text(warning.message) or "(no message)"
    if not is_safe_id(command.id):
        command.warn("Page", "unsafe-id-replaced", f"the id {command.id!r} is not a safe file name; replaced")
        command.id = safe_id(command.id)
    return command


def safe_id(text: str) -> str:
    """``text`` made a safe id: other characters as one hyphen, no leading dot or hyphen."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).lstrip(".-_").rstrip(".-") or "page"


def _clean(value: Any, multiline: bool, changed: dict[str, None], top: str) -> Any:
    """The cleaned copy of one field value (strings, lists and dataclasses, recursively)."""
    if isinstance(value, str):
        if not (_UNSAFE_PROSE if multiline else _UNSAFE_LINE).search(value):
            return value
        cleaned = multiline_text(value) if multiline else _one_line(value)
        if cleaned != value:
            changed.setdefault(top, None)
        return cleaned
    if isinstance(value, list):
        return [_clean(item, multiline, changed, top) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            keep_lines = name in MULTILINE or (top == "parameters" and name in _PARAMETER_MULTILINE)
            setattr(value, name, _clean(getattr(value, name), keep_lines, changed, top))
        return value
    return value


def _cap(value: Any, multiline: bool, cut: dict[str, None], top: str) -> Any:
    """``value`` with every string longer than its limit cut (recursively)."""
    if isinstance(value, str):
        limit = MAX_PROSE_CHARS if multiline else MAX_LINE_CHARS
        if len(value) <= limit or top in ("syntax", "undo_syntax", "form_models"):
            return value
        cut.setdefault(top, None)
        return value[:limit].rstrip() + " [...]"
    if isinstance(value, list):
        return [_cap(item, multiline, cut, top) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        for name in _field_names(type(value)):
            keep_lines = name in MULTILINE or (top == "parameters" and name in _PARAMETER_MULTILINE)
            setattr(value, name, _cap(getattr(value, name), keep_lines, cut, top))
    return value


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _one_line(text: str) -> str:
    """Single-line text: no control character, no line break; inner spacing kept."""
    text = _INVISIBLE.sub("", text).replace("\t", " ").replace("\n", " ")
    return _CONTROL.sub("", text).strip()
