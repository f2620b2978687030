"""Regenerate the golden bindings tree from the project's own fixture records.

    .venv/bin/python scripts/regen_golden.py

writes ``tests/golden/vrpcmds`` from ``tests/fixtures/bindings/*.yaml`` (records written
for the tests, never shipped). ``tests/test_bindings_golden.py`` compares a fresh
generation with this tree file by file; review the diff before committing it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from vrpcmds_generator.bindings import write_bindings
from vrpcmds_model.store import load_folder

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "bindings"
GOLDEN = REPO / "tests" / "golden"


def main() -> int:
    files = write_bindings(load_folder(FIXTURES), GOLDEN)
    print(f"golden tree: {len(files)} files in {GOLDEN / 'vrpcmds'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
