"""Entry points of the scraper: one page in, one Command out."""

from __future__ import annotations

from pathlib import Path

from vrpcmds_model.record import Command

from .errors import ScrapeError
from .text import parse_text


def scrape_text_file(path: Path, shown_path: str) -> Command:
    """Read a plain-text dump of a command page.

    ``shown_path`` is the path as the user gave it: it is recorded as the source and
    names the page in a :class:`ScrapeError` when the page cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScrapeError(shown_path, "Page", f"not UTF-8 text (byte {exc.start}): {exc.reason}") from exc
    except OSError as exc:
        raise ScrapeError(shown_path, "Page", f"cannot read the file: {exc.strerror or exc}") from exc
    return parse_text(text, shown_path)
