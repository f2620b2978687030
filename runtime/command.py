"""Base class of the generated command classes.

A generated class only declares data: its forms (syntax lines with the views and
models they apply to), its undo forms and its parameters. Everything else (value
checks, choosing the form that fits, rendering, parsing) happens here, with the one
grammar engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, NamedTuple, Self, TypeVar

from .line import Binding
from .matcher import MatchError, match
from .notation import parse_form
from .render import RenderError, render
from .tree import Sequence
from .values import Constraint, check_value

C = TypeVar("C", bound="Command")


class Level(NamedTuple):
    """Default command level: ``Level(2, "Configuration level")``."""

    number: int
    name: str


@dataclass(frozen=True)
class Form:
    """One documented syntax line, with the views and models it applies to."""

    syntax: str
    views: tuple[str, ...] = ()
    models: tuple[str, ...] = ()

    @property
    def tree(self) -> Sequence:
        return _tree(self.syntax)


@cache
def _tree(syntax: str) -> Sequence:
    return parse_form(syntax)


@dataclass(frozen=True)
class Param:
    """One keyword argument of a generated class and where it sits in the syntax.

    kind ``value``: the argument ``arg`` takes the value; ``list``: the repeated
    argument ``arg`` takes each item; ``choice``: one of the keywords ``choices``;
    ``flag``: the keyword ``keyword`` when True.
    """

    name: str
    kind: str
    arg: str = ""
    keyword: str = ""
    choices: tuple[str, ...] = ()
    constraint: Constraint = field(default_factory=Constraint)
    integer: bool = False


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


class Command:
    """A command with its arguments; ``str()`` gives the command line."""

    name: ClassVar[str] = ""
    views: ClassVar[tuple[str, ...]] = ()
    level: ClassVar[Level | None] = None
    models: ClassVar[tuple[str, ...]] = ()
    doc: ClassVar[str] = ""
    source: ClassVar[str] = ""
    forms: ClassVar[tuple[Form, ...]] = ()
    undo_forms: ClassVar[tuple[Form, ...]] = ()
    params: ClassVar[tuple[Param, ...]] = ()

    def __init__(self, **values: Any) -> None:
        self._values = {k: v for k, v in values.items() if v is not None and v is not False}
        problems = self._check_values()
        if not problems:
            self._line, fit_problems = self._fit(self.forms)
            problems = fit_problems if self._line is None else []
        if problems:
            raise CommandError(self.name, problems)

    # -- values -------------------------------------------------------------

    def _check_values(self) -> list[Problem]:
        problems: list[Problem] = []
        known = {p.name: p for p in self.params}
        for name, value in self._values.items():
            param = known.get(name)
            if param is None:
                problems.append(Problem(name, value, "not a parameter of this command"))
                continue
            items = value if param.kind == "list" else [value]
            if param.kind == "list" and not isinstance(value, (list, tuple)):
                problems.append(Problem(name, value, "expected a list of values"))
                continue
            for item in items:
                message = _value_problem(param, item)
                if message:
                    problems.append(Problem(name, item, message))
        return problems

    def _selection(self) -> tuple[dict[str, object], list[str]]:
        values: dict[str, object] = {}
        keywords: list[str] = []
        for param in self.params:
            given = self._values.get(param.name)
            if given is None:
                continue
            if param.kind == "value":
                values[param.arg] = str(given)
            elif param.kind == "list":
                values[param.arg] = [str(x) for x in given]
            elif param.kind == "choice":
                keywords.append(_canonical_choice(param, str(given)))
            else:
                keywords.append(param.keyword)
        return values, keywords

    def _fit(self, forms: Iterable[Form]) -> tuple[str | None, list[Problem]]:
        """The line of the first form these values fit, or every form's reasons."""
        values, keywords = self._selection()
        reasons: list[Problem] = []
        for form in forms:
            try:
                return render(form.tree, values, keywords), []
            except RenderError as exc:
                reasons.extend(Problem("", None, f"{form.syntax}: {p}") for p in exc.problems)
        return None, reasons

    # -- public API -----------------------------------------------------------

    def render(self) -> str:
        """The command line."""
        return self._line or ""

    def __str__(self) -> str:
        return self.render()

    def undo(self) -> str:
        """The undo line for these arguments; an error lists the undo forms when none fits."""
        if not self.undo_forms:
            raise CommandError(f"undo {self.name}", [Problem("", None, "this command has no undo form")])
        line, _ = self._fit(self.undo_forms)
        if line is None:
            forms = ", ".join(repr(f.syntax) for f in self.undo_forms)
            given = ", ".join(f"{k}={v!r}" for k, v in self._values.items()) or "no arguments"
            raise CommandError(
                f"undo {self.name}", [Problem("", None, f"no undo form takes {given}; the undo forms are: {forms}")]
            )
        return line

    @classmethod
    def parse(cls, line: str) -> Self:
        """The command object of a command line (keywords may be in any case)."""
        errors: list[str] = []
        for form in cls.forms:
            try:
                binding = match(form.tree, line, check=cls._argument_check())
            except MatchError as exc:
                errors.append(f"{form.syntax}: {exc}")
                continue
            return cls(**cls._arguments(binding))
        raise CommandError(cls.name, [Problem("", None, f"{line!r} does not match {e}") for e in errors])

    @classmethod
    def _argument_check(cls) -> Any:
        constraints = {p.arg: p.constraint for p in cls.params if p.arg}
        return lambda name, text: check_value(constraints[name], text) if name in constraints else None

    @classmethod
    def _arguments(cls, binding: Binding) -> dict[str, Any]:
        chosen = {k.lower() for k in binding.keywords}
        out: dict[str, Any] = {}
        for p in cls.params:
            if p.kind in ("value", "list") and p.arg in binding.values:
                raw = binding.values[p.arg]
                out[p.name] = [_convert(p, x) for x in raw] if p.kind == "list" else _convert(p, raw)
            elif p.kind == "choice":
                picked = [c for c in p.choices if c.lower() in chosen]
                if picked:
                    out[p.name] = picked[0]
            elif p.kind == "flag" and p.keyword.lower() in chosen:
                out[p.name] = True
        return out

    def arguments(self) -> Mapping[str, Any]:
        """The arguments given, by parameter name."""
        return dict(self._values)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash((type(self).__name__, str(self)))

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"{type(self).__name__}({args})"


def _value_problem(param: Param, value: Any) -> str | None:
    if param.kind == "flag":
        return None if isinstance(value, bool) else "expected True or False"
    if param.kind == "choice":
        if isinstance(value, str) and value.lower() in (c.lower() for c in param.choices):
            return None
        return "expected one of " + ", ".join(param.choices)
    if param.integer and (isinstance(value, bool) or not isinstance(value, (int, str))):
        return "expected an integer"
    return check_value(param.constraint, str(value))


def _canonical_choice(param: Param, given: str) -> str:
    return next(c for c in param.choices if c.lower() == given.lower())


def _convert(param: Param, text: Any) -> Any:
    return int(text) if param.integer and isinstance(text, str) else text


def parse_line(line: str, candidates: Iterable[type[Command]], view: str | None = None) -> Command:
    """The first candidate class that parses ``line`` (in ``view`` when given)."""
    reasons: list[Problem] = []
    tried = 0
    for cls in candidates:
        if view is not None and not any(view.lower() == v.lower() for v in cls.views):
            continue
        tried += 1
        try:
            return cls.parse(line)
        except CommandError as exc:
            reasons.extend(exc.problems)
    if not tried:
        where = f" in {view!r}" if view else ""
        reasons.append(Problem("", None, f"no documented command{where} starts like {line!r}"))
    raise CommandError(line, reasons)
