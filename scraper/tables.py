"""Flattened Parameters tables of text dumps -> raw rows (PAGE-FORMATS.md, section 2).

Styles read here:

* **paragraphs**: an optional ``Parameter Description Value`` line, then one paragraph
  per cell (a cell that the dump lost shows as a wider blank gap);
* **cells**: one cell per line, each ending in `` |``;
* **markdown**: ``| name | description | value |`` rows;
* **rows**: a whole row on one line, cells apart by tabs or runs of spaces (or, with
  single spaces only, split by content).

A row's ``name`` is None when the dump lost the Parameter cell; ``value`` is None when
the row has no Value cell.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from .marks import plain_words
from .paragraphs import Paragraph, split_paragraphs, unbullet, wide_gap

_HEADER = ("parameter", "description", "value")
_MARKS = frozenset("{}[]|*")
_VALUE_START = re.compile(
    r"^(?:-$|The values?\b|Value range\b|It is an?\b|An? (?:integer|string)\b|Integers?\b|Strings?\b"
    r"|The default value\b|(?:In )?dotted decimal\b|Enumerated\b|The parameter value\b"
    r"|For [^.:]{1,60}, the value\b)",
    re.IGNORECASE,
)
_VALUE_SENTENCE = re.compile(r"(?:^|(?<=\.)\s+)(The value|It is an?|An? (?:integer|string))\b")
_MODEL_QUALIFIER = re.compile(r"^For (?:the )?[A-Z][A-Za-z]*\d[^:]*:\s*")
_CELL_END = re.compile(r"(?:^|\s)\|\s*$")
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_WIDE_SPACE = re.compile(r"\t+|\s{2,}")


@dataclass
class RawRow:
    """One table row as read: the Parameter cell (None if lost), description items, value."""

    name: str | None
    description: list[str] = field(default_factory=list)
    value: str | None = None
    recovered: bool = False  # the name was recovered from the syntax, not read


@dataclass
class Table:
    """The rows of a Parameters section and how the dump laid them out."""

    rows: list[RawRow]
    style: Literal["none", "markdown", "cells", "rows", "paragraphs"]
    value_column: bool  # whether the dump shows a Value column at all


def read_table(lines: list[str], vocabulary: Collection[str]) -> Table:
    """Read the Parameters section of a dump in whichever flattened style it uses."""
    content = [line for line in lines if line.strip()]
    if not content or (len(content) == 1 and content[0].strip().lower().rstrip(".") == "none"):
        return Table([], "none", True)
    if any(_MD_SEPARATOR.match(line.strip()) for line in content):
        return Table(_markdown_rows(content), "markdown", True)
    if sum(1 for line in content if _CELL_END.search(line)) * 2 > len(content):
        return Table(_cell_rows(lines), "cells", True)
    return _header_or_paragraphs(lines, vocabulary)


def _header_or_paragraphs(lines: list[str], vocabulary: Collection[str]) -> Table:
    """Tables with or without a ``Parameter Description Value`` header line (or with
    its cells as paragraphs of their own)."""
    lines = _join_header_cells(lines)
    paragraphs = split_paragraphs(lines)
    header = _header_columns(paragraphs[0].lines[0])
    if header:
        rest = _drop_first_line(lines)
        if _mostly_spaced(rest):
            return Table(_spaced_rows(rest), "rows", "value" in header)
        paragraphs = split_paragraphs(rest)
        if paragraphs and not looks_like_name(paragraphs[0].first, vocabulary):
            return Table(_guessed_rows(rest, vocabulary), "rows", "value" in header)
    rows = _paragraph_rows(line_units(paragraphs), vocabulary)
    has_value = "value" in header if header else any(r.value is not None for r in rows)
    return Table(rows, "paragraphs", has_value)


def _join_header_cells(lines: list[str]) -> list[str]:
    """``Parameter``, ``Description`` and ``Value`` each on a line of its own at the
    start (blank lines between) -> one header line."""
    content = [i for i, line in enumerate(lines) if line.strip()][: len(_HEADER)]
    cells = [lines[i].strip().lower() for i in content]
    if len(cells) >= 2 and cells == list(_HEADER[: len(cells)]) and len(content) > 1:
        n = len(cells) if cells == list(_HEADER) else 2
        return [" ".join(lines[i].strip() for i in content[:n])] + lines[content[n - 1] + 1 :]
    return lines


def _mostly_spaced(lines: list[str]) -> bool:
    """Whether most lines hold several cells apart by tabs or runs of spaces."""
    content = [line.strip() for line in lines if line.strip()]
    spaced = [line for line in content if len(_WIDE_SPACE.split(line)) >= 2]
    return bool(content) and len(spaced) * 2 > len(content)


def _header_columns(line: str) -> list[str]:
    """The column names of a ``Parameter Description Value`` header line, or []."""
    words = [w.lower() for w in re.split(r"[\s|]+", line.strip()) if w]
    return words if words and words == list(_HEADER[: len(words)]) and len(words) >= 2 else []


def _drop_first_line(lines: list[str]) -> list[str]:
    """``lines`` without their first non-blank line."""
    first = next(i for i, line in enumerate(lines) if line.strip())
    return lines[first + 1 :]


def looks_like_name(text: str, vocabulary: Collection[str]) -> bool:
    """A Parameter cell: only words of the syntax (and brackets), not a sentence."""
    words = plain_words(text)
    return bool(words) and not text.rstrip().endswith(".") and all(w in vocabulary for w in words)


def looks_like_value(text: str) -> bool:
    """A Value cell: ``-`` or a sentence opening like "The value is an integer ...",
    possibly after a model qualifier ("For the CE6885 and CE8855: The value is ...")."""
    return bool(_VALUE_START.match(_MODEL_QUALIFIER.sub("", text.strip(), count=1)))


# --- one paragraph per cell --------------------------------------------------------


def line_units(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Every line as its own paragraph (gap 0 inside a paragraph): dumps often drop the
    blank line between two cells, never a line break."""
    return [Paragraph([line], p.gap if i == 0 else 0) for p in paragraphs for i, line in enumerate(p.lines)]


def _paragraph_rows(paragraphs: list[Paragraph], vocabulary: Collection[str]) -> list[RawRow]:
    """Rows from one paragraph per cell; a wide gap before a nameless description is a row."""
    wide = wide_gap(paragraphs)
    rows: list[RawRow] = []
    for paragraph in paragraphs:
        text = paragraph.text
        current = rows[-1] if rows else None
        if looks_like_name(text, vocabulary):
            rows.append(RawRow(text))
        elif current and current.description and current.value is None and looks_like_value(text):
            current.value = text
        elif current is None or current.value is not None or (paragraph.gap >= wide and current.description):
            rows.append(RawRow(None, [text]))
        else:
            current.description.append(text)
    return rows


# --- one cell per line, ending in " |" ------------------------------------------------


def _cell_rows(lines: list[str]) -> list[RawRow]:
    """Rows from cells that each end with `` |``, three cells to a row."""
    cells = _cells(lines)
    if [c[0].lower() if c else "" for c in cells[:3]] == list(_HEADER):
        cells = cells[3:]
    rows = []
    for i in range(0, len(cells), 3):
        name, desc, value = (cells[i : i + 3] + [[], [], []])[:3]
        rows.append(RawRow(" ".join(name) or None, desc, " ".join(value) if value else None))
    return rows


def _cells(lines: list[str]) -> list[list[str]]:
    """Cell texts (as lists of lines) from lines where `` |`` closes a cell."""
    cells: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            continue
        closed = bool(_CELL_END.search(text))
        text = _CELL_END.sub("", text).strip()
        if text:
            _add_cell_line(current, text)
        if closed:
            cells.append(current)
            current = []
    if current:
        cells.append(current)
    return cells


def _add_cell_line(cell: list[str], text: str) -> None:
    """A line of a cell: a new item after a sentence end or as a bullet, else the
    continuation of a wrapped line."""
    item = unbullet(text)
    if cell and item == text and not cell[-1].endswith((".", ":", ";")):
        cell[-1] += " " + item
    else:
        cell.append(item)


# --- markdown rows --------------------------------------------------------------------


def _markdown_rows(lines: list[str]) -> list[RawRow]:
    """Rows of a Markdown table; the header row and separator are skipped."""
    rows: list[RawRow] = []
    for line in lines:
        text = line.strip()
        if not text.startswith("|") or _MD_SEPARATOR.match(text):
            continue
        cells = _markdown_cells(text)
        if [c.lower() for c in cells[:2]] == list(_HEADER[:2]):
            continue
        rows.append(_row_from_cells(cells))
    return rows


def _markdown_cells(text: str) -> list[str]:
    """Cells of one Markdown row; bars inside an unclosed bracket belong to the syntax."""
    parts = [p.replace("\\|", "|") for p in re.split(r"(?<!\\)\|", text.strip().strip("|"))]
    cells: list[str] = []
    for part in parts:
        if cells and _open_brackets(cells[-1]) > 0:
            cells[-1] += "|" + part
        else:
            cells.append(part)
    return [c.strip() for c in cells]


def _open_brackets(text: str) -> int:
    return sum(text.count(o) for o in "{[") - sum(text.count(c) for c in "}]")


def _row_from_cells(cells: list[str]) -> RawRow:
    """A row from its cell texts (``<br>`` separates items inside a cell)."""
    name = cells[0] if cells else ""
    desc = [unbullet(d) for d in re.split(r"<br\s*/?>", cells[1])] if len(cells) > 1 else []
    value = cells[2] if len(cells) > 2 else None
    return RawRow(name or None, [d for d in desc if d], value)


# --- a whole row on one line ---------------------------------------------------------------


def _spaced_rows(lines: list[str]) -> list[RawRow]:
    """Rows whose cells are apart by tabs or runs of spaces."""
    rows: list[RawRow] = []
    for line in lines:
        if line.strip():
            rows.append(_row_from_cells([c.strip() for c in _WIDE_SPACE.split(line.strip())]))
    return rows


def _guessed_rows(lines: list[str], vocabulary: Collection[str]) -> list[RawRow]:
    """Rows on one line with single spaces: name = leading syntax words, value = last sentence."""
    return [_guess_row(line.strip(), vocabulary) for line in lines if line.strip()]


def _guess_row(line: str, vocabulary: Collection[str]) -> RawRow:
    """Split ``name description value`` written with single spaces."""
    tokens = line.split()
    cut = _name_length(tokens, vocabulary)
    name, rest = " ".join(tokens[:cut]), " ".join(tokens[cut:])
    if rest == "-" or rest.endswith(" -"):
        return RawRow(name or None, [rest[:-1].strip()], "-")
    match = _VALUE_SENTENCE.search(rest)
    if match is None or match.start() == 0:
        return RawRow(name or None, [rest], None)
    return RawRow(name or None, [rest[: match.start()].strip()], rest[match.start(1) :].strip())


def _name_length(tokens: list[str], vocabulary: Collection[str]) -> int:
    """How many leading tokens form the Parameter cell: syntax words and balanced brackets."""
    cut = 0
    for i, token in enumerate(tokens):
        if not (looks_like_name(token, vocabulary) or token in _MARKS):
            break
        head = " ".join(tokens[: i + 1])
        if _open_brackets(head) == 0 and plain_words(head):
            cut = i + 1
    return cut
