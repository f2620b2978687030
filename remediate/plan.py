"""The command lines that turn one configuration into another, from the documentation.

Per view, lines are paired by meaning (:attr:`Line.key`); what is left over is removed or
added by these rules, each derived from the schema (module :mod:`.semantics`):

1. a removed line is undone with the documented undo form that fits it, at the documented
   arity; every other line that undo removes (its words start with the undo's) and that
   should stay is sent again (``recreate``);
2. a changed single-instance setting is written with its new value, no undo first
   (``overwrite``);
3. a changed value of an object the docs only let you delete (its undo line removes the
   whole object, so the new line falls under it) is a delete and re-create: the undo,
   then the new line and the object's unchanged settings (``recreate``);
4. a removed block goes by undoing its opening line alone when that undo removes the view;
   otherwise its lines are undone first, then the opening line;
5. removals come first, the last line first; then additions in the intended order, an
   object created before lines that refer to it and a reference removed before the
   object it names (parameters described as "must be an existing ...");
6. a manual with two-stage configuration (``[~HUAWEI]`` prompts) ends with ``commit``.

Lines the schema does not document are never guessed at: they are listed, carried over
as written (``undocumented``) or left as they are, each with a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from vrpcmds_runtime.compiled import CompiledGrammar

from .config import Config, Line
from .facts import Facts
from .semantics import covers, removes_view, same_setting, single_instance, undo_of

Reason = Literal["add", "remove", "overwrite", "recreate", "navigate", "commit", "undocumented"]


@dataclass(frozen=True)
class Step:
    """One line of a plan: the text as typed, its view depth (0: system view) and why."""

    text: str
    depth: int
    reason: Reason
    command: str = ""
    form: str = ""
    warning: str = ""

    @property
    def typed(self) -> str:
        return " " * self.depth + self.text

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "line": self.typed,
            "reason": self.reason,
            "command": self.command,
            "form": self.form,
        }
        if self.warning:
            out["warning"] = self.warning
        return out


@dataclass
class Plan:
    """The lines to send from system view, and what could not be planned."""

    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    undocumented: int = 0  # lines of either configuration the schema does not document

    def text(self) -> str:
        return "".join(s.typed + "\n" for s in self.steps)

    def lines(self) -> list[str]:
        return [s.typed for s in self.steps]

    def as_dict(self) -> dict[str, object]:
        return {
            "format": "vrpcmds-plan",
            "version": 1,
            "lines": [s.as_dict() for s in self.steps],
            "warnings": self.warnings,
            "undocumented": self.undocumented,
        }


@dataclass
class _Chunk:
    """The steps for one top-level line, and the values it creates and refers to."""

    steps: list[Step]
    adds: bool
    creates: frozenset[str] = frozenset()
    refs: frozenset[str] = frozenset()
    at: int = 0  # a removal: the position of its line in the running view


def plan(running: Config, intended: Config, facts: Facts, grammar: CompiledGrammar | None = None) -> Plan:
    """The plan that turns ``running`` into ``intended`` (both read with one grammar)."""
    g = grammar or intended.grammar or running.grammar
    if g is None:
        raise ValueError("plan: the configurations carry no grammar")
    planner = _Planner(g, facts)
    chunks = planner.view(running.children, intended.children, 0)
    ordered = _ordered([c for c in chunks if not c.adds]) + _ordered([c for c in chunks if c.adds])
    result = Plan(_joined([c.steps for c in ordered]), planner.warnings)
    result.undocumented = sum(1 for c in (running, intended) for ln in c if not ln.documented)
    if result.steps and facts.two_stage:
        result.steps.append(Step("commit", 0, "commit", "commit"))
    return result


class _Planner:
    def __init__(self, grammar: CompiledGrammar, facts: Facts) -> None:
        self.grammar, self.facts = grammar, facts
        self.warnings: list[str] = []

    def view(self, running: Sequence[Line], intended: Sequence[Line], depth: int) -> list[_Chunk]:
        """The chunks that turn one view's lines into the intended ones."""
        kept = _pairs(running, intended)
        partners = {id(r): i for i, r in kept.values()}
        removed = [r for r in running if id(r) not in partners]
        added = [i for i in intended if id(i) not in kept]
        overwrite = self._overwrites(removed, added)
        skip = {id(r) for r in overwrite.values()}
        covered: set[int] = set()
        resend: set[int] = set()
        chunks: list[_Chunk] = []
        for r in reversed(removed):
            if id(r) in skip or id(r) in covered:
                continue
            chunks.append(self._removal(r, depth))
            chunks[-1].at = _index(running, r)
            undo = undo_of(self.grammar, r)
            if undo is None:
                continue
            for x in running:
                if x is not r and covers(self.grammar, undo.words, x):
                    covered.add(id(x))
                    resend |= {id(partners[id(x)])} if id(x) in partners else set()
            resend |= {id(a) for a in added if covers(self.grammar, undo.words, a)}
        overwrite = {k: v for k, v in overwrite.items() if id(v) not in covered and k not in resend}
        for i in intended:
            for chunk in self._intended(i, depth, kept, overwrite, resend, {id(a) for a in added}):
                chunk.at = _index(running, kept[id(i)][1]) if not chunk.adds else 0
                chunks.append(chunk)
        removals = sorted((c for c in chunks if not c.adds), key=lambda c: -c.at)
        return removals + [c for c in chunks if c.adds]

    def _overwrites(self, removed: Sequence[Line], added: Sequence[Line]) -> dict[int, Line]:
        """Added single-instance settings paired with the running line they overwrite."""
        out: dict[int, Line] = {}
        used: set[int] = set()
        for a in added:
            if not single_instance(self.grammar, self.facts, a):
                continue
            r = next((r for r in removed if id(r) not in used and same_setting(self.grammar, r, a)), None)
            if r is not None and r.opens is None:
                out[id(a)] = r
                used.add(id(r))
        return out

    def _intended(
        self,
        i: Line,
        depth: int,
        kept: dict[int, tuple[Line, Line]],
        overwrite: dict[int, Line],
        resend: set[int],
        added: set[int],
    ) -> list[_Chunk]:
        if id(i) in overwrite:
            return [self._chunk([_step(i, depth, "overwrite")], True, [i])]
        if id(i) in resend or id(i) in added:
            reason: Reason = "recreate" if id(i) in resend else "add"
            steps = self._send(i, depth, reason)
            return [self._chunk(steps, True, list(_subtree(i)))]
        running = kept[id(i)][1]
        inner = self.view(running.children, i.children, depth + 1)
        out: list[_Chunk] = []
        # A view the schema does not document is not entered: its changes are carried over as written.
        into: Reason = "navigate" if i.documented else "undocumented"
        for adds, lines in ((False, list(_subtree(running))[1:]), (True, list(_subtree(i))[1:])):
            steps = [s for c in inner if c.adds == adds for s in c.steps]
            if steps:
                out.append(
                    _Chunk(
                        [_step(i, depth, into), *steps, _quit(depth, into)],
                        adds,
                        frozenset(),
                        self._refs(lines),
                    )
                )
        return out

    def _send(self, line: Line, depth: int, reason: Reason) -> list[Step]:
        """A line and its block, as written in the intended configuration."""
        if not line.documented:
            self.warnings.append(f"{line.where()}: {line.text}: not documented; carried over as written")
            reason = "undocumented"
        steps = [_step(line, depth, reason)]
        for child in line.children:
            steps += self._send(child, depth + 1, reason)
        if line.children:
            steps.append(_quit(depth, reason if reason == "undocumented" else "navigate"))
        return steps

    def _removal(self, r: Line, depth: int) -> _Chunk:
        """Undo a running line (a block: alone when its undo removes the view, else its lines first)."""
        if not r.documented:
            self.warnings.append(f"{r.where()}: {r.text}: not documented; left as it is")
            return _Chunk([], False)
        undo = undo_of(self.grammar, r)
        steps: list[Step] = []
        if r.children and not (undo is not None and removes_view(self.facts, r)):
            inner = [s for c in self.view(r.children, [], depth + 1) for s in c.steps]
            steps = [_step(r, depth, "navigate"), *inner, _quit(depth)] if inner else []
        if undo is not None:
            steps.append(Step(undo.text, depth, "remove", undo.command, undo.form))
        elif not r.children:
            self.warnings.append(
                f"{r.where()}: {r.text}: no documented undo form fits this line; left as it is"
            )
        return self._chunk(steps, False, list(_subtree(r)))

    def _chunk(self, steps: list[Step], adds: bool, lines: list[Line]) -> _Chunk:
        head = lines[0] if lines else None
        creates = frozenset(v for _, v in head.values) if head is not None else frozenset()
        return _Chunk(steps, adds, creates, self._refs(lines[1:] if lines and lines[0].opens else lines))

    def _refs(self, lines: Iterable[Line]) -> frozenset[str]:
        """Values of arguments documented as naming an existing object."""
        out: set[str] = set()
        for line in lines:
            names = self.facts.references.get(line.page, frozenset())
            out |= {v for n, v in line.values if n in names}
        return frozenset(out)


def _pairs(running: Sequence[Line], intended: Sequence[Line]) -> dict[int, tuple[Line, Line]]:
    """Intended lines paired with a running line of the same meaning: id(intended) -> (intended, running)."""
    pool: dict[object, list[Line]] = {}
    for r in running:
        pool.setdefault(r.key, []).append(r)
    out: dict[int, tuple[Line, Line]] = {}
    for i in intended:
        same = pool.get(i.key)
        if same:
            out[id(i)] = (i, same.pop(0))
    return out


def _index(lines: Sequence[Line], line: Line) -> int:
    return next(n for n, x in enumerate(lines) if x is line)


def _subtree(line: Line) -> Iterable[Line]:
    yield line
    for child in line.children:
        yield from _subtree(child)


def _step(line: Line, depth: int, reason: Reason) -> Step:
    return Step(line.text, depth, reason, line.command, line.form)


def _quit(depth: int, reason: Reason = "navigate") -> Step:
    return Step("quit", depth + 1, reason, "quit")


def _ordered(chunks: list[_Chunk]) -> list[_Chunk]:
    """A stable order in which a chunk that must come first does (see :func:`_first`)."""
    left = list(chunks)
    out: list[_Chunk] = []
    while left:
        ready = next((c for c in left if not any(_first(o, c) for o in left if o is not c)), left[0])
        out.append(ready)
        left.remove(ready)
    return out


def _joined(parts: list[list[Step]]) -> list[Step]:
    """The chunks' steps, a view left and entered again at once (``quit``, then its opening
    line) kept entered."""
    out: list[Step] = []
    for steps in parts:
        if out and steps and out[-1].text == "quit" and out[-1].depth == 1 and _reenters(out, steps[0]):
            out.pop()
            steps = steps[1:]
        out += steps
    return out


def _reenters(out: list[Step], first: Step) -> bool:
    opener = next((s for s in reversed(out) if s.depth == 0), None)
    return (
        opener is not None and first.depth == 0 and first.reason == "navigate" and opener.text == first.text
    )


def _first(a: _Chunk, b: _Chunk) -> bool:
    """``a`` must come before ``b``: it creates what ``b`` refers to; or it removes a reference
    to what ``b`` removes."""
    if a.adds and b.adds:
        return bool(a.creates & b.refs)
    if not a.adds and not b.adds:
        return bool(a.refs & b.creates)
    return False


Predicate = Callable[[Line], bool]

__all__ = ["Plan", "Reason", "Step", "plan"]
