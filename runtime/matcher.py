"""Match a command line against a syntax tree (NOTATION.md, "Matching").

The matcher returns the best complete match, or raises :class:`MatchError` naming the
token where the line stopped fitting and what was expected there instead.

How it works: the form is read as a machine. A *state* is a token index plus a
*continuation*, the stack of what remains of the form there (the rest of a sequence, a
starred group with the alternatives it has used, a repeat with its count). A
depth-first search walks the states in the order of the tree (first alternative first,
one more repetition before stopping, an argument's single token before the rest of the
line) and visits each state once, keeping its best completion. The number of states is
polynomial in the line length for a given form, the search keeps its own stack (no
recursion per token, item or repetition), and it notes failures in the order a plain
backtracking search over the same tree would, so errors read the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .bounds import MATCH_STATES
from .line import Binding, BoundValue, Role, Token, split_line
from .notation import format_form
from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence, nullable_nodes, repeated_argument, walk

# check(argument_name, token_text) -> None when the value is acceptable, else why not.
# (In a labelled tree, arguments are named by their label; see vrpcmds_runtime.slots.)
ValueCheck = Callable[[str, str], str | None]
# rest(argument_name) -> True when the argument may take the rest of the line.
RestOfLine = Callable[[str], bool]

# The most states one match may visit (2 to 3 s of work). Lines for the CE6800 reference's
# forms visit 34 on average and 13,105 at most (83 tokens of interface ranges); only a
# starred group of very many argument-only alternatives, against a long line of values,
# comes near (its states grow with the sets of alternatives used).
MAX_STATES = MATCH_STATES

# A reading's score: keywords matched in full count 1000 + 1, abbreviated ones 1, so that
# the most keywords in full win, then the most keywords.
_EXACT_SCORE = 1001
_PREFIX_SCORE = 1

# Frames of a continuation: (kind, id of the node, a, b).
_NODE = 0  # match the node; a: 1 when its keywords are chosen ones
_SEQ = 1  # the items of a sequence from item a on; b: chosen
_MULTI = 2  # a starred group; a: bit set of the alternatives used
_ALT_END = 3  # end of one alternative of a starred group; a: used set with it; b: 1 until a token is read
_REP = 4  # a repeat between two repetitions; a: repetitions so far
_ITEM_END = 5  # end of one repetition; a: repetitions with it; b: 1 until a token is read
Frame = tuple[int, int, int, int]

# Kinds of the events a reading is made of.
_KEYWORD = 0
_ARGUMENT = 1
_REPEAT_BEGIN = 2
_ITEM_BEGIN = 3
_ITEM_END_EVENT = 4
_REPEAT_END = 5


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


@dataclass(frozen=True, slots=True)
class _Event:
    """One step of a reading: a keyword or an argument read, or a repeat's bracketing.

    ``role`` is set for keywords and arguments; ``value`` is an argument's value;
    ``chosen`` says a keyword is listed in the Binding; ``exact`` that it was written
    in full; ``repeat`` is the repeat a bracketing event belongs to.
    """

    kind: int
    role: Role | None = None
    value: str = ""
    chosen: bool = False
    exact: bool = True
    repeat: Repeat | None = None


# An edge of the search: the events it reads, its score, and the state it leads to.
_Edge = tuple[tuple[_Event, ...], int, int]


@dataclass
class _Failure:
    index: int = -1
    expected: dict[str, None] = field(default_factory=dict)
    reasons: dict[str, None] = field(default_factory=dict)

    def note(self, index: int, expected: str, reason: str | None = None) -> None:
        """Keep what was expected at the furthest token index reached, in first-noted order."""
        if index > self.index:
            self.index, self.expected, self.reasons = index, {}, {}
        if index == self.index:
            self.expected.setdefault(expected, None)
            if reason:
                self.reasons.setdefault(reason, None)


@dataclass(slots=True)
class _Visit:
    """A state being searched: its edges still to try and the best completion so far."""

    state: int
    edges: Iterator[_Edge]
    score: int | None = None
    options: list[tuple[tuple[_Event, ...], int]] = field(default_factory=list)
    pending: _Edge | None = None


class _Builder:
    """Builds the Binding of one reading from its events, in line order.

    Arguments bind in the innermost open repetition (the first value of a name wins),
    chosen keywords are listed there too; every role counts for the whole line. A
    repetition's value is the string of a repeated argument, else a Binding; a repeat
    binds the list of its repetitions' values under its key, unless it had none.
    """

    def __init__(self, single: dict[int, Argument | None]) -> None:
        self.single = single  # id of each repeat -> the argument it repeats, if one
        self.roles: list[Role] = []
        self.scopes: list[tuple[dict[str, BoundValue], list[str]]] = [({}, [])]  # the line, open repetitions
        self.lists: list[list[object]] = []  # the values of the open repeats

    def apply(self, event: _Event) -> None:
        """Apply one event (see the class doc)."""
        values, kws = self.scopes[-1]
        role = event.role
        if role is not None:
            self.roles.append(role)
            if event.kind == _ARGUMENT:
                values.setdefault(role.label or role.name, event.value)
            elif event.chosen:
                kws.append(role.label or role.name)
        elif event.kind == _REPEAT_BEGIN:
            self.lists.append([])
        elif event.kind == _ITEM_BEGIN:
            self.scopes.append(({}, []))
        elif event.kind == _ITEM_END_EVENT:
            assert event.repeat is not None
            self.scopes.pop()
            single = self.single[id(event.repeat)]
            value = values[single.ref] if single is not None else Binding(dict(values), tuple(kws))
            self.lists[-1].append(value)
        else:  # _REPEAT_END
            assert event.repeat is not None
            items = self.lists.pop()
            if items:
                values.setdefault(event.repeat.key, items)  # type: ignore[arg-type]

    def result(self) -> Binding:
        """The Binding of the line, its roles in token order."""
        values, kws = self.scopes[0]
        return Binding(values, tuple(kws), tuple(sorted(self.roles)))


_Facts = tuple[dict[int, Node], dict[int, bool], dict[int, Argument | None]]
_FACTS: dict[int, tuple[Sequence, _Facts]] = {}
_FACTS_KEPT = 20000  # forms whose facts are kept (a whole manual has a few thousand)


def _form_facts(form: Sequence) -> _Facts:
    """What matching needs to know of a form's nodes, worked out once per form: each node
    by id, which can match nothing, and the argument each repeat repeats (if one)."""
    found = _FACTS.get(id(form))
    if found is None or found[0] is not form:
        nodes: dict[int, Node] = {id(node): node for node in walk(form)}
        single = {nid: repeated_argument(n) for nid, n in nodes.items() if isinstance(n, Repeat)}
        if len(_FACTS) >= _FACTS_KEPT:
            _FACTS.clear()
        found = _FACTS[id(form)] = (form, (nodes, nullable_nodes(form), single))  # form kept: its id stays its own
    return found[1]


class _Matcher:
    """The states of one form against one line, searched once each (see the module doc)."""

    def __init__(
        self,
        form: Sequence,
        tokens: list[Token],
        check: ValueCheck | None,
        prefixes: bool,
        rest: RestOfLine | None,
    ) -> None:
        self.tokens = tokens
        self.words = [t.text for t in tokens]
        self.lower = [w.lower() for w in self.words]
        self.n = len(tokens)
        self.check = check
        self.prefixes = prefixes
        self.rest = rest
        self.failure = _Failure()
        self.nodes, self.null, self.single = _form_facts(form)
        # Continuations, interned: continuation id -> (top frame, id of the rest); 0 is empty.
        self.frames: list[Frame] = [(0, 0, 0, 0)]
        self.parents: list[int] = [0]
        self.interned: dict[tuple[Frame, int], int] = {}
        self.after_read: dict[int, int] = {}
        self.cont_null: dict[int, bool] = {0: True}
        self.null_suffix: dict[int, list[bool]] = {}
        # Search results: state -> best completion score (None: no completion), and the
        # edges that reach it (only the first unless abbreviations must be compared).
        self.best: dict[int, int | None] = {}
        self.options: dict[int, list[tuple[tuple[_Event, ...], int]]] = {}
        self.root = self.state(self.push((_NODE, id(form), 0, 0), 0), 0)
        self.end = self.state(0, self.n)

    # -- states and continuations -------------------------------------------------------

    def state(self, cont: int, index: int) -> int:
        """One integer for (continuation, token index)."""
        return cont * (self.n + 1) + index

    def push(self, frame: Frame, parent: int) -> int:
        """The continuation ``frame`` then ``parent``, interned so equal ones share an id."""
        key = (frame, parent)
        cont = self.interned.get(key)
        if cont is None:
            cont = len(self.frames)
            self.frames.append(frame)
            self.parents.append(parent)
            self.interned[key] = cont
        return cont

    def enter(self, node: Node, chosen: bool, parent: int) -> int:
        """The continuation that matches ``node`` then ``parent``.

        A sequence of one item is that item (the usual alternative of a group), so no
        state is spent on it.
        """
        while isinstance(node, Sequence) and len(node.items) == 1:
            node = node.items[0]
        return self.push((_NODE, id(node), int(chosen), 0), parent)

    def read(self, cont: int) -> int:
        """The continuation after a token is read: no open alternative or repetition is empty any more.

        Frames still waiting for their first token are all above the ones that have read
        one, so only the top of the stack down to the first of those is rebuilt.
        """
        done = self.after_read.get(cont)
        if done is not None:
            return done
        chain: list[int] = []
        base = cont
        while base != 0:
            kind, _, _, fresh = self.frames[base]
            if kind in (_ALT_END, _ITEM_END) and not fresh:
                break
            chain.append(base)
            base = self.parents[base]
        if not any(self.frames[c][0] in (_ALT_END, _ITEM_END) for c in chain):
            result = cont
        else:
            result = base
            for c in reversed(chain):
                kind, nid, a, b = self.frames[c]
                result = self.push((kind, nid, a, 0 if kind in (_ALT_END, _ITEM_END) else b), result)
        self.after_read[cont] = result
        return result

    def nothing_follows(self, cont: int) -> bool:
        """True when the continuation, after a token is read, can end the line without another token."""
        chain: list[int] = []
        c = cont
        while c not in self.cont_null:
            chain.append(c)
            c = self.parents[c]
        value = self.cont_null[c]
        for c in reversed(chain):
            value = value and self.frame_null(self.frames[c])
            self.cont_null[c] = value
        return value

    def frame_null(self, frame: Frame) -> bool:
        """True when one frame can be completed without a token (once a token has been read)."""
        kind, nid, a, _ = frame
        node = self.nodes[nid]
        if kind == _NODE:
            return self.null[nid]
        if kind == _SEQ:
            assert isinstance(node, Sequence)
            return self.null_from(node)[a]
        if kind == _MULTI:
            assert isinstance(node, Choice)
            return a != 0 or self.null[nid]
        if kind == _ALT_END:
            return True
        assert isinstance(node, Repeat)
        return a >= node.min or self.null[id(node.item)]

    def null_from(self, node: Sequence) -> list[bool]:
        """For each item index k of a sequence: can the items from k on match nothing?"""
        suffix = self.null_suffix.get(id(node))
        if suffix is None:
            suffix = [True] * (len(node.items) + 1)
            for k in range(len(node.items) - 1, -1, -1):
                suffix[k] = suffix[k + 1] and self.null[id(node.items[k])]
            self.null_suffix[id(node)] = suffix
        return suffix

    def count(self, node: Repeat, count: int, left: int) -> int:
        """A repetition count, with the counts that behave alike made equal.

        Once ``count`` has reached the minimum and cannot reach the maximum with the
        ``left`` tokens (each repetition reads one at least), its exact value no longer
        matters: it is kept as the minimum, so such states are searched once.
        """
        if count >= node.min and count + left < node.max:
            return node.min
        return count

    # -- the search ---------------------------------------------------------------------

    def search(self) -> int | None:
        """The best completion score from the first state (None when the line does not fit).

        Depth first, each state once, with an explicit stack. A state's best completion
        is the highest edge score plus best completion of the next state; among equals
        the first edge in the tree's order wins.
        """
        self.best[self.end] = 0
        stack = [_Visit(self.root, self.edges(self.root))]
        visited = 1
        while stack:
            visit = stack[-1]
            if visit.pending is not None:
                self.offer(visit, visit.pending)
                visit.pending = None
            for edge in visit.edges:
                target = edge[2]
                if target in self.best:
                    self.offer(visit, edge)
                    continue
                visited += 1
                if visited > MAX_STATES:
                    raise self.too_complex()
                visit.pending = edge
                stack.append(_Visit(target, self.edges(target)))
                break
            else:
                self.best[visit.state] = visit.score
                if visit.score is not None:
                    self.options[visit.state] = visit.options
                stack.pop()
        return self.best[self.root]

    def offer(self, visit: _Visit, edge: _Edge) -> None:
        """Keep an edge if it leads to a better completion (or an equal one, when all are kept)."""
        events, score, target = edge
        rest = self.best[target]
        if rest is None:
            return
        total = score + rest
        if visit.score is None or total > visit.score:
            visit.score = total
            visit.options = [(events, target)]
        elif total == visit.score and self.prefixes:
            visit.options.append((events, target))

    def too_complex(self) -> MatchError:
        """The error for a match that would visit more than MAX_STATES states."""
        column = self.tokens[0].column if self.tokens else 1
        msg = f"line too complex to match against this form: more than {MAX_STATES} states"
        return MatchError(msg, 0, column, [])

    # -- edges of each kind of state ----------------------------------------------------

    def edges(self, state: int) -> Iterator[_Edge]:
        """The edges out of a state, in the tree's order (failures are noted on the way)."""
        cont, i = divmod(state, self.n + 1)
        if cont == 0:
            self.failure.note(i, "end of line")  # the form is complete but the line is not
            return
        kind, nid, a, b = self.frames[cont]
        parent = self.parents[cont]
        node = self.nodes[nid]
        if kind == _NODE:
            yield from self.node(node, bool(a), parent, i)
        elif kind == _SEQ:
            assert isinstance(node, Sequence)
            yield self.sequence(node, a, bool(b), parent, i)
        elif kind == _MULTI:
            assert isinstance(node, Choice)
            yield from self.multi(node, a, parent, i)
        elif kind == _ALT_END:
            if not b:  # an alternative of a starred group must read a token
                yield (), 0, self.state(self.push((_MULTI, nid, a, 0), parent), i)
        elif kind == _REP:
            assert isinstance(node, Repeat)
            yield from self.repetition(node, a, parent, i)
        elif not b:  # _ITEM_END: a repetition must read a token
            assert isinstance(node, Repeat)
            event = _Event(_ITEM_END_EVENT, repeat=node)
            yield (
                (event,),
                0,
                self.state(self.push((_REP, nid, self.count(node, a, self.n - i), 0), parent), i),
            )

    def node(self, node: Node, chosen: bool, parent: int, i: int) -> Iterator[_Edge]:
        """Enter a node: read a keyword or an argument, or open a sequence, group or repeat."""
        if isinstance(node, Keyword):
            yield from self.keyword(node, chosen, parent, i)
        elif isinstance(node, Argument):
            yield from self.argument(node, parent, i)
        elif isinstance(node, Sequence):
            yield self.sequence(node, 0, chosen, parent, i)
        elif isinstance(node, Choice):
            yield from self.choice(node, parent, i)
        else:
            start = self.push((_REP, id(node), self.count(node, 0, self.n - i), 0), parent)
            yield (_Event(_REPEAT_BEGIN, repeat=node),), 0, self.state(start, i)

    def keyword(self, node: Keyword, chosen: bool, parent: int, i: int) -> Iterator[_Edge]:
        """A keyword matches its own text, case-insensitively (or, with prefixes, an unquoted prefix of it)."""
        if i < self.n:
            word, text = self.lower[i], node.text.lower()
            exact = word == text
            if exact or (self.prefixes and text.startswith(word) and not self.tokens[i].quoted):
                role = Role(i, i + 1, "keyword", node.text, node.label)
                event = _Event(_KEYWORD, role, chosen=chosen, exact=exact)
                yield (event,), _EXACT_SCORE if exact else _PREFIX_SCORE, self.state(self.read(parent), i + 1)
                return
        self.failure.note(i, repr(node.text))

    def argument(self, node: Argument, parent: int, i: int) -> Iterator[_Edge]:
        """An argument takes one token that its value check accepts.

        An argument that ``rest`` allows may also take all the remaining tokens, joined
        by single spaces (free text the device reads to the end of the line), but only
        when what follows it in the form can match no token at all: it never swallows
        keywords or arguments the form still needs.
        """
        if i >= self.n:
            self.failure.note(i, f"<{node.name}>")
            return
        ends = [i + 1]
        if self.rest is not None and self.n > i + 1 and self.rest(node.ref) and self.nothing_follows(parent):
            ends.append(self.n)
        after = self.read(parent)
        for end in ends:
            value = " ".join(self.words[i:end])
            problem = self.check(node.ref, value) if self.check else None
            if problem:
                self.failure.note(i, f"<{node.name}>", f"{value!r} is not a valid <{node.name}>: {problem}")
                continue
            role = Role(i, end, "argument", node.name, node.label)
            yield (_Event(_ARGUMENT, role, value),), 0, self.state(after, end)

    def sequence(self, node: Sequence, k: int, chosen: bool, parent: int, i: int) -> _Edge:
        """Items one after the other: item ``k``, then the items after it."""
        items = node.items
        if k == len(items):
            return (), 0, self.state(parent, i)
        if k + 1 < len(items):
            parent = self.push((_SEQ, id(node), k + 1, int(chosen)), parent)
        return (), 0, self.state(self.enter(items[k], chosen, parent), i)

    def choice(self, node: Choice, parent: int, i: int) -> Iterator[_Edge]:
        """One alternative, in order, then nothing if the group is optional (``*`` groups: see multi)."""
        if node.multi:
            yield (), 0, self.state(self.push((_MULTI, id(node), 0, 0), parent), i)
            return
        for alt in node.alternatives:
            yield (), 0, self.state(self.enter(alt, True, parent), i)
        if not node.required:
            yield (), 0, self.state(parent, i)

    def multi(self, node: Choice, used: int, parent: int, i: int) -> Iterator[_Edge]:
        """A ``*`` group: another alternative not used yet (it must read a token), or stop.

        It may stop once one alternative was used, or at once when it is optional or one
        of its alternatives can match nothing.
        """
        for k, alt in enumerate(node.alternatives):
            if used >> k & 1:
                continue
            after = self.push((_ALT_END, id(node), used | 1 << k, 1), parent)
            yield (), 0, self.state(self.enter(alt, True, after), i)
        if used or self.null[id(node)]:
            yield (), 0, self.state(parent, i)

    def repetition(self, node: Repeat, count: int, parent: int, i: int) -> Iterator[_Edge]:
        """A repeat after ``count`` repetitions: one more (up to the maximum), or stop.

        It may stop once the minimum is reached, or at any count when its item can match
        nothing. Each repetition is matched apart: its values become one list item.
        """
        if count < node.max:
            after = self.push((_ITEM_END, id(node), self.count(node, count + 1, self.n - i - 1), 1), parent)
            start = self.enter(node.item, False, after)
            yield (_Event(_ITEM_BEGIN, repeat=node),), 0, self.state(start, i)
        if count >= node.min or self.null[id(node.item)]:
            yield (_Event(_REPEAT_END, repeat=node),), 0, self.state(parent, i)

    # -- the result ---------------------------------------------------------------------

    def binding(self) -> Binding:
        """The Binding of the best reading: its events applied in line order."""
        builder = _Builder(self.single)
        state = self.root
        while state != self.end:
            events, state = self.options[state][0]
            for event in events:
                builder.apply(event)
        return builder.result()

    def ambiguity(self) -> MatchError | None:
        """The first abbreviated token that the best readings take as different keywords.

        Every edge on some best reading is visited once; a token's meanings are the
        keywords it abbreviates in them, and "as written" when a best reading takes it
        as a full keyword or an argument.
        """
        meanings: dict[int, set[str | None]] = {}
        seen = {self.root}
        stack = [self.root]
        while stack:
            state = stack.pop()
            if state == self.end:
                continue
            for events, target in self.options[state]:
                for event in events:
                    role = event.role
                    if role is None:
                        continue
                    reading = None if event.exact or event.kind != _KEYWORD else role.name
                    for index in range(role.start, role.end):
                        meanings.setdefault(index, set()).add(reading)
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        for index in sorted(meanings):
            said = meanings[index]
            if len(said) > 1:
                tok = self.tokens[index]
                options = [repr(word) for word in sorted(w for w in said if w is not None)]
                text = options + ([f"{tok.text!r} as written"] if None in said else [])
                msg = (
                    f"ambiguous abbreviation: token {index + 1} {tok.text!r} (column {tok.column}) could be "
                )
                return MatchError(msg + " or ".join(text), index, tok.column, options)
        return None


def match(
    form: Sequence,
    line: str | list[Token],
    check: ValueCheck | None = None,
    prefixes: bool = False,
    rest: RestOfLine | None = None,
) -> Binding:
    """Match a command line against one form and return what it binds.

    Among several complete matches the one with most keywords matched in full wins
    (a keyword beats an argument that would also take the word), then the one with
    most keywords, then the first in the tree's order. With ``prefixes``, keywords may
    be abbreviated; two best matches that read an abbreviation as different keywords
    raise a MatchError naming that token. ``rest`` names the arguments that may take
    the rest of the line (when nothing the form still needs follows them). The
    Binding's ``roles`` say what each token was.
    """
    tokens = split_line(line) if isinstance(line, str) else line
    m = _Matcher(form, tokens, check, prefixes, rest)
    if m.search() is None:
        raise _error(m, form)
    if prefixes:
        ambiguous = m.ambiguity()
        if ambiguous:
            raise ambiguous
    return m.binding()


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
