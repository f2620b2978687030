"""The scraper: command-reference pages -> Command records.

Every inference and every loss becomes a warning on the record; a page that cannot be
read raises :class:`ScrapeError` naming the page, the section and why, and a topic that
is not a command page raises :class:`NotACommandPage` (counted as skipped).
"""

from .api import scrape_bytes, scrape_html, scrape_text_file
from .errors import NotACommandPage, ScrapeError
from .values import parse_value

__all__ = ["NotACommandPage", "ScrapeError", "parse_value", "scrape_bytes", "scrape_html", "scrape_text_file"]
