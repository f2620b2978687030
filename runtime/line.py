"""Command lines as the device reads them: tokens, quoting, bindings of values."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from .bounds import LINE_CHARS

BoundValue = str | list[str] | list["Binding"]

# The longest command line read, in characters. Device lines are far shorter; the cap
# keeps every later step (matching, value checks) bounded on hostile input.
MAX_LINE = LINE_CHARS

_ASCII_UNSAFE = re.compile(r"[\x00-\x1f\x7f?]")  # what character_problem refuses in ASCII text


@dataclass(frozen=True, order=True)
class Role:
    """What tokens ``start`` to ``end`` (0-based, end excluded) of a line were: a keyword
    (``name`` its full text, even when abbreviated) or an argument (``name`` its name).
    ``label`` is the node's label when the tree is labelled (see ``slots``), else empty."""

    start: int
    end: int
    kind: str  # "keyword" or "argument"
    name: str
    label: str = ""


@dataclass(frozen=True)
class Binding:
    """What a command line says about one form.

    ``values`` maps argument names to their value (a list for ``&<m-n>`` repeats: of
    strings for a repeated argument, of Bindings for a repeated group, under the
    repeat's key). ``keywords`` are the keywords chosen inside groups, in line order;
    keywords that every line of the form carries are not listed.
    """

    values: Mapping[str, BoundValue] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    roles: tuple[Role, ...] = field(default=(), compare=False, repr=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Binding):
            return NotImplemented
        return dict(self.values) == dict(other.values) and self.keywords == other.keywords

    def __hash__(self) -> int:
        return hash(self.keywords)


class LineError(ValueError):
    """A command line that cannot be split into tokens."""

    def __init__(self, message: str, column: int) -> None:
        self.message = message
        self.column = column
        super().__init__(f"column {column}: {message}")


@dataclass(frozen=True)
class Token:
    """One word of a command line; ``column`` is 1-based, quotes are removed."""

    text: str
    column: int
    quoted: bool = False


def split_line(line: str) -> list[Token]:
    """Split a command line on blanks; ``"a b"`` is one token.

    Control characters (newline included) are refused: one line is one command. A line
    longer than :data:`MAX_LINE` characters is refused before anything else is read.
    """
    if len(line) > MAX_LINE:
        raise LineError(f"line of {len(line)} characters: at most {MAX_LINE} are read", MAX_LINE + 1)
    for i, ch in enumerate(line):
        if is_control(ch) and ch != "\t":
            raise LineError(f"control character {ch!r} in a command line", i + 1)
    tokens: list[Token] = []
    i, n = 0, len(line)
    while i < n:
        if line[i] in " \t":
            i += 1
            continue
        if line[i] == '"':
            end = line.find('"', i + 1)
            if end < 0:
                raise LineError("unterminated quoted string", i + 1)
            tokens.append(Token(line[i + 1 : end], i + 1, quoted=True))
            i = end + 1
            continue
        start = i
        while i < n and line[i] not in " \t":
            i += 1
        tokens.append(Token(line[start:i], start + 1))
    return tokens


def is_control(ch: str) -> bool:
    """True for C0/C1 control characters and DEL, and for Unicode line separators."""
    code = ord(ch)
    return code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029\u0085"


def quote_value(value: str) -> str:
    """The token that carries ``value`` on a command line (quoted if it has blanks)."""
    if any(c in value for c in " \t"):
        return f'"{value}"'
    return value


def character_problem(value: str) -> str | None:
    """Why a character of ``value`` may never be sent in an argument, or None.

    The one rule for every value, whatever its constraint: no control character (it would
    end or split the line), no ``?`` (the device reads it as a request for help), no
    invisible format character (a direction override, a zero-width space) or lone
    surrogate, and no space character other than the ASCII space.
    """
    if value.isascii():
        found = _ASCII_UNSAFE.search(value)
        return _character(found.group()) if found else None
    for ch in value:
        problem = _character(ch)
        if problem:
            return problem
    return None


def _character(ch: str) -> str | None:
    if is_control(ch):
        return f"a control character ({ch!r}) that would end the command line"
    if ch == "?":
        return "a question mark, which asks the device for help"
    if ch.isascii():
        return None
    kind = unicodedata.category(ch)
    if kind == "Cf":
        return f"an invisible format character (U+{ord(ch):04X})"
    if kind == "Zs":
        return f"a space character other than the ASCII space (U+{ord(ch):04X})"
    if kind == "Cs":
        return f"a lone surrogate (U+{ord(ch):04X})"
    return None


def value_problem(value: str) -> str | None:
    """Why ``value`` can never be sent as one argument, or None if it can."""
    if value == "":
        return "an empty value"
    problem = character_problem(value)
    if problem:
        return problem
    if '"' in value:
        return "a double quote, which the device reads as a delimiter"
    if value != value.strip():
        return "leading or trailing blanks"
    return None
