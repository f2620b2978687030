"""Benchmark: full build, no-op build and the build after editing one page, in one run.

    python benchmarks/build_corpus.py [CMDREF_FOLDER]

Copies the corpus pages into a temporary folder, builds everything (schema, bindings,
site project, HTML), builds again with nothing changed, then edits one page and builds
once more. Prints the three times, the no-op share of the full build (target <= 10%),
and how many files each build rewrote. Skips, saying so, when the corpus is absent.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from vrpcmds_cli.pipeline import run_build

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"


def files(root: Path) -> dict[str, int]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime_ns
        for part in ("schema", "generated", "site")
        for p in (root / part).rglob("*")
        if p.is_file()
    }


def timed(pages: Path, root: Path) -> tuple[float, list[str], int]:
    before = files(root) if (root / "schema").exists() else {}
    start = time.perf_counter()
    result = run_build([str(pages)], root, cache=root / "cache")
    took = time.perf_counter() - start
    after = files(root)
    rewritten = sum(1 for k, t in after.items() if before.get(k) != t)
    if not result.ok:
        raise SystemExit("build failed")
    return took, result.ran, rewritten


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        print(f"corpus folder {folder} is absent: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pages = root / "pages"
        shutil.copytree(folder, pages)
        full, ran, n_full = timed(pages, root)
        noop, ran_noop, n_noop = timed(pages, root)
        page = next(p for p in sorted(pages.rglob("*.html")) if "By default" in p.read_text(encoding="utf-8"))
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("By default", "By default (edited)", 1), encoding="utf-8")
        edit, ran_edit, n_edit = timed(pages, root)
        total = len(files(root))
    print(f"pages: {len(list(folder.rglob('*.html')))}; files in the outputs: {total}")
    print(f"full build:            {full:7.2f} s  ({', '.join(ran)}; {n_full} files written)")
    print(f"no-op build:           {noop:7.2f} s  = {noop / full:.1%} of the full build (target <= 10%); "
          f"{n_noop} files rewritten; stages run: {', '.join(ran_noop) or 'none'}")
    print(f"after editing 1 page:  {edit:7.2f} s  ({', '.join(ran_edit)}; {n_edit} files rewritten)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
