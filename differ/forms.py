"""Syntax forms (main or undo) of one command: added, removed, or changed.

Forms are matched by their canonical text. Of the forms only one side has, a removed and
an added form that look alike (:func:`pair_similar`: the leading keywords of one start
the other's and their tokens are similar; most similar pairs first) are reported as one
changed form. A changed or removed form is breaking unless some form of the new version
accepts every line it accepted (:func:`covers_text`).
"""

from __future__ import annotations

import os
from difflib import SequenceMatcher
from typing import NamedTuple

from .changes import Change, ChangeKind
from .covers import covers_text

SIMILAR = 0.5  # least token similarity for a removed and an added form to be one change


class _Kinds(NamedTuple):
    """The kinds of change of main forms, or of undo forms."""

    added: ChangeKind
    removed: ChangeKind
    changed: ChangeKind


_FORM = _Kinds("form-added", "form-removed", "form-changed")
_UNDO_FORM = _Kinds("undo-form-added", "undo-form-removed", "undo-form-changed")


def compare_forms(
    command: str, old: tuple[str, ...], new: tuple[str, ...], undo: bool = False
) -> list[Change]:
    """Changes between the old and new forms (canonical texts) of one command."""
    kinds = _UNDO_FORM if undo else _FORM
    removed = [f for f in old if f not in new]
    added = [f for f in new if f not in old]
    pairs = pair_similar(removed, added)
    paired_old = {o for o, _ in pairs}
    paired_new = {n for _, n in pairs}
    changes = [_changed(command, kinds.changed, o, n, new) for o, n in pairs]
    changes += [_removed(command, kinds.removed, o, new) for o in removed if o not in paired_old]
    changes += [Change(kinds.added, command, False, "new form", new=n) for n in added if n not in paired_new]
    return changes


def leading_keywords(form: str) -> tuple[str, ...]:
    """The keywords a marked line starts with, up to its first argument or group."""
    words = form.split()
    end = next((i for i, w in enumerate(words) if not _is_keyword(w)), len(words))
    return tuple(w.lower() for w in words[:end])


def _is_keyword(token: str) -> bool:
    return token not in ("{", "}", "[", "]", "|", "*") and not token.startswith(("<", "&<"))


def same_start(old: str, new: str) -> bool:
    """The leading keywords of one form start the other's (``undo x`` and ``undo x all``)."""
    a, b = leading_keywords(old), leading_keywords(new)
    shorter = min(len(a), len(b))
    return a[:shorter] == b[:shorter]


def similarity(old: str, new: str) -> float:
    """How much of the shorter form, past the leading keywords both share, the other keeps.

    Tokens matched in order (difflib) over the shorter remainder: 1.0 when one form is the
    other with items added; an empty remainder counts as kept entirely.
    """
    shared = len(os.path.commonprefix([leading_keywords(old), leading_keywords(new)]))
    rest_a, rest_b = old.split()[shared:], new.split()[shared:]
    if not rest_a or not rest_b:
        return 1.0
    blocks = SequenceMatcher(None, rest_a, rest_b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) / min(len(rest_a), len(rest_b))


def pair_similar(removed: list[str], added: list[str]) -> list[tuple[str, str]]:
    """Removed and added forms taken for one edited form, most similar pairs first.

    A pair needs :func:`same_start` and a :func:`similarity` of at least :data:`SIMILAR`:
    ``demo trace off`` and ``demo trace level <level>`` stay two forms.
    """
    scored = sorted((-similarity(o, n), o, n) for o in removed for n in added if same_start(o, n))
    pairs: list[tuple[str, str]] = []
    used_old: set[str] = set()
    used_new: set[str] = set()
    for score, o, n in scored:
        if -score >= SIMILAR and o not in used_old and n not in used_new:
            pairs.append((o, n))
            used_old.add(o)
            used_new.add(n)
    return pairs


def _changed(command: str, kind: ChangeKind, old: str, new: str, new_forms: tuple[str, ...]) -> Change:
    """An edited form: breaking unless the new form, or another one, accepts all old lines."""
    keeper = _keeper(old, new_forms)
    if covers_text(new, old):
        breaking, detail = False, "accepts more: every line valid before is still valid"
    elif keeper is not None:
        breaking, detail = False, f"lines valid before are still accepted by: {keeper}"
    elif covers_text(old, new):
        breaking, detail = True, "accepts less: lines valid before may be rejected"
    else:
        breaking, detail = True, "lines valid before may be rejected"
    return Change(kind, command, breaking, detail, old=old, new=new)


def _removed(command: str, kind: ChangeKind, old: str, new_forms: tuple[str, ...]) -> Change:
    """A removed form: breaking unless another form accepts all its lines."""
    keeper = _keeper(old, new_forms)
    if keeper is not None:
        return Change(kind, command, False, f"its lines are still accepted by: {keeper}", old=old)
    return Change(kind, command, True, "no remaining form accepts its lines", old=old)


def _keeper(old: str, new_forms: tuple[str, ...]) -> str | None:
    """The first new form that accepts every line ``old`` accepted, if any."""
    return next((f for f in new_forms if covers_text(f, old)), None)
