"""The grammar engine stays bounded on any input: time, recursion depth and sizes.

Each case was measured on the backtracking matcher (58 s, 59 s, 36 s, RecursionError,
an integer-conversion ValueError, 84 s ...); here each must finish well under a second
with the right result or a clear error. A regression fails fast: every case runs under
an alarm of a few seconds.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import pytest
from vrpcmds_runtime import matcher
from vrpcmds_runtime.line import MAX_LINE, Binding, LineError, Token, split_line
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_runtime.notation import MAX_DEPTH, MAX_MARKS, MAX_REPEAT, NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Repeat, Sequence, nullable, walk

LIMIT = 5.0  # seconds; far above the expected time, far below the exponential one


@contextmanager
def bounded(seconds: float = LIMIT) -> Iterator[None]:
    """Fail (instead of hanging) when the block runs longer than ``seconds``."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def tokens(words: list[str]) -> list[Token]:
    """Tokens of a line too long to write as text (columns as if separated by one space)."""
    out: list[Token] = []
    column = 1
    for word in words:
        out.append(Token(word, column))
        column += len(word) + 1
    return out


def digits_only(name: str, text: str) -> str | None:
    return None if text.isdigit() else "digits are required"


# --------------------------------------------------------------------------------------
# 1. Polynomial matching (no exponential backtracking when a line fails late)
# --------------------------------------------------------------------------------------

STAR10 = parse_form("cmd [ " + " | ".join(f"<a{i}>" for i in range(1, 11)) + " ] * end")
VALUES10 = " ".join(str(i) for i in range(1, 11))


def test_starred_group_of_ten_arguments_fails_late_quickly() -> None:
    with bounded(), pytest.raises(MatchError) as info:
        match(STAR10, f"cmd {VALUES10} bad")
    err = info.value
    assert (err.index, err.expected) == (11, ["'end'"])
    assert err.message == f"token 12 'bad' (column {len('cmd ' + VALUES10) + 2}): expected 'end'"


def test_starred_group_of_ten_arguments_binds_them_in_order() -> None:
    with bounded():
        got = match(STAR10, f"cmd {VALUES10} end")
    assert got == Binding({f"a{i}": str(i) for i in range(1, 11)})


OPTIONAL24 = parse_form("cmd " + " ".join(f"[ <a{i}> ]" for i in range(1, 25)) + " end")
VALUES12 = " ".join(str(i) for i in range(1, 13))


def test_twenty_four_optional_arguments_fail_late_quickly() -> None:
    with bounded(), pytest.raises(MatchError) as info:
        match(OPTIONAL24, f"cmd {VALUES12} bad", check=digits_only)
    err = info.value
    assert err.index == 13
    assert err.expected == [f"<a{i}>" for i in range(13, 25)] + ["'end'"]
    assert "'bad' is not a valid <a13>: digits are required" in err.message


def test_twenty_four_optional_arguments_without_a_check_end_early() -> None:
    with bounded(), pytest.raises(MatchError) as info:
        match(OPTIONAL24, f"cmd {VALUES12} bad")
    assert info.value.index == 14
    assert info.value.message.startswith("line ended early: expected <a14> or ")
    assert info.value.expected[-1] == "'end'"


NESTED_REPEAT = parse_form("cmd { { <a> } &<1-8> } &<1-8>")


def test_nested_repeats_bind_the_longest_repetitions_first() -> None:
    values = [str(i) for i in range(24)]
    with bounded():
        got = match(NESTED_REPEAT, "cmd " + " ".join(values))
    assert got == Binding({"a": [Binding({"a": values[k : k + 8]}) for k in (0, 8, 16)]})


def test_nested_repeats_refuse_more_than_their_product_quickly() -> None:
    with bounded(), pytest.raises(MatchError) as info:
        match(NESTED_REPEAT, "cmd " + " ".join(str(i) for i in range(65)))
    assert (info.value.index, info.value.expected) == (65, ["end of line"])


def test_abbreviations_over_a_starred_group_stay_quick() -> None:
    form = parse_form("cmd [ " + " | ".join(f"key{i} <v{i}>" for i in range(1, 11)) + " ] * end")
    line = "cmd " + " ".join(f"key{i} {i}" for i in range(10, 0, -1)) + " en"
    with bounded():
        got = match(form, line, prefixes=True)
    assert got.values == {f"v{i}": str(i) for i in range(10, 0, -1)}


def test_a_match_that_would_visit_too_many_states_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matcher, "MAX_STATES", 1000)
    with bounded(), pytest.raises(MatchError) as info:
        match(STAR10, f"cmd {VALUES10} bad")
    assert info.value.message == "line too complex to match against this form: more than 1000 states"


# --------------------------------------------------------------------------------------
# 2. No recursion depth reachable from input; caps on syntax lines
# --------------------------------------------------------------------------------------


def test_groups_nested_deeper_than_the_cap_are_refused_at_the_opening_bracket() -> None:
    text = "cmd " + "[ " * 400 + "x" + " ]" * 400
    with bounded(), pytest.raises(NotationError) as info:
        parse_form(text)
    assert info.value.message == f"groups nested deeper than {MAX_DEPTH}"
    assert info.value.column == len("cmd ") + 2 * MAX_DEPTH + 1


def test_groups_nested_to_the_cap_parse_and_match() -> None:
    form = parse_form("cmd " + "[ " * MAX_DEPTH + "x <v>" + " ]" * MAX_DEPTH)
    with bounded():
        assert match(form, "cmd x 1") == Binding({"v": "1"}, ("x",))
        assert match(form, "cmd") == Binding()


def test_a_syntax_line_of_more_marks_than_the_cap_is_refused() -> None:
    words = [f"k{i}" for i in range(MAX_MARKS + 1)]
    text = " ".join(words)
    with pytest.raises(NotationError) as info:
        parse_form(text)
    assert info.value.message == f"syntax line of more than {MAX_MARKS} marks"
    assert info.value.column == text.index(f" k{MAX_MARKS}") + 2


def test_a_form_of_1500_keywords_matches_without_recursion() -> None:
    words = [f"k{i}" for i in range(1500)]
    form = parse_form(" ".join(words))
    with bounded():
        assert match(form, tokens(words)) == Binding()
        with pytest.raises(MatchError) as info:
            match(form, tokens(words[:-1] + ["zz"]), prefixes=True)
    assert (info.value.index, info.value.expected) == (1499, ["'k1499'"])


def test_a_repeat_matches_5000_values_without_recursion() -> None:
    values = [str(i) for i in range(5000)]
    form = parse_form("cmd <a> &<1-5000>")
    with bounded():
        assert match(form, tokens(["cmd", *values])) == Binding({"a": values})
        with pytest.raises(MatchError) as info:
            match(form, tokens(["cmd", *values, "extra"]))
    assert (info.value.index, info.value.expected) == (5001, ["end of line"])


def test_a_repeated_optional_group_matches_5000_values() -> None:
    values = [str(i) for i in range(5000)]
    with bounded():
        got = match(parse_form("cmd [ <a> ] &<1-5000>"), tokens(["cmd", *values]))
    assert got.values["a"] == [Binding({"a": v}) for v in values]


@pytest.mark.parametrize(
    "bound",
    ["9" * 5000, "0" * 5000 + "100001", str(MAX_REPEAT + 1), "1000000"],
)
def test_a_repeat_bound_above_the_cap_is_a_notation_error(bound: str) -> None:
    text = f"cmd <a> &<1-{bound}>"
    with pytest.raises(NotationError) as info:
        parse_form(text)
    assert info.value.message == f"repeat bound too large: at most {MAX_REPEAT} repetitions"
    assert info.value.column == text.index("&") + 1


def test_repeat_bounds_up_to_the_cap_parse_and_leading_zeros_are_read() -> None:
    for text, bounds in (
        (f"cmd <a> &<1-{MAX_REPEAT}>", (1, MAX_REPEAT)),
        ("cmd <a> &<" + "0" * 5000 + "2-03>", (2, 3)),
    ):
        rep = parse_form(text).items[1]
        assert isinstance(rep, Repeat) and (rep.min, rep.max) == bounds


def _deep_tree(depth: int) -> Sequence:
    """``cmd [ [ ... [ x <v> ] ... ] ]`` built in code, deeper than the notation allows."""
    node = Sequence((Keyword("x"), Argument("v")))
    for _ in range(depth):
        node = Sequence((Choice((node,), required=False),))
    return Sequence((Keyword("cmd"), *node.items))


def test_tree_helpers_and_matcher_do_not_recurse_on_a_deep_tree_built_in_code() -> None:
    form = _deep_tree(5000)
    with bounded():
        assert sum(1 for _ in walk(form)) == 2 + 2 * 5000 + 2
        assert nullable(form.items[1]) and not nullable(form)
        assert match(form, "cmd x 1") == Binding({"v": "1"}, ("x",))
        assert match(form, "cmd") == Binding()


# --------------------------------------------------------------------------------------
# 3. Long lines
# --------------------------------------------------------------------------------------


def test_a_line_longer_than_the_cap_is_refused_before_it_is_read() -> None:
    line = "ike " * 100_000
    with bounded():
        with pytest.raises(LineError) as info:
            split_line(line)
        with pytest.raises(LineError):
            match(parse_form("ike heartbeat { seq-num { new | old } | spi-list }"), line)
    assert info.value.message == f"line of {len(line)} characters: at most {MAX_LINE} are read"
    assert info.value.column == MAX_LINE + 1


def test_a_200_kb_description_is_refused_with_the_same_error() -> None:
    line = "description" + " x" * 100_000
    with bounded(), pytest.raises(LineError) as info:
        match(parse_form("description <text>"), line, rest=lambda name: True)
    assert info.value.message.startswith(f"line of {len(line)} characters")


def test_a_line_at_the_cap_is_read_and_matched_in_linear_time() -> None:
    ike = ("ike " * MAX_LINE)[:MAX_LINE]
    description = ("description" + " x" * MAX_LINE)[:MAX_LINE]
    assert len(split_line(ike)) == MAX_LINE // 4
    with bounded():
        with pytest.raises(MatchError) as info:
            match(parse_form("ike heartbeat { seq-num { new | old } | spi-list }"), ike)
        assert (info.value.index, info.value.expected) == (1, ["'heartbeat'"])
        got = match(parse_form("description <text>"), description, rest=lambda name: True)
        assert got.values["text"] == description[len("description ") :].rstrip()
        with pytest.raises(MatchError) as info:
            match(parse_form("description <text>"), description)
        assert (info.value.index, info.value.expected) == (2, ["end of line"])


# --------------------------------------------------------------------------------------
# 4. An argument takes the rest of the line only when nothing the form needs follows
# --------------------------------------------------------------------------------------

CLOCK = parse_form("clock timezone <name> { add | minus } <offset>")


def test_rest_of_line_argument_does_not_swallow_keywords_the_form_requires() -> None:
    with pytest.raises(MatchError) as info:
        match(CLOCK, "clock timezone UTC plus 08:00", rest=lambda name: name == "name")
    err = info.value
    assert err.message == "token 4 'plus' (column 20): expected 'add' or 'minus'"
    assert (err.index, err.column, err.expected) == (3, 20, ["'add'", "'minus'"])


def test_rest_of_line_argument_before_required_items_takes_one_token() -> None:
    got = match(CLOCK, "clock timezone BJ add 08:00", rest=lambda name: name == "name")
    assert got == Binding({"name": "BJ", "offset": "08:00"}, ("add",))


def test_rest_of_line_argument_takes_the_rest_when_only_optional_items_follow() -> None:
    form = parse_form("header login information <text> [ shell ]")
    got = match(form, "header login information Welcome to core", rest=lambda name: True)
    assert got == Binding({"text": "Welcome to core"})
    got = match(form, "header login information Welcome shell", rest=lambda name: True)
    assert got == Binding({"text": "Welcome"}, ("shell",))  # a keyword beats free text


def test_rest_of_line_argument_in_a_starred_group_may_end_the_line() -> None:
    form = parse_form("set [ description <text> | mtu <size> ] *")
    got = match(form, "set mtu 9000 description uplink to core", rest=lambda name: name == "text")
    assert got == Binding({"size": "9000", "text": "uplink to core"}, ("mtu", "description"))


def test_rest_of_line_repeated_argument_takes_the_rest_once_its_minimum_is_reached() -> None:
    form = parse_form("cmd <a> &<2-3>")
    # the first reading in the tree's order: one more single-token repetition before the rest
    assert match(form, "cmd x y z w", rest=lambda name: True) == Binding({"a": ["x", "y", "z w"]})
    assert match(form, "cmd x y z w v", rest=lambda name: True) == Binding({"a": ["x", "y", "z w v"]})
    with pytest.raises(MatchError) as info:
        match(form, "cmd x y z w")
    assert (info.value.index, info.value.expected) == (4, ["end of line"])
