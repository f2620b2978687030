"""Rendering forms with values: branch selection, quoting and the list of problems."""

from __future__ import annotations

import pytest
from vrpcmds_runtime.line import Binding
from vrpcmds_runtime.matcher import match
from vrpcmds_runtime.notation import parse_form
from vrpcmds_runtime.render import RenderError, render

ROUTE = parse_form(
    "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
    "[ preference <preference> | tag <tag> ] *"
)
HEARTBEAT = parse_form("ike heartbeat { seq-num { new | old } | spi-list }")
QUEUE = parse_form("queue { <start-queue-index> [ to <end-queue-index> ] } &<1-8> shaping")
BASE = {"ip-address": "10.1.1.0", "nexthop-address": "10.0.0.2"}


def problems(form: str, values: object = (), keywords: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(RenderError) as info:
        render(parse_form(form), values, keywords)  # type: ignore[arg-type]
    err = info.value
    assert str(err) == "; ".join(err.problems)
    return err.problems


# --------------------------------------------------------------------------------------
# Branches
# --------------------------------------------------------------------------------------


def test_given_argument_selects_its_branch_of_a_required_choice() -> None:
    assert render(ROUTE, {**BASE, "mask": "24"}) == "ip route-static 10.1.1.0 24 10.0.0.2"
    assert render(ROUTE, {**BASE, "mask-length": "24"}) == "ip route-static 10.1.1.0 24 10.0.0.2"


def test_both_branches_of_a_choice_given_is_a_conflict_naming_both() -> None:
    text = (
        "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
        "[ preference <preference> | tag <tag> ] *"
    )
    found = problems(text, {**BASE, "mask": "255.0.0.0", "mask-length": "8"})
    assert found == [
        (
            "conflicting choices: <mask> and <mask-length> cannot be used together "
            "(choose one of '<mask>', '<mask-length>')"
        )
    ]


def test_both_branches_of_an_optional_group_given_is_a_conflict() -> None:
    found = problems(
        "display interface [ brief | <interface-name> ]", {"interface-name": "Vlanif20"}, ("brief",)
    )
    assert len(found) == 1
    assert found[0].startswith("conflicting choices: brief and <interface-name>")


def test_neither_branch_of_a_required_choice_is_an_error_listing_the_choices() -> None:
    found = problems("ike heartbeat { seq-num { new | old } | spi-list }")
    assert found == ["one of 'seq-num { new | old }', 'spi-list' is required"]


def test_optional_group_with_nothing_given_is_left_out() -> None:
    assert render(parse_form("display version [ slot <slot-id> ]")) == "display version"
    assert (
        render(parse_form("display version [ slot <slot-id> ]"), {"slot-id": "1"}) == "display version slot 1"
    )


def test_keyword_deep_in_a_branch_selects_the_branches_around_it() -> None:
    assert render(HEARTBEAT, {}, ("old",)) == "ike heartbeat seq-num old"
    assert render(HEARTBEAT, {}, ("seq-num", "new")) == "ike heartbeat seq-num new"
    assert render(HEARTBEAT, {}, ("spi-list",)) == "ike heartbeat spi-list"


def test_outer_branch_chosen_without_its_inner_choice_reports_the_inner_choices() -> None:
    assert problems("ike heartbeat { seq-num { new | old } | spi-list }", {}, ("seq-num",)) == [
        "one of 'new', 'old' is required"
    ]


def test_braces_around_one_item_need_no_selection() -> None:
    form = parse_form("abs-pfc priority { <prioritynumber> } &<1-3> enable")
    assert render(form, {"prioritynumber": ["3", "5"]}) == (
        "abs-pfc priority 3 5 enable"
    )
    assert render(parse_form("a { b <c> }"), {"c": "1"}) == "a b 1"


def test_none_values_count_as_not_given() -> None:
    assert render(parse_form("display version [ slot <slot-id> ]"), {"slot-id": None}) == "display version"


# --------------------------------------------------------------------------------------
# Starred groups
# --------------------------------------------------------------------------------------


def test_starred_group_renders_alternatives_in_the_order_given() -> None:
    assert render(ROUTE, {**BASE, "mask": "24", "tag": "5", "preference": "10"}) == (
        "ip route-static 10.1.1.0 24 10.0.0.2 tag 5 preference 10"
    )
    assert render(ROUTE, {**BASE, "mask": "24", "preference": "10", "tag": "5"}) == (
        "ip route-static 10.1.1.0 24 10.0.0.2 preference 10 tag 5"
    )


def test_chosen_keywords_order_a_starred_group_before_values_do() -> None:
    values = {**BASE, "mask": "24", "preference": "10", "tag": "5"}
    assert (
        render(ROUTE, values, ("tag", "preference"))
        == "ip route-static 10.1.1.0 24 10.0.0.2 tag 5 preference 10"
    )


def test_starred_group_of_keywords_follows_the_keyword_order() -> None:
    form = parse_form("display interface { brief | main | description } *")
    assert render(form, {}, ("description", "brief")) == "display interface description brief"
    assert problems("display interface { brief | main | description } *") == [
        "one of 'brief', 'main', 'description' is required"
    ]


def test_binding_of_a_starred_line_renders_in_the_line_order() -> None:
    line = "ip route-static 10.1.1.0 24 10.0.0.2 tag 5 preference 10"
    assert render(ROUTE, match(ROUTE, line)) == line


# --------------------------------------------------------------------------------------
# Values
# --------------------------------------------------------------------------------------


def test_missing_argument_is_reported_by_name() -> None:
    assert problems("sysname <host-name>") == ["<host-name> is required"]


def test_value_with_spaces_is_quoted_and_matches_back_as_one_value() -> None:
    form = parse_form("description <text>")
    line = render(form, {"text": "uplink to core"})
    assert line == 'description "uplink to core"'
    assert match(form, line) == Binding({"text": "uplink to core"})


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "bell\x07", "tab\tend\x00", "line\u2028sep"])
def test_value_with_a_newline_or_control_character_is_refused(value: str) -> None:
    found = problems("description <text>", {"text": value})
    assert len(found) == 1
    assert found[0].startswith(f"<text> value {value!r} contains a control character")


def test_value_with_a_double_quote_or_outer_blanks_or_nothing_is_refused() -> None:
    assert problems("description <text>", {"text": 'say "hi"'}) == [
        "<text> value 'say \"hi\"' contains a double quote, which the device reads as a delimiter"
    ]
    assert problems("description <text>", {"text": " padded"}) == [
        "<text> value ' padded' contains leading or trailing blanks"
    ]
    assert problems("description <text>", {"text": ""}) == ["<text> value '' contains an empty value"]


def test_non_string_values_are_written_as_text() -> None:
    assert render(parse_form("mtu <size>"), {"size": 9000}) == "mtu 9000"


def test_list_or_mapping_given_for_a_single_argument_is_refused() -> None:
    assert problems("mtu <size>", {"size": ["1500", "9000"]}) == [
        "<size> takes one value, not a list: ['1500', '9000']"
    ]
    assert problems("mtu <size>", {"size": {"size": "1500"}}) == [
        "<size> takes one value, not a mapping: {'size': '1500'}"
    ]


def test_nested_list_in_a_repeated_argument_is_refused() -> None:
    found = problems("vlan batch <vlan-id> &<1-3>", {"vlan-id": ["10", ["20", "30"]]})
    assert found == ["<vlan-id> takes one value, not a list: ['20', '30']"]


def test_unknown_given_name_is_reported_as_not_part_of_the_form() -> None:
    assert problems("sysname <host-name>", {"host-name": "core", "colour": "red"}) == [
        "'colour' is not part of this form"
    ]
    assert problems("display version", {}, ("brief",)) == ["'brief' is not part of this form"]


def test_every_problem_is_listed_at_once() -> None:
    text = (
        "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
        "[ preference <preference> | tag <tag> ] *"
    )
    found = problems(text, {"ip-address": "10.1.1.0", "tag": "a\nb", "colour": "red"})
    assert found == [
        "one of '<mask>', '<mask-length>' is required",
        "<nexthop-address> is required",
        "<tag> value 'a\\nb' contains a control character ('\\n') that would end the command line",
        "'colour' is not part of this form",
    ]


# --------------------------------------------------------------------------------------
# Repeats
# --------------------------------------------------------------------------------------


def test_repeated_argument_renders_each_value() -> None:
    form = parse_form("port trunk allow-pass vlan <vlan-id> &<1-3>")
    assert render(form, {"vlan-id": ["10", "20", "30"]}) == "port trunk allow-pass vlan 10 20 30"
    assert render(form, {"vlan-id": "10"}) == "port trunk allow-pass vlan 10"


def test_repeat_count_outside_its_range_is_reported() -> None:
    form = "port trunk allow-pass vlan <vlan-id> &<1-3>"
    assert problems(form, {"vlan-id": ["1", "2", "3", "4"]}) == ["<vlan-id> takes 1 to 3 values, got 4"]
    assert problems(form) == ["<vlan-id> takes 1 to 3 values, got 0"]


def test_repeat_with_minimum_zero_may_be_left_out() -> None:
    assert render(parse_form("vlan batch <vlan-id> &<0-3> done")) == "vlan batch done"


def test_repeated_group_renders_each_repetition_from_its_own_values() -> None:
    values = {
        "start-queue-index": [
            Binding({"start-queue-index": "1", "end-queue-index": "3"}, ("to",)),
            {"start-queue-index": "5"},
        ]
    }
    assert render(QUEUE, values) == "queue 1 to 3 5 shaping"


def test_problems_inside_repetitions_are_listed_with_the_others() -> None:
    found = problems(
        "queue { <start-queue-index> [ to <end-queue-index> ] } &<1-8> shaping <rate>",
        {"start-queue-index": [{"end-queue-index": "3"}, "7"]},
    )
    assert found == [
        "<start-queue-index> is required",
        "each repetition of { <start-queue-index> [ to <end-queue-index> ] } needs a mapping of its values",
        "<rate> is required",
    ]


def test_unknown_name_inside_a_repetition_is_reported() -> None:
    found = problems(
        "queue { <start-queue-index> [ to <end-queue-index> ] } &<1-8> shaping",
        {"start-queue-index": [{"start-queue-index": "1", "speed": "9"}]},
    )
    assert found == ["'speed' is not part of this form"]


def test_matched_binding_of_a_repeated_group_renders_the_same_line() -> None:
    line = "queue 1 to 3 5 shaping"
    assert render(QUEUE, match(QUEUE, line)) == line
