"""What each subcommand does; the stages themselves live in their own packages."""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vrpcmds_model.store import RecordError, load_folder, record_paths, write_record

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PAGES = REPO_ROOT / "pages"
PAGE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}


def not_yet(args: argparse.Namespace) -> int:
    print(f"vrpcmds {args.command}: not available yet in this version", file=sys.stderr)
    return 2


# -- scrape -------------------------------------------------------------------


@dataclass
class ScrapeReport:
    """What one scrape did, printed once at the end."""

    read: int = 0
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)

    def print(self) -> None:
        print(f"pages read: {self.read}; records written: {len(self.written)}; "
              f"skipped: {len(self.skipped)}; failed: {len(self.failed)}")
        for path, reason in self.skipped:
            print(f"  skipped {path}: {reason}")
        for kind, count in sorted(self.warnings.items()):
            print(f"  warning {kind}: {count}")
        for path, cause in self.failed:
            print(f"  FAILED {path}: {cause}", file=sys.stderr)


def page_files(inputs: list[str], base: Path | None = None) -> list[tuple[Path, Path, str]]:
    """(file, folder it was found under, path as given) for every page of the inputs.

    Relative inputs are taken from ``base`` (default: the current folder); the path
    recorded as the page's source stays as given.
    """
    found = []
    for given in inputs:
        root = (base or Path()) / given
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES and p.is_file()):
                found.append((path, root, str(Path(given) / path.relative_to(root))))
        else:
            found.append((root, root.parent, given))
    return found


def scrape_pages(inputs: list[str], out: Path, base: Path | None = None) -> ScrapeReport:
    """Scrape every page; one failure never stops the batch."""
    from vrpcmds_scraper.api import ScrapeError, scrape_text_file

    report = ScrapeReport()
    for path, root, shown in page_files(inputs, base):
        report.read += 1
        if path.suffix.lower() != ".txt":
            report.skipped.append((shown, "HTML pages are not supported yet in this version"))
            continue
        try:
            record = scrape_text_file(path, shown)
            target = out / path.parent.relative_to(root) / f"{record.id}.yaml"
            write_record(record, target)
        except (ScrapeError, RecordError, OSError, UnicodeDecodeError) as exc:
            report.failed.append((shown, str(exc)))
            continue
        report.written.append(target)
        report.warnings.update(w.kind for w in record.warnings)
    return report


def scrape(args: argparse.Namespace) -> int:
    report = scrape_pages(args.inputs, Path(args.out))
    report.print()
    return 1 if report.failed else 0


# -- generate -----------------------------------------------------------------


def _records(schema: Path) -> list:  # type: ignore[type-arg]
    if not schema.is_dir():
        raise SystemExit(f"vrpcmds: schema folder {schema} does not exist")
    return load_folder(schema)


def generate(args: argparse.Namespace) -> int:
    from vrpcmds_generator.bindings import write_bindings

    records = _records(Path(args.schema))
    out = Path(args.out)
    if not args.check:
        files = write_bindings(records, out)
        print(f"bindings: {len(files)} files in {out / 'vrpcmds'}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        write_bindings(records, Path(tmp))
        differences = _tree_differences(Path(tmp) / "vrpcmds", out / "vrpcmds")
    for line in differences:
        print(line)
    if differences:
        print(f"{out / 'vrpcmds'} is out of date: run `vrpcmds generate`", file=sys.stderr)
        return 1
    print(f"{out / 'vrpcmds'} is up to date")
    return 0


def _tree_differences(expected: Path, actual: Path) -> list[str]:
    def files(root: Path) -> set[Path]:
        if not root.is_dir():
            return set()
        return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    want, have = files(expected), files(actual)
    out = [f"missing: {p}" for p in sorted(want - have)]
    out += [f"stale: {p}" for p in sorted(have - want)]
    out += [f"differs: {p}" for p in sorted(want & have) if not filecmp.cmp(expected / p, actual / p, shallow=False)]
    return out


# -- site -----------------------------------------------------------------------


def write_site_from(schema: Path, out: Path) -> list[Path]:
    from vrpcmds_generator.bindings import group_records
    from vrpcmds_generator.site import write_site

    records = _records(schema)
    names = {spec.identity: spec.name for spec in group_records(records)}
    return write_site(records, out, class_names=names)


def site(args: argparse.Namespace) -> int:
    files = write_site_from(Path(args.schema), Path(args.out))
    print(f"site: {len(files)} files in {args.out}; build it with: mkdocs build -f {Path(args.out) / 'mkdocs.yml'}")
    return 0


# -- build ----------------------------------------------------------------------


def build(args: argparse.Namespace) -> int:
    """scrape + generate + site on the bundled pages, then the HTML site."""
    from vrpcmds_generator.bindings import write_bindings

    schema, generated, site_dir = REPO_ROOT / "schema", REPO_ROOT / "generated", REPO_ROOT / "site"
    report = scrape_pages([BUNDLED_PAGES.name], schema, base=REPO_ROOT)
    report.print()
    if not report.failed:  # a page that failed keeps its last good record
        _remove_stale_records(schema, set(report.written))
    records = load_folder(schema)
    files = write_bindings(records, generated)
    print(f"bindings: {len(records)} records -> {len(files)} files in {generated / 'vrpcmds'}")
    site_files = write_site_from(schema, site_dir)
    print(f"site project: {len(site_files)} files in {site_dir}")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(site_dir / "mkdocs.yml")],
        check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        print("mkdocs build failed", file=sys.stderr)
        return 1
    print(f"site built: open {site_dir / 'html' / 'index.html'}")
    return 1 if report.failed else 0


def _remove_stale_records(schema: Path, keep: set[Path]) -> None:
    for path in record_paths(schema):
        if path not in keep:
            path.unlink()
