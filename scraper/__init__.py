"""The scraper: command-reference pages -> Command records.

Every inference and every loss becomes a warning on the record; a page that cannot be
read raises :class:`ScrapeError` naming the page, the section and why.
"""

from .api import scrape_text_file
from .errors import ScrapeError
from .values import parse_value

__all__ = ["ScrapeError", "parse_value", "scrape_text_file"]
