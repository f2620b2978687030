"""The Parameters section of an HTML page -> model Parameters.

A table with the header cells Parameter / Description / Value. The Parameter cell is
marked like a Format line (``<strong>vpnname</strong> <i>vpn-name</i>`` ->
``vpnname <vpn-name>``); Description and Value cells keep their paragraphs, list items
and notes as lines; the Value cell is typed by :func:`.values.parse_value`.
"""

from __future__ import annotations

from lxml import etree
from vrpcmds_model.record import Parameter, Record
from vrpcmds_runtime.bounds import PARAMETERS_PER_PAGE
from vrpcmds_runtime.notation import NotationError

from .html_tree import block_lines, text_of
from .marks import html_format_line
from .sections import PARAMETERS
from .values import parse_value, union_note, untyped_reason

_COLUMNS = ("parameter", "description", "value")
_NONE = frozenset({"none", "-", "n/a"})


def read_parameters(content: list[etree._Element], command: Record) -> None:
    """Every row of every Parameters table; a section without a table must say None."""
    tables = [t for element in content for t in element.iter("table")]
    for table in tables:
        command.parameters.extend(_table(table, command, PARAMETERS_PER_PAGE - len(command.parameters)))
    if not tables:
        text = " ".join(line.text for line in block_lines(content))
        if text and text.strip(". ").lower() not in _NONE:
            command.warn(PARAMETERS, "parameters-unread", f"no table in the section: {text[:80]!r}")


def _table(table: etree._Element, command: Record, room: int) -> list[Parameter]:
    """The rows of one table, its columns found by their header cells."""
    rows: list[list[etree._Element]] = []
    for tr in table.iter("tr"):
        if len(rows) > room:  # the header row, then what the page may still hold
            command.warn(
                PARAMETERS,
                "content-not-kept",
                f"more than {PARAMETERS_PER_PAGE} parameter rows: the rest are not read",
            )
            break
        cells = [c for c in tr if c.tag in ("td", "th")]
        if cells:
            rows.append(cells)
    if not rows:
        return []
    columns = _columns(rows[0])
    if columns is None:
        command.warn(
            PARAMETERS,
            "table-header-unknown",
            "no Parameter/Description/Value header; columns taken in order",
        )
        columns = (0, 1, 2)
    else:
        rows = rows[1:]
    return [p for p in (_row(cells, columns, command) for cells in rows) if p is not None]


def _columns(header: list[etree._Element]) -> tuple[int, int, int] | None:
    """The index of the Parameter, Description and Value cells of a header row."""
    names = [text_of(c).lower() for c in header]
    found = []
    for column in _COLUMNS:
        index = next((i for i, n in enumerate(names) if n.startswith(column)), None)
        if index is None:
            return None
        found.append(index)
    return found[0], found[1], found[2]


def _row(cells: list[etree._Element], columns: tuple[int, int, int], command: Record) -> Parameter | None:
    """One row as a Parameter; a row without a name is dropped with a warning."""
    cell = [cells[i] if i < len(cells) else None for i in columns]
    name = _name(cell[0], command) if cell[0] is not None else ""
    description = _lines(cell[1])
    if not name:
        command.warn(PARAMETERS, "parameter-dropped", f"a row without a Parameter cell: {description[:80]!r}")
        return None
    value = parse_value(_lines(cell[2]))
    if cell[2] is None:
        command.warn(PARAMETERS, "value-missing", f"{name}: the row has no Value cell")
    elif value.type == "text":
        command.warn(
            PARAMETERS, "value-untyped", f"{name}: {untyped_reason(value.text)}: {value.text[:80]!r}"
        )
    elif note := union_note(value):
        command.warn(PARAMETERS, note[0], f"{name}: {note[1]}: {value.text[:80]!r}")
    return Parameter(name, description, value)


def _name(cell: etree._Element, command: Record) -> str:
    """The Parameter cell in canonical marked form (as written when the marks do not parse)."""
    text = text_of(cell)
    if not text:
        return ""
    unmarked: list[str] = []
    try:
        name = html_format_line(cell, unmarked)
    except NotationError as exc:
        command.warn(
            PARAMETERS, "parameter-name-unreadable", f"{text[:80]!r}: {exc.message}; kept as written"
        )
        return text
    if unmarked:
        command.warn(PARAMETERS, "unmarked-words", f"{name}: {', '.join(unmarked)} neither bold nor italic")
    return name


def _lines(cell: etree._Element | None) -> str:
    """A cell's text, one line per paragraph, list item or note."""
    if cell is None:
        return ""
    return "\n".join(line.text for line in block_lines([cell]))
