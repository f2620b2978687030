"""Compare two schema folders command by command.

Commands are matched by identity (``name``); a command documented on several pages is one
command (:mod:`vrpcmds_differ.snapshot`). Per command: main and undo forms
(:mod:`vrpcmds_differ.forms`), parameters and their values (:mod:`vrpcmds_differ.values`),
views and level. Breaking, besides the rules of those modules: a command removed, a view
removed (its lines are rejected in that view), a level raised (a user of the old level may
no longer run it). Prose (function, usage, examples) is not compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from vrpcmds_model.record import Record
from vrpcmds_model.store import load_folder

from .changes import Change, Side
from .diff import Diff
from .forms import compare_forms
from .snapshot import Snapshot, snapshots
from .values import compare_parameters


def diff_folders(old: Path | str, new: Path | str) -> Diff:
    """The diff of two schema folders (records read and validated by the store)."""
    return diff_records(load_folder(Path(old)), load_folder(Path(new)), str(old), str(new))


def diff_records(
    old: list[Record], new: list[Record], old_path: str = "old", new_path: str = "new"
) -> Diff:
    """The diff of two sets of records; the paths only label the two sides."""
    before, after = snapshots(old), snapshots(new)
    changes = [Change("command-removed", n, True, "its lines are rejected") for n in before if n not in after]
    changes += [Change("command-added", n, False, "new command") for n in after if n not in before]
    for name in sorted(before.keys() & after.keys()):
        changes += compare_command(before[name], after[name])
    return Diff(_side(old_path, old), _side(new_path, new), changes)


def compare_command(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every change between two versions of one command."""
    return (
        compare_forms(new.name, old.forms, new.forms)
        + compare_forms(new.name, old.undo_forms, new.undo_forms, undo=True)
        + compare_parameters(old, new)
        + compare_views(old, new)
        + compare_level(old, new)
    )


def compare_views(old: Snapshot, new: Snapshot) -> list[Change]:
    """Views added (not breaking) and removed (breaking)."""
    removed = [
        Change("view-removed", new.name, True, "its lines are rejected in this view", old=v)
        for v in old.views
        if v not in new.views
    ]
    added = [
        Change("view-added", new.name, False, "available in one more view", new=v)
        for v in new.views
        if v not in old.views
    ]
    return removed + added


def compare_level(old: Snapshot, new: Snapshot) -> list[Change]:
    """A level change; raised (a higher number needed) is breaking."""
    if old.level == new.level:
        return []
    before, after = _level_text(old), _level_text(new)
    if old.level is None or new.level is None:
        return [
            Change("level-changed", new.name, False, "level stated on one side only", old=before, new=after)
        ]
    raised = new.level > old.level
    detail = "raised: users of the old level may no longer run it" if raised else "lowered"
    return [Change("level-changed", new.name, raised, detail, old=before, new=after)]


def _level_text(snap: Snapshot) -> str | None:
    return None if snap.level is None else f"{snap.level} ({snap.level_name})"


def _side(path: str, records: Iterable[Record]) -> Side:
    return Side(path, tuple(sorted({r.source.manual for r in records if r.source.manual})))
