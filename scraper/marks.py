"""Keyword and argument marks of syntax lines (NOTATION.md, "Marks").

Two sources of marks:

* HedEx HTML keeps them: bold (``<b>``, ``<strong>``, ``span.cmdname``) is a keyword,
  italic (``<i>``, ``<em>``, ``span.varname``) an argument, plain text holds the
  brackets. :func:`html_format_line` turns one Format paragraph into canonical marked
  form.
* A plain-text dump has lost them. :func:`infer_marks` decides keyword or argument for
  every word from what the Parameters table says (PAGE-FORMATS.md, "Inference for
  text") and returns the guesses that could be wrong, for the caller to record.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

import lxml.html
from lxml import etree
from vrpcmds_runtime.notation import WORD, NotationError, canonical

# One token of an unmarked line: a repeat mark, a bracket or bar, or a word.
_PLAIN_TOKEN = re.compile(r"&<\d+-\d+>|[{}\[\]|*]|[^\s{}\[\]|*]+")
_REPEAT = re.compile(r"&<\d+-\d+>")
_BRACKETS = frozenset("{}[]|*")
_WORD = re.compile(WORD)

_BOLD_TAGS = frozenset({"b", "strong"})
_ITALIC_TAGS = frozenset({"i", "em"})

# How a word of a syntax line is taken, and the mark of a run of text in a page (none: plain).
WordKind = Literal["keyword", "argument"]
Mark = Literal[WordKind, "plain"]
KEYWORD: Final = "keyword"
ARGUMENT: Final = "argument"
PLAIN: Final = "plain"
# How Huawei references name values: a typical last part (``-type``, ``-number``, ``-name``,
# ``-id``...), the same glued on (``databitvalue``, ``slotnum``), a few whole words, or camelCase.
_VALUE_PARTS = "type|number|num|name|id|address|index|value|mask|length|time|interval|count|size|string"
_ARGUMENT_NAME = re.compile(
    rf"-(?P<dash>{_VALUE_PARTS}|wildcard|netmask|filename|prefix|text|password)\d*$"
    r"|^[a-z]{2,}(?P<glued>value|num|mask|index)\d*$"
    r"|^(?P<whole>value|text)\d*$"
    r"|^[a-z]+[A-Z]\w*$"
)


# --- HTML -------------------------------------------------------------------------


def html_format_line(p: Any, unmarked: list[str] | None = None) -> str:
    """One ``<p>`` of a HedEx Format section in canonical marked form.

    ``p`` is an lxml element (a BeautifulSoup tag is accepted too: it is re-read with
    lxml, so that one walker decides the marks). Bold text gives keywords, italic text
    arguments (each whitespace-separated word its own token; adjacent tags are never
    glued), plain text the brackets, bars, ``*`` and ``&<m-n>``. A plain word outside
    any mark is kept as a keyword and appended to ``unmarked`` so that the caller can
    report it. The result is normalised by the grammar parser; a line it rejects
    raises NotationError.
    """
    element = p if isinstance(p, etree._Element) else _from_soup(p)
    etree.strip_tags(element, etree.Comment, etree.ProcessingInstruction)  # their tails stay
    tokens: list[str] = []
    for mark, text in marked_runs(element):
        try:
            tokens.extend(_mark_tokens(mark, text, unmarked))
        except NotationError as exc:  # the column where the bad word would have stood
            line = " ".join(tokens)
            raise NotationError(exc.message, len(line) + 1 + bool(line), line) from None
    return canonical(" ".join(tokens))


def _from_soup(tag: Any) -> etree._Element:
    """A BeautifulSoup tag re-read as an lxml element."""
    return lxml.html.fragment_fromstring(str(tag), create_parent="div")[0]


def marked_runs(element: etree._Element) -> Iterator[tuple[Mark, str]]:
    """Every piece of text inside ``element`` with the innermost mark around it.

    Visits each element once (iteratively). lxml's walker does not visit comments:
    the element must hold none (see :func:`html_format_line`), or their tails are lost.
    """
    marks: list[Mark] = [PLAIN]
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start":
            marks.append(_mark_of(node, marks[-1]))
            if node.text:
                yield marks[-1], node.text
            continue
        marks.pop()
        if node is not element and node.tail:
            yield marks[-1], node.tail


def _mark_of(node: etree._Element, outer: Mark) -> Mark:
    """KEYWORD, ARGUMENT or the mark of the enclosing element."""
    tag = node.tag
    names = (node.get("class") or "").split()
    if tag in _ITALIC_TAGS or "varname" in names:
        return ARGUMENT
    if tag in _BOLD_TAGS or "cmdname" in names:
        return KEYWORD
    return outer


def _mark_tokens(mark: Mark, text: str, unmarked: list[str] | None) -> list[str]:
    """The canonical tokens of one text run under one mark.

    A word that is not a word of the notation (``<x>`` or ``a"b`` written in the page)
    raises NotationError: the line cannot be read, rather than be read as something else.
    """
    out: list[str] = []
    for token in _PLAIN_TOKEN.findall(text):
        if token in _BRACKETS or _REPEAT.fullmatch(token):
            out.append(token)
            continue
        if not _WORD.fullmatch(token):
            raise NotationError(f"unknown mark in {token!r}: not a keyword or an argument name", 1, text)
        if mark == ARGUMENT:
            out.append(f"<{token}>")
        else:
            if mark == PLAIN and unmarked is not None:
                unmarked.append(token)
            out.append(token)
    return out


# --- applicability lines --------------------------------------------------------------

_APPLICABILITY = re.compile(r"^\s*For\s+(?P<models>.+?)\s*:\s*$")
_AND = re.compile(r"^\s*and\s+|\s+and\s+(?![^()]*\))")
_MODEL = re.compile(r"^[A-Z][A-Za-z0-9]*\d[A-Za-z0-9-]*(?:\s+series)?(?:\s*\([^()]*\))?$")


def is_applicability_line(text: str) -> list[str]:
    """The product models of a line like ``For CE6885, CE6885-LL (low latency mode):``.

    Such lines qualify the syntax forms after them; they are not syntax. Returns the
    models in order (qualifiers in parentheses kept with their model), or an empty
    list when the line is not an applicability line.
    """
    match = _APPLICABILITY.match(text.replace("\u00a0", " "))
    if match is None:
        return []
    models = [m.strip() for m in _split_models(match.group("models"))]
    if not models or not all(_MODEL.match(m) for m in models):
        return []
    return models


def _split_models(text: str) -> list[str]:
    """Split a model list on commas and ``and``, never inside parentheses."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    out: list[str] = []
    for part in parts:
        out.extend(p for p in _AND.split(part) if p.strip())
    return out


# --- inference for plain text ---------------------------------------------------------


@dataclass(frozen=True)
class Guess:
    """A keyword/argument decision that could be wrong: the word, where, what and why."""

    word: str
    column: int
    kind: WordKind
    reason: str


@dataclass(frozen=True)
class _Word:
    text: str
    column: int
    index: int  # position among all tokens of the line


def plain_tokens(line: str) -> list[tuple[str, int]]:
    """Tokens of an unmarked syntax line with their 1-based columns."""
    return [(m.group(0), m.start() + 1) for m in _PLAIN_TOKEN.finditer(line)]


def plain_words(line: str) -> list[str]:
    """The words of an unmarked syntax line (brackets, bars and repeat marks dropped)."""
    return [t for t, _ in plain_tokens(line) if _is_word(t)]


def _is_word(token: str) -> bool:
    return token not in _BRACKETS and not _REPEAT.fullmatch(token)


@dataclass(frozen=True)
class Hint:
    """A keyword/argument guess made from other evidence than the table (the page's other
    forms, the other pages of the manual), with the reason given in its warning."""

    kind: WordKind
    reason: str


PROSE_VALUE = "the Parameters table describes its value only in prose"


def infer_marks(
    line: str,
    known_arguments: Collection[str],
    known_keywords: Collection[str],
    leading: Sequence[str] = (),
    likely_arguments: Collection[str] | Mapping[str, Hint] = (),
) -> tuple[str, list[Guess]]:
    """Mark an unmarked syntax line: which words are keywords, which arguments.

    Rules (PAGE-FORMATS.md, "Inference for text"), first match wins:

    * the command's leading keywords (``leading``, the title's words, after an optional
      ``undo``) at the start of the line are keywords;
    * a word just before ``&<m-n>`` (alone or alone in its group) is an argument: the
      notation never repeats a keyword;
    * a word written twice in a row is the keyword first and its argument after it
      (``interval interval``, ``router-id router-id``);
    * a word in both ``known_arguments`` and ``known_keywords`` is, alone, a keyword
      (guess);
    * a word the Parameters table gives a value (``known_arguments``) is an argument;
      one given ``-`` or listed as an enumeration alternative (``known_keywords``) a
      keyword, unless it is named like a value (guess);
    * ``likely_arguments``: words the table describes only in prose are arguments
      (guess); given as a mapping, each word's :class:`Hint` decides it (guess);
    * any other title word is a keyword; any other word is an argument when named like
      a value (``ipv4-address``), else a keyword (guesses).

    Returns the line in canonical marked form and the guesses that could be wrong.
    A line the grammar parser rejects raises NotationError.
    """
    hints = (
        dict(likely_arguments)
        if isinstance(likely_arguments, Mapping)
        else dict.fromkeys(likely_arguments, Hint(ARGUMENT, PROSE_VALUE))
    )
    evidence = _Evidence(set(known_arguments), set(known_keywords), hints, set(leading))
    tokens = plain_tokens(line)
    words = [_Word(t, col, i) for i, (t, col) in enumerate(tokens) if _is_word(t)]
    lead = _leading_count(words, leading)
    out = [text for text, _ in tokens]
    guesses: list[Guess] = []
    for pos, word in enumerate(words):
        if pos < lead:
            continue
        kind, reason = _classify(words, pos, tokens, evidence)
        if kind == ARGUMENT:
            out[word.index] = f"<{word.text}>"
        if reason:
            guesses.append(Guess(word.text, word.column, kind, reason))
    return canonical(" ".join(out)), guesses


@dataclass(frozen=True)
class _Evidence:
    arguments: set[str]
    keywords: set[str]
    hints: dict[str, Hint]
    title: set[str]


def _leading_count(words: list[_Word], leading: Sequence[str]) -> int:
    """How many words at the start of the line are the command's own keywords."""
    count = 0
    if words and words[0].text == "undo" and words[0].index == 0 and list(leading[:1]) != ["undo"]:
        count = 1
    for expected in leading:
        if count >= len(words) or words[count].text != expected or words[count].index != count:
            break
        count += 1
    return count


def _classify(
    words: list[_Word], pos: int, tokens: list[tuple[str, int]], evidence: _Evidence
) -> tuple[WordKind, str]:
    """KEYWORD or ARGUMENT for ``words[pos]``, and the reason when it is a guess."""
    text = words[pos].text
    if _repeated(words[pos], tokens):
        return ARGUMENT, ""
    known = text in evidence.arguments or text in evidence.keywords
    pair = _pair_position(words, pos, tokens)
    if pair is not None:
        return pair, "" if known else f"{_ABSENT}; {_PAIR_REASONS[pair]}"
    is_arg, is_kw = text in evidence.arguments, text in evidence.keywords
    if is_arg and is_kw:
        return KEYWORD, "described both as a keyword and with a value; alone here, taken as a keyword"
    if is_arg:
        return ARGUMENT, ""
    if is_kw:
        return _dash_keyword(words[pos], tokens, evidence)
    hint = evidence.hints.get(text)
    if hint is not None:
        return hint.kind, hint.reason
    if text in evidence.title:
        return KEYWORD, ""
    return _from_the_line(words[pos], tokens)


def _dash_keyword(word: _Word, tokens: list[tuple[str, int]], evidence: _Evidence) -> tuple[WordKind, str]:
    """A word the table gives ``-`` (or lists as an alternative): a keyword, unless it is
    named the way values are and no group follows it; tables give ``-`` to arguments
    such as ``interface-type`` often enough that the name is the better evidence."""
    suffix = value_name_suffix(word.text)
    if not suffix or word.text in evidence.title or _group_follows(word, tokens):
        return KEYWORD, ""
    return ARGUMENT, f"given '-' in the Parameters table, yet named like a value ({suffix})"


_ABSENT = "absent from the Parameters table or given no value there"
_PAIR_REASONS: dict[WordKind, str] = {
    KEYWORD: "the same word follows it as its argument",
    ARGUMENT: "it follows the keyword of the same name",
}


def paired_words(lines: Iterable[str]) -> set[str]:
    """Words some line writes twice in a row (``interval interval``, ``hello [ hello ]``):
    each is both a keyword and its argument, so that alone (``undo timer { interval |
    hello }``) it is the keyword."""
    found: set[str] = set()
    for line in lines:
        tokens = plain_tokens(line)
        words = [_Word(t, col, i) for i, (t, col) in enumerate(tokens) if _is_word(t)]
        found |= {w.text for i, w in enumerate(words) if _neighbour_is_same(words, i, i + 1, tokens)}
    return found


def _pair_position(words: list[_Word], pos: int, tokens: list[tuple[str, int]]) -> WordKind | None:
    """``interval interval``: the keyword comes first, the argument after it; None when
    the word is not next to itself."""
    if _neighbour_is_same(words, pos, pos + 1, tokens):
        return KEYWORD
    if _neighbour_is_same(words, pos - 1, pos, tokens):
        return ARGUMENT
    return None


def _from_the_line(word: _Word, tokens: list[tuple[str, int]]) -> tuple[WordKind, str]:
    """A word the table says nothing about, not next to itself: an argument when named the
    way values are (``ipv4-address``, ``process-id``) unless a group follows it
    (``packet-type { a | b }``); otherwise a keyword."""
    suffix = value_name_suffix(word.text)
    if suffix and not _group_follows(word, tokens):
        return ARGUMENT, f"{_ABSENT}; named like a value ({suffix})"
    return KEYWORD, _ABSENT


def _group_follows(word: _Word, tokens: list[tuple[str, int]]) -> bool:
    """Whether a ``{`` group opens right after the word (its alternatives are its values)."""
    return word.index + 1 < len(tokens) and tokens[word.index + 1][0] == "{"


def looks_like_argument_name(word: str) -> bool:
    """Named the way arguments usually are: ``interface-type``, ``vlan-id2``, ``beginIfNum``."""
    return bool(_ARGUMENT_NAME.search(word))


def value_name_suffix(word: str) -> str:
    """What names ``word`` like a value in Huawei references (``-address`` of
    ``ipv4-address``, ``value`` of ``databitvalue``, ``camelCase``), or '' when nothing does."""
    match = _ARGUMENT_NAME.search(word)
    if match is None:
        return ""
    if match.group("dash"):
        return f"-{match.group('dash')}"
    return match.group("glued") or match.group("whole") or "camelCase"


def _repeated(word: _Word, tokens: list[tuple[str, int]]) -> bool:
    """Whether ``&<m-n>`` follows the word, directly or closing a group holding only it."""
    after = [t for t, _ in tokens[word.index + 1 : word.index + 3]]
    before = tokens[word.index - 1][0] if word.index > 0 else ""
    if after[:1] and _REPEAT.fullmatch(after[0]):
        return True
    return (
        before in ("{", "[")
        and len(after) == 2
        and after[0] in ("}", "]")
        and bool(_REPEAT.fullmatch(after[1]))
    )


def _neighbour_is_same(words: list[_Word], first: int, second: int, tokens: list[tuple[str, int]]) -> bool:
    """Whether words ``first`` and ``second`` are the same word with only openers between."""
    if first < 0 or second >= len(words):
        return False
    a, b = words[first], words[second]
    between = [t for t, _ in tokens[a.index + 1 : b.index]]
    return a.text == b.text and all(t in ("{", "[") for t in between)
