"""Decide the keyword arguments of a command class, and their types, from its forms.

Each form is read into slots by the runtime (:mod:`vrpcmds_runtime.slots`, the one
place where the labelling rules live); a class has one parameter per slot label and
kind over all its forms (main forms first, then undo forms), in order of first
appearance. A parameter is required when every main form requires its slot. Types:

- ``value``: ``int`` for integers, ``str | IPv4Address`` / ``str | IPv6Address`` for
  addresses, ``Literal[...]`` for an enumerated value, else ``str``;
- ``list``: ``Sequence[T]`` of that type; ``group``: ``Sequence[Item]``, ``Item`` a
  TypedDict of the repetition's fields;
- ``choice``: ``Literal[...]`` of its keywords (``T | Literal[...]`` when one alternative is
  an argument); ``flag``: ``bool``; ``clause``: ``str`` (the words after its keyword; its
  ``items`` are the group's arguments, which declare their constraints).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, get_args

from vrpcmds_model.constraints import argument_rows, constraint_of, form_constraints, row_trees
from vrpcmds_model.record import Parameter, Record
from vrpcmds_runtime.notation import parse_form
from vrpcmds_runtime.params import ParamKind
from vrpcmds_runtime.selection import choosing_keywords
from vrpcmds_runtime.slots import MAX_SLOTS, Slot, clause_sizes, label_form
from vrpcmds_runtime.tree import keywords
from vrpcmds_runtime.values import Constraint

from .bindings_layout import string_literal
from .names import camel_name, dedupe, snake_name
from .site_plan import ArgumentDoc

# The slot kinds of :mod:`vrpcmds_runtime.slots` (a ``Slot.kind`` is a plain string there).
_KINDS: dict[str, ParamKind] = {kind: kind for kind in get_args(ParamKind)}
# Names an annotation may use that a command module imports: from collections.abc,
# ipaddress and typing.
Imported = Literal["Sequence", "IPv4Address", "IPv6Address", "Literal"]


@dataclass(frozen=True)
class Hint:
    """An annotation's text and the names in it that the module has to import."""

    text: str
    names: frozenset[Imported] = frozenset()

    def __or__(self, other: Hint) -> Hint:
        return Hint(f"{self.text} | {other.text}", self.names | other.names)


_SCALARS: dict[str, Hint] = {
    "integer": Hint("int"),
    "ipv4": Hint("str | IPv4Address", frozenset({"IPv4Address"})),
    "ipv6": Hint("str | IPv6Address", frozenset({"IPv6Address"})),
}
_STR = Hint("str")


@dataclass
class ParamSpec:
    """One keyword argument: the slot it fills, its type and its documentation."""

    kind: ParamKind
    label: str
    arg: str = ""
    choices: list[str] = field(default_factory=list)
    keyword: str = ""
    constraint: Constraint = field(default_factory=Constraint)
    description: str = ""
    required: bool = False
    name: str = ""
    items: list[ParamSpec] = field(default_factory=list)
    item_type: str = ""  # group: the TypedDict of one repetition
    syntax: str = ""  # clause: its group as written

    @property
    def integer(self) -> bool:
        return self.constraint.type == "integer"

    def scalar_hint(self) -> Hint:
        """The Python type of one value of the argument."""
        c = self.constraint
        if c.type == "enum" and c.choices:
            return _literal(c.choices)
        return _SCALARS.get(c.type, _STR)

    def hint(self) -> Hint:
        """The annotation of the keyword argument (without ``| None``), with what it imports."""
        if self.kind == "flag":
            return Hint("bool")
        if self.kind == "clause":
            return _STR
        if self.kind == "choice":
            words = _literal(self.choices)
            return self.scalar_hint() | words if self.arg else words
        if self.kind == "list":
            scalar = self.scalar_hint()
            return Hint(f"Sequence[{scalar.text}]", scalar.names | {"Sequence"})
        if self.kind == "group":
            return Hint(f"Sequence[{self.item_type}]", frozenset({"Sequence"}))
        return self.scalar_hint()

    def type_hint(self) -> str:
        """The annotation of the keyword argument (without ``| None``)."""
        return self.hint().text

    def doc(self) -> ArgumentDoc:
        """The argument as the site lists it: name, type, what values it takes, description."""
        if self.kind == "flag":
            values = f"True writes {self.keyword!r}"
        elif self.kind == "clause":
            values = f"the words after {self.label!r}: {self.syntax}"
        elif self.kind == "choice":
            values = "one of " + ", ".join(self.choices)
            values += f", or {self.constraint.describe()}" if self.arg else ""
        elif self.kind == "group":
            values = "items with " + ", ".join(i.name for i in self.items)
        else:
            values = self.constraint.describe()
        return ArgumentDoc(self.name, self.type_hint(), values, self.description, self.required)


def _literal(values: Iterable[str]) -> Hint:
    return Hint("Literal[" + ", ".join(string_literal(x) for x in values) + "]", frozenset({"Literal"}))


def all_params(params: list[ParamSpec], clauses: bool = True) -> Iterator[ParamSpec]:
    """Every parameter and, depth first, the fields of each group (and, with ``clauses``,
    the arguments of each clause)."""
    for p in params:
        yield p
        if clauses or p.kind != "clause":
            yield from all_params(p.items, clauses)


def _forms(records: list[Record], attr: str, clauses: frozenset[str]) -> list[tuple[Slot, ...]]:
    out = []
    for record in records:
        for syntax in getattr(record, attr):
            out.append(label_form(parse_form(syntax), clauses).slots)
    return out


def class_params(records: list[Record], class_name: str = "") -> tuple[list[ParamSpec], tuple[str, ...]]:
    """The parameters of the class that documents these records (one identity), and the
    keywords whose groups it takes as clauses (one text argument each).

    No clause while the class takes at most MAX_SLOTS keyword arguments; else the keyword
    whose group gives the most arguments (the first met on a tie), again and again, until
    it does or no group is left.
    """
    chosen: list[str] = []
    specs = _specs(records, frozenset())
    while len(specs) > MAX_SLOTS:
        sizes: dict[str, int] = {}
        for record in records:
            for syntax in (*record.syntax, *record.undo_syntax):
                for word, size in clause_sizes(parse_form(syntax), frozenset(chosen)).items():
                    sizes[word] = max(sizes.get(word, 0), size)
        best = max(sizes.items(), key=lambda kv: kv[1], default=("", 0))
        if best[1] < 2:
            break
        chosen.append(best[0])
        specs = _specs(records, frozenset(chosen))
    _finish(specs, records, frozenset(chosen), class_name)
    return specs, tuple(chosen)


def _specs(records: list[Record], clauses: frozenset[str]) -> list[ParamSpec]:
    main, undo = _forms(records, "syntax", clauses), _forms(records, "undo_syntax", clauses)
    main_slots = [s for slots in main for s in slots]
    return _merge(main_slots + [s for slots in undo for s in slots] + _form_flags(records), main_slots)


def _finish(specs: list[ParamSpec], records: list[Record], clauses: frozenset[str], class_name: str) -> None:
    """Descriptions, constraints, which parameters are required, and names."""
    main = _forms(records, "syntax", clauses)
    rows, keyword_rows = _rows(records)
    trees = [parse_form(s) for r in records for s in (*r.syntax, *r.undo_syntax)]
    _describe(specs, rows, keyword_rows, form_constraints(rows, trees))
    for spec in specs:
        spec.required = bool(main) and all(
            any(s.label == spec.label and s.kind == spec.kind and s.required for s in slots) for slots in main
        )
    _name(specs, class_name)


def _form_flags(records: list[Record]) -> list[Slot]:
    """A flag for each lone keyword that chooses between the main forms (or between the
    undo forms): one form always writes it, another cannot write it at all
    (:func:`vrpcmds_runtime.selection.choosing_keywords`, the rule the bindings apply)."""
    out: list[Slot] = []
    seen: set[str] = set()
    for attr in ("syntax", "undo_syntax"):
        syntaxes = [s for r in records for s in getattr(r, attr)]
        choosing = choosing_keywords(syntaxes, records[0].name if records else "")
        for syntax in syntaxes:
            for word in label_form(parse_form(syntax)).lone:
                if word.lower() in choosing and word not in seen:
                    seen.add(word)
                    out.append(Slot(word, "flag", keywords=(word,)))
    return out


def _merge(slots: list[Slot], main: list[Slot]) -> list[ParamSpec]:
    """One spec per (label, kind), choices and group fields merged over all occurrences.

    A group's field is required when every occurrence of the group in ``main`` (the main
    forms) requires it.
    """
    specs: dict[tuple[str, str], ParamSpec] = {}
    items: dict[tuple[str, str], list[Slot]] = {}
    for slot in slots:
        key = (slot.label, slot.kind)
        spec = specs.get(key)
        if spec is None:
            spec = specs[key] = ParamSpec(_kind(slot), slot.label, arg=slot.arg)
            if slot.kind == "flag":
                spec.keyword = " ".join(slot.keywords)
            spec.syntax = slot.syntax
        if slot.kind == "choice":
            spec.choices += [k for k in slot.keywords if k not in spec.choices]
            spec.arg = spec.arg or slot.arg
        items.setdefault(key, []).extend(slot.items)
    for key, spec in specs.items():
        if spec.kind == "clause":
            spec.items = _merge(items[key], [])
        if spec.kind == "group":
            occurrences = [slot for slot in main if (slot.label, slot.kind) == key]
            spec.items = _merge(items[key], [i for slot in occurrences for i in slot.items])
            for item in spec.items:
                item.required = bool(occurrences) and all(
                    any(s.label == item.label and s.kind == item.kind and s.required for s in slot.items)
                    for slot in occurrences
                )
    return list(specs.values())


def _kind(slot: Slot) -> ParamKind:
    """The kind of a slot, checked to be one the bindings know."""
    try:
        return _KINDS[slot.kind]
    except KeyError:
        raise ValueError(f"slot {slot.label!r}: unknown kind {slot.kind!r}") from None


def _rows(records: list[Record]) -> tuple[dict[str, Parameter], dict[str, Parameter]]:
    """Parameter rows by the argument names and by the keywords they mention."""
    by_arg: dict[str, Parameter] = {}
    by_kw: dict[str, Parameter] = {}
    for record in records:
        for name, row in argument_rows(record).items():
            by_arg.setdefault(name, row)
        for row, tree in row_trees(record):
            for word in keywords(tree):
                by_kw.setdefault(word, row)
    return by_arg, by_kw


def _describe(
    specs: list[ParamSpec],
    rows: dict[str, Parameter],
    keyword_rows: dict[str, Parameter],
    constraints: dict[str, Constraint],
) -> None:
    for spec in specs:
        row = rows.get(spec.arg) if spec.arg else None
        if row is None:
            words = [spec.keyword.split()[0]] if spec.keyword else [spec.label, *spec.choices]
            row = next((keyword_rows[w] for w in words if w in keyword_rows), None)
        if spec.arg:
            spec.constraint = constraints.get(spec.arg) or constraint_of(None)
        spec.description = " ".join(row.description.split()) if row else ""
        if spec.kind == "clause":
            _describe(spec.items, rows, keyword_rows, constraints)
        if spec.kind == "group":
            _describe(spec.items, rows, keyword_rows, constraints)
            first = spec.items[0].description if spec.items else ""
            spec.description = spec.description or first


def _name(specs: list[ParamSpec], class_name: str) -> None:
    names = dedupe([snake_name(s.label) for s in specs])
    for spec, name in zip(specs, names):
        spec.name = name
        for item in spec.items if spec.kind == "clause" else ():
            item.name = item.arg
        if spec.kind == "group":
            spec.item_type = f"{class_name}{camel_name(name)}Item"
            _name(spec.items, spec.item_type[: -len("Item")])
