"""One command identity as the differ sees it: the union of the records that document it.

A command documented on several pages (one per view or variant) is one command: its forms,
undo forms, parameters and views are the union of its pages'. A parameter described on
several pages with different values keeps the widest value (see :func:`widest`), and the
level is the highest one any page states. Each page's own parameters are kept too
(:class:`Page`), so that a value narrowed on one page of several is still seen even when
another page keeps the wider value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from vrpcmds_model.record import Record, Value
from vrpcmds_runtime.notation import NotationError, canonical


@dataclass(frozen=True)
class Page:
    """One record of a command: its page id, its title and the values of its own parameter rows."""

    id: str
    title: str
    parameters: dict[str, Value]  # marked parameter name -> value, as that page states it


@dataclass(frozen=True)
class Snapshot:
    """What one command identity accepts in one schema folder."""

    name: str
    forms: tuple[str, ...]  # canonical marked form, sorted, without duplicates
    undo_forms: tuple[str, ...]
    parameters: dict[str, Value]  # marked parameter name -> widest value
    views: tuple[str, ...]
    level: int | None
    level_name: str | None
    pages: tuple[Page, ...] = ()  # by page id


def snapshots(records: Iterable[Record]) -> dict[str, Snapshot]:
    """Record identity -> its snapshot, over every record of a folder."""
    groups: dict[str, list[Record]] = {}
    for record in records:
        groups.setdefault(record.name, []).append(record)
    return {name: snapshot(name, sorted(group, key=lambda r: r.id)) for name, group in sorted(groups.items())}


def snapshot(name: str, records: list[Record]) -> Snapshot:
    """The union of the records that document the command ``name``."""
    levels = [r.level for r in records if r.level is not None]
    top = max(levels, key=lambda lv: lv.number) if levels else None
    return Snapshot(
        name=name,
        forms=_forms(line for r in records for line in r.syntax),
        undo_forms=_forms(line for r in records for line in r.undo_syntax),
        parameters=_parameters(records),
        views=tuple(sorted({v for r in records for v in r.views})),
        level=top.number if top else None,
        level_name=top.name if top else None,
        pages=tuple(Page(r.id, r.title, _parameters([r])) for r in records),
    )


def canonical_text(line: str) -> str:
    """A marked line in canonical form; a line that does not parse is kept as written."""
    try:
        return canonical(line)
    except NotationError:
        return " ".join(line.split())


def _forms(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({canonical_text(line) for line in lines}))


def _parameters(records: list[Record]) -> dict[str, Value]:
    """Marked parameter name -> widest value over the records, names sorted."""
    merged: dict[str, Value] = {}
    for record in records:
        for row in record.parameters:
            key = canonical_text(row.name)
            merged[key] = widest(merged[key], row.value) if key in merged else row.value
    return dict(sorted(merged.items()))


def widest(a: Value, b: Value) -> Value:
    """One value accepting what either accepts, as far as the typed fields tell.

    Values of different types become ``text`` (anything goes); integer ranges and string
    lengths take the outer bounds (an open bound stays open); choices are joined.
    """
    if a == b:
        return a
    if a.type != b.type:
        return Value(type="text", text=a.text)
    return replace(
        a,
        min=_outer(a.min, b.min, min),
        max=_outer(a.max, b.max, max),
        min_length=_outer(a.min_length, b.min_length, min),
        max_length=_outer(a.max_length, b.max_length, max),
        choices=_joined(a.choices, b.choices),
        default=a.default if a.default == b.default else None,
        unit=a.unit if a.unit == b.unit else None,
        spaces=bool(a.spaces or b.spaces) or None,
        forbidden="".join(ch for ch in a.forbidden or "" if ch in (b.forbidden or "")) or None,
    )


def _outer(x: int | None, y: int | None, pick: Callable[[int, int], int]) -> int | None:
    return None if x is None or y is None else pick(x, y)


def _joined(x: list[str] | None, y: list[str] | None) -> list[str] | None:
    if x is None and y is None:
        return None
    return list(dict.fromkeys([*(x or []), *(y or [])]))
