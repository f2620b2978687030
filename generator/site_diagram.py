"""Railroad diagrams of syntax forms, drawn at build time as compact inline SVG.

The grammar tree (``vrpcmds_runtime.tree``) maps onto the ``railroad`` module's layout:

| tree | diagram |
| --- | --- |
| Keyword | Terminal (rounded box) |
| Argument | NonTerminal (square box) |
| Sequence | Sequence |
| ``{ a \\| b }`` | Choice |
| ``[ a \\| b ]`` | Optional Choice (a track that skips it) |
| ``{ a \\| b } *`` / ``[ a \\| b ] *`` | OneOrMore / ZeroOrMore of the Choice, "each at most once" |
| ``x &<1-3>`` | OneOrMore, with the comment "1-3 times" on the loop |

Forms wider than :data:`MAX_WIDTH` pixels are wrapped into rows (a Stack).

``railroad`` computes the layout; :func:`compact_svg` writes it. railroad's own writer
gives each box, each line segment and each group an element of its own (about seven
elements per box); a reference of a thousand pages then spends most of its build
parsing SVG. The compact form has the same drawing with one element per kind of
stroke and one per label:

    <svg class="railroad-diagram" viewBox=...>
      <path class="rr-line" d="all tracks"/>
      <path class="rr-keyword" d="all keyword boxes"/>
      <path class="rr-argument" d="all argument boxes"/>
      <text x= y=>keyword</text> <text class="rr-arg" ...>argument</text> <text class="rr-note" ...>1-3 times</text>
    </svg>

Colours and fonts come from ``railroad.css`` (Material's colour variables, so the
light and dark palettes both apply). Labels are escaped here (``&``, ``<``, ``>``); the
names come from parsed trees, whose keywords and arguments are plain words anyway.
"""

from __future__ import annotations

import functools
import html
import re

import railroad as rr
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence

from .site_escape import Safe

MAX_WIDTH = 720  # pixels; wider forms are wrapped into rows
BOX_HALF = 11  # railroad's boxes reach 11 px above and below their track
RADIUS = 10  # corner radius of keyword boxes
_TRAILING_ZERO = re.compile(r"(\d)\.0(?!\d)")


class DiagramError(ValueError):
    """A syntax form that cannot be drawn (it does not follow the notation)."""


# A page reads each of its forms three times (diagram, search words, Python snippet);
# trees are immutable, so one parse serves all.
parsed = functools.lru_cache(maxsize=8192)(parse_form)


def diagram_svg(form: str) -> Safe:
    """The inline SVG of one syntax form in canonical marked form."""
    try:
        tree = parsed(form)
    except NotationError as exc:
        raise DiagramError(str(exc)) from exc
    diagram = rr.Diagram(_wrap([item(node) for node in tree.items]))
    return compact_svg(diagram.format())


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


# --- the compact writer ---------------------------------------------------------


def compact_svg(diagram: rr.Diagram) -> Safe:
    """The formatted ``diagram`` as one SVG element: three paths and one text per label."""
    lines: list[str] = []
    keywords: list[str] = []
    arguments: list[str] = []
    labels: list[str] = []
    for node, kind in _drawn(diagram):
        if isinstance(node, rr.Path) or node.name == "path":  # railroad's End is a "path" item
            d = str(node.attrs.get("d", ""))
            if d and not _no_op(d):
                lines.append(d)
        elif node.name == "rect":
            box = keywords if kind == "keyword" else arguments
            box.append(_box(node.attrs, rounded=kind == "keyword"))
        elif node.name == "text":
            labels.append(_label(node, kind))
    width, height = _num(diagram.attrs["width"]), _num(diagram.attrs["height"])
    tracks = _TRAILING_ZERO.sub(r"\1", "".join(lines))
    # The -.5 origin puts 2 px strokes on whole pixels (railroad's translate(.5 .5)).
    frame = f'width="{width}" height="{height}" viewBox="-.5 -.5 {width} {height}"'
    parts = [
        f'<svg class="railroad-diagram" aria-hidden="true" {frame}>',
        f'<path class="rr-line" d="{tracks}"/>',
    ]
    if keywords:
        parts.append(f'<path class="rr-keyword" d="{"".join(keywords)}"/>')
    if arguments:
        parts.append(f'<path class="rr-argument" d="{"".join(arguments)}"/>')
    parts += labels
    parts.append("</svg>")
    return Safe("".join(parts))


def _drawn(root: rr.DiagramItem) -> list[tuple[rr.DiagramItem | rr.Path, str]]:
    """Every formatted SVG node under ``root`` in drawing order, with the kind of box it belongs to."""
    out: list[tuple[rr.DiagramItem | rr.Path, str]] = []
    stack: list[tuple[rr.DiagramItem | rr.Path, str]] = [(root, "")]
    while stack:
        node, kind = stack.pop()
        if isinstance(node, rr.DiagramItem):
            kind = _KINDS.get(type(node), kind)
            stack.extend(
                (c, kind) for c in reversed(node.children) if isinstance(c, (rr.DiagramItem, rr.Path))
            )
        out.append((node, kind))
    return out


_KINDS = {rr.Terminal: "keyword", rr.NonTerminal: "argument", rr.Comment: "note"}


def _no_op(d: str) -> bool:
    """railroad pads boxes with zero-length segments (``M10 20h0``)."""
    return d.endswith(("h0", "h0.0")) and d.count("h") == 1 and "v" not in d and "a" not in d


def _box(attrs: dict[str, object], rounded: bool) -> str:
    """A rectangle as a closed subpath (rounded corners for keywords)."""
    x, y, w, h = (float(str(attrs[k])) for k in ("x", "y", "width", "height"))
    if not rounded:
        return f"M{_num(x)} {_num(y)}h{_num(w)}v{_num(h)}h{_num(-w)}z"
    r = RADIUS
    return (
        f"M{_num(x + r)} {_num(y)}h{_num(w - 2 * r)}a{r} {r} 0 0 1 {r} {r}v{_num(h - 2 * r)}"
        f"a{r} {r} 0 0 1 {-r} {r}h{_num(2 * r - w)}a{r} {r} 0 0 1 {-r} {-r}v{_num(2 * r - h)}"
        f"a{r} {r} 0 0 1 {r} {-r}z"
    )


def _label(node: rr.DiagramItem, kind: str) -> str:
    css = {"argument": ' class="rr-arg"', "note": ' class="rr-note"'}.get(kind, "")
    text = "".join(c for c in node.children if isinstance(c, str))
    x, y = _num(float(str(node.attrs["x"]))), _num(float(str(node.attrs["y"])))
    return f'<text{css} x="{x}" y="{y}">{html.escape(text, quote=False)}</text>'


def _num(value: float | str) -> str:
    """A coordinate without trailing zeros (``12.0`` -> ``12``, ``8.50`` -> ``8.5``)."""
    return f"{float(value):.2f}".rstrip("0").rstrip(".")
