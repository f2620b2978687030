"""HTML bytes -> an lxml tree, and the text of its blocks as lines.

Pages are parsed with lxml directly (libxml2's forgiving HTML parser: truncated pages,
stray and nested ``<p>`` are read the way a browser would). Text comes out of the tree
through two walkers that visit each element once, iteratively (no recursion, so a
deeply nested page cannot exhaust the stack):

* :func:`block_lines`: the lines a browser would draw, one per paragraph, list item,
  table cell or ``<br>``; list items start with ``- ``, notes with ``Note: ``;
* :func:`styled_lines`: the lines of a ``<pre>`` as written, each as runs of text that
  are bold or not (what the user typed is bold in examples).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from lxml import etree

from .safety import inline_text, verbatim_line

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{1,40})""")
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "address", "blockquote"}
    | {"form", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption"}
    | {"ul", "ol", "li", "dl", "dt", "dd"}
    | {"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"}
)
SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg"})
BOLD_TAGS = frozenset({"b", "strong"})


@dataclass
class Decoded:
    """A page ready for the parser: UTF-8 bytes, the encoding it was read in, what went wrong."""

    data: bytes
    encoding: str
    problems: list[str] = field(default_factory=list)


def declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares: byte-order mark, XML declaration or meta charset."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def decode_page(data: bytes) -> Decoded:
    """The page as UTF-8: the declared charset honoured, else UTF-8 with replacement."""
    declared = declared_encoding(data)
    problems: list[str] = []
    encoding = "utf-8"
    if declared is not None:
        try:
            encoding = codecs.lookup(declared).name
        except LookupError:
            problems.append(f"unknown charset {declared!r} declared; read as UTF-8")
    if encoding == "utf-8":
        try:
            data.decode("utf-8")
            return Decoded(data, encoding, problems)
        except UnicodeDecodeError as exc:
            problems.append(f"not valid UTF-8 (byte {exc.start}); undecodable bytes replaced by U+FFFD")
            return Decoded(data.decode("utf-8", "replace").encode("utf-8"), encoding, problems)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        problems.append(f"not valid {encoding} (byte {exc.start}); undecodable bytes replaced by U+FFFD")
        text = data.decode(encoding, "replace")
    return Decoded(text.lstrip("\ufeff").encode("utf-8"), encoding, problems)


_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True)


def parse_html(data: bytes) -> tuple[etree._Element | None, list[str]]:
    """The root element of UTF-8 HTML bytes (None when there is no document at all), and
    the parser's fatal errors: where it gave up (a resource limit such as excessive nesting),
    content after that point is lost."""
    try:
        root = etree.fromstring(data, _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError):
        return None, []
    fatal = [f"line {e.line}: {e.message}" for e in _PARSER.error_log if e.level_name == "FATAL"]
    return root, fatal


def classes(element: etree._Element) -> list[str]:
    """The element's class names."""
    value = element.get("class")
    return value.split() if value else []


def text_of(element: etree._Element) -> str:
    """All text inside an element, on one line."""
    return inline_text("".join(element.itertext()))


# --- block lines ---------------------------------------------------------------------


@dataclass
class Line:
    """One drawn line of a block: its text, whether all of it is bold, whether a list item.

    A line can also stand for an element the caller asked to handle itself (``kind``
    names it, ``element`` is it; ``text`` is then empty).
    """

    text: str
    bold: bool = False
    item: bool = False
    kind: str = ""
    element: etree._Element | None = None


# Says which elements the caller handles itself (a kind name) and which are text (None).
Special = Callable[[etree._Element], "str | None"]


class _LineBuilder:
    """Collects inline text and cuts it into lines at block boundaries."""

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.parts: list[str] = []
        self.all_bold = True
        self.prefix = ""

    def add(self, text: str | None, bold: bool) -> None:
        if text:
            self.parts.append(text)
            if not bold and not text.isspace():
                self.all_bold = False

    def flush(self) -> None:
        text = inline_text("".join(self.parts)) if self.parts else ""
        if text:
            item = self.prefix == "- "
            self.lines.append(Line(self.prefix + text, self.all_bold and not self.prefix, item))
            self.prefix = ""
        self.parts, self.all_bold = [], True

    def verbatim(self, element: etree._Element) -> None:
        """A ``<pre>``: its lines as written."""
        self.flush()
        for raw in "".join(element.itertext()).split("\n"):
            line = verbatim_line(raw)
            if line.strip():
                self.lines.append(Line(line))


def block_lines(elements: Iterable[etree._Element], special: Special | None = None) -> list[Line]:
    """The lines a browser would draw for ``elements`` (in order), text cleaned.

    ``<pre>`` lines are kept as written. An element for which ``special`` gives a kind is
    not read: it becomes one :class:`Line` of that kind, in its place.
    """
    out = _LineBuilder()
    for element in elements:
        _walk(element, out, special)
    out.flush()
    return out.lines


def _walk(root: etree._Element, out: _LineBuilder, special: Special | None) -> None:
    """Visit ``root`` once, feeding text and block boundaries to ``out``.

    Elements that are not read (skipped, ``<pre>``, special) are left out of the bold
    count on both events, so that ``start`` and ``end`` stay balanced.
    """
    bold = 0
    opaque: set[etree._Element] = set()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if event == "start":
            kind = _opaque_kind(node, tag, special)
            if kind is not None:
                _take_opaque(node, kind, out)
                opaque.add(node)
                walker.skip_subtree()
                continue
            bold += tag in BOLD_TAGS
            _open(node, tag, out)
            out.add(node.text, bold > 0)
            continue
        if node in opaque:
            out.flush()
        else:
            bold -= tag in BOLD_TAGS
            if tag in BLOCK_TAGS or tag == "br":
                out.flush()
        if node is not root:
            out.add(node.tail, bold > 0)


def _opaque_kind(node: etree._Element, tag: str, special: Special | None) -> str | None:
    """Why an element's text is not read as inline text, or None when it is."""
    if tag in SKIP_TAGS or "notetitle" in classes(node):
        return "skip"
    kind = special(node) if special is not None else None
    if kind is None and tag == "pre":
        return "pre"
    return kind


def _take_opaque(node: etree._Element, kind: str, out: _LineBuilder) -> None:
    """A ``<pre>`` gives its lines; a special element a placeholder line; the rest nothing."""
    if kind == "pre":
        out.verbatim(node)
    elif kind != "skip":
        out.flush()
        out.lines.append(Line("", kind=kind, element=node))


def _open(node: etree._Element, tag: str, out: _LineBuilder) -> None:
    """Block boundary at an element's start; list items and notes mark their first line."""
    if tag in BLOCK_TAGS or tag == "br":
        out.flush()
    if tag == "li":
        out.prefix = "- "
    elif tag == "div" and "note" in classes(node):
        out.prefix = "Note: "


# --- styled lines of a <pre> ---------------------------------------------------------


@dataclass
class Run:
    """A piece of a line and whether it is bold."""

    text: str
    bold: bool


def styled_lines(pre: etree._Element) -> list[list[Run]]:
    """The lines of a ``<pre>`` as written, each a list of runs (bold or not)."""
    lines: list[list[Run]] = [[]]
    bold = 0

    def add(text: str | None) -> None:
        if not text:
            return
        first, *rest = text.split("\n")
        lines[-1].append(Run(first, bold > 0))
        for piece in rest:
            lines.append([Run(piece, bold > 0)])

    skipped: set[etree._Element] = set()
    walker = etree.iterwalk(pre, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if event == "start":
            if tag in SKIP_TAGS:
                skipped.add(node)
                walker.skip_subtree()
                continue
            bold += tag in BOLD_TAGS
            add(node.text)
            if tag == "br":
                lines.append([])
            continue
        if node not in skipped:
            bold -= tag in BOLD_TAGS
        if node is not pre:
            add(node.tail)
    return lines
