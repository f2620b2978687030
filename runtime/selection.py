"""One form of a command: the selection of given values into its slots, and reading them back."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from .line import Binding, LineError, quote_value
from .matcher import MatchError, match
from .notation import NotationError
from .params import Form, Param, _scalar_problem, _tree, from_text, value_text
from .slots import CLAUSE_MARK, Slot, label_form
from .tree import Argument, Keyword, Sequence, keywords, walk

# -- one form: the selection of given values, and reading them back -------------------


def _slots(form: Form) -> dict[tuple[str, str], Slot]:
    return _slot_table(form.syntax, form.clauses)


@cache
def _slot_table(syntax: str, clauses: tuple[str, ...]) -> dict[tuple[str, str], Slot]:
    return {(s.label, s.kind): s for s in label_form(_tree(syntax), frozenset(clauses)).slots}


class _Selection:
    """The values and chosen keywords (by label) that a form's labelled tree renders.

    ``order``: the refs of each clause's words as written, under the clause's label.
    """

    def __init__(self) -> None:
        self.values: dict[str, object] = {}
        self.keywords: list[str] = []
        self.problems: list[str] = []
        self.order: dict[str, list[str]] = {}


def choosing_keywords(syntaxes: Iterable[str], command: str = "") -> frozenset[str]:
    """The keywords that choose between these forms of ``command`` (lower case).

    A keyword that one form always writes on its own (no argument or group follows it)
    while another form cannot write it at all: ``display vlan summary`` beside ``display
    vlan [ <vlan-id> ]`` makes ``summary`` a flag that selects the first form. A keyword
    every form can write (``enable`` in ``dhcp enable [ ipv4 ]`` and ``dhcp enable``)
    chooses nothing, and the command's own words are never flags either: on a page that
    documents ``bpdu bridge enable`` and ``bpdu bridge disable``, the first is the command
    (``BpduBridgeEnable()``), the second its ``disable`` flag.
    """
    return _choosing(tuple(syntaxes), command)


@cache
def _choosing(syntaxes: tuple[str, ...], command: str) -> frozenset[str]:
    present = [{k.lower() for k in keywords(_tree(s))} for s in syntaxes]
    lone = {k.lower() for s in syntaxes for k in label_form(_tree(s)).lone}
    own = own_words(command)
    return frozenset(k for k in lone if k not in own and any(k not in words for words in present))


def own_words(command: str) -> frozenset[str]:
    """The plain words of a command's name (lower case), read by the notation parser:
    the keywords outside its groups (``ftp { put | get }`` is ``ftp``; ``bpdu bridge
    enable`` is all three). A name the notation cannot read counts word by word."""
    try:
        items = _tree(command).items
    except NotationError:
        return frozenset(command.lower().split())
    return frozenset(item.text.lower() for item in items if isinstance(item, Keyword))


def select(
    params: Iterable[Param],
    given: Mapping[str, Any],
    slots: Mapping[tuple[str, str], Slot],
    fixed: frozenset[str],
    choosing: frozenset[str] = frozenset(),
) -> _Selection:
    """Put the given values in the slots of one form; note those it has no slot for.

    A flag whose keywords the form always writes is satisfied by the form. When those
    keywords choose this form among the others (``choosing``), the form needs the flag:
    ``display x static`` is ``X(static=True)``; otherwise the flag may be left out.
    """
    sel = _Selection()
    for param in params:
        slot = slots.get((param.ref, param.kind))
        written = slot is None and param.kind == "flag" and _written(param, fixed)
        if param.name not in given:
            if written and _chooses(param, choosing):
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


def _chooses(param: Param, choosing: frozenset[str]) -> bool:
    return bool(set(param.keyword.lower().split()) & choosing)


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
    elif param.kind == "clause":
        _put_clause(sel, param, slot, value)
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


def _put_clause(sel: _Selection, param: Param, slot: Slot, value: Any) -> None:
    """The words of a clause, read against its group: each becomes a selection of its own."""
    items = {p.arg or p.name: p for p in param.items}
    names = {n.ref: n.name for n in walk(slot.tree) if isinstance(n, Argument)} if slot.tree else {}

    def check(ref: str, text: str) -> str | None:
        item = items.get(names.get(ref, ""))
        return _scalar_problem(item, text) if item is not None else None

    try:
        binding = match(Sequence((slot.tree,)), value_text(param, value), check=check)  # type: ignore[arg-type]
    except (MatchError, LineError) as exc:
        sel.problems.append(f"{param.name}={value!r} does not fit {slot.syntax!r}: {exc}")
        return
    sel.order[slot.label] = [r.label for r in binding.roles]
    for role in binding.roles:
        if role.kind == "keyword":
            sel.keywords.append(role.label)
        else:
            sel.values[role.label] = binding.values[role.label]


def read_binding(
    params: Iterable[Param],
    slots: Mapping[tuple[str, str], Slot],
    binding: Binding,
    fixed: frozenset[str],
    choosing: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The keyword arguments a binding of a labelled form gives.

    A flag the form always writes is read only when it chooses the form (``choosing``):
    what the form writes anyway is never an argument.
    """
    chosen = set(binding.keywords)
    out: dict[str, Any] = {}
    for param in params:
        slot = slots.get((param.ref, param.kind))
        if slot is None:
            if param.kind == "flag" and _written(param, fixed) and _chooses(param, choosing):
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
    if param.kind == "clause":
        return _read_clause(label, binding)
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


def _read_clause(label: str, binding: Binding) -> str | None:
    """The words a line wrote for a clause: keywords in full, values as written."""
    mine = label + CLAUSE_MARK
    words = [
        role.name if role.kind == "keyword" else quote_value(str(binding.values[role.label]))
        for role in binding.roles
        if role.label.startswith(mine)
    ]
    return " ".join(words) if words else None
