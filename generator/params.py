"""Decide the keyword arguments of a command class from its syntax trees.

Where a user makes a decision in a form, the class has a parameter:
- every argument ``<x>`` is a parameter ``x`` (a list when it is repeated ``&<1-n>``);
- a keyword followed by a required group of single keywords (``seq-num { new | old }``)
  is one parameter named after the keyword, taking one of those keywords;
- a keyword that starts an alternative with no mandatory argument (``[ spi-list ]``,
  ``{ ... | all }``) is a ``bool`` flag; a keyword that starts an alternative with an
  argument is implied by giving that argument (``[ preference <preference> ]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from vrpcmds_model.record import Command as Record
from vrpcmds_model.record import Parameter
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import (
    Argument,
    Choice,
    Keyword,
    Node,
    Repeat,
    Sequence,
    arguments,
    keywords,
    repeated_argument,
)
from vrpcmds_runtime.values import Constraint

from .names import dedupe, snake_name


@dataclass
class ParamSpec:
    """One keyword argument: where it sits in the syntax, its type and its documentation."""

    kind: str  # value, list, choice, flag
    source: str  # the argument name or the keyword it comes from
    arg: str = ""
    keyword: str = ""
    choices: tuple[str, ...] = ()
    constraint: Constraint = field(default_factory=Constraint)
    description: str = ""
    required: bool = False
    name: str = ""

    @property
    def integer(self) -> bool:
        return self.kind in ("value", "list") and self.constraint.type == "integer"


def choice_keywords(node: Node) -> tuple[str, ...] | None:
    """The keywords of a required group whose alternatives are each one keyword."""
    if isinstance(node, Choice) and node.required and not node.multi and len(node.alternatives) > 1:
        alts = [alt.items[0] for alt in node.alternatives if len(alt.items) == 1]
        if len(alts) == len(node.alternatives) and all(isinstance(a, Keyword) for a in alts):
            return tuple(a.text for a in alts)  # type: ignore[union-attr]
    return None


def _owns_choice(seq: Sequence) -> bool:
    """True for ``keyword { a | b }``: the keyword names the choice that follows it."""
    return len(seq.items) > 1 and isinstance(seq.items[0], Keyword) and choice_keywords(seq.items[1]) is not None


def _decisions(node: Node) -> Iterator[ParamSpec]:
    """The parameter-making points of a tree, in syntax order."""
    if isinstance(node, Argument):
        yield ParamSpec("value", node.name, arg=node.name)
    elif isinstance(node, Repeat):
        single = repeated_argument(node)
        if single is not None:
            yield ParamSpec("list", single.name, arg=single.name)
        else:
            yield from _decisions(node.item)
    elif isinstance(node, Sequence):
        yield from _sequence_decisions(node)
    elif isinstance(node, Choice):
        for alt in node.alternatives:
            first = alt.items[0]
            if isinstance(first, Keyword) and not _mandatory_arguments(alt) and not _owns_choice(alt):
                yield ParamSpec("flag", first.text, keyword=first.text)
            yield from _decisions(alt)


def _sequence_decisions(seq: Sequence) -> Iterator[ParamSpec]:
    items = seq.items
    skip = set()
    for i, item in enumerate(items):
        if i in skip:
            continue
        nxt = items[i + 1] if i + 1 < len(items) else None
        choices = choice_keywords(nxt) if nxt is not None else None
        if isinstance(item, Keyword) and choices:
            yield ParamSpec("choice", item.text, keyword=item.text, choices=choices)
            skip.add(i + 1)
        else:
            yield from _decisions(item)


def _mandatory_arguments(seq: Sequence) -> list[str]:
    """Arguments of a sequence that every line through it carries."""
    out: list[str] = []
    for item in seq.items:
        if isinstance(item, Argument):
            out.append(item.name)
        elif isinstance(item, Repeat) and item.min > 0:
            out.extend(arguments(item.item))
        elif isinstance(item, Sequence):
            out.extend(_mandatory_arguments(item))
    return out


def _describe(records: list[Record]) -> tuple[dict[str, Parameter], dict[str, Parameter]]:
    """Parameter rows by the argument names and by the first keyword they mention."""
    by_arg: dict[str, Parameter] = {}
    by_kw: dict[str, Parameter] = {}
    for record in records:
        for row in record.parameters:
            try:
                tree = parse_form(row.name)
            except NotationError:
                continue
            for a in arguments(tree):
                by_arg.setdefault(a, row)
            kws = keywords(tree)
            if kws:
                by_kw.setdefault(kws[0], row)
    return by_arg, by_kw


def constraint_of(row: Parameter | None) -> Constraint:
    """The runtime constraint of a parameter row's typed value."""
    if row is None:
        return Constraint()
    v = row.value
    return Constraint(
        type=v.type if v.type in ("integer", "string", "ipv4", "ipv6", "mac", "enum") else "text",
        min=v.min,
        max=v.max,
        min_length=v.min_length,
        max_length=v.max_length,
        choices=tuple(v.choices or ()),
        spaces=bool(v.spaces),
        forbidden=v.forbidden or "",
    )


def derive_params(records: list[Record]) -> list[ParamSpec]:
    """The parameters of the class that documents these records (one identity)."""
    main = [parse_form(s) for r in records for s in r.syntax]
    undo = [parse_form(s) for r in records for s in r.undo_syntax]
    by_arg, by_kw = _describe(records)
    specs: dict[tuple[str, str], ParamSpec] = {}
    for tree in main + undo:
        for spec in _decisions(tree):
            specs.setdefault((spec.kind if spec.kind != "list" else "value", spec.source), spec)
    required = _required_everywhere(main)
    out = list(specs.values())
    for spec in out:
        row = by_arg.get(spec.arg) if spec.arg else by_kw.get(spec.keyword)
        spec.description = row.description if row else ""
        if spec.arg:
            spec.constraint = constraint_of(row)
        spec.required = spec.kind == "value" and spec.arg in required
    names = dedupe([snake_name(s.source) for s in out])
    for spec, name in zip(out, names):
        spec.name = name
    return out


def _required_everywhere(forms: list[Sequence]) -> set[str]:
    if not forms:
        return set()
    sets = [set(_mandatory_arguments(f)) for f in forms]
    return set.intersection(*sets)
