"""Scrape many pages: inputs expanded, pages scraped in parallel, records written, one report.

- Inputs are any mix of files, folders (searched recursively) and http(s) URLs.
- Pages are scraped in worker processes on every core; the main process alone writes,
  atomically, so a crash or Ctrl-C never leaves a half-written record.
- The output folder mirrors the input folders (a manual's feature areas); a record is
  named after its page file.
- A manifest in the cache folder remembers each page's content hash and what it gave,
  so a second run over unchanged input only checks file sizes and times.
- One bad page never stops the batch: it is reported with its path and cause.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import unquote, urlsplit

from vrpcmds_model.store import RecordError, default_cache_dir, dump_record, scan_files, write_atomic

if TYPE_CHECKING:
    from rich.progress import Progress

    from .fetch import Fetched

Fetcher = Callable[[list[str], Path], "list[Fetched]"]
# What became of a page: its record written, the page skipped (not a command page), or failed.
Status = Literal["written", "skipped", "failed"]

PAGE_SUFFIXES = {".txt", ".html", ".htm", ".xhtml"}
_PACKAGES = ("vrpcmds_scraper", "vrpcmds_model", "vrpcmds_runtime")


@dataclass
class Page:
    """One input page: where to read it, how to name it, where its record goes."""

    shown: str  # the path or URL as the user would recognise it
    rel: str  # output path of the record, relative to the output folder
    path: str = ""  # a local file, or
    url: str = ""  # a URL (then ``data`` holds the fetched body)
    data: bytes | None = None


@dataclass
class Outcome:
    """What one page gave; kept in the manifest so an unchanged page is not read again."""

    shown: str
    rel: str
    status: Status
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    digest: str = ""
    size: int = -1
    mtime_ns: int = -1


@dataclass
class BatchReport:
    """Counts and lists printed once at the end of a scrape."""

    outcomes: list[Outcome] = field(default_factory=list)
    reused: int = 0
    claimed: dict[str, str] = field(default_factory=dict)  # record path -> page that wrote it
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # record path -> record, scraped this run

    def claim(self, outcome: Outcome) -> bool:
        """Reserve the record path of a page; False when another page has it."""
        owner = self.claimed.setdefault(outcome.rel, outcome.shown)
        if owner == outcome.shown:
            return True
        outcome.status, outcome.reason = "failed", f"its record {outcome.rel} would overwrite the one of {owner}"
        return False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def written(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "written"]

    def warnings(self) -> Counter[str]:
        return Counter(kind for o in self.written for kind in o.warnings)

    def lines(self) -> list[str]:
        out = [
            (
                f"pages read: {len(self.outcomes)}; records written: {len(self.written)} "
                f"({self.reused} unchanged since the last run); skipped: {len(self.skipped)}; "
                f"failed: {len(self.failed)}"
            )
        ]
        reasons = Counter(o.reason for o in self.skipped)
        out += [f"  skipped {n} page(s): {reason}" for reason, n in sorted(reasons.items())]
        out += [f"  warning {kind}: {n}" for kind, n in sorted(self.warnings().items())]
        return out

    def print(self) -> None:
        """The report on stdout; each failure on stderr with its path and cause."""
        for line in self.lines():
            print(line)
        for o in self.failed:
            cause = o.reason if o.reason.startswith(o.shown) else f"{o.shown}: {o.reason}"
            print(f"  FAILED {cause}", file=sys.stderr)


# -- inputs -------------------------------------------------------------------------


def _looks_like_url(text: str) -> bool:
    """http(s) inputs are fetched; anything else is a local path."""
    return urlsplit(text).scheme.lower() in ("http", "https")


def local_pages(inputs: Iterable[str], base: Path | None = None) -> Iterator[Page]:
    """Pages of the local inputs; relative inputs are taken from ``base``."""
    for given in inputs:
        root = (base or Path()) / given
        if root.is_dir():
            for parts, _ in scan_files(root, _is_page):
                rel = "/".join(parts)
                stem = rel[: rel.rfind(".")]
                yield Page(str(Path(given, *parts)), f"{stem}.yaml", path=os.path.join(root, *parts))
        else:
            yield Page(given, Path(given).with_suffix(".yaml").name, path=str(root))


def _is_page(entry: os.DirEntry[str]) -> bool:
    return os.path.splitext(entry.name)[1].lower() in PAGE_SUFFIXES and entry.is_file()


def url_page(url: str) -> Page:
    """A URL input; its record keeps the URL's host and path (``https://h/a/x.html`` ->
    ``h/a/x.yaml``), so that pages of one site with the same file name do not collide. Each
    part keeps letters, digits, ``-``, ``_`` and ``.`` (others become ``_``; ``..`` cannot
    climb out), is at most 100 characters (a longer one ends with a hash of the whole) and
    a query string adds a hash of itself to the name."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    stem = Path(segments[-1]).stem if segments else "index"
    if parts.query:
        stem += "_" + hashlib.sha256(parts.query.encode()).hexdigest()[:8]
    host = parts.hostname or "page"
    if parts.port:
        host += f"_{parts.port}"
    folders = [_safe_part(s) for s in [host, *segments[:-1]]]
    return Page(url, "/".join([*folders, _safe_part(stem) + ".yaml"]), url=url)


def _safe_part(text: str) -> str:
    safe = "".join(c if c.isalnum() and c.isascii() or c in "-_." else "_" for c in text).strip(".") or "_"
    if len(safe) > 100:
        safe = safe[:91] + "_" + hashlib.sha256(safe.encode()).hexdigest()[:8]
    return safe


# -- one page (runs in a worker) -----------------------------------------------------


def scrape_one(page: Page) -> tuple[Outcome, str | None]:
    """Scrape one page into YAML text; never raises for a bad page."""
    outcome, text, _ = _scrape(page)
    return outcome, text


def _scrape(page: Page) -> tuple[Outcome, str | None, dict[str, Any] | None]:
    """Scrape one page: its outcome, YAML text and record as plain data (for the compiled grammar)."""
    from .api import NotACommandPage, scrape_bytes
    from .errors import ScrapeError

    outcome = Outcome(page.shown, page.rel, "failed")
    try:
        data = page.data if page.data is not None else Path(page.path).read_bytes()
        outcome.digest = hashlib.sha256(data).hexdigest()
        record = scrape_bytes(data, page.shown, url=page.url or None)
        text = dump_record(record)
    except NotACommandPage as exc:
        outcome.status, outcome.reason = "skipped", exc.reason
        return outcome, None, None
    except (ScrapeError, RecordError) as exc:
        outcome.reason = str(exc)
        return outcome, None, None
    except OSError as exc:
        outcome.reason = f"cannot read: {exc.strerror or exc}"
        return outcome, None, None
    except Exception as exc:  # noqa: BLE001 - one page's bug must not stop the batch
        outcome.reason = f"internal error while scraping ({type(exc).__name__}: {exc})"
        return outcome, None, None
    outcome.status = "written"
    outcome.warnings = [w.kind for w in record.warnings]
    return outcome, text, record.to_dict()


def _scrape_chunk(pages: list[Page]) -> list[tuple[Outcome, str | None, dict[str, Any] | None]]:
    return [_scrape(p) for p in pages]


# -- manifest of the previous run -------------------------------------------------------


def code_version(packages: tuple[str, ...] = _PACKAGES) -> str:
    """A hash of the code and data of these packages (modules, templates, the records' JSON
    Schema), wherever they are installed: a new version re-reads every page (or, for the
    build, regenerates everything)."""
    h = hashlib.sha256()
    for pkg in packages:
        spec = importlib.util.find_spec(pkg)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            root = Path(folder)
            for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
                h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


class Manifest:
    """Per output folder: each page's size, time, digest and outcome at the last run."""

    def __init__(self, cache_dir: Path, out: Path) -> None:
        key = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]
        self.path = cache_dir / "scrape" / f"{key}.json"
        self.version = code_version()
        self.entries: dict[str, Outcome] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == self.version:
                self.entries = {k: Outcome(**v) for k, v in data["pages"].items()}
        except (OSError, ValueError, TypeError, KeyError):
            self.entries = {}

    def unchanged(self, page: Page, out: Path) -> Outcome | None:
        """The last outcome of a local page whose file and record are as they were."""
        old = self.entries.get(page.shown)
        if old is None or not page.path or old.status == "failed":
            return None
        try:
            st = os.stat(page.path)
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != (old.size, old.mtime_ns):
            return None
        if old.status == "written" and not (out / old.rel).is_file():
            return None
        return old

    def save(self, outcomes: list[Outcome]) -> None:
        pages = {o.shown: {**vars(o), "warnings": list(o.warnings)} for o in outcomes}
        text = json.dumps({"version": self.version, "pages": pages}, sort_keys=True)
        write_atomic(self.path, text + "\n")


# -- the batch ------------------------------------------------------------------------


def _chunks(pages: list[Page], size: int) -> list[list[Page]]:
    return [pages[i : i + size] for i in range(0, len(pages), size)]


def _run(
    pages: list[Page], workers: int, tick: Callable[[int], None]
) -> Iterator[tuple[Outcome, str | None, dict[str, Any] | None]]:
    """Scrape pages in ``workers`` processes (in this one when there are few)."""
    if workers <= 1 or len(pages) < 8:
        for page in pages:
            result = _scrape(page)
            tick(1)
            yield result
        return
    size = max(1, min(32, len(pages) // (workers * 8)))
    from concurrent.futures import ProcessPoolExecutor  # not needed when no page is read

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start, initargs=(os.getpid(),))
    try:
        for chunk in pool.map(_scrape_chunk, _chunks(pages, size)):
            tick(len(chunk))
            yield from chunk
    except BaseException:  # an interrupt: the workers are not waited for
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _worker_start(parent: int) -> None:
    """In each worker: Ctrl-C is the parent's to handle, and the worker ends with its parent
    (even when the parent is killed outright, on Linux)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def scrape_batch(
    inputs: list[str],
    out: Path,
    *,
    base: Path | None = None,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: bool | None = None,
    fetch: Fetcher | None = None,
) -> BatchReport:
    """Scrape every input page into ``out``; see the module docstring."""
    cache = cache_dir or default_cache_dir()
    manifest = Manifest(cache, out)
    urls = [i for i in inputs if _looks_like_url(i)]
    pages = list(local_pages([i for i in inputs if i not in urls], base))
    report = BatchReport()
    failed_fetch = _fetch_pages(urls, cache, pages, report, fetch)
    todo: list[Page] = []
    for page in pages:
        old = manifest.unchanged(page, out)
        if old is not None and report.claim(old):
            report.outcomes.append(old)
            report.reused += 1
        else:
            todo.append(page)
    with _progress(len(todo), progress) as tick:
        for outcome, text, data in _run(todo, workers or os.cpu_count() or 1, tick):
            _finish(outcome, text, out, report)
            if data is not None and outcome.status == "written":
                report.records[outcome.rel] = data
    _manual_evidence(report, out)
    report.outcomes += failed_fetch
    _stat_pages(pages, report)
    manifest.save(report.outcomes)
    report.outcomes.sort(key=lambda o: o.shown)
    return report


def _manual_evidence(report: BatchReport, out: Path) -> None:
    """Words text pages of this run only guessed as keywords become arguments where the other
    pages of the manual agree (:mod:`vrpcmds_scraper.text_manual`); their records are rewritten."""
    from .text_manual import apply_manual_evidence, guessed

    if not any(guessed(data) for data in report.records.values()):
        return  # nothing was guessed: the other records need not even be read
    from vrpcmds_model.record import Record
    from vrpcmds_model.store import RecordError, dump_record, load_record

    others = []
    for o in report.outcomes:
        if o.status == "written" and o.rel not in report.records:
            try:
                others.append(load_record(out / o.rel).to_dict())
            except (RecordError, OSError):
                continue  # a record that cannot be read gives no evidence
    outcomes = {o.rel: o for o in report.outcomes}
    for rel in apply_manual_evidence(report.records, others):
        write_atomic(out / rel, dump_record(Record.from_dict(report.records[rel])))
        outcomes[rel].warnings.append("marks-inferred")


def _finish(outcome: Outcome, text: str | None, out: Path, report: BatchReport) -> None:
    if text is not None and report.claim(outcome):
        write_atomic(out / outcome.rel, text)
    report.outcomes.append(outcome)


def _stat_pages(pages: list[Page], report: BatchReport) -> None:
    """Record each local page's size and time so the next run can skip it."""
    by_shown = {p.shown: p for p in pages if p.path}
    for o in report.outcomes:
        page = by_shown.get(o.shown)
        if page is not None:
            try:
                st = os.stat(page.path)
                o.size, o.mtime_ns = st.st_size, st.st_mtime_ns
            except OSError:
                pass


def _fetch_pages(
    urls: list[str], cache: Path, pages: list[Page], report: BatchReport, fetch: Fetcher | None
) -> list[Outcome]:
    """Fetch URL inputs (with the revalidating cache); failures become outcomes."""
    if not urls:
        return []
    if fetch is None:
        from .fetch import fetch_all  # only URL inputs need the HTTP client

        fetch = fetch_all
    failed = []
    for got in fetch(urls, cache / "http"):
        page = url_page(got.url)
        if got.error or got.data is None:
            failed.append(Outcome(page.shown, page.rel, "failed", reason=got.error or "no content"))
        else:
            page.data = got.data
            pages.append(page)
    return failed


class _progress:
    """A progress bar on a terminal (stderr); silent otherwise."""

    def __init__(self, total: int, enabled: bool | None) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.bar: Progress | None = None

    def __enter__(self) -> Callable[[int], None]:
        if not self.enabled or self.total == 0:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = self.bar = Progress(
            "scraping",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        bar.start()
        task = bar.add_task("scrape", total=self.total)
        return lambda n: bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
