"""Find the title and the sections of a text dump (PAGE-FORMATS.md, section 2).

Two variants:

* **headed**: the section headings (Function, Format, Parameters, Views, Default
  Level, Usage Guidelines, Example) are on lines of their own; a section is what lies
  between its heading and the next.
* **headless**: the headings are gone (a stray one may survive); sections are found by
  their content: syntax lines start with the command name or ``undo`` + name, a view
  line ends in "view", the level line reads ``N: ... level``, an example starts with
  ``# description`` followed by a prompt line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from vrpcmds_model.record import Section

from .marks import is_applicability_line, plain_words

FUNCTION: Final = "Function"
FORMAT: Final = "Format"
PARAMETERS: Final = "Parameters"
VIEWS: Final = "Views"
LEVEL: Final = "Default Level"
USAGE: Final = "Usage Guidelines"
EXAMPLE: Final = "Example"
RELATED: Final = "Related Topics"
_HEADINGS: dict[str, Section] = {
    "function": FUNCTION,
    "format": FORMAT,
    "parameters": PARAMETERS,
    "parameter": PARAMETERS,
    "views": VIEWS,
    "view": VIEWS,
    "default level": LEVEL,
    "usage guidelines": USAGE,
    "example": EXAMPLE,
    "examples": EXAMPLE,
    "related topics": RELATED,
}
_FUNCTION_SENTENCE = re.compile(r"^(?:The\s+(?:undo\s+)?\S.*?\s+command\b|This command\b)")
_NAMED_SENTENCE = re.compile(r"^The\s+(?P<name>\S.*?)\s+command\s+(?:is|can|\w+s)\b")
# "the <name> command" anywhere in a sentence; a name is syntax words and brackets only.
_SENTENCE_NAME = re.compile(r"\b[Tt]he (?P<name>[a-z][\w./-]*(?: [\w./{}\[\]|-]+)*?) command\b")
_LEVEL = re.compile(r"^(?P<number>\d+)\s*:\s*(?P<name>\S.*\blevel)\s*$", re.IGNORECASE)
_PROMPT = re.compile(r"^\s*(?:<[^<>\s]+>|\[[^\[\]\s]+\])")
_QUALIFIERS = re.compile(r"(?:\s*\([^()]*\))+\s*$")


@dataclass
class PageText:
    """A dump cut into its title and section bodies (lines, blank lines kept)."""

    title: str
    headed: bool
    title_from_function: bool = False  # no title line: the name was read from the Function sentence
    sections: dict[Section, list[str]] = field(default_factory=dict)

    def body(self, section: Section) -> list[str]:
        return self.sections.get(section, [])


def heading_of(line: str) -> Section | None:
    """The section a heading line opens, or None when the line is not a heading.

    Headings are capitalised: a Parameter cell ``format`` or ``view`` is not one.
    """
    text = line.strip().rstrip(":").strip()
    return _HEADINGS.get(text.lower()) if text[:1].isupper() else None


def command_name(title: str) -> str:
    """The command identity: the title without trailing ``(...)`` qualifiers."""
    return _QUALIFIERS.sub("", title).strip()


def name_in_function_sentence(line: str) -> str:
    """The command a Function sentence names (``The ike heartbeat command sets ...`` ->
    ``ike heartbeat``), or '' when the line is not such a sentence.

    The name runs from after ``The`` to before the first ``command``; a name holding a
    sentence mark or no syntax word is not taken.
    """
    match = _NAMED_SENTENCE.match(line.strip())
    if match is None:
        return ""
    name = match.group("name").strip()
    return name if plain_words(name) and not re.search(r"[.,;:]\s", name + " ") else ""


def is_level_line(line: str) -> re.Match[str] | None:
    """``2: Configuration level`` -> a match with ``number`` and ``name``."""
    return _LEVEL.match(line.strip())


def is_view_line(line: str) -> bool:
    """A line listing views: every comma-separated item ends in "view" or "views"."""
    text = line.strip().rstrip(",").strip()
    if not text or text.endswith("."):
        return False
    items = [item.strip() for item in text.split(",")]
    return all(item and len(item) < 80 and re.search(r"\bviews?$", item, re.IGNORECASE) for item in items)


def is_view_label(line: str) -> str:
    """The view a Format label names (``Manual IPSec policy view:`` -> ``Manual IPSec
    policy view``): the forms after it are those of that view. '' for other lines."""
    text = line.strip()
    return text[:-1].strip() if text.endswith(":") and is_view_line(text[:-1]) else ""


def is_prompt_line(line: str) -> bool:
    """A line of an example starting with a device prompt (``<HUAWEI>``, ``[~HUAWEI-bgp]``)."""
    return bool(_PROMPT.match(line))


def leading_words(name: str) -> list[str]:
    """The command's own keywords: the words of its name before any bracket.

    ``display radius-server { dead-count | dead-interval }`` -> ``display radius-server``.
    """
    return plain_words(re.split(r"[{\[]", name, maxsplit=1)[0])


def is_syntax_line(line: str, name_words: list[str]) -> bool:
    """A line starting with the command name (or ``undo`` + name) holding all its words."""
    text = line.strip()
    if not text or text.endswith(".") or not name_words:
        return False
    words = plain_words(text)
    if words[:1] == ["undo"] and name_words[0] != "undo":
        words = words[1:]
    return bool(words) and words[0] == name_words[0] and _in_order(name_words, words)


def _in_order(needles: list[str], words: list[str]) -> bool:
    """Whether ``needles`` appear in ``words`` in the same order (gaps allowed)."""
    rest = iter(words)
    return all(any(w == n for w in rest) for n in needles)


def locate(lines: list[str]) -> PageText:
    """Title and sections of a cleaned dump (boilerplate and metadata already removed)."""
    headings = _heading_positions(lines)
    if FORMAT in headings and len(headings) >= 3:
        return _headed(lines, headings)
    return _headless(lines)


def _heading_positions(lines: list[str]) -> dict[Section, int]:
    """First line index of each section heading present on a line of its own."""
    found: dict[Section, int] = {}
    for i, line in enumerate(lines):
        section = heading_of(line)
        if section is not None:
            found.setdefault(section, i)
    return found


def _headed(lines: list[str], headings: dict[Section, int]) -> PageText:
    """Sections of a headed dump: from each heading to the next."""
    first = min(headings.values())
    page = PageText(_last_nonblank(lines, first), headed=True)
    marks = sorted((i, s) for s, i in headings.items())
    ends = [i for i, _ in marks[1:]] + [len(lines)]
    for (start, section), end in zip(marks, ends):
        page.sections[section] = lines[start + 1 : end]
    return page


def _last_nonblank(lines: list[str], before: int) -> str:
    """The last non-blank line before index ``before`` (stripped), or ''."""
    for line in reversed(lines[:before]):
        if line.strip():
            return line.strip()
    return ""


def _headless(lines: list[str]) -> PageText:
    """Sections of a headless dump, recognised by their content.

    Surviving heading lines are dropped; a surviving Related Topics heading ends the page.
    """
    related = next((i for i, line in enumerate(lines) if heading_of(line) == RELATED), len(lines))
    body = [line for line in lines[:related] if heading_of(line) is None]
    first = next((i for i, line in enumerate(body) if line.strip()), 0)
    named = name_in_function_sentence(body[first]) if body else ""
    if named:  # a readability extract: no title, the Function sentence comes first
        page = PageText(named, headed=False, title_from_function=True)
        title_at = first - 1
    else:
        title_at = _title_index(body)
        page = PageText(body[title_at].strip() if body else "", headed=False)
    bounds = _content_bounds(body, title_at, leading_words(command_name(page.title)))
    if FORMAT not in bounds:
        page, bounds = _named_by_a_sentence(body, first, page, bounds)
    for section, (start, end) in bounds.items():
        page.sections[section] = body[start:end]
    return page


def _named_by_a_sentence(
    body: list[str], first: int, page: PageText, bounds: dict[Section, tuple[int, int]]
) -> tuple[PageText, dict[Section, tuple[int, int]]]:
    """When no syntax line starts with the title's words (no title, or a stray line taken
    for it), the first command named by a sentence of the page (``... the arp learning
    strict command ...``) whose syntax lines follow; else the page as it was."""
    for match in _SENTENCE_NAME.finditer("\n".join(body)):
        name = match.group("name")
        if not plain_words(name) or name == page.title:
            continue
        found = _content_bounds(body, first - 1, leading_words(name))
        if FORMAT in found:
            return PageText(name, headed=False, title_from_function=True), found
    return page, bounds


def _title_index(lines: list[str]) -> int:
    """The title: the last line before the first Function sentence.

    Blank lines, sentences and qualifiers ending in a colon (``For the CE6866 and
    CE8851K:``) are skipped.
    """
    for i, line in enumerate(lines):
        if _FUNCTION_SENTENCE.match(line.strip()):
            for j in range(i - 1, -1, -1):
                if lines[j].strip() and not lines[j].strip().endswith((":", ".")):
                    return j
    return next((i for i, line in enumerate(lines) if line.strip()), 0)


def _content_bounds(lines: list[str], title_at: int, name: list[str]) -> dict[Section, tuple[int, int]]:
    """Start and end line of each section of a headless dump, found by content."""
    end = len(lines)
    fmt = _find(lines, title_at + 1, end, lambda s: is_syntax_line(s, name))
    if fmt is None:
        return {FUNCTION: (title_at + 1, end)}
    fmt = _label_start(lines, fmt, title_at + 1)
    params = _syntax_block_end(lines, fmt, name)
    level = _find(lines, params, end, lambda s: bool(is_level_line(s)))
    views = _views_start(lines, params, level if level is not None else end)
    usage = level + 1 if level is not None else _after_views(lines, views, end)
    example = _example_start(lines, usage if usage is not None else params, end)
    cut = [x for x in (views, level, usage, example) if x is not None] + [end]
    bounds: dict[Section, tuple[int, int]] = {
        FUNCTION: (title_at + 1, fmt),
        FORMAT: (fmt, params),
        PARAMETERS: (params, min(cut)),
    }
    if views is not None:
        bounds[VIEWS] = (views, level if level is not None else _after_views(lines, views, end) or end)
    if level is not None:
        bounds[LEVEL] = (level, level + 1)
    if usage is not None:
        bounds[USAGE] = (usage, example if example is not None else end)
    if example is not None:
        bounds[EXAMPLE] = (example, end)
    return bounds


def _label_start(lines: list[str], fmt: int, floor: int) -> int:
    """The Format block starts at the view label of its first forms, if one stands just
    before them (blank lines between allowed)."""
    before = _previous_nonblank(lines, floor, fmt)
    return before if before is not None and is_view_label(lines[before]) else fmt


def _find(lines: list[str], start: int, end: int, test: Callable[[str], bool]) -> int | None:
    """Index of the first line in ``lines[start:end]`` passing ``test``."""
    return next((i for i in range(start, end) if test(lines[i])), None)


def _syntax_block_end(lines: list[str], start: int, name: list[str]) -> int:
    """The first line after the Format block of a headless dump.

    The block holds syntax lines, ``#`` comments, applicability lines and blanks; a
    related form that lacks some of the title's words (``bpdu bridge disable`` on the
    ``bpdu bridge enable`` page) belongs to it when no wide gap comes before it.
    """
    i, gap = start, 0
    while i < len(lines):
        text = lines[i].strip()
        if not text:
            gap += 1
        elif (
            is_syntax_line(text, name)
            or text.startswith("#")
            or is_applicability_line(text)
            or is_view_label(text)
            or gap <= 1
            and _related_form(text, name)
        ):
            gap = 0
        else:
            break
        i += 1
    return i


def _related_form(text: str, name: list[str]) -> bool:
    """A syntax-looking line starting with the command's first word (or ``undo`` + it)."""
    if text.endswith(".") or ":" in text:
        return False
    return is_syntax_line(text, name[:1])


def _views_start(lines: list[str], start: int, level: int) -> int | None:
    """The block of view lines just before the level line (or the first view line).

    A view name that does not end in "view" (``ETS view of the DCB``) is still taken
    when it is the one line right before the level line and names a view.
    """
    first = None
    for i in range(level - 1, start - 1, -1):
        if is_view_line(lines[i]):
            first = i
        elif lines[i].strip():
            break
    if first is None and level < len(lines):
        before = _previous_nonblank(lines, start, level)
        if before is not None and re.search(r"\bviews?\b", lines[before], re.IGNORECASE):
            first = before if not lines[before].strip().endswith(".") else None
    if first is None and level == len(lines):
        first = _find(lines, start, level, is_view_line)
    return first


def _previous_nonblank(lines: list[str], start: int, end: int) -> int | None:
    """Index of the last non-blank line in ``lines[start:end]``."""
    return next((i for i in range(end - 1, start - 1, -1) if lines[i].strip()), None)


def _after_views(lines: list[str], views: int | None, end: int) -> int | None:
    """The first line after a block of view lines."""
    if views is None:
        return None
    i = views
    while i < end and (is_view_line(lines[i]) or not lines[i].strip()):
        i += 1
    return i


def _example_start(lines: list[str], start: int, end: int) -> int | None:
    """The first ``# description`` line followed, within three lines, by a prompt."""
    for i in range(start, end):
        if lines[i].strip().startswith("#") and lines[i].strip("# \t"):
            following = [s for s in lines[i + 1 : end] if s.strip()][:3]
            if any(is_prompt_line(s) for s in following):
                return i
    return None
