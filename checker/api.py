"""The checker's Python API: plain data in, plain data out."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path

from vrpcmds_model.record import Record

from .check import LineResult, summary
from .check import check_config as _check_config
from .explain import Explanation
from .explain import explain as _explain
from .grammar import Grammar


@lru_cache(maxsize=4)
def grammar_of(schema: str) -> Grammar:
    """The grammar of a schema folder, loaded once per process."""
    return Grammar.load(Path(schema))


@lru_cache(maxsize=1)
def packaged_grammar() -> Grammar:
    """The grammar packaged with the generated ``vrpcmds`` bindings (``_grammar.json``)."""
    data = resources.files("vrpcmds").joinpath("_grammar.json").read_text(encoding="utf-8")
    return Grammar.from_records([Record.from_dict(d) for d in json.loads(data)])


def _grammar(schema: str | Path | None) -> Grammar:
    return packaged_grammar() if schema is None else grammar_of(str(schema))


def check_config(text: str, schema: str | Path | None = None, file: str = "<config>") -> list[LineResult]:
    """Check a configuration text against a schema folder's commands (default: the bindings')."""
    return _check_config(text, _grammar(schema), file)


def explain(line: str, schema: str | Path | None = None) -> Explanation:
    """Explain one command line against a schema folder's commands (default: the bindings')."""
    return _explain(_grammar(schema), line)


__all__ = ["Explanation", "LineResult", "check_config", "explain", "grammar_of", "packaged_grammar", "summary"]
