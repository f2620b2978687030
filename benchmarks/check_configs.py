"""Benchmark: configuration lines checked per second, dispatched vs a naive baseline.

    python benchmarks/check_configs.py

Compiles the grammar of the whole corpus manual, loads it back once, then checks the configuration scripts
of the corpus's configuration examples: once with the checker (lines dispatched by their
leading keywords), once with a naive baseline that tries every form of every command in
turn (on the first lines only, it is slow), and prints both rates from the same run.
Skips, saying so, when the corpus is absent.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_configs import CMDREF, EXAMPLES, configuration_scripts
from vrpcmds_checker.check import check_config
from vrpcmds_checker.config import config_lines
from vrpcmds_model.grammar_store import grammar_for
from vrpcmds_runtime.compiled import CompiledGrammar
from vrpcmds_runtime.line import split_line
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_scraper.batch import scrape_batch

NAIVE_LINES = 300


def naive(grammar: CompiledGrammar, lines: list[str]) -> int:
    """Try every form of every command until one matches; count the lines that matched."""
    matched = 0
    for text in lines:
        tokens = split_line(text)
        for form in grammar.forms:
            try:
                match(form.tree, tokens, form.check)
            except MatchError:
                continue
            matched += 1
            break
    return matched


def main() -> int:
    if not (CMDREF.is_dir() and EXAMPLES.is_dir()):
        print(f"corpus folder {CMDREF.parent} is absent: nothing to measure")
        return 0
    scripts = [text for _, text in configuration_scripts()]
    with tempfile.TemporaryDirectory() as tmp:
        scrape_batch([str(CMDREF)], Path(tmp) / "schema", cache_dir=Path(tmp) / "cache", progress=False)
        start = time.perf_counter()
        grammar_for(Path(tmp) / "schema")  # compiled (the view graph too) and stored
        build = time.perf_counter() - start
        start = time.perf_counter()
        grammar = grammar_for(Path(tmp) / "schema")  # read back
        load = time.perf_counter() - start
    start = time.perf_counter()
    results = [r for text in scripts for r in check_config(text, grammar)]
    fast = time.perf_counter() - start
    lines = [cl.text for text in scripts for cl in config_lines(text)][:NAIVE_LINES]
    start = time.perf_counter()
    naive(grammar, lines)
    slow = time.perf_counter() - start
    print(f"grammar: {len(grammar.forms)} forms of {len(grammar.names())} commands,"
          f" compiled in {build:.2f} s, loaded in {load:.3f} s")
    print(f"checker (dispatch by leading keywords): {len(results) / fast:9.0f} lines/s  ({len(results)} lines)")
    print(f"naive (every form of every command):    {len(lines) / slow:9.0f} lines/s  ({len(lines)} lines)")
    print(f"speed-up: {(len(results) / fast) / (len(lines) / slow):.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
