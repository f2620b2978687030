"""Railroad diagrams of syntax forms, drawn at build time as inline SVG.

The grammar tree (``vrpcmds_runtime.tree``) maps onto the ``railroad`` module:

| tree | diagram |
| --- | --- |
| Keyword | Terminal (rounded box) |
| Argument | NonTerminal (square box) |
| Sequence | Sequence |
| ``{ a \\| b }`` | Choice |
| ``[ a \\| b ]`` | Optional Choice (a track that skips it) |
| ``{ a \\| b } *`` / ``[ a \\| b ] *`` | OneOrMore / ZeroOrMore of the Choice, "each at most once" |
| ``x &<1-3>`` | OneOrMore, with the comment "1-3 times" on the loop |

Forms wider than :data:`MAX_WIDTH` pixels are wrapped into rows (a Stack). The SVG has
railroad's class ``railroad-diagram``, which ``railroad.css`` styles with Material's
colour variables.

``railroad`` escapes ``&``, ``<`` and quotes in the text it writes, and the names it
gets here come from parsed trees, whose keywords and arguments are plain words
(``notation.WORD``); the tests check both.
"""

from __future__ import annotations

import re

import railroad as rr
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence

from .site_escape import Safe

MAX_WIDTH = 720  # pixels; wider forms are wrapped into rows

# railroad pads every box with zero-length lines; dropping them makes pages a third smaller.
_NO_OP_PATH = re.compile(r'<path d="M-?[0-9.]+ -?[0-9.]+h0(?:\.0)?" />')


class DiagramError(ValueError):
    """A syntax form that cannot be drawn (it does not follow the notation)."""


def diagram_svg(form: str) -> Safe:
    """The inline SVG of one syntax form in canonical marked form."""
    try:
        tree = parse_form(form)
    except NotationError as exc:
        raise DiagramError(str(exc)) from exc
    diagram = rr.Diagram(_wrap([item(node) for node in tree.items]))
    diagram.attrs["aria-hidden"] = "true"  # the form is also on the page as text, just above
    parts: list[str] = []
    diagram.writeSvg(parts.append)
    return Safe(_NO_OP_PATH.sub("", "".join(parts)))


def item(node: Node) -> rr.DiagramItem:
    """The diagram item of one tree node."""
    if isinstance(node, Keyword):
        return rr.Terminal(node.text)
    if isinstance(node, Argument):
        return rr.NonTerminal(node.name)
    if isinstance(node, Sequence):
        return _sequence(node)
    if isinstance(node, Choice):
        return _choice(node)
    return _repeat(node)


def _sequence(node: Sequence) -> rr.DiagramItem:
    items = [item(child) for child in node.items]
    return items[0] if len(items) == 1 else rr.Sequence(*items)


def _choice(node: Choice) -> rr.DiagramItem:
    """{ } is a Choice, [ ] an optional one; a trailing * loops back over it."""
    alts = [_sequence(alt) for alt in node.alternatives]
    inner = alts[0] if len(alts) == 1 else rr.Choice(0, *alts)
    if node.multi:
        loop = rr.Comment("each at most once")
        return rr.OneOrMore(inner, loop) if node.required else rr.ZeroOrMore(inner, loop)
    return inner if node.required else rr.Optional(inner)


def _repeat(node: Repeat) -> rr.DiagramItem:
    """``x &<m-n>``: x, then a loop back labelled with how many times."""
    inner = item(node.item)
    if node.max <= 1:
        drawn = inner
    else:
        count = f"{node.min}-{node.max}" if node.min != node.max else str(node.max)
        drawn = rr.OneOrMore(inner, rr.Comment(f"{count} times"))
    return rr.Optional(drawn) if node.min == 0 else drawn


def _wrap(items: list[rr.DiagramItem]) -> rr.DiagramItem:
    """The items in one row, or stacked in rows of at most MAX_WIDTH pixels."""
    rows: list[list[rr.DiagramItem]] = [[]]
    width = 0.0
    for it in items:
        step = it.width + (20 if it.needsSpace else 0)
        if rows[-1] and width + step > MAX_WIDTH:
            rows.append([])
            width = 0.0
        rows[-1].append(it)
        width += step
    if len(rows) == 1:
        return rr.Sequence(*rows[0])
    return rr.Stack(*(rr.Sequence(*row) for row in rows))
