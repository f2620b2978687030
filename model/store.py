"""Read and write command records as YAML, validated against the JSON Schema.

Writes are atomic (a temporary file in the same folder, then a rename), so a crash
or Ctrl-C never leaves a half-written record. Output is deterministic: fixed field
order, block style, LF line endings, trailing newline.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jsonschema

    from .record import Record

# jsonschema and PyYAML are imported when first needed: commands that only read the
# compiled grammar (``vrpcmds check``, a rescrape of unchanged input) never load them.

_UMASK = os.umask(0)
os.umask(_UMASK)
# The JSON Schema every record satisfies: package data of vrpcmds_model.
SCHEMA_RESOURCE = resources.files(__package__ or "vrpcmds_model").joinpath("command.schema.json")


def schema_text() -> str:
    """The JSON Schema of a record, as shipped with the package."""
    return SCHEMA_RESOURCE.read_text(encoding="utf-8")


class RecordError(ValueError):
    """A record that does not satisfy the JSON Schema, with the file and field concerned."""


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema

    schema = json.loads(schema_text())
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


@lru_cache(maxsize=1)
def _yaml() -> tuple[Any, type[Any], type[Any]]:
    """PyYAML, its dumper (block style, multi-line strings as literal blocks) and its loader.

    libyaml's C emitter and parser when present: the same bytes as the pure-Python ones.
    """
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]  # a base chosen at run time
        pass

    def str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, str_representer)
    return yaml, Dumper, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def dump_record(command: Record) -> str:
    """The YAML text of a record (validated first)."""
    data = command.to_dict()
    validate(data, command.id)
    yaml, dumper, _ = _yaml()
    text: str = yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


def write_atomic(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically; return False when it was already identical."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    import tempfile  # imported here: a command that writes nothing never needs it

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


def load_record(path: Path, validated: Validated | None = None) -> Record:
    """Read and validate one YAML record; errors name the file. With ``validated``, a file
    whose bytes were validated before is not validated again."""
    yaml, _, loader = _yaml()
    try:
        raw = path.read_bytes()
        data = yaml.load(raw.decode("utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RecordError(f"{path}: cannot read YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RecordError(f"{path}: expected a mapping at the top, found {type(data).__name__}")
    digest = hashlib.sha256(raw).hexdigest()
    if validated is None or not validated.seen(digest):
        validate(data, str(path))
        if validated is not None:
            validated.add(digest)
    from .record import Record

    return Record.from_dict(data)


def default_cache_dir() -> Path:
    """``$VRPCMDS_CACHE``, else ``$XDG_CACHE_HOME/vrpcmds``, else ``~/.cache/vrpcmds``."""
    if os.environ.get("VRPCMDS_CACHE"):
        return Path(os.environ["VRPCMDS_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "vrpcmds"


class Validated:
    """The sha256 of record files that passed the JSON Schema, kept in the user's cache (one
    file per version of the schema): reading a folder again validates only what changed.
    The cache holds digests only, nothing that runs; one that cannot be read is ignored."""

    def __init__(self) -> None:
        version = hashlib.sha256(schema_text().encode("utf-8")).hexdigest()[:16]
        self.path = default_cache_dir() / f"validated-{version}.txt"
        try:
            self.digests = set(self.path.read_text(encoding="ascii").split())
        except (OSError, ValueError):
            self.digests = set()
        self.new: set[str] = set()

    def seen(self, digest: str) -> bool:
        return digest in self.digests

    def add(self, digest: str) -> None:
        self.new.add(digest)

    def save(self) -> None:
        if not self.new:
            return
        try:
            write_atomic(self.path, "\n".join(sorted(self.digests | self.new)) + "\n")
        except OSError:
            pass  # a cache that cannot be written only costs the next run a validation


def record_paths(folder: Path) -> Iterator[Path]:
    """Every YAML record under ``folder``, in a stable order.

    Files whose names start with ``_`` (the derived view map, its override) are not records.
    """
    for rel, _ in scan_files(folder, _is_record):
        yield folder.joinpath(*rel)


def record_stats(folder: Path) -> list[tuple[str, int, int]]:
    """(relative path, size, modification time in ns) of every record, in record order."""
    out = []
    for rel, entry in scan_files(folder, _is_record):
        st = entry.stat()
        out.append(("/".join(rel), st.st_size, st.st_mtime_ns))
    return out


def _is_record(entry: os.DirEntry[str]) -> bool:
    return entry.name.endswith(".yaml") and not entry.name.startswith((".", "_"))


def scan_files(
    folder: Path | str, accept: Callable[[os.DirEntry[str]], bool]
) -> list[tuple[tuple[str, ...], os.DirEntry[str]]]:
    """Files under ``folder`` that ``accept`` takes, as (path parts relative to it, directory
    entry), sorted as their paths sort; one ``scandir`` per directory, no per-file path objects."""
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    pending: list[tuple[tuple[str, ...], str]] = [((), str(folder))]
    while pending:
        prefix, where = pending.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):  # as rglob: linked folders are not entered
                pending.append(((*prefix, entry.name), entry.path))
            elif accept(entry):
                found.append(((*prefix, entry.name), entry))
    found.sort(key=lambda item: item[0])
    return found


def load_folder(folder: Path) -> list[Record]:
    """Every record of a schema folder, sorted by path, each view spelled one way across the
    folder (:func:`vrpcmds_model.view_names.normalise_views`)."""
    from .view_names import normalise_views

    validated = Validated()
    records = [load_record(p, validated) for p in record_paths(folder)]
    validated.save()
    return normalise_views(records)


def swap_in(folder: Path, files: dict[str, str]) -> None:
    """Make ``folder`` hold exactly ``files`` (relative path -> text): written into a new
    folder beside it, which then takes its place. A file whose text is unchanged is the
    same file (linked, its time kept), so what did not change does not look changed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.new-"))
    old = fresh.with_name(fresh.name.replace(".new-", ".old-"))
    try:
        for rel, text in files.items():
            target = fresh / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            _write_or_link(target, folder / rel, text.encode("utf-8"))
        os.chmod(fresh, 0o755)
        if folder.exists():
            os.rename(folder, old)
        os.rename(fresh, folder)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old.exists() and not folder.exists():
            os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write_or_link(target: Path, previous: Path, data: bytes) -> None:
    try:
        if previous.is_file() and previous.stat().st_size == len(data) and previous.read_bytes() == data:
            os.link(previous, target)
            return
    except OSError:
        pass  # no previous file, or a disk without links: write it
    target.write_bytes(data)
