"""A VRP command line emulated from the schema, to test plans and pushes against.

The device keeps a running configuration (and, on a two-stage manual, a candidate that
``commit`` makes running). A typed line is read in the current view by the one resolver
(:func:`.config.read_line`): a line the grammar rejects gets VRP's ``Error: Unrecognized
command found at '^' position.``; an accepted line changes the configuration by the
rules of :mod:`.semantics`:

- an undo line removes the lines it covers, an error when it covers none; a block goes
  with it only when its page says the undo deletes, else only once the block is empty;
- a line equal in meaning to one present changes nothing (an opening line enters its view);
- a line of the same setting as one present replaces it when it is a single instance,
  and is refused when that setting names an object the docs only let you delete;
- anything else is added; a line that opens a view enters it.

Commands whose examples show a ``[Y/N]`` question ask it first. The prompt is
``<HUAWEI>`` in user view and ``[~HUAWEI]``/``[*HUAWEI]`` (two-stage) or ``[HUAWEI]``
in system view, with the view's name after a ``-``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from vrpcmds_checker.check import SYSTEM_VIEW
from vrpcmds_runtime.compiled import CompiledGrammar, interface_value

from .config import Config, Line, clone, read_line, render
from .facts import Facts
from .semantics import covers, removes_view, same_setting, single_instance, undo_of

UNRECOGNIZED = "Error: Unrecognized command found at '^' position."
# Session commands a client sends in user view before configuring (paging); not configuration.
_SESSION = ("screen-length", "screen-width", "terminal", "undo terminal", "display version")


@dataclass
class Reply:
    """What the device prints after a line, and whether it now waits for a ``[Y/N]`` answer."""

    output: str = ""
    confirm: bool = False


@dataclass
class Device:
    """The emulated CLI of one device (see the module docstring)."""

    grammar: CompiledGrammar
    facts: Facts
    sysname: str = "HUAWEI"
    running: Config = field(default_factory=Config)
    candidate: Config = field(default_factory=Config)
    path: list[Line] = field(default_factory=list)  # the lines whose views we are in
    system: bool = False
    pending: str | None = None  # a line waiting for its [Y/N] answer
    applied: list[str] = field(default_factory=list)  # accepted configuration lines, in order

    changed: bool = False  # the candidate holds uncommitted changes

    def __post_init__(self) -> None:
        self.running.grammar = self.grammar
        self.candidate = clone(self.running) if self.facts.two_stage else self.running

    # -- the prompt and the session ------------------------------------------------

    @property
    def prompt(self) -> str:
        if not self.system:
            return f"<{self.sysname}>"
        mark = ("*" if self.changed else "~") if self.facts.two_stage else ""
        suffix = f"-{_view_name(self.path[-1])}" if self.path else ""
        return f"[{mark}{self.sysname}{suffix}]"

    def execute(self, text: str) -> Reply:
        """Run one typed line (an answer when a [Y/N] question is pending)."""
        text = text.strip()
        if self.pending is not None:
            line, self.pending = self.pending, None
            return self._configure(line) if text.lower() in ("y", "yes") else Reply()
        if not text:
            return Reply()
        word = text.split()[0].lower()
        handler = _NAVIGATION.get(word) if len(text.split()) == 1 else None
        if handler is not None:
            return handler(self)
        if text.lower().startswith("display current-configuration"):
            return Reply(self.display())
        if text.lower() in ("clear configuration candidate", "abort"):
            self.discard()
            return Reply()
        if not self.system:
            return Reply() if text.lower().startswith(_SESSION) else Reply(_error(text))
        return self._typed(text)

    def display(self) -> str:
        return render(_visible(self.grammar, self.facts, self.running.children))

    def discard(self) -> None:
        """Drop the candidate's uncommitted changes."""
        if self.facts.two_stage:
            self.candidate = clone(self.running)
        self.path, self.changed = [], False

    # -- configuration lines ------------------------------------------------------

    def _typed(self, text: str) -> Reply:
        """A line the current view does not take runs in the nearest enclosing view that
        does (as VRP does), which the prompt then shows."""
        for level in range(len(self.path), -1, -1):
            views = self.path[level - 1].opens if level else (SYSTEM_VIEW,)
            line = read_line(self.grammar, text, views)
            if line.documented:
                del self.path[level:]
                break
        else:
            return Reply(_error(text))
        if line.command in self.facts.confirms:
            self.pending = text
            return Reply("Warning: This operation may affect services. Continue? [Y/N]:", confirm=True)
        return self._configure(text)

    def _configure(self, text: str) -> Reply:
        line = read_line(self.grammar, text, self._views())
        siblings = self.path[-1].children if self.path else self.candidate.children
        problem = self._remove(line, siblings) if line.undo else self._add(line, siblings)
        if problem:
            return Reply(problem)
        self.applied.append(text)
        self.changed = self.facts.two_stage
        return Reply()

    def _views(self) -> tuple[str, ...] | None:
        return self.path[-1].opens if self.path else (SYSTEM_VIEW,)

    def _remove(self, line: Line, siblings: list[Line]) -> str:
        words = line.words[1:]
        victims = [x for x in siblings if covers(self.grammar, words, x)]
        if not victims:  # a default switched off: the device displays the undo line
            if not any(x.key == line.key for x in siblings):
                siblings.append(line)
            return ""
        if any(x.children and not removes_view(self.facts, x) for x in victims):  # a view in use
            return "Error: Delete the configuration in the view first."
        siblings[:] = [x for x in siblings if x not in victims]
        return ""

    def _add(self, line: Line, siblings: list[Line]) -> str:
        negated = [
            x
            for x in siblings
            if x.undo and [w.lower() for w in x.words[1:]] == [w.lower() for w in line.words]
        ]
        if negated:  # the main form restores the default an undo line switched off
            siblings[:] = [x for x in siblings if x not in negated]
            return ""
        same = next((x for x in siblings if x.key == line.key), None)
        if same is not None:
            if line.opens is not None:
                self.path.append(same)
            return ""
        other = next((x for x in siblings if same_setting(self.grammar, x, line)), None)
        object_named = other is not None and _names_object(self.grammar, other)
        if (
            other is not None
            and object_named
            and (line.opens is not None or not single_instance(self.grammar, self.facts, line))
        ):
            return f"Error: The configuration already exists as {other.text!r}; delete it first."
        if other is not None and single_instance(self.grammar, self.facts, line):
            siblings[siblings.index(other)] = line
        else:
            siblings.append(line)
        if line.opens is not None:
            self.path.append(line)
        return ""

    # -- navigation -----------------------------------------------------------------

    def _system_view(self) -> Reply:
        if self.system:
            return Reply(_error("system-view"))
        self.system = True
        return Reply("Enter system view, return user view with return command.")

    def _quit(self) -> Reply:
        if self.path:
            self.path.pop()
        elif self.system:
            self.system = False
        return Reply()

    def _return(self) -> Reply:
        self.path, self.system = [], False
        return Reply()

    def _commit(self) -> Reply:
        if not self.system:
            return Reply(_error("commit"))
        if self.facts.two_stage:
            self.running = clone(self.candidate)
        self.changed = False
        return Reply()


_NAVIGATION = {
    "system-view": Device._system_view,
    "quit": Device._quit,
    "return": Device._return,
    "commit": Device._commit,
}


def _names_object(grammar: CompiledGrammar, line: Line) -> bool:
    """The line's undo line removes more than the line (names an object), or the line opens a view."""
    undo = undo_of(grammar, line)
    return line.opens is not None or (undo is not None and len(undo.words) < len(line.words))


def _error(text: str) -> str:
    return f"{' ' * min(len(text), 80)}^\n{UNRECOGNIZED}"


def _view_name(line: Line) -> str:
    values = dict(line.values)
    return interface_value(values) or line.command.split()[0]


def _visible(grammar: CompiledGrammar, facts: Facts, lines: Sequence[Line]) -> list[Line]:
    """What the device displays: an empty view that cannot be deleted is not shown."""
    out: list[Line] = []
    for line in lines:
        shown = copy.copy(line)
        shown.children = _visible(grammar, facts, line.children)
        if line.opens is not None and not shown.children and undo_of(grammar, line) is None:
            continue
        out.append(shown)
    return out


def _snapshot(grammar: CompiledGrammar, facts: Facts, lines: Sequence[Line]) -> tuple[object, ...]:
    """A configuration's documented content by meaning, in no particular order."""
    items = [
        (x.key, _snapshot(grammar, facts, x.children))
        for x in _visible(grammar, facts, lines)
        if x.documented
    ]
    return tuple(sorted(items, key=repr))


def snapshot(config: Config, facts: Facts) -> tuple[object, ...]:
    """What two configurations are compared by: documented lines by meaning, per view,
    order aside, views that would not be displayed left out."""
    if config.grammar is None:
        raise ValueError("snapshot: the configuration carries no grammar")
    return _snapshot(config.grammar, facts, config.children)


__all__ = ["UNRECOGNIZED", "Device", "Reply", "snapshot"]
