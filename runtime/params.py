"""What a generated class declares (forms, parameters) and the checks of the values given.

A generated class only declares data: its forms (syntax lines with the views and models
they apply to), its undo forms and its parameters. Each parameter names the slot it fills
in a form (its ``label``, see :mod:`vrpcmds_runtime.slots`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, NamedTuple

from .notation import parse_form
from .slots import LabelledForm, label_form
from .tree import Sequence
from .values import Constraint, check_number, check_value, read_int

ParamKind = Literal["value", "list", "choice", "flag", "group", "clause"]

class Level(NamedTuple):
    """Default command level: ``Level(2, "Configuration level")``."""

    number: int
    name: str


@dataclass(frozen=True)
class Form:
    """One documented syntax line, with the views and models it applies to.

    ``clauses``: the keywords whose groups the class takes as one text argument each
    (see :mod:`vrpcmds_runtime.slots`).
    """

    syntax: str
    views: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    clauses: tuple[str, ...] = ()

    @property
    def tree(self) -> Sequence:
        return _tree(self.syntax)

    @property
    def labelled(self) -> LabelledForm:
        return label_form(_tree(self.syntax), frozenset(self.clauses))


@cache
def _tree(syntax: str) -> Sequence:
    return parse_form(syntax)


@dataclass(frozen=True)
class Param:
    """One keyword argument of a generated class and the slot it fills in the forms.

    ``kind`` is the slot kind (``value``, ``list``, ``choice``, ``flag``, ``group``) and
    ``label`` the slot label. ``arg``: the argument it takes values for; ``choices``: a
    choice's keywords; ``keyword``: the keywords a flag writes; ``items``: the fields of
    one repetition of a group, or the arguments of a clause (the words written after a
    keyword, checked against its group when the line is written).
    """

    name: str
    kind: ParamKind
    label: str = ""
    arg: str = ""
    choices: tuple[str, ...] = ()
    keyword: str = ""
    constraint: Constraint = field(default_factory=Constraint)
    items: tuple[Param, ...] = ()

    @property
    def ref(self) -> str:
        return self.label or self.name

    @property
    def integer(self) -> bool:
        return self.constraint.type == "integer"


@dataclass(frozen=True)
class Problem:
    """One reason a command cannot be built: the parameter, the value, and why."""

    parameter: str
    value: Any
    message: str

    def __str__(self) -> str:
        if self.parameter:
            return f"{self.parameter}={self.value!r}: {self.message}"
        return self.message


class CommandError(ValueError):
    """Every problem with the arguments of a command, raised once."""

    def __init__(self, command: str, problems: list[Problem]) -> None:
        self.command = command
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid {command!r} command:\n{lines}")


# -- values -------------------------------------------------------------------------


def value_text(param: Param, value: Any) -> str:
    """The text a Python value is written as (ints, addresses and strings).

    Ints and strings are written as their plain value: a subclass's own ``__str__`` never
    replaces the text that was checked.
    """
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    return str(value)


def _scalar_problem(param: Param, value: Any) -> str | None:
    """Why a value for an argument is refused, naming what is allowed."""
    allowed: tuple[type, ...] = (str,)
    if param.integer:
        allowed = (int, str)
    elif param.constraint.type in ("ipv4", "ipv6"):
        allowed = (str, ipaddress.IPv4Address if param.constraint.type == "ipv4" else ipaddress.IPv6Address)
    if isinstance(value, bool) or not isinstance(value, allowed):
        names = " or ".join(t.__name__ for t in allowed)
        return f"expected {names}, got {type(value).__name__}"
    if isinstance(value, int):
        return check_number(param.constraint, value)  # before any conversion to text
    return check_value(param.constraint, value_text(param, value))


def _choice_problem(param: Param, value: Any) -> str | None:
    if isinstance(value, str) and any(value.lower() == c.lower() for c in param.choices):
        return None
    if param.arg and not isinstance(value, bool) and not _scalar_problem(param, value):
        return None
    allowed = ", ".join(param.choices)
    if param.arg:
        allowed += f", or <{param.arg}> ({param.constraint.describe()})"
    return f"expected one of {allowed}"


def check_param(param: Param, value: Any) -> list[Problem]:
    """Every problem with the value given for one parameter."""
    return [_printable(p) for p in _param_problems(param, value)]


class _Unprintable:
    """Stands in a Problem for a value Python refuses to print (an int of thousands of digits)."""

    def __repr__(self) -> str:
        return "<a value too large to print>"


def _printable(problem: Problem) -> Problem:
    try:
        repr(problem.value)
    except ValueError:
        return Problem(problem.parameter, _Unprintable(), problem.message)
    return problem


def _param_problems(param: Param, value: Any) -> list[Problem]:
    if param.kind == "flag":
        return [] if isinstance(value, bool) else [Problem(param.name, value, "expected True or False")]
    if param.kind == "choice":
        message = _choice_problem(param, value)
        return [Problem(param.name, value, message)] if message else []
    if param.kind == "clause":
        # The words themselves are read against the clause's group when the line is written.
        message = None if isinstance(value, str) else f"expected str, got {type(value).__name__}"
        return [Problem(param.name, value, message)] if message else []
    if param.kind in ("list", "group"):
        if not isinstance(value, list | tuple):
            return [Problem(param.name, value, "expected a list")]
        if param.kind == "list":
            return [Problem(param.name, x, m) for x in value for m in [_scalar_problem(param, x)] if m]
        return [p for item in value for p in _check_item(param, item)]
    message = _scalar_problem(param, value)
    return [Problem(param.name, value, message)] if message else []


def _check_item(param: Param, item: Any) -> list[Problem]:
    """Problems with one repetition of a group (a mapping of its fields)."""
    if not isinstance(item, Mapping):
        return [
            Problem(
                param.name, item, "each item must be a mapping of " + ", ".join(p.name for p in param.items)
            )
        ]
    fields = {p.name: p for p in param.items}
    problems = [
        Problem(f"{param.name}[{k!r}]", v, "not a field of this item")
        for k, v in item.items()
        if k not in fields
    ]
    for key, value in item.items():
        if key in fields and value is not None and value is not False:
            for p in check_param(fields[key], value):
                problems.append(Problem(f"{param.name}[{key!r}]", p.value, p.message))
    return problems


def _normal(param: Param, value: Any) -> Any:
    """A hashable canonical form of a checked value (for equality)."""
    if param.kind == "flag":
        return True
    if param.kind == "choice":
        text = value_text(param, value)
        return next((c for c in param.choices if c.lower() == text.lower()), _scalar_normal(param, text))
    if param.kind == "clause":
        return " ".join(str(value).lower().split())
    if param.kind == "list":
        return tuple(_scalar_normal(param, value_text(param, x)) for x in value)
    if param.kind == "group":
        fields = {p.name: p for p in param.items}
        return tuple(
            tuple(
                sorted(
                    (k, _normal(fields[k], v)) for k, v in item.items() if v is not None and v is not False
                )
            )
            for item in value
        )
    return _scalar_normal(param, value_text(param, value))


def _scalar_normal(param: Param, text: str) -> Any:
    return from_text(param, text)


def from_text(param: Param, text: str) -> Any:
    """The Python value of a value read from a line (integers as ``int``)."""
    number = read_int(text) if param.integer else None
    return text if number is None else number


