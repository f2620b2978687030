"""The value constraint of each argument of a record, from its Parameters rows."""

from __future__ import annotations

import re
from collections.abc import Iterator

from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Sequence, arguments
from vrpcmds_runtime.values import Constraint

from .record import Parameter, Record

_CIPHER_TEXT = re.compile(r"cipher|encrypt", re.IGNORECASE)  # the value may be shown as cipher text
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
