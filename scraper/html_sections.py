"""Find the title, the metadata and the sections of an HTML command page, in one pass.

HedEx topics put each section in a ``div`` with a known class and an ``h2.sectiontitle``
(PAGE-FORMATS.md, section 1). Other manuals use other classes or none, so a section is
located by its class first and, failing that, by its heading text (``Format``,
``Parameters``...): then its content is what follows the heading up to the next heading.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree
from vrpcmds_model.record import Section

from .html_tree import classes, text_of
from .sections import EXAMPLE, FORMAT, FUNCTION, LEVEL, PARAMETERS, RELATED, USAGE, VIEWS, heading_of

SECTION_CLASSES: dict[str, Section] = {
    "clifunc": FUNCTION,
    "cliformat": FORMAT,
    "cliparam": PARAMETERS,
    "cliview": VIEWS,
    "clidefaultlevel": LEVEL,
    "clidesc": USAGE,
    "cliexample": EXAMPLE,
    "relinfo": RELATED,
}
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_ANCHOR_TAGS = frozenset({"a"})
# Everything the pass looks at, in document order (one XPath evaluation, in C); section
# classes are told apart in Python.
_SCAN = etree.XPath(
    "//meta[@name] | //title | //h1 | //h2 | //h3 | //h4 | //h5 | //h6"
    " | //div[starts-with(@class, 'cli') or contains(@class, 'relinfo')] | //section[@class]"
    " | //*[contains(@class, 'sectiontitle')]"
)


@dataclass
class PageTree:
    """What one pass over a page found: metadata, title candidates and section contents."""

    metas: dict[str, list[str]] = field(default_factory=dict)
    h1: list[etree._Element] = field(default_factory=list)
    title_element: etree._Element | None = None
    sections: dict[Section, list[etree._Element]] = field(default_factory=dict)

    def meta(self, name: str) -> str | None:
        """The first non-empty value of a meta (name compared case-insensitively)."""
        return next((v for v in self.metas.get(name.lower(), []) if v), None)

    def meta_values(self, name: str) -> list[str]:
        """Every distinct non-empty value of a meta, in page order."""
        return list(dict.fromkeys(v for v in self.metas.get(name.lower(), []) if v))

    def title(self) -> str:
        """``h1.topicTitle-h1``, else the first ``h1``, else ``<title>``."""
        for h1 in self.h1:
            if "topicTitle-h1" in classes(h1):
                return text_of(h1)
        if self.h1:
            return text_of(self.h1[0])
        return text_of(self.title_element) if self.title_element is not None else ""


def read_page(root: etree._Element) -> PageTree:
    """Metadata, title and sections of a page: sections by class, then by heading text."""
    page = PageTree()
    headings: list[tuple[Section, etree._Element]] = []
    for element in _SCAN(root):
        tag = element.tag
        if tag == "meta":
            _take_meta(element, page)
        elif tag == "h1":
            page.h1.append(element)
        elif tag == "title":
            page.title_element = page.title_element if page.title_element is not None else element
        else:
            _take_section(element, tag, page, headings)
    for section, heading in headings:
        page.sections.setdefault(section, _after_heading(heading))
    return page


def _take_meta(element: etree._Element, page: PageTree) -> None:
    name = element.get("name")
    if name:
        page.metas.setdefault(name.strip().lower(), []).append((element.get("content") or "").strip())


def _take_section(
    element: etree._Element, tag: str, page: PageTree, headings: list[tuple[Section, etree._Element]]
) -> None:
    """Record a section container (by class) or a section heading (by text)."""
    names = classes(element)
    if tag in ("div", "section"):
        for name in names:
            section = SECTION_CLASSES.get(name)
            if section is not None and section not in page.sections:
                page.sections[section] = _section_content(element)
                return
    if tag in _HEADING_TAGS or "sectiontitle" in names:
        section = heading_of(text_of(element))
        if section is not None:
            headings.append((section, element))


def _is_heading(element: etree._Element) -> bool:
    tag = element.tag
    return isinstance(tag, str) and (tag in _HEADING_TAGS or "sectiontitle" in classes(element))


def _section_content(container: etree._Element) -> list[etree._Element]:
    """The children of a section container without its heading and anchors."""
    return [
        c for c in container if isinstance(c.tag, str) and not _is_heading(c) and c.tag not in _ANCHOR_TAGS
    ]


def _after_heading(heading: etree._Element) -> list[etree._Element]:
    """What follows a heading up to the next heading: its own section's content."""
    content: list[etree._Element] = []
    for sibling in heading.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _is_heading(sibling) or sibling.tag == "h1":
            break
        content.append(sibling)
    return content
