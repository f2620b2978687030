"""The Value-cell parser: every phrasing met in the CE6800 reference, in sentences of our own.

Each case is written in the manuals' style, not copied from them. Cells keep their
paragraphs and list items as lines (``- item``), the way the HTML scraper reads them.
"""

from __future__ import annotations

import pytest
from vrpcmds_scraper.values import parse_value, union_note, untyped_reason


def test_a_dash_means_no_value() -> None:
    value = parse_value("-")
    assert (value.type, value.text) == ("none", "-")


def test_a_cell_of_dashes_means_no_value() -> None:
    assert parse_value("-\n-\n-").type == "none"


# --- integers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The value is an integer ranging from 1 to 10.", 1, 10),
        ("The value is an integer that ranges from 0 to 4094.", 0, 4094),
        ("The value is an integer in the range of 2 to 64.", 2, 64),
        ("The value is an integer in the range from 0 to 32.", 0, 32),
        ("The value is an integer in the range 0 to 15.", 0, 15),
        ("An integer ranging from -5 to 5.", -5, 5),
        ("The value ranges from 5 to 300.", 5, 300),
        ("It is an integer ranging from 0 to 9.", 0, 9),
        ("The value is an integer, ranging from 3 to 30, in bytes.", 3, 30),
        ("The pulse count is an integer ranging from 1 to 4,294,967,295.", 1, 4294967295),
        ("1~128", 1, 128),
        ("1-4094", 1, 4094),
        ("<1-65535>", 1, 65535),
        ("It is an integer data type. The value range is from 0 to 59 seconds.", 0, 59),
        ("The value is an integer that ranges from 0 to 99.The default value is 10.", 0, 99),
        ("The value is an integer ranging from 0 to 63, Value 0 selects every probe.", 0, 63),
    ],
)
def test_integer_ranges(text: str, low: int, high: int) -> None:
    value = parse_value(text)
    assert (value.type, value.min, value.max, value.text) == ("integer", low, high, text)


def test_an_integer_without_bounds() -> None:
    value = parse_value("The value is an integer. Enter a question mark (?) to see what the device takes.")
    assert (value.type, value.min, value.max) == ("integer", None, None)


def test_touching_ranges_merge() -> None:
    value = parse_value(
        "The probe number is an integer. A basic probe number ranges from 100 to 199, "
        "an advanced probe number ranges from 200 to 299."
    )
    assert (value.type, value.min, value.max) == ("integer", 100, 299)


@pytest.mark.parametrize(
    ("text", "low", "high", "shown"),
    [
        ("The value is 0 or an integer ranging from 30 to 600, in seconds.", 0, 600, "0, 30..600"),
        ("The port is an integer that is 21 or ranges from 1025 to 65535.", 21, 65535, "21, 1025..65535"),
        (
            "The value is an integer that can be 0, or ranges from 60 to 1,000,000, in seconds.",
            0,
            1000000,
            "0, 60..1000000",
        ),
        ("The value is an integer that ranges from 0 or 5 to 7200, in seconds.", 0, 7200, "0, 5..7200"),
        ("The value is 9 or an integer that ranges from 0 to 3.", 0, 9, "0..3, 9"),
    ],
)
def test_disjoint_ranges_span_from_the_lowest_to_the_highest_with_a_note(
    text: str, low: int, high: int, shown: str
) -> None:
    value = parse_value(text)
    assert (value.type, value.min, value.max) == ("integer", low, high)
    assert union_note(value) == (
        "value-ranges-joined",
        f"2 disjoint ranges ({shown}) typed as one: integer {low}..{high}, the values between them accepted",
    )


def test_an_identifier_the_manual_types_as_an_integer_is_an_integer() -> None:
    text = (
        "The value is an integer that is assigned by the system and ranging from 3000000001 to 3999999999, "
        "the value of a scheduled checkpoint is ranging from 4000000001 to 4999999999."
    )
    value = parse_value(text)
    assert (value.type, value.min, value.max) == ("integer", 3000000001, 4999999999)
    note = union_note(value)
    assert note is not None and note[0] == "value-ranges-joined"


def test_one_range_gets_no_note() -> None:
    assert union_note(parse_value("The value is an integer ranging from 1 to 10.")) is None
    assert union_note(parse_value("The value is a string of 1 to 31 characters.")) is None


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        (
            "The value is an integer that ranges from low-threshold to 100. The default value is 100.",
            None,
            100,
        ),
        ("The value is an integer that ranges from minDelay to 5000.", None, 5000),
        ("The value is an integer ranging from 0 to alarm-count. It varies with alarm-count.", 0, None),
        ("The value ranges from 0 to the number of slots minus 1.", None, None),
    ],
)
def test_a_bound_given_as_another_parameter_leaves_that_end_open(
    text: str, low: int | None, high: int | None
) -> None:
    value = parse_value(text)
    assert (value.type, value.min, value.max) == ("integer", low, high)


def test_integer_unit_and_default() -> None:
    value = parse_value(
        "The value is an integer that ranges from 10 to 1500 ms. The default value is 100 ms."
    )
    assert (value.min, value.max, value.unit, value.default) == (10, 1500, "ms", "100")


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The value is an integer ranging from 1 to 3600, in seconds. The default value is 30.", "seconds"),
        ("The value is an integer ranging from 1 to 100, in messages per second.", "messages per second"),
        ("The value is an integer, in packets/second. The value ranges from 1 to 1000.", "packets/second"),
        ("The value is an integer in the range of 64 to 9000. The default unit is kbit/s.", "kbit/s"),
        ("The value is an integer that ranges from 1 to 1440, in minutes.", "minutes"),
        ("The value is an integer ranging from 0 to 100, in percentage.", "percentage"),
    ],
)
def test_units_named_after_the_range_or_apart(text: str, unit: str) -> None:
    assert parse_value(text).unit == unit


@pytest.mark.parametrize(
    ("text", "default"),
    [
        ("The value is an integer ranging from 1 to 8. The default value is 3.", "3"),
        ("The value is an integer ranging from 1 to 8. The default is 7.", "7"),
        ("The value ranges from 1 to 900, in seconds. The default value is 45s.", "45"),
        ("The port is an integer that ranges from 1 to 65535. By default, the port number is 830.", "830"),
    ],
)
def test_defaults(text: str, default: str) -> None:
    assert parse_value(text).default == default


def test_a_default_that_is_not_a_value_of_the_type_is_not_taken() -> None:
    value = parse_value("The value is an integer. If no peer is set, the default value is the local one.")
    assert value.default is None


def test_integer_alternatives_are_an_enumeration() -> None:
    value = parse_value("The value is an integer that can be 0 or 1.")
    assert (value.type, value.choices) == ("enum", ["0", "1"])


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The value is an integer that ranges from 1 Mbit/s to 100 Gbit/s.", "ranges in different units"),
        ("The value is a hexadecimal integer ranging from 0x00 to 0x3f.", "a hexadecimal value"),
        ("The value ranges from 0x0 to 0xFF, in hexadecimal notation.", "a hexadecimal value"),
        (
            "The value is in the hh:mm format. hh is an integer ranging from 0 to 23.",
            "a date or time in a given format",
        ),
        ("The start date is in the format of YYYY/MM/DD.", "a date or time in a given format"),
        ("The value is time format, ranging from 00:00 to 23:59.", "a date or time in a given format"),
        ("The value is an integer ranging from 0 to ffffffff.", "a hexadecimal value"),
        ("The value ranges from 10 to FFFE.", "a hexadecimal value"),
    ],
)
def test_integers_the_parser_does_not_type(text: str, reason: str) -> None:
    assert parse_value(text).type == "text"
    assert untyped_reason(text) == reason


# --- strings -------------------------------------------------------------------------------------


def test_string_lengths_case_and_spaces() -> None:
    value = parse_value("The value is a string of 1 to 31 case-sensitive characters, spaces not supported.")
    assert value.type == "string"
    assert (value.min_length, value.max_length, value.case_sensitive, value.spaces) == (1, 31, True, False)


def test_case_insensitive_string_with_spaces() -> None:
    value = parse_value("The value is a case-insensitive string of 1 to 242 characters, spaces supported.")
    assert (value.case_sensitive, value.spaces, value.max_length) == (False, True, 242)


@pytest.mark.parametrize(
    "text",
    [
        "The value is a string of 1 to 20 case-sensitive characters. It cannot contain spaces.",
        "The value is a string of 1 to 20 case-sensitive characters without spaces.",
        "The label is a string of 1 to 20 characters, with spaces not supported.",
        "The value is a string of 1 to 20 case-sensitive characters without a blank space.",
        "The value is a string of 1 to 20 case-sensitive characters, and cannot contain spaces.",
        "The value is a string of case-insensitive characters and does not contain spaces.",
        "The value is a string of 1 to 20 characters, spaces and question marks not supported.",
    ],
)
def test_strings_that_refuse_spaces(text: str) -> None:
    value = parse_value(text)
    assert (value.type, value.spaces) == ("string", False)


@pytest.mark.parametrize(
    "text",
    [
        (
            "The value is a string of 1 to 40 case-sensitive characters. If the string contains spaces, "
            "it must be enclosed in double quotation marks."
        ),
        (
            "The value is a string of 1 to 40 case-sensitive characters, spaces not supported. When double "
            "quotation marks are used around the string, spaces are allowed in the string."
        ),
        (
            "The value is a string of 1 to 40 case-sensitive characters. The string can contain spaces if it "
            'is enclosed with double quotation marks (").'
        ),
        (
            "The value is a string of 1 to 40 characters. If spaces are used, the string must be enclosed in "
            'double quotation marks (" ").'
        ),
        "The value is a string of 1 to 40 case-sensitive characters that can contain spaces.",
    ],
)
def test_strings_that_allow_spaces_quoted_or_not(text: str) -> None:
    assert parse_value(text).spaces is True


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        (
            "The value is a string of 1 to 31 case-sensitive characters. It cannot contain question marks (?).",
            "?",
        ),
        ("The value is a string of 1 to 31 characters. It cannot contain spaces or question marks (?).", "?"),
        ("The value is a string of 1 to 31 characters without spaces and question marks.", "?"),
        (
            'The value is a string of 1 to 31 characters. It cannot contain spaces or the following symbols: / \\ : * ? " < > |.',
            '/\\:*?"<>|',
        ),
        (
            "The value is a string of 1 to 31 characters. The string cannot contain the following characters: | > $.",
            "|>$",
        ),
        (
            "The value is a string of 1 to 31 characters. It can be any visible character except the question mark (?) and space.",
            "?",
        ),
        (
            "The value is a string of 1 to 31 characters without spaces. It cannot contain special characters | > $ * ^",
            "|>$*^",
        ),
    ],
)
def test_forbidden_characters(text: str, forbidden: str) -> None:
    assert parse_value(text).forbidden == forbidden


def test_characters_that_may_only_not_start_the_string_are_not_forbidden() -> None:
    value = parse_value(
        "The value is a string of 1 to 32 case-sensitive characters. It cannot contain spaces or begin with an underscore (_)."
    )
    assert (value.spaces, value.forbidden) == (False, None)


def test_string_lengths_in_other_words() -> None:
    assert (
        parse_value(
            "Probe file name is a string data type. The string length range is from 1 to 128 characters."
        ).max_length
        == 128
    )
    assert parse_value("The value is a string ranging from 1 to 11.").max_length == 11
    assert parse_value("The value is a string of 1-31 case-sensitive characters.").max_length == 31


def test_plaintext_and_ciphertext_lengths_merge() -> None:
    value = parse_value(
        "The value is a string of 1 to 64 case-sensitive characters in plaintext or a string of 48 to 128 "
        "case-sensitive characters in ciphertext."
    )
    assert (value.min_length, value.max_length) == (1, 128)


def test_a_string_without_a_length() -> None:
    value = parse_value("The value is a string of case-sensitive characters. It cannot contain spaces.")
    assert (value.type, value.min_length, value.max_length, value.case_sensitive) == (
        "string",
        None,
        None,
        True,
    )


# --- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The value is in dotted decimal notation.", "ipv4"),
        ("It is a unicast address in dotted decimal notation.", "ipv4"),
        ("The address is a 4-digit decimal number, in the format of X.X.X.X.", "ipv4"),
        ("The value is a 32-digit hexadecimal number, in the format of X:X:X:X:X:X:X:X.", "ipv6"),
        ("The value is a 32-bit hexadecimal string in format X:X:X:X:X:X:X:X.", "ipv6"),
        ("The value is an IPv6 address.", "ipv6"),
        ("The value is in the H-H-H format. H is a 4-digit hexadecimal number.", "mac"),
        ("The value is a hexadecimal number in the format of H-H-H, such as 00e0-fc01-0001.", "mac"),
    ],
)
def test_addresses(text: str, kind: str) -> None:
    assert parse_value(text).type == kind


def test_an_integer_that_mentions_addresses_stays_an_integer() -> None:
    value = parse_value(
        "The value is an integer that ranges from 0 to 128. With the IPv6 address, it gives a prefix."
    )
    assert (value.type, value.max) == ("integer", 128)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("IPv6 address/IPv6 address prefix length.", "an address with a prefix or mask length"),
        (
            (
                "If the value is an IP address, it is in dotted decimal notation. If the value is a host name, "
                "it is a string of 1 to 64 characters."
            ),
            "several kinds of value",
        ),
        (
            (
                "- For an IPv4 address, the value is in dotted decimal notation.\n- For an IPv6 address, the value "
                "is in the format of X:X:X:X:X:X:X:X."
            ),
            "the cell lists several cases",
        ),
    ],
)
def test_addresses_with_something_else_stay_text(text: str, reason: str) -> None:
    assert parse_value(text).type == "text"
    assert untyped_reason(text) == reason


# --- enumerations ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("The value can be ftp, tftp, or sftp.", ["ftp", "tftp", "sftp"]),
        ("The value can be red, amber, and green. The default value is amber.", ["red", "amber", "green"]),
        ("The value is 10, 100, 500, or 1000, in milliseconds.", ["10", "100", "500", "1000"]),
        ("The value is an enumerated type, which is 2, 4, 6 or 8.", ["2", "4", "6", "8"]),
        ("The value of probe-type can be icmp or udp.", ["icmp", "udp"]),
        ("The value can be Q1 to Q3, or Q7, each of which maps to one queue.", ["Q1", "Q2", "Q3", "Q7"]),
        (
            "The following are the supported rates in bits/s: 1200, 9600 and 115200.",
            ["1200", "9600", "115200"],
        ),
        ("The value must be 15.", ["15"]),
    ],
)
def test_inline_enumerations(text: str, choices: list[str]) -> None:
    value = parse_value(text)
    assert (value.type, value.choices) == ("enum", choices)


def test_an_enumeration_keeps_its_default_and_unit() -> None:
    value = parse_value("The value can be red, amber, and green. The default value is amber.")
    assert value.default == "amber"
    assert parse_value("The value is 10, 100, 500, or 1000, in milliseconds.").unit == "milliseconds"


@pytest.mark.parametrize(
    ("text", "choices"),
    [
        ("Enumerated type. The values are as follows:\n- 0:QG0\n- 1:QG1\n- 7:QG7", ["0", "1", "7"]),
        (
            "The value is an enumerated type, which can be:\n- off: sends nothing.\n- on: sends pulses.",
            ["off", "on"],
        ),
        ("The value can be:\n- 10GE\n- 40GE", ["10GE", "40GE"]),
        (
            "The following probes are supported:\n- icmp\n- udp+\n- tcp\nOne or more can be given.",
            ["icmp", "udp+", "tcp"],
        ),
        ("The options are as follows:\n- 3\n- 15\n- 33", ["3", "15", "33"]),
    ],
)
def test_enumerations_listed_as_items(text: str, choices: list[str]) -> None:
    value = parse_value(text)
    assert (value.type, value.choices, value.text) == ("enum", choices, text)


def test_items_that_are_not_single_words_are_not_an_enumeration() -> None:
    text = "The value can be set to any of the following:\n- 0 to 6\n- Any day of a week\n- Weekend: Sunday or Saturday"
    assert parse_value(text).type == "text"


@pytest.mark.parametrize(
    "text",
    [
        "The value is of the enumerated type.",
        "The value can be letters or digits.",
        "HTTP and HTTPS can be used.",
    ],
)
def test_enumerations_without_choices_stay_text(text: str) -> None:
    assert parse_value(text).type == "text"


# --- prose ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The value must be an existing VPN instance name.",
        "The probe group must already exist.",
        "The value must be set according to the device configuration.",
        "",
    ],
)
def test_prose_stays_text_verbatim(text: str) -> None:
    value = parse_value(text)
    assert (value.type, value.text) == ("text", text)


# --- values that depend on the device model -------------------------------------------------------


def test_model_dependent_ranges_are_their_union_with_a_note() -> None:
    text = (
        "For the FX100 and FX200:The value is an integer ranging from 1 to 4094.\n"
        "For the FX300 (low latency mode):The value is an integer ranging from 1 to 1023."
    )
    value = parse_value(text)
    assert (value.type, value.min, value.max, value.text) == ("integer", 1, 4094, text)
    assert union_note(value) == (
        "value-model-dependent",
        "the device model decides which of the 2 cases applies; typed as their union: integer 1..4094",
    )


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "default"),
    [
        (
            (
                "For the FX100, FX200 and FX300:The value is an integer ranging from 0 to 7. The default value is 3.\n"
                "For the FX400:The value is an integer ranging from 0 to 5. The default value is 3."
            ),
            0,
            7,
            None,
            "3",
        ),
        (
            (
                "For the FX100:The value is an integer ranging from 1 to 12.\n"
                "For the FX200-LL:The value is an integer ranging from 0 to 10."
            ),
            0,
            12,
            None,
            None,
        ),
        (
            (
                "For the FX100:The value is an integer that ranges from 16 to 20480, in kbytes. "
                "The default value is 128 kbytes.\n"
                "For the FX200:The value is an integer that ranges from 1 to 4096, in kbytes.\n"
                "For the FX300 (low latency mode):The value is an integer that ranges from 16 to 8192, in kbytes. "
                "The default value is 64 kbytes."
            ),
            1,
            20480,
            "kbytes",
            None,
        ),
        (
            (
                "For FX100, FX100-K and FX200:\nThe value is an integer that ranges from 1518 to 9600.\n"
                "For FX300 and FX300-K:\nThe value is an integer that ranges from 1518 to 12288."
            ),
            1518,
            12288,
            None,
            None,
        ),
        (
            (
                "For the FX100:The value is an integer that ranges from low-mark to 4000000.\n"
                "For the FX200:The value is an integer that ranges from low-mark to 9000000."
            ),
            None,
            9000000,
            None,
            None,
        ),
    ],
)
def test_model_dependent_integers(
    text: str, low: int | None, high: int | None, unit: str | None, default: str | None
) -> None:
    value = parse_value(text)
    assert (value.type, value.min, value.max, value.unit, value.default) == (
        "integer",
        low,
        high,
        unit,
        default,
    )


def test_a_typed_lead_before_model_lines_is_one_of_the_cases() -> None:
    text = (
        "The value is an integer ranging from 0 to 100.\nThe value 0 turns it off.\n"
        "For the FX300:The value is an integer ranging from 0 to 2,048.\nThe value 0 turns it off."
    )
    value = parse_value(text)
    assert (value.type, value.min, value.max) == ("integer", 0, 2048)
    assert union_note(value) == (
        "value-model-dependent",
        "the device model decides which of the 2 cases applies; typed as their union: integer 0..2048",
    )


def test_a_lead_that_only_introduces_the_model_cases_is_not_a_case() -> None:
    text = (
        "The value range depends on the device model:\n"
        "For the FX100:The value is an integer ranging from 1 to 8.\n"
        "For the FX200:The value is an integer ranging from 1 to 16."
    )
    value = parse_value(text)
    assert (value.type, value.min, value.max) == ("integer", 1, 16)


def test_a_value_documented_for_some_models_only() -> None:
    value = parse_value("For the FX100 and FX200:The value is an integer that ranges from 1 to 16777215.")
    assert (value.type, value.min, value.max) == ("integer", 1, 16777215)
    assert union_note(value) == (
        "value-model-dependent",
        "documented for some device models only: integer 1..16777215",
    )


def test_model_dependent_string_lengths_are_their_union() -> None:
    text = (
        "For the FX100:The value is a string of 1 to 31 case-sensitive characters, spaces not supported. "
        "It cannot contain question marks (?) or the following symbols: / *.\n"
        "For the FX200:The value is a string of 1 to 63 case-sensitive characters, spaces not supported. "
        "It cannot contain question marks (?)."
    )
    value = parse_value(text)
    assert value.type == "string"
    assert (value.min_length, value.max_length, value.case_sensitive, value.spaces, value.forbidden) == (
        1,
        63,
        True,
        False,
        "?",
    )
    assert union_note(value) == (
        "value-model-dependent",
        (
            "the device model decides which of the 2 cases applies; typed as their union: "
            "string of 1..63 characters"
        ),
    )


def test_model_dependent_strings_allow_spaces_when_one_case_does() -> None:
    text = (
        "For the FX100:The value is a string of 1 to 40 characters, spaces not supported.\n"
        "For the FX200:The value is a string of 4 to 80 characters, spaces supported."
    )
    value = parse_value(text)
    assert (value.min_length, value.max_length, value.spaces, value.case_sensitive) == (1, 80, True, None)


def test_model_dependent_enumerations_list_every_choice_once() -> None:
    text = (
        "For the FX100:\nThe options are as follows:\n- brief\n- ipv4\n- mlag\n"
        "For the FX200 and FX300:\nThe options are as follows:\n- brief\n- ipv6\n- mlag"
    )
    value = parse_value(text)
    assert (value.type, value.choices) == ("enum", ["brief", "ipv4", "mlag", "ipv6"])


def test_model_dependent_addresses_and_keywords() -> None:
    assert parse_value("For the FX100:X:X:X:X:X:X:X:X.").type == "ipv6"
    dashes = parse_value("-\n-\nFor the FX100, FX200:-\nFor the FX300:-")
    assert dashes.type == "none"
    assert union_note(dashes) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            (
                "For the FX100:The value is an integer ranging from 1 to 10, in bytes.\n"
                "For the FX200:The value is an integer ranging from 1 to 10, in kbytes."
            ),
            "the value depends on the device model and its cases are not all of one type and unit",
        ),
        (
            (
                "For the FX100:The value is an integer ranging from 1 to 10.\n"
                "For the FX200:The value must be an existing profile name."
            ),
            "the value depends on the device model and its cases are not all of one type and unit",
        ),
        (
            (
                "For the FX100:The value is an integer ranging from 1 to 10.\n"
                "For the FX200:The value is a string of 1 to 10 characters."
            ),
            "the value depends on the device model and its cases are not all of one type and unit",
        ),
        (
            "For the FX100:The value is an integer ranging from 1 to 10.\nFor the FX200:",
            "the value depends on the device model and its cases are not all of one type and unit",
        ),
        (
            (
                "For the FX100, the value is an integer ranging from 1 to 10.\n"
                "For the FX200, the value is an integer ranging from 1 to 20."
            ),
            "the value depends on the device model, the models not set apart by a colon",
        ),
    ],
)
def test_model_dependent_values_that_stay_text(text: str, reason: str) -> None:
    value = parse_value(text)
    assert (value.type, value.text) == ("text", text)
    assert untyped_reason(text) == reason


def test_an_address_family_is_not_a_device_model() -> None:
    text = (
        "For IPv4 address, the value is in the decimal format.\n"
        "For IPv6 address, the value is in the format of X:X:X:X:X:X:X:X."
    )
    assert parse_value(text).type == "text"
    assert untyped_reason(text) == "the value differs from case to case"


def test_values_that_differ_from_case_to_case_stay_text() -> None:
    text = (
        "For basic probes, the value is an integer ranging from 100 to 199.\n"
        "For advanced probes, the value is an integer ranging from 200 to 299."
    )
    assert parse_value(text).type == "text"
    assert untyped_reason(text) == "the value differs from case to case"


def test_the_cell_is_kept_stripped_but_otherwise_as_written() -> None:
    text = "  The value is an integer ranging from 1 to 10.\nThe value 1 means slow.  "
    assert parse_value(text).text == text.strip()
