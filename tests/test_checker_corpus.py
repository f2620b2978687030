"""The one resolver against the real manual: the vendor's own configurations pass, and the
bindings, ``check`` and ``explain`` name the same command for every line.

Reads ../shared/corpus at run time (records and bindings go to a temporary folder, never
into the project); skips, saying so, when it is absent. Figures are printed; the lines
behind them are written to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from corpus_configs import CMDREF, EXAMPLES, configuration_scripts
from vrpcmds_checker.check import LineResult, check_config, check_line
from vrpcmds_checker.explain import explain
from vrpcmds_generator.bindings import write_bindings
from vrpcmds_model.grammar_store import grammar_for
from vrpcmds_model.record import Record
from vrpcmds_model.store import load_folder
from vrpcmds_runtime.compiled import CompiledGrammar

OK_TARGET = 0.995
EXPLAIN_TARGET = 0.99
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.skipif(
    not (CMDREF.is_dir() and EXAMPLES.is_dir()),
    reason=f"the real corpus is absent ({CMDREF.parent}): corpus checks skipped",
)


class Corpus:
    def __init__(self, records: list[Record], grammar: CompiledGrammar, gen: Path) -> None:
        self.records, self.grammar, self.gen = records, grammar, gen
        self.scripts = [(str(page.relative_to(EXAMPLES)), script) for page, script in configuration_scripts()]
        self.results = [r for name, script in self.scripts for r in check_config(script, grammar, name)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, corpus_schema: Path) -> Corpus:
    gen = tmp_path_factory.mktemp("corpus-gen")
    records = load_folder(corpus_schema)
    write_bindings(records, gen)
    return Corpus(records, grammar_for(corpus_schema), gen)


def _documented_here(grammar: CompiledGrammar, r: LineResult, anywhere: bool = False) -> bool:
    """The line's first words spell a command documented in the view the line sits in (a
    line whose view is unknown, under an undocumented command, is not counted); with
    ``anywhere``, documented in any view."""
    if r.view is None and not anywhere:
        return False
    words = tuple(w.lower() for w in r.text.split())
    for command in grammar.commands:
        name = tuple(command.name.lower().split())
        if words[: len(name)] == name and (anywhere or any(command.view_set.allows(v) for v in r.view or ())):
            return True
    return False


def test_vendor_configuration_scripts_are_accepted(corpus: Corpus) -> None:
    counts: Counter[str] = Counter(r.status for r in corpus.results)
    documented = [r for r in corpus.results if _documented_here(corpus.grammar, r)]
    rejected = [r for r in documented if r.status != "ok"]
    share = 1 - len(rejected) / len(documented)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "checker-rejections.txt").write_text("\n".join(str(r) for r in rejected) + "\n")
    (ARTIFACTS / "checker-wrong-view.txt").write_text(
        "\n".join(str(r) for r in corpus.results if r.status == "wrong-view") + "\n"
    )
    spelled = [r for r in corpus.results if _documented_here(corpus.grammar, r, anywhere=True)]
    spelled_ok = sum(1 for r in spelled if r.status == "ok")
    total = len(corpus.results)
    print(f"\nlines whose first words spell a documented name (any view), ok: {spelled_ok}/{len(spelled)}")
    print(f"\nlines: {total}; statuses {dict(counts)}")
    print(f"lines of commands documented in their view, ok: {len(documented) - len(rejected)}/{len(documented)} ({share:.2%})")
    assert total > 3000
    # One line is left: `mac-address learning disable` under `traffic behavior`; no page of this
    # manual documents that command in the traffic behavior view (BENCHMARKS.md lists it).
    assert counts["wrong-view"] <= 1
    assert share >= OK_TARGET


def identity(name: str) -> str:
    """A page documenting ``undo x`` documents the undo form of command ``x``."""
    return name.removeprefix("undo ")


def own_lines(record: Record, names: set[tuple[str, ...]]) -> list[str]:
    """Typed example lines of the page's own command: its name's words (or undo + them) start
    the line, and no longer documented name does (``port link-type access`` on the ``port``
    page belongs to ``port link-type``)."""
    name = tuple(w.lower() for w in identity(record.name).split())
    out = []
    for example in record.examples:
        for typed in example.commands:
            words = tuple(w.lower() for w in typed.command.split())
            body = words[1:] if words[:1] == ("undo",) else words
            longest = max((n for n in names if body[: len(n)] == n), key=len, default=())
            if body[: len(name)] == name and longest == name:
                out.append(typed.command)
    return out


def test_explain_names_the_pages_own_command(corpus: Corpus) -> None:
    names = {tuple(identity(r.name).lower().split()) for r in corpus.records}
    cases = [(identity(r.name), line) for r in corpus.records for line in own_lines(r, names)]
    misses = []
    for name, line in cases:
        e = explain(corpus.grammar, line)
        if identity(e.command) != name or e.status != "ok":
            misses.append(f"{name}\n    line: {line}\n    explain: {e.status} {e.command}: {e.message}")
    rate = 1 - len(misses) / len(cases)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "explain-misses.txt").write_text("\n".join(misses) + "\n")
    print(f"\nexplain names the page's own command: {len(cases) - len(misses)}/{len(cases)} ({rate:.2%})")
    assert len(cases) > 1800
    assert rate >= EXPLAIN_TARGET


PARSE = """
    import json, sys
    import vrpcmds
    out = []
    for line, views in json.load(sys.stdin):
        try:
            out.append(vrpcmds.parse(line, views).page)
        except vrpcmds.CommandError:
            out.append(None)
    print(json.dumps(out))
"""


def test_bindings_check_and_explain_name_the_same_command(corpus: Corpus) -> None:
    """On every example line and every configuration-script line: one answer."""
    cases: list[tuple[str, list[str] | None, str | None]] = []  # line, views, check's command
    for r in corpus.records:
        for example in r.examples:
            for typed in example.commands:
                found = check_line(corpus.grammar, typed.command, None)
                cases.append((typed.command, None, found.command if found.status == "ok" else None))
    for result in corpus.results:
        ok = result.status in ("ok", "wrong-view")
        cases.append((result.text, result.view, result.command if ok else None))
    explained = []
    for line, views, _ in cases:
        e = explain(corpus.grammar, line, views)
        explained.append(e.command if e.status == "ok" else None)
    proc = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(corpus.gen)!r})\n" + textwrap.dedent(PARSE)],
        input=json.dumps([[line, views] for line, views, _ in cases]),
        capture_output=True,
        text=True,
        cwd=corpus.gen,
        check=True,
    )
    names = {r.id: r.name for r in corpus.records}
    parsed = [names.get(page) for page in json.loads(proc.stdout)]  # the command of the page read
    disagreements = [
        f"{line!r} in {views}: check {c!r}, explain {e!r}, bindings {p!r}"
        for (line, views, c), e, p in zip(cases, explained, parsed)
        if not c == e == p
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "resolver-disagreements.txt").write_text("\n".join(disagreements) + "\n")
    print(f"\nlines resolved by bindings, check and explain: {len(cases)}; disagreements: {len(disagreements)}")
    assert len(cases) > 5000
    assert disagreements == []
