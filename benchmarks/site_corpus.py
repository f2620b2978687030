"""Benchmark: the reference site of the whole corpus, against plain MkDocs-Material builds.

    python benchmarks/site_corpus.py [--schema DIR] [--runs N] [--no-browser]

Scrapes the corpus (``../shared/corpus/.../cmdref``) into a temporary folder, or reads
the records of ``--schema``, then measures in one run and in temporary folders (nothing
is written into the repository):

- ``vrpcmds site`` (writing the MkDocs project) and ``mkdocs build --strict`` of it;
- plain MkDocs-Material builds of as many minimal pages (a heading and a sentence each),
  with the search plugin: once with Material's default navigation (every page in it)
  and once with the pages kept out of the navigation as the reference site does;
- the size of the built site and of its search index;
- in headless Chromium (Debian's, through Playwright): the time from typing a query into
  the search box to the first result, right after the page loaded (the index still
  loading) and once the index is ready; and, for every command, whether searching its
  name ranks its page first.

Builds are repeated ``--runs`` times (default 2), alternating, and the fastest of each
kind is reported: the machine is shared, compare the ratios. Without the corpus the
script says so and exits 0.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vrpcmds_generator.site import Manual, write_manuals, write_site
from vrpcmds_model.store import load_folder
from vrpcmds_scraper.batch import scrape_batch

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERIES = ["pfc", "eth-trunk", "port link-type", "stp", "mtu"]


def main() -> int:
    args = _arguments()
    if args.schema is None and not CORPUS.is_dir():
        print(f"corpus folder {CORPUS} is absent: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        schema = args.schema or scrape(work / "schema")
        records = load_folder(schema)
        site = work / "site"
        start = time.perf_counter()
        write_site(records, site, class_names(records))
        write = time.perf_counter() - start
        pages = sum(1 for _ in (site / "docs").rglob("*.md"))
        plain_nav, plain_bare = (
            plain_site(work / "plain-nav", pages, nav=True),
            plain_site(work / "plain", pages),
        )
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(mkdocs_build(site))
            bare.append(mkdocs_build(plain_bare))
        nav = mkdocs_build(plain_nav)
        report_builds(len(records), pages, write, min(ours), min(bare), nav)
        report_sizes(site / "html")
        report_two_manuals(work, records, args.runs)
        if not args.no_browser:
            report_browser(site / "html", records)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", type=Path, help="records to use instead of scraping the corpus")
    parser.add_argument("--runs", type=int, default=2, help="builds of each kind (the fastest counts)")
    parser.add_argument("--no-browser", action="store_true", help="skip the measurements in Chromium")
    return parser.parse_args()


def scrape(out: Path) -> Path:
    report = scrape_batch([str(CORPUS)], out, cache_dir=out.parent / "cache", progress=False)
    print(f"scraped {len(report.written)} records from {CORPUS}")
    return out


def class_names(records: list) -> dict[str, str] | None:  # type: ignore[type-arg]
    """The bindings' class names, or None (CamelCase fallback) when the bindings refuse the corpus."""
    try:
        from vrpcmds_generator.bindings import group_records

        return {spec.identity: spec.name for spec in group_records(records)}
    except Exception as exc:  # noqa: BLE001 - any refusal only changes the Python snippets
        print(f"(bindings class names unavailable, CamelCase used instead: {exc})")
        return None


def plain_site(folder: Path, pages: int, nav: bool = False) -> Path:
    """``pages`` minimal pages in a plain Material project with search."""
    docs = folder / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nA plain site.\n", encoding="utf-8")
    for n in range(1, pages):
        (docs / f"page-{n:05d}.md").write_text(
            f"# Page {n}\n\nA minimal page, number {n}.\n", encoding="utf-8"
        )
    config = "site_name: Plain\ntheme:\n  name: material\nplugins:\n  - search\n"
    if not nav:  # the reference site keeps its command pages out of the navigation
        config += "nav:\n  - index.md\nnot_in_nav: |\n  /page-*.md\n"
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def mkdocs_build(folder: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(folder / "mkdocs.yml")],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return time.perf_counter() - start


def report_builds(records: int, pages: int, write: float, ours: float, bare: float, nav: float) -> None:
    print(f"records: {records}  pages of the site: {pages}  cores: {os.cpu_count()}")
    print(f"plain Material, pages out of the nav (mkdocs build):   {bare:7.2f} s  = 1.00x")
    print(f"plain Material, default nav (every page in it):        {nav:7.2f} s  = {nav / bare:.2f}x")
    print(
        f"reference site, mkdocs build --strict:                 {ours:7.2f} s  = {ours / bare:.2f}x "
        f"(target <= 1.2x); {ours / nav:.2f}x the default-nav build"
    )
    print(f"reference site, vrpcmds site (writing the project):    {write:7.2f} s")
    print(
        f"reference site, both:                                  {write + ours:7.2f} s  = {(write + ours) / bare:.2f}x"
    )


def report_sizes(html: Path) -> None:
    files = [p for p in html.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    index = (html / "search" / "search_index.json").stat().st_size
    pages = [p for p in files if p.name == "index.html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    print(
        f"built site: {total / 1e6:.1f} MB in {len(files)} files; {len(pages)} pages, "
        f"{statistics.median(p.stat().st_size for p in pages) / 1e3:.0f} kB median, "
        f"largest {largest.stat().st_size / 1e3:.0f} kB ({largest.parent.relative_to(html)})"
    )
    print(f"search index: {index / 1e6:.2f} MB")


def report_two_manuals(work: Path, records: list, runs: int) -> None:  # type: ignore[type-arg]
    """A site of two manuals: the corpus, and the records of its first feature category as a second one."""
    first = sorted({(r.source.feature_area or "").split(" / ")[0] for r in records})[0]
    second = [r for r in records if (r.source.feature_area or "").split(" / ")[0] == first]
    site = work / "two-manuals"
    write_manuals([Manual(records, "Corpus manual"), Manual(second, f"Corpus manual, {first} only")], site)
    pages = sum(1 for _ in (site / "docs").rglob("*.md"))
    plain = plain_site(work / "plain-two", pages)
    ours, bare = [], []
    for _ in range(runs):
        ours.append(mkdocs_build(site))
        bare.append(mkdocs_build(plain))
    print(
        f"two manuals ({len(records)} + {len(second)} records, {pages} pages): mkdocs build --strict "
        f"{min(ours):.2f} s, plain Material {min(bare):.2f} s = {min(ours) / min(bare):.2f}x"
    )


# --- in the browser ---------------------------------------------------------------


@contextmanager
def served(root: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


def report_browser(html: Path, records: list) -> None:  # type: ignore[type-arg]
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("(Playwright is not installed: no browser measurements)")
        return
    if not CHROMIUM.exists():
        print(f"({CHROMIUM} is absent: no browser measurements)")
        return
    names = sorted({r.name for r in records})
    with served(html) as url, tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        page = context.new_page()
        page.set_default_timeout(60_000)
        cold = [first_result(page, url, q, wait_ready=False) for q in QUERIES]
        warm = [first_result(page, url, q, wait_ready=True) for q in QUERIES]
        print(
            f"typing a query to the first result ({', '.join(QUERIES)}): "
            f"right after the page loaded {statistics.median(cold):.2f} s median (max {max(cold):.2f} s); "
            f"index ready {statistics.median(warm) * 1000:.0f} ms median (max {max(warm) * 1000:.0f} ms)"
        )
        ranks = name_ranks(page, url, names)
        first = sum(1 for r in ranks.values() if r == 1)
        top3 = sum(1 for r in ranks.values() if 1 <= r <= 3)
        print(
            f"searching a command's name ranks its page first for {first} of {len(names)} commands "
            f"({first / len(names):.1%}), in the first three for {top3} ({top3 / len(names):.1%})"
        )
        context.close()


def first_result(page, url: str, query: str, wait_ready: bool) -> float:  # type: ignore[no-untyped-def]
    """Seconds from typing ``query`` into the search box to the first result on screen."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    if wait_ready:  # a first query answered means the index is loaded
        box.press_sequentially("x")
        page.locator(".md-search-result__meta").filter(has_text="match").wait_for()
        box.fill("")
    start = time.perf_counter()
    box.press_sequentially(query, delay=0)
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    return time.perf_counter() - start


def name_ranks(page, url: str, names: list[str]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Rank of each command's page when its name is searched (0: not among the results).

    Runs Material's own search worker on the site's index, the way the search box does.
    """
    page.goto(url)
    worker = page.evaluate(
        "() => [...document.querySelectorAll('script')].map(s => s.textContent)"
        '.join(\'\').match(/"search": "([^"]+)"/)[1]'
    )
    return page.evaluate(
        """async ([worker, names]) => {
          const index = await (await fetch('search/search_index.json')).json();
          index.options = {suggest: false};
          const w = new Worker(worker);
          const ask = msg => new Promise(done => { w.onmessage = ev => done(ev.data); w.postMessage(msg); });
          await ask({type: 0, data: index});
          const ranks = {};
          for (const name of names) {
            const found = (await ask({type: 2, data: name})).data.items;
            const titles = found.map(group => {
              const article = group.find(doc => !doc.location.includes('#')) || group[0];
              return article.title.replace(/<[^>]+>/g, '');
            });
            ranks[name] = titles.indexOf(name) + 1;
          }
          return ranks;
        }""",
        [worker, names],
    )


if __name__ == "__main__":
    sys.exit(main())
