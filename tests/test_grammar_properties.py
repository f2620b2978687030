"""Property-based tests of the grammar engine: notation round-trip, matching, rendering.

Two tree generators are used:

* ``any_trees`` builds arbitrary well-formed trees (names may repeat) for the notation
  round-trip;
* ``forms`` builds trees in which every line has exactly one reading, so that a line
  generated from the tree has one expected binding. Names are unique within a tree,
  every alternative of a real choice starts with its own keyword, a repeat whose item
  does not start with a keyword and whose count varies is followed by a keyword (or
  ends the line), and argument values (``v1``, ``v2 w`` ...) are never keyword texts.
  Keyword texts (``k1-key``, ``k12-key``) have unique proper prefixes (``k1-``).

``lines`` walks such a tree, picking branches, orders and repeat counts, and returns the
tokens together with the Binding the matcher must produce for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from vrpcmds_runtime.line import Binding, quote_value, split_line
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_runtime.notation import canonical, format_form, parse_form
from vrpcmds_runtime.render import render
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat, Sequence, keywords, repeated_argument

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------------------
# Arbitrary trees (for the notation round-trip)
# --------------------------------------------------------------------------------------

_FIRST = "abcxyzABZ019_"
_REST = _FIRST + "./:-"
WORDS = st.builds(lambda a, b: a + b, st.sampled_from(_FIRST), st.text(_REST, max_size=6))


@st.composite
def _any_node(draw: st.DrawFn, depth: int) -> Node:
    kinds = ["keyword", "argument"] + (["choice", "repeat"] if depth > 0 else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "keyword":
        return Keyword(draw(WORDS))
    if kind == "argument":
        return Argument(draw(WORDS))
    if kind == "choice":
        return draw(_any_choice(depth))
    item = draw(st.one_of(WORDS.map(Argument), _any_choice(depth)))
    low = draw(st.integers(0, 4))
    high = draw(st.integers(low, low + 12))
    return Repeat(item, low, high)


@st.composite
def _any_choice(draw: st.DrawFn, depth: int) -> Choice:
    alternatives = draw(st.lists(_any_sequence(depth - 1), min_size=1, max_size=3))
    return Choice(tuple(alternatives), required=draw(st.booleans()), multi=draw(st.booleans()))


@st.composite
def _any_sequence(draw: st.DrawFn, depth: int) -> Sequence:
    return Sequence(tuple(draw(st.lists(_any_node(depth), min_size=1, max_size=3))))


any_trees = _any_sequence(3)


# --------------------------------------------------------------------------------------
# Unambiguous forms and the lines they accept
# --------------------------------------------------------------------------------------


class _Names:
    """Hands out keyword and argument names that are unique within one tree."""

    def __init__(self) -> None:
        self.count = 0

    def keyword(self) -> Keyword:
        self.count += 1
        return Keyword(f"k{self.count}-key")

    def argument(self) -> Argument:
        self.count += 1
        return Argument(f"a{self.count}")


def starts_with_keyword(node: Node) -> bool:
    if isinstance(node, Keyword):
        return True
    if isinstance(node, Argument):
        return False
    if isinstance(node, Sequence):
        return starts_with_keyword(node.items[0])
    if isinstance(node, Choice):
        return all(starts_with_keyword(alt) for alt in node.alternatives)
    return starts_with_keyword(node.item)


def _form_sequence(draw: st.DrawFn, names: _Names, depth: int, lead: Node | None, top: bool) -> Sequence:
    items: list[Node] = [] if lead is None else [lead]
    for _ in range(draw(st.integers(0 if items else 1, 3))):
        kinds = ["keyword", "argument"] + (["choice", "repeat"] if depth > 0 else [])
        kind = draw(st.sampled_from(kinds))
        if kind == "keyword":
            items.append(names.keyword())
        elif kind == "argument":
            items.append(names.argument())
        elif kind == "choice":
            items.append(_form_choice(draw, names, depth, in_repeat=False))
        else:
            items.append(_form_repeat(draw, names, depth))
    out: list[Node] = []
    for k, item in enumerate(items):
        out.append(item)
        if isinstance(item, Repeat) and item.min < item.max and not starts_with_keyword(item):
            nxt = items[k + 1] if k + 1 < len(items) else None
            if not isinstance(nxt, Keyword) and not (top and nxt is None):
                out.append(names.keyword())  # ends the run of values the repeat takes
    return Sequence(tuple(out))


def _form_choice(draw: st.DrawFn, names: _Names, depth: int, in_repeat: bool) -> Choice:
    required = draw(st.booleans())
    multi = not in_repeat and draw(st.booleans())
    if required and not multi and draw(st.booleans()):
        # braces around one item: "exactly that item", may start with an argument
        return Choice((_form_sequence(draw, names, depth - 1, names.argument(), False),), True)
    count = draw(st.integers(1, 3))
    alternatives = tuple(_form_sequence(draw, names, depth - 1, names.keyword(), False) for _ in range(count))
    return Choice(alternatives, required, multi)


def _form_repeat(draw: st.DrawFn, names: _Names, depth: int) -> Repeat:
    item: Node = names.argument() if draw(st.booleans()) else _form_choice(draw, names, depth, in_repeat=True)
    low = draw(st.integers(0, 2))
    high = draw(st.integers(max(low, 1), low + 2))
    return Repeat(item, low, high)


@st.composite
def forms(draw: st.DrawFn) -> Sequence:
    names = _Names()
    return _form_sequence(draw, names, 3, names.keyword(), top=True)


@dataclass(frozen=True)
class Tok:
    text: str
    kind: str  # "keyword" or "value"
    name: str  # keyword text or argument name
    top: bool = False  # a keyword of the top-level sequence: every line carries it


@dataclass
class _Out:
    tokens: list[Tok] = field(default_factory=list)
    values: dict[str, object] = field(default_factory=dict)
    keywords: list[str] = field(default_factory=list)


class _LineMaker:
    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.count = 0

    def value(self) -> str:
        self.count += 1
        return f"v{self.count} w" if self.draw(st.booleans()) and self.count % 3 == 0 else f"v{self.count}"

    def node(self, node: Node, out: _Out, chosen: bool, nonempty: bool = False) -> None:
        if isinstance(node, Keyword):
            out.tokens.append(Tok(node.text, "keyword", node.text))
            if chosen:
                out.keywords.append(node.text)
        elif isinstance(node, Argument):
            value = self.value()
            out.tokens.append(Tok(value, "value", node.name))
            out.values[node.name] = value
        elif isinstance(node, Sequence):
            for item in node.items:
                self.node(item, out, chosen)
        elif isinstance(node, Choice):
            self.choice(node, out, nonempty)
        else:
            self.repeat(node, out)

    def choice(self, node: Choice, out: _Out, nonempty: bool) -> None:
        alts = node.alternatives
        if node.multi:
            order = self.draw(st.permutations(range(len(alts))))
            low = 1 if node.required or nonempty else 0
            taken = order[: self.draw(st.integers(low, len(alts)))]
        else:
            options = list(range(len(alts))) + ([] if node.required or nonempty else [-1])
            taken = [k for k in [self.draw(st.sampled_from(options))] if k >= 0]
        for k in taken:
            self.node(alts[k], out, True)

    def repeat(self, node: Repeat, out: _Out) -> None:
        items: list[object] = []
        for _ in range(self.draw(st.integers(node.min, node.max))):
            sub = _Out()
            self.node(node.item, sub, False, nonempty=True)
            out.tokens.extend(sub.tokens)
            single = repeated_argument(node)
            if single is not None:
                items.append(sub.values[single.name])
            else:
                items.append(Binding(sub.values, tuple(sub.keywords)))  # type: ignore[arg-type]
        if items:
            out.values[node.key] = items


@dataclass(frozen=True)
class Line:
    tokens: tuple[Tok, ...]
    binding: Binding

    @property
    def text(self) -> str:
        return " ".join(quote_value(t.text) for t in self.tokens)


@st.composite
def lines(draw: st.DrawFn, form: Sequence) -> Line:
    maker = _LineMaker(draw)
    out = _Out()
    for item in form.items:
        start = len(out.tokens)
        maker.node(item, out, False)
        if isinstance(item, Keyword):
            out.tokens[start] = Tok(item.text, "keyword", item.text, top=True)
    return Line(tuple(out.tokens), Binding(out.values, tuple(out.keywords)))  # type: ignore[arg-type]


@st.composite
def forms_with_lines(draw: st.DrawFn) -> tuple[Sequence, Line]:
    form = draw(forms())
    return form, draw(lines(form))


VALUE = re.compile(r"v\d+( w)?")


def values_only(name: str, text: str) -> str | None:
    """A value check that accepts exactly the values the line generator makes."""
    return None if VALUE.fullmatch(text) else "not a generated value"


def end_column(line: str) -> int:
    return len(line) + 1


# --------------------------------------------------------------------------------------
# (a) notation round-trip
# --------------------------------------------------------------------------------------


@SETTINGS
@given(any_trees)
def test_formatted_tree_parses_back_to_the_same_tree_and_text(tree: Sequence) -> None:
    text = format_form(tree)
    again = parse_form(text)
    assert again == tree
    assert format_form(again) == text


@SETTINGS
@given(forms())
def test_unambiguous_forms_round_trip_through_the_notation(tree: Sequence) -> None:
    text = format_form(tree)
    assert parse_form(text) == tree
    assert format_form(parse_form(text)) == text


MARKS = {"{", "}", "[", "]", "|", "*"}


@SETTINGS
@given(any_trees, st.data())
def test_canonical_normalises_any_spacing_around_marks(tree: Sequence, data: st.DataObject) -> None:
    text = format_form(tree)
    parts = text.split(" ")
    picks = data.draw(
        st.lists(st.sampled_from(["", " ", "  ", "\t"]), min_size=len(parts), max_size=len(parts))
    )
    messy = parts[0]
    for before, after, sep in zip(parts, parts[1:], picks):
        glue_ok = before in MARKS or after in MARKS
        messy += (sep if glue_ok or sep else " ") + after
    assert canonical(messy) == text
    assert canonical(" " + messy + " ") == text


# --------------------------------------------------------------------------------------
# (b) generated lines match and bind the generated values; rendering inverts matching
# --------------------------------------------------------------------------------------


@SETTINGS
@given(forms_with_lines())
def test_generated_line_matches_and_binds_the_chosen_values(case: tuple[Sequence, Line]) -> None:
    form, line = case
    assert match(form, line.text) == line.binding


@SETTINGS
@given(forms_with_lines())
def test_generated_line_binds_the_same_with_a_value_check_and_with_prefixes_enabled(
    case: tuple[Sequence, Line],
) -> None:
    form, line = case
    assert match(form, line.text, check=values_only) == line.binding
    assert match(form, line.text, prefixes=True) == line.binding


@SETTINGS
@given(forms_with_lines())
def test_rendering_the_binding_gives_back_the_line_and_the_binding(case: tuple[Sequence, Line]) -> None:
    form, line = case
    rendered = render(form, line.binding)
    assert rendered == line.text
    assert match(form, rendered) == line.binding


@SETTINGS
@given(forms_with_lines())
def test_matching_accepts_the_token_list_of_the_line(case: tuple[Sequence, Line]) -> None:
    form, line = case
    assert match(form, split_line(line.text)) == line.binding


def shortest_unique_prefix(word: str, others: list[str]) -> str:
    for size in range(1, len(word) + 1):
        prefix = word[:size]
        if not any(o.startswith(prefix) for o in others if o != word):
            return prefix
    return word


@SETTINGS
@given(forms_with_lines(), st.data())
def test_keywords_abbreviated_to_unique_prefixes_bind_the_same_with_prefixes_enabled(
    case: tuple[Sequence, Line], data: st.DataObject
) -> None:
    form, line = case
    texts = keywords(form)
    short = data.draw(st.lists(st.booleans(), min_size=len(line.tokens), max_size=len(line.tokens)))
    abbreviated = Line(
        tuple(
            Tok(shortest_unique_prefix(t.text, texts), t.kind, t.name) if t.kind == "keyword" and cut else t
            for t, cut in zip(line.tokens, short)
        ),
        line.binding,
    )
    assert match(form, abbreviated.text, prefixes=True) == line.binding
    assert render(form, match(form, abbreviated.text, prefixes=True)) == line.text


@SETTINGS
@given(forms_with_lines(), st.data())
def test_keywords_written_in_any_case_bind_the_documented_spelling(
    case: tuple[Sequence, Line], data: st.DataObject
) -> None:
    form, line = case
    upper = data.draw(st.lists(st.booleans(), min_size=len(line.tokens), max_size=len(line.tokens)))
    shouted = Line(
        tuple(
            Tok(t.text.upper(), t.kind, t.name) if t.kind == "keyword" and up else t
            for t, up in zip(line.tokens, upper)
        ),
        line.binding,
    )
    bound = match(form, shouted.text)
    assert bound == line.binding
    assert render(form, bound) == line.text


# --------------------------------------------------------------------------------------
# (c) mutated lines are rejected at a sensible position
# --------------------------------------------------------------------------------------

WRONG = "bogus"  # never a keyword of a generated form, never a generated value


def _assert_position(err: MatchError, text: str, low: int, high: int | None = None) -> None:
    tokens = split_line(text)
    high = len(tokens) if high is None else high
    assert low <= err.index <= high
    if err.index < len(tokens):
        assert err.column == tokens[err.index].column
        assert f"token {err.index + 1} {tokens[err.index].text!r} (column {err.column})" in err.message
    else:
        assert err.column == end_column(text)
        assert err.message.startswith("line ended early")
    assert err.expected


def _rejected(form: Sequence, text: str) -> MatchError:
    try:
        result = match(form, text, check=values_only)
    except MatchError as err:
        return err
    raise AssertionError(f"{text!r} should not match {format_form(form)!r}, got {result}")


@SETTINGS
@given(forms_with_lines(), st.data())
def test_dropping_a_required_keyword_is_rejected_at_or_after_its_place(
    case: tuple[Sequence, Line], data: st.DataObject
) -> None:
    form, line = case
    required = [k for k, tok in enumerate(line.tokens) if tok.top]
    drop = data.draw(st.sampled_from(required))
    mutated = Line(line.tokens[:drop] + line.tokens[drop + 1 :], line.binding)
    err = _rejected(form, mutated.text)
    _assert_position(err, mutated.text, drop)
    if err.index == drop:
        assert repr(line.tokens[drop].text) in err.expected


@SETTINGS
@given(forms_with_lines(), st.data())
def test_an_inserted_unknown_word_is_rejected_exactly_where_it_stands(
    case: tuple[Sequence, Line], data: st.DataObject
) -> None:
    form, line = case
    at = data.draw(st.integers(0, len(line.tokens)))
    mutated = Line(line.tokens[:at] + (Tok(WRONG, "keyword", WRONG),) + line.tokens[at:], line.binding)
    err = _rejected(form, mutated.text)
    _assert_position(err, mutated.text, at, at)
    if at == len(line.tokens):
        assert "end of line" in err.expected
    elif line.tokens[at].kind == "keyword":
        assert repr(line.tokens[at].text) in err.expected
    else:
        assert f"<{line.tokens[at].name}>" in err.expected


@SETTINGS
@given(forms_with_lines(), st.data())
def test_a_keyword_replaced_by_a_wrong_word_is_rejected_at_that_word(
    case: tuple[Sequence, Line], data: st.DataObject
) -> None:
    form, line = case
    keywords = [k for k, tok in enumerate(line.tokens) if tok.kind == "keyword"]
    at = data.draw(st.sampled_from(keywords))
    mutated = Line(line.tokens[:at] + (Tok(WRONG, "keyword", WRONG),) + line.tokens[at + 1 :], line.binding)
    err = _rejected(form, mutated.text)
    _assert_position(err, mutated.text, at, at)
    assert repr(line.tokens[at].text) in err.expected
