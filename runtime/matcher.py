"""Match a command line against a syntax tree (NOTATION.md, "Matching").

The matcher explores the tree with backtracking and returns the best complete match,
or raises :class:`MatchError` naming the token where the line stopped fitting and what
was expected there instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .line import Binding, Role, Token, split_line
from .notation import format_form
from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence, nullable, repeated_argument

# check(argument_name, token_text) -> None when the value is acceptable, else why not.
# (In a labelled tree, arguments are named by their label; see vrpcmds_runtime.slots.)
ValueCheck = Callable[[str, str], str | None]
# rest(argument_name) -> True when the argument may take the rest of the line.
RestOfLine = Callable[[str], bool]

_MAX_MATCHES = 64


class MatchError(ValueError):
    """A line that does not fit a form.

    ``index`` is the 0-based token index where it stopped fitting (``len(tokens)`` when
    the line ended early), ``column`` the 1-based column, ``expected`` what would have
    fitted there.
    """

    def __init__(self, message: str, index: int, column: int, expected: list[str]) -> None:
        self.message = message
        self.index = index
        self.column = column
        self.expected = expected
        super().__init__(message)


@dataclass
class _State:
    values: dict[str, object] = field(default_factory=dict)
    keywords: tuple[str, ...] = ()
    exact: int = 0  # keywords matched in full (not as a prefix)
    keyword_count: int = 0
    abbreviated: tuple[tuple[int, str], ...] = ()  # (token index, keyword) of each prefix match
    roles: tuple[Role, ...] = ()

    def bind(self, name: str, value: object, role: Role | None = None) -> _State:
        values = dict(self.values)
        values.setdefault(name, value)
        roles = self.roles + (role,) if role else self.roles
        return _State(values, self.keywords, self.exact, self.keyword_count, self.abbreviated, roles)

    def choose(self, word: str, chosen: bool, exact: bool, index: int, label: str = "") -> _State:
        kws = self.keywords + (label or word,) if chosen else self.keywords
        abbreviated = self.abbreviated if exact else self.abbreviated + ((index, word),)
        role = Role(index, index + 1, "keyword", word, label)
        return _State(self.values, kws, self.exact + exact, self.keyword_count + 1, abbreviated, self.roles + (role,))

    def add(self, other: _State) -> _State:
        """This state plus the keyword counts and roles of ``other`` (a repetition matched apart)."""
        return _State(
            self.values,
            self.keywords,
            self.exact + other.exact,
            self.keyword_count + other.keyword_count,
            self.abbreviated + other.abbreviated,
            self.roles + other.roles,
        )


@dataclass
class _Failure:
    index: int = -1
    expected: dict[str, None] = field(default_factory=dict)
    reasons: dict[str, None] = field(default_factory=dict)

    def note(self, index: int, expected: str, reason: str | None = None) -> None:
        if index > self.index:
            self.index, self.expected, self.reasons = index, {}, {}
        if index == self.index:
            self.expected.setdefault(expected, None)
            if reason:
                self.reasons.setdefault(reason, None)


class _Matcher:
    def __init__(
        self, tokens: list[Token], check: ValueCheck | None, prefixes: bool, rest: RestOfLine | None = None
    ) -> None:
        self.tokens = tokens
        self.words = [t.text for t in tokens]
        self.check = check
        self.prefixes = prefixes
        self.rest = rest
        self.failure = _Failure()

    def node(self, node: Node, i: int, st: _State, chosen: bool) -> Iterator[tuple[int, _State]]:
        if isinstance(node, Keyword):
            yield from self.keyword(node, i, st, chosen)
        elif isinstance(node, Argument):
            yield from self.argument(node, i, st)
        elif isinstance(node, Sequence):
            yield from self.sequence(node.items, 0, i, st, chosen)
        elif isinstance(node, Choice):
            yield from self.choice(node, i, st)
        else:
            yield from self.repeat(node, i, st, chosen)

    def keyword(self, node: Keyword, i: int, st: _State, chosen: bool) -> Iterator[tuple[int, _State]]:
        """A keyword matches its own text, case-insensitively (or a prefix of it)."""
        if i < len(self.words):
            word, text = self.words[i].lower(), node.text.lower()
            if word == text:
                yield i + 1, st.choose(node.text, chosen, True, i, node.label)
                return
            if self.prefixes and text.startswith(word) and not self.tokens[i].quoted:
                yield i + 1, st.choose(node.text, chosen, False, i, node.label)
                return
        self.failure.note(i, repr(node.text))

    def argument(self, node: Argument, i: int, st: _State) -> Iterator[tuple[int, _State]]:
        """An argument takes one token that its value check accepts.

        An argument that ``rest`` allows may also take all the remaining tokens, joined
        by single spaces (free text the device reads to the end of the line).
        """
        if i >= len(self.words):
            self.failure.note(i, f"<{node.name}>")
            return
        ends = [i + 1]
        if self.rest is not None and len(self.words) > i + 1 and self.rest(node.ref):
            ends.append(len(self.words))
        for end in ends:
            value = " ".join(self.words[i:end])
            problem = self.check(node.ref, value) if self.check else None
            if problem:
                self.failure.note(i, f"<{node.name}>", f"{value!r} is not a valid <{node.name}>: {problem}")
                continue
            yield end, st.bind(node.ref, value, Role(i, end, "argument", node.name, node.label))

    def sequence(
        self, items: tuple[Node, ...], k: int, i: int, st: _State, chosen: bool
    ) -> Iterator[tuple[int, _State]]:
        """Items one after the other."""
        if k == len(items):
            yield i, st
            return
        for j, st2 in self.node(items[k], i, st, chosen):
            yield from self.sequence(items, k + 1, j, st2, chosen)

    def choice(self, node: Choice, i: int, st: _State) -> Iterator[tuple[int, _State]]:
        """One alternative (or, with ``*``, several distinct ones in any order)."""
        if node.multi:
            yield from self.multi(node, i, st, frozenset())
            return
        for alt in node.alternatives:
            yield from self.node(alt, i, st, True)
        if not node.required:
            yield i, st

    def multi(self, node: Choice, i: int, st: _State, used: frozenset[int]) -> Iterator[tuple[int, _State]]:
        for k, alt in enumerate(node.alternatives):
            if k in used:
                continue
            for j, st2 in self.node(alt, i, st, True):
                if j > i:
                    yield from self.multi(node, j, st2, used | {k})
        if used or not node.required or any(nullable(alt) for alt in node.alternatives):
            yield i, st

    def repeat(self, node: Repeat, i: int, st: _State, chosen: bool) -> Iterator[tuple[int, _State]]:
        """The item ``min`` to ``max`` times; its values are bound as a list."""
        for j, items, counts in self.iterations(node, i, 0):
            if len(items) >= node.min or nullable(node.item):
                out = st.add(counts)
                yield j, (out.bind(node.key, items) if items else out)

    def iterations(self, node: Repeat, i: int, count: int) -> Iterator[tuple[int, list[object], _State]]:
        """Each way to repeat the item from token ``i``: end, values, summed keyword counts."""
        if count < node.max:
            for j, sub in self.node(node.item, i, _State(), False):
                if j > i:
                    value = self._iteration_value(node, sub)
                    for k, rest, counts in self.iterations(node, j, count + 1):
                        yield k, [value] + rest, _State().add(sub).add(counts)
        yield i, [], _State()

    @staticmethod
    def _iteration_value(node: Repeat, sub: _State) -> object:
        single = repeated_argument(node)
        if single is not None:
            return sub.values[single.ref]
        return Binding(dict(sub.values), sub.keywords)  # type: ignore[arg-type]


def match(
    form: Sequence,
    line: str | list[Token],
    check: ValueCheck | None = None,
    prefixes: bool = False,
    rest: RestOfLine | None = None,
) -> Binding:
    """Match a command line against one form and return what it binds.

    Among several complete matches the one with most keywords matched in full wins
    (a keyword beats an argument that would also take the word). With ``prefixes``,
    keywords may be abbreviated; two best matches that read an abbreviation as different
    keywords raise a MatchError naming that token. ``rest`` names the arguments that may
    take the rest of the line. The Binding's ``roles`` say what each token was.
    """
    tokens = split_line(line) if isinstance(line, str) else line
    m = _Matcher(tokens, check, prefixes, rest)
    complete: list[_State] = []
    for j, st in m.node(form, 0, _State(), False):
        if j == len(tokens):
            complete.append(st)
            if len(complete) >= _MAX_MATCHES:
                break
        else:
            m.failure.note(j, "end of line")
    if not complete:
        raise _error(m, form)
    best = max(st.exact * 1000 + st.keyword_count for st in complete)
    top = [st for st in complete if st.exact * 1000 + st.keyword_count == best]
    if prefixes:
        ambiguous = _ambiguity(m, top)
        if ambiguous:
            raise ambiguous
    st = top[0]
    return Binding(st.values, st.keywords, tuple(sorted(st.roles)))  # type: ignore[arg-type]


def _ambiguity(m: _Matcher, top: list[_State]) -> MatchError | None:
    """The first abbreviated token that the best matches read as different keywords."""
    readings = [dict(st.abbreviated) for st in top]
    for index in sorted({i for r in readings for i in r}):
        meanings = {r.get(index) for r in readings}
        if len(meanings) > 1:
            tok = m.tokens[index]
            options = [repr(word) for word in sorted(w for w in meanings if w is not None)]
            said = options + ([f"{tok.text!r} as written"] if None in meanings else [])
            msg = f"ambiguous abbreviation: token {index + 1} {tok.text!r} (column {tok.column}) could be "
            return MatchError(msg + " or ".join(said), index, tok.column, options)
    return None


def _error(m: _Matcher, form: Sequence) -> MatchError:
    f = m.failure
    expected = list(f.expected)
    if f.index < 0:  # pragma: no cover - every failure notes a position
        return MatchError(f"line does not match {format_form(form)}", 0, 1, expected)
    want = " or ".join(expected)
    if f.index >= len(m.tokens):
        col = _end_column(m.tokens[-1]) if m.tokens else 1
        msg = f"line ended early: expected {want}"
    else:
        tok = m.tokens[f.index]
        col = tok.column
        msg = f"token {f.index + 1} {tok.text!r} (column {col}): expected {want}"
    if f.reasons:
        msg += " (" + "; ".join(f.reasons) + ")"
    return MatchError(msg, f.index, col, expected)


def _end_column(token: Token) -> int:
    """The column just after a token, counting the quotes a quoted token was written with."""
    return token.column + len(token.text) + (2 if token.quoted else 0)
