"""Text pages holding more than one command (PAGE-FORMATS.md, "Section pages").

A chapter page (``IPv4 Configuration Commands``) starts with its first command's text,
and some pages document two commands one after the other. A page is cut into one part
per command:

* **headed**: each further ``Function`` heading opens a command, from the title line
  before it;
* **headless**: a line that is the Function sentence of another command (``The <name>
  command ...``, not an ``undo``), once the current command has shown its level line
  or an example prompt, opens a command, from the title line before it if there is one.

The caller reads the first command and names the others in a warning (one record per page).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from .sections import (
    FORMAT,
    FUNCTION,
    heading_of,
    is_level_line,
    is_prompt_line,
    is_syntax_line,
    leading_words,
    name_in_function_sentence,
)


@dataclass
class Part:
    """The lines of one command of a page and the name it is known by ('' when unknown)."""

    start: int
    lines: list[str]
    name: str


def split_commands(lines: list[str]) -> list[Part]:
    """The commands of a page, in page order (one part when it documents one)."""
    starts = _headed_starts(lines) or _headless_starts(lines)
    bounds = [0] + [s for s in starts if s > 0] + [len(lines)]
    parts = [Part(a, lines[a:b], "") for a, b in pairwise(bounds) if b > a] or [Part(0, lines, "")]
    for part in parts[1:]:
        part.name = _name_of(part.lines)
    return parts


def _headed_starts(lines: list[str]) -> list[int]:
    """Where each command after the first begins on a page with Function headings."""
    headings = [(i, section) for i, line in enumerate(lines) if (section := heading_of(line)) is not None]
    return [
        _title_before(lines, i)
        for (i, section), (_, following) in pairwise(headings[1:])
        if section == FUNCTION and following == FORMAT and _title_before(lines, i) < i
    ]


def _headless_starts(lines: list[str]) -> list[int]:
    """Where each command after the first begins on a page without headings."""
    starts: list[int] = []
    name, ended = "", False
    for i, line in enumerate(lines):
        named = name_in_function_sentence(line)
        if named and not named.startswith("undo ") and not name:
            name = named
        elif (
            named
            and not named.startswith("undo ")
            and named != name
            and ended
            and _forms_follow(lines, i, named)
        ):
            starts.append(_title_before(lines, i))
            name, ended = named, False
        elif is_level_line(line) or is_prompt_line(line):
            ended = bool(name)
    return starts


def _forms_follow(lines: list[str], at: int, name: str) -> bool:
    """Whether a syntax line of command ``name`` follows line ``at``, then a level line:
    a command's own text, not a sentence of Usage Guidelines naming another command."""
    words = leading_words(name)
    syntax = next((i for i in range(at + 1, len(lines)) if is_syntax_line(lines[i], words)), None)
    return syntax is not None and any(is_level_line(line) for line in lines[syntax:])


def _title_before(lines: list[str], at: int) -> int:
    """The title line just before ``at`` (blank lines between), else ``at`` itself.

    A command title starts with a lower-case word (``qos car``); a sub-heading or a
    sentence before ``at`` is not one.
    """
    for j in range(at - 1, -1, -1):
        text = lines[j].strip()
        if text:
            titled = text[0].islower() and not text.endswith((".", ":")) and not is_prompt_line(text)
            return j if titled else at
    return at


def _name_of(lines: list[str]) -> str:
    """A part's command: its title line, or the name its Function sentence gives."""
    first = next((line.strip() for line in lines if line.strip()), "")
    return name_in_function_sentence(first) or first
