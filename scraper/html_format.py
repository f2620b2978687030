"""The Format section of an HTML page -> syntax, undo syntax and the models each form is for.

Each ``<p>`` is a syntax line, marked as NOTATION.md describes (bold keywords, italic
arguments). Lines that are not syntax: ``#`` comments (skipped) and applicability lines
(``For CE6885, CE6885-T:``) whose models qualify the forms after them, up to the next
applicability line (kept in ``form_models``).
"""

from __future__ import annotations

from lxml import etree
from vrpcmds_model.record import FormModels, Record
from vrpcmds_runtime.bounds import FORMAT_LINE_CHARS, FORMAT_MARKUP_DEPTH, FORMS_PER_PAGE
from vrpcmds_runtime.notation import NotationError

from .html_tree import text_of
from .marks import html_format_line, is_applicability_line
from .sections import FORMAT

# Longer or deeper lines are refused before the grammar parser sees them (hostile pages).
MAX_LINE = FORMAT_LINE_CHARS
MAX_DEPTH = FORMAT_MARKUP_DEPTH
_MARKED = etree.XPath(
    "boolean(descendant-or-self::*[self::b or self::strong or self::i or self::em"
    " or contains(@class, 'cmdname') or contains(@class, 'varname')])"
)


def read_format(content: list[etree._Element], command: Record) -> None:
    """Fill ``syntax``, ``undo_syntax`` and ``form_models`` from the Format paragraphs."""
    models: list[str] = []
    for p in _paragraphs(content):
        text = text_of(p)
        if not text or text.startswith("#"):
            continue
        found = is_applicability_line(text)
        if found:
            models = found
            continue
        if len(command.syntax) + len(command.undo_syntax) == FORMS_PER_PAGE:
            command.warn(
                FORMAT, "content-not-kept", f"more than {FORMS_PER_PAGE} syntax lines: the rest are not read"
            )
            return
        form = _form(p, text, command)
        if form is not None:
            file_form(form, models, command)


def _paragraphs(content: list[etree._Element]) -> list[etree._Element]:
    """The ``<p>`` elements of the section, in order."""
    out: list[etree._Element] = []
    for element in content:
        out.extend(element.iter("p"))
    return out


def _form(p: etree._Element, text: str, command: Record) -> str | None:
    """One paragraph in canonical marked form, or None (with a warning) when it is not one."""
    if len(text) > MAX_LINE or _depth(text) > MAX_DEPTH:
        command.warn(
            FORMAT, "syntax-unreadable", f"a line of {len(text)} characters or too deeply nested; left out"
        )
        return None
    if not _MARKED(p):
        command.warn(FORMAT, "prose-skipped", f"no bold or italic word, not a syntax line: {text[:80]!r}")
        return None
    unmarked: list[str] = []
    try:
        form = html_format_line(p, unmarked)
    except NotationError as exc:
        command.warn(
            FORMAT, "syntax-unreadable", f"{text[:200]!r}: {exc.message} (column {exc.column}); left out"
        )
        return None
    if unmarked:
        words = ", ".join(dict.fromkeys(unmarked))
        command.warn(FORMAT, "unmarked-words", f"{form}: {words} neither bold nor italic; taken as keywords")
    return form


def _depth(text: str) -> int:
    """The deepest bracket nesting of a line."""
    depth = deepest = 0
    for ch in text:
        if ch in "{[":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "}]":
            depth -= 1
    return deepest


def file_form(form: str, models: list[str], command: Record) -> None:
    """Put a form under syntax or undo_syntax (once), and note the models it is for."""
    undo = form.split(" ", 1)[0] == "undo" and not command.name.startswith("undo ")
    forms = command.undo_syntax if undo else command.syntax
    if form not in forms:
        forms.append(form)
    if not models:
        return
    entry = next((f for f in command.form_models if f.form == form), None)
    if entry is None:
        command.form_models.append(FormModels(form, list(models)))
    else:
        entry.models.extend(m for m in models if m not in entry.models)
