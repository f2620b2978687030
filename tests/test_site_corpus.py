"""The reference site of the whole real corpus (1,698 pages): it builds, strictly, and holds every command.

The corpus is read from ``../shared/corpus`` at run time, scraped into a temporary folder
and never copied into the project; without it this test skips, saying so. The site is
written and built in a temporary folder too (about 15 s). Speed and sizes are measured by
``benchmarks/site_corpus.py``, not here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from vrpcmds_generator.site import write_site
from vrpcmds_model.store import load_folder
from vrpcmds_scraper.batch import scrape_batch

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
INDEX_LIMIT = 5_000_000  # bytes of search index the browser loads before the first result

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"corpus absent: {CORPUS} not found (the real pages live in ../shared, outside the project)",
)


def test_corpus_site_builds_strictly_with_a_page_and_diagrams_for_every_command(tmp_path):
    report = scrape_batch([str(CORPUS)], tmp_path / "schema", cache_dir=tmp_path / "cache", progress=False)
    records = load_folder(tmp_path / "schema")
    assert len(records) == len(report.written) > 1600
    site = tmp_path / "site"
    write_site(records, site)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(site / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=600,
        check=False,
    )
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr[-3000:]

    html = site / "html"
    pages = {p.parent.relative_to(html).as_posix() for p in (html / "commands").glob("*/*/index.html")}
    assert len(pages) == len({r.name for r in records})
    forms = sum(len(r.syntax) + len(r.undo_syntax) for r in records)
    diagrams = sum(
        p.read_text(encoding="utf-8").count('<svg class="railroad-diagram"')
        for p in html.glob("commands/*/*/index.html")
    )
    assert diagrams == forms  # every form of the corpus parses, so every one is drawn

    index = html / "search" / "search_index.json"
    assert index.stat().st_size < INDEX_LIMIT
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    articles = {d["location"].rstrip("/") for d in docs if "#" not in d["location"] and d["location"]}
    assert articles == pages  # every command page is found by search, and nothing but them and home
    assert not any(re.search(r"<(?!/?(p|code|pre|li|ol|ul|sub|sup|mark)>)", d["text"]) for d in docs)
