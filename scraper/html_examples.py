"""The Example section of an HTML page -> examples with the lines the user typed.

Each example is a ``# description`` followed by ``pre.screen`` blocks. Lines are kept as
shown, prompts included; the typed command of a line is the bold text after its
prompt (``[~HUAWEI-100GE1/0/1] <strong>port link-type trunk</strong>``), device output
is not bold. Notes and output-description tables of the section are not kept (a
warning says what was left out).
"""

from __future__ import annotations

import re

from lxml import etree
from vrpcmds_model.record import Example, Record, TypedCommand

from .html_tree import Line, Run, block_lines, classes, styled_lines, text_of
from .safety import inline_text, verbatim_line
from .sections import EXAMPLE

_PROMPT = re.compile(r"<[^<>]*>|\[[^\[\]]*\]")


def read_examples(content: list[etree._Element], command: Record) -> None:
    """Every example of the section, in order."""
    left_out: dict[str, int] = {}
    current: Example | None = None
    for line in block_lines(content, special=_special):
        if line.kind == "screen" and line.element is not None:
            if current is None:
                current = _new(command, "")
            _add_screen(current, line.element)
        elif line.kind:
            left_out[_what(line)] = left_out.get(_what(line), 0) + 1
        elif line.text.startswith("#") and line.text.strip("# "):
            current = _new(command, line.text.lstrip("#").strip())
        elif current is not None and not current.lines:
            current.description = f"{current.description} {line.text}".strip()
        else:
            left_out["paragraph"] = left_out.get("paragraph", 0) + 1
    if left_out:
        what = ", ".join(f"{n} {kind}{'s' if n > 1 else ''}" for kind, n in left_out.items())
        command.warn(EXAMPLE, "content-not-kept", f"not kept from the Example section: {what}")


def _special(node: etree._Element) -> str | None:
    """Screens are read apart; tables and notes are not examples."""
    tag = node.tag
    if tag == "pre":
        return "screen"
    if tag == "table" or "tableBorder" in classes(node):
        return "table"
    if "note" in classes(node):
        return "note"
    return None


def _what(line: Line) -> str:
    """How a left-out element is named in the warning (a table by its caption)."""
    if line.kind == "table" and line.element is not None:
        caption = next(line.element.iter("caption"), None)
        if caption is not None:
            return f"table ({text_of(caption)[:60]})"
    return line.kind


def _new(command: Record, description: str) -> Example:
    example = Example(description, [])
    command.examples.append(example)
    return example


def _add_screen(example: Example, pre: etree._Element) -> None:
    """The lines of one screen as shown, and the commands typed in it."""
    lines = styled_lines(pre)
    shown = [verbatim_line("".join(run.text for run in runs)) for runs in lines]
    first = next((i for i, text in enumerate(shown) if text.strip()), len(shown))
    last = max((i for i, text in enumerate(shown) if text.strip()), default=-1)
    if example.lines and first <= last:
        example.lines.append("")
    example.lines.extend(shown[first : last + 1])
    for runs in lines[first : last + 1]:
        typed = typed_command(runs)
        if typed is not None:
            example.commands.append(typed)


def typed_command(runs: list[Run]) -> TypedCommand | None:
    """The command of a line whose bold text follows a prompt (or starts the line)."""
    start = next((i for i, run in enumerate(runs) if run.bold and run.text.strip()), None)
    if start is None:
        return None
    prompt = inline_text("".join(run.text for run in runs[:start]))
    if prompt and not _PROMPT.fullmatch(prompt):
        return None
    typed = inline_text("".join(run.text for run in runs[start:]))
    return TypedCommand(prompt, typed) if typed else None
