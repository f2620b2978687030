"""What a user waits for, measured through the command line, each run a fresh process.

Prints, in one run (compare ratios, not seconds, on a shared machine):
- ``vrpcmds --help``;
- ``vrpcmds check`` of a small configuration against the whole corpus schema: the first
  run (compiled grammar built) and the second (loaded), as ratios to ``--help``;
- ``vrpcmds scrape`` of the whole corpus (compiled grammar and view graph included), as a
  ratio to a plain BeautifulSoup+lxml parse of the same pages in one process, and a
  rescrape of unchanged input as a share of the first;
- with ``--copies N`` the same on a folder holding N copies of the corpus (about
  1,700 pages each), to show how the figures grow.

Byte code is compiled first, as an install leaves it (best of several runs for the quick
commands). Reads ../shared/corpus; never writes inside the project (byte code aside).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
VRPCMDS = Path(sys.executable).parent / "vrpcmds"
CONFIG = "#\nsysname A\n#\nvlan 10\n description uplink\n#\ninterface 10GE1/0/1\n port link-type trunk\n#\nreturn\n"


PACKAGES = ("vrpcmds", "vrpcmds_runtime", "vrpcmds_model", "vrpcmds_scraper", "vrpcmds_generator",
            "vrpcmds_checker", "vrpcmds_differ", "vrpcmds_cli")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compile_bytecode() -> None:
    """Byte-compile the installed packages, as ``pip install`` leaves them."""
    for name in PACKAGES:
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)


def timed(*args: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(VRPCMDS), *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - start


def best(n: int, *args: str) -> float:
    return min(timed(*args) for _ in range(n))


def parse_only(folder: Path) -> float:
    start = time.perf_counter()
    for page in sorted(folder.rglob("*.html")):
        BeautifulSoup(page.read_bytes(), "lxml")
    return time.perf_counter() - start


def measure(pages: Path, tmp: Path, label: str) -> None:
    count = sum(1 for _ in pages.rglob("*.html"))
    schema, cache = tmp / f"schema-{label}", tmp / f"cache-{label}"
    bs4 = parse_only(pages)
    scrape = timed("scrape", str(pages), "--out", str(schema), "--cache", str(cache))
    rescrape = best(3, "scrape", str(pages), "--out", str(schema), "--cache", str(cache))
    (schema / "_grammar.json").unlink()
    config = tmp / "small.cfg"
    config.write_text(CONFIG)
    first = timed("check", "--schema", str(schema), str(config))
    second = best(5, "check", "--schema", str(schema), str(config))
    helptime = best(5, "--help")
    print(f"\n{label}: {count} pages")
    print(f"  BeautifulSoup+lxml parse only, one process  {bs4:7.2f} s")
    print(f"  vrpcmds scrape (all cores, grammar included) {scrape:7.2f} s  {scrape / bs4:5.2f}x parse-only (target <= 0.70x)")
    print(f"  vrpcmds scrape again, input unchanged         {rescrape:7.3f} s  {rescrape / scrape:6.1%} of the first (target <= 5%)")
    print(f"  vrpcmds --help                               {helptime:7.3f} s")
    print(f"  vrpcmds check, first run (grammar built)     {first:7.2f} s  {first / helptime:5.1f}x --help")
    print(f"  vrpcmds check, second run (grammar loaded)   {second:7.3f} s  {second / helptime:5.1f}x --help (target <= 3x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=0, help="also measure N copies of the corpus in one folder")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"corpus absent ({CORPUS}): nothing to measure")
        return 0
    compile_bytecode()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        measure(CORPUS, tmp, "corpus")
        if args.copies:
            many = tmp / "copies"
            for i in range(args.copies):
                shutil.copytree(CORPUS, many / f"copy{i}")
            measure(many, tmp, f"{args.copies} copies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
