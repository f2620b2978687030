"""Support-site boilerplate in text dumps: what to drop, and the metadata to keep.

A page saved from the support site carries the site around it: a cookie notice, a
browser-upgrade line, "Rate and give feedback", a machine-translation disclaimer
before the title, and a footer ("Views: 88835", "Downloads", "Average rating", "This
Document Applies to these Products"...). None of it belongs in a record. The footer
and preamble also hold facts worth keeping: ``Updated: 2019-05-29``,
``Document ID: EDOC1000097293`` and the manual title line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_LINE_PATTERNS = (
    r"no relevant resource is found in the selected language\.?",
    r"this site uses cookies\b.*",
    r"to have a better experience, please upgrade your ie browser\.?",
    r"rate and give feedback:?",
    r"huawei uses machine translation\b.*",
    r"this document describes\b.*",
    r"(?:previous|next|previous\s+next|search|feedback|share|favorites?)",
    r"views:\s*\d[\d,]*",
    r"downloads:\s*\d[\d,]*",
    r"average rating:.*",
)
# Lines that open the site's lists of other documents: everything from there on is dropped.
_FOOTER_PATTERNS = (
    r"this document applies to these products",
    r"related documents",
    r"related version",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS), re.IGNORECASE)
_FOOTER = re.compile("|".join(f"(?:{p})" for p in _FOOTER_PATTERNS), re.IGNORECASE)
_UPDATED = re.compile(r"^(?:updated|published|release date):\s*(?P<date>.+?)\s*$", re.IGNORECASE)
_DOC_ID = re.compile(r"^document id:\s*(?P<id>\S+)\s*$", re.IGNORECASE)
_MANUAL = re.compile(r"^[^.]{3,150}\bcommands?\s+reference$", re.IGNORECASE)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}


@dataclass
class PageMeta:
    """Facts about the page found in the site's header and footer."""

    manual: str | None = None
    doc_id: str | None = None
    published: str | None = None


def is_boilerplate(line: str) -> bool:
    """Whether a whole line is site furniture (never page content)."""
    return bool(_BOILERPLATE.fullmatch(line.strip()))


def is_footer_start(line: str) -> bool:
    """Whether a line opens the site's lists of products and related documents."""
    return bool(_FOOTER.fullmatch(line.strip()))


def take_metadata(lines: list[str], meta: PageMeta) -> list[str]:
    """Record the metadata lines into ``meta`` and return the other lines."""
    kept: list[str] = []
    for line in lines:
        if not _take_one(line.strip(), meta):
            kept.append(line)
    return kept


def _take_one(line: str, meta: PageMeta) -> bool:
    """Store one metadata line into ``meta``; False when the line is not metadata."""
    if m := _UPDATED.match(line):
        meta.published = meta.published or iso_date(m.group("date"))
        return True
    if m := _DOC_ID.match(line):
        meta.doc_id = meta.doc_id or m.group("id")
        return True
    if _MANUAL.match(line):
        meta.manual = meta.manual or line
        return True
    return False


def iso_date(text: str) -> str | None:
    """``2019-05-29``, ``2019/05/29``, ``20190529`` or ``May 29, 2019`` -> ``2019-05-29``."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})", text):
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := re.fullmatch(r"([A-Za-z]{3})[a-z]*\.? (\d{1,2}),? (\d{4})", text):
        month = _MONTHS.get(m.group(1).lower())
        return _valid(int(m.group(3)), month, int(m.group(2))) if month else None
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def strip_site(lines: list[str]) -> list[str]:
    """Drop boilerplate lines and everything from the footer lists on."""
    kept: list[str] = []
    for line in lines:
        if is_footer_start(line):
            break
        if not is_boilerplate(line):
            kept.append(line)
    return kept
