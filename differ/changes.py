"""One change to one command, the kinds of change, and what a list of changes adds up to.

These are the pieces the diff document (:mod:`vrpcmds_differ.diff`) and its Markdown
report (:mod:`vrpcmds_differ.markdown`) share; the comparisons
(:mod:`vrpcmds_differ.compare`, ``forms``, ``values``) produce :class:`Change` objects.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

# Every kind of change, in the order changes of one command are listed.
ChangeKind = Literal[
    "command-added",
    "command-removed",
    "form-added",
    "form-removed",
    "form-changed",
    "undo-form-added",
    "undo-form-removed",
    "undo-form-changed",
    "parameter-added",
    "parameter-removed",
    "value-type",
    "value-range",
    "value-length",
    "value-characters",
    "choice-added",
    "choice-removed",
    "value-default",
    "value-unit",
    "view-added",
    "view-removed",
    "level-changed",
]
# What each kind of change is called in the report, in the order of ChangeKind.
KINDS: dict[ChangeKind, str] = {
    "command-added": "command added",
    "command-removed": "command removed",
    "form-added": "form added",
    "form-removed": "form removed",
    "form-changed": "form changed",
    "undo-form-added": "undo form added",
    "undo-form-removed": "undo form removed",
    "undo-form-changed": "undo form changed",
    "parameter-added": "parameter added",
    "parameter-removed": "parameter removed",
    "value-type": "value type changed",
    "value-range": "integer range changed",
    "value-length": "string length changed",
    "value-characters": "allowed characters changed",
    "choice-added": "choice added",
    "choice-removed": "choice removed",
    "value-default": "default changed",
    "value-unit": "unit changed",
    "view-added": "view added",
    "view-removed": "view removed",
    "level-changed": "level changed",
}
_ORDER = {kind: i for i, kind in enumerate(KINDS)}
# A command only the new folder has, only the old one has, or one both have that changed.
CommandStatus = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One change to one command, and whether it may break what worked before."""

    kind: ChangeKind
    command: str  # command identity (record ``name``)
    breaking: bool
    detail: str = ""
    subject: str = ""
    old: str | None = None
    new: str | None = None

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Command, kind (in KINDS order), subject, then the texts."""
        return (self.command, _ORDER[self.kind], self.subject, self.old or "", self.new or "")

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of the change (its command is the enclosing entry's name)."""
        keys = ("kind", "subject", "old", "new", "breaking", "detail")
        return {k: getattr(self, k) for k in keys}


@dataclass(frozen=True)
class Side:
    """One of the two compared folders: the path as given and the manuals its records name."""

    path: str
    manuals: tuple[str, ...] = ()


class Summary(TypedDict):
    """The counts shown at the top of the report and in the JSON ``summary``."""

    commands_added: int
    commands_removed: int
    commands_changed: int
    changes: int
    breaking: int


def named(changes: Iterable[Change], kind: ChangeKind) -> list[str]:
    """The commands of the changes of one kind, in order."""
    return [c.command for c in changes if c.kind == kind]


def changed_commands(changes: list[Change]) -> list[str]:
    """Names of the commands in both folders that changed, sorted."""
    whole = set(named(changes, "command-added")) | set(named(changes, "command-removed"))
    return sorted({c.command for c in changes} - whole)


def command_status(changes: Iterable[Change]) -> CommandStatus:
    """The status of a command from its changes: added, removed or changed."""
    kinds = {c.kind for c in changes}
    return "added" if "command-added" in kinds else "removed" if "command-removed" in kinds else "changed"


def summary(changes: list[Change]) -> Summary:
    """The counts of a list of changes."""
    return {
        "commands_added": len(named(changes, "command-added")),
        "commands_removed": len(named(changes, "command-removed")),
        "commands_changed": len(changed_commands(changes)),
        "changes": len(changes),
        "breaking": sum(1 for c in changes if c.breaking),
    }
