"""The checker's Python API: plain data in, plain data out."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .check import LineResult, check_config as _check_config, summary
from .explain import Explanation, explain as _explain
from .grammar import Grammar


@lru_cache(maxsize=4)
def grammar_of(schema: str) -> Grammar:
    """The grammar of a schema folder, loaded once per process."""
    return Grammar.load(Path(schema))


def check_config(text: str, schema: str | Path, file: str = "<config>") -> list[LineResult]:
    """Check a configuration text against the schema folder's commands."""
    return _check_config(text, grammar_of(str(schema)), file)


def explain(line: str, schema: str | Path) -> Explanation:
    """Explain one command line against the schema folder's commands."""
    return _explain(grammar_of(str(schema)), line)


__all__ = ["Explanation", "LineResult", "check_config", "explain", "grammar_of", "summary"]
