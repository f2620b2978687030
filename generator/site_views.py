"""Page contents as templates receive them: every string already escaped (``Safe``).

Templates only lay these out. Anything taken from a record goes through
``site_escape`` here; literal text becomes a fenced code block, prose becomes escaped
paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vrpcmds_model.record import Command, Example, Level, Parameter, Source, UsageSection, Value
from vrpcmds_runtime.matcher import match
from vrpcmds_runtime.notation import parse_form
from vrpcmds_runtime.render import render

from . import site_escape as esc
from .site_diagram import DiagramError, diagram_svg
from .site_escape import Safe
from .site_plan import Area, CommandPage, relative

_PROMPT = re.compile(r"^\s*(?:<[^<>]*>|\[[^\[\]]*\])\s*")
_ADDRESS = {"ipv4": "IPv4 address", "ipv6": "IPv6 address", "mac": "MAC address"}


@dataclass(frozen=True)
class Form:
    code: Safe
    svg: Safe | None
    problem: Safe | None  # why there is no diagram


@dataclass(frozen=True)
class Row:
    name: Safe
    description: Safe
    value: Safe


@dataclass(frozen=True)
class Section:
    heading: Safe  # empty for text before any sub-heading
    paragraphs: list[Safe]


@dataclass(frozen=True)
class ExampleView:
    paragraphs: list[Safe]
    code: Safe


@dataclass(frozen=True)
class Variant:
    """One record on a page; ``h`` is the Markdown heading mark of its sections."""

    heading: Safe | None  # the record's title when the page has several records
    h: Safe
    function: list[Safe]
    forms: list[Form]
    undo_forms: list[Form]
    parameters: list[Row]
    views: list[Safe]
    level: Safe | None
    usage: list[Section]
    examples: list[ExampleView]
    source: list[tuple[Safe, Safe]]


@dataclass(frozen=True)
class Link:
    text: Safe
    href: Safe
    note: Safe  # short description, may be empty


@dataclass(frozen=True)
class Group:
    """A heading and the page links under it (index pages)."""

    heading: Safe
    links: list[Link]


def command_view(page: CommandPage) -> dict[str, object]:
    """Template context of a command page."""
    several = len(page.records) > 1
    title = page.name if several else page.records[0].title
    return {
        "title": esc.text(title),
        "variants": [variant(cmd, several) for cmd in page.records],
        "count": len(page.records),
        "python": esc.code_block(python_usage(page), "python"),
    }


def variant(cmd: Command, several: bool) -> Variant:
    return Variant(
        heading=esc.text(cmd.title) if several else None,
        h=Safe("###" if several else "##"),
        function=[p for text in (cmd.function, cmd.undo_function, cmd.default) for p in esc.paragraphs(text)],
        forms=[form_view(f) for f in cmd.syntax],
        undo_forms=[form_view(f) for f in cmd.undo_syntax],
        parameters=[parameter_row(p) for p in cmd.parameters],
        views=[esc.text(v) for v in cmd.views],
        level=level_text(cmd.level),
        usage=[usage_section(u) for u in cmd.usage],
        examples=[example_view(e) for e in cmd.examples],
        source=source_items(cmd.source),
    )


def form_view(form: str) -> Form:
    """A syntax form as a code block and, when it parses, its diagram."""
    try:
        return Form(esc.code_block(form), diagram_svg(form), None)
    except DiagramError as exc:
        return Form(esc.code_block(form), None, esc.text(f"No diagram: this form does not parse ({exc})."))


def parameter_row(param: Parameter) -> Row:
    desc = Safe("<br>".join(esc.paragraphs(param.description))) or esc.text("-")
    return Row(esc.text(param.name), desc, esc.text(value_summary(param.value)))


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


def level_text(level: Level | None) -> Safe | None:
    return esc.text(f"{level.number}: {level.name}") if level else None


def usage_section(section: UsageSection) -> Section:
    return Section(esc.text(section.heading), esc.paragraphs(section.text))


def example_view(example: Example) -> ExampleView:
    return ExampleView(esc.paragraphs(example.description), esc.code_block("\n".join(example.lines)))


def source_items(src: Source) -> list[tuple[Safe, Safe]]:
    """Label and value of every source field that is set."""
    items = [
        ("Manual", src.manual and esc.text(src.manual)),
        ("Document ID", src.doc_id and esc.text(src.doc_id)),
        ("Topic", src.identifier and esc.text(src.identifier)),
        ("Published", src.published and esc.text(src.published)),
        ("Feature area", src.feature_area and esc.text(src.feature_area)),
        ("Page", src.url and esc.link(src.url)),
        ("File", src.path and esc.text(src.path)),
    ]
    return [(Safe(label), value) for label, value in items if value]


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


def example_line(records: tuple[Command, ...]) -> tuple[str, str] | None:
    """The first example line (prompt removed) that a main form matches, and that line as rendered."""
    forms = []
    for cmd in records:
        for text in cmd.syntax:
            try:
                forms.append(parse_form(text))
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


def page_link(page: CommandPage, source: str, note: bool = True) -> Link:
    """A link from page ``source`` to a command page, with its function as the note."""
    function = next((c.function for c in page.records if c.function), "") if note else ""
    return Link(esc.text(page.name), Safe(relative(page.path, source)), esc.text(function))


def area_link(area: Area, source: str) -> Link:
    return Link(esc.text(area.title), Safe(relative(area.path, source)), plural(len(area.pages), "command"))


def plural(count: int, noun: str) -> Safe:
    """``1 command``, ``2 commands`` (our own words: nothing to escape)."""
    return Safe(f"{count} {noun}" if count == 1 else f"{count} {noun}s")


def views_index(areas: list[Area], source: str) -> list[Group]:
    """Pages grouped by the views their records are valid in."""
    by_view: dict[str, list[CommandPage]] = {}
    for page in _pages(areas):
        views = {v for cmd in page.records for v in cmd.views} or {"No view documented"}
        for view in views:
            by_view.setdefault(" ".join(view.split()), []).append(page)
    return _groups(by_view, source, sorted(by_view, key=str.casefold))


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


def _groups(pages: dict[str, list[CommandPage]], source: str, order: list[str]) -> list[Group]:
    return [
        Group(esc.text(key), [page_link(p, source, note=False) for p in sorted(pages[key], key=_page_key)])
        for key in order
    ]


def _pages(areas: list[Area]) -> list[CommandPage]:
    return sorted((p for a in areas for p in a.pages), key=_page_key)


def _page_key(page: CommandPage) -> tuple[str, str]:
    return (page.name.casefold(), page.path)


def all_pages(areas: list[Area], source: str) -> list[Link]:
    return [page_link(p, source) for p in _pages(areas)]
