"""The notation parser: canonical marked form <-> syntax tree, and its error columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from vrpcmds_runtime.notation import NotationError, canonical, format_form, lex, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Repeat, Sequence, arguments, keywords, repeat_key

FIXTURES = Path(__file__).parent / "fixtures" / "notation"


# --------------------------------------------------------------------------------------
# Fixture files (title / "." / input / "." / expected / ".")
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    file: str
    line: int  # 1-based line number of the input in the fixture file
    title: str
    text: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line} {self.title}"


def read_fixture_file(path: Path) -> list[Case]:
    """Cases of one fixture file; blank lines and ``#`` comments separate them."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0

    def section(start: int) -> tuple[str, int]:
        end = start
        while end < len(lines) and lines[end] != ".":
            end += 1
        if end == len(lines):
            raise ValueError(f"{path.name}:{start + 1}: section not closed by a '.' line")
        return "\n".join(lines[start:end]), end + 1

    while i < len(lines):
        title = lines[i]
        if not title.strip() or title.startswith("#"):
            i += 1
            continue
        if i + 1 >= len(lines) or lines[i + 1] != ".":
            raise ValueError(f"{path.name}:{i + 1}: a title must be followed by a '.' line")
        input_line = i + 3
        text, i = section(i + 2)
        expected, i = section(i)
        cases.append(Case(path.name, input_line, title, text, expected))
    return cases


def all_cases() -> list[Case]:
    cases = [case for path in sorted(FIXTURES.glob("*.txt")) for case in read_fixture_file(path)]
    assert cases, f"no fixture cases found in {FIXTURES}"
    return cases


CASES = all_cases()
ERROR = re.compile(r"error: column (\d+): (.+)")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_line_gives_the_expected_canonical_form_or_error(case: Case) -> None:
    where = f"{case.file}:{case.line} ({case.title})"
    m = ERROR.fullmatch(case.expected)
    if m:
        with pytest.raises(NotationError) as info:
            parse_form(case.text)
        assert info.value.column == int(m.group(1)), where
        assert m.group(2) in info.value.message, where
        assert info.value.text == case.text, where
        return
    assert canonical(case.text) == case.expected, where
    # the expected output is itself canonical and means the same tree
    assert canonical(case.expected) == case.expected, where
    assert parse_form(case.expected) == parse_form(case.text), where


def test_fixture_files_hold_cases_of_every_kind() -> None:
    by_file = {case.file for case in CASES}
    assert {"canonical.txt", "normalise.txt", "errors.txt"} <= by_file
    assert any(ERROR.fullmatch(c.expected) for c in CASES)
    assert any(c.text != c.expected and not ERROR.fullmatch(c.expected) for c in CASES)


def test_fixture_reader_names_the_line_of_each_input(tmp_path: Path) -> None:
    path = tmp_path / "sample.txt"
    path.write_text("# comment\n\nfirst\n.\na  b\n.\na b\n.\n\nsecond\n.\nc {\n.\nerror: column 3: x\n.\n")
    cases = read_fixture_file(path)
    assert [(c.line, c.title, c.text, c.expected) for c in cases] == [
        (5, "first", "a  b", "a b"),
        (12, "second", "c {", "error: column 3: x"),
    ]


def test_fixture_reader_refuses_an_unclosed_section(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_text("title\n.\na b\n")
    with pytest.raises(ValueError, match=r"broken.txt:3"):
        read_fixture_file(path)


# --------------------------------------------------------------------------------------
# Trees of the lines NOTATION.md shows
# --------------------------------------------------------------------------------------


def seq(*items: object) -> Sequence:
    return Sequence(tuple(items))  # type: ignore[arg-type]


def test_static_route_line_parses_to_a_required_choice_and_a_starred_optional_group() -> None:
    tree = parse_form(
        "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
        "[ preference <preference> | tag <tag> ] *"
    )
    assert tree == seq(
        Keyword("ip"),
        Keyword("route-static"),
        Argument("ip-address"),
        Choice((seq(Argument("mask")), seq(Argument("mask-length"))), required=True),
        Argument("nexthop-address"),
        Choice(
            (seq(Keyword("preference"), Argument("preference")), seq(Keyword("tag"), Argument("tag"))),
            required=False,
            multi=True,
        ),
    )


def test_braces_around_one_argument_followed_by_a_repeat_mark_make_a_repeated_group() -> None:
    tree = parse_form("abs-pfc priority { <prioritynumber> } &<1-3> enable [ threshold <threshold-value> ]")
    rep = tree.items[2]
    assert rep == Repeat(Choice((seq(Argument("prioritynumber")),), required=True), 1, 3)
    assert isinstance(rep, Repeat) and rep.key == "prioritynumber"
    assert tree.items[4] == Choice((seq(Keyword("threshold"), Argument("threshold-value")),), required=False)


def test_group_nested_in_an_alternative_stays_inside_that_alternative() -> None:
    tree = parse_form("ike heartbeat { seq-num { new | old } | spi-list }")
    assert tree == seq(
        Keyword("ike"),
        Keyword("heartbeat"),
        Choice(
            (
                seq(Keyword("seq-num"), Choice((seq(Keyword("new")), seq(Keyword("old"))), required=True)),
                seq(Keyword("spi-list")),
            ),
            required=True,
        ),
    )


def test_repeated_group_with_nested_optional_binds_under_its_first_argument() -> None:
    tree = parse_form("queue { <start-queue-index> [ to <end-queue-index> ] } &<1-8> shaping")
    rep = tree.items[1]
    assert isinstance(rep, Repeat)
    assert (rep.min, rep.max, rep.key) == (1, 8, "start-queue-index")
    assert tree.items[2] == Keyword("shaping")
    assert arguments(tree) == ["start-queue-index", "end-queue-index"]
    assert keywords(tree) == ["queue", "to", "shaping"]


def test_repeat_mark_with_minimum_zero_is_kept() -> None:
    tree = parse_form("vlan batch <vlan-id> &<0-3>")
    assert tree.items[2] == Repeat(Argument("vlan-id"), 0, 3)
    assert format_form(tree) == "vlan batch <vlan-id> &<0-3>"


def test_repeat_key_of_a_group_without_arguments_is_its_first_keyword() -> None:
    assert repeat_key(Choice((seq(Keyword("inbound")), seq(Keyword("outbound"))), required=True)) == "inbound"
    assert parse_form("a { b | c } &<1-2>").items[1].key == "b"  # type: ignore[union-attr]


def test_repeat_key_is_not_part_of_tree_equality() -> None:
    assert Repeat(Argument("x"), 1, 2, key="other") == Repeat(Argument("x"), 1, 2)


def test_star_may_follow_a_group_with_or_without_a_space() -> None:
    assert parse_form("a [ b | c ]*") == parse_form("a [ b | c ] *")
    assert parse_form("a [ b | c ]*").items[1] == Choice((seq(Keyword("b")), seq(Keyword("c"))), False, True)


def test_repeat_mark_after_a_starred_group_repeats_the_starred_group() -> None:
    tree = parse_form("a [ b | c ] * &<1-2>")
    assert tree.items[1] == Repeat(Choice((seq(Keyword("b")), seq(Keyword("c"))), False, True), 1, 2)
    assert format_form(tree) == "a [ b | c ] * &<1-2>"


def test_adjacent_keywords_stay_separate_tokens() -> None:
    assert parse_form("peer allow default-route").items == (
        Keyword("peer"),
        Keyword("allow"),
        Keyword("default-route"),
    )


def test_format_form_renders_single_nodes() -> None:
    assert format_form(Keyword("display")) == "display"
    assert format_form(Argument("vlan-id")) == "<vlan-id>"
    assert format_form(Repeat(Argument("vlan-id"), 1, 10)) == "<vlan-id> &<1-10>"
    assert format_form(Choice((seq(Keyword("a")),), required=False)) == "[ a ]"


# --------------------------------------------------------------------------------------
# Errors and their columns
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "message"),
    [
        ("a { b", 3, "unbalanced '{'"),
        ("a b }", 5, "unbalanced '}'"),
        ("a { b ] c", 7, "'{' at column 3 is closed by ']'"),
        ("a { }", 5, "empty group"),
        ("a | b", 3, "'|' outside a group"),
        ("a (b)", 3, "unknown mark '('"),
        ("a <b", 3, "'<' does not open a valid argument name"),
        ("a % b", 3, "unknown mark '%'"),
        ("a * b", 3, "'*' must follow a closing } or ]"),
        ("* a", 1, "'*' must follow a closing } or ]"),
        ("a <b> &<3-1>", 7, "the minimum is larger than the maximum"),
        ("a <b>&<3-1>", 6, "the minimum is larger than the maximum"),
        ("a b &<1-2>", 5, "not a keyword"),
    ],
)
def test_malformed_line_raises_notation_error_at_the_offending_column(
    text: str, column: int, message: str
) -> None:
    with pytest.raises(NotationError) as info:
        parse_form(text)
    err = info.value
    assert err.column == column
    assert message in err.message
    assert str(err).startswith(f"column {column}: ")


def test_notation_error_is_a_value_error_carrying_the_line() -> None:
    with pytest.raises(ValueError) as info:
        parse_form("display { brief")
    assert isinstance(info.value, NotationError)
    assert info.value.text == "display { brief"


def test_unbalanced_group_deep_in_a_line_points_at_its_own_opener() -> None:
    text = "ike heartbeat { seq-num { new | old } | spi-list"
    with pytest.raises(NotationError) as info:
        parse_form(text)
    assert info.value.column == text.index("{") + 1


def test_lexer_gives_each_mark_its_column_and_an_end_mark() -> None:
    marks = lex("a  {<b>}*&<1-2>")
    assert [(m.kind, m.text, m.column) for m in marks] == [
        ("word", "a", 1),
        ("bracket", "{", 4),
        ("arg", "<b>", 5),
        ("bracket", "}", 8),
        ("bracket", "*", 9),
        ("repeat", "&<1-2>", 10),
        ("end", "", 16),
    ]
