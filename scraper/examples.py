"""The Example section of a text dump -> examples (description and lines as shown)."""

from __future__ import annotations

from vrpcmds_model.record import Example

from .paragraphs import Paragraph
from .sections import is_prompt_line


def split_examples(paragraphs: list[Paragraph]) -> list[Example]:
    """One example per ``# description`` line, with the lines that follow it.

    A line of only ``#`` is a configuration separator inside device output, not a new
    example. Lines keep their prompts; paragraphs inside one example are kept apart by
    one empty line. Lines before any description form an example without one; lines
    between a description and its first prompt continue the description.
    """
    examples: list[Example] = []
    for paragraph in paragraphs:
        for index, line in enumerate(paragraph.lines):
            if _is_description(line):
                examples.append(Example(line.strip().lstrip("#").strip(), []))
                continue
            if not examples:
                examples.append(Example("", []))
            current = examples[-1]
            if current.description and not current.lines and not is_prompt_line(line):
                current.description += " " + line.strip()
                continue
            if current.lines and index == 0:
                current.lines.append("")
            current.lines.append(line.rstrip())
    return examples


def _is_description(line: str) -> bool:
    """``# Configure ...``: a ``#`` followed by words."""
    text = line.strip()
    return text.startswith("#") and bool(text.lstrip("#").strip())
