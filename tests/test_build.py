"""Incremental builds: unchanged input rewrites nothing; one changed page rewrites only its files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vrpcmds_cli.pipeline import run_build, sync_tree

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
PROBE = Path(__file__).parent / "fixtures" / "pages" / "pulse-probe-send.txt"


def snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.parts[len(root.parts)] in ("schema", "generated", "site")
    }


@pytest.fixture
def manual(tmp_path: Path) -> Path:
    pages = tmp_path / "pages" / "area"
    pages.mkdir(parents=True)
    shutil.copy(SEED, pages / "ike-heartbeat.txt")
    shutil.copy(PROBE, pages / "pulse-probe-send.txt")
    return tmp_path


def test_a_second_build_of_unchanged_input_rewrites_nothing(manual: Path) -> None:
    first = run_build(["pages"], manual, base=manual, cache=manual / "cache")
    assert first.ok and first.ran == ["compiled grammar", "bindings", "site", "html"]
    before = snapshot(manual)
    assert any(k.startswith("site/html/") for k in before)
    again = run_build(["pages"], manual, base=manual, cache=manual / "cache")
    assert again.ran == []
    assert snapshot(manual) == before


def test_one_changed_page_rewrites_only_what_depends_on_it(manual: Path) -> None:
    run_build(["pages"], manual, base=manual, cache=manual / "cache")
    before = snapshot(manual)
    page = manual / "pages" / "area" / "pulse-probe-send.txt"
    page.write_text(page.read_text(encoding="utf-8").replace("every 30 seconds", "every 60 seconds", 1), encoding="utf-8")
    result = run_build(["pages"], manual, base=manual, cache=manual / "cache")
    after = snapshot(manual)
    changed = sorted(k for k in after if after[k] != before.get(k))
    assert "schema/area/pulse-probe-send.yaml" in changed
    assert "schema/area/ike-heartbeat.yaml" not in changed
    assert not any("ike_heartbeat" in k or "ike-heartbeat" in k for k in changed), changed
    assert 0 < result.html_written < sum(1 for k in after if k.startswith("site/html/"))


def test_sync_tree_writes_only_what_differs_and_removes_the_rest(tmp_path: Path) -> None:
    src, dst = tmp_path / "src", tmp_path / "dst"
    (src / "a").mkdir(parents=True)
    (src / "a" / "same.txt").write_text("same")
    (src / "new.txt").write_text("new")
    (dst / "a").mkdir(parents=True)
    (dst / "a" / "same.txt").write_text("same")
    (dst / "old.txt").write_text("old")
    (dst / "gone").mkdir()
    (dst / "gone" / "x.txt").write_text("x")
    assert sync_tree(src, dst) == (1, 2)
    assert sorted(str(p.relative_to(dst)) for p in dst.rglob("*")) == ["a", "a/same.txt", "new.txt"]
