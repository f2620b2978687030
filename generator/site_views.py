"""Page contents as templates receive them: decisions made, text not yet escaped.

Templates only lay these out. Strings here are cleaned (``site_escape.clean`` /
``one_line``) but not escaped: HTML templates autoescape them, Markdown templates
escape them with the ``md`` filter. The only pre-built markup is the diagram SVG and
the highlighted Python snippet (``Markup``), both written by code that escapes the
text it draws.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from typing import Literal

from markupsafe import Markup, escape
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from vrpcmds_model.record import Example, Level, Parameter, Record, UsageSection, Value
from vrpcmds_runtime.matcher import match
from vrpcmds_runtime.render import render
from vrpcmds_runtime.tree import Argument, Keyword, Node, walk

from . import site_escape as esc
from .site_diagram import DiagramError, diagram_svg, parsed
from .site_escape import Safe
from .site_plan import Area, ArgumentDoc, ClassDoc, CommandPage, href, slug

_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./:-]{0,63}")  # a safe subset of notation.WORD
_PROMPT = re.compile(r"^\s*(?:<[^<>]*>|\[[^\[\]]*\])\s*")
_ADDRESS = {"ipv4": "IPv4 address", "ipv6": "IPv6 address", "mac": "MAC address"}
_ITEM = "- "  # the scraper's mark for a list item
_NOTE = "Note: "  # and for a note
_EDOC = re.compile(r"EDOC\d{6,}")  # a document number of the vendor's support site
_VENDOR_DOC = "https://support.huawei.com/enterprise/en/doc/"
_PYTHON = PythonLexer()
_FORMATTER = HtmlFormatter(nowrap=True)


# --- prose ------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph (``p``), a note (``note``) or a bulleted list (``ul``) of prose."""

    kind: Literal["p", "note", "ul"]
    lines: tuple[str, ...]


def blocks(value: str) -> list[Block]:
    """Prose split at its line breaks: runs of ``- `` lines become one list, ``Note: `` lines notes."""
    out: list[Block] = []
    for raw in esc.clean(value).split("\n"):
        line = esc.one_line(raw)
        if not line:
            continue
        if raw.lstrip().startswith(_ITEM) and len(line) > 1:
            item = line.removeprefix(_ITEM.strip()).strip()
            if out and out[-1].kind == "ul":
                out[-1] = Block("ul", (*out[-1].lines, item))
            else:
                out.append(Block("ul", (item,)))
        elif line.startswith(_NOTE) and len(line) > len(_NOTE):
            out.append(Block("note", (line[len(_NOTE) :],)))
        else:
            out.append(Block("p", (line,)))
    return out


# --- command pages ---------------------------------------------------------------


@dataclass(frozen=True)
class Form:
    code: str
    svg: Markup | None
    problem: str  # why there is no diagram; empty when there is one


@dataclass(frozen=True)
class FormGroup:
    """Forms valid in the same views on the same models; ``views``/``models`` empty when not stated."""

    views: tuple[str, ...]
    models: tuple[str, ...]
    forms: tuple[Form, ...]


@dataclass(frozen=True)
class Row:
    name: str
    description: list[Block]
    value: str


@dataclass(frozen=True)
class Section:
    heading: str  # empty for text before any sub-heading
    blocks: list[Block]


@dataclass(frozen=True)
class ExampleView:
    description: list[Block]
    code: str


@dataclass(frozen=True)
class SourceItem:
    label: str
    value: str
    url: str | None  # a link target (checked http(s) URL), else None


@dataclass(frozen=True)
class Variant:
    """One record on a page; ``heading`` is its title when the page has several records."""

    heading: str | None
    function: list[Block]
    parameters: list[Row]
    views: list[str]
    level: str | None
    usage: list[Section]
    examples: list[ExampleView]
    source: list[SourceItem]
    anchor: str  # the HTML id of the source list


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    note: str  # short description, may be empty


def command_view(page: CommandPage) -> dict[str, object]:
    """Template context of a command page."""
    several = len(page.records) > 1
    own_title = page.records[0].title if not several and page.records[0].title != page.name else ""
    return {
        "title": esc.one_line(page.name),  # the heading, and what search matches first
        "page_title": esc.one_line(
            own_title
        ),  # the manual's title, when it differs (``mtu (interface view)``)
        "meta": page_meta(esc.text(page.name), search_boost(page.name), search_words(page.records)),
        "count": len(page.records),
        "h": 3 if several else 2,  # the heading level of a record's sections
        "forms": form_groups(page.records, undo=False),
        "undo_forms": form_groups(page.records, undo=True),
        "variants": [variant(cmd, several, page.manual) for cmd in page.records],
        "python": python_markup(python_usage(page)),
        "class_name": page.class_name,
        "classes": [class_view(c, page.class_name) for c in page.classes],
    }


@dataclass(frozen=True)
class ClassView:
    """A bindings class of the page, its arguments as one-line text for the (autoescaped)
    template; ``variant`` when it is a variant of the page's class."""

    name: str
    arguments: list[ArgumentDoc]
    variant: bool


def class_view(doc: ClassDoc, page_class: str) -> ClassView:
    one = esc.one_line
    arguments = [
        replace(a, name=one(a.name), type=one(a.type), values=one(a.values), description=one(a.description))
        for a in doc.arguments
    ]
    return ClassView(esc.one_line(doc.name), arguments, doc.name != page_class)


def variant(cmd: Record, several: bool, manual: str = "") -> Variant:
    return Variant(
        heading=esc.one_line(cmd.title) if several else None,
        function=[b for text in (cmd.function, cmd.undo_function, cmd.default) for b in blocks(text)],
        parameters=[parameter_row(p) for p in cmd.parameters],
        views=[esc.one_line(v) for v in cmd.views],
        level=level_text(cmd.level),
        usage=[usage_section(u) for u in cmd.usage],
        examples=[example_view(e) for e in cmd.examples],
        source=source_items(cmd, manual),
        anchor=source_anchor(cmd),
    )


def search_boost(name: str) -> str:
    """The page's search weight, ``1 + 1/n`` for a name of n keywords: among equal matches, short names first.

    ``eth-trunk`` (1 keyword, 2.0) comes before ``display eth-trunk`` (2 keywords, 1.5)
    for the query ``eth-trunk``; a name matching more of the query still wins.
    """
    return f"{1 + 1 / (len(name.split()) or 1):.2f}"


def page_meta(title: Safe, boost: str, tags: list[Safe]) -> dict[str, object]:
    """A command page's title, search boost and tags, for its meta line (``site.render``).

    The site's hook reads them from a comment on the page's first line (parsing YAML
    front matter took a fifth of the site's build beyond a plain one). The title is
    escaped text, as in front matter.
    """
    return {"title": title, "search": {"boost": float(boost)}, **({"tags": tags} if tags else {})}


def meta_json(data: dict[str, object]) -> Safe:
    """A page's meta as one line of JSON holding no ``<`` or ``>``, so that no text can end its comment."""
    return Safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e"))


_NOT_ID = re.compile(r"[^a-z0-9]+")


class Headings:
    """The headings of one page as its templates write them: each gets an id unique on the
    page, and ``entries`` ([level, id, title as HTML]) make its table of contents."""

    def __init__(self) -> None:
        self.entries: list[list[object]] = []
        self._taken: set[str] = set()

    def add(self, level: int, text: str) -> str:
        """The id of a new heading of ``text`` (raw text, as the template escapes it)."""
        base = _NOT_ID.sub("-", text.lower()).strip("-") or "section"
        anchor, n = base, 0
        while anchor in self._taken:
            n += 1
            anchor = f"{base}_{n}"
        self._taken.add(anchor)
        self.entries.append([level, anchor, str(escape(text.strip()))])
        return anchor


def search_words(records: tuple[Record, ...]) -> list[Safe]:
    """The keywords and argument names of the page's forms, in order: the page's search ``tags``.

    Search weighs a match in the tags just below one in the name, so a command whose
    syntax holds the words of a query comes before pages that only mention them;
    Material shows the tags under each result. Its query parser splits ``seq-num`` into
    ``seq`` and ``num`` whatever the separator says, so a hyphenated keyword finds its
    command first this way. The words come from parsed trees (``notation.WORD``:
    letters, digits and ``_./:-``); anything else is dropped, since Material writes tags
    into the results list as HTML. ``undo``, common to every undo form, is left out.
    """
    words: dict[str, str] = {}  # lower case -> as first written
    for cmd in records:
        for text in (*cmd.syntax, *cmd.undo_syntax):
            try:
                tree = parsed(text)
            except ValueError:
                continue
            for word in (_word(node) for node in walk(tree)):
                if _TAG.fullmatch(word) and word != "undo":
                    words.setdefault(word.lower(), word)
    return [Safe(word) for word in words.values()]


def _word(node: Node) -> str:
    """The word a keyword or argument stands for; empty for groups."""
    if isinstance(node, Keyword):
        return node.text
    return node.name if isinstance(node, Argument) else ""


def form_groups(records: tuple[Record, ...], undo: bool) -> list[FormGroup]:
    """The main (or undo) forms of a page, grouped by the views and models they apply to.

    Views label a group only when the page has several records (they differ by view);
    models come from the record's applicability lines (``form_models``). Groups keep
    the order in which their first form appears.
    """
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Form]] = {}
    for cmd in records:
        views = tuple(esc.one_line(v) for v in cmd.views) if len(records) > 1 else ()
        models = {fm.form: tuple(esc.one_line(m) for m in fm.models) for fm in reversed(cmd.form_models)}
        for text in cmd.undo_syntax if undo else cmd.syntax:
            groups.setdefault((views, models.get(text, ())), []).append(form_view(text))
    return [FormGroup(views, models, tuple(forms)) for (views, models), forms in groups.items()]


def form_view(form: str) -> Form:
    """A syntax form as text and, when it parses, its diagram."""
    try:
        return Form(esc.code(form), Markup(diagram_svg(form)), "")
    except DiagramError as exc:
        return Form(esc.code(form), None, esc.one_line(f"No diagram: this form does not parse ({exc})."))


def parameter_row(param: Parameter) -> Row:
    return Row(esc.one_line(param.name), blocks(param.description), esc.one_line(value_summary(param.value)))


def value_summary(value: Value) -> str:
    """The Value cell in short form: ``integer 1-1440, seconds, default 60``, ``one of new, old``, ``-``."""
    head = _value_head(value)
    parts = [head] if head else []
    if value.unit:
        parts.append(value.unit)
    if value.case_sensitive is not None:
        parts.append("case-sensitive" if value.case_sensitive else "case-insensitive")
    if value.spaces:
        parts.append("spaces allowed in quotes")
    if value.default:
        parts.append(f"default {value.default}")
    return ", ".join(parts) or "-"


def _value_head(value: Value) -> str:
    if value.type == "integer":
        return f"integer{_range(value.min, value.max, '')}"
    if value.type == "string":
        return f"string{_range(value.min_length, value.max_length, ' characters')}"
    if value.type == "enum" and value.choices:
        return "one of " + ", ".join(value.choices)
    if value.type in _ADDRESS:
        return _ADDRESS[value.type]
    if value.type == "none":
        return ""
    return " ".join(value.text.split()) or ("" if value.type == "text" else value.type)


def _range(low: int | None, high: int | None, unit: str) -> str:
    if low is not None and high is not None:
        return f" {low}-{high}{unit}"
    if low is not None:
        return f" of at least {low}{unit}"
    if high is not None:
        return f" up to {high}{unit}"
    return ""


def level_text(level: Level | None) -> str | None:
    return esc.one_line(f"{level.number}: {level.name}") if level else None


def usage_section(section: UsageSection) -> Section:
    return Section(esc.one_line(section.heading), blocks(section.text))


def example_view(example: Example) -> ExampleView:
    return ExampleView(blocks(example.description), esc.code("\n".join(example.lines)))


def source_items(cmd: Record, manual: str = "") -> list[SourceItem]:
    """Where the page comes from: its manual, page id, date, feature area and a link to follow.

    The manual is the record's own (with its document id), else ``manual``, the name the
    site gives the records' manual. The link is the page's URL when it is plain http(s);
    else the manual's page on the vendor's support site when the document id is one of
    its ``EDOC`` numbers; else this page's own address on the site. The file the page
    was read from is never shown: its path only means something on the machine that
    built the site.
    """
    src = cmd.source
    title = src.manual or manual
    items = [
        ("Manual", f"{title} ({src.doc_id})" if title and src.doc_id else title or src.doc_id, None),
        ("Page ID", src.identifier or cmd.id, None),
        ("Published", src.published, None),
        ("Feature area", src.feature_area, None),
        _source_link(cmd),
    ]
    return [SourceItem(label, esc.one_line(value), url) for label, value, url in items if value]


def _source_link(cmd: Record) -> tuple[str, str, str | None]:
    """Label, text and target of the link under a page's source (see ``source_items``)."""
    url = esc.safe_url(cmd.source.url or "")
    if url:
        return ("Vendor page", url, url)
    if _EDOC.fullmatch(cmd.source.doc_id or ""):
        return ("Manual online", f"{_VENDOR_DOC}{cmd.source.doc_id}", f"{_VENDOR_DOC}{cmd.source.doc_id}")
    return ("Link", "this page", f"#{source_anchor(cmd)}")


def source_anchor(cmd: Record) -> str:
    """The HTML id of a record's source list: ``source-`` and its page id as a slug."""
    return f"source-{slug(cmd.id)}"


# --- the Python snippet -------------------------------------------------------------


def python_usage(page: CommandPage) -> str:
    """The snippet that imports the page's class, reading back an example line when one matches."""
    cls = page.class_name
    lines = [f"from vrpcmds import {cls}", ""]
    found = example_line(page.records)
    if found:
        line, canonical = found
        lines += [f"cmd = {cls}.parse({_py_string(line)})", f"print(cmd)  # {canonical}"]
    lines.append(f"help({cls})  # keyword arguments, forms, views and level")
    return "\n".join(lines)


def python_markup(source: str) -> Markup:
    """``source`` highlighted as Material's code blocks are (``.highlight`` spans, copy button)."""
    spans = highlight(esc.clean(source), _PYTHON, _FORMATTER).rstrip("\n")
    return Markup(
        f'<div class="language-python highlight"><pre><span></span><code>{spans}</code></pre></div>'
    )


def example_line(records: tuple[Record, ...]) -> tuple[str, str] | None:
    """The first example line (prompt removed) that a main form matches, and that line as rendered."""
    forms = []
    for cmd in records:
        for text in cmd.syntax:
            try:
                forms.append(parsed(text))
            except ValueError:
                continue
    for cmd in records:
        for example in cmd.examples:
            for raw in example.lines:
                line = _PROMPT.sub("", raw).strip()
                for form in forms if line else ():
                    try:
                        return line, render(form, match(form, line))
                    except ValueError:
                        continue
    return None


def _py_string(value: str) -> str:
    """A double-quoted Python literal (command lines hold no control characters)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- index pages ---------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A heading and the page links under it (index pages)."""

    heading: str
    links: list[Link]


def page_link(page: CommandPage, source: str, note: bool = True) -> Link:
    """A link from page ``source`` to a command page, with its first function sentence as the note."""
    function = next((c.function for c in page.records if c.function), "") if note else ""
    first = esc.clean(function).split("\n", 1)[0]
    return Link(esc.one_line(page.name), href(page.path, source), esc.one_line(first))


def area_link(area: Area, source: str, short: bool = False) -> Link:
    title = area.short_title if short else area.title
    return Link(esc.one_line(title), href(area.path, source), plural(len(area.pages), "command"))


def plural(count: int, noun: str) -> str:
    """``1 command``, ``2 commands``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def categories(areas: list[Area], source: str) -> list[Group]:
    """Area links grouped by category (areas without one form a group with an empty heading)."""
    groups: dict[str, list[Link]] = {}
    for area in areas:
        groups.setdefault(area.category, []).append(area_link(area, source, short=bool(area.category)))
    return [Group(esc.one_line(name), links) for name, links in groups.items()]


def views_index(areas: list[Area], source: str) -> list[Group]:
    """Pages grouped by the views their records are valid in."""
    by_view: dict[str, list[CommandPage]] = {}
    for page in _pages(areas):
        views = {esc.one_line(v) for cmd in page.records for v in cmd.views} or {"No view documented"}
        for view in views:
            by_view.setdefault(view, []).append(page)
    return _groups(by_view, source, sorted(by_view, key=lambda v: (v.casefold(), v)))


def levels_index(areas: list[Area], source: str) -> list[Group]:
    """Pages grouped by their default command level."""
    by_level: dict[tuple[int, str], list[CommandPage]] = {}
    for page in _pages(areas):
        levels = {(c.level.number, c.level.name) for c in page.records if c.level} or {(-1, "")}
        for level in levels:
            by_level.setdefault(level, []).append(page)
    titles = {lv: f"{lv[0]}: {lv[1]}" if lv[0] >= 0 else "No level documented" for lv in by_level}
    return _groups(
        {titles[lv]: by_level[lv] for lv in by_level}, source, [titles[lv] for lv in sorted(by_level)]
    )


def letters_index(areas: list[Area], source: str) -> list[Group]:
    """All pages from A to Z, one group per initial (digits and symbols first, as ``#``)."""
    by_letter: dict[str, list[Link]] = {}
    for page in _pages(areas):
        initial = page.name.strip()[:1].upper()
        by_letter.setdefault(initial if initial.isalpha() else "#", []).append(page_link(page, source))
    return [Group(letter, by_letter[letter]) for letter in sorted(by_letter)]


def _groups(pages: dict[str, list[CommandPage]], source: str, order: list[str]) -> list[Group]:
    return [
        Group(
            esc.one_line(key), [page_link(p, source, note=False) for p in sorted(pages[key], key=_page_key)]
        )
        for key in order
    ]


def _pages(areas: list[Area]) -> list[CommandPage]:
    return sorted((p for a in areas for p in a.pages), key=_page_key)


def _page_key(page: CommandPage) -> tuple[str, str]:
    return (page.name.casefold(), page.path)
