"""The minimal Value-cell parser: each recognised shape, and prose kept as text."""

from __future__ import annotations

import pytest
from vrpcmds_scraper.values import parse_value


def test_a_dash_means_no_value() -> None:
    value = parse_value("-")
    assert (value.type, value.text) == ("none", "-")


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The value is an integer ranging from 1 to 10.", 1, 10),
        ("The value is an integer that ranges from 0 to 4094.", 0, 4094),
        ("The value is an integer in the range of 2 to 64.", 2, 64),
        ("An integer ranging from -5 to 5.", -5, 5),
    ],
)
def test_integer_ranges(text: str, low: int, high: int) -> None:
    value = parse_value(text)
    assert (value.type, value.min, value.max, value.text) == ("integer", low, high, text)


def test_integer_unit_and_default() -> None:
    value = parse_value(
        "The value is an integer that ranges from 10 to 1500 ms. The default value is 100 ms."
    )
    assert (value.min, value.max, value.unit, value.default) == (10, 1500, "ms", "100")


def test_integer_unit_named_after_the_range() -> None:
    value = parse_value(
        "The value is an integer ranging from 1 to 3600, in seconds. The default value is 30."
    )
    assert (value.unit, value.default) == ("seconds", "30")


def test_string_lengths_case_and_spaces() -> None:
    value = parse_value("The value is a string of 1 to 31 case-sensitive characters, spaces not supported.")
    assert value.type == "string"
    assert (value.min_length, value.max_length, value.case_sensitive, value.spaces) == (1, 31, True, False)


def test_case_insensitive_string_with_spaces() -> None:
    value = parse_value("The value is a case-insensitive string of 1 to 242 characters, spaces supported.")
    assert (value.case_sensitive, value.spaces, value.max_length) == (False, True, 242)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The value is in dotted decimal notation.", "ipv4"),
        ("The value is a 32-digit hexadecimal number, in the format of X:X:X:X:X:X:X:X.", "ipv6"),
        ("The value is in the H-H-H format. H is a 4-digit hexadecimal number.", "mac"),
    ],
)
def test_addresses(text: str, kind: str) -> None:
    assert parse_value(text).type == kind


def test_single_word_enumerations() -> None:
    value = parse_value("The value can be ftp, tftp, or sftp.")
    assert (value.type, value.choices) == ("enum", ["ftp", "tftp", "sftp"])


@pytest.mark.parametrize(
    "text", ["The value must be an existing VPN instance name.", "The value can be letters or digits.", ""]
)
def test_prose_stays_text_verbatim(text: str) -> None:
    value = parse_value(text)
    assert (value.type, value.text) == ("text", text)
