"""One spelling per view name across a manual.

Manuals write one view in several ways (``100ge sub-interface view`` beside ``100GE
interface view``, ``system view`` on one page and ``System view`` on 405). The first word
of a view name, and any word the manual mostly writes with two capitals or more (``100GE``,
``AAA``, ``RADIUS``), takes the spelling the manual uses most for that word in its view
names (counted over the records; a tie keeps the one with more capitals); other words keep
their case (``System view of the virtual system``). The records are read with
these names everywhere (the store's ``load_folder``), so the site, the checker, the
bindings and the changelog all see one name per view.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .record import Record

_WORD = re.compile(r"\S+")


def normalise_views(records: list[Record]) -> list[Record]:
    """The records with each view name spelled as the manual spells it most (see the module doc)."""
    names = [v.strip() for r in records for v in r.views]
    first = _best(Counter(w for v in names for w in _WORD.findall(v)[:1]))
    anywhere = _best(Counter(w for v in names for w in _WORD.findall(v)))

    def spell(m: re.Match[str]) -> str:
        key = m.group(0).casefold()
        if m.start() == 0:
            return first[key]
        word = anywhere[key]
        return word if _capitals(word) >= 2 else m.group(0)

    out = []
    for record in records:
        views = _unique(_WORD.sub(spell, v.strip()) for v in record.views)
        out.append(record if views == record.views else replace(record, views=views))
    return out


def _best(counts: Counter[str]) -> dict[str, str]:
    """The most used spelling of each word (casefolded), more capitals first on a tie."""
    best: dict[str, str] = {}
    for word, n in counts.items():
        key = word.casefold()
        current = best.get(key)
        if current is None or (n, _capitals(word), word) > (counts[current], _capitals(current), current):
            best[key] = word
    return best


def _capitals(word: str) -> int:
    return sum(c.isupper() for c in word)


def _unique(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(names))
