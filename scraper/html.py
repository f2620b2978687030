"""A HedEx / support-site HTML command page -> a model Record (PAGE-FORMATS.md, section 1).

The steps, each in its own module: decode and parse the page (:mod:`.html_tree`), find
its metadata, title and sections in one pass (:mod:`.html_sections`), then read each
section: Format (:mod:`.html_format`), Parameters (:mod:`.html_params`), Example
(:mod:`.html_examples`); the short sections are read here. Whatever was inferred or
lost becomes a warning on the command; :func:`.safety.make_safe` has the last word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from lxml import etree
from vrpcmds_model.record import Level, Record, Section, Source, UsageSection, WarningKind
from vrpcmds_runtime.bounds import PAGE_BYTES

from .boilerplate import iso_date
from .errors import NotACommandPage, ScrapeError
from .foreign import comware_reason
from .html_examples import read_examples
from .html_format import read_format
from .html_params import read_parameters
from .html_sections import PageTree, read_page
from .html_tree import Line, block_lines, decode_page, parse_html, text_of
from .paragraphs import Paragraph
from .prose import split_function
from .safety import is_safe_id, make_safe
from .sections import (
    EXAMPLE,
    FORMAT,
    FUNCTION,
    LEVEL,
    PARAMETERS,
    RELATED,
    USAGE,
    VIEWS,
    command_name,
    is_level_line,
)
from .text import slug

SectionReader = Callable[[list[etree._Element], Record], None]
PAGE: Final = "Page"
TITLE: Final = "Title"
# A command identity is keywords (and, on a few pages, the brackets of alternatives).
_KEYWORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./:-]*")
_NAME_TOKEN = re.compile(rf"{_KEYWORD.pattern}|[{{}}\[\]|*]")
_HEADING_WORDS = 6
# A command page is tens of kilobytes; anything this large is not one (and is refused early).
MAX_PAGE_BYTES = PAGE_BYTES


def scrape_html(data: bytes, shown: str, url: str | None = None) -> Record:
    """Read one HTML page; raise NotACommandPage for other topics, ScrapeError when unreadable.

    ``shown`` is the page as the user named it (recorded as the source path and named in
    errors); ``url`` is recorded when the page was fetched.
    """
    page, problems = _read_document(data, shown)
    command = _new_command(page, shown, url)
    for kind, message in problems:
        command.warn(PAGE, kind, message)
    _read_sections(page, command, shown)
    return make_safe(command)


def _read_document(data: bytes, shown: str) -> tuple[PageTree, list[tuple[WarningKind, str]]]:
    """The page's tree, found to be a command page, and what went wrong with it as a whole."""
    if len(data) > MAX_PAGE_BYTES:
        raise ScrapeError(
            shown, PAGE, f"{len(data):,} bytes: larger than any command page ({MAX_PAGE_BYTES:,} at most)"
        )
    decoded = decode_page(data)
    root, fatal = parse_html(decoded.data)
    if root is None or not data.strip(b" \t\r\n\x00"):
        raise ScrapeError(shown, PAGE, "no HTML document in the file (empty)")
    page = read_page(root)
    _check_kind(page, root, shown)
    problems: list[tuple[WarningKind, str]] = [("encoding", problem) for problem in decoded.problems]
    problems += [
        ("html-unreadable", f"the HTML parser gave up ({p}); what follows is lost") for p in fatal[:3]
    ]
    kind = page.meta("DC.Type")
    if kind != "cliref":
        said = f"DC.Type is {kind!r}, not 'cliref'" if kind else "no DC.Type meta"
        problems.append(("page-type", f"{said}; read as a command page because it has a Format section"))
    return page, problems


def _read_sections(page: PageTree, command: Record, shown: str) -> None:
    """Every section, Format first among those that decide whether there is a record."""
    read_function(page.sections.get(FUNCTION), command)
    read_format(page.sections[FORMAT], command)
    if not command.syntax and not command.undo_syntax:
        raise ScrapeError(shown, FORMAT, "no syntax line could be read" + _first_reason(command))
    _check_name(command, shown)
    _read_optional(page, PARAMETERS, command, read_parameters)
    read_views(page.sections.get(VIEWS), command)
    read_level(page.sections.get(LEVEL), command)
    _read_optional(page, USAGE, command, read_usage)
    _read_optional(page, EXAMPLE, command, read_examples)
    if RELATED in page.sections:
        read_related(page.sections[RELATED], command)


def _check_kind(page: PageTree, root: etree._Element, shown: str) -> None:
    """Record pages go on; other topics are skipped, foreign references refused."""
    kind = page.meta("DC.Type")
    if FORMAT in page.sections:
        return
    if kind == "cliref":
        raise ScrapeError(shown, FORMAT, "a command page (DC.Type cliref) without a Format section")
    reason = comware_reason([line.text for line in block_lines([root])])
    if reason:
        raise ScrapeError(shown, PAGE, reason)
    said = f"DC.Type is {kind!r}, not 'cliref'," if kind else "no DC.Type meta"
    raise NotACommandPage(f"{said} and no Format section")


def _first_reason(command: Record) -> str:
    """The first Format warning, to say why no line was read."""
    reason = next((w.message for w in command.warnings if w.section == FORMAT), "")
    return f" ({reason[:200]})" if reason else ""


def _read_optional(page: PageTree, section: Section, command: Record, reader: SectionReader) -> None:
    """Read a section when the page has it; warn when it does not."""
    content = page.sections.get(section)
    if content is None:
        command.warn(section, "section-missing", f"no {section} section")
        return
    reader(content, command)


# --- identity and source -------------------------------------------------------------


def _new_command(page: PageTree, shown: str, url: str | None) -> Record:
    """Identity and source, before any section is read."""
    title = page.title()
    if not title:
        raise ScrapeError(shown, TITLE, "no title: no h1 and no <title>")
    identifier = page.meta("DC.Identifier")
    command = Record(
        id="page", name=command_name(title) or title, title=title, source=_source(page, shown, url)
    )
    if identifier and is_safe_id(identifier):
        command.id = identifier
    else:
        command.id = slug(title)[:120].strip("-") or "page"
        if identifier:
            command.warn(
                PAGE,
                "identifier-unsafe",
                f"DC.Identifier {identifier[:80]!r} is not a safe id; id from the title",
            )
    published = page.meta("DC.Publisher")
    if published and command.source.published is None:
        command.warn(PAGE, "date-unreadable", f"DC.Publisher {published[:40]!r} is not a date")
    return command


def _source(page: PageTree, shown: str, url: str | None) -> Source:
    """Where the page came from, with what its metas say.

    ``feature_area`` is the feature type followed by the feature names it lists
    (``DCN and Network Management / DCB``; ``Basic Configuration / Telnet, Stelnet``), or
    the feature type alone; ``manual`` is the product name and version metas when set.
    """
    published = page.meta("DC.Publisher")
    area = page.meta("featuretype")
    names = page.meta_values("featurename")
    if area and names:
        area = f"{area} / {', '.join(names)}"
    manual = " ".join(v for v in (page.meta("prodname"), page.meta("version")) if v) or None
    return Source(
        path=shown or None,
        url=url or None,
        manual=manual,
        identifier=page.meta("DC.Identifier"),
        published=iso_date(published) if published else None,
        feature_area=area or (", ".join(names) if names else None),
    )


def _check_name(command: Record, shown: str) -> None:
    """The identity must be keywords: otherwise keep its leading keywords, or those of the syntax."""
    tokens = command.name.split()
    good = tokens[: _prefix(tokens, _NAME_TOKEN)]
    if good and len(good) == len(tokens):
        return
    if not good:
        first = (command.syntax or command.undo_syntax)[0].split()
        good = first[: _prefix(first, _KEYWORD)]
    if not good:
        raise ScrapeError(shown, TITLE, f"no command name in the title {command.title[:80]!r}")
    command.warn(
        TITLE,
        "name-unusual",
        f"the title {command.title[:80]!r} is not a command name; named {' '.join(good)!r}",
    )
    command.name = " ".join(good)


def _prefix(tokens: list[str], pattern: re.Pattern[str]) -> int:
    """How many leading tokens match ``pattern``."""
    return next((i for i, t in enumerate(tokens) if not pattern.fullmatch(t)), len(tokens))


# --- short sections ------------------------------------------------------------------


def read_function(content: list[etree._Element] | None, command: Record) -> None:
    """function, undo_function and default; notes join function.

    On the page of an ``undo`` command, its "The undo ... command" sentence is the function.
    """
    lines = block_lines(content or [])
    if not lines:
        command.warn(FUNCTION, "section-missing", "no Function text found")
        return
    paragraphs = [Paragraph([line.text]) for line in lines]
    command.function, command.undo_function, command.default = split_function(paragraphs)
    if command.name.startswith("undo ") and not command.function:
        command.function, command.undo_function = command.undo_function, ""


def read_views(content: list[etree._Element] | None, command: Record) -> None:
    """Views: one per line or comma-separated (trailing commas dropped)."""
    for line in block_lines(content or []):
        for item in line.text.split(","):
            view = item.strip()
            if view and view not in command.views:
                command.views.append(view)
    if not command.views:
        command.warn(VIEWS, "section-missing", "no view found")


def read_level(content: list[etree._Element] | None, command: Record) -> None:
    """The ``N: ... level`` line of Default Level."""
    for line in block_lines(content or []):
        match = is_level_line(line.text)
        if match and int(match.group("number")) <= 15:
            command.level = Level(int(match.group("number")), match.group("name").strip())
            return
    command.warn(LEVEL, "section-missing", "no 'N: ... level' line found")


def read_usage(content: list[etree._Element], command: Record) -> None:
    """Usage Guidelines by bold sub-heading (Usage Scenario, Prerequisites, Precautions...)."""
    sections: list[UsageSection] = []
    previous: Line | None = None
    for line in block_lines(content):
        if _is_subheading(line):
            sections.append(UsageSection(line.text.rstrip(":").strip(), ""))
        elif not sections:
            sections.append(UsageSection("", line.text))
        else:
            joint = "\n" if line.item and previous is not None and previous.item else "\n\n"
            current = sections[-1]
            current.text = f"{current.text}{joint}{line.text}" if current.text else line.text
        previous = line
    command.usage = [s for s in sections if s.heading or s.text]
    if [(s.heading, s.text) for s in command.usage] == [("", "None")]:
        command.usage = []  # the page says there is nothing to say


def _is_subheading(line: Line) -> bool:
    """A short line entirely in bold, not a sentence."""
    return line.bold and len(line.text.split()) <= _HEADING_WORDS and not line.text.endswith(".")


def read_related(content: list[etree._Element], command: Record) -> None:
    """The titles of the related topics (their links, else their lines)."""
    titles = [text_of(a) for element in content for a in element.iter("a")]
    if not titles:
        titles = [line.text for line in block_lines(content)]
    for title in titles:
        if title and title != "Related Topics" and title not in command.related:
            command.related.append(title)
