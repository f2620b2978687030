"""Entry points of the scraper: one page in, one Record out.

Every function here is pure (reads nothing but its arguments, writes nothing) and
module-level, so that a batch can run it in worker processes. A page that cannot be
read raises :class:`ScrapeError` naming the page, the section and why; a topic that is
not a command page raises :class:`NotACommandPage` (to be counted as skipped).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from vrpcmds_model.record import Record
from vrpcmds_runtime.bounds import PAGE_BYTES

from .errors import NotACommandPage, ScrapeError
from .html import scrape_html
from .safety import make_safe
from .text import parse_text

__all__ = ["NotACommandPage", "ScrapeError", "is_html", "scrape_bytes", "scrape_html", "scrape_text_file"]

# Markup that only an HTML document starts with (a text dump's "<HUAWEI>" prompt is not).
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|h1|div|\?xml)[\s>/]",
    re.IGNORECASE,
)
_SNIFF = 4096


def is_html(data: bytes) -> bool:
    """Whether a page is HTML: an HTML tag or declaration in its first few kilobytes.

    A UTF-16 page (byte-order mark first) is looked at as the text it encodes.
    """
    head = data[: _SNIFF * 2]
    if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        head = head.decode("utf-16", "replace").encode("utf-8")
    return bool(_HTML_START.search(head[:_SNIFF]))


def scrape_bytes(data: bytes, shown: str, url: str | None = None) -> Record:
    """Read one page, HTML or a text dump (sniffed from its content).

    Text must be UTF-8 (a ScrapeError names the page otherwise); HTML is read in the
    charset it declares, else as UTF-8 with undecodable bytes replaced (and a warning).
    """
    if is_html(data):
        return scrape_html(data, shown, url)
    _check_size(len(data), shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScrapeError(shown, "Page", f"not UTF-8 text (byte {exc.start}): {exc.reason}") from exc
    return _text_page(text, shown, url)


def scrape_text_file(path: Path, shown_path: str) -> Record:
    """Read a plain-text dump of a command page.

    ``shown_path`` is the path as the user gave it: it is recorded as the source and
    names the page in a :class:`ScrapeError` when the page cannot be read.
    """
    try:
        _check_size(path.stat().st_size, shown_path)
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScrapeError(shown_path, "Page", f"not UTF-8 text (byte {exc.start}): {exc.reason}") from exc
    except OSError as exc:
        raise ScrapeError(shown_path, "Page", f"cannot read the file: {exc.strerror or exc}") from exc
    return _text_page(text, shown_path, None)


def _check_size(size: int, shown: str) -> None:
    if size > PAGE_BYTES:
        raise ScrapeError(
            shown, "Page", f"{size:,} bytes: larger than any command page ({PAGE_BYTES:,} at most)"
        )


def _text_page(text: str, shown: str, url: str | None) -> Record:
    """A text dump as a safe record."""
    command = parse_text(text, shown)
    if url:
        command.source.url = url
    return make_safe(command)
