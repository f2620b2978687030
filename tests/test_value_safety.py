"""Every value the bindings and the checker accept is safe to send to a device session.

A value is ASCII unless its constraint says ``unicode``; it never holds ``?`` (the device
reads it as a request for help), a control or invisible format character, a line or
paragraph separator, or a space other than the ASCII space; numbers are read from ASCII
digits only, and a number of any length is a clean "expected integer a-b" problem.

The classes are declared by hand, as the generator would write them; their ``parse``
reads a grammar compiled from matching records into a package of its own.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from vrpcmds_model.compile import compile_records
from vrpcmds_model.constraints import constraint_of
from vrpcmds_model.record import Parameter, Record, Value
from vrpcmds_runtime.command import Command, CommandError, Form, Param
from vrpcmds_runtime.values import Constraint, check_value

PACKAGE = "value_safety_grammar"  # the package the parse tests read their grammar from

VLAN = Constraint(type="integer", min=1, max=4094)
MASK = Constraint(type="integer", min=0, max=32)
TEXT = Constraint(type="string", min_length=1, max_length=242, spaces=True)
WIDE = Constraint(type="string", min_length=1, max_length=80, spaces=True, unicode=True)
IPV4 = Constraint(type="ipv4")
IPV6 = Constraint(type="ipv6")
SECRET = Constraint(type="string", min_length=1, max_length=16, cipher=True)


class PortDefaultVlan(Command):
    __module__ = PACKAGE
    name = "port default vlan"
    forms = (Form("port default vlan <vlan-id>"),)
    params = (Param("vlan_id", "value", label="vlan-id", arg="vlan-id", constraint=VLAN),)


class IpAddress(Command):
    __module__ = PACKAGE
    name = "ip address"
    forms = (Form("ip address <ip-address> <mask-length>"),)
    params = (
        Param("ip_address", "value", label="ip-address", arg="ip-address", constraint=IPV4),
        Param("mask_length", "value", label="mask-length", arg="mask-length", constraint=MASK),
    )


class Peer(Command):
    __module__ = PACKAGE
    name = "peer"
    forms = (Form("peer <ipv6-address>"),)
    params = (Param("ipv6_address", "value", label="ipv6-address", arg="ipv6-address", constraint=IPV6),)


class Description(Command):
    __module__ = PACKAGE
    name = "description"
    forms = (Form("description <text>"),)
    params = (Param("text", "value", label="text", arg="text", constraint=TEXT),)


class Banner(Command):
    """A parameter whose documentation allows characters beyond ASCII."""

    __module__ = PACKAGE
    name = "banner"
    forms = (Form("banner <text>"),)
    params = (Param("text", "value", label="text", arg="text", constraint=WIDE),)


class LocalUser(Command):
    __module__ = PACKAGE
    name = "local-user password"
    forms = (Form("local-user password <password>"),)
    params = (Param("password", "value", label="password", arg="password", constraint=SECRET),)


class Note(Command):
    """An argument no Parameters row describes (an untyped value)."""

    __module__ = PACKAGE
    name = "note"
    forms = (Form("note <word>"),)
    params = (Param("word", "value", label="word", arg="word"),)


def records() -> list[Record]:
    """The records of the classes above, as the scraper would write them."""

    def record(name: str, syntax: str, *rows: Parameter) -> Record:
        return Record(
            id=name.replace(" ", "-"), name=name, title=name, syntax=[syntax], parameters=list(rows)
        )

    return [
        record(
            "port default vlan",
            "port default vlan <vlan-id>",
            Parameter("<vlan-id>", "VLAN ID.", Value("integer", "1-4094", min=1, max=4094)),
        ),
        record(
            "ip address",
            "ip address <ip-address> <mask-length>",
            Parameter("<ip-address>", "Address.", Value("ipv4", "dotted decimal")),
            Parameter("<mask-length>", "Mask length.", Value("integer", "0-32", min=0, max=32)),
        ),
        record(
            "peer",
            "peer <ipv6-address>",
            Parameter("<ipv6-address>", "Peer.", Value("ipv6", "32 hex digits")),
        ),
        record(
            "description",
            "description <text>",
            Parameter("<text>", "Text.", Value("string", "1-242", min_length=1, max_length=242, spaces=True)),
        ),
        record("note", "note <word>"),
    ]


@pytest.fixture(scope="module")
def grammar_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    root = tmp_path_factory.mktemp("grammar")
    package = root / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "_grammar.json").write_text(compile_records(records()).to_json(), encoding="utf-8")
    sys.path.insert(0, str(root))
    yield
    sys.path.remove(str(root))
    sys.modules.pop(PACKAGE, None)


def refused(cls: type[Command], **values: Any) -> str:
    """The one problem CommandError gives for these values, as ``parameter=value: message``."""
    with pytest.raises(CommandError) as caught:
        cls(**values)
    problems = caught.value.problems
    assert len(problems) == 1, problems
    return str(problems[0])


def parse_refused(cls: type[Command], line: str) -> str:
    with pytest.raises(CommandError) as caught:
        cls.parse(line)
    return str(caught.value)


# -- numbers: ASCII digits only, any length a clean problem ---------------------------------


@pytest.mark.parametrize("digits", ["٥", "１０", "۱۲", "१"])
def test_non_ascii_digits_are_not_a_number(digits: str) -> None:
    assert refused(PortDefaultVlan, vlan_id=digits) == f"vlan_id={digits!r}: expected integer 1-4094"


@pytest.mark.parametrize("digits", ["٥", "１０"])
def test_checker_reads_no_number_from_non_ascii_digits(digits: str) -> None:
    for sending in (True, False):
        assert check_value(VLAN, digits, sending) == "expected integer 1-4094"


def test_signs_other_than_a_minus_are_not_part_of_a_number() -> None:
    assert refused(PortDefaultVlan, vlan_id="+5") == "vlan_id='+5': expected integer 1-4094"
    assert check_value(Constraint(type="integer", min=-10, max=10), "-5") is None


def test_a_five_thousand_digit_vlan_id_is_out_of_range() -> None:
    message = refused(PortDefaultVlan, vlan_id="9" * 5000)
    assert message.startswith("vlan_id='999")
    assert message.endswith(": out of range, expected integer 1-4094")


@pytest.mark.parametrize(
    "length",
    ["9" * 5000, 10**5000, -(10**5000), 10**18],
    ids=["digits", "int", "negative-int", "int-19-digits"],
)
def test_a_mask_length_of_any_size_is_a_clean_problem(length: str | int) -> None:
    message = refused(IpAddress, ip_address="10.1.1.1", mask_length=length)
    assert message.startswith("mask_length=")
    assert message.endswith(": out of range, expected integer 0-32")


def test_checker_refuses_over_long_digit_strings_without_converting_them() -> None:
    for sending in (True, False):
        assert check_value(MASK, "9" * 5000, sending) == "out of range, expected integer 0-32"
        assert check_value(VLAN, "-" + "1" * 5000, sending) == "out of range, expected integer 1-4094"


def test_parse_reads_no_number_from_non_ascii_digits(grammar_package: None) -> None:
    message = parse_refused(PortDefaultVlan, "port default vlan ٥")
    assert "<vlan-id>" in message and "expected integer 1-4094" in message
    message = parse_refused(PortDefaultVlan, "port default vlan " + "9" * 3000)
    assert "<vlan-id>" in message and "out of range, expected integer 1-4094" in message
    message = parse_refused(IpAddress, "ip address 10.1.1.1 " + "3" * 4000)
    assert "<mask-length>" in message and "out of range, expected integer 0-32" in message


# -- IPv6 scope ids --------------------------------------------------------------------------


def test_question_mark_in_an_ipv6_scope_is_refused() -> None:
    assert refused(Peer, ipv6_address="fe80::1%eth?0") == (
        "ipv6_address='fe80::1%eth?0': contains a question mark, which asks the device for help;"
        " expected IPv6 address"
    )
    assert check_value(IPV6, "fe80::1%eth?0", sending=False) == (
        "contains a question mark, which asks the device for help; expected IPv6 address"
    )


def test_bar_in_an_ipv6_scope_is_refused() -> None:
    expected = "expected IPv6 address, its scope an interface name (letters, digits, . _ -)"
    assert refused(Peer, ipv6_address="fe80::1%a|b") == f"ipv6_address='fe80::1%a|b': {expected}"
    for sending in (True, False):
        assert check_value(IPV6, "fe80::1%a|b", sending) == expected


def test_parse_refuses_unsafe_ipv6_scopes(grammar_package: None) -> None:
    for line in ("peer fe80::1%eth?0", "peer fe80::1%a|b"):
        message = parse_refused(Peer, line)
        assert "<ipv6-address>" in message and "expected IPv6 address" in message


# -- invisible and non-ASCII characters ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("up\u202elink", "contains an invisible format character (U+202E)"),
        ("up\u200blink", "contains an invisible format character (U+200B)"),
        ("up\u3000link", "contains a space character other than the ASCII space (U+3000)"),
        ("up\u00a0link", "contains a space character other than the ASCII space (U+00A0)"),
        ("up\u2029link", "contains a control character ('\\u2029') that would end the command line"),
        ("uplink?", "contains a question mark, which asks the device for help"),
    ],
)
def test_unsafe_characters_are_refused_everywhere(text: str, problem: str) -> None:
    expected = f"{problem}; expected string of 1-242 characters"
    assert refused(Description, text=text) == f"text={text!r}: {expected}"
    for sending in (True, False):
        assert check_value(TEXT, text, sending) == expected
    # a value the documentation lets hold any character still may not hold these
    assert refused(Banner, text=text).startswith(f"text={text!r}: {problem}")
    assert check_value(Constraint(), text, sending=False) == problem


def test_parse_refuses_invisible_characters(grammar_package: None) -> None:
    for line in ("description up\u202elink", 'description "up\u3000link"'):
        message = parse_refused(Description, line)
        assert "<text>" in message and "expected string of 1-242 characters" in message


def test_values_are_ascii_unless_documented_otherwise() -> None:
    assert refused(Description, text="café") == (
        "text='café': contains a non-ASCII character ('é'), expected string of 1-242 characters in ASCII"
    )
    assert (
        check_value(Constraint(), "café", sending=False)
        == "contains a non-ASCII character ('é'), expected ASCII text"
    )
    # the Kelvin sign is 'k' in lower case: an enumeration is still read in ASCII only
    kelvin = check_value(Constraint(type="enum", choices=("k", "m")), "\u212a")
    assert kelvin == "contains a non-ASCII character ('\u212a'), expected one of k, m in ASCII"
    assert str(Banner(text="café du port")) == 'banner "café du port"'


def test_cipher_text_is_ascii_too() -> None:
    assert (
        check_value(SECRET, "%^%#caf\u00e9%^%#")
        == "contains a non-ASCII character ('é'), expected cipher text in ASCII"
    )
    assert (check_value(SECRET, "%^%#a?b%^%#") or "").startswith("contains a question mark")
    assert refused(LocalUser, password="%^%#caf\u00e9%^%#").startswith(
        "password='%^%#café%^%#': contains a non-ASCII"
    )


def test_documented_maximum_length_holds_for_every_kind_of_text() -> None:
    assert (
        refused(Description, text="x" * 243)
        == f"text={'x' * 243!r}: 243 characters, expected string of 1-242 characters"
    )
    assert (
        check_value(Constraint(max_length=8), "x" * 9, sending=False)
        == "9 characters, expected a value of at most 8 characters"
    )
    assert (
        check_value(Constraint(), "x" * 5000)
        == "5000 characters, expected at most 4096 (the longest command line)"
    )


def test_parse_refuses_unsafe_characters_in_an_untyped_argument(grammar_package: None) -> None:
    for line in ("note up\u202elink", "note caf\u00e9", "note what?"):
        with pytest.raises(CommandError):
            Note.parse(line)


# -- ordinary values still pass --------------------------------------------------------------


def test_ordinary_values_are_accepted_and_written() -> None:
    assert str(PortDefaultVlan(vlan_id=10)) == "port default vlan 10"
    assert str(PortDefaultVlan(vlan_id="4094")) == "port default vlan 4094"
    assert str(IpAddress(ip_address="10.1.1.1", mask_length=24)) == "ip address 10.1.1.1 24"
    assert str(Peer(ipv6_address="2001:db8::1")) == "peer 2001:db8::1"
    assert str(Peer(ipv6_address="fe80::1%Vlanif10")) == "peer fe80::1%Vlanif10"
    assert str(Description(text="uplink to core-1 (rack 4)")) == 'description "uplink to core-1 (rack 4)"'
    assert str(LocalUser(password="%^%#abc%^%#")) == "local-user password %^%#abc%^%#"
    assert str(LocalUser(password="Admin@123")) == "local-user password Admin@123"


def test_checker_accepts_ordinary_values() -> None:
    for sending in (True, False):
        assert check_value(VLAN, "4094", sending) is None
        assert check_value(IPV4, "192.168.1.1", sending) is None
        assert check_value(IPV6, "2001:db8::1", sending) is None
        assert check_value(TEXT, "uplink to core", sending) is None
        assert check_value(SECRET, "%^%#abc%^%#", sending) is None
        assert check_value(SECRET, "%^%#-]Q;7<J}%%'x~R5@R|vH8)}0b5!%^%#", sending) is None
        assert check_value(WIDE, "café du port", sending) is None


def test_parse_reads_ordinary_values(grammar_package: None) -> None:
    assert PortDefaultVlan.parse("port default vlan 10") == PortDefaultVlan(vlan_id=10)
    assert IpAddress.parse("ip address 10.1.1.1 24") == IpAddress(ip_address="10.1.1.1", mask_length=24)
    assert Peer.parse("peer fe80::1%eth0") == Peer(ipv6_address="fe80::1%eth0")
    assert Description.parse('description "uplink to core"') == Description(text="uplink to core")


# -- what the documentation allows ------------------------------------------------------------


def test_a_value_cell_that_allows_chinese_characters_allows_non_ascii() -> None:
    said = "The value is a string of 1 to 253 case-sensitive characters, spaces and Chinese characters supported."
    wide = constraint_of(Parameter("<domain-name>", "Domain name.", Value("string", said, min_length=1, max_length=253)))
    short = Value("string", "The value is a string of 1 to 31 characters.", min_length=1, max_length=31)
    plain = constraint_of(Parameter("<name>", "Name.", short))
    assert wide.unicode and not plain.unicode
    assert check_value(wide, "域名") is None
    assert check_value(plain, "域名") is not None
    assert check_value(wide, "域\u202e名") is not None  # invisible characters stay refused
