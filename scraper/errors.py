"""The one error the scraper raises for a page it cannot turn into a record."""

from __future__ import annotations

from pathlib import Path


class ScrapeError(ValueError):
    """A page that cannot be read: the page, the section concerned and why.

    ``str(error)`` reads ``PAGE: SECTION: MESSAGE`` so that a batch run can print it
    as is, location first.
    """

    def __init__(self, path: Path | str, section: str, message: str) -> None:
        self.path = str(path)
        self.section = section
        self.message = message
        super().__init__(f"{self.path}: {section}: {message}")
