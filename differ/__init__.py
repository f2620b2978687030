"""Compare two schema folders: what changed between two manual versions, and what breaks.

``diff_folders(old, new)`` gives a :class:`Diff`; ``Diff.to_markdown()`` is the report for
people, ``Diff.to_json()`` the stable document for tools, read back with :func:`load_diff`.
"""

from .changes import KINDS, Change, ChangeKind, CommandStatus, Side
from .compare import diff_folders, diff_records
from .diff import Diff, DiffFormatError, load_diff

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
