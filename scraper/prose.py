"""Prose sections: Function split into its usual sentences, Usage Guidelines by sub-heading."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vrpcmds_model.record import UsageSection

from .paragraphs import Paragraph, wide_gap

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_UNDO = re.compile(r"^The\s+undo\s+\S.*?\s+command\b")
_DEFAULT = re.compile(r"^By default\b")

# In the order the manuals use them.
USAGE_HEADINGS = (
    "Usage Scenario",
    "Prerequisites",
    "Implementation Procedure",
    "Configuration Impact",
    "Follow-up Procedure",
    "Precautions",
)
# Content cues for a sub-heading the dump lost, most specific first; Precautions by default.
_HEADING_CUES = (
    (
        "Prerequisites",
        re.compile(
            r"\b(?:has|have) been (?:configured|enabled|created)|\bbefore (?:you )?run", re.IGNORECASE
        ),
    ),
    ("Configuration Impact", re.compile(r"\b(?:affects?|impact|interrupt\w*)\b", re.IGNORECASE)),
    ("Follow-up Procedure", re.compile(r"\b(?:then run|follow-up)\b", re.IGNORECASE)),
    (
        "Precautions",
        re.compile(r"\b(?:must|takes? effect|note that|caution|multiple times|overwrit\w*)\b", re.IGNORECASE),
    ),
)


@dataclass
class FunctionText:
    """The Function section split into its three usual parts."""

    function: list[str] = field(default_factory=list)
    undo_function: list[str] = field(default_factory=list)
    default: list[str] = field(default_factory=list)


def split_function(paragraphs: list[Paragraph]) -> tuple[str, str, str]:
    """``(function, undo_function, default)`` from the Function paragraphs.

    Each sentence goes to the part it opens ("The undo ... command", "By default");
    a following sentence of the same paragraph stays with it; other paragraphs (notes)
    join ``function``. Parts keep paragraphs apart with a blank line.
    """
    parts = FunctionText()
    for paragraph in paragraphs:
        bucket: list[str] | None = None
        for sentence in _SENTENCE_END.split(paragraph.text):
            target = _bucket_for(sentence, parts)
            if target is not None or bucket is None:
                bucket = target if target is not None else parts.function
                bucket.append(sentence)
            else:
                bucket[-1] += " " + sentence
    return _joined(parts.function), _joined(parts.undo_function), _joined(parts.default)


def _bucket_for(sentence: str, parts: FunctionText) -> list[str] | None:
    """The part a sentence opens, or None when it continues the current one."""
    if _UNDO.match(sentence):
        return parts.undo_function
    if _DEFAULT.match(sentence):
        return parts.default
    if not parts.function:
        return parts.function
    return None


def _joined(items: list[str]) -> str:
    return "\n\n".join(items)


@dataclass
class UsageResult:
    """Usage sections and the sub-headings inferred for text whose heading was lost."""

    sections: list[UsageSection]
    inferred: list[tuple[str, str, str]]  # (heading, first words of its text, cue)


def split_usage(paragraphs: list[Paragraph]) -> UsageResult:
    """Usage Guidelines paragraphs -> sections, one per sub-heading.

    A paragraph that is a known sub-heading opens a section. When the dump lost a
    sub-heading, its text still sits after a wider blank gap than the paragraphs of a
    section: after a real sub-heading, such a gap opens a section whose heading is
    inferred from its content, among the sub-headings that may follow the current one
    and appear nowhere else on the page (reported in ``inferred``). Without a fitting
    candidate the paragraph stays where it is.
    """
    wide = wide_gap(paragraphs)
    present = {h for h in map(_heading, paragraphs) if h is not None}
    sections: list[UsageSection] = []
    inferred: list[tuple[str, str, str]] = []
    for paragraph in paragraphs:
        heading = _heading(paragraph)
        if heading is not None:
            sections.append(UsageSection(heading, ""))
            continue
        guess = _lost_heading(paragraph, sections, present) if paragraph.gap >= wide else None
        if guess is None:
            _append(sections, paragraph.text)
        else:
            inferred.append((guess[0], paragraph.text[:60], guess[1]))
            sections.append(UsageSection(guess[0], paragraph.text))
            present.add(guess[0])
    return UsageResult([s for s in sections if s.text or s.heading], inferred)


def _lost_heading(
    paragraph: Paragraph, sections: list[UsageSection], present: set[str]
) -> tuple[str, str] | None:
    """The sub-heading a paragraph after a wide gap lost, with its cue, or None."""
    if not sections or not sections[-1].heading or not sections[-1].text:
        return None
    after = USAGE_HEADINGS[USAGE_HEADINGS.index(sections[-1].heading) + 1 :]
    candidates = [h for h in after if h not in present]
    return guess_heading(paragraph.text, candidates)


def _heading(paragraph: Paragraph) -> str | None:
    """The sub-heading a one-line paragraph names, or None."""
    text = paragraph.text.rstrip(":").strip().lower()
    return next((h for h in USAGE_HEADINGS if h.lower() == text), None)


def _append(sections: list[UsageSection], text: str) -> None:
    """Add a paragraph to the last section (or to a first, unheaded one)."""
    if not sections:
        sections.append(UsageSection("", text))
    elif sections[-1].text:
        sections[-1].text += "\n\n" + text
    else:
        sections[-1].text = text


def guess_heading(text: str, candidates: list[str]) -> tuple[str, str] | None:
    """Which candidate sub-heading ``text`` most likely had, and the cue words, or None.

    Cues are checked most specific first; Precautions, the usual last sub-heading, is
    taken without a cue when it is a candidate.
    """
    for heading, cue in _HEADING_CUES:
        match = cue.search(text)
        if match and heading in candidates:
            return heading, match.group(0)
    return ("Precautions", "") if "Precautions" in candidates else None
