"""The bindings of a whole real manual: the CE6800 reference (1,698 pages) in a temporary folder.

The corpus is read from ``../shared/corpus`` at run time; its records and bindings are
written under pytest's temporary folder and never into the project. Without the corpus
these tests skip, saying so. Checked here: generation succeeds (class-name collisions
resolved by the rule), every class imports, ``mypy --strict`` passes on the package,
``vrpcmds.parse`` gives back at least 95% of the example lines that belong to a page's
own command (its class, and ``str()`` equal to the line, blanks normalised), ``repr``
gives the objects back, no object needs a flag for a word its form always writes, and
``undo()`` works. The misses are written to ``test-artifacts/bindings-round-trip-failures.txt``.
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
def corpus_package(tmp_path_factory: pytest.TempPathFactory, corpus_schema: Path) -> tuple[list[Record], Path]:
    """The corpus scraped (once a session) and its bindings generated, in temporary folders."""
    root = tmp_path_factory.mktemp("corpus-bindings")
    records = load_folder(corpus_schema)
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
    from vrpcmds._index import CLASSES
    from vrpcmds_runtime.command import Command
    from vrpcmds_runtime.selection import _slots, own_words
    cases = json.load(sys.stdin)
    namespace = {name: getattr(vrpcmds, name) for name in vrpcmds.__all__}
    out = {"failures": [], "repr": [], "flags": [], "undo": [], "undo_cases": 0, "parsed": 0, "wide": []}
    for page, line, views in cases:
        cls = CLASSES[page]
        try:
            obj = vrpcmds.parse(line, views)
        except vrpcmds.CommandError as exc:
            out["failures"].append([cls, line, "parse", str(exc).splitlines()[1][:300]])
            continue
        out["parsed"] += 1
        if type(obj).__name__ != cls:
            out["failures"].append([cls, line, "class", type(obj).__name__])
        elif str(obj) != " ".join(line.split()):
            out["failures"].append([cls, line, "str", str(obj)])
        try:
            back = eval(repr(obj), dict(namespace))
            same = back == obj and str(back) == str(obj)
        except Exception as exc:
            same = False
        if not same:
            out["repr"].append([line, repr(obj)])
        kind = type(obj)
        forms = kind.undo_forms if obj.negated else kind.forms
        always = set.intersection(*(set(f.labelled.fixed) for f in forms)) if forms else set()
        optional = {s.label for f in forms for s in _slots(f).values() if s.kind == "flag"}
        own = always | set(own_words(kind.name))
        for p in kind.params:
            if p.kind == "flag" and p.name in obj.arguments() and p.ref not in optional:
                if set(p.keyword.lower().split()) & own:
                    out["flags"].append([line, repr(obj)])
        if not obj.negated and kind.undo_forms:
            out["undo_cases"] += 1
            try:
                obj.undo()
            except vrpcmds.CommandError as exc:
                out["undo"].append([line, str(exc).splitlines()[-1][:200]])
    for name in vrpcmds.__all__:
        value = getattr(vrpcmds, name)
        if isinstance(value, type) and issubclass(value, Command) and len(value.params) > 30:
            out["wide"].append([name, len(value.params)])
    print(json.dumps(out))
"""


def test_example_lines_round_trip_through_parse_repr_and_undo(corpus_package: tuple[list[Record], Path]) -> None:
    """Issue-level figures of the bindings, on every example line of a page's own command:

    read back by ``vrpcmds.parse`` in the page's views to the page's class and the same line (>= 95%); ``repr``
    evaluates to an equal object writing the same line (>= 99% of the lines read); no
    object needs a flag for a word its form always writes; ``undo()`` works for >= 95% of
    the main-form lines whose command documents an undo form. Classes taking more than 30
    arguments are listed (the starred ACL rule forms, one keyword argument per decision).
    """
    records, gen = corpus_package
    by_id = {r.id: r for r in records}
    cases = [[r.id, line, r.views] for r in records for line in own_lines(r)]  # typed in the page's views
    proc = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(gen)!r})\n" + textwrap.dedent(ROUND_TRIP)],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        cwd=gen,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    failures, parsed = result["failures"], result["parsed"]
    rate = 1 - len(failures) / len(cases)
    repr_rate = 1 - len(result["repr"]) / parsed
    undo_rate = 1 - len(result["undo"]) / result["undo_cases"]
    print(
        f"\nexample lines read back by vrpcmds.parse: {len(cases) - len(failures)}/{len(cases)} ({rate:.2%})"
        f"\nrepr evaluates to an equal object writing the same line: {parsed - len(result['repr'])}/{parsed}"
        f" ({repr_rate:.2%})\nobjects needing a flag for a word their form always writes: {len(result['flags'])}"
        f"\nundo() works: {result['undo_cases'] - len(result['undo'])}/{result['undo_cases']} ({undo_rate:.2%})"
        f"\nclasses with more than 30 arguments: {result['wide']}"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{len(failures)} of {len(cases)} example lines do not round-trip", ""]
    lines += [f"{cls}\n    line:   {line}\n    {kind}: {detail}\n" for cls, line, kind, detail in failures]
    lines += ["", f"{len(result['repr'])} objects whose repr does not give them back", ""]
    lines += [f"    {line}\n    repr: {text}\n" for line, text in result["repr"]]
    lines += ["", f"{len(result['undo'])} objects without an undo line", ""]
    lines += [f"    {line}\n    {why}\n" for line, why in result["undo"]]
    (ARTIFACTS / "bindings-round-trip-failures.txt").write_text("\n".join(lines), encoding="utf-8")
    assert len(cases) > 2000 and all(page in by_id for page, _, _ in cases)
    assert rate >= ROUND_TRIP_TARGET
    assert repr_rate >= 0.99
    assert result["flags"] == []
    assert undo_rate >= 0.95


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
