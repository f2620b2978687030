"""Check configuration lines against the grammar of a manual.

Each command line gets one status: ``ok``; ``unknown`` (no documented command starts this
way); ``invalid`` (a documented command, but the line matches none of its forms, or a value
breaks its constraint); ``wrong-view`` (valid syntax, but not allowed in the view the line
sits in, as given by the line that opened it).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from vrpcmds_runtime.line import LineError, Token, split_line
from vrpcmds_runtime.matcher import MatchError

from .config import config_lines
from .grammar import FormEntry, Grammar
from .views import SYSTEM_VIEW

STATUSES = ("ok", "unknown", "invalid", "wrong-view")
_INTERFACE = re.compile(r"^(\d*[A-Za-z][A-Za-z-]*?)(\d+(?:[/:.]\d+)*)$")


@dataclass
class LineResult:
    """The verdict on one line, with everything needed to explain it."""

    file: str
    line: int
    text: str
    status: str
    command: str = ""
    form: str = ""
    message: str = ""
    view: list[str] | None = None  # the views the line sits in; None when unknown
    closest: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        what = f" {self.command}" if self.command else ""
        text = f"{where}: {self.status}{what}: {self.text}"
        if self.message:
            text += f"\n    {self.message}"
        if self.closest:
            text += "\n    closest documented commands: " + ", ".join(self.closest)
        return text


@dataclass
class Attempt:
    """The outcome of matching one line against the candidate forms."""

    matches: list[FormEntry]
    error: MatchError | None
    error_form: FormEntry | None
    candidates: list[FormEntry]


def _split_interfaces(tokens: list[Token]) -> list[Token] | None:
    """``100GE1/0/1`` written as one token, split into type and number (or None)."""
    out: list[Token] = []
    changed = False
    for t in tokens:
        m = _INTERFACE.match(t.text) if not t.quoted else None
        if m:
            out += [Token(m.group(1), t.column), Token(m.group(2), t.column + len(m.group(1)))]
            changed = True
        else:
            out.append(t)
    return out if changed else None


def attempt(grammar: Grammar, text: str, prefixes: bool = False) -> Attempt:
    """Match a line against every form that can start like it."""
    tokens = split_line(text)
    candidates = grammar.candidates([t.text for t in tokens], prefixes)
    matches: list[FormEntry] = []
    best: MatchError | None = None
    best_form: FormEntry | None = None
    variants = [tokens]
    split = _split_interfaces(tokens)
    if split is not None:
        variants.append(split)
    for form in candidates:
        for toks in variants:
            try:
                form.match(toks, prefixes)
            except MatchError as exc:
                if toks is tokens and (best is None or exc.index > best.index):
                    best, best_form = exc, form
                continue
            matches.append(form)
            break
    return Attempt(matches, best, best_form, candidates)


def identify(grammar: Grammar, text: str) -> FormEntry | None:
    """The first form a line matches, whatever the view (None when none does)."""
    try:
        found = attempt(grammar, text)
    except LineError:
        return None
    return found.matches[0] if found.matches else None


def _allowed(form: FormEntry, views: list[str]) -> bool:
    mine = {v.lower() for v in form.record.views}
    return any(v.lower() in mine for v in views)


def check_line(
    grammar: Grammar,
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
    try:
        found = attempt(grammar, text)
        if not found.matches:  # the device prints some keywords abbreviated (user-interface con 0)
            short = attempt(grammar, text, prefixes=True)
            found = short if short.matches or not found.candidates else found
    except (LineError, MatchError) as exc:
        result.status, result.message = "invalid", str(exc)
        return result
    if not found.candidates:
        words = text.split()
        result.message = f"no documented command starts with {' '.join(words[:2])!r}"
        result.closest = grammar.closest(text)
        return result
    if not found.matches and parent is not None and parent.status == "unknown":
        result.message = f"sits under {parent.text!r}, which is not documented, and matches no documented form"
        return result
    if not found.matches and views is not None and not any(_allowed(f, views) for f in found.candidates):
        elsewhere = sorted({v for f in found.candidates for v in f.record.views})
        result.message = (
            f"no command documented in {' / '.join(views)} starts with {text.split()[0]!r} "
            f"(commands starting so are documented in: {', '.join(elsewhere[:6])}"
            f"{', ...' if len(elsewhere) > 6 else ''})"
        )
        return result
    if not found.matches:
        form = found.error_form or found.candidates[0]
        result.status, result.command, result.form = "invalid", form.command, form.syntax
        result.message = f"{found.error}" if found.error else "matches none of its forms"
        return result
    in_view = [f for f in found.matches if views is None or _allowed(f, views)]
    chosen = (in_view or found.matches)[0]
    result.command, result.form = chosen.command, chosen.syntax
    if in_view:
        result.status = "ok"
        if views is None:
            result.message = "view unknown: the line that opens this view is not documented as opening one"
    else:
        allowed = sorted({v for f in found.matches for v in f.record.views})
        result.status = "wrong-view"
        result.message = f"not allowed in {' / '.join(views or [])}; documented in: {', '.join(allowed)}"
    return result


def check_config(text: str, grammar: Grammar, file: str = "<config>") -> list[LineResult]:
    """Check every command line of a configuration; nesting gives each line its view."""
    results: list[LineResult] = []
    parents: dict[int, LineResult] = {}  # depth -> the last line at that depth
    for cl in config_lines(text):
        parent = parents.get(cl.depth - 1) if cl.depth else None
        views = [SYSTEM_VIEW] if cl.depth == 0 else _opened(grammar, parent)
        result = check_line(grammar, cl.text, views, file, cl.number, parent)
        results.append(result)
        parents[cl.depth] = result
        for deeper in [d for d in parents if d > cl.depth]:
            del parents[deeper]
    return results


def _opened(grammar: Grammar, parent: LineResult | None) -> list[str] | None:
    """The views a line opened (None when unknown: no parent, or no evidence)."""
    if parent is None or not parent.command or parent.status == "unknown":
        return None
    return grammar.views.opened_by(parent.command) or None


def summary(results: list[LineResult]) -> dict[str, int]:
    counts = Counter(r.status for r in results)
    return {status: counts.get(status, 0) for status in STATUSES}
