"""Benchmark: full-corpus scrape against a parse-only pass, measured in the same run.

    python benchmarks/scrape_corpus.py [CMDREF_FOLDER]

Prints the time to merely parse every page with BeautifulSoup+lxml in one process, the
time of a full scrape (all cores, fresh cache), and the time of a second scrape of the
unchanged input, with the two ratios the project targets (scrape <= 0.7x parse-only;
second scrape <= 5% of the first). The corpus is read from ../shared when no folder is
given; without it the script says so and exits 0.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup
from vrpcmds_scraper.batch import scrape_batch

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"


def parse_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        BeautifulSoup(path.read_bytes(), "lxml")
    return time.perf_counter() - start


def main() -> int:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        print(f"corpus folder {folder} is absent: nothing to measure")
        return 0
    files = sorted(p for p in folder.rglob("*.html"))
    for path in files:  # warm the OS file cache for both measurements alike
        path.read_bytes()
    parse = parse_only(files)
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "out", Path(tmp) / "cache"
        start = time.perf_counter()
        first = scrape_batch([str(folder)], out, cache_dir=cache, progress=False)
        scrape = time.perf_counter() - start
        start = time.perf_counter()
        second = scrape_batch([str(folder)], out, cache_dir=cache, progress=False)
        again = time.perf_counter() - start
    print(f"pages: {len(files)}  cores: {os.cpu_count()}")
    print(f"parse only (BeautifulSoup+lxml, 1 process): {parse:7.2f} s")
    print(f"full scrape (all cores, fresh cache):       {scrape:7.2f} s  = {scrape / parse:.2f}x parse-only (target <= 0.70x)")
    print(f"second scrape (unchanged input):            {again:7.2f} s  = {again / scrape:.1%} of the first (target <= 5%)")
    print(f"records: {len(first.written)} written, {len(first.skipped)} skipped, {len(first.failed)} failed; "
          f"second run reused {second.reused}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
