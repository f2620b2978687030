"""Parameters of one command: rows added or removed, and changes to their value constraints.

Breaking rules (a value accepted before may now be rejected):

- type changed: breaking, unless either side is ``text`` (a value the scraper could not
  type: the old or new constraint is unknown, so nothing shows a valid value is rejected);
- integer range and string length: breaking when a bound moved inwards (minimum up,
  maximum down, an open bound closed); widening is not;
- characters: breaking when spaces are no longer allowed or a character is newly forbidden;
- choices (compared without case, as the device does): each removed choice is breaking,
  each added one is not;
- default and unit: reported, never breaking (case sensitivity is not compared);
- a parameter row removed: breaking when a keyword or argument it describes is gone from
  every form of the command; when they are all still there only the description is lost.

Every page of a command counts: the values are compared over the union of its pages
(the widest value of each row) and then page by page, a page of the old version paired
with the new page of the same id, else of the same title. A change seen on some pages
only (``<preference>`` narrowed from 1-255 to 1-200 on one page of three, the others
unchanged) is reported once, its detail naming those pages.
"""

from __future__ import annotations

from vrpcmds_model.constraints import constraint_of
from vrpcmds_model.record import Parameter, Value
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import arguments, keywords

from dataclasses import replace

from .changes import Change, ChangeKind
from .snapshot import Page, Snapshot


def compare_parameters(old: Snapshot, new: Snapshot) -> list[Change]:
    """Rows added and removed, and value changes of the rows both versions have."""
    command = new.name
    words = _form_words(new.forms + new.undo_forms)
    changes: list[Change] = []
    for name, value in old.parameters.items():
        if name not in new.parameters:
            changes.append(_row_removed(command, name, value, words))
        else:
            changes += compare_values(command, name, value, new.parameters[name])
    for name, value in new.parameters.items():
        if name not in old.parameters:
            changes.append(Change("parameter-added", command, False, "new row", name, new=describe(value)))
    return changes + page_changes(old, new, changes)


def page_changes(old: Snapshot, new: Snapshot, found: list[Change]) -> list[Change]:
    """Value changes of single pages that the union of the pages does not show.

    Each change (kind, parameter, before, after) is reported once, its detail followed by
    the titles of the pages it was seen on.
    """
    seen = {_key(c) for c in found}
    pages: dict[tuple[object, ...], tuple[Change, list[str]]] = {}
    for before, after in paired_pages(old.pages, new.pages):
        for name in before.parameters.keys() & after.parameters.keys():
            for change in compare_values(new.name, name, before.parameters[name], after.parameters[name]):
                if _key(change) not in seen:
                    pages.setdefault(_key(change), (change, []))[1].append(after.title or after.id)
    return [replace(c, detail=f"{c.detail} on {_pages_text(titles)}") for c, titles in pages.values()]


def paired_pages(old: tuple[Page, ...], new: tuple[Page, ...]) -> list[tuple[Page, Page]]:
    """Pages of both versions paired by page id, then the rest by title (each page at most once)."""
    by_id = {p.id: p for p in new}
    pairs = [(p, by_id[p.id]) for p in old if p.id in by_id]
    taken = {id(n) for _, n in pairs}
    by_title: dict[str, Page] = {}
    for page in new:
        if id(page) not in taken:
            by_title.setdefault(page.title, page)
    for page in old:
        if page.id not in by_id and page.title in by_title:
            pairs.append((page, by_title.pop(page.title)))
    return pairs


def _key(change: Change) -> tuple[object, ...]:
    return (change.kind, change.subject, change.old, change.new, change.breaking)


def _pages_text(titles: list[str]) -> str:
    """``page 'a'`` or ``pages 'a', 'b'`` (sorted)."""
    quoted = ", ".join(f"'{t}'" for t in sorted(titles))
    return f"page {quoted}" if len(titles) == 1 else f"pages {quoted}"


def compare_values(command: str, name: str, old: Value, new: Value) -> list[Change]:
    """Changes between two values of the parameter ``name``."""
    if old.type != new.type:
        changes = [_type_change(command, name, old, new)]
    else:
        changes = _range_change(command, name, old, new) + _choice_changes(command, name, old, new)
        changes += _length_change(command, name, old, new) + _chars_change(command, name, old, new)
    fields: tuple[tuple[str, ChangeKind], ...] = (("default", "value-default"), ("unit", "value-unit"))
    for field, kind in fields:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            changes.append(Change(kind, command, False, "not a constraint", name, before, after))
    return changes


def describe(value: Value) -> str:
    """Short text of a value constraint: ``integer 1-1440``, ``one of a, b``, ``untyped``."""
    if value.type == "none":
        return "no value"
    if value.type == "text":
        return "untyped"
    return constraint_of(Parameter("", value=value)).describe()


def _row_words(name: str) -> set[str]:
    """Keywords (``kw:``) and arguments (``arg:``) a parameter row or form names."""
    try:
        tree = parse_form(name)
    except NotationError:
        return {f"kw:{word}" for word in name.split()}
    return {f"kw:{k.lower()}" for k in keywords(tree)} | {f"arg:{a}" for a in arguments(tree)}


def _form_words(forms: tuple[str, ...]) -> set[str]:
    return set().union(*(_row_words(f) for f in forms)) if forms else set()


def _row_removed(command: str, name: str, value: Value, words: set[str]) -> Change:
    """A row removed: breaking when a word it describes is gone from every form."""
    gone = bool(_row_words(name) - words)
    detail = "no longer in any form" if gone else "still in the syntax, no longer described"
    return Change("parameter-removed", command, gone, detail, name, old=describe(value))


def _type_change(command: str, name: str, old: Value, new: Value) -> Change:
    """A type change: breaking unless one side is untyped."""
    untyped = "text" in (old.type, new.type)
    detail = "constraint unknown on one side" if untyped else "values of the old type may be rejected"
    return Change("value-type", command, not untyped, detail, name, describe(old), describe(new))


def _bounds(
    command: str, kind: ChangeKind, name: str, old: Value, new: Value, low: str, high: str
) -> list[Change]:
    """One change when the bounds ``low``/``high`` of two values differ."""
    o_low, o_high = getattr(old, low), getattr(old, high)
    n_low, n_high = getattr(new, low), getattr(new, high)
    if (o_low, o_high) == (n_low, n_high):
        return []
    narrowed = _moved_in(o_low, n_low, low=True) or _moved_in(o_high, n_high, low=False)
    widened = _moved_in(n_low, o_low, low=True) or _moved_in(n_high, o_high, low=False)
    detail = "shifted" if narrowed and widened else "narrowed" if narrowed else "widened"
    return [Change(kind, command, narrowed, detail, name, describe(old), describe(new))]


def _moved_in(before: int | None, after: int | None, low: bool) -> bool:
    """True when the bound ``after`` excludes values ``before`` allowed (None: open bound)."""
    if after is None:
        return False
    if before is None:
        return True
    return after > before if low else after < before


def _range_change(command: str, name: str, old: Value, new: Value) -> list[Change]:
    return _bounds(command, "value-range", name, old, new, "min", "max") if old.type == "integer" else []


def _length_change(command: str, name: str, old: Value, new: Value) -> list[Change]:
    if old.type != "string":
        return []
    return _bounds(command, "value-length", name, old, new, "min_length", "max_length")


def _chars(value: Value) -> str:
    """Short text of what characters a string allows."""
    spaces = "spaces allowed (quoted)" if value.spaces else "no spaces"
    return spaces + (f", not {' '.join(sorted(value.forbidden))}" if value.forbidden else "")


def _chars_change(command: str, name: str, old: Value, new: Value) -> list[Change]:
    """Spaces no longer allowed or characters newly forbidden are breaking."""
    if old.type != "string" or _chars(old) == _chars(new):
        return []
    lost_spaces = bool(old.spaces) and not new.spaces
    newly_forbidden = set(new.forbidden or "") - set(old.forbidden or "")
    breaking = lost_spaces or bool(newly_forbidden)
    detail = "characters allowed before may be rejected" if breaking else "more characters allowed"
    return [Change("value-characters", command, breaking, detail, name, _chars(old), _chars(new))]


def _choice_changes(command: str, name: str, old: Value, new: Value) -> list[Change]:
    """One change per choice removed (breaking) or added, compared without case."""
    before = {c.lower(): c for c in old.choices or []}
    after = {c.lower(): c for c in new.choices or []}
    removed = [
        Change("choice-removed", command, True, "no longer accepted", name, old=c)
        for k, c in before.items()
        if k not in after
    ]
    added = [
        Change("choice-added", command, False, "new choice", name, new=c)
        for k, c in after.items()
        if k not in before
    ]
    return removed + added
