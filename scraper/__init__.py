"""The scraper: command-reference pages -> Command records.

Every inference and every loss becomes a warning on the record; a page that cannot be
read raises :class:`ScrapeError` naming the page, the section and why, and a topic that
is not a command page raises :class:`NotACommandPage` (counted as skipped).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import scrape_bytes, scrape_html, scrape_text_file
    from .errors import NotACommandPage, ScrapeError
    from .values import parse_value

# Loaded on first use: a rescrape of unchanged input (``vrpcmds_scraper.batch``) reads no
# page and never needs the parsers.
_HOME = {
    "scrape_bytes": "api",
    "scrape_html": "api",
    "scrape_text_file": "api",
    "NotACommandPage": "errors",
    "ScrapeError": "errors",
    "parse_value": "values",
}

__all__ = ["NotACommandPage", "ScrapeError", "parse_value", "scrape_bytes", "scrape_html", "scrape_text_file"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
