"""The whole build, incremental: scrape -> schema -> bindings and site project -> HTML.

Each stage runs only when its input changed since the last build (a digest of the
schema folder for the generators, of the site project for the HTML) and its output is
as that build left it; every file is written only when its bytes change, and the HTML
is built aside and copied over file by file, so after one page changes only the files
that depend on it are rewritten. Stamps live in the cache folder, never in the outputs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vrpcmds_model.record import Record
from vrpcmds_model.store import default_cache_dir, load_folder, write_atomic
from vrpcmds_scraper.batch import BatchReport, code_version, scrape_batch

from .commands import BUNDLED_PAGES, REPO_ROOT, remove_stale_records, write_site_of, write_view_map

# The folders whose code turns records into outputs: a new version rebuilds everything.
_GENERATING = ("vrpcmds_runtime", "vrpcmds_model", "vrpcmds_generator", "vrpcmds_checker")


def tree_digest(root: Path, skip: tuple[str, ...] = ("__pycache__",)) -> str:
    """A digest of every file's relative path and bytes under ``root``."""
    h = hashlib.sha256()
    if root.is_dir():
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not set(skip) & set(p.parts)):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@dataclass
class Stamps:
    """What each stage saw and left at the last build of one output root."""

    path: Path
    data: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, cache: Path, root: Path) -> Stamps:
        key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        path = cache / "build" / f"{key}.json"
        try:
            return cls(path, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            return cls(path)

    def fresh(self, stage: str, inputs: str, output: Path) -> bool:
        """True when the stage's input is unchanged and its output is as the stage left it."""
        return self.data.get(stage) == [inputs, tree_digest(output)]

    def record(self, stage: str, inputs: str, output: Path) -> None:
        self.data[stage] = [inputs, tree_digest(output)]
        write_atomic(self.path, json.dumps(self.data, sort_keys=True) + "\n")


def sync_tree(src: Path, dst: Path) -> tuple[int, int]:
    """Make ``dst`` hold exactly ``src``'s files, writing only those whose bytes differ."""
    written = removed = 0
    wanted = {p.relative_to(src) for p in src.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        target = dst / rel
        data = (src / rel).read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    if dst.is_dir():
        for path in sorted(dst.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(dst) not in wanted:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


@dataclass
class BuildResult:
    report: BatchReport
    ran: list[str] = field(default_factory=list)  # the stages that had work to do
    html_written: int = 0
    ok: bool = True


def run_build(
    inputs: list[str], root: Path, base: Path | None = None, cache: Path | None = None, html: bool = True
) -> BuildResult:
    """Scrape ``inputs`` into ``root/schema``, then refresh ``root/generated`` and ``root/site``."""
    from vrpcmds_generator.bindings import write_bindings

    cache = cache or default_cache_dir()
    schema, generated, site = root / "schema", root / "generated", root / "site"
    report = scrape_batch(inputs, schema, base=base, cache_dir=cache)
    result = BuildResult(report)
    if not report.failed:  # a page that failed keeps its last good record
        remove_stale_records(schema, {schema / o.rel for o in report.written})
    stamps = Stamps.load(cache, root)
    digest = tree_digest(schema, skip=("__pycache__", "_grammar.json", "_grammar.stamp")) + code_version(_GENERATING)
    records: list[Record] | None = None
    if not stamps.fresh("schema", digest, schema):
        records = load_folder(schema)
        write_view_map(schema, records)
        stamps.record("schema", digest, schema)
        result.ran.append("compiled grammar")
    if not stamps.fresh("bindings", digest, generated):
        records = records if records is not None else load_folder(schema)
        write_bindings(records, generated)
        stamps.record("bindings", digest, generated)
        result.ran.append("bindings")
    if not stamps.fresh("site", digest, site / "docs"):
        records = records if records is not None else load_folder(schema)
        write_site_of(records, site)
        stamps.record("site", digest, site / "docs")
        result.ran.append("site")
    if html:
        result.ok = _html(site, stamps, result)
    return result


def _html(site: Path, stamps: Stamps, result: BuildResult) -> bool:
    """``mkdocs build --strict`` aside, then copy over only the files that changed."""
    project = tree_digest(site / "docs") + tree_digest(site, skip=("docs", "html", "__pycache__"))
    if stamps.fresh("html", project, site / "html"):
        return True
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(site / "mkdocs.yml"),
             "-d", tmp],
            check=False,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        if proc.returncode != 0:
            print("mkdocs build failed", file=sys.stderr)
            return False
        result.html_written, _ = sync_tree(Path(tmp), site / "html")
    stamps.record("html", project, site / "html")
    result.ran.append("html")
    return True


def build(args: argparse.Namespace) -> int:
    """scrape + generate + site on the bundled pages, then the HTML site (each only if needed)."""
    if not (BUNDLED_PAGES.is_dir() and (REPO_ROOT / "pyproject.toml").is_file()):
        print(
            "vrpcmds build: regenerates a source checkout of vrpcmds (pages/, schema/, generated/,"
            " site/) and runs only from one; elsewhere run scrape, generate and site on your pages",
            file=sys.stderr,
        )
        return 2
    result = run_build([BUNDLED_PAGES.name], REPO_ROOT, base=REPO_ROOT)
    result.report.print()
    print("rebuilt: " + (", ".join(result.ran) if result.ran else "nothing (inputs unchanged)"))
    if not result.ok:
        return 1
    print(f"site built: open {REPO_ROOT / 'site' / 'html' / 'index.html'}")
    return 1 if result.report.failed else 0
