"""Base class of the generated command classes.

A generated class only declares data: its forms (syntax lines with the views and
models they apply to), its undo forms and its parameters. Everything else (value
checks, choosing the form that fits, rendering, parsing) happens here, with the one
grammar engine. Each parameter names the slot it fills in a form (its ``label``, see
:mod:`vrpcmds_runtime.slots`); a form that has no slot for a given parameter does not fit.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, NamedTuple, Self

from .line import Binding, LineError
from .matcher import MatchError, match
from .notation import parse_form
from .render import RenderError, render
from .slots import LabelledForm, Slot, label_form
from .tree import Keyword, Sequence
from .values import Constraint, check_value

_INTEGER = re.compile(r"[+-]?\d+")


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

    @property
    def labelled(self) -> LabelledForm:
        return label_form(_tree(self.syntax))


@cache
def _tree(syntax: str) -> Sequence:
    return parse_form(syntax)


@dataclass(frozen=True)
class Param:
    """One keyword argument of a generated class and the slot it fills in the forms.

    ``kind`` is the slot kind (``value``, ``list``, ``choice``, ``flag``, ``group``) and
    ``label`` the slot label. ``arg``: the argument it takes values for; ``choices``: a
    choice's keywords; ``keyword``: the keywords a flag writes; ``items``: the fields of
    one repetition of a group.
    """

    name: str
    kind: str
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
    """The text a Python value is written as (ints, addresses and strings)."""
    if isinstance(value, ipaddress.IPv4Address | ipaddress.IPv6Address):
        return str(value)
    return value if isinstance(value, str) else str(value)


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
    if param.kind == "flag":
        return [] if isinstance(value, bool) else [Problem(param.name, value, "expected True or False")]
    if param.kind == "choice":
        message = _choice_problem(param, value)
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
    if param.integer and _INTEGER.fullmatch(text):
        return int(text)
    return text


def from_text(param: Param, text: str) -> Any:
    """The Python value of a value read from a line (integers as ``int``)."""
    return int(text) if param.integer and _INTEGER.fullmatch(text) else text


# -- one form: the selection of given values, and reading them back -------------------


def _slots(form: Form) -> dict[tuple[str, str], Slot]:
    return _slot_table(form.syntax)


@cache
def _slot_table(syntax: str) -> dict[tuple[str, str], Slot]:
    return {(s.label, s.kind): s for s in label_form(_tree(syntax)).slots}


class _Selection:
    """The values and chosen keywords (by label) that a form's labelled tree renders."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.keywords: list[str] = []
        self.problems: list[str] = []


def select(
    params: Iterable[Param],
    given: Mapping[str, Any],
    slots: Mapping[tuple[str, str], Slot],
    fixed: frozenset[str],
) -> _Selection:
    """Put the given values in the slots of one form; note those it has no slot for.

    A flag whose keywords the form always writes is satisfied by the form, and such a
    form needs that flag: ``display x static`` is ``X(static=True)``.
    """
    sel = _Selection()
    for param in params:
        slot = slots.get((param.ref, param.kind))
        written = slot is None and param.kind == "flag" and _written(param, fixed)
        if param.name not in given:
            if written:
                sel.problems.append(f"this form always writes {param.keyword!r}: needs {param.name}=True")
            continue
        if slot is None:
            if not written:
                sel.problems.append(f"{param.name} is not used by this form")
            continue
        _put(sel, param, slot, given[param.name])
    return sel


def _written(param: Param, fixed: frozenset[str]) -> bool:
    return set(param.keyword.lower().split()) <= fixed


def _put(sel: _Selection, param: Param, slot: Slot, value: Any) -> None:
    label = slot.label
    if param.kind == "value":
        sel.values[label] = value_text(param, value)
    elif param.kind == "flag":
        sel.keywords.append(label)
    elif param.kind == "choice":
        text = value_text(param, value)
        word = next((k for k in slot.keywords if k.lower() == text.lower()), None)
        if word is not None:
            sel.keywords.append(f"{label}={word}")
        elif slot.arg and not _scalar_problem(param, value):
            sel.values[label] = text
        else:
            sel.problems.append(f"{param.name}: this form takes one of " + ", ".join(slot.keywords))
    elif param.kind == "list":
        texts = [value_text(param, x) for x in value]
        sel.values[label] = texts if slot.single else [Binding({label: t}) for t in texts]
    else:
        inner = {(s.label, s.kind): s for s in slot.items}
        items = []
        for item in value:
            given = {k: v for k, v in item.items() if v is not None and v is not False}
            sub = select(param.items, given, inner, frozenset())
            sel.problems.extend(f"{param.name}: {p}" for p in sub.problems)
            items.append(Binding(sub.values, tuple(sub.keywords)))  # type: ignore[arg-type]
        sel.values[label] = items


def read_binding(
    params: Iterable[Param], slots: Mapping[tuple[str, str], Slot], binding: Binding, fixed: frozenset[str]
) -> dict[str, Any]:
    """The keyword arguments a binding of a labelled form gives (flags the form always writes included)."""
    chosen = set(binding.keywords)
    out: dict[str, Any] = {}
    for param in params:
        slot = slots.get((param.ref, param.kind))
        if slot is None:
            if param.kind == "flag" and _written(param, fixed):
                out[param.name] = True
            continue
        value = _read(param, slot, binding, chosen)
        if value is not None:
            out[param.name] = value
    return out


def _read(param: Param, slot: Slot, binding: Binding, chosen: set[str]) -> Any:
    label = slot.label
    bound = binding.values.get(label)
    if param.kind == "flag":
        return True if label in chosen else None
    if param.kind == "choice":
        word = next((k for k in slot.keywords if f"{label}={k}" in chosen), None)
        return word if word is not None else (from_text(param, bound) if isinstance(bound, str) else None)
    if bound is None:
        return None
    if param.kind == "value":
        return from_text(param, str(bound))
    if param.kind == "list":
        items = bound if isinstance(bound, list) else [bound]
        return [from_text(param, x if isinstance(x, str) else str(x.values[label])) for x in items]
    inner = {(s.label, s.kind): s for s in slot.items}
    return [read_binding(param.items, inner, b, frozenset()) for b in bound if isinstance(b, Binding)]


# -- the command class ----------------------------------------------------------------


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

    _values: dict[str, Any]
    _negated: bool
    _prefer: Form | None
    _order: tuple[str, ...]
    _line: str

    def __init__(self, **values: Any) -> None:
        self._setup(values, negated=False)

    def _setup(
        self,
        values: Mapping[str, Any],
        negated: bool,
        prefer: Form | None = None,
        order: tuple[str, ...] = (),
    ) -> None:
        self._values = {k: v for k, v in values.items() if v is not None and v is not False}
        self._negated, self._prefer, self._order = negated, prefer, order
        problems = self._check_values()
        line = None
        if not problems:
            line, problems = self._fit(self.undo_forms if negated else self.forms)
        if line is None:
            raise CommandError(("undo " if negated else "") + self.name, problems)
        self._line = line

    # -- values -------------------------------------------------------------

    def _check_values(self) -> list[Problem]:
        known = _param_table(type(self))
        problems: list[Problem] = []
        for name, value in self._values.items():
            param = known.get(name)
            if param is None:
                problems.append(Problem(name, value, "not a parameter of this command"))
            else:
                problems.extend(check_param(param, value))
        return problems

    def _fit(self, forms: Iterable[Form], subset: bool = False) -> tuple[str | None, list[Problem]]:
        """The line of the first form these values fit (the preferred one first), or every form's reasons.

        With ``subset``, each form takes the values it has slots for and ignores the others.
        """
        ordered = list(forms)
        if self._prefer in ordered:
            ordered.remove(self._prefer)
            ordered.insert(0, self._prefer)
        reasons: list[Problem] = []
        for form in ordered:
            labelled = form.labelled
            values = self._values
            if subset:
                slots = _slots(form)
                values = {
                    p.name: values[p.name]
                    for p in self.params
                    if p.name in values and (p.ref, p.kind) in slots
                }
            sel = select(self.params, values, _slots(form), labelled.fixed)
            problems = sel.problems
            if not problems:
                try:
                    return render(
                        labelled.tree, sel.values, sel.keywords, self._order or self._syntax_order()
                    ), []
                except RenderError as exc:
                    problems = [_readable(p, self.params) for p in exc.problems]
            reasons.append(Problem("", None, f"form {form.syntax!r}: " + "; ".join(problems)))
        if not reasons:
            reasons.append(Problem("", None, "this command has no such form"))
        return None, reasons

    def _syntax_order(self) -> list[str]:
        """Labels of the given values in parameter order: ``*`` groups are written in syntax order."""
        order: list[str] = []
        for p in self.params:
            if p.name in self._values:
                order += [p.ref, *(f"{p.ref}={c}" for c in p.choices)]
        return order

    # -- public API -----------------------------------------------------------

    @property
    def negated(self) -> bool:
        """True for an object read from an ``undo`` line: ``str()`` gives that undo line."""
        return self._negated

    def render(self) -> str:
        """The command line."""
        return self._line

    def __str__(self) -> str:
        return self._line

    def undo(self) -> str:
        """The undo line for these arguments; an error lists the undo forms when none fits.

        An undo form that takes every argument given wins; else the first undo form whose
        slots the arguments fill, the others left out (``undo peer 10.1.1.1`` for a peer
        configured with more options). The undo form of a command read from an undo line
        is that line.
        """
        if self._negated:
            return self._line
        if not self.undo_forms:
            raise CommandError(f"undo {self.name}", [Problem("", None, "this command has no undo form")])
        line, _ = self._fit(self.undo_forms)
        if line is None:
            line, _ = self._fit(self.undo_forms, subset=True)
        if line is None:
            forms = ", ".join(repr(f.syntax) for f in self.undo_forms)
            given = ", ".join(f"{k}={v!r}" for k, v in self._values.items()) or "no arguments"
            raise CommandError(
                f"undo {self.name}",
                [Problem("", None, f"no undo form takes {given}; the undo forms are: {forms}")],
            )
        return line

    @classmethod
    def parse(cls, line: str) -> Self:
        """The command object of a command line (keywords in any case; ``undo`` lines too).

        Values are checked against their constraints; a line that fits no form raises
        CommandError with each form's reason.
        """
        found, errors = cls._read_line(line)
        if found is None:
            raise CommandError(cls.name, [Problem("", None, f"{line!r} does not match {e}") for e in errors])
        return found[1]

    @classmethod
    def _read_line(cls, line: str) -> tuple[tuple[tuple[int, int], Self] | None, list[str]]:
        """(keywords matched, object) of the best form a line fits, or each form's reason."""
        best: tuple[tuple[int, int], Self] | None = None
        errors: list[str] = []
        check = _checker(cls)
        for negated, forms in ((False, cls.forms), (True, cls.undo_forms)):
            for form in forms:
                try:
                    binding = match(form.labelled.tree, line, check=check)
                except (MatchError, LineError) as exc:
                    errors.append(f"{form.syntax}: {exc}")
                    continue
                score = _score(form, binding)
                if best is not None and best[0] >= score:
                    continue
                values = read_binding(cls.params, _slots(form), binding, form.labelled.fixed)
                order = tuple(r.label for r in binding.roles if r.label)
                obj = cls.__new__(cls)
                try:
                    obj._setup(values, negated, prefer=form, order=order)
                except CommandError as exc:
                    errors.extend(f"{form.syntax}: {p}" for p in exc.problems)
                    continue
                best = (score, obj)
        return best, errors

    def arguments(self) -> Mapping[str, Any]:
        """The arguments given, by parameter name."""
        return dict(self._values)

    def _key(self) -> tuple[Any, ...]:
        table = _param_table(type(self))
        return (self._negated, tuple(sorted((k, _normal(table[k], v)) for k, v in self._values.items())))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        if self._negated:
            return f"{type(self).__name__}.parse({self._line!r})"
        args = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"{type(self).__name__}({args})"


_PARAM_TABLES: dict[type[Command], dict[str, Param]] = {}
_CHECKERS: dict[type[Command], Any] = {}


def _param_table(cls: type[Command]) -> dict[str, Param]:
    table = _PARAM_TABLES.get(cls)
    if table is None:
        table = _PARAM_TABLES[cls] = {p.name: p for p in cls.params}
    return table


def _checker(cls: type[Command]) -> Any:
    """The value check the matcher applies, by slot label (group fields included)."""
    if cls not in _CHECKERS:
        _CHECKERS[cls] = _make_checker(cls)
    return _CHECKERS[cls]


def _make_checker(cls: type[Command]) -> Any:
    constraints: dict[str, Constraint] = {}

    def add(params: Iterable[Param]) -> None:
        for p in params:
            if p.kind in ("value", "list", "choice") and p.arg:
                constraints.setdefault(p.ref, p.constraint)
            add(p.items)

    add(cls.params)
    return lambda label, text: (
        check_value(constraints[label], text, sending=False) if label in constraints else None
    )


def _readable(problem: str, params: Iterable[Param]) -> str:
    """A renderer message with slot labels replaced by parameter names."""
    for p in params:
        problem = problem.replace(f"<{p.ref}>", p.name).replace(repr(p.ref), p.name)
    return problem


def _score(form: Form, binding: Binding) -> tuple[int, int]:
    """How well a line fits a form: keywords it matched, then keywords the form starts with."""
    keywords = sum(1 for r in binding.roles if r.kind == "keyword")
    return keywords, _leading_keywords(form.syntax)


@cache
def _leading_keywords(syntax: str) -> int:
    items = _tree(syntax).items
    return next((i for i, item in enumerate(items) if not isinstance(item, Keyword)), len(items))


_REPORTED = 5  # classes whose reasons a failed module-level parse lists


def parse_line(line: str, candidates: Iterable[type[Command]], view: str | None = None) -> Command:
    """The object of the candidate class whose form fits ``line`` best (in ``view`` when given).

    Candidates come most specific first; when none fits, the error gives the reasons of
    the first few and counts the others.
    """
    reasons: list[Problem] = []
    best: tuple[tuple[int, int], Command] | None = None
    tried = 0
    for cls in candidates:
        if view is not None and not any(view.lower() == v.lower() for v in cls.views):
            continue
        tried += 1
        found, errors = cls._read_line(line)
        if found is None:
            if tried <= _REPORTED:
                reasons.extend(Problem("", None, f"{cls.__name__}: {e}") for e in errors)
        elif best is None or found[0] > best[0]:
            best = found
    if best is not None:
        return best[1]
    if tried > _REPORTED:
        reasons.append(
            Problem("", None, f"{tried - _REPORTED} other commands starting like this do not fit either")
        )
    if not tried:
        where = f" in {view!r}" if view else ""
        reasons.append(Problem("", None, f"no documented command{where} starts like {line!r}"))
    raise CommandError(line, reasons)
