"""Fetching command-reference pages over http(s): bounded, patient, polite and cached.

:func:`fetch_all` downloads a list of URLs and returns one :class:`Fetched` per URL, in
the order given. A URL that cannot be fetched gives a result whose ``error`` says why
(the URL, then the HTTP status or the network error); it never stops the others.

- **Bounded:** at most ``concurrency`` requests are in flight at once (a pool of that many
  worker threads sharing one ``httpx.Client``). A URL listed twice is fetched once.
- **Patient:** network errors, timeouts, 429 and 5xx answers are retried up to ``retries``
  times, waiting ``backoff * 2**n`` seconds before retry ``n + 1``, or longer when the
  server sends ``Retry-After``; no wait exceeds ``max_retry_after``. Other 4xx answers
  (404...) are final. Redirects are followed, at most :data:`MAX_REDIRECTS` of them.
- **Polite:** two requests to the same host (retries included) start at least ``delay``
  seconds apart. The host is the one of the URL asked for; the hops of a redirect follow
  at once.
- **Cached:** ``cache_dir`` keeps, per URL, ``<sha256 of the URL>.body`` (the page) and
  ``<sha256 of the URL>.json`` (ETag, Last-Modified, final URL, status, the body's size and
  sha256). The next run sends ``If-None-Match`` / ``If-Modified-Since``; a ``304 Not
  Modified`` answer reuses the cached body (``from_cache=True``, ``status=304``) without
  downloading it again. Cache files are written atomically (temporary file, then
  ``os.replace``). An entry that cannot be read, does not parse or does not match its
  recorded size and sha256 is ignored and the page is downloaded again; a cache that
  cannot be written only costs the next run a download.
- **Bounded memory:** a body larger than ``max_bytes`` is an error result, not a
  download into memory.
- **Bounded time:** ``timeout`` bounds each wait (connecting, each read); an answer must
  also be complete within ``response_deadline`` seconds, and once ``grace`` seconds have
  passed it must keep coming at ``min_rate`` bytes a second or more (a server that drips
  its body is given up on, not waited for). With ``run_deadline``, a page not fetched
  within that many seconds of the start is an error result; the pages fetched by then
  come back as usual.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from vrpcmds_runtime.bounds import FETCH_BYTES, GRACE_SECONDS, MIN_BYTES_PER_SECOND, RESPONSE_SECONDS

USER_AGENT = "vrpcmds/0.1 (+command reference scraper)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8"
MAX_REDIRECTS = 10
MAX_BYTES = FETCH_BYTES
MAX_RETRY_AFTER = 60.0
RESPONSE_DEADLINE = RESPONSE_SECONDS  # seconds for one whole answer, body included
MIN_RATE = MIN_BYTES_PER_SECOND  # bytes a second an answer must keep up once GRACE seconds have passed
GRACE = GRACE_SECONDS
SCHEMES = ("http", "https")


@dataclass
class Fetched:
    """The outcome of fetching one URL.

    ``data`` is the page body, from the network or (``from_cache``) from the cache after
    the server answered ``304 Not Modified``. ``error`` is ``None`` on success, else why
    the page could not be fetched, starting with the URL. ``status`` is the last HTTP
    status received (``304`` for a page reused from the cache), ``None`` when no answer
    came (network error, URL refused before any request).
    """

    url: str
    data: bytes | None
    from_cache: bool
    error: str | None
    status: int | None


def is_url(text: str) -> bool:
    """True when ``text`` is an absolute http:// or https:// URL with a host."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return False
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


def fetch_all(
    urls: list[str],
    cache_dir: Path,
    *,
    concurrency: int = 4,
    retries: int = 3,
    backoff: float = 0.5,
    delay: float = 0.2,
    timeout: float = 30.0,
    on_done: Callable[[Fetched], None] | None = None,
    max_bytes: int = MAX_BYTES,
    max_retry_after: float = MAX_RETRY_AFTER,
    response_deadline: float = RESPONSE_DEADLINE,
    min_rate: float = MIN_RATE,
    grace: float = GRACE,
    run_deadline: float | None = None,
) -> list[Fetched]:
    """Fetch every URL; one :class:`Fetched` per entry of ``urls``, in the same order.

    ``on_done`` is called in the calling thread as each result becomes available (once per
    entry of ``urls``, in completion order), e.g. to show progress. ``timeout`` bounds each
    wait of a request (connecting, sending, each read), in seconds; ``response_deadline``,
    ``min_rate`` and ``grace`` a whole answer, ``run_deadline`` the whole run (see the module doc).
    """
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    if retries < 0:
        raise ValueError(f"retries must be 0 or more, not {retries}")
    if backoff < 0 or delay < 0 or max_retry_after < 0:
        raise ValueError("backoff, delay and max_retry_after must not be negative")
    if timeout <= 0:
        raise ValueError(f"timeout must be positive, not {timeout}")
    if max_bytes < 0:
        raise ValueError(f"max_bytes must not be negative, not {max_bytes}")
    if not urls:
        return []

    positions: dict[str, list[int]] = {}
    for index, url in enumerate(urls):
        positions.setdefault(url, []).append(index)
    results: list[Fetched | None] = [None] * len(urls)

    cache = _Cache(Path(cache_dir))
    stop = threading.Event()
    gate = _PoliteGate(delay, stop)
    ends = None if run_deadline is None else time.monotonic() + run_deadline
    pace = _Pace(response_deadline, min_rate, grace, ends)
    job = _Job(cache, gate, stop, retries, backoff, max_bytes, max_retry_after, pace)
    workers = min(concurrency, len(positions))
    client = httpx.Client(
        headers={"User-Agent": USER_AGENT, "Accept": ACCEPT},
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        limits=httpx.Limits(max_connections=workers, max_keepalive_connections=workers),
    )
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="vrpcmds-fetch")
    try:
        futures: dict[Future[Fetched], str] = {pool.submit(job.fetch, client, url): url for url in positions}
        for future in as_completed(futures):
            url = futures[future]
            try:
                fetched = future.result()
            except Exception as exc:  # noqa: BLE001 - a bug for one URL must not lose the others
                fetched = Fetched(url, None, False, f"{url}: {type(exc).__name__}: {exc}", None)
            for index in positions[url]:
                result = dataclasses.replace(fetched)
                results[index] = result
                if on_done is not None:
                    on_done(result)
    except BaseException:
        stop.set()  # wakes workers sleeping in a back-off or a polite delay
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        client.close()
    return [result for result in results if result is not None]


class _Stopped(Exception):
    """Raised in a worker when the run is being abandoned."""


def _sleep(stop: threading.Event, seconds: float) -> None:
    if seconds > 0 and stop.wait(seconds):
        raise _Stopped
    if stop.is_set():
        raise _Stopped


class _PoliteGate:
    """Spaces the starts of requests to one host at least ``delay`` seconds apart.

    A worker holds the host's lock while it waits for its turn and records when it
    actually went, so a worker that was late does not shorten the next one's wait.
    """

    def __init__(self, delay: float, stop: threading.Event) -> None:
        self._delay = delay
        self._stop = stop
        self._lock = threading.Lock()
        self._hosts: dict[tuple[str, int | None], _HostTurn] = {}

    def wait_turn(self, url: str) -> None:
        parts = urlsplit(url)
        key = ((parts.hostname or "").lower(), parts.port)
        with self._lock:
            host = self._hosts.setdefault(key, _HostTurn())
        with host.lock:
            if host.last_start is not None:
                _sleep(self._stop, host.last_start + self._delay - time.monotonic())
            host.last_start = time.monotonic()


@dataclass
class _HostTurn:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_start: float | None = None


@dataclass
class _Entry:
    etag: str | None
    last_modified: str | None
    final_url: str
    status: int
    body: bytes


class _Cache:
    """One ``.body`` and one ``.json`` file per URL, named by the sha256 of the URL."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    def paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / f"{key}.body", self.root / f"{key}.json"

    def load(self, url: str) -> _Entry | None:
        """The cached entry for ``url``, or ``None`` when absent or unusable."""
        body_path, meta_path = self.paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        etag, last_modified = meta.get("etag"), meta.get("last_modified")
        final_url, status = meta.get("final_url"), meta.get("status")
        if not all(value is None or isinstance(value, str) for value in (etag, last_modified)):
            return None
        if not (etag or last_modified):
            return None  # nothing to revalidate with
        if not isinstance(final_url, str) or not isinstance(status, int) or isinstance(status, bool):
            return None
        if meta.get("size") != len(body) or meta.get("sha256") != hashlib.sha256(body).hexdigest():
            return None  # truncated, altered, or paired with another write's body
        return _Entry(etag, last_modified, final_url, status, body)

    def store(
        self, url: str, final_url: str, status: int, etag: str | None, last_modified: str | None, body: bytes
    ) -> None:
        body_path, meta_path = self.paths(url)
        meta: dict[str, Any] = {
            "url": url,
            "final_url": final_url,
            "status": status,
            "etag": etag or None,
            "last_modified": last_modified or None,
            "size": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
            "fetched_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        if not (meta["etag"] or meta["last_modified"]):
            # Nothing to revalidate with: drop any older entry rather than keep a stale one.
            for path in (meta_path, body_path):
                path.unlink(missing_ok=True)
            return
        # The body goes first; the metadata names its size and hash, so a reader that
        # meets a body and a metadata file from different writes sees a mismatch.
        self._write(body_path, body)
        self._write(meta_path, (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode("utf-8"))

    def refresh(self, url: str, entry: _Entry, headers: Mapping[str, str]) -> None:
        """Record validators that a 304 answer replaced."""
        etag = headers.get("etag") or entry.etag
        last_modified = headers.get("last-modified") or entry.last_modified
        if (etag, last_modified) != (entry.etag, entry.last_modified):
            self.store(url, entry.final_url, entry.status, etag, last_modified, entry.body)

    def _write(self, path: Path, data: bytes) -> None:
        try:
            handle, temp = tempfile.mkstemp(dir=self.root, prefix=path.name + ".", suffix=".tmp")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except OSError:
            Path(temp).unlink(missing_ok=True)


class _TooLarge(Exception):
    pass


class _TooSlow(Exception):
    pass


@dataclass(frozen=True)
class _Pace:
    """How long one answer may take and how fast it must come (see the module doc)."""

    deadline: float
    min_rate: float
    grace: float
    run_ends: float | None  # time.monotonic() when the run's time is up

    def check(self, started: float, size: int) -> None:
        """Raise _TooSlow when an answer begun at ``started`` with ``size`` bytes so far is late."""
        now = time.monotonic()
        elapsed = now - started
        if self.run_ends is not None and now > self.run_ends:
            raise _TooSlow("the run's time limit was reached")
        if elapsed > self.deadline:
            raise _TooSlow(f"no complete answer within {self.deadline:g} s")
        if elapsed > self.grace and size / elapsed < self.min_rate:
            raise _TooSlow(
                f"sent {size / elapsed:.0f} bytes a second, under the {self.min_rate:g} bytes a second floor"
            )

    def over(self) -> bool:
        return self.run_ends is not None and time.monotonic() > self.run_ends


@dataclass
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    final_url: str
    body: bytes


@dataclass
class _Job:
    cache: _Cache
    gate: _PoliteGate
    stop: threading.Event
    retries: int
    backoff: float
    max_bytes: int
    max_retry_after: float
    pace: _Pace

    def fetch(self, client: httpx.Client, url: str) -> Fetched:
        if not is_url(url):
            return Fetched(url, None, False, f"{url}: not an http:// or https:// URL", None)
        entry = self.cache.load(url)
        failures = 0
        while True:
            if self.pace.over():
                return Fetched(
                    url, None, False, f"{url}: the run's time limit was reached before it was fetched", None
                )
            headers: dict[str, str] = {}
            if entry is not None and entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry is not None and entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
            self.gate.wait_turn(url)
            retry_after: float | None = None
            status: int | None = None
            try:
                answer = self._request(client, url, headers)
            except httpx.TooManyRedirects:
                return Fetched(url, None, False, f"{url}: more than {MAX_REDIRECTS} redirects", None)
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
                return Fetched(url, None, False, f"{url}: {exc}", None)
            except (_TooLarge, _TooSlow) as exc:
                return Fetched(url, None, False, f"{url}: {exc}", None)
            except httpx.TransportError as exc:
                problem = _describe(exc)
            except httpx.RequestError as exc:  # decoding errors and the like: final
                return Fetched(url, None, False, f"{url}: {_describe(exc)}", None)
            else:
                status = answer.status
                if status == 304 and entry is not None:
                    self.cache.refresh(url, entry, answer.headers)
                    return Fetched(url, entry.body, True, None, 304)
                if 200 <= status < 300:
                    self.cache.store(
                        url,
                        answer.final_url,
                        status,
                        answer.headers.get("etag"),
                        answer.headers.get("last-modified"),
                        answer.body,
                    )
                    return Fetched(url, answer.body, False, None, status)
                problem = f"HTTP {status} {answer.reason}".rstrip()
                if status != 429 and status < 500:
                    return Fetched(url, None, False, f"{url}: {problem}", status)
                retry_after = _retry_after(answer.headers)
            if failures >= self.retries:
                attempts = "1 attempt" if failures == 0 else f"{failures + 1} attempts"
                return Fetched(url, None, False, f"{url}: {problem} (gave up after {attempts})", status)
            wait = self.backoff * 2**failures
            if retry_after is not None:
                wait = max(wait, retry_after)
            failures += 1
            _sleep(self.stop, min(wait, self.max_retry_after))

    def _request(self, client: httpx.Client, url: str, headers: dict[str, str]) -> _Answer:
        started = time.monotonic()
        with client.stream("GET", url, headers=headers) as response:
            body = b""
            if 200 <= response.status_code < 300:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise _TooLarge(
                        f"page of {declared} bytes is larger than the {self.max_bytes}-byte limit"
                    )
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise _TooLarge(f"page is larger than the {self.max_bytes}-byte limit")
                    self.pace.check(started, size)
                    chunks.append(chunk)
                body = b"".join(chunks)
            return _Answer(
                response.status_code, response.reason_phrase, response.headers, str(response.url), body
            )


def _describe(exc: httpx.HTTPError) -> str:
    name = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({name})"
    detail = str(exc)
    return f"network error: {name}: {detail}" if detail else f"network error: {name}"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delay-seconds or HTTP-date)."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
