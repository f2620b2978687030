"""``vrpcmds diff OLD NEW [--json] [--fail-on breaking|any|never]``.

Prints the Markdown report (or the JSON document with ``--json``) on standard output.
Exit status: 0, or 1 when ``--fail-on breaking`` and a change is breaking (``any``: when
anything changed); 2 when a folder is missing or holds a record that cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .diff import Diff

FailOn = Literal["breaking", "any", "never"]
FAIL_ON: tuple[FailOn, ...] = ("breaking", "any", "never")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of the ``diff`` subcommand."""
    parser.add_argument("old", metavar="OLD", help="schema folder of the earlier version")
    parser.add_argument("new", metavar="NEW", help="schema folder of the later version")
    parser.add_argument("--json", action="store_true", help="machine-readable result (format vrpcmds-diff)")
    parser.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default="never",
        help="exit 1 when a breaking change (or any change) is found (default: never)",
    )


def diff_command(args: argparse.Namespace) -> int:
    """Compare the folders ``args.old`` and ``args.new``; print the report; the exit status."""
    from vrpcmds_model.store import RecordError

    from .compare import diff_folders

    for folder in (args.old, args.new):
        if not Path(folder).is_dir():
            print(f"vrpcmds diff: schema folder {folder} does not exist", file=sys.stderr)
            return 2
    try:
        diff = diff_folders(args.old, args.new)
    except RecordError as exc:
        print(f"vrpcmds diff: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(diff.to_json() if getattr(args, "json", False) else diff.to_markdown())
    return exit_status(diff, getattr(args, "fail_on", "never"))


def exit_status(diff: Diff, fail_on: FailOn) -> int:
    """1 when the diff has what ``fail_on`` names (breaking changes, any change), else 0."""
    if fail_on == "breaking":
        return 1 if diff.breaking else 0
    if fail_on == "any":
        return 1 if diff.changes else 0
    return 0
