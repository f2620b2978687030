"""The checker's Python API: plain data in, plain data out."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from vrpcmds_model.grammar_store import grammar_for
from vrpcmds_runtime.compiled import CompiledGrammar, load_grammar

from .check import LineResult, summary
from .check import check_config as _check_config
from .explain import Explanation
from .explain import explain as _explain


@lru_cache(maxsize=4)
def grammar_of(schema: str) -> CompiledGrammar:
    """The compiled grammar of a schema folder (rebuilt when stale), loaded once per process."""
    return grammar_for(Path(schema))


@lru_cache(maxsize=1)
def packaged_grammar() -> CompiledGrammar:
    """The compiled grammar shipped with the generated ``vrpcmds`` bindings."""
    from importlib import resources

    return load_grammar(resources.files("vrpcmds").joinpath("_grammar.json").read_text(encoding="utf-8"))


def _grammar(schema: str | Path | None) -> CompiledGrammar:
    return packaged_grammar() if schema is None else grammar_of(str(schema))


def check_config(text: str, schema: str | Path | None = None, file: str = "<config>") -> list[LineResult]:
    """Check a configuration text against a schema folder's commands (default: the bindings')."""
    return _check_config(text, _grammar(schema), file)


def explain(line: str, schema: str | Path | None = None, view: str | Iterable[str] | None = None) -> Explanation:
    """Explain one command line against a schema folder's commands (default: the bindings')."""
    return _explain(_grammar(schema), line, view)


__all__ = ["Explanation", "LineResult", "check_config", "explain", "grammar_of", "packaged_grammar", "summary"]
