"""Compare two schema folders: what changed between two manual versions, and what breaks.

``diff_folders(old, new)`` gives a :class:`Diff`; ``Diff.to_markdown()`` is the report for
people, ``Diff.to_json()`` the stable document for tools, read back with :func:`load_diff`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .changes import KINDS, Change, ChangeKind, CommandStatus, Side
    from .compare import diff_folders, diff_records
    from .diff import Diff, DiffFormatError, load_diff

# Loaded on first use, so that ``vrpcmds --help`` (which only declares the diff
# subcommand's arguments) does not import the comparison.
_HOME = {
    "KINDS": "changes",
    "Change": "changes",
    "ChangeKind": "changes",
    "CommandStatus": "changes",
    "Side": "changes",
    "diff_folders": "compare",
    "diff_records": "compare",
    "Diff": "diff",
    "DiffFormatError": "diff",
    "load_diff": "diff",
}

__all__ = [
    "KINDS",
    "Change",
    "ChangeKind",
    "CommandStatus",
    "Diff",
    "DiffFormatError",
    "Side",
    "diff_folders",
    "diff_records",
    "load_diff",
]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
