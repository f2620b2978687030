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


class PackageNotFound(LookupError):
    """A bindings package that is not installed, or is not a bindings package."""


@lru_cache(maxsize=8)
def packaged_grammar(package: str = "vrpcmds") -> CompiledGrammar:
    """The compiled grammar shipped with an installed bindings package (default: the
    bundled ``vrpcmds``; ``vrpcmds package`` builds others, one per manual)."""
    from importlib import resources

    try:
        text = resources.files(package).joinpath("_grammar.json").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, NotADirectoryError, TypeError) as exc:
        raise PackageNotFound(f"{package}: not an installed vrpcmds bindings package ({exc})") from None
    return load_grammar(text)


def _grammar(schema: str | Path | None, package: str | None) -> CompiledGrammar:
    if schema is not None:
        return grammar_of(str(schema))
    return packaged_grammar(package or "vrpcmds")


def check_config(
    text: str, schema: str | Path | None = None, file: str = "<config>", package: str | None = None
) -> list[LineResult]:
    """Check a configuration text against a schema folder's commands, else an installed
    bindings package's (default: the bundled ``vrpcmds``)."""
    return _check_config(text, _grammar(schema, package), file)


def explain(
    line: str,
    schema: str | Path | None = None,
    view: str | Iterable[str] | None = None,
    package: str | None = None,
) -> Explanation:
    """Explain one command line against a schema folder's commands, else an installed
    bindings package's (default: the bundled ``vrpcmds``)."""
    return _explain(_grammar(schema, package), line, view)


__all__ = ["Explanation", "LineResult", "check_config", "explain", "grammar_of", "packaged_grammar", "summary"]
