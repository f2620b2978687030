"""Lines of a text dump -> paragraphs, remembering the blank gap before each.

In dumps the size of a blank gap carries structure a browser drew with margins: a
table cell or a lost sub-heading shows as a wider gap than between two paragraphs of
one block. Each :class:`Paragraph` keeps its lines and the number of blank lines
before it, so that later rules can tell the two apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

BULLETS = "\u2022\u25cf\u25e6\u25aa\u2023\u2043\u00b7"
_DASH_BULLET = re.compile(r"^-\s+(?=\S)")


@dataclass
class Paragraph:
    """Consecutive non-blank lines (right-stripped) and the blank lines before them."""

    lines: list[str]
    gap: int = 0

    @property
    def text(self) -> str:
        """The lines joined by single spaces, bullets and outer spaces removed."""
        return " ".join(unbullet(line) for line in self.lines)

    @property
    def first(self) -> str:
        return self.lines[0].strip()


def split_paragraphs(lines: Iterable[str]) -> list[Paragraph]:
    """Group lines into paragraphs; ``gap`` counts the blank lines before each."""
    paragraphs: list[Paragraph] = []
    gap = 0
    current: list[str] = []
    for raw in lines:
        line = raw.rstrip()
        if line.strip():
            current.append(line)
            continue
        if current:
            paragraphs.append(Paragraph(current, gap))
            current, gap = [], 0
        gap += 1
    if current:
        paragraphs.append(Paragraph(current, gap))
    return paragraphs


def unbullet(line: str) -> str:
    """A line without its list bullet (a bullet character, or ``- `` before text) and outer
    whitespace; a lone ``-`` (no value) stays."""
    return _DASH_BULLET.sub("", line.strip().lstrip(BULLETS).strip())


def is_bullet(line: str) -> bool:
    """Whether a line is a list item drawn with a bullet character."""
    return line.strip()[:1] in BULLETS if line.strip() else False


def wide_gap(paragraphs: list[Paragraph]) -> int:
    """The smallest gap that counts as wide: more than the usual gap inside the block.

    The usual gap is the smallest gap between paragraphs (the first paragraph's gap is
    the block's own margin and is ignored); a block whose paragraphs are all equally
    spaced has no wide gap (returns a number no gap reaches).
    """
    inner = [p.gap for p in paragraphs[1:]]
    if not inner or min(inner) == max(inner):
        return 1_000_000
    return min(inner) + 1
