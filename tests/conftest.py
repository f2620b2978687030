"""Shared test set-up: every test gets its own cache folder, never the user's; the real
corpus, when present, is scraped once per session for the tests that read it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("VRPCMDS_CACHE", str(cache))
    return cache


CMDREF = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"


@pytest.fixture(scope="session")
def corpus_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared corpus's command pages scraped into a temporary schema folder (never
    committed); the test is skipped when the corpus is absent."""
    if not CMDREF.is_dir():
        pytest.skip(f"corpus absent: {CMDREF} not found (the real pages live in ../shared, outside the project)")
    from vrpcmds_scraper.batch import scrape_batch

    root = tmp_path_factory.mktemp("corpus")
    report = scrape_batch([str(CMDREF)], root / "schema", cache_dir=root / "cache", workers=2, progress=False)
    assert not report.failed, [o.reason for o in report.failed][:5]
    return root / "schema"
