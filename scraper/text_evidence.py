"""Evidence for keyword/argument marks of a text page beyond its Parameters table.

When the table is cut off, dropped or flattened beyond reading, the page's Format lines
still say something (PAGE-FORMATS.md, "Inference for text"):

* a form that is the command's name and one more word (``databits databitvalue``,
  ``lcd [ directory ]``) names a value with that word, when no other form writes it;
* forms that are the command's name and one more word each, a different one per form
  (``lacp timeout slow`` / ``lacp timeout fast``), list alternatives: keywords.

Each guess is a :class:`~.marks.Hint` with its reason, for a warning naming the word.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .marks import ARGUMENT, KEYWORD, Hint, plain_tokens, plain_words

_ABSENT = "absent from the Parameters table"
# Words Huawei references use as switches at the end of a command, never as values.
SWITCHES = frozenset({"enable", "disable", "all", "verbose", "brief", "statistics", "default"})


def page_hints(lines: Iterable[str], leading: Sequence[str]) -> dict[str, Hint]:
    """Guesses from the page's forms for words the table may not describe."""
    forms = [_after_undo(line) for line in lines]
    sole = list(dict.fromkeys(w for w in (_sole_word(f, leading) for f in forms) if w))
    if len(sole) == 1:
        word = sole[0]
        elsewhere = sum(plain_words(f).count(word) for f in forms if _sole_word(f, leading) != word)
        if elsewhere:
            return {}
        reason = f"{_ABSENT}; the one word its forms add to the command's name"
        return {word: Hint(ARGUMENT, reason)}
    reason = f"{_ABSENT}; forms differ only in it ({', '.join(sole)}): alternatives"
    return {word: Hint(KEYWORD, reason) for word in sole}


def _after_undo(line: str) -> str:
    return line.strip().removeprefix("undo ")


def _sole_word(form: str, leading: Sequence[str]) -> str:
    """The one word a form adds to the command's name, optionally in ``[ ]``; else ''."""
    tokens = [t for t, _ in plain_tokens(form)]
    words = plain_words(form)
    if words[: len(leading)] != list(leading) or len(words) != len(leading) + 1:
        return ""
    if words[-1] in SWITCHES:
        return ""
    return words[-1] if all(t in ("[", "]") for t in tokens if t not in words) else ""
