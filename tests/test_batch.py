"""Batch scraping: parallel pages, mirrored output, one report, reuse of unchanged pages."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
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
        ("https://docs.example.test/manual/ike_heartbeat.html", "docs.example.test/manual/ike_heartbeat.yaml"),
        ("http://127.0.0.1:8000/a/b%20c.htm?x=1", "127.0.0.1_8000/a/b_c_1f206b11.yaml"),
        ("https://docs.example.test/", "docs.example.test/index.yaml"),
        ("https://h.test/a/../../%2e%2e/x.html", "h.test/a/_/_/_/x.yaml"),
    ],
)
def test_url_pages_keep_their_host_and_path(url: str, rel: str) -> None:
    assert url_page(url).rel == rel


def test_pages_of_one_site_with_the_same_file_name_do_not_collide() -> None:
    a, b = url_page("https://h.test/a/page.html"), url_page("https://h.test/b/page.html")
    assert a.rel != b.rel


HTML = Path(__file__).parent / "fixtures" / "html"


class _Pages:
    """A real HTTP server on 127.0.0.1 serving the HTML fixtures with ETags, counting 200s."""

    def __init__(self) -> None:
        import hashlib
        import http.server
        import threading

        pages = {f"/manual/{p.name}": p.read_bytes() for p in HTML.glob("*.html")}
        self.full = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                body = pages.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                owner.full += 1
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/manual/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def served() -> Iterator[_Pages]:
    pages = _Pages()
    try:
        yield pages
    finally:
        pages.close()


def test_urls_and_files_scrape_together_and_unchanged_urls_are_not_downloaded_again(
    tmp_path: Path, served: _Pages
) -> None:
    urls = [served.base + "pulse-probe-send.html", served.base + "chapter-overview.html", served.base + "missing.html"]
    inputs = [*urls, str(SEED)]
    cache = tmp_path / "cache"
    report = scrape_batch(inputs, tmp_path / "out", cache_dir=cache)
    status = {o.shown: o.status for o in report.outcomes}
    assert status[urls[0]] == "written"
    assert status[urls[1]] == "skipped"
    assert status[urls[2]] == "failed" and "404" in report.failed[0].reason
    assert status[str(SEED)] == "written"
    record = (tmp_path / "out" / url_page(urls[0]).rel).read_text()
    assert f"url: {urls[0]}" in record
    downloads = served.full
    again = scrape_batch(inputs, tmp_path / "out", cache_dir=cache)
    assert served.full == downloads, "an unchanged page was downloaded again"
    assert {o.shown: o.status for o in again.outcomes} == status


def test_hostile_pages_in_one_batch_fail_alone(tmp_path: Path) -> None:
    manual = tmp_path / "manual"
    manual.mkdir()
    probe = (HTML / "pulse-probe-send.html").read_bytes()
    shutil.copy(HTML / "pulse-probe-send.html", manual / "good.html")
    (manual / "truncated.html").write_bytes(probe[: len(probe) // 3])
    (manual / "huge.html").write_bytes(probe.replace(b"</body>", b"<p>" + b"x" * 10_000_000 + b"</p></body>"))
    (manual / "latin1.txt").write_bytes("ike heartbeat \xe9\n".encode("latin-1"))
    (manual / "brackets.html").write_bytes(probe.replace(b"</p>", b" { [ </p>", 1))
    report = scrape_batch([str(manual)], tmp_path / "out", workers=2, cache_dir=tmp_path / "cache")
    by_name = {Path(o.shown).name: o for o in report.outcomes}
    assert by_name["good.html"].status == "written"
    assert by_name["latin1.txt"].status == "failed" and "latin1.txt" in by_name["latin1.txt"].reason
    assert by_name["huge.html"].status == "failed" and "huge.html" in by_name["huge.html"].reason
    for name in ("truncated.html", "brackets.html"):
        outcome = by_name[name]
        assert outcome.status == "failed" or outcome.warnings, f"{name} passed without a word"
    for path in (tmp_path / "out").rglob("*"):
        assert not path.name.endswith(".tmp")


def _scrape_with_stderr_on(pty_stderr: bool, manual: Path, tmp_path: Path) -> str:
    """Run ``vrpcmds scrape`` with stderr on a pseudo-terminal (or a pipe); return stderr."""
    import pty
    import subprocess
    import sys

    exe = str(Path(sys.executable).parent / "vrpcmds")
    args = [exe, "scrape", str(manual), "--out", str(tmp_path / f"out{pty_stderr}"), "--jobs", "1"]
    if not pty_stderr:
        return subprocess.run(args, capture_output=True, text=True, check=True).stderr
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(60)
    os.close(master)
    return b"".join(chunks).decode(errors="replace")


def test_progress_bar_shows_on_a_terminal_and_stays_quiet_otherwise(tmp_path: Path) -> None:
    manual = make_manual(tmp_path / "manual", copies=10)
    assert "scraping" in _scrape_with_stderr_on(True, manual, tmp_path)
    assert _scrape_with_stderr_on(False, manual, tmp_path) == ""
