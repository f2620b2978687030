"""Explain a command line: which command and form, what each token is, where it runs.

Keywords may be abbreviated as the device accepts them (``dis cur``): a unique prefix is
expanded and shown; a prefix that several commands could continue is reported with its
candidates, never guessed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from vrpcmds_runtime.line import LineError, split_line
from vrpcmds_runtime.matcher import MatchError

from .grammar import FormEntry, Grammar


@dataclass
class TokenRole:
    """One token of the line and what it is in the form."""

    text: str
    kind: str  # keyword or argument
    name: str  # the full keyword, or the argument name
    constraint: str = ""  # for arguments: the value constraint in short form
    abbreviated: bool = False


@dataclass
class Explanation:
    """Everything ``explain`` says about one line."""

    line: str
    status: str  # ok, unknown, invalid, ambiguous
    command: str = ""
    form: str = ""
    undo: bool = False
    expanded: str = ""  # the line with abbreviations written out
    tokens: list[TokenRole] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    views: list[str] = field(default_factory=list)
    level: str = ""
    doc: str = ""
    message: str = ""
    candidates: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def text(self) -> str:
        if self.status != "ok":
            lines = [f"{self.line}", f"  {self.status}: {self.message}"]
            lines += [f"  candidate: {c}" for c in self.candidates]
            return "\n".join(lines)
        out = [f"{self.line}", f"  command: {self.command}" + (" (undo form)" if self.undo else "")]
        if self.expanded != self.line:
            out.append(f"  expanded: {self.expanded}")
        out.append(f"  form:    {self.form}")
        for t in self.tokens:
            if t.kind == "keyword":
                out.append(f"    {t.text!r:24} keyword {t.name}" + (" (abbreviated)" if t.abbreviated else ""))
            else:
                detail = f" ({t.constraint})" if t.constraint else ""
                out.append(f"    {t.text!r:24} <{t.name}>{detail}")
        out.append(f"  views:   {', '.join(self.views)}")
        if self.level:
            out.append(f"  level:   {self.level}")
        if self.doc:
            out.append(f"  doc:     {self.doc}")
        return "\n".join(out)


def explain(grammar: Grammar, line: str) -> Explanation:
    """Explain one line against every form that can start like it."""
    result = Explanation(line.strip(), "unknown")
    try:
        tokens = split_line(line)
    except LineError as exc:
        result.status, result.message = "invalid", str(exc)
        return result
    candidates = grammar.candidates([t.text for t in tokens], prefixes=True)
    if not candidates:
        result.message = f"no documented command starts like {' '.join(t.text for t in tokens[:2])!r}"
        return result
    found: list[tuple[FormEntry, object]] = []
    errors: list[tuple[MatchError, FormEntry]] = []
    for form in candidates:
        try:
            found.append((form, form.match(tokens, prefixes=True)))
        except MatchError as exc:
            errors.append((exc, form))
    return _describe(result, tokens, found, errors)


def _describe(result: Explanation, tokens, found, errors) -> Explanation:  # type: ignore[no-untyped-def]
    if not found:
        exc, form = max(errors, key=lambda e: e[0].index)
        result.status = "ambiguous" if "ambiguous" in exc.message else "invalid"
        result.command, result.form, result.message = form.command, form.syntax, exc.message
        result.candidates = exc.expected if result.status == "ambiguous" else []
        return result
    readings = {}
    for form, binding in found:
        key = tuple(r.name for r in binding.roles if r.kind == "keyword")
        readings.setdefault(key, (form, binding))
    if len(readings) > 1 and _abbreviated(tokens, found):
        result.status = "ambiguous"
        result.message = "the abbreviations could mean several commands"
        result.candidates = sorted({" ".join(k) + f"  ({f.command})" for k, (f, _) in readings.items()})
        return result
    form, binding = found[0]
    result.status, result.command, result.form, result.undo = "ok", form.command, form.syntax, form.undo
    result.values = dict(binding.values)
    result.tokens = [_role(tokens, r, form) for r in binding.roles]
    result.expanded = " ".join(t.name if t.kind == "keyword" else t.text for t in result.tokens)
    result.views = list(form.record.views)
    level = form.record.level
    result.level = f"{level.number}: {level.name}" if level else ""
    result.doc = form.record.source.url or form.record.source.path or ""
    return result


def _abbreviated(tokens, found) -> bool:  # type: ignore[no-untyped-def]
    """Whether any reading expanded a token (exact lines that fit two forms are not ambiguous)."""
    return any(
        r.kind == "keyword" and tokens[r.start].text.lower() != r.name.lower() for _, b in found for r in b.roles
    )


def _role(tokens, role, form: FormEntry) -> TokenRole:  # type: ignore[no-untyped-def]
    text = " ".join(t.text for t in tokens[role.start : role.end])
    if role.kind == "keyword":
        return TokenRole(text, "keyword", role.name, abbreviated=text.lower() != role.name.lower())
    c = form.constraints.get(role.name)
    return TokenRole(text, "argument", role.name, constraint=c.describe() if c and c.type != "text" else "")
