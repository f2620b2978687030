"""Does one syntax form accept every line another accepts? A conservative structural check.

``covers(new, old)`` is True only when every command line the ``old`` form accepts is also
accepted by ``new`` (values aside: value constraints are compared separately, per
parameter). It walks both trees side by side and knows these widenings:

- an optional item added (``a`` -> ``a [ b ]``), anywhere nullable in ``new`` is skipped;
- an alternative added to a group (``{ a | b }`` -> ``{ a | b | c }``), an item wrapped in a
  group (``a`` -> ``{ a | c }``, ``a`` -> ``[ a ]``), a required group made optional;
- a group of ``old`` whose every alternative ``new`` covers (``{ a | b }`` read as the two
  forms it stands for);
- a repeat range widened (``&<1-4>`` -> ``&<1-8>``), a single item made repeatable
  (``<x>`` -> ``<x> &<1-4>``), a group made ``*`` (any combination).

Anything else (a keyword or argument renamed, removed or made required, items reordered,
a ``*`` group losing its ``*``) gives False, so a False may be a widening this check does
not recognise; the differ then reports the change as breaking, which errs on the safe side.
"""

from __future__ import annotations

from functools import lru_cache

from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence, nullable

Items = tuple[Node, ...]


def covers_text(new: str, old: str) -> bool:
    """:func:`covers` on two marked lines; a line that does not parse covers only itself."""
    if new == old:
        return True
    try:
        return covers(parse_form(new), parse_form(old))
    except NotationError:
        return False


def covers(new: Node, old: Node) -> bool:
    """True when every line ``old`` accepts is accepted by ``new`` (False when unsure)."""
    return _covers_seq(_items(new), _items(old))


def _items(node: Node) -> Items:
    return node.items if isinstance(node, Sequence) else (node,)


@lru_cache(maxsize=1 << 16)
def _covers_seq(new: Items, old: Items) -> bool:
    """Items ``new`` accept every line of items ``old``.

    A single-choice group at the head of ``old`` is expanded into the sequences it stands
    for; otherwise the head of ``new`` is either skipped (when it may match nothing) or
    matched against a run of ``old``'s leading items.
    """
    if not old:
        return all(nullable(item) for item in new)
    head = old[0]
    if isinstance(head, Choice) and not head.multi:
        return all(_covers_seq(new, rest) for rest in _expansions(head, old[1:]))
    if not new:
        return False
    if nullable(new[0]) and _covers_seq(new[1:], old):
        return True
    return any(_covers_run(new[0], old[:k]) and _covers_seq(new[1:], old[k:]) for k in range(1, len(old) + 1))


def _expansions(group: Choice, rest: Items) -> list[Items]:
    """The item sequences a single-choice group followed by ``rest`` stands for."""
    options = [alt.items + rest for alt in group.alternatives]
    return options if group.required else [*options, rest]


def _covers_run(new: Node, run: Items) -> bool:
    """One item of ``new`` accepts every line of the consecutive items ``run``."""
    if len(run) == 1 and _covers_item(new, run[0]):
        return True
    if isinstance(new, Choice):  # one alternative of a group, `*` or not, may stand alone
        return any(_covers_seq(alt.items, run) for alt in new.alternatives)
    if isinstance(new, Repeat) and new.min <= 1 <= new.max:
        return _covers_seq(_items(new.item), run)
    return False


def _covers_item(new: Node, old: Node) -> bool:
    """Rule for two single items of the same kind (keyword, argument, ``*`` group, repeat)."""
    if isinstance(old, Keyword):
        return isinstance(new, Keyword) and new.text.lower() == old.text.lower()
    if isinstance(old, Argument):
        return isinstance(new, Argument) and new.name == old.name
    if isinstance(old, Repeat):
        return isinstance(new, Repeat) and _covers_repeat(new, old)
    if isinstance(old, Choice):
        return isinstance(new, Choice) and new.multi and _covers_multi(new, old)
    return False


def _covers_repeat(new: Repeat, old: Repeat) -> bool:
    """A repeat whose range holds the old range, of an item covering the old item."""
    return new.min <= old.min and old.max <= new.max and _covers_seq(_items(new.item), _items(old.item))


def _covers_multi(new: Choice, old: Choice) -> bool:
    """A ``*`` group (any combination of its alternatives, each at most once) covering another.

    Each old alternative needs its own new alternative (so that combinations still fit);
    the pairing is found greedily, which may miss one that exists (False, the safe side).
    """
    if new.required and not old.required:
        return False
    free = list(new.alternatives)
    for alt in old.alternatives:
        match = next((n for n in free if _covers_seq(n.items, alt.items)), None)
        if match is None:
            return False
        free.remove(match)
    return True
