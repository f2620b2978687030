"""Evidence from the other pages of a manual, for words a text page could only guess.

A text dump whose parameter table was cut or flattened guesses some words of its Format
lines as keywords (each named in a ``marks-inferred`` warning). In a batch, the other pages
of the same manual know better: a word that is an argument on at least
:data:`MIN_PAGES` other pages and a keyword on none (counting only marks a page did not
guess) is an argument here too. Each such change is a ``marks-inferred`` warning naming the
word and the pages' count.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from vrpcmds_runtime.notation import NotationError, format_form, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence, walk

MIN_PAGES = 2
_GUESS = re.compile(r"^(?P<words>.+?) taken as (?P<kind>keyword|argument)s? \(")

Data = dict[str, Any]  # a record as plain data (Record.to_dict)


def guessed(record: Data, kind: str = "keyword") -> set[str]:
    """The words a record's own marks-inferred warnings say were guessed as ``kind``."""
    out: set[str] = set()
    for warning in record.get("warnings", []):
        if warning.get("kind") != "marks-inferred":
            continue
        summary = str(warning.get("message", "")).split(": ", 1)[-1]
        for part in summary.split("; "):
            m = _GUESS.match(part)
            if m and m.group("kind") == kind:
                out.update(w.strip() for w in m.group("words").split(","))
    return out


def _forms(record: Data) -> Iterable[Node]:
    for line in (*record.get("syntax", []), *record.get("undo_syntax", [])):
        try:
            yield parse_form(line)
        except NotationError:
            continue


def _known(record: Data) -> tuple[set[str], set[str]]:
    """The arguments and keywords a record's forms mark without guessing them."""
    args: set[str] = set()
    words: set[str] = set()
    for form in _forms(record):
        for node in walk(form):
            if isinstance(node, Argument):
                args.add(node.name.lower())
            elif isinstance(node, Keyword):
                words.add(node.text.lower())
    unsure = {w.lower() for w in guessed(record, "keyword") | guessed(record, "argument")}
    return args - unsure, words - unsure


def apply_manual_evidence(records: dict[str, Data], others: Iterable[Data] = ()) -> list[str]:
    """Turn guessed keywords into arguments where the other pages agree (see the module doc).

    ``records`` (path -> data) are changed in place; ``others`` are the manual's other
    records, read only. Returns the paths of the records changed.
    """
    everyone = [*records.values(), *others]
    known = [_known(r) for r in everyone]
    as_arg = Counter(w for args, _ in known for w in args)
    as_kw = Counter(w for _, kws in known for w in kws)
    changed: list[str] = []
    for path, record in records.items():
        candidates = guessed(record)
        if not candidates:
            continue
        own_args, own_kws = _known(record)
        turn = {
            w
            for w in candidates
            if as_arg[w.lower()] - (w.lower() in own_args) >= MIN_PAGES and as_kw[w.lower()] - (w.lower() in own_kws) == 0
        }
        if turn and _rewrite(record, turn):
            changed.append(path)
    return changed


def _rewrite(record: Data, words: set[str]) -> bool:
    """Mark ``words`` as arguments in every form of the record; a warning per word."""
    done: set[str] = set()
    for field in ("syntax", "undo_syntax"):
        lines = []
        for line in record.get(field, []):
            try:
                tree = parse_form(line)
            except NotationError:
                lines.append(line)
                continue
            new = format_form(_as_arguments(tree, words, done))
            lines.append(new)
        record[field] = lines
    for word in sorted(done):
        record.setdefault("warnings", []).append(
            {
                "section": "Format",
                "kind": "marks-inferred",
                "message": f"{word} taken as argument (an argument on {MIN_PAGES} or more other pages of "
                "this manual, a keyword on none)",
            }
        )
    return bool(done)


def _as_arguments(node: Node, words: set[str], done: set[str]) -> Node:
    if isinstance(node, Keyword):
        if node.text in words:
            done.add(node.text)
            return Argument(node.text)
        return node
    if isinstance(node, Argument):
        return node
    if isinstance(node, Sequence):
        return Sequence(tuple(_as_arguments(i, words, done) for i in node.items))
    if isinstance(node, Choice):
        alts = tuple(_as_arguments(a, words, done) for a in node.alternatives)
        return Choice(alts, node.required, node.multi)  # type: ignore[arg-type]
    assert isinstance(node, Repeat)
    return Repeat(_as_arguments(node.item, words, done), node.min, node.max)
