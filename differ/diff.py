"""The result of a diff: changes per command, and its stable JSON form.

JSON format (``format: vrpcmds-diff``, ``version: 1``; keys sorted, lists in the order below,
two-space indent, trailing newline)::

    {
      "format": "vrpcmds-diff",
      "version": 1,
      "old": {"path": "schema-v1", "manuals": ["..."]},       # path as given; manuals named
      "new": {"path": "schema-v2", "manuals": ["..."]},       #   by the records' source
      "summary": {"commands_added": 1, "commands_removed": 1, "commands_changed": 5,
                  "changes": 20, "breaking": 9},
      "commands": [                                            # sorted by name
        {"name": "demo scope", "status": "changed",            # added | removed | changed
         "breaking": true,                                     # any of its changes breaking
         "changes": [                                          # in KINDS order, then subject
           {"kind": "value-range", "subject": "vlan <vlan-id>",
            "old": "integer 1-4094", "new": "integer 2-4094",  # null when not applicable
            "breaking": true, "detail": "narrowed"}
         ]}
      ]
    }

``kind`` is one of :data:`KINDS`; ``subject`` names the parameter (marked name) a value or
choice change concerns and is empty otherwise; ``old``/``new`` are the text before and after
(a form, a constraint as ``integer 1-1440``, a choice, a view, a level); ``detail`` says in a
few words why the change is or is not breaking.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .changes import (
    KINDS,
    Change,
    CommandStatus,
    Side,
    Summary,
    changed_commands,
    command_status,
    named,
    summary,
)
from .markdown import render

FORMAT = "vrpcmds-diff"
VERSION = 1


class DiffFormatError(ValueError):
    """A file that is not a diff in the JSON format this version reads."""


@dataclass
class Diff:
    """Every change between two schema folders, sorted by command, kind and subject."""

    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.changes = sorted(self.changes, key=Change.sort_key)

    @property
    def added(self) -> list[str]:
        """Names of the commands only the new folder has."""
        return named(self.changes, "command-added")

    @property
    def removed(self) -> list[str]:
        """Names of the commands only the old folder has."""
        return named(self.changes, "command-removed")

    @property
    def changed(self) -> list[str]:
        """Names of the commands in both folders that changed."""
        return changed_commands(self.changes)

    @property
    def breaking(self) -> list[Change]:
        """The breaking changes, in order."""
        return [c for c in self.changes if c.breaking]

    def by_command(self) -> dict[str, list[Change]]:
        """Command name -> its changes, names sorted."""
        out: dict[str, list[Change]] = {}
        for change in self.changes:
            out.setdefault(change.command, []).append(change)
        return out

    def status(self, command: str) -> CommandStatus:
        """``added``, ``removed`` or ``changed``."""
        return command_status(self.by_command().get(command, []))

    def summary(self) -> Summary:
        """The counts shown at the top of the report and in the JSON ``summary``."""
        return summary(self.changes)

    def as_dict(self) -> dict[str, Any]:
        """The JSON document (see the module docstring)."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "old": _side_dict(self.old),
            "new": _side_dict(self.new),
            "summary": self.summary(),
            "commands": [
                {
                    "name": name,
                    "status": command_status(changes),
                    "breaking": any(c.breaking for c in changes),
                    "changes": [c.as_dict() for c in changes],
                }
                for name, changes in self.by_command().items()
            ],
        }

    def to_json(self) -> str:
        """The stable JSON text (sorted keys, LF, trailing newline)."""
        return json.dumps(self.as_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        """The Markdown report for people (see :mod:`vrpcmds_differ.markdown`)."""
        return render(self.old, self.new, self.changes)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Diff:
        """The diff back from :meth:`as_dict`; a different format or version raises DiffFormatError."""
        if data.get("format") != FORMAT or data.get("version") != VERSION:
            raise DiffFormatError(f"not a {FORMAT} version {VERSION} document")
        try:
            changes = [_change(entry["name"], c) for entry in data["commands"] for c in entry["changes"]]
            return cls(_side(data["old"]), _side(data["new"]), changes)
        except (KeyError, TypeError) as exc:
            raise DiffFormatError(f"malformed {FORMAT} document: {exc!r}") from exc


def _side_dict(side: Side) -> dict[str, Any]:
    return {"path": side.path, "manuals": list(side.manuals)}


def _side(data: dict[str, Any]) -> Side:
    return Side(str(data["path"]), tuple(data.get("manuals", ())))


def _change(command: str, data: dict[str, Any]) -> Change:
    """One change back from its JSON object."""
    if data["kind"] not in KINDS:
        raise DiffFormatError(f"{command}: unknown kind of change {data['kind']!r}")
    return Change(
        kind=data["kind"],
        command=command,
        breaking=bool(data["breaking"]),
        detail=data.get("detail", ""),
        subject=data.get("subject", ""),
        old=data.get("old"),
        new=data.get("new"),
    )


def load_diff(path: Path | str) -> Diff:
    """Read a diff written by ``vrpcmds diff --json``; errors name the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DiffFormatError(f"{path}: cannot read JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise DiffFormatError(f"{path}: expected a JSON object at the top")
    try:
        return Diff.from_dict(data)
    except DiffFormatError as exc:
        raise DiffFormatError(f"{path}: {exc}") from exc
