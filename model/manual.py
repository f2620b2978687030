"""Which manual a schema folder holds: its product and release, read from the records.

A bindings package carries one manual (``vrpcmds package``), named after its product and
release (``vrpcmds_ce6800_v300r023c00``) and versioned by its release and content. Both
come from the records, in this order:

1. the manual title of the records' sources (``AR500, AR510, and AR530 V200R007 Commands
   Reference``): the release is the ``VxxxRxxx[Cxx][SPCxxx]`` word, the product the words
   before it up to the first comma or ``and`` (``AR500``), without ``Huawei`` and ``Series``;
2. else a folder of the records' source paths or URLs named ``<product>-<release>``
   (``ce6800-v300r023c00/cmdref/...``);
3. else the schema folder's own name, or one of its parents', read the same way.

Records of two manuals in one folder (two titles or document ids, two product folders)
are refused, naming a file of each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .record import Record

_RELEASE = re.compile(r"\bV(\d{3})R(\d{3})(?:C(\d{2}))?(?:SPC(\d{3}))?\b", re.IGNORECASE)
_FOLDER = re.compile(
    r"^(?P<product>[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*?)[-_](?P<release>v\d{3}r\d{3}\S*)$", re.IGNORECASE
)
_NOISE = {"huawei", "series", "commands", "command", "reference"}


class ManualError(ValueError):
    """Records that do not say which one manual they are, with the files concerned."""


@dataclass(frozen=True)
class Manual:
    """The product and release of a manual (``ce6800``, ``V300R023C00``) and where they were read."""

    product: str
    release: str
    evidence: str  # where they were read: a title, a source folder, the schema folder

    @property
    def package(self) -> str:
        """The default name of its bindings package: ``vrpcmds_ce6800_v300r023c00``."""
        return "vrpcmds_" + _snake(self.product) + "_" + self.release.lower()

    def version(self, content: str) -> str:
        """The package version: the release's numbers, the content hash as local label
        (``V300R023C00``, ``SPC100`` -> ``300.23.0.100+<hash>``)."""
        m = _RELEASE.fullmatch(self.release)
        numbers = [int(g) for g in m.groups() if g is not None] if m else [0]
        while len(numbers) < 3:
            numbers.append(0)
        return ".".join(str(n) for n in numbers) + "+" + content[:12]


def manual_of(records: list[tuple[Path, Record]], folder: Path, required: bool = True) -> Manual | None:
    """The one manual of these records (each with its file), or ManualError saying why not.

    Records of several manuals are always refused; a manual whose product and release
    cannot be read is refused when ``required``, else None.
    """
    if not records:
        raise ManualError(f"{folder}: no records (*.yaml) in this folder")
    _refuse_mixed(records)
    found = _from_titles(records) or _from_sources(records) or _from_folder(folder)
    if found is None and required:
        raise ManualError(
            f"{folder}: cannot tell the manual's product and release: no record's source.manual "
            "holds a release such as V300R023C00, no source folder is named like "
            "ce6800-v300r023c00, nor is the schema folder; give --name and --version"
        )
    return found


def _refuse_mixed(records: list[tuple[Path, Record]]) -> None:
    titles: dict[tuple[str, str], Path] = {}
    for path, record in records:
        key = (record.source.manual or "", record.source.doc_id or "")
        if any(key):
            titles.setdefault(key, path)
    folders: dict[tuple[str, str], Path] = {}
    for path, record in records:
        where = _source_folder(record)
        if where is not None:
            folders.setdefault(where, path)
    for what, seen in (("source.manual/source.doc_id", titles), ("source folder", folders)):
        if len(seen) > 1:
            listed = "; ".join(f"{_shown(k)} in {p}" for k, p in list(seen.items())[:3])
            raise ManualError(f"records of {len(seen)} manuals in one folder ({what}): {listed}")


def _shown(key: tuple[str, str]) -> str:
    return " / ".join(repr(k) for k in key if k)


def _from_titles(records: list[tuple[Path, Record]]) -> Manual | None:
    for _, record in records:
        title = record.source.manual or ""
        m = _RELEASE.search(title)
        product = _product(title[: m.start()]) if m else ""
        if m and product:
            return Manual(product, m.group(0).upper(), f"source.manual {title!r}")
    return None


def _product(text: str) -> str:
    first = re.split(r",|\band\b", text, maxsplit=1)[0]
    words = [w for w in re.findall(r"[A-Za-z0-9]+", first) if w.lower() not in _NOISE]
    return " ".join(words)


def _from_sources(records: list[tuple[Path, Record]]) -> Manual | None:
    for _, record in records:
        found = _source_folder(record)
        if found is not None:
            return Manual(found[0], found[1], f"source folder {found[0]}-{found[1].lower()}")
    return None


def _source_folder(record: Record) -> tuple[str, str] | None:
    where = record.source.path or record.source.url or ""
    return _named_folder(PurePosixPath(where.replace("\\", "/")).parts)


def _named_folder(parts: Iterable[str]) -> tuple[str, str] | None:
    for part in parts:
        m = _FOLDER.match(part)
        if m and _RELEASE.fullmatch(m.group("release")):
            return m.group("product").lower(), m.group("release").upper()
    return None


def _from_folder(folder: Path) -> Manual | None:
    found = _named_folder(p.name for p in (folder.resolve(), *folder.resolve().parents))
    return Manual(found[0], found[1], f"schema folder {folder}") if found else None


def _snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
