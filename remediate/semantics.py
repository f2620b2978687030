"""What a line's documented undo form does, shared by the planner and the emulated device.

- :func:`undo_of`: the undo line that fits a line, at the documented arity: ``undo`` and
  the longest start of the line's words that an undo form of the same command takes in
  the line's view (``undo hwtacacs-server source-ip`` for ``hwtacacs-server source-ip
  source-vlanif 10``; ``undo peer 10.1.1.1`` for ``peer 10.1.1.1 as-number 200``), else
  that of any command (``undo local-user admin`` for ``local-user admin password ...``);
- :func:`covers`: the lines an undo line removes: those whose words start with its words
  (an undo naming fewer things than the line removes the whole object);
- :func:`single_instance`: a new value overwrites the old one: the page says the latest
  configuration takes effect, or the undo form that fits names no value (one instance
  per view);
- :func:`removes_view`: undoing a line that opens a view removes the view and everything
  in it (its page says the undo deletes or removes).

Everything is decided by the one resolver over the compiled grammar and the records' facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from vrpcmds_runtime.compiled import CompiledForm, CompiledGrammar
from vrpcmds_runtime.resolve import resolve

from .config import Line
from .facts import Facts


@dataclass(frozen=True)
class Undo:
    """An undo line: its words after ``undo``, and whether it names any value."""

    words: tuple[str, ...]
    names_value: bool
    command: str
    form: str
    restores: bool = False  # the line is itself an undo line: its main form restores the default

    @property
    def text(self) -> str:
        return " ".join(self.words) if self.restores else "undo " + " ".join(self.words)


_UNDO: dict[
    int, tuple[CompiledGrammar, dict[tuple[tuple[str, ...], tuple[str, ...] | None, str], Undo | None]]
] = {}


def undo_of(grammar: CompiledGrammar, line: Line) -> Undo | None:
    """The documented undo line for ``line`` (None when no undo form fits it)."""
    if not line.documented:
        return None
    held = _UNDO.get(id(grammar))
    if held is None or held[0] is not grammar:
        held = _UNDO[id(grammar)] = (grammar, {})
    key = (line.words, line.views, line.command)
    if key not in held[1]:
        held[1][key] = _find_undo(grammar, line)
    return held[1][key]


def _find_undo(grammar: CompiledGrammar, line: Line) -> Undo | None:
    if line.undo:
        return _restore(grammar, line)
    names = {line.command, "undo " + line.command}

    def same(form: CompiledForm) -> bool:
        return _is_undo(form) and form.command.name in names

    tries = [line.words[:end] for end in range(len(line.words), 0, -1)]
    tries += [line.keywords[:end] for end in range(len(line.keywords), 0, -1)]  # an undo naming no value
    for only in (same, _is_undo):
        for words in tries:
            found = resolve(grammar, "undo " + " ".join(words), line.views, prefixes=False, only=only).best
            if found is not None and found.in_view:
                named = any(r.kind == "argument" for r in found.binding.roles)
                return Undo(words, named, found.command, found.form.syntax)
    return None


def _restore(grammar: CompiledGrammar, line: Line) -> Undo | None:
    """An undo line in a configuration (``undo portswitch``, a default switched off) is
    removed by its main form, when one takes the same words."""
    words = line.words[1:]
    found = resolve(grammar, " ".join(words), line.views, prefixes=False, only=lambda f: not _is_undo(f)).best
    if found is None or not found.in_view:
        return None
    return Undo(words, True, found.command, found.form.syntax, restores=True)


def _is_undo(form: CompiledForm) -> bool:
    return form.undo or form.syntax.startswith("undo ")


def covers(grammar: CompiledGrammar, words: tuple[str, ...], line: Line) -> bool:
    """True when an undo line with these words (after ``undo``) removes ``line``: the line
    starts with them, or they are the line's own documented undo line."""
    if not line.documented or line.undo:
        return False
    if len(line.words) >= len(words) and all(a.lower() == b.lower() for a, b in zip(words, line.words)):
        return True
    own = undo_of(grammar, line)
    return own is not None and _lower(own.words) == _lower(words)


def _lower(words: tuple[str, ...]) -> list[str]:
    return [w.lower() for w in words]


def single_instance(grammar: CompiledGrammar, facts: Facts, line: Line) -> bool:
    """A setting a new value overwrites (never a line that opens a view: a view is an object)."""
    if line.opens is not None or not line.documented:
        return False
    if line.page in facts.latest:
        return True
    undo = undo_of(grammar, line)
    return undo is not None and not undo.names_value


def removes_view(facts: Facts, line: Line) -> bool:
    """Undoing this line removes the view it opens, with everything in it."""
    return line.page in facts.deletes


def same_setting(grammar: CompiledGrammar, a: Line, b: Line) -> bool:
    """Two lines one undo line removes alike: the same setting or object, maybe with other values."""
    if a.command != b.command:
        return False
    ua, ub = undo_of(grammar, a), undo_of(grammar, b)
    return (
        ua is not None and ub is not None and [w.lower() for w in ua.words] == [w.lower() for w in ub.words]
    )


__all__ = ["Undo", "covers", "removes_view", "same_setting", "single_instance", "undo_of"]
