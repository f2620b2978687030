"""The compiled grammar kept beside its schema folder: built once, reused while fresh.

``SCHEMA/_grammar.json`` holds the compiled grammar (:mod:`vrpcmds_runtime.compiled`) and
a content hash of what it was built from: every record's bytes, the view override, and
the version of the code that compiles. :func:`grammar_for` returns it when that hash
still matches; a missing, stale, corrupt, truncated or foreign file is rebuilt (a
corrupt one with a warning), never trusted. A quick check of the records' sizes and
modification times, stored beside the grammar, saves reading them when nothing moved.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from vrpcmds_runtime import compiled as _compiled_module
from vrpcmds_runtime.compiled import CompiledGrammar, GrammarFileError, load_grammar

from .store import load_folder, record_paths, record_stats, write_atomic

if TYPE_CHECKING:
    from .record import Record

# The compiler and the view derivation are imported by the functions that build a grammar:
# loading a fresh one (every ``vrpcmds check``) needs neither.
OVERRIDE_FILE = "_views.override.yaml"

GRAMMAR_FILE = "_grammar.json"
STAMP_FILE = "_grammar.stamp"
_CODE = ("compile.py", "views.py", "constraints.py", "record.py")
_RUNTIME = ("compiled.py", "resolve.py", "matcher.py", "notation.py", "tree.py", "values.py", "line.py")


def code_version() -> str:
    """A hash of the code that decides what a compiled grammar holds."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    runtime = Path(_compiled_module.__file__).parent
    for folder, names in ((here, _CODE), (runtime, _RUNTIME)):
        for name in names:
            path = folder / name
            h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def records_hash(schema: Path) -> str:
    """Content hash of a schema folder's records and view override, and of the compiling code."""
    h = hashlib.sha256(code_version().encode())
    for path in [*record_paths(schema), schema / OVERRIDE_FILE]:
        if path.is_file():
            h.update(str(path.relative_to(schema)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def content_hash(records: list[Record]) -> str:
    """Content hash of records given in memory."""
    h = hashlib.sha256()
    for record in records:
        h.update(json.dumps(record.to_dict(), sort_keys=True, ensure_ascii=False).encode() + b"\0")
    return h.hexdigest()


def _stat_key(schema: Path) -> str:
    h = hashlib.sha256()
    for rel, size, mtime in record_stats(schema):
        h.update(f"{rel}\0{size}\0{mtime}\0".encode())
    for path in (schema / OVERRIDE_FILE, schema / GRAMMAR_FILE, Path(__file__), Path(_compiled_module.__file__)):
        if path.is_file():
            st = path.stat()
            h.update(f"{path.name}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def build_grammar(records: list[Record], schema: Path | None = None, problems: list[str] | None = None) -> CompiledGrammar:
    """Compile records (and the schema folder's view override, if any) into a grammar."""
    from .compile import compile_records
    from .views import derive_views, read_override

    grammar = compile_records(records, problems)
    override = schema / OVERRIDE_FILE if schema is not None else None
    derive_views(records, grammar, read_override(override) if override and override.is_file() else None)
    return grammar


def write_grammar(schema: Path, records: list[Record] | None = None) -> CompiledGrammar:
    """Compile the schema folder's records and store the grammar beside them."""
    records = load_folder(schema) if records is None else records
    grammar = build_grammar(records, schema)
    grammar.records = records_hash(schema)
    write_atomic(schema / GRAMMAR_FILE, grammar.to_json())
    write_atomic(schema / STAMP_FILE, _stat_key(schema) + "\n")
    return grammar


def grammar_for(schema: Path) -> CompiledGrammar:
    """The compiled grammar of a schema folder: the stored one while fresh, else rebuilt."""
    path = schema / GRAMMAR_FILE
    stamp = schema / STAMP_FILE
    if path.is_file():
        try:
            grammar = load_grammar(path.read_text(encoding="utf-8"))
        except (GrammarFileError, OSError, UnicodeDecodeError) as exc:
            print(f"vrpcmds: warning: {path}: {exc}; rebuilding it", file=sys.stderr)
        else:
            if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _stat_key(schema):
                return grammar
            if grammar.records == records_hash(schema):
                write_atomic(stamp, _stat_key(schema) + "\n")
                return grammar
    return write_grammar(schema)


def grammar_is_fresh(schema: Path) -> bool:
    """True when the stored grammar matches the records (by their sizes and times, then content)."""
    path, stamp = schema / GRAMMAR_FILE, schema / STAMP_FILE
    if not path.is_file():
        return False
    if stamp.is_file() and stamp.read_text(encoding="utf-8").strip() == _stat_key(schema):
        return True
    try:
        return bool(json.loads(path.read_text(encoding="utf-8"))["body"]["records"] == records_hash(schema))
    except (ValueError, KeyError, TypeError, OSError):
        return False
