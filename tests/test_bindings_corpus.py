"""The bindings of a whole real manual: the CE6800 reference (1,698 pages) in a temporary folder.

The corpus is read from ``../shared/corpus`` at run time; its records and bindings are
written under pytest's temporary folder and never into the project. Without the corpus
these tests skip, saying so. Checked here: generation succeeds (class-name collisions
resolved by the rule), every class imports, ``mypy --strict`` passes on the package,
and ``vrpcmds.parse`` gives back at least 95% of the example lines that belong to a
page's own command (its class, and ``str()`` equal to the line, blanks normalised).
The misses are written to ``test-artifacts/bindings-round-trip-failures.txt``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from vrpcmds_generator.bindings import group_records, write_bindings
from vrpcmds_model.record import Record
from vrpcmds_model.store import load_folder
from vrpcmds_scraper.batch import scrape_batch

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
ARTIFACTS = REPO / "test-artifacts"
BIN = Path(sys.executable).parent
ROUND_TRIP_TARGET = 0.95

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"corpus absent: {CORPUS} not found (the real pages live in ../shared, outside the project)",
)


@pytest.fixture(scope="module")
def corpus_package(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], Path]:
    """The corpus scraped and its bindings generated, both in a temporary folder."""
    root = tmp_path_factory.mktemp("corpus-bindings")
    report = scrape_batch([str(CORPUS)], root / "schema", cache_dir=root / "cache", workers=2)
    assert not report.failed
    records = load_folder(root / "schema")
    notes: list[str] = []
    write_bindings(records, root / "gen", notes=notes)
    print(f"\n{len(records)} records, {len(group_records(records))} classes; renamed: {notes}")
    return records, root / "gen"


def own_lines(record: Record) -> list[str]:
    """Typed example lines of the page's own command (its name's words in order, or undo + them)."""
    name = record.name.split()
    out = []
    for example in record.examples:
        for typed in example.commands:
            words = typed.command.split()
            body = words[1:] if words[:1] == ["undo"] and name[:1] != ["undo"] else words
            rest = iter(w.lower() for w in body)
            if body[:1] == name[:1] and all(any(w == n.lower() for w in rest) for n in name):
                out.append(typed.command)
    return out


ROUND_TRIP = """
    import json, sys
    import vrpcmds
    cases = json.load(sys.stdin)
    classes = sorted({c for c, _ in cases})
    for name in classes:
        getattr(vrpcmds, name)
    out = []
    for cls, line in cases:
        try:
            obj = vrpcmds.parse(line)
        except vrpcmds.CommandError as exc:
            out.append([cls, line, "parse", str(exc).splitlines()[1][:300]])
            continue
        if type(obj).__name__ != cls:
            out.append([cls, line, "class", type(obj).__name__])
        elif str(obj) != " ".join(line.split()):
            out.append([cls, line, "str", str(obj)])
    print(json.dumps({"imported": len(classes), "failures": out}))
"""


def test_every_class_imports_and_example_lines_round_trip(corpus_package: tuple[list[Record], Path]) -> None:
    records, gen = corpus_package
    names = {spec.identity: spec.name for spec in group_records(records)}
    cases = [[names[r.name], line] for r in records for line in own_lines(r)]
    everything = [[name, ""] for name in sorted(set(names.values()))]
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(gen)!r})\n" + textwrap.dedent(ROUND_TRIP),
        ],
        input=json.dumps(everything + cases),
        capture_output=True,
        text=True,
        cwd=gen,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    assert result["imported"] == len(set(names.values()))
    failures = [f for f in result["failures"] if f[1]]
    rate = 1 - len(failures) / len(cases)
    print(
        f"\nexample lines read back by vrpcmds.parse: {len(cases) - len(failures)}/{len(cases)} ({rate:.2%})"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{len(failures)} of {len(cases)} example lines do not round-trip", ""]
    lines += [f"{cls}\n    line:   {line}\n    {kind}: {detail}\n" for cls, line, kind, detail in failures]
    (ARTIFACTS / "bindings-round-trip-failures.txt").write_text("\n".join(lines), encoding="utf-8")
    assert len(cases) > 2000
    assert rate >= ROUND_TRIP_TARGET


def test_mypy_strict_passes_on_the_corpus_package(
    corpus_package: tuple[list[Record], Path], tmp_path: Path
) -> None:
    _, gen = corpus_package
    root = tmp_path / "mypypath"
    root.mkdir()
    (root / "vrpcmds").symlink_to(gen / "vrpcmds", target_is_directory=True)
    (root / "vrpcmds_runtime").symlink_to(REPO / "runtime", target_is_directory=True)
    result = subprocess.run(
        [BIN / "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), "-p", "vrpcmds"],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(root)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Success" in result.stdout
