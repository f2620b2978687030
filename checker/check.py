"""Check configuration lines against the compiled grammar of a manual.

Each command line gets one status: ``ok``; ``unknown`` (no documented command starts this
way); ``invalid`` (a documented command, but the line matches none of its forms, or a value
breaks its constraint); ``wrong-view`` (valid syntax, but not allowed in the view the line
sits in, as given by the line that opened it). What a line is comes from the one resolver
(:func:`vrpcmds_runtime.resolve.resolve`); the view a line opens from the grammar's view
graph, evaluated on that line's values.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, get_args

from vrpcmds_runtime.compiled import CompiledGrammar
from vrpcmds_runtime.resolve import Resolution, resolve

from .config import config_lines
from .display import shown

Status = Literal["ok", "unknown", "invalid", "wrong-view"]
STATUSES: tuple[Status, ...] = get_args(Status)
SYSTEM_VIEW = "System view"


@dataclass
class LineResult:
    """The verdict on one line, with everything needed to explain it."""

    file: str
    line: int
    text: str
    status: Status
    command: str = ""
    form: str = ""
    message: str = ""
    view: list[str] | None = None  # the views the line sits in; None when unknown
    closest: list[str] = field(default_factory=list)
    opens: list[str] | None = field(default=None, repr=False)  # the views this line opens

    def as_dict(self) -> dict[str, object]:
        keys = ("file", "line", "text", "status", "command", "form", "message", "view", "closest")
        return {k: getattr(self, k) for k in keys}

    def __str__(self) -> str:
        where = f"{shown(self.file)}:{self.line}"
        what = f" {self.command}" if self.command else ""
        text = f"{where}: {self.status}{what}: {shown(self.text)}"
        if self.message:
            text += f"\n    {shown(self.message)}"
        if self.closest:
            text += "\n    closest documented commands: " + ", ".join(self.closest)
        return text


def closest(grammar: CompiledGrammar, text: str, n: int = 3) -> list[str]:
    """The documented commands whose names are closest to the start of a line."""
    words = text.lower().split()
    if not words:
        return []
    pool = [name for name in grammar.names() if name[:1] == words[0][:1]]
    import difflib

    return difflib.get_close_matches(" ".join(words[:3])[:200], pool, n=n, cutoff=0.5)


def _in_view(found: Resolution, views: list[str]) -> bool:
    return any(f.command.view_set.allows(v) for f in found.considered for v in views)


def check_line(
    grammar: CompiledGrammar,
    text: str,
    views: list[str] | None,
    file: str = "",
    number: int = 0,
    parent: LineResult | None = None,
) -> LineResult:
    """The status of one line in the given views (None: the view is not known).

    A line that matches no form is ``unknown`` rather than ``invalid`` when no command
    that starts like it is documented in the line's view, or when it sits under a line
    that is itself unknown (a view the manual does not document).
    """
    result = LineResult(file, number, text, "unknown", view=views)
    found = resolve(grammar, text, views)
    if found.problem:
        result.status, result.message = "invalid", found.problem
        return result
    best = found.best
    if best is None:
        return _no_match(grammar, result, found, views, parent)
    result.command, result.form = best.command, best.form.syntax
    result.opens = grammar.opened(best.command, best.binding.values, best.binding.keywords, best.form.syntax)
    if views is None or best.in_view:
        result.status = "ok"
        if views is None:
            result.message = "view unknown: the line that opens this view is not documented as opening one"
        return result
    allowed = sorted({v for c in found.candidates for v in c.form.command.views})
    result.status = "wrong-view"
    result.message = f"not allowed in {' / '.join(views)}; documented in: {', '.join(allowed)}"
    return result


def _no_match(
    grammar: CompiledGrammar,
    result: LineResult,
    found: Resolution,
    views: list[str] | None,
    parent: LineResult | None,
) -> LineResult:
    text = result.text
    if found.ambiguous:
        result.status = "invalid"
        result.message = "ambiguous abbreviation: could be " + " or ".join(
            sorted({c.command for c in found.ambiguous})
        )
        return result
    if not found.considered:
        result.message = f"no documented command starts with {' '.join(text.split()[:2])!r}"
        result.closest = closest(grammar, text)
        return result
    if parent is not None and parent.status == "unknown":
        result.message = f"sits under {parent.text!r}, which is not documented, and matches no documented form"
        return result
    if views is not None and not _in_view(found, views):
        elsewhere = sorted({v for f in found.considered for v in f.command.views})
        result.message = (
            f"no command documented in {' / '.join(views)} starts with {text.split()[0]!r} "
            f"(commands starting so are documented in: {', '.join(elsewhere[:6])}"
            f"{', ...' if len(elsewhere) > 6 else ''})"
        )
        return result
    form = found.error_form or found.considered[0]
    result.status, result.command, result.form = "invalid", form.command.name, form.syntax
    result.message = f"{found.error}" if found.error else "matches none of its forms"
    return result


def check_config(text: str, grammar: CompiledGrammar, file: str = "<config>") -> list[LineResult]:
    """Check every command line of a configuration; nesting gives each line its view."""
    results: list[LineResult] = []
    parents: dict[int, LineResult] = {}  # depth -> the last line at that depth
    by_number: dict[int, LineResult] = {}
    for cl in config_lines(text):
        parent = parents.get(cl.depth - 1) if cl.depth else None
        if cl.closes is not None:  # the end of an opaque block sits in the view its start opened
            parent = by_number.get(cl.closes)
        views = [SYSTEM_VIEW] if cl.depth == 0 and cl.closes is None else _opened(parent)
        result = check_line(grammar, cl.text, views, file, cl.number, parent)
        results.append(result)
        by_number[cl.number] = result
        parents[cl.depth] = result
        for deeper in [d for d in parents if d > cl.depth]:
            del parents[deeper]
    return results


def _opened(parent: LineResult | None) -> list[str] | None:
    """The views a line opened (None when unknown: no parent, or no evidence)."""
    if parent is None or not parent.command or parent.status == "unknown":
        return None
    return parent.opens or None


def summary(results: list[LineResult]) -> dict[str, int]:
    counts: Counter[str] = Counter(r.status for r in results)
    return {status: counts.get(status, 0) for status in STATUSES}


__all__ = ["STATUSES", "LineResult", "Status", "check_config", "check_line", "closest", "summary"]
