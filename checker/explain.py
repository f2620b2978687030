"""Explain a command line: which command and form, what each token is, where it runs.

What the line is comes from the one resolver (:func:`vrpcmds_runtime.resolve.resolve`):
keywords may be abbreviated as the device accepts them (``dis cur``) when no form takes
the line as written; an abbreviation that several readings expand differently is
reported with its candidates, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Literal

from vrpcmds_runtime.compiled import CompiledGrammar
from vrpcmds_runtime.line import Role
from vrpcmds_runtime.resolve import Candidate, resolve
from vrpcmds_runtime.values import is_cipher

from .display import shown

ExplainStatus = Literal["ok", "unknown", "invalid", "ambiguous"]
TokenKind = Literal["keyword", "argument"]


@dataclass
class TokenRole:
    """One token of the line and what it is in the form."""

    text: str
    kind: TokenKind
    name: str  # the full keyword, or the argument name
    constraint: str = ""  # for arguments: the value constraint in short form
    abbreviated: bool = False


@dataclass
class Explanation:
    """Everything ``explain`` says about one line."""

    line: str
    status: ExplainStatus
    command: str = ""
    form: str = ""
    undo: bool = False
    expanded: str = ""  # the line with abbreviations written out
    tokens: list[TokenRole] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    views: list[str] = field(default_factory=list)
    opens: list[str] = field(default_factory=list)  # the views this line opens, when known
    level: str = ""
    doc: str = ""
    message: str = ""
    candidates: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def text(self) -> str:
        line = shown(self.line)
        if self.status != "ok":
            lines = [line, f"  {self.status}: {shown(self.message)}"]
            lines += [f"  candidate: {c}" for c in self.candidates]
            return "\n".join(lines)
        out = [line, f"  command: {self.command}" + (" (undo form)" if self.undo else "")]
        if self.expanded != self.line:
            out.append(f"  expanded: {shown(self.expanded)}")
        out.append(f"  form:    {self.form}")
        for t in self.tokens:
            if t.kind == "keyword":
                out.append(f"    {shown(t.text)!r:24} keyword {t.name}" + (" (abbreviated)" if t.abbreviated else ""))
            else:
                detail = f" ({t.constraint})" if t.constraint else ""
                out.append(f"    {shown(t.text)!r:24} <{t.name}>{detail}")
        out.append(f"  views:   {', '.join(self.views)}")
        if self.opens:
            out.append(f"  opens:   {', '.join(self.opens)}")
        if self.level:
            out.append(f"  level:   {self.level}")
        if self.doc:
            out.append(f"  doc:     {self.doc}")
        return "\n".join(out)


def explain(grammar: CompiledGrammar, line: str, view: str | Iterable[str] | None = None) -> Explanation:
    """Explain one line (in ``view`` when given: forms documented there rank first)."""
    found = resolve(grammar, line, view)
    result = Explanation(line.strip(), "unknown")
    if found.problem:
        result.status, result.message = "invalid", found.problem
        return result
    if found.ambiguous:
        result.status = "ambiguous"
        result.message = "the abbreviations could mean several commands"
        result.candidates = sorted({_reading(c) for c in found.ambiguous})
        return result
    best = found.best
    if best is None:
        if not found.considered:
            words = " ".join(line.split()[:2])
            result.message = f"no documented command starts like {words!r}"
            return result
        form = found.error_form or found.considered[0]
        result.command, result.form = form.command.name, form.syntax
        result.message = str(found.error) if found.error else "matches none of its forms"
        result.status = "ambiguous" if result.message.startswith("ambiguous") else "invalid"
        result.candidates = list(found.error.expected) if found.error and result.status == "ambiguous" else []
        return result
    return _describe(grammar, result, best)


def _reading(c: Candidate) -> str:
    words = " ".join(r.name for r in c.binding.roles if r.kind == "keyword")
    return f"{words}  ({c.command})"


def _describe(grammar: CompiledGrammar, result: Explanation, best: Candidate) -> Explanation:
    form = best.form
    command = form.command
    result.status, result.command, result.form, result.undo = "ok", command.name, form.syntax, form.undo
    result.values = dict(best.binding.values)
    result.tokens = [_role(best, r) for r in best.binding.roles]
    result.expanded = " ".join(t.name if t.kind == "keyword" else t.text for t in result.tokens)
    result.views = list(command.views)
    result.opens = grammar.opened(command.name, best.binding.values, best.binding.keywords, form.syntax) or []
    result.level = f"{command.level[0]}: {command.level[1]}" if command.level else ""
    result.doc = command.doc
    return result


def _role(best: Candidate, role: Role) -> TokenRole:
    text = " ".join(t.text for t in best.tokens[role.start : role.end])
    if role.kind == "keyword":
        return TokenRole(text, "keyword", role.name, abbreviated=text.lower() != role.name.lower())
    c = best.form.command.args.get(role.name)
    constraint = c.describe() if c and c.type != "text" else ""
    if c is not None and c.cipher and is_cipher(text):
        constraint = "cipher text"
    return TokenRole(text, "argument", role.name, constraint=constraint)
