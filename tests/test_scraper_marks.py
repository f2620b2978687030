"""Keyword/argument marks: from HedEx HTML Format paragraphs, and inferred for plain text."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_scraper.marks import html_format_line, infer_marks, is_applicability_line


def paragraph(html: str):  # type: ignore[no-untyped-def]
    """The first <p> of an HTML snippet."""
    return BeautifulSoup(html, "lxml").find("p")


# --- HTML Format paragraphs -----------------------------------------------------------

HTML_CASES = [
    pytest.param(
        '<p><b><span class="cmdname">dcb pfc deadlock-recovery timer </span></b>'
        '<i><span class="varname">recovery-time</span></i></p>',
        "dcb pfc deadlock-recovery timer <recovery-time>",
        id="cmdname-then-varname",
    ),
    pytest.param(
        '<p><b><span class="cmdname">undo dcb pfc deadlock-recovery </span></b>[ <strong><span>timer</span>'
        '</strong> <i><span class="varname">recovery-time</span></i> ]</p>',
        "undo dcb pfc deadlock-recovery [ timer <recovery-time> ]",
        id="undo-optional-pair",
    ),
    pytest.param(
        '<p><b><span class="cmdname">peer </span></b><i><span class="varname">group-name</span></i> '
        "<strong>allow</strong><strong>default-route</strong></p>",
        "peer <group-name> allow default-route",
        id="adjacent-bold-never-glued",
    ),
    pytest.param(
        '<p><b><span class="cmdname">peer </span></b><i><span class="varname">group-name</span></i> '
        "<strong>allow</strong> <strong>default-route</strong></p>",
        "peer <group-name> allow default-route",
        id="adjacent-bold-with-space",
    ),
    pytest.param(
        '<p><b><span class="cmdname">abs-pfc priority </span></b>{ <i><span class="varname">prioritynumber'
        "</span></i> } &amp;&lt;1-3&gt; <strong><span>enable</span></strong> [ <strong><span>threshold</span>"
        '</strong> <i><span class="varname">threshold-value</span></i> ]</p>',
        "abs-pfc priority { <prioritynumber> } &<1-3> enable [ threshold <threshold-value> ]",
        id="repeat-mark",
    ),
    pytest.param(
        '<p><b><span class="cmdname">speed auto </span></b>{ <strong><span>10</span></strong> | '
        "<strong><span>100</span></strong> } <sup>*</sup></p>",
        "speed auto { 10 | 100 } *",
        id="sup-star",
    ),
    pytest.param(
        "<p><b>ike heartbeat</b> {<strong>seq-num</strong> {<strong>new</strong>|<strong>old</strong>}|"
        "<strong>spi-list</strong>}</p>",
        "ike heartbeat { seq-num { new | old } | spi-list }",
        id="glued-brackets",
    ),
    pytest.param(
        "<p><b>vpn-target</b> <em>instanceId</em> <em>vlan_id2</em></p>",
        "vpn-target <instanceId> <vlan_id2>",
        id="em-camelcase-underscore",
    ),
    pytest.param(
        '<p><b><span class="cmdname">display</span></b> <i><span class="varname">if-type if-number</span></i>'
        "</p>",
        "display <if-type> <if-number>",
        id="italic-split-on-whitespace",
    ),
]


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_format_line_gives_the_canonical_text(html: str, text: str) -> None:
    assert html_format_line(paragraph(html)) == text


@pytest.mark.parametrize(("html", "text"), HTML_CASES)
def test_html_format_line_gives_the_same_tree_as_the_canonical_text(html: str, text: str) -> None:
    assert parse_form(html_format_line(paragraph(html))) == parse_form(text)


def test_plain_words_outside_marks_are_keywords_and_reported() -> None:
    unmarked: list[str] = []
    line = html_format_line(paragraph("<p><b>display</b> brief [ <i>slot-id</i> ]</p>"), unmarked)
    assert line == "display brief [ <slot-id> ]"
    assert unmarked == ["brief"]


def test_a_marked_line_without_plain_words_reports_nothing() -> None:
    unmarked: list[str] = []
    html_format_line(paragraph(HTML_CASES[0].values[0]), unmarked)
    assert unmarked == []


def test_html_format_line_rejects_unbalanced_brackets_with_the_column() -> None:
    with pytest.raises(NotationError) as caught:
        html_format_line(paragraph("<p><b>probe</b> { <i>name</i></p>"))
    assert caught.value.column == 7


# --- applicability lines -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "models"),
    [
        (
            "For CE6885, CE6885-T, CE6885-LL (low latency mode):",
            ["CE6885", "CE6885-T", "CE6885-LL (low latency mode)"],
        ),
        ("For CE6820H and CE6820S:", ["CE6820H", "CE6820S"]),
        (
            "For CE6885-LL (standard forwarding mode), CE6863E-48S8CQ, and CE8855:",
            ["CE6885-LL (standard forwarding mode)", "CE6863E-48S8CQ", "CE8855"],
        ),
        ("For\u00a0CE6866K:", ["CE6866K"]),
    ],
)
def test_applicability_lines_give_their_models(text: str, models: list[str]) -> None:
    assert is_applicability_line(text) == models


@pytest.mark.parametrize(
    "text",
    [
        "For example:",
        "ike heartbeat { seq-num { new | old } | spi-list }",
        "For the device to work, do this:",
        "For CE6885, CE6885-T",
        "",
    ],
)
def test_other_lines_are_not_applicability_lines(text: str) -> None:
    assert is_applicability_line(text) == []


# --- inference for plain text ------------------------------------------------------------


def test_interval_interval_puts_the_keyword_first() -> None:
    line, guesses = infer_marks("timer interval interval", {"interval"}, {"interval"}, leading=["timer"])
    assert line == "timer interval <interval>"
    assert guesses == []


def test_keyword_then_optional_argument_of_the_same_name() -> None:
    line, guesses = infer_marks("undo timer interval [ interval ]", {"interval"}, {"interval"}, ["timer"])
    assert line == "undo timer interval [ <interval> ]"
    assert guesses == []


def test_a_lone_word_that_is_both_is_a_keyword_and_a_guess() -> None:
    line, guesses = infer_marks("undo timer interval", {"interval"}, {"interval"}, ["timer"])
    assert line == "undo timer interval"
    assert [(g.word, g.kind) for g in guesses] == [("interval", "keyword")]


def test_enumeration_alternatives_are_keywords() -> None:
    line, guesses = infer_marks("probe mode { fast | slow }", set(), {"mode", "fast", "slow"}, ["probe"])
    assert line == "probe mode { fast | slow }"
    assert guesses == []


def test_words_with_a_value_are_arguments() -> None:
    line, guesses = infer_marks(
        "probe send { interval interval | burst burst-count } *",
        {"interval", "burst-count"},
        {"interval", "burst"},
        ["probe", "send"],
    )
    assert line == "probe send { interval <interval> | burst <burst-count> } *"
    assert guesses == []


def test_absent_words_are_keywords_and_guesses_with_their_column() -> None:
    line, guesses = infer_marks("display probe verbose", set(), set(), leading=["display", "probe"])
    assert line == "display probe verbose"
    assert len(guesses) == 1
    assert (guesses[0].word, guesses[0].kind, guesses[0].column) == ("verbose", "keyword", 15)
    assert "absent" in guesses[0].reason


def test_leading_keywords_are_never_guesses_even_after_undo() -> None:
    line, guesses = infer_marks("undo ike heartbeat spi-list", set(), {"spi-list"}, ["ike", "heartbeat"])
    assert line == "undo ike heartbeat spi-list"
    assert guesses == []


def test_title_words_after_an_argument_stay_keywords() -> None:
    line, guesses = infer_marks(
        "peer peer-address allow-as-loop", {"peer-address"}, set(), ["peer", "allow-as-loop"]
    )
    assert line == "peer <peer-address> allow-as-loop"
    assert guesses == []


def test_a_word_before_a_repeat_mark_is_an_argument() -> None:
    line, guesses = infer_marks("vlan batch { vlan-id } &<1-10> tag &<1-2>", set(), set(), ["vlan", "batch"])
    assert line == "vlan batch { <vlan-id> } &<1-10> <tag> &<1-2>"
    assert guesses == []


def test_prose_values_make_likely_arguments_and_guesses() -> None:
    line, guesses = infer_marks("probe target name", set(), set(), ["probe"], likely_arguments={"name"})
    assert line == "probe target <name>"
    assert [(g.word, g.kind) for g in guesses] == [("target", "keyword"), ("name", "argument")]


def test_a_dash_word_named_like_a_value_is_an_argument_and_a_guess() -> None:
    line, guesses = infer_marks("clear probe interface-type", set(), {"interface-type"}, ["clear", "probe"])
    assert line == "clear probe <interface-type>"
    assert [(g.word, g.kind) for g in guesses] == [("interface-type", "argument")]
    assert "given '-'" in guesses[0].reason and "-type" in guesses[0].reason


def test_a_dash_word_named_like_a_value_stays_a_keyword_before_a_group() -> None:
    line, guesses = infer_marks(
        "clear probe packet-type { echo | reply }",
        set(),
        {"packet-type", "echo", "reply"},
        ["clear", "probe"],
    )
    assert line == "clear probe packet-type { echo | reply }"
    assert guesses == []


def test_glued_brackets_in_plain_text_are_normalised() -> None:
    line, _ = infer_marks(
        "ike heartbeat {seq-num {new|old}|spi-list}",
        set(),
        {"seq-num", "new", "old", "spi-list"},
        ["ike", "heartbeat"],
    )
    assert line == "ike heartbeat { seq-num { new | old } | spi-list }"


def test_an_unreadable_plain_line_raises_notation_error() -> None:
    with pytest.raises(NotationError):
        infer_marks("probe { fast | slow", set(), set(), ["probe"])
