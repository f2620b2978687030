"""Configuration text as the device prints it, split into command lines with their depth.

``display current-configuration`` output and saved files: ``#`` separators, one space of
indentation per nested view, ``return`` at the end, ``!`` header lines, quoted strings
that run over several lines (login banners, at most
:data:`~vrpcmds_runtime.bounds.QUOTED_LINES` lines), opaque blocks (``public-key-code begin`` ...
``public-key-code end``), and the manual's trailing ``// comment`` annotations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from vrpcmds_runtime.bounds import QUOTED_LINES

_COMMENT = re.compile(r"\s//.*$")
_OPAQUE_BEGIN = re.compile(r"^\s*public-key-code\s+begin\s*$", re.IGNORECASE)
_OPAQUE_END = re.compile(r"^\s*public-key-code\s+end\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ConfigLine:
    """One command line of a configuration: 1-based line number, nesting depth, text."""

    number: int
    depth: int
    text: str
    closes: int | None = None  # for the end line of an opaque block: the number of its start line


def config_lines(text: str) -> Iterator[ConfigLine]:
    """The command lines of a configuration, in order (structure lines left out)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    opaque: int | None = None  # the number of the line that opened an opaque block
    quote_open = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        if quote_open:  # a quoted string (a banner) running over several lines
            quote_open = '"' not in line
            continue
        if opaque is not None:
            if _OPAQUE_END.match(line):
                yield ConfigLine(number, _depth(line), line.strip(), closes=opaque)
                opaque = None
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "!")) or stripped == "return":
            continue
        stripped = _COMMENT.sub("", stripped).rstrip()
        quote_open = _opens_quote(stripped) and _closed_within(lines, number)
        if _OPAQUE_BEGIN.match(line):
            opaque = number
        yield ConfigLine(number, _depth(line), stripped)


def _closed_within(lines: list[str], number: int) -> bool:
    """True when one of the next QUOTED_LINES lines closes the quote opened on line ``number``
    (1-based). A quote that stays open longer is not a banner: its line is checked (and
    reported as unterminated) and the lines after it are read as commands."""
    return any('"' in line for line in lines[number : number + QUOTED_LINES])


def _opens_quote(line: str) -> bool:
    """A token that starts with a double quote and is not closed on this line (a banner)."""
    start = re.search(r'(?:^|\s)"', line)
    return start is not None and '"' not in line[start.end() :]


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
