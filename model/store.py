"""Read and write command records as YAML, validated against the JSON Schema.

Writes are atomic (a temporary file in the same folder, then a rename), so a crash
or Ctrl-C never leaves a half-written record. Output is deterministic: fixed field
order, block style, LF line endings, trailing newline.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .record import Record

REPO_ROOT = Path(__file__).resolve().parent.parent
_UMASK = os.umask(0)
os.umask(_UMASK)
SCHEMA_PATH = REPO_ROOT / "schema" / "command.schema.json"


class RecordError(ValueError):
    """A record that does not satisfy the JSON Schema, with the file and field concerned."""


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator: jsonschema.protocols.Validator = cls(schema)
    return validator


def validate(data: dict[str, Any], where: str = "record") -> None:
    """Raise RecordError listing every place where ``data`` breaks the JSON Schema."""
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        lines = [f"{where}: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]
        raise RecordError("\n".join(lines))


_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter when libyaml is there
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # and the C parser


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]  # a base chosen at run time
    """Block style; multi-line strings as literal blocks (same bytes with either emitter)."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_record(command: Record) -> str:
    """The YAML text of a record (validated first)."""
    data = command.to_dict()
    validate(data, command.id)
    text: str = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically; return False when it was already identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_record(command: Record, path: Path) -> bool:
    """Validate and write one record; return whether the file changed."""
    return write_atomic(path, dump_record(command))


def load_record(path: Path) -> Record:
    """Read and validate one YAML record; errors name the file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RecordError(f"{path}: expected a mapping at the top, found {type(data).__name__}")
    validate(data, str(path))
    return Record.from_dict(data)


def record_paths(folder: Path) -> Iterator[Path]:
    """Every YAML record under ``folder``, in a stable order.

    Files whose names start with ``_`` (the derived view map, its override) are not records.
    """
    yield from sorted(p for p in folder.rglob("*.yaml") if not p.name.startswith((".", "_")))


def load_folder(folder: Path) -> list[Record]:
    """Every record of a schema folder, sorted by path."""
    return [load_record(p) for p in record_paths(folder)]
