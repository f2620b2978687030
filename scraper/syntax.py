"""The Format section of a text dump -> syntax and undo forms in canonical marked form."""

from __future__ import annotations

from typing import Final

from vrpcmds_model.record import Record
from vrpcmds_runtime.bounds import FORMAT_LINE_CHARS, FORMS_PER_PAGE
from vrpcmds_runtime.notation import NotationError

from .html_format import file_form
from .marks import Guess, WordKind, infer_marks, is_applicability_line, plain_words
from .parameters import Knowledge

SECTION: Final = "Format"


def syntax_lines(lines: list[str], command: Record) -> list[tuple[str, list[str]]]:
    """The syntax lines of a Format section (no blanks, ``#`` comments or prose), each with
    the models named by the applicability line (``For CE6885, ...:``) before it, if any; at
    most :data:`~vrpcmds_runtime.bounds.FORMS_PER_PAGE` of them."""
    out: list[tuple[str, list[str]]] = []
    models: list[str] = []
    for raw in lines:
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        named = is_applicability_line(text)
        if named:
            models = named
        elif text.endswith("."):
            command.warn(SECTION, "prose-skipped", f"not a syntax line, skipped: {text[:80]!r}")
        elif len(text) > FORMAT_LINE_CHARS:
            command.warn(
                SECTION,
                "syntax-unreadable",
                f"a line of {len(text)} characters ({FORMAT_LINE_CHARS} at most); left out",
            )
        elif len(out) == FORMS_PER_PAGE:
            command.warn(
                SECTION, "content-not-kept", f"more than {FORMS_PER_PAGE} syntax lines: the rest are not read"
            )
            break
        else:
            out.append((text, models))
    return out


def syntax_words(lines: list[tuple[str, list[str]]]) -> list[str]:
    """Every word of the syntax lines, once, in order of first appearance."""
    seen: dict[str, None] = {}
    for line, _ in lines:
        for word in plain_words(line):
            seen.setdefault(word, None)
    return list(seen)


def mark_syntax(
    lines: list[tuple[str, list[str]]], know: Knowledge, leading: list[str], command: Record
) -> None:
    """Mark each plain syntax line and file it under ``syntax`` or ``undo_syntax``, with the
    models it applies to.

    A line whose marks needed a guess gets one warning listing the guesses; a line the
    grammar parser rejects is reported and left out.
    """
    for line, models in lines:
        try:
            marked, guesses = infer_marks(line, know.arguments, know.keywords, leading, know.likely_arguments)
        except NotationError as exc:
            command.warn(
                SECTION, "syntax-unreadable", f"{line!r}: {exc.message} (column {exc.column}); left out"
            )
            continue
        file_form(marked, models, command)
        if guesses:
            command.warn(SECTION, "marks-inferred", f"{marked}: {_summary(guesses)}")


def _summary(guesses: list[Guess]) -> str:
    """One sentence per reason: which words were taken as what."""
    by_reason: dict[tuple[WordKind, str], list[str]] = {}
    for guess in guesses:
        words = by_reason.setdefault((guess.kind, guess.reason), [])
        if guess.word not in words:
            words.append(guess.word)
    parts = [
        f"{', '.join(words)} taken as {kind}{'s' if len(words) > 1 else ''} ({reason})"
        for (kind, reason), words in by_reason.items()
    ]
    return "; ".join(parts)
