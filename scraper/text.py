"""A plain-text dump of a command page -> a model Record (PAGE-FORMATS.md, section 2).

The steps, each in its own module: reject foreign pages (:mod:`.foreign`), drop the
site around the page and keep its metadata (:mod:`.boilerplate`), find the title and
sections (:mod:`.sections`), then read each section: Function and Usage Guidelines
(:mod:`.prose`), Format (:mod:`.syntax`), Parameters (:mod:`.tables`,
:mod:`.parameters`), Example (:mod:`.examples`). Whatever was inferred or lost becomes
a warning on the command.
"""

from __future__ import annotations

import re

from vrpcmds_model.record import Level, Record, Source
from vrpcmds_runtime.bounds import PARAMETERS_PER_PAGE

from .boilerplate import PageMeta, strip_site, take_metadata
from .errors import ScrapeError
from .examples import split_examples
from .foreign import comware_reason
from .marks import paired_words
from .paragraphs import split_paragraphs
from .parameters import add_pairs, build_parameters, knowledge, recover_names
from .prose import split_function, split_usage
from .sections import (
    EXAMPLE,
    FORMAT,
    FUNCTION,
    LEVEL,
    PARAMETERS,
    USAGE,
    VIEWS,
    PageText,
    command_name,
    is_level_line,
    is_view_label,
    leading_words,
    locate,
)
from .syntax import mark_syntax, syntax_lines, syntax_words
from .tables import Table, read_table
from .text_evidence import page_hints
from .text_pages import split_commands

_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)


def parse_text(text: str, shown_path: str) -> Record:
    """Read one text dump; ``shown_path`` is recorded as the source and named in errors."""
    lines = normalise(text)
    reason = comware_reason(lines)
    if reason:
        raise ScrapeError(shown_path, "Page", reason)
    meta = PageMeta()
    parts = split_commands(take_metadata(strip_site(lines), meta))
    page = locate(parts[0].lines)
    if not page.title:
        raise ScrapeError(shown_path, "Title", "the page is empty once the site boilerplate is removed")
    command = new_command(page.title, shown_path, meta)
    if len(parts) > 1:
        others = ", ".join(f"{p.name!r} (line {p.start + 1} of the page text)" for p in parts[1:])
        command.warn(
            "Page",
            "content-not-kept",
            f"the page documents {len(parts)} commands; this record is the first, not read: {others}",
        )
    if page.title_from_function:
        command.warn(
            "Title",
            "section-missing",
            f"no title line (the page starts with its Function sentence); "
            f"the command name {command.name!r} is read from that sentence",
        )
    read_function(page, command)
    read_format_and_parameters(page, command, shown_path)
    read_views(page, command)
    read_level(page, command)
    read_usage(page, command)
    command.examples = split_examples(split_paragraphs(page.body(EXAMPLE)))
    return command


def normalise(text: str) -> list[str]:
    """Lines of a dump: LF line ends, no invisible characters, no-break spaces as spaces,
    a literal ``<br />`` left in the text as a line break (not in Markdown rows, where it
    separates the items of a cell)."""
    text = text.translate(_INVISIBLE).replace("\u00a0", " ")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [part.rstrip() for line in lines for part in _line_breaks(line)]


def _line_breaks(line: str) -> list[str]:
    return [line] if line.lstrip().startswith("|") else _BR.split(line)


def slug(title: str) -> str:
    """A page id from its title: lower case, runs of other characters as one hyphen."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def new_command(title: str, shown_path: str, meta: PageMeta) -> Record:
    """The record's identity and source, before any section is read."""
    source = Source(path=shown_path, manual=meta.manual, doc_id=meta.doc_id, published=meta.published)
    return Record(id=slug(title) or "page", name=command_name(title) or title, title=title, source=source)


def read_function(page: PageText, command: Record) -> None:
    """function, undo_function and default from the Function section.

    On the page of an ``undo`` command, its "The undo ... command" sentence is the function.
    """
    paragraphs = split_paragraphs(page.body(FUNCTION))
    command.function, command.undo_function, command.default = split_function(paragraphs)
    if command.name.startswith("undo ") and not command.function:
        command.function, command.undo_function = command.undo_function, ""
    if not paragraphs:
        command.warn(FUNCTION, "section-missing", "no Function text found")


def read_format_and_parameters(page: PageText, command: Record, shown_path: str) -> None:
    """Syntax forms and parameters: the table is the evidence for the syntax marks."""
    lines = syntax_lines(take_view_labels(page.body(FORMAT), command), command)
    refused = [w.message for w in command.warnings if w.section == FORMAT and w.kind == "syntax-unreadable"]
    if not lines and refused:
        raise ScrapeError(shown_path, FORMAT, "no syntax line could be read: " + refused[0])
    if not lines:
        first = command.name.split()[0]
        raise ScrapeError(
            shown_path,
            FORMAT,
            f"no syntax line found (none starts with {first!r} or "
            f"'undo {first}', the command name from the title {command.title!r})",
        )
    leading = leading_words(command.name)
    words = syntax_words(lines)
    table = read_table(page.body(PARAMETERS), set(words))
    if len(table.rows) > PARAMETERS_PER_PAGE:
        command.warn(
            PARAMETERS,
            "content-not-kept",
            f"more than {PARAMETERS_PER_PAGE} parameter rows: the rest are not read",
        )
        del table.rows[PARAMETERS_PER_PAGE:]
    recover_names(table.rows, words, leading, command)
    know = knowledge(table.rows, words)
    add_pairs(know, paired_words(line for line, _ in lines))
    if not _table_complete(page, table):
        for word, hint in page_hints((line for line, _ in lines), leading).items():
            know.likely_arguments.setdefault(word, hint)
    mark_syntax(lines, know, leading, command)
    if not command.syntax and not command.undo_syntax:
        reasons = [w.message for w in command.warnings if w.section == FORMAT and w.kind == "syntax-unreadable"]
        raise ScrapeError(shown_path, FORMAT, "no syntax line could be read: " + (reasons or ["see the warnings"])[0])
    command.parameters = build_parameters(table.rows, know, table, command)


def take_view_labels(lines: list[str], command: Record) -> list[str]:
    """The Format lines without the labels naming the view of the forms after them
    (``Manual IPSec policy view:``); each labelled view is kept among the views."""
    kept: list[str] = []
    for line in lines:
        view = is_view_label(line)
        if not view:
            kept.append(line)
        elif view not in command.views:
            command.views.append(view)
    return kept


def _table_complete(page: PageText, table: Table) -> bool:
    """Whether the Parameters table is all there: it has rows (or says "None") and later
    sections follow it (a page cut inside or before its table has none); then a word it
    does not describe is a keyword."""
    said = bool(table.rows) or any(line.strip() for line in page.body(PARAMETERS))
    return said and any(page.body(s) for s in (VIEWS, LEVEL, USAGE, EXAMPLE))


def read_views(page: PageText, command: Record) -> None:
    """Views: one per line or comma-separated."""
    for line in page.body(VIEWS):
        for item in line.split(","):
            view = item.strip()
            if view and view not in command.views:
                command.views.append(view)
    if not command.views:
        command.warn(VIEWS, "section-missing", "no view found")


def read_level(page: PageText, command: Record) -> None:
    """The ``N: ... level`` line of Default Level."""
    for line in page.body(LEVEL):
        match = is_level_line(line)
        if match:
            command.level = Level(int(match.group("number")), match.group("name").strip())
            return
    command.warn(LEVEL, "section-missing", "no 'N: ... level' line found")


def read_usage(page: PageText, command: Record) -> None:
    """Usage Guidelines by sub-heading; a sub-heading inferred from content is a warning."""
    result = split_usage(split_paragraphs(page.body(USAGE)))
    command.usage = result.sections
    for heading, start, cue in result.inferred:
        because = f" (it says {cue!r})" if cue else " (the usual last sub-heading)"
        command.warn(
            USAGE,
            "heading-inferred",
            f"the sub-heading before {start!r} was lost, only a wider "
            f"gap marks it; inferred {heading!r} from its wording{because}",
        )
