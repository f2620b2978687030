"""What each subcommand does; the stages themselves live in their own packages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vrpcmds_model.store import load_folder, record_paths

if TYPE_CHECKING:
    from vrpcmds_differ import Diff
    from vrpcmds_generator.bindings import LeftOut
    from vrpcmds_model.record import Record
    from vrpcmds_scraper.batch import BatchReport

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_PAGES = REPO_ROOT / "pages"


def check(args: argparse.Namespace) -> int:
    """Validate configuration files; exit 1 when any line is not ok."""
    from vrpcmds_checker.api import check_config, summary

    schema, package = _grammar_source(args)
    results = []
    for name in args.files:
        try:
            text = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(f"vrpcmds check: cannot read {name}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        results += check_config(text, schema, name, package)
    counts = summary(results)
    if args.json:
        print(json.dumps({"lines": [r.as_dict() for r in results], "summary": counts}, indent=2))
    else:
        for r in results:
            if r.status != "ok":
                print(r)
        print("summary: " + ", ".join(f"{n} {status}" for status, n in counts.items()))
    return 0 if counts["ok"] == len(results) else 1


def explain(args: argparse.Namespace) -> int:
    """Explain command lines; exit 1 when any line is not a documented command."""
    from vrpcmds_checker.api import explain as explain_line

    schema, package = _grammar_source(args)
    lines = list(args.lines)
    if args.file:
        lines += [ln for ln in Path(args.file).read_text(encoding="utf-8").splitlines() if ln.strip()]
    if not lines:
        print("vrpcmds explain: give LINE... or --file F", file=sys.stderr)
        return 2
    found = [explain_line(line, schema, package=package) for line in lines]
    for e in found:
        print(json.dumps(e.as_dict()) if args.json else e.text())
    return 0 if all(e.status == "ok" for e in found) else 1


def _grammar_source(args: argparse.Namespace) -> tuple[Path | None, str | None]:
    """The schema folder, or else the installed bindings package, whose commands a run checks."""
    if not args.package:
        return _schema_dir(args.schema or "schema"), None
    from vrpcmds_checker.api import PackageNotFound, packaged_grammar

    try:
        packaged_grammar(args.package)
    except PackageNotFound as exc:
        raise SystemExit(f"vrpcmds: {exc}") from None
    return None, args.package


def _schema_dir(name: str) -> Path:
    path = Path(name)
    if not path.is_dir():
        raise SystemExit(f"vrpcmds: schema folder {path} does not exist")
    return path


# -- scrape -------------------------------------------------------------------


def scrape_pages(
    inputs: list[str],
    out: Path,
    base: Path | None = None,
    cache: Path | None = None,
    jobs: int | None = None,
    deadline: float | None = None,
) -> BatchReport:
    """Scrape every page into ``out``; one failure never stops the batch. ``deadline``
    bounds the time spent fetching URLs (the pages fetched by then are scraped)."""
    from vrpcmds_scraper.batch import Fetcher, scrape_batch

    fetch: Fetcher | None = None
    if deadline is not None:  # the HTTP client is imported only when it is needed
        from functools import partial

        from vrpcmds_scraper.fetch import fetch_all

        fetch = partial(fetch_all, run_deadline=deadline)
    return scrape_batch(inputs, out, base=base, cache_dir=cache, workers=jobs, fetch=fetch)


def scrape(args: argparse.Namespace) -> int:
    cache = Path(args.cache) if args.cache else None
    report = scrape_pages(args.inputs, Path(args.out), cache=cache, jobs=args.jobs, deadline=args.deadline)
    report.print()
    out = Path(args.out)
    fresh = report.records if not report.reused and len(report.records) == len(list(record_paths(out))) else None
    if fresh:
        from vrpcmds_model.record import Record
        from vrpcmds_model.view_names import normalise_views

        write_view_map(out, normalise_views([Record.from_dict(d) for d in sorted_records(fresh)]))
    else:
        write_view_map(out)
    return 1 if report.failed else 0


def sorted_records(records: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Records scraped this run, in the order of their paths (as a schema folder lists them)."""
    return [records[k] for k in sorted(records, key=lambda rel: Path(rel))]


def write_view_map(schema: Path, records: list[Record] | None = None) -> None:
    """The compiled grammar (forms, keyword index, view graph), kept beside the records.

    Skipped when the stored one still matches the records (a rescrape of unchanged input).
    """
    from vrpcmds_model.grammar_store import GRAMMAR_FILE, grammar_is_fresh, write_grammar

    if records is None and grammar_is_fresh(schema):
        return
    if records is None:
        records = load_folder(schema)
    if records:
        write_grammar(schema, records)
        print(f"compiled grammar: {schema / GRAMMAR_FILE}")


# -- generate -----------------------------------------------------------------


def _records(schema: Path) -> list[Record]:
    if not schema.is_dir():
        raise SystemExit(f"vrpcmds: schema folder {schema} does not exist")
    return load_folder(schema)


def generate(args: argparse.Namespace) -> int:
    """The bindings package; pages that cannot be generated are listed and left out (exit 1)."""
    from vrpcmds_generator.bindings import write_bindings

    records = _records(Path(args.schema))
    out = Path(args.out)
    notes: list[str] = []
    left_out: list[LeftOut] = []
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            write_bindings(records, Path(tmp), left_out=left_out)
            differences = _tree_differences(Path(tmp) / "vrpcmds", out / "vrpcmds")
        for line in differences:
            print(line)
        if differences:
            print(f"{out / 'vrpcmds'} is out of date: run `vrpcmds generate`", file=sys.stderr)
            return 1
        print(f"{out / 'vrpcmds'} is up to date")
        return 0
    files = write_bindings(records, out, notes=notes, left_out=left_out)
    for note in notes:
        print(f"  {note}")
    print(f"bindings: {len(files)} files in {out / 'vrpcmds'}")
    return _report_left_out(left_out)


def _report_left_out(left_out: list[LeftOut]) -> int:
    """List the pages left out (path: section: reason) on stderr; 1 when there were any."""
    for item in left_out:
        print(f"left out: {item}", file=sys.stderr)
    if left_out:
        print(f"{len(left_out)} pages left out; every other page was generated", file=sys.stderr)
    return 1 if left_out else 0


def _tree_differences(expected: Path, actual: Path) -> list[str]:
    import filecmp

    def files(root: Path) -> set[Path]:
        if not root.is_dir():
            return set()
        return {p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    want, have = files(expected), files(actual)
    out = [f"missing: {p}" for p in sorted(want - have)]
    out += [f"stale: {p}" for p in sorted(have - want)]
    out += [f"differs: {p}" for p in sorted(want & have) if not filecmp.cmp(expected / p, actual / p, shallow=False)]
    return out


# -- package ----------------------------------------------------------------


def package(args: argparse.Namespace) -> int:
    """One manual's bindings as a wheel and an sdist; nothing is written on an error."""
    from vrpcmds_generator.bindings import GenerationError
    from vrpcmds_generator.packaging import PackageError
    from vrpcmds_model.manual import ManualError
    from vrpcmds_model.store import RecordError

    try:
        wheel, sdist = build_package_from(Path(args.schema), Path(args.out), args.name, args.version, args.previous)
    except (RecordError, ManualError, PackageError, GenerationError) as exc:
        print(f"vrpcmds package: {exc}", file=sys.stderr)
        return 1
    print(f"package: {wheel}\npackage: {sdist}")
    return 0


def build_package_from(
    schema: Path, out: Path, name: str | None, version: str | None, previous: str | None
) -> tuple[Path, Path]:
    """The wheel and sdist of a schema folder's bindings (see ``vrpcmds package --help``)."""
    from vrpcmds_generator.bindings import manuals
    from vrpcmds_generator.packaging import build_package, check_name
    from vrpcmds_model.grammar_store import content_hash
    from vrpcmds_model.manual import manual_of
    from vrpcmds_model.store import load_record
    from vrpcmds_model.view_names import normalise_views

    folder = _schema_dir(str(schema))
    pairs = [(p, load_record(p)) for p in record_paths(folder)]
    manual = manual_of(pairs, folder, required=not (name and version))
    records = normalise_views([r for _, r in pairs])
    name = name or (manual.package if manual else "")
    check_name(name)
    content = content_hash(records)
    version = version or (manual.version(content) if manual else "")
    facts = {k: v for k, v in manuals(records)[0].items() if v}
    if manual:
        facts.update(product=manual.product, release=manual.release)
    facts["content"] = content
    changelog = _changelog(Path(previous), folder, name, version) if previous else ""
    built = build_package(records, out, name, version, facts, changelog)
    return built.wheel, built.sdist


def _changelog(previous: Path, schema: Path, name: str, version: str) -> str:
    from vrpcmds_differ import diff_folders

    diff = diff_folders(_schema_dir(str(previous)), schema)
    return f"# {name} {version}: changes since {previous.name}\n\n" + diff.to_markdown()


# -- site -----------------------------------------------------------------------


def write_site_of(
    records: list[Record], out: Path, changes: Diff | None = None, label: str = ""
) -> list[Path]:
    """The site of these records, saying what the bindings are (the class of each command
    identity and of each page, with its arguments, from the generator's own plan)."""
    from vrpcmds_generator.site import write_manuals

    return write_manuals([_site_manual(records, changes, label)], out)


def _site_manual(records: list[Record], changes: Diff | None, label: str) -> Any:
    """One manual of a site, with its bindings classes; ``label`` names it when its records do not."""
    from vrpcmds_generator.bindings import class_docs
    from vrpcmds_generator.site import Manual

    names, pages = class_docs(records)
    return Manual(records, label, class_names=names, classes=pages, changes=changes)


def write_site_from(
    schemas: Path | list[Path], out: Path, changes: Path | list[Path] | None = None
) -> list[Path]:
    """The site of one schema folder, or of several (one manual each); ``changes`` pairs with them in order."""
    from vrpcmds_differ import load_diff
    from vrpcmds_generator.site import write_manuals

    schemas = [schemas] if isinstance(schemas, Path) else schemas
    diffs = [load_diff(path) for path in ([changes] if isinstance(changes, Path) else changes or [])]
    manuals = [
        _site_manual(_records(schema), diffs[i] if i < len(diffs) else None, schema.resolve().name)
        for i, schema in enumerate(schemas)
    ]
    return write_manuals(manuals, out)


def site(args: argparse.Namespace) -> int:
    schemas = [Path(s) for s in args.schema or ["schema"]]
    changes = [Path(c) for c in args.changes or []]
    if len(changes) > len(schemas):
        print("site: more --changes than --schema (each --changes goes with the --schema in its place)", file=sys.stderr)
        return 2
    files = write_site_from(schemas, Path(args.out), changes)
    print(f"site: {len(files)} files in {args.out}; build it with: mkdocs build -f {Path(args.out) / 'mkdocs.yml'}")
    return 0


# -- build (the subcommand is :func:`vrpcmds_cli.pipeline.build`) ------------------------


def remove_stale_records(schema: Path, keep: set[Path]) -> None:
    """Delete records whose page is gone from the input."""
    for path in record_paths(schema):
        if path not in keep:
            path.unlink()
