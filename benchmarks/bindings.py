"""Benchmark: the bindings of a whole manual, measured in one run.

    python benchmarks/bindings.py [CMDREF_FOLDER] [--classes N]

Scrapes the corpus (read from ../shared when no folder is given) into a temporary
folder, then prints:

- generation time of the bindings for the whole corpus;
- ``import vrpcmds`` time (``python -X importtime``, the package's cumulative
  time; best of 7 fresh interpreters, byte code compiled as an install leaves it) for a package of N classes (default
  5,000: the corpus' classes plus renamed copies of them) beside the same for a package
  of a single class, and the first use of one class (attribute access and building a
  command line) in each;
- the share of example lines of the page's own command that ``vrpcmds.parse`` reads
  back to the same line.

Nothing is written into the project. Without the corpus the script says so and exits 0.
"""

from __future__ import annotations

import argparse
import compileall
import copy
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vrpcmds_generator.bindings import group_records, write_bindings
from vrpcmds_model.record import Record
from vrpcmds_model.store import load_folder
from vrpcmds_scraper.batch import scrape_batch

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
RUNS = 7


def copies(records: list[Record], classes: int) -> list[Record]:
    """The records plus renamed copies (``<name> copy2``) until there are ``classes`` identities."""
    out = list(records)
    identities = len({r.name for r in records})
    n = 2
    while identities * (n - 1) < classes:
        for record in records:
            twin = copy.deepcopy(record)
            twin.name, twin.id = f"{record.name} copy{n}", f"{record.id}-copy{n}"
            out.append(twin)
        n += 1
    keep = set(sorted({r.name for r in out})[:classes])
    return [r for r in out if r.name in keep]


# Fresh interpreters as an installed package runs them: byte-code compiled and cached.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def compiled(package_root: Path) -> Path:
    """The package with its modules byte-compiled, as ``pip install`` leaves it."""
    compileall.compile_dir(package_root / "vrpcmds", quiet=1, workers=0)
    return package_root


def import_time(package_root: Path) -> float:
    """Best cumulative ``import vrpcmds`` time in ms over RUNS fresh interpreters (-X importtime)."""
    times = []
    code = f"import sys; sys.path.insert(0, {str(package_root)!r}); import vrpcmds"
    for _ in range(RUNS + 1):  # the first run also caches the runtime's byte code
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env=ENV,
        )
        line = next(line for line in proc.stderr.splitlines() if re.search(r"\|\s+vrpcmds$", line))
        times.append(int(line.split("|")[1]) / 1000)
    return min(times[1:])


FIRST_USE = """
import sys, time, json
sys.path.insert(0, {root!r})
import vrpcmds
start = time.perf_counter()
cls = getattr(vrpcmds, {name!r})
loaded = time.perf_counter()
line = str(cls.parse({line!r}))
done = time.perf_counter()
print(json.dumps([(loaded - start) * 1000, (done - start) * 1000, line]))
"""


def first_use(package_root: Path, name: str, line: str) -> tuple[float, float]:
    """Median ms to load one class, and to load it and read a line with it, in fresh interpreters."""
    loads, uses = [], []
    for _ in range(RUNS):
        code = FIRST_USE.format(root=str(package_root), name=name, line=line)
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=ENV
        ).stdout
        load, use, _ = json.loads(out)
        loads.append(load)
        uses.append(use)
    return statistics.median(loads), statistics.median(uses)


def round_trip(records: list[Record], gen: Path) -> tuple[int, int, dict[str, str]]:
    sys.path.insert(0, str(gen))
    import vrpcmds  # the package just generated
    from vrpcmds._index import CLASSES  # page id -> the class that reads its lines

    total = ok = 0
    good: dict[str, str] = {}
    for record in records:
        for example in record.examples:
            for typed in example.commands:
                words = typed.command.split()
                name = record.name.split()
                body = words[1:] if words[:1] == ["undo"] and name[:1] != ["undo"] else words
                rest = iter(w.lower() for w in body)
                if body[:1] != name[:1] or not all(any(w == n.lower() for w in rest) for n in name):
                    continue
                total += 1
                try:
                    obj = vrpcmds.parse(typed.command, record.views)
                except vrpcmds.CommandError:
                    continue
                if type(obj).__name__ == CLASSES[record.id] and str(obj) == " ".join(words):
                    ok += 1
                    good.setdefault(record.name, typed.command)
    return ok, total, good


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--classes", type=int, default=5000)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"corpus folder {folder} is absent: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        scrape_batch([str(folder)], tmp / "schema", cache_dir=tmp / "cache")
        records = load_folder(tmp / "schema")

        start = time.perf_counter()
        write_bindings(records, tmp / "corpus")
        generation = time.perf_counter() - start
        classes = len(group_records(records))

        ok, total, good = round_trip(records, tmp / "corpus")
        identity = "ip route-static" if "ip route-static" in good else min(good)
        line = good[identity]
        many = copies(records, args.classes)
        write_bindings(many, tmp / "many")
        one = [r for r in records if r.name == identity]
        write_bindings(one, tmp / "one")
        name = group_records(one)[0].name

        big, small = import_time(compiled(tmp / "many")), import_time(compiled(tmp / "one"))
        big_load, big_use = first_use(tmp / "many", name, line)
        small_load, small_use = first_use(tmp / "one", name, line)

    count = len(group_records(many))
    print(f"records: {len(records)}; classes: {classes} (corpus), {count} (with renamed copies)")
    print(f"generation, whole corpus: {generation:.2f} s")
    print(f"import vrpcmds, {count} classes: {big:.1f} ms; 1 class: {small:.1f} ms (ratio {big / small:.2f})")
    print(f"first use of {name} ({line!r}):")
    print(f"  {count} classes: load {big_load:.1f} ms, load + parse + str {big_use:.1f} ms")
    print(
        f"  1 class:{' ' * (len(str(count)) + 7)}load {small_load:.1f} ms, load + parse + str {small_use:.1f} ms"
    )
    print(f"example lines read back by vrpcmds.parse: {ok}/{total} ({ok / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
