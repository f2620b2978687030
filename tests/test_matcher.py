"""Matching command lines against forms: bindings, preferences, prefixes and errors."""

from __future__ import annotations

import re
from types import MappingProxyType

import pytest
from vrpcmds_runtime.line import Binding, LineError, split_line
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_runtime.notation import parse_form

ROUTE = parse_form(
    "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
    "[ preference <preference> | tag <tag> ] *"
)
QUEUE = parse_form("queue { <start-queue-index> [ to <end-queue-index> ] } &<1-8> shaping")
HEARTBEAT = parse_form("ike heartbeat { seq-num { new | old } | spi-list }")


def rejected(form: str, line: str, **kwargs: object) -> MatchError:
    with pytest.raises(MatchError) as info:
        match(parse_form(form), line, **kwargs)  # type: ignore[arg-type]
    return info.value


# --------------------------------------------------------------------------------------
# Bindings
# --------------------------------------------------------------------------------------


def test_arguments_bind_their_tokens_and_fixed_keywords_are_not_listed() -> None:
    assert match(parse_form("sysname <host-name>"), "sysname core-1") == Binding({"host-name": "core-1"})


def test_keywords_chosen_inside_groups_are_listed_in_line_order() -> None:
    assert match(HEARTBEAT, "ike heartbeat seq-num old") == Binding({}, ("seq-num", "old"))
    assert match(HEARTBEAT, "ike heartbeat spi-list") == Binding({}, ("spi-list",))


def test_binding_equality_compares_values_as_dicts_and_keywords() -> None:
    assert Binding({"a": "1"}, ("x",)) == Binding(MappingProxyType({"a": "1"}), ("x",))
    assert Binding({"a": "1"}, ("x",)) != Binding({"a": "1"}, ())
    assert Binding({"a": "1"}) != Binding({"a": "2"})


def test_match_accepts_a_list_of_tokens_instead_of_a_line() -> None:
    tokens = split_line('description "to core"')
    assert match(parse_form("description <text>"), tokens) == Binding({"text": "to core"})


def test_quoted_value_with_spaces_is_one_argument_token() -> None:
    form = parse_form("description <text> now")
    assert match(form, 'description "uplink to core" now') == Binding({"text": "uplink to core"})


def test_blanks_between_tokens_do_not_matter_but_columns_follow_them() -> None:
    form = parse_form("display version")
    assert match(form, "  display \t version ") == Binding()
    err = rejected("display version", "display    versio")
    assert (err.index, err.column) == (1, 12)


# --------------------------------------------------------------------------------------
# Keyword versus argument, case
# --------------------------------------------------------------------------------------


def test_keyword_is_preferred_over_an_argument_that_could_take_the_same_word() -> None:
    form = parse_form("display interface [ brief | <interface-name> ]")
    assert match(form, "display interface brief") == Binding({}, ("brief",))
    assert match(form, "display interface 10GE1/0/1") == Binding({"interface-name": "10GE1/0/1"})


def test_optional_keyword_is_preferred_over_an_argument_before_it() -> None:
    form = parse_form("ping [ <count> ] [ fast ]")
    assert match(form, "ping fast") == Binding({}, ("fast",))
    assert match(form, "ping 5 fast") == Binding({"count": "5"}, ("fast",))


def test_keyword_and_argument_sharing_a_name_bind_the_value_under_the_name() -> None:
    form = parse_form("stp max-hops <hop> level <level>")
    assert match(form, "stp max-hops 6 level 3") == Binding({"hop": "6", "level": "3"})


def test_keywords_match_case_insensitively_and_bind_the_documented_spelling() -> None:
    form = parse_form("display { interface | vlan } brief")
    assert match(form, "DISPLAY Interface BRIEF") == Binding({}, ("interface",))


def test_argument_values_keep_their_case() -> None:
    assert match(parse_form("interface <interface-name>"), "Interface Vlanif20") == Binding(
        {"interface-name": "Vlanif20"}
    )


# --------------------------------------------------------------------------------------
# Choices, starred groups, repeats
# --------------------------------------------------------------------------------------


def test_starred_group_accepts_its_alternatives_in_any_order() -> None:
    base = "ip route-static 10.1.1.0 24 10.0.0.2"
    expected = {
        "ip-address": "10.1.1.0",
        "mask": "24",
        "nexthop-address": "10.0.0.2",
        "preference": "10",
        "tag": "5",
    }
    assert match(ROUTE, f"{base} preference 10 tag 5") == Binding(expected, ("preference", "tag"))
    assert match(ROUTE, f"{base} tag 5 preference 10") == Binding(expected, ("tag", "preference"))
    assert match(ROUTE, base) == Binding({k: expected[k] for k in ("ip-address", "mask", "nexthop-address")})


def test_starred_group_takes_each_alternative_at_most_once() -> None:
    err = rejected(ROUTE_TEXT, "ip route-static 10.1.1.0 24 10.0.0.2 tag 5 tag 6")
    assert (err.index, err.column) == (7, 44)
    assert set(err.expected) == {"'preference'", "end of line"}


def test_required_starred_group_needs_at_least_one_alternative() -> None:
    form = parse_form("display interface { brief | main | description } *")
    assert match(form, "display interface main brief") == Binding({}, ("main", "brief"))
    err = rejected("display interface { brief | main | description } *", "display interface")
    assert err.message == "line ended early: expected 'brief' or 'main' or 'description'"
    assert (err.index, err.column) == (2, 18)


def test_value_check_decides_between_argument_only_alternatives() -> None:
    def check(name: str, text: str) -> str | None:
        if name == "mask" and not re.fullmatch(r"\d+\.\d+\.\d+\.\d+", text):
            return "not a dotted mask"
        if name == "mask-length" and not text.isdigit():
            return "not a number"
        return None

    long = match(ROUTE, "ip route-static 10.1.1.0 255.255.255.0 10.0.0.2", check=check)
    short = match(ROUTE, "ip route-static 10.1.1.0 24 10.0.0.2", check=check)
    assert long.values["mask"] == "255.255.255.0" and "mask-length" not in long.values
    assert short.values["mask-length"] == "24" and "mask" not in short.values


def test_repeated_argument_binds_a_list_of_its_values() -> None:
    form = parse_form("port trunk allow-pass vlan <vlan-id> &<1-3>")
    assert match(form, "port trunk allow-pass vlan 10 20 30") == Binding({"vlan-id": ["10", "20", "30"]})
    assert match(form, "port trunk allow-pass vlan 10") == Binding({"vlan-id": ["10"]})


def test_repeated_argument_refuses_more_values_than_its_maximum() -> None:
    err = rejected("vlan batch <vlan-id> &<1-3>", "vlan batch 1 2 3 4")
    assert (err.index, err.column) == (5, 18)
    assert err.expected == ["end of line"]


def test_repeated_argument_needs_its_minimum() -> None:
    err = rejected("vlan batch <vlan-id> &<2-3>", "vlan batch 1")
    assert err.message == "line ended early: expected <vlan-id>"
    assert (err.index, err.column) == (3, 13)


def test_repeat_with_minimum_zero_may_be_absent_and_then_binds_nothing() -> None:
    form = parse_form("vlan batch <vlan-id> &<0-3> done")
    assert match(form, "vlan batch done") == Binding()
    assert match(form, "vlan batch 7 done") == Binding({"vlan-id": ["7"]})


def test_repeated_group_binds_one_binding_per_repetition() -> None:
    assert match(QUEUE, "queue 1 to 3 5 shaping") == Binding(
        {
            "start-queue-index": [
                Binding({"start-queue-index": "1", "end-queue-index": "3"}, ("to",)),
                Binding({"start-queue-index": "5"}),
            ]
        }
    )


def test_braces_around_one_repeated_argument_bind_a_list_of_values() -> None:
    form = parse_form("abs-pfc priority { <prioritynumber> } &<1-3> enable [ threshold <threshold-value> ]")
    assert match(form, "abs-pfc priority 3 4 enable threshold 9") == Binding(
        {"prioritynumber": ["3", "4"], "threshold-value": "9"},
        ("threshold",),
    )


def test_repeated_group_of_keywords_lists_each_choice_in_its_repetition() -> None:
    form = parse_form("mirror to observe-port { <index> mode { inbound | outbound } } &<1-4>")
    assert match(form, "mirror to observe-port 1 mode inbound 2 mode outbound") == Binding(
        {
            "index": [
                Binding({"index": "1"}, ("mode", "inbound")),
                Binding({"index": "2"}, ("mode", "outbound")),
            ]
        }
    )


def test_repeated_group_refuses_more_repetitions_than_its_maximum() -> None:
    form = "q { <i> } &<1-2> go"
    err = rejected(form, "q 1 2 3 go")
    assert (err.index, err.column) == (3, 7)
    assert "'go'" in err.expected


# --------------------------------------------------------------------------------------
# Value checks
# --------------------------------------------------------------------------------------


def test_value_check_rejection_names_the_argument_and_the_reason() -> None:
    def check(name: str, text: str) -> str | None:
        return None if text.isdigit() else "an integer is required"

    err = rejected("mtu <size> spread", "mtu jumbo spread", check=check)
    assert (err.index, err.column) == (1, 5)
    assert err.expected == ["<size>"]
    assert "'jumbo' is not a valid <size>: an integer is required" in err.message


def test_value_check_is_called_with_the_argument_name_and_the_token_text() -> None:
    seen: list[tuple[str, str]] = []

    def check(name: str, text: str) -> str | None:
        seen.append((name, text))
        return None

    match(parse_form("description <text>"), 'description "a b"', check=check)
    assert seen == [("text", "a b")]


def test_value_check_applies_to_each_repeated_value() -> None:
    def check(name: str, text: str) -> str | None:
        return None if text.isdigit() and 1 <= int(text) <= 4094 else "a VLAN ID is 1 to 4094"

    err = rejected("vlan batch <vlan-id> &<1-4>", "vlan batch 10 5000", check=check)
    assert (err.index, err.column) == (3, 15)
    assert "'5000' is not a valid <vlan-id>: a VLAN ID is 1 to 4094" in err.message


# --------------------------------------------------------------------------------------
# Abbreviated keywords
# --------------------------------------------------------------------------------------


def test_unique_prefixes_match_keywords_when_prefixes_are_enabled() -> None:
    form = parse_form("display current-configuration")
    assert match(form, "dis cur", prefixes=True) == Binding()
    err = rejected("display current-configuration", "dis cur")
    assert (err.index, err.column) == (0, 1)
    assert err.expected == ["'display'"]


def test_prefix_binds_the_full_keyword_it_stands_for() -> None:
    assert match(HEARTBEAT, "ike heart seq o", prefixes=True) == Binding({}, ("seq-num", "old"))


def test_prefix_shared_by_two_keywords_is_reported_as_ambiguous_at_that_token() -> None:
    err = rejected("display { current-configuration | current-time }", "dis current-", prefixes=True)
    assert "ambiguous" in err.message
    assert (err.index, err.column) == (1, 5)
    assert err.expected == ["'current-configuration'", "'current-time'"]
    assert "'current-configuration' or 'current-time'" in err.message


def test_prefix_shared_by_two_keywords_of_a_repeated_group_is_ambiguous() -> None:
    err = rejected("x { display | disable } &<1-2>", "x dis", prefixes=True)
    assert "ambiguous" in err.message
    assert (err.index, err.column) == (1, 3)


def test_full_keyword_beats_a_longer_keyword_it_is_a_prefix_of() -> None:
    form = parse_form("traffic { in | inbound }")
    assert match(form, "traffic in", prefixes=True) == Binding({}, ("in",))
    assert match(form, "traffic inb", prefixes=True) == Binding({}, ("inbound",))


def test_full_keyword_inside_a_repeated_group_beats_an_abbreviation_outside_it() -> None:
    form = parse_form("a [ abcd ] { abc | <v> } &<0-1>")
    assert match(form, "a abc", prefixes=True) == Binding({"v": [Binding({}, ("abc",))]})
    assert match(form, "a abcd", prefixes=True) == Binding({}, ("abcd",))


def test_quoted_tokens_are_never_taken_as_abbreviations() -> None:
    err = rejected("display version", 'display "ver"', prefixes=True)
    assert (err.index, err.column) == (1, 9)


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

ROUTE_TEXT = (
    "ip route-static <ip-address> { <mask> | <mask-length> } <nexthop-address> "
    "[ preference <preference> | tag <tag> ] *"
)


def test_wrong_keyword_error_names_token_number_index_column_and_expected_alternatives() -> None:
    err = rejected("display { interface | vlan } brief", "display port brief")
    assert (err.index, err.column) == (1, 9)
    assert err.expected == ["'interface'", "'vlan'"]
    assert err.message == "token 2 'port' (column 9): expected 'interface' or 'vlan'"


def test_extra_token_is_reported_where_the_line_should_have_ended() -> None:
    err = rejected("display version", "display version now")
    assert (err.index, err.column) == (2, 17)
    assert err.expected == ["end of line"]
    assert err.message == "token 3 'now' (column 17): expected end of line"


def test_line_ended_early_points_just_after_the_last_token() -> None:
    err = rejected("ip route-static <ip-address> <mask>", "ip route-static 10.1.1.0")
    assert err.index == 3
    assert err.column == len("ip route-static 10.1.1.0") + 1
    assert err.message == "line ended early: expected <mask>"


def test_line_ended_early_after_a_quoted_value_points_after_the_closing_quote() -> None:
    line = 'description "to core"'
    err = rejected("description <text> now", line)
    assert (err.index, err.column) == (2, len(line) + 1)


def test_empty_line_ends_early_at_column_one() -> None:
    err = rejected("display version", "")
    assert (err.index, err.column) == (0, 1)
    assert err.expected == ["'display'"]


def test_error_after_an_optional_group_lists_what_could_come_next() -> None:
    err = rejected("ping [ count <count> ] [ size <size> ] <host>", "ping count 3")
    assert (err.index, err.column) == (3, 13)
    assert set(err.expected) == {"'size'", "<host>"}


def test_furthest_position_reached_by_any_reading_is_reported() -> None:
    err = rejected(ROUTE_TEXT, "ip route-static 10.1.1.0 24 10.0.0.2 preference")
    assert err.message == "line ended early: expected <preference>"
    assert (err.index, err.column) == (6, 48)


def test_control_character_in_a_line_is_refused_before_matching() -> None:
    with pytest.raises(LineError) as info:
        match(parse_form("description <text>"), "description a\nb")
    assert info.value.column == 14
