"""Fetching pages over HTTP, against a real server started by each test on 127.0.0.1.

The handler serves pages with ETag and Last-Modified, answers conditional requests with
304, and simulates the failures the fetcher must survive. It records every request (path,
start time, headers, status sent) and the largest number of requests it held at once.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from vrpcmds_scraper.fetch import USER_AGENT, Fetched, fetch_all, is_url

LAST_MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"

# Fast settings for the tests; each test overrides what it is about.
FAST: dict[str, Any] = {"concurrency": 4, "retries": 3, "backoff": 0.01, "delay": 0.0, "timeout": 2.0}


@dataclass
class Hit:
    path: str
    start: float
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    """What the server serves and what it saw."""

    base: str = ""
    # path -> (body, etag or None, last-modified or None)
    pages: dict[str, tuple[bytes, str | None, str | None]] = field(default_factory=dict)
    # path -> statuses to answer, in turn, before serving the page normally
    failures: dict[str, list[int]] = field(default_factory=dict)
    retry_after: dict[str, str] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    hold: float = 0.0  # seconds every request is held, to observe concurrency
    slow: float = 1.0  # seconds /slow waits before answering
    hits: list[Hit] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def statuses(self) -> Counter[int]:
        return Counter(hit.status for hit in self.hits)

    def full_downloads(self) -> int:
        return self.statuses()[200]


class Handler(BaseHTTPRequestHandler):
    server: _Server
    hit: Hit
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # no 40 ms stall between headers and body on keep-alive

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        site = self.server.site
        hit = Hit(self.path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
        with site.lock:
            site.hits.append(hit)
            site.in_flight += 1
            site.max_in_flight = max(site.max_in_flight, site.in_flight)
        self.hit = hit
        try:
            if site.hold:
                site.stopping.wait(site.hold)
            self.answer(site, hit)
        finally:
            with site.lock:
                site.in_flight -= 1

    def answer(self, site: Site, hit: Hit) -> int:
        path = self.path
        pending = site.failures.get(path)
        if pending:
            status = pending.pop(0)
            extra = {"Retry-After": site.retry_after[path]} if path in site.retry_after else {}
            return self.send(status, b"failure\n", extra)
        if path in site.redirects:
            return self.send(302, b"", {"Location": site.redirects[path]})
        if path == "/slow":
            site.stopping.wait(site.slow)
            return self.send(200, b"slow\n", {})
        if path in ("/drip", "/endless"):
            return self.trickle(site, path)
        if path.startswith("/large/"):
            size = int(path.rsplit("/", 1)[1])
            return self.send(200, b"x" * size, {})
        if path not in site.pages:
            return self.send(404, b"not found\n", {})
        body, etag, last_modified = site.pages[path]
        validators = {}
        if etag:
            validators["ETag"] = etag
        if last_modified:
            validators["Last-Modified"] = last_modified
        if etag and hit.headers.get("if-none-match") == etag:
            return self.send(304, b"", validators)
        if not etag and last_modified and hit.headers.get("if-modified-since") == last_modified:
            return self.send(304, b"", validators)
        return self.send(200, body, {"Content-Type": "text/html; charset=utf-8", **validators})

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> int:
        self.hit.status = status  # before answering: the client may be done as soon as it has read
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        return status


    def trickle(self, site: Site, path: str) -> int:
        """/drip: one byte every 50 ms of a 100 kB page; /endless: 4 kB every 10 ms, never ending."""
        self.hit.status = 200
        self.send_response(200)
        if path == "/drip":
            self.send_header("Content-Length", "100000")
        else:
            self.send_header("Connection", "close")  # no length: the body runs until the server closes
        self.end_headers()
        chunk, pause = (b"x", 0.05) if path == "/drip" else (b"x" * 4096, 0.01)
        try:
            while not site.stopping.wait(pause):
                self.wfile.write(chunk)
                self.wfile.flush()
        except OSError:
            pass  # the client gave up
        return 200


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, site: Site) -> None:
        self.site = site
        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()
    server = _Server(state)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.stopping.set()  # releases handlers that are holding or slow
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def page(site: Site, name: str, *, etag: bool = True, last_modified: bool = True) -> str:
    path = f"/pages/{name}.html"
    site.pages[path] = (
        f"<html><body><h1>{name}</h1></body></html>\n".encode(),
        f'"{name}-v1"' if etag else None,
        LAST_MODIFIED if last_modified else None,
    )
    return site.url(path)


def run(urls: list[str], cache: Path, **options: Any) -> list[Fetched]:
    return fetch_all(urls, cache, **{**FAST, **options})


# --- bodies, order, headers -------------------------------------------------------------


def test_bodies_come_back_in_the_order_given(site: Site, tmp_path: Path) -> None:
    urls = [page(site, name) for name in ("alpha", "bravo", "charlie", "delta", "echo")]
    results = run(urls, tmp_path / "cache")
    assert [r.url for r in results] == urls
    assert [r.data for r in results] == [site.pages[u.removeprefix(site.base)][0] for u in urls]
    assert all(r.error is None and r.status == 200 and not r.from_cache for r in results)
    assert {hit.headers["user-agent"] for hit in site.hits} == {USER_AGENT}


def test_a_url_listed_twice_is_fetched_once_and_reported_twice(site: Site, tmp_path: Path) -> None:
    a, b = page(site, "alpha"), page(site, "bravo")
    done: list[Fetched] = []
    results = run([a, b, a], tmp_path / "cache", on_done=done.append)
    assert [r.url for r in results] == [a, b, a]
    assert results[0].data == results[2].data == site.pages["/pages/alpha.html"][0]
    assert site.requests("/pages/alpha.html") == 1
    assert sorted(r.url for r in done) == sorted([a, b, a])


def test_no_urls_means_no_results(tmp_path: Path) -> None:
    assert fetch_all([], tmp_path / "cache") == []


# --- the cache --------------------------------------------------------------------------


def test_second_run_revalidates_and_downloads_nothing(site: Site, tmp_path: Path) -> None:
    urls = [page(site, name) for name in ("alpha", "bravo", "charlie")]
    first = run(urls, tmp_path / "cache")
    assert site.full_downloads() == 3

    second = run(urls, tmp_path / "cache")
    assert site.full_downloads() == 3  # not one more 200
    assert site.statuses()[304] == 3
    assert [r.data for r in second] == [r.data for r in first]
    assert all(r.from_cache and r.status == 304 and r.error is None for r in second)
    revalidations = site.hits[3:]
    assert {hit.headers.get("if-none-match") for hit in revalidations} == {
        '"alpha-v1"',
        '"bravo-v1"',
        '"charlie-v1"',
    }
    assert {hit.headers.get("if-modified-since") for hit in revalidations} == {LAST_MODIFIED}


def test_last_modified_alone_is_enough_to_revalidate(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha", etag=False)
    run([url], tmp_path / "cache")
    (again,) = run([url], tmp_path / "cache")
    assert again.from_cache and again.data == site.pages["/pages/alpha.html"][0]
    assert site.full_downloads() == 1
    assert "if-none-match" not in site.hits[1].headers


def test_a_page_without_validators_is_not_cached(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha", etag=False, last_modified=False)
    run([url], tmp_path / "cache")
    (again,) = run([url], tmp_path / "cache")
    assert not again.from_cache and again.status == 200
    assert site.full_downloads() == 2
    assert list((tmp_path / "cache").iterdir()) == []


def test_a_changed_page_is_downloaded_again(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    run([url], tmp_path / "cache")
    site.pages["/pages/alpha.html"] = (b"<html>new text</html>\n", '"alpha-v2"', LAST_MODIFIED)

    (changed,) = run([url], tmp_path / "cache")
    assert changed.data == b"<html>new text</html>\n"
    assert not changed.from_cache and changed.status == 200
    assert site.full_downloads() == 2

    (unchanged,) = run([url], tmp_path / "cache")  # the cache now holds the new version
    assert unchanged.from_cache and unchanged.data == b"<html>new text</html>\n"
    assert site.hits[-1].headers["if-none-match"] == '"alpha-v2"'
    assert site.full_downloads() == 2


def test_cache_files_are_named_by_the_sha256_of_the_url(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    run([url], tmp_path / "cache")
    key = hashlib.sha256(url.encode()).hexdigest()
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [f"{key}.body", f"{key}.json"]
    assert (tmp_path / "cache" / f"{key}.body").read_bytes() == site.pages["/pages/alpha.html"][0]
    meta = json.loads((tmp_path / "cache" / f"{key}.json").read_text())
    assert meta["url"] == meta["final_url"] == url
    assert (meta["etag"], meta["last_modified"], meta["status"]) == ('"alpha-v1"', LAST_MODIFIED, 200)


def _corrupt_json(body: Path, meta: Path) -> None:
    meta.write_text('{"etag": "alpha-v1", trailing garbage')


def _json_not_an_object(body: Path, meta: Path) -> None:
    meta.write_text("[1, 2, 3]")


def _json_wrong_types(body: Path, meta: Path) -> None:
    data = json.loads(meta.read_text())
    meta.write_text(json.dumps({**data, "etag": 42, "status": "ok"}))


def _body_truncated(body: Path, meta: Path) -> None:
    body.write_bytes(body.read_bytes()[:5])


def _body_altered(body: Path, meta: Path) -> None:
    data = bytearray(body.read_bytes())
    data[0] ^= 0xFF
    body.write_bytes(bytes(data))


def _body_missing(body: Path, meta: Path) -> None:
    body.unlink()


def _json_not_utf8(body: Path, meta: Path) -> None:
    meta.write_bytes(b"\xff\xfe\x00garbage")


@pytest.mark.parametrize(
    "damage",
    [
        _corrupt_json,
        _json_not_an_object,
        _json_wrong_types,
        _body_truncated,
        _body_altered,
        _body_missing,
        _json_not_utf8,
    ],
)
def test_a_corrupt_cache_entry_is_ignored_and_the_page_refetched(
    site: Site, tmp_path: Path, damage: object
) -> None:
    url = page(site, "alpha")
    run([url], tmp_path / "cache")
    key = hashlib.sha256(url.encode()).hexdigest()
    damage(tmp_path / "cache" / f"{key}.body", tmp_path / "cache" / f"{key}.json")  # type: ignore[operator]

    (again,) = run([url], tmp_path / "cache")
    assert again.error is None and not again.from_cache
    assert again.data == site.pages["/pages/alpha.html"][0]
    assert "if-none-match" not in site.hits[-1].headers  # the damaged entry was not used
    assert site.full_downloads() == 2

    (third,) = run([url], tmp_path / "cache")  # and the entry is whole again
    assert third.from_cache and third.data == again.data


def test_no_temporary_files_are_left_in_the_cache(site: Site, tmp_path: Path) -> None:
    urls = [page(site, name) for name in ("alpha", "bravo")]
    run(urls, tmp_path / "cache")
    run(urls, tmp_path / "cache")
    assert not [p for p in (tmp_path / "cache").iterdir() if p.suffix == ".tmp"]


# --- retries and final errors -----------------------------------------------------------


def test_a_500_is_retried_until_the_page_comes(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    site.failures["/pages/alpha.html"] = [500, 502]
    (result,) = run([url], tmp_path / "cache", retries=3)
    assert result.error is None and result.status == 200
    assert result.data == site.pages["/pages/alpha.html"][0]
    assert site.requests("/pages/alpha.html") == 3


def test_retries_back_off_exponentially(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    site.failures["/pages/alpha.html"] = [500, 500, 500]
    (result,) = run([url], tmp_path / "cache", retries=3, backoff=0.05)
    assert result.error is None
    starts = [hit.start for hit in site.hits]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert gaps[0] >= 0.05 - 0.01 and gaps[1] >= 0.10 - 0.01 and gaps[2] >= 0.20 - 0.01


def test_a_lasting_500_gives_up_after_the_retries(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    site.failures["/pages/alpha.html"] = [500] * 10
    (result,) = run([url], tmp_path / "cache", retries=2)
    assert result.data is None and result.status == 500
    assert result.error is not None and result.error.startswith(url)
    assert "HTTP 500" in result.error and "3 attempts" in result.error
    assert site.requests("/pages/alpha.html") == 3


def test_a_503_retry_after_is_honoured(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    site.failures["/pages/alpha.html"] = [503]
    site.retry_after["/pages/alpha.html"] = "1"
    (result,) = run([url], tmp_path / "cache", backoff=0.01)
    assert result.error is None and result.status == 200
    first, second = site.hits
    assert second.start - first.start >= 1.0 - 0.05


def test_a_long_retry_after_is_capped(site: Site, tmp_path: Path) -> None:
    url = page(site, "alpha")
    site.failures["/pages/alpha.html"] = [429]
    site.retry_after["/pages/alpha.html"] = "3600"
    started = time.monotonic()
    (result,) = run([url], tmp_path / "cache", backoff=0.01, max_retry_after=0.2)
    assert result.error is None
    assert time.monotonic() - started < 2.0
    assert site.hits[1].start - site.hits[0].start >= 0.2 - 0.02


def test_a_404_is_final_and_does_not_stop_the_others(site: Site, tmp_path: Path) -> None:
    good = page(site, "alpha")
    missing = site.url("/pages/missing.html")
    results = run([missing, good], tmp_path / "cache", retries=3)
    assert results[0].status == 404 and results[0].data is None
    assert results[0].error == f"{missing}: HTTP 404 Not Found"
    assert site.requests("/pages/missing.html") == 1  # not retried
    assert results[1].error is None and results[1].data == site.pages["/pages/alpha.html"][0]


def test_a_slow_server_times_out_after_the_retries(site: Site, tmp_path: Path) -> None:
    site.slow = 1.0
    url = site.url("/slow")
    (result,) = run([url], tmp_path / "cache", timeout=0.2, retries=1)
    assert result.data is None and result.status is None
    assert result.error is not None and result.error.startswith(f"{url}: timed out")
    assert "2 attempts" in result.error
    assert site.requests("/slow") == 2


def test_a_refused_connection_is_an_error_result(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page.html"
    (result,) = run([url], tmp_path / "cache", retries=1)
    assert result.data is None and result.status is None
    assert result.error is not None and result.error.startswith(f"{url}: network error: ConnectError")


# --- redirects, refused URLs, size ------------------------------------------------------


def test_redirects_are_followed_and_cached_under_the_asked_url(site: Site, tmp_path: Path) -> None:
    target = page(site, "alpha")
    site.redirects["/old/alpha.html"] = "/pages/alpha.html"
    url = site.url("/old/alpha.html")
    (result,) = run([url], tmp_path / "cache")
    assert result.url == url and result.error is None and result.status == 200
    assert result.data == site.pages["/pages/alpha.html"][0]
    meta = json.loads((tmp_path / "cache" / f"{hashlib.sha256(url.encode()).hexdigest()}.json").read_text())
    assert meta["final_url"] == target

    (again,) = run([url], tmp_path / "cache")
    assert again.from_cache and again.data == result.data
    assert site.full_downloads() == 1


def test_a_redirect_loop_is_an_error(site: Site, tmp_path: Path) -> None:
    site.redirects["/loop"] = "/loop"
    url = site.url("/loop")
    (result,) = run([url], tmp_path / "cache")
    assert result.data is None and result.error is not None
    assert result.error.startswith(url) and "redirects" in result.error
    assert site.requests("/loop") <= 12  # bounded, and not retried


def test_only_http_and_https_urls_are_fetched(site: Site, tmp_path: Path) -> None:
    good = page(site, "alpha")
    bad = ["ftp://127.0.0.1/page.html", "file:///etc/hostname", "pages/a.html", "", "http://", "http://h:x/"]
    results = run([*bad, good], tmp_path / "cache")
    for url, result in zip(bad, results, strict=False):
        assert result.data is None and result.status is None
        assert result.error == f"{url}: not an http:// or https:// URL"
    assert results[-1].data == site.pages["/pages/alpha.html"][0]
    assert len(site.hits) == 1


def test_is_url() -> None:
    assert is_url("http://example.invalid/x") and is_url("HTTPS://example.invalid")
    assert not is_url("ftp://example.invalid/x") and not is_url("example.invalid/x")
    assert not is_url("http://[::1") and not is_url("http://host:port/")


def test_a_page_over_the_size_cap_is_an_error(site: Site, tmp_path: Path) -> None:
    small, large = site.url("/large/1000"), site.url("/large/5000")
    results = run([small, large], tmp_path / "cache", max_bytes=2000)
    assert results[0].data == b"x" * 1000
    assert results[1].data is None and results[1].error is not None
    assert results[1].error.startswith(large) and "2000-byte limit" in results[1].error
    assert site.requests("/large/5000") == 1  # not retried


# --- concurrency and politeness ---------------------------------------------------------


def test_concurrency_is_bounded(site: Site, tmp_path: Path) -> None:
    site.hold = 0.15
    urls = [page(site, f"p{n}") for n in range(9)]
    results = run(urls, tmp_path / "cache", concurrency=3, delay=0.0)
    assert all(r.error is None for r in results)
    assert 2 <= site.max_in_flight <= 3  # never more than the bound, and in parallel


def test_a_single_worker_fetches_one_at_a_time(site: Site, tmp_path: Path) -> None:
    site.hold = 0.03
    urls = [page(site, f"p{n}") for n in range(4)]
    run(urls, tmp_path / "cache", concurrency=1, delay=0.0)
    assert site.max_in_flight == 1


def test_requests_to_one_host_start_at_least_delay_apart(site: Site, tmp_path: Path) -> None:
    urls = [page(site, f"p{n}") for n in range(5)]
    site.failures["/pages/p0.html"] = [500]  # its retry is spaced too
    results = run(urls, tmp_path / "cache", concurrency=5, delay=0.1, backoff=0.0)
    assert all(r.error is None for r in results)
    starts = sorted(hit.start for hit in site.hits)
    assert len(starts) == 6
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.1 - 0.02


def test_on_done_reports_each_result_as_it_comes(site: Site, tmp_path: Path) -> None:
    urls = [page(site, "alpha"), site.url("/nothing-here")]
    seen: list[Fetched] = []
    results = run(urls, tmp_path / "cache", on_done=seen.append)
    assert sorted(r.url for r in seen) == sorted(urls)
    assert {(r.url, r.error) for r in seen} == {(r.url, r.error) for r in results}


def test_an_error_in_on_done_stops_the_run_and_is_raised(site: Site, tmp_path: Path) -> None:
    urls = [page(site, f"p{n}") for n in range(3)]

    def boom(result: Fetched) -> None:
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError, match="stop"):
        run(urls, tmp_path / "cache", on_done=boom, concurrency=1, delay=0.05)


@pytest.mark.parametrize(
    "options",
    [{"concurrency": 0}, {"retries": -1}, {"delay": -1.0}, {"backoff": -0.1}, {"timeout": 0.0}],
)
def test_bad_settings_are_refused(tmp_path: Path, options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        fetch_all(["http://127.0.0.1:1/"], tmp_path / "cache", **options)


# --- bounded time ---------------------------------------------------------------------------


def test_a_server_that_drips_its_body_is_given_up_on_and_the_others_come(site: Site, tmp_path: Path) -> None:
    urls = [page(site, "a"), site.url("/drip"), page(site, "b")]
    started = time.monotonic()
    results = run(urls, tmp_path / "cache", concurrency=3, min_rate=100, grace=0.5)
    assert time.monotonic() - started < 5
    assert [r.data is not None for r in results] == [True, False, True]
    assert results[1].error is not None and "bytes a second floor" in results[1].error
    assert site.requests("/drip") == 1  # a drip is not retried


def test_a_never_ending_answer_stops_at_the_response_deadline(site: Site, tmp_path: Path) -> None:
    started = time.monotonic()
    (result,) = run([site.url("/endless")], tmp_path / "cache", response_deadline=1.0, max_bytes=10**9)
    assert 1.0 <= time.monotonic() - started < 5
    assert result.error == f"{site.url('/endless')}: no complete answer within 1 s"


def test_the_run_deadline_fails_what_was_not_fetched_and_keeps_what_was(site: Site, tmp_path: Path) -> None:
    site.slow = 1.0
    urls = [page(site, "a"), site.url("/slow"), page(site, "b")]
    results = run(urls, tmp_path / "cache", concurrency=1, timeout=5.0, run_deadline=0.5)
    assert results[0].data is not None
    assert results[2].data is None and results[2].error is not None
    assert "time limit was reached" in results[2].error
