"""The errors the scraper raises for a page it cannot (or should not) turn into a record."""

from __future__ import annotations

from pathlib import Path

from vrpcmds_model.record import Section


class ScrapeError(ValueError):
    """A page that cannot be read: the page, the section concerned and why.

    ``str(error)`` reads ``PAGE: SECTION: MESSAGE`` so that a batch run can print it
    as is, location first.
    """

    def __init__(self, path: Path | str, section: Section, message: str) -> None:
        self.path = str(path)
        self.section = section
        self.message = message
        super().__init__(f"{self.path}: {section}: {message}")

    def __reduce__(self) -> tuple[type[ScrapeError], tuple[str, Section, str]]:
        """Rebuilt from its three parts, so that it crosses process boundaries intact."""
        return type(self), (self.path, self.section, self.message)


class NotACommandPage(Exception):
    """A topic that is not a command page (a chapter title, an overview): skipped, not failed.

    ``reason`` says how it was told apart, e.g. "DC.Type is 'concept', not 'cliref', and
    no Format section".
    """

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)
