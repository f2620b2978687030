"""The grammar of a whole manual, loaded once and indexed by leading keywords.

Every syntax and undo form of every record becomes a :class:`FormEntry`. Forms are
indexed by their first keyword, so a line is only tried against the forms that can
start like it, never against every form of the manual.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from vrpcmds_model.constraints import argument_constraints
from vrpcmds_model.record import Record
from vrpcmds_model.store import load_folder
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Keyword, Sequence
from vrpcmds_runtime.values import Constraint, check_value

from .views import OVERRIDE_FILE, ViewMap, derive_views


@dataclass
class FormEntry:
    """One syntax line of one record, parsed, with what checking it needs."""

    syntax: str
    tree: Sequence
    leading: tuple[str, ...]  # keywords before the first argument or group, lower case
    record: Record
    undo: bool
    constraints: dict[str, Constraint]

    @property
    def command(self) -> str:
        return self.record.name

    def check(self, name: str, text: str) -> str | None:
        """The value check of an argument; a combined ``<prefix/length>`` checks its first part."""
        c = self.constraints.get(name)
        if c is None:
            return None
        if "/" in name and "/" in text:
            text = text.split("/", 1)[0]
        return check_value(c, text, sending=False)

    def takes_rest(self, name: str) -> bool:
        """Free text with spaces may run to the end of the line."""
        c = self.constraints.get(name)
        return c is not None and c.type == "string" and c.spaces

    def match(self, tokens: list, prefixes: bool = False):  # type: ignore[no-untyped-def, type-arg]
        return match(self.tree, tokens, check=self.check, prefixes=prefixes, rest=self.takes_rest)


def leading_keywords(tree: Sequence) -> tuple[str, ...]:
    out = []
    for item in tree.items:
        if not isinstance(item, Keyword):
            break
        out.append(item.text.lower())
    return tuple(out)


@dataclass
class Grammar:
    """All forms of a schema folder, indexed by first keyword, and the view map."""

    forms: list[FormEntry] = field(default_factory=list)
    by_first: dict[str, list[FormEntry]] = field(default_factory=dict)
    views: ViewMap = field(default_factory=ViewMap)
    problems: list[str] = field(default_factory=list)
    _identities: list[str] = field(default_factory=list, repr=False)

    @classmethod
    def from_records(cls, records: list[Record], overrides: Path | None = None) -> Grammar:
        grammar = cls()
        index: dict[str, list[FormEntry]] = defaultdict(list)
        for record in records:
            constraints = argument_constraints(record)
            for undo, lines in ((False, record.syntax), (True, record.undo_syntax)):
                for syntax in lines:
                    try:
                        tree = parse_form(syntax)
                    except NotationError as exc:
                        grammar.problems.append(f"{record.id}: {syntax!r}: {exc}")
                        continue
                    entry = FormEntry(syntax, tree, leading_keywords(tree), record, undo, constraints)
                    grammar.forms.append(entry)
                    if entry.leading:
                        index[entry.leading[0]].append(entry)
        grammar.by_first = dict(index)
        grammar.views = derive_views(records, grammar, overrides)
        return grammar

    @classmethod
    def load(cls, schema: Path) -> Grammar:
        """The grammar of every record in a schema folder (with its views override, if any)."""
        override = schema / OVERRIDE_FILE
        return cls.from_records(load_folder(schema), override if override.is_file() else None)

    def candidates(self, words: list[str], prefixes: bool = False) -> list[FormEntry]:
        """Forms whose leading keywords the line's first words can be (in full, or abbreviated)."""
        if not words:
            return []
        first = words[0].lower()
        if prefixes:
            pools = [forms for key, forms in self.by_first.items() if key.startswith(first)]
        else:
            pools = [self.by_first.get(first, [])]
        out = []
        for pool in pools:
            out.extend(f for f in pool if _leads(f.leading, words, prefixes))
        return out

    def identities(self) -> list[str]:
        """Every command identity, sorted (computed once)."""
        if not self._identities:
            self._identities = sorted({f.command for f in self.forms})
        return self._identities

    def closest(self, text: str, n: int = 3) -> list[str]:
        """The documented commands whose names are closest to the start of a line."""
        words = text.lower().split()
        if not words:
            return []
        pool = [name for name in self.identities() if name[:1] == words[0][:1]]
        return difflib.get_close_matches(" ".join(words[:3]), pool, n=n, cutoff=0.5)


def _leads(leading: tuple[str, ...], words: list[str], prefixes: bool) -> bool:
    """The line's first words agree with as many of the form's leading keywords as it has."""
    for kw, word in zip(leading, words):
        w = word.lower()
        if not (kw == w or (prefixes and kw.startswith(w))):
            return False
    return True


__all__ = ["FormEntry", "Grammar", "MatchError", "leading_keywords"]
