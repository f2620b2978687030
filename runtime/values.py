"""Value constraints of arguments, and the one check of a value against them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .line import is_control, value_problem

_INT = re.compile(r"[+-]?[0-9]{1,18}")  # ASCII digits only; longer numbers are out of every range
# Secrets as the device displays them: %^%#...%^%#, %+%#...%+%#, %@%@...%@%@, %$%$...%$%$, $1a$...$
_CIPHER = re.compile(r"(%\^%#|%\+%#|%@%@|%\$%\$|%@%#|%#%#)\S+\1|\$1[a-z]?\$\S+\$")
_MAC = re.compile(r"(?i)([0-9a-f]{1,4}-){2}[0-9a-f]{1,4}|([0-9a-f]{2}[:-]){5}[0-9a-f]{2}")


@dataclass(frozen=True)
class Constraint:
    """What values an argument accepts (the typed part of a parameter's Value cell)."""

    type: str = "text"  # integer, string, ipv4, ipv6, mac, enum, none, text
    min: int | None = None
    max: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    spaces: bool = False
    forbidden: str = ""
    cipher: bool = False  # the value may also be given as cipher text, as the device displays it

    def describe(self) -> str:
        """Short human form: ``integer 1-10``, ``string of 1-31 characters``, ``one of a, b``."""
        if self.type == "integer":
            return f"integer {_span(self.min, self.max)}".rstrip()
        if self.type == "string":
            length = _span(self.min_length, self.max_length)
            return f"string of {length} characters" if length else "string"
        if self.type == "enum":
            return "one of " + ", ".join(self.choices)
        return {"ipv4": "IPv4 address", "ipv6": "IPv6 address", "mac": "MAC address (H-H-H)"}.get(
            self.type, "any value"
        )


def _span(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return ""
    if low is None:
        return f"at most {high}"
    if high is None:
        return f"at least {low}"
    return f"{low}-{high}"


def check_value(c: Constraint, text: str, sending: bool = True) -> str | None:
    """None when ``text`` is an acceptable value, else why not (naming what is allowed).

    ``sending`` (values about to be put on a command line) also refuses anything that
    could end or split the line; a value read from a line (``sending=False``) only has to
    satisfy its constraint, control characters aside.
    """
    if c.cipher and is_cipher(text) and _read_problem(text) is None and not any(ch.isspace() for ch in text):
        return None  # cipher text as the device displays it may hold any printable character
    problem = value_problem(text) if sending else _read_problem(text)
    if problem:
        return f"contains {problem}"
    checker = _CHECKS.get(c.type)
    return checker(c, text) if checker else None


def is_cipher(text: str) -> bool:
    """True for a secret in the cipher text the device displays (``%^%#...%^%#``, ``$1a$...$``)."""
    return _CIPHER.fullmatch(text) is not None


def _read_problem(text: str) -> str | None:
    bad = next((ch for ch in text if is_control(ch)), None)
    return f"a control character ({bad!r})" if bad is not None else None


def _check_integer(c: Constraint, text: str) -> str | None:
    if not _INT.fullmatch(text):
        if text.lstrip("+-").isascii() and text.lstrip("+-").isdigit():
            return f"out of range, expected {c.describe()}"
        return f"expected {c.describe()}"
    n = int(text)
    if (c.min is not None and n < c.min) or (c.max is not None and n > c.max):
        return f"out of range, expected {c.describe()}"
    return None


def _check_string(c: Constraint, text: str) -> str | None:
    if (c.min_length is not None and len(text) < c.min_length) or (
        c.max_length is not None and len(text) > c.max_length
    ):
        return f"{len(text)} characters, expected {c.describe()}"
    if not c.spaces and any(ch in text for ch in " \t"):
        return "spaces are not allowed"
    bad = sorted({ch for ch in text if ch in c.forbidden})
    if bad:
        return "may not contain " + " ".join(repr(ch) for ch in bad)
    return None


def _check_enum(c: Constraint, text: str) -> str | None:
    if text.lower() in (x.lower() for x in c.choices):
        return None
    return f"expected {c.describe()}"


def _check_address(kind: str) -> Callable[[Constraint, str], str | None]:
    def check(c: Constraint, text: str) -> str | None:
        try:
            import ipaddress  # only when an address is checked

            (ipaddress.IPv4Address if kind == "ipv4" else ipaddress.IPv6Address)(text)
        except ValueError:
            return f"expected {c.describe()}"
        return None

    return check


def _check_mac(c: Constraint, text: str) -> str | None:
    return None if _MAC.fullmatch(text) else f"expected {c.describe()}"


_CHECKS: dict[str, Callable[[Constraint, str], str | None]] = {
    "integer": _check_integer,
    "string": _check_string,
    "enum": _check_enum,
    "ipv4": _check_address("ipv4"),
    "ipv6": _check_address("ipv6"),
    "mac": _check_mac,
}
