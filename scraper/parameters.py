"""Raw Parameters rows -> model Parameters, and what the table says about each word.

The table is the evidence for keyword/argument inference on plain text
(PAGE-FORMATS.md, "Inference for text"): a word given a value is an argument; a word
given ``-``, an enumeration alternative, or a title word is a keyword. Rows whose name
the dump lost get it back from the syntax when the evidence allows, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Final

from vrpcmds_model.record import Parameter, Record, Value
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Choice, Keyword, Node, Sequence, walk

from .marks import ARGUMENT, KEYWORD, PROSE_VALUE, Hint, infer_marks, plain_tokens, plain_words
from .tables import RawRow, Table
from .values import parse_value, union_note

SECTION: Final = "Parameters"
_ALTERNATIVE = re.compile(r"^([\w.-]+)\s*:\s")


@dataclass
class Knowledge:
    """What the Parameters table shows about the words of the syntax.

    ``arguments``: given a typed value; ``keywords``: given ``-`` or listed as an
    enumeration alternative; ``likely_arguments``: guesses with their reason: a value
    described only in prose (an argument most of the time, a guess all the same), or
    evidence from the page's other forms or the manual's other pages.
    """

    arguments: set[str] = field(default_factory=set)
    keywords: set[str] = field(default_factory=set)
    likely_arguments: dict[str, Hint] = field(default_factory=dict)


# --- lost names ----------------------------------------------------------------------


def recover_names(rows: list[RawRow], syntax_words: list[str], leading: list[str], command: Record) -> None:
    """Name the rows that lost their Parameter cell from the syntax words no row covers.

    A row takes the one uncovered word its description names (``spi-list`` for "...
    the SPI list"), else the next uncovered word when there are as many of them as
    nameless rows. A row that cannot be named is dropped. Each case is a warning.
    """
    covered = {w for row in rows if row.name for w in plain_words(row.name)}
    skip = set(leading) | {"undo"}
    uncovered = [w for w in syntax_words if w not in covered and w not in skip]
    nameless = [row for row in rows if row.name is None]
    for row in nameless:
        word, how = _pick_name(row, uncovered, len(nameless))
        if word is None:
            command.warn(
                SECTION,
                "parameter-dropped",
                f"a row lost its Parameter cell and no syntax word fits it; dropped the row ({_quote(row)})",
            )
            rows.remove(row)
        else:
            row.name, row.recovered = word, True
            uncovered.remove(word)
            command.warn(
                SECTION,
                "parameter-name-recovered",
                f"a row lost its Parameter cell ({_quote(row)}); named it {word}, {how}",
            )
        nameless = [r for r in nameless if r.name is None and r is not row]


def _pick_name(row: RawRow, uncovered: list[str], nameless: int) -> tuple[str | None, str]:
    """The syntax word a nameless row most likely documents, and why."""
    named = [w for w in uncovered if _described_by(w, " ".join(row.description))]
    only = len(uncovered) == 1
    if len(named) == 1:
        why = "the only syntax word no named row covers" if only else "the uncovered syntax word"
        return named[0], f"{why}, which its description names"
    if uncovered and len(uncovered) == nameless:
        why = (
            "the only syntax word no named row covers" if only else "the next syntax word no named row covers"
        )
        return uncovered[0], why
    return None, ""


def _described_by(word: str, description: str) -> bool:
    """Whether every part of ``word`` (split on - and _) is a word of the description."""
    parts = [p for p in re.split(r"[-_]", word.lower()) if p]
    words = set(re.findall(r"[a-z0-9]+", description.lower()))
    return bool(parts) and all(p in words for p in parts)


def _quote(row: RawRow) -> str:
    text = " ".join(row.description)
    return f"description: {text[:80]!r}" if text else "no description"


# --- evidence for inference -----------------------------------------------------------


def knowledge(rows: list[RawRow], vocabulary: Collection[str]) -> Knowledge:
    """What the table says about each word; recovered rows say nothing.

    The title's words are not added: after the command's leading keywords, a title word
    the table gives a value is an argument (``mac-address ... exclude mac-address``).
    """
    know = Knowledge()
    for row in rows:
        if row.name and not row.recovered:
            _learn(row, row.name, set(vocabulary), know)
    return know


def add_pairs(know: Knowledge, paired: set[str]) -> None:
    """Words a Format line writes twice in a row (``interval interval``) are keyword and
    argument; written alone elsewhere they are the keyword: so say the table's evidence
    when it gives them a value, else a guess with its reason."""
    know.keywords |= paired & know.arguments
    for word in paired - know.arguments - know.keywords:
        know.likely_arguments.setdefault(word, Hint(KEYWORD, _PAIRED))


_PAIRED = (
    "absent from the Parameters table; written twice in a row in another form "
    "(keyword, then its argument), alone here the keyword"
)


def _learn(row: RawRow, name: str, vocabulary: set[str], know: Knowledge) -> None:
    """Add one row's evidence to ``know``.

    ``-`` makes every word of the cell a keyword; a typed value makes the last word
    outside brackets the argument and the words before it keywords (``interval
    interval``); prose makes that word a likely argument; an enumeration whose choices
    are syntax words makes the choices and the outer words keywords
    (``transport-type { tftp | ftp }``). Description items ``new: ...`` name
    enumeration alternatives, keywords too.
    """
    words, outer = plain_words(name), _top_level_words(name)
    know.keywords |= {m.group(1) for item in row.description if (m := _ALTERNATIVE.match(item))} & set(words)
    if row.value is None or not row.value.strip():
        return
    value = parse_value(row.value)
    choices = set(value.choices or [])
    if value.type == "none":
        know.keywords |= set(words)
    elif choices and choices <= vocabulary:
        know.keywords |= set(outer) | choices
    elif outer:
        if value.type == "text":
            know.likely_arguments[outer[-1]] = Hint(ARGUMENT, PROSE_VALUE)
        else:
            know.arguments.add(outer[-1])
        know.keywords |= set(outer[:-1])


def _top_level_words(text: str) -> list[str]:
    """Words of a Parameter cell outside any bracket group."""
    depth, out = 0, []
    for token, _ in plain_tokens(text):
        depth += {"{": 1, "[": 1, "}": -1, "]": -1}.get(token, 0)
        if depth == 0 and plain_words(token):
            out.append(token)
    return out


# --- model parameters ---------------------------------------------------------------------


def build_parameters(rows: list[RawRow], know: Knowledge, table: Table, command: Record) -> list[Parameter]:
    """Model parameters: names in canonical marked form, values typed."""
    if rows and not table.value_column:
        command.warn(
            SECTION,
            "value-column-missing",
            "the dump has no Value column; value types "
            "inferred from the parameter names (keyword alternatives: enum, keyword: none)",
        )
    return [_parameter(row, know, table, command) for row in rows if row.name]


def _parameter(row: RawRow, know: Knowledge, table: Table, command: Record) -> Parameter:
    """One model parameter from a named raw row."""
    name = _marked_name(str(row.name), know, command)
    description = "\n".join(row.description)
    if row.value is not None:
        return Parameter(name, description, _typed(row.value, name, command))
    if table.value_column:
        command.warn(
            SECTION, "value-missing", f"{name}: the row has no Value cell; type inferred from its name"
        )
    return Parameter(name, description, value_from_name(name))


def _marked_name(text: str, know: Knowledge, command: Record) -> str:
    """A Parameter cell in canonical marked form (kept as written when it cannot be read)."""
    try:
        return infer_marks(text, know.arguments, know.keywords, likely_arguments=know.likely_arguments)[0]
    except NotationError as exc:
        command.warn(SECTION, "parameter-name-unreadable", f"{text!r}: {exc}; kept as written")
        return text


def _typed(text: str, name: str, command: Record) -> Value:
    """A Value cell typed by the value parser; prose it cannot type, or a union of ranges, is a warning."""
    value = parse_value(text)
    if value.type == "text" and value.text:
        command.warn(SECTION, "value-untyped", f"{name}: value kept as text: {value.text[:80]!r}")
    elif note := union_note(value):
        command.warn(SECTION, note[0], f"{name}: {note[1]}: {value.text[:80]!r}")
    return value


def value_from_name(name: str) -> Value:
    """Without a Value cell: keyword alternatives -> enum, keywords only -> none, else text."""
    try:
        tree = parse_form(name)
    except NotationError:
        return Value(type="text", text="")
    choices = _keyword_choices(tree)
    if choices:
        return Value(type="enum", text="", choices=choices)
    if all(isinstance(n, (Keyword, Sequence, Choice)) for n in walk(tree)):
        return Value(type="none", text="")
    return Value(type="text", text="")


def _keyword_choices(tree: Node) -> list[str]:
    """Alternatives of the first group whose alternatives are all single keywords."""
    for node in walk(tree):
        if isinstance(node, Choice) and all(
            len(alt.items) == 1 and isinstance(alt.items[0], Keyword) for alt in node.alternatives
        ):
            return [alt.items[0].text for alt in node.alternatives if isinstance(alt.items[0], Keyword)]
    return []
