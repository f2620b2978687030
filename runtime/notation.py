"""Canonical marked form <-> syntax tree (NOTATION.md).

Canonical marked form: keywords bare, arguments in angle brackets, every token
separated by one space, ``&<m-n>`` kept as written::

    ike heartbeat { seq-num { new | old } | spi-list }

:func:`parse_form` turns such a line into a tree; :func:`format_form` renders a tree
back to the identical string. Errors name the column (1-based) where the problem is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .bounds import FORM_DEPTH, FORM_MARKS, REPEAT_MAX
from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence

WORD = r"[-/]?[A-Za-z0-9_][A-Za-z0-9_./:-]*"
_TOKEN = re.compile(
    rf"(?P<space>\s+)"
    rf"|(?P<repeat>&<(?P<min>\d+)-(?P<max>\d+)>)"
    rf"|(?P<arg><(?P<name>{WORD})>)"
    rf"|(?P<bracket>[{{}}\[\]|*])"
    rf"|(?P<word>{WORD})"
)
_CLOSER = {"{": "}", "[": "]"}

# Bounds on a syntax line, so that parsing it and matching lines against its tree stay
# bounded whatever the text. In 3,554 CE6800 syntax lines the deepest nesting is 8
# groups, the longest line 697 marks and the largest repeat bound 254. A group nests its
# items at most 3 tree levels deeper (repeat, group, alternative), so a tree parsed here
# is at most 3 * MAX_DEPTH + 2 = 62 levels deep: within what compiled.decode_tree reads.
MAX_DEPTH = FORM_DEPTH  # groups nested inside one another (limits: vrpcmds_runtime.bounds)
MAX_MARKS = FORM_MARKS  # keywords, arguments, brackets, bars, stars and repeat marks
MAX_REPEAT = REPEAT_MAX  # the largest bound of a repeat mark &<m-n>
_MAX_REPEAT_DIGITS = len(str(MAX_REPEAT))


class NotationError(ValueError):
    """A syntax line that does not follow the notation; ``column`` is 1-based."""

    def __init__(self, message: str, column: int, text: str = "") -> None:
        self.message = message
        self.column = column
        self.text = text
        super().__init__(f"column {column}: {message}")


@dataclass(frozen=True)
class Mark:
    """One lexical token of a marked line: its kind, text and 1-based column."""

    kind: str  # "word", "arg", "bracket", "repeat", "end"
    text: str
    column: int


def lex(text: str) -> list[Mark]:
    """Split a marked line into tokens; an unknown character raises NotationError.

    A line of more than :data:`MAX_MARKS` marks is refused at the first mark too many.
    """
    marks: list[Mark] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise NotationError(_unknown_mark(text, pos), pos + 1, text)
        kind = str(m.lastgroup)  # the outermost group that matched
        if kind != "space":
            if len(marks) == MAX_MARKS:
                raise NotationError(f"syntax line of more than {MAX_MARKS} marks", pos + 1, text)
            marks.append(Mark(kind, m.group(0), pos + 1))
        pos = m.end()
    marks.append(Mark("end", "", len(text) + 1))
    return marks


def _unknown_mark(text: str, pos: int) -> str:
    ch = text[pos]
    if ch == "<":
        return "'<' does not open a valid argument name like <name> or a repeat mark like &<1-3>"
    if ch == "&":
        return "'&' must start a repeat mark like &<1-3>"
    return f"unknown mark {ch!r}: expected a keyword, <argument>, {{ }}, [ ], |, * or &<m-n>"


class _Parser:
    """Recursive-descent parser over the marks of one line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks = lex(text)
        self.pos = 0
        self.depth = 0  # groups open at the current mark

    @property
    def cur(self) -> Mark:
        return self.marks[self.pos]

    def error(self, message: str, mark: Mark | None = None) -> NotationError:
        return NotationError(message, (mark or self.cur).column, self.text)

    def form(self) -> Sequence:
        """form := sequence END"""
        seq = self.sequence()
        if self.cur.kind != "end":
            raise self.error(self._stray(self.cur))
        if not seq.items:
            raise self.error("empty syntax line")
        return seq

    def _stray(self, mark: Mark) -> str:
        if mark.text == "|":
            return "'|' outside a group: alternatives must be inside { } or [ ]"
        if mark.text in ("}", "]"):
            return f"unbalanced {mark.text!r}: no group is open"
        return f"unexpected {mark.text!r}"

    def sequence(self) -> Sequence:
        """sequence := element*  (stops at |, a closing bracket or the end)"""
        items: list[Node] = []
        while self.cur.kind != "end" and self.cur.text not in ("|", "}", "]"):
            items.append(self.element(items))
        return Sequence(tuple(items))

    def element(self, before: list[Node]) -> Node:
        """element := primary [ &<m-n> ]"""
        mark = self.cur
        if mark.kind == "repeat":
            raise self.error(f"{mark.text} must follow an argument or a group")
        if mark.text == "*":
            raise self.error("'*' must follow a closing } or ]")
        node = self.primary()
        if self.cur.kind == "repeat":
            rep = self.cur
            if isinstance(node, Keyword):
                raise self.error(f"{rep.text} must follow an argument or a group, not a keyword", rep)
            low, high = self.bounds(rep)
            if low > high:
                raise self.error(f"{rep.text}: the minimum is larger than the maximum", rep)
            self.pos += 1
            node = Repeat(node, low, high)
        return node

    def bounds(self, rep: Mark) -> tuple[int, int]:
        """The bounds of a repeat mark ``&<m-n>``; each is at most :data:`MAX_REPEAT`.

        The digits are counted before any conversion, so a bound of any length is refused
        with a NotationError rather than an integer-conversion error.
        """
        digits = [t.lstrip("0") or "0" for t in rep.text[2:-1].split("-")]
        if any(len(d) > _MAX_REPEAT_DIGITS or int(d) > MAX_REPEAT for d in digits):
            raise self.error(f"repeat bound too large: at most {MAX_REPEAT} repetitions", rep)
        return int(digits[0]), int(digits[1])

    def primary(self) -> Node:
        """primary := WORD | <ARG> | group"""
        mark = self.cur
        self.pos += 1
        if mark.kind == "word":
            return Keyword(mark.text)
        if mark.kind == "arg":
            return Argument(mark.text[1:-1])
        if mark.text in _CLOSER:
            if self.depth == MAX_DEPTH:
                raise self.error(f"groups nested deeper than {MAX_DEPTH}", mark)
            self.depth += 1
            group = self.group(mark)
            self.depth -= 1
            return group
        self.pos -= 1
        raise self.error(self._stray(mark))

    def group(self, opener: Mark) -> Choice:
        """group := ( '{' alts '}' | '[' alts ']' ) [ '*' ];  alts := sequence ( '|' sequence )*"""
        alts = [self.alternative(opener)]
        while self.cur.text == "|":
            self.pos += 1
            alts.append(self.alternative(opener))
        closer = self.cur
        if closer.kind == "end":
            raise self.error(f"unbalanced {opener.text!r}: opened here and never closed", opener)
        if closer.text != _CLOSER[opener.text]:
            raise self.error(
                f"unbalanced brackets: {opener.text!r} at column {opener.column} "
                f"is closed by {closer.text!r}"
            )
        self.pos += 1
        multi = self.cur.text == "*"
        if multi:
            self.pos += 1
        return Choice(tuple(alts), required=opener.text == "{", multi=multi)

    def alternative(self, opener: Mark) -> Sequence:
        start = self.cur
        seq = self.sequence()
        if not seq.items:
            first = self.marks[self.pos - 1].column == opener.column
            what = "empty group" if first and start.text in ("}", "]") else "empty alternative"
            raise self.error(f"{what}: {opener.text!r} at column {opener.column} needs an item here", start)
        return seq


def parse_form(text: str) -> Sequence:
    """Parse one syntax line in canonical marked form into a tree.

    Trees are immutable, so one parse serves every caller (a manual's lines and parameter
    names are parsed by the scraper, the compiler and the generators alike); lines of
    ordinary length are remembered.
    """
    return _parse_cached(text) if len(text) <= 1000 else _Parser(text).form()


@lru_cache(maxsize=16384)
def _parse_cached(text: str) -> Sequence:
    return _Parser(text).form()


def format_form(node: Node) -> str:
    """Render a tree to canonical marked form (the inverse of :func:`parse_form`)."""
    if isinstance(node, Keyword):
        return node.text
    if isinstance(node, Argument):
        return f"<{node.name}>"
    if isinstance(node, Sequence):
        return " ".join(format_form(item) for item in node.items)
    if isinstance(node, Choice):
        opener, closer = ("{", "}") if node.required else ("[", "]")
        body = " | ".join(format_form(alt) for alt in node.alternatives)
        return f"{opener} {body} {closer}" + (" *" if node.multi else "")
    return f"{format_form(node.item)} &<{node.min}-{node.max}>"


def canonical(text: str) -> str:
    """Normalise a marked line (spacing, glued brackets) to canonical marked form."""
    return format_form(parse_form(text))
