"""The value constraint of each argument of a record, from its Parameters rows."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace

from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence, arguments
from vrpcmds_runtime.values import Constraint

from .record import Parameter, Record

_CIPHER_KEYWORD = re.compile(r"cipher|password|key", re.IGNORECASE)  # a keyword that introduces a secret
_CIPHER_TEXT = re.compile(r"cipher|encrypt", re.IGNORECASE)  # the value may be shown as cipher text
# The documentation allows characters beyond ASCII ("Chinese characters supported",
# "characters other than ASCII codes", "Multiple languages are supported").
_BEYOND_ASCII = re.compile(
    r"chinese characters|other than ascii|non-ascii|unicode|multiple languages are supported", re.IGNORECASE
)
_TYPED = ("integer", "string", "ipv4", "ipv6", "mac", "enum")


def constraint_of(row: Parameter | None) -> Constraint:
    """The runtime constraint of a parameter row's typed value (``text`` when untyped)."""
    if row is None:
        return Constraint()
    v = row.value
    return Constraint(
        type=v.type if v.type in _TYPED else "text",
        min=v.min,
        max=v.max,
        min_length=v.min_length,
        max_length=v.max_length,
        choices=tuple(v.choices or ()),
        spaces=bool(v.spaces),
        forbidden=v.forbidden or "",
        cipher=v.type in ("string", "text") and _CIPHER_TEXT.search(f"{row.description} {v.text}") is not None,
        unicode=v.type in ("string", "text") and _BEYOND_ASCII.search(f"{row.description} {v.text}") is not None,
    )


def row_trees(record: Record) -> Iterator[tuple[Parameter, Sequence]]:
    """Each Parameters row with its name parsed as marked syntax (rows that do not parse are left out)."""
    for row in record.parameters:
        try:
            yield row, parse_form(row.name)
        except NotationError:
            continue


def argument_rows(record: Record) -> dict[str, Parameter]:
    """The Parameters row that describes each argument name (the first row naming it)."""
    rows: dict[str, Parameter] = {}
    for row, tree in row_trees(record):
        for name in arguments(tree):
            rows.setdefault(name, row)
    return rows


def argument_constraints(record: Record) -> dict[str, Constraint]:
    """Argument name -> constraint, for every argument a Parameters row describes."""
    return {name: constraint_of(row) for name, row in argument_rows(record).items()}


def form_constraints(rows: Mapping[str, Parameter], trees: list[Sequence]) -> dict[str, Constraint]:
    """The constraint of each argument as the forms use it (the compiled grammar and the
    bindings apply the same ones):

    - a string a keyword naming a cipher, password or key introduces (``cipher <password>``)
      may also be written as cipher text;
    - an integer the forms follow with a choice of unit keywords (``<value> [ bytes |
      kbytes ]``), whose row states its range in one unit, is an integer without bounds:
      the documented range holds for that unit only.
    """
    introduced = _introduced(trees, lambda before: _CIPHER_KEYWORD.search(before.text) is not None)
    with_units = _before_unit_choice(trees)
    out: dict[str, Constraint] = {}
    for name, row in rows.items():
        c = constraint_of(row)
        if c.type in ("string", "text") and name in introduced:
            c = replace(c, cipher=True)
        if c.type == "integer" and name in with_units and row.value.unit:
            c = replace(c, min=None, max=None)
        out[name] = c
    return out


def _sequences(trees: list[Sequence]) -> Iterator[Sequence]:
    stack: list[Node] = list(trees)
    while stack:
        node = stack.pop()
        if isinstance(node, Sequence):
            yield node
            stack.extend(node.items)
        elif isinstance(node, Choice):
            stack.extend(node.alternatives)
        elif isinstance(node, Repeat):
            stack.append(node.item)


def _introduced(trees: list[Sequence], keyword: Callable[[Keyword], bool]) -> set[str]:
    """Arguments written right after a keyword that ``keyword`` accepts."""
    return {
        item.name
        for seq in _sequences(trees)
        for before, item in zip(seq.items, seq.items[1:])
        if isinstance(before, Keyword) and isinstance(item, Argument) and keyword(before)
    }


def _before_unit_choice(trees: list[Sequence]) -> set[str]:
    """Arguments followed by a group of single keywords (a choice of units)."""
    return {
        item.name
        for seq in _sequences(trees)
        for item, after in zip(seq.items, seq.items[1:])
        if isinstance(item, Argument)
        and isinstance(after, Choice)
        and all(len(a.items) == 1 and isinstance(a.items[0], Keyword) for a in after.alternatives)
    }
