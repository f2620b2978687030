"""What the documentation says about changing a configuration, read from the records.

The planner and the emulated device decide from these facts and from the compiled
grammar (forms, undo forms, the view graph), never from tables written per command:

- **latest takes effect**: the page's usage text says that when the command runs several
  times "only the latest configuration takes effect" (a single-instance setting: a new
  value overwrites the old one, no undo first);
- **undo deletes**: the page's undo function deletes or removes something (``The undo
  interface command deletes a logical interface``): undoing a line that opens a view
  removes the view with everything in it;
- **references**: a parameter whose description or value text says the object "must be an
  existing ..." or "must already exist" refers to an object another line creates;
- **confirmations**: an example shows a ``[Y/N]`` question right after a typed line;
- **two-stage**: the examples' prompts show VRP8's candidate configuration
  (``[~HUAWEI]``, ``[*HUAWEI]``): changes take effect on ``commit``.

A bindings package ships the compiled grammar but not the records; its facts are
:meth:`Facts.from_grammar`: single instances and two-stage configuration are then read
from the forms alone (an undo form naming no value; a documented ``commit`` command).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vrpcmds_model.record import Record
from vrpcmds_runtime.compiled import CompiledGrammar

_LATEST = re.compile(
    r"\b(?:only\s+the\s+)?(?:latest|last|most\s+recent)\s+(?:configuration|one|setting|command)"
    r"(?:\s+\w+){0,3}?\s+takes?\s+effect",
    re.IGNORECASE,
)
_DELETES = re.compile(r"\b(?:delet|remov)(?:es|e|ing)\b", re.IGNORECASE)
_EXISTING = re.compile(r"\bmust\s+(?:be\s+(?:an?\s+)?existing|already\s+exist|exist)\b", re.IGNORECASE)
_TWO_STAGE = re.compile(r"^\[[~*]")
_CONFIRM = re.compile(r"\[Y/N\]", re.IGNORECASE)


@dataclass(frozen=True)
class Facts:
    """Per page id (a compiled command's ``id``) what its page says; see the module docstring."""

    latest: frozenset[str] = frozenset()
    deletes: frozenset[str] = frozenset()
    references: dict[str, frozenset[str]] = field(default_factory=dict)  # page id -> argument names
    confirms: frozenset[str] = frozenset()  # command names whose examples show a [Y/N] question
    two_stage: bool = False
    read_records: bool = True  # False: only the compiled grammar was read

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Facts:
        latest: set[str] = set()
        deletes: set[str] = set()
        references: dict[str, frozenset[str]] = {}
        confirms: set[str] = set()
        two_stage = False
        for r in records:
            if any(_LATEST.search(u.text) for u in r.usage):
                latest.add(r.id)
            if _DELETES.search(r.undo_function):
                deletes.add(r.id)
            refs = frozenset(
                _argument_names(p.name) for p in r.parameters if _refers(p.description, p.value.text)
            )
            if refs:
                references[r.id] = refs
            two_stage = two_stage or any(_TWO_STAGE.match(c.prompt) for e in r.examples for c in e.commands)
            if any(_CONFIRM.search(line) for e in r.examples for line in e.lines):
                confirms.add(r.name)
        return cls(frozenset(latest), frozenset(deletes), references, frozenset(confirms), two_stage)

    @classmethod
    def from_grammar(cls, grammar: CompiledGrammar) -> Facts:
        """The facts the compiled grammar alone gives (a bindings package has no records)."""
        return cls(two_stage="commit" in grammar.names(), read_records=False)


def facts_of(schema: Path) -> Facts:
    """The facts of a schema folder's records."""
    from vrpcmds_model.store import load_folder

    return Facts.from_records(load_folder(schema))


def _refers(description: str, value: str) -> bool:
    return bool(_EXISTING.search(description) or _EXISTING.search(value))


def _argument_names(cell: str) -> str:
    """The argument a Parameter cell names (``vlan <vlan-id>`` -> ``vlan-id``), else the cell."""
    m = re.search(r"<([^<>]+)>", cell)
    return m.group(1) if m else cell.strip()


__all__ = ["Facts", "facts_of"]
