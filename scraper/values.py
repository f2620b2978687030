"""The Value cell of a Parameters row -> a typed :class:`Value` (a first, minimal parser).

Recognised: ``-`` (no value), single-word enumerations ("The value can be ftp, tftp,
or sftp."), integer ranges ("an integer ranging from 1 to 10",
"ranges from 10 to 1500 ms"), string lengths ("a string of 1 to 31 case-sensitive
characters, spaces not supported"), dotted-decimal IPv4, IPv6 and MAC addresses, and
the default value where the sentence gives one. Anything else stays type ``text``
with the cell kept verbatim in ``text``.
"""

from __future__ import annotations

import re

from vrpcmds_model.record import Value

_NUMBER = r"(-?\d+)"
_INT_RANGE = re.compile(
    rf"(?:from|between|range of|range from)\s+{_NUMBER}\s*(?:to|and|-)\s*{_NUMBER}"
    r"(?:\s+(?P<unit>ms|milliseconds?|seconds?|s|minutes?|hours?|days?|bytes|kbit/s|Mbit/s|Gbit/s|percent))?\b",
    re.IGNORECASE,
)
_STRING_LENGTH = re.compile(
    rf"string of\s+{_NUMBER}\s+to\s+{_NUMBER}|{_NUMBER}\s+to\s+{_NUMBER}\s+(?:[\w-]+\s+)*?characters",
    re.IGNORECASE,
)
_UNIT_AFTER = re.compile(
    r"\bin (?:the unit of )?(ms|milliseconds|seconds|minutes|hours|days|bytes|kbit/s|Mbit/s|Gbit/s)\b",
    re.IGNORECASE,
)
_DEFAULT = re.compile(r"default value is\s+([^\s,;]+?)\.?(?:\s|$)", re.IGNORECASE)
_NO_SPACES = re.compile(
    r"spaces? (?:are |is )?not supported|not support spaces|cannot contain spaces", re.IGNORECASE
)
_SPACES = re.compile(r"spaces? (?:are |is )?supported|can contain spaces|supports spaces", re.IGNORECASE)
_DASHES = frozenset({"-", "\u2013", "\u2014"})
_ENUMERATION = re.compile(r"^The value (?:can be|is|must be) (?P<items>[^.;:()]+?)\.?$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r",\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+")
_NOT_CHOICES = frozenset({"letters", "digits", "characters", "symbols", "spaces"})


def parse_value(text: str) -> Value:
    """Type a Value cell; ``text`` is kept as written (stripped)."""
    cell = text.strip()
    if cell in _DASHES:
        return Value(type="none", text=cell)
    value = _enumeration(cell) or _address(cell) or _string(cell) or _integer(cell)
    value = value or Value(type="text", text=cell)
    default = _DEFAULT.search(cell)
    if default and value.type != "none":
        value.default = default.group(1)
    return value


def _enumeration(cell: str) -> Value | None:
    """A list of single-word choices: "The value can be ftp, tftp, or sftp."."""
    match = _ENUMERATION.match(cell)
    if match is None:
        return None
    items = [item.strip() for item in _LIST_SEPARATOR.split(match.group("items")) if item.strip()]
    if len(items) < 2 or not all(re.fullmatch(r"[\w.-]+", item) for item in items):
        return None
    if _NOT_CHOICES & {item.lower() for item in items}:
        return None
    return Value(type="enum", text=cell, choices=items)


def _address(cell: str) -> Value | None:
    """IPv4 (dotted decimal), IPv6 or MAC address values."""
    lower = cell.lower()
    if "dotted decimal" in lower:
        return Value(type="ipv4", text=cell)
    if "ipv6" in lower or "32-digit hexadecimal" in lower:
        return Value(type="ipv6", text=cell)
    if "mac address" in lower or "h-h-h" in lower:
        return Value(type="mac", text=cell)
    return None


def _string(cell: str) -> Value | None:
    """A string with its length bounds, case sensitivity and whether spaces are allowed."""
    if "string" not in cell.lower() and "characters" not in cell.lower():
        return None
    value = Value(type="string", text=cell)
    length = _STRING_LENGTH.search(cell)
    if length:
        low, high = [int(g) for g in length.groups() if g is not None]
        value.min_length, value.max_length = low, high
    if "case-insensitive" in cell.lower():
        value.case_sensitive = False
    elif "case-sensitive" in cell.lower():
        value.case_sensitive = True
    if _NO_SPACES.search(cell):
        value.spaces = False
    elif _SPACES.search(cell):
        value.spaces = True
    return value


def _integer(cell: str) -> Value | None:
    """An integer in a range, with its unit when one follows the maximum."""
    match = _INT_RANGE.search(cell)
    if match is None:
        return None
    low, high = int(match.group(1)), int(match.group(2))
    value = Value(type="integer", text=cell, min=min(low, high), max=max(low, high))
    unit = match.group("unit") or _unit_after(cell)
    if unit:
        value.unit = unit
    return value


def _unit_after(cell: str) -> str | None:
    """A unit named apart from the range: "..., in seconds"."""
    match = _UNIT_AFTER.search(cell)
    return match.group(1) if match else None
