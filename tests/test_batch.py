"""Batch scraping: parallel pages, mirrored output, one report, reuse of unchanged pages."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from vrpcmds_scraper.batch import scrape_batch, url_page

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def make_manual(root: Path, copies: int = 12) -> Path:
    """A small manual: the seed and a fixture page copied into two feature-area folders."""
    for i in range(copies):
        area = root / ("Area_One" if i % 2 else "Area_Two") / "Sub"
        area.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED if i % 3 else FIXTURES / "pulse-probe-send.txt", area / f"page{i:02d}.txt")
    return root


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.yaml"))}


def test_parallel_batch_mirrors_the_input_folders(tmp_path: Path) -> None:
    manual = make_manual(tmp_path / "manual")
    report = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=tmp_path / "cache")
    assert report.failed == []
    assert len(report.written) == 12
    assert sorted(outputs(tmp_path / "out")) == sorted(
        str(p.relative_to(manual).with_suffix(".yaml")) for p in manual.rglob("*.txt")
    )


def test_same_input_gives_byte_identical_output_whatever_the_worker_count(tmp_path: Path) -> None:
    manual = make_manual(tmp_path / "manual")
    scrape_batch([str(manual)], tmp_path / "a", workers=2, cache_dir=tmp_path / "c1")
    scrape_batch([str(manual)], tmp_path / "b", workers=1, cache_dir=tmp_path / "c2")
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_second_run_reuses_unchanged_pages_and_rereads_changed_ones(tmp_path: Path) -> None:
    manual = make_manual(tmp_path / "manual")
    cache = tmp_path / "cache"
    first = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=cache)
    again = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=cache)
    assert again.reused == 12 and len(again.written) == 12
    assert again.warnings() == first.warnings()

    changed = manual / "Area_Two" / "Sub" / "page00.txt"
    changed.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.utime(changed, ns=(1, 1))
    (tmp_path / "out" / "Area_One" / "Sub" / "page01.yaml").unlink()
    third = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=cache)
    assert third.reused == 10
    assert "ike heartbeat" in (tmp_path / "out" / "Area_Two" / "Sub" / "page00.yaml").read_text()
    assert (tmp_path / "out" / "Area_One" / "Sub" / "page01.yaml").is_file()


def test_bad_pages_are_reported_and_never_stop_the_batch(tmp_path: Path) -> None:
    manual = make_manual(tmp_path / "manual", copies=9)
    (manual / "Area_One" / "bad.txt").write_bytes(b"\xff\xfe\x00 not text")
    shutil.copy(FIXTURES / "comware-sample.txt", manual / "Area_One" / "comware.txt")
    report = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=tmp_path / "cache")
    assert len(report.written) == 9
    failed = {Path(o.shown).name: o.reason for o in report.failed}
    assert set(failed) == {"bad.txt", "comware.txt"}
    assert "UTF-8" in failed["bad.txt"]
    assert not (tmp_path / "out" / "Area_One" / "bad.yaml").exists()
    text = "\n".join(report.lines())
    assert "pages read: 11" in text and "failed: 2" in text


def test_a_failed_page_is_retried_on_the_next_run(tmp_path: Path) -> None:
    manual = tmp_path / "manual"
    manual.mkdir()
    page = manual / "p.txt"
    page.write_bytes(b"\xff not text")
    cache = tmp_path / "cache"
    assert len(scrape_batch([str(manual)], tmp_path / "out", cache_dir=cache).failed) == 1
    assert len(scrape_batch([str(manual)], tmp_path / "out", cache_dir=cache).failed) == 1


def test_two_pages_that_would_write_the_same_record_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(SEED, tmp_path / "a" / "same.txt")
    shutil.copy(SEED, tmp_path / "b" / "same.txt")
    report = scrape_batch(
        [str(tmp_path / "a" / "same.txt"), str(tmp_path / "b" / "same.txt")], tmp_path / "out", cache_dir=tmp_path / "c"
    )
    assert len(report.written) == 1 and len(report.failed) == 1
    assert "would overwrite" in report.failed[0].reason


@pytest.mark.parametrize(
    ("url", "rel"),
    [
        ("https://docs.example.test/manual/ike_heartbeat.html", "ike_heartbeat.yaml"),
        ("http://127.0.0.1:8000/a/b%20c.htm?x=1", "b_c.yaml"),
        ("https://docs.example.test/", "docs.example.test.yaml"),
    ],
)
def test_url_pages_are_named_after_the_last_path_segment(url: str, rel: str) -> None:
    assert url_page(url).rel == rel
