"""Value constraints of arguments, and the one check of a value against them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .line import MAX_LINE, character_problem, value_problem

# An integer as a command line writes it: ASCII digits, a minus sign for negative numbers.
# Longer numbers are out of every range; a Python int is held to the same bound.
_INT = re.compile(r"-?[0-9]{1,18}")
_INT_LIMIT = 10**18
# The scope of a link-local IPv6 address (``fe80::1%Vlanif10``): an interface name.
_SCOPE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
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
    unicode: bool = False  # the documentation allows characters beyond ASCII (cipher text stays ASCII)

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

    Every value, sent or read, passes :func:`~vrpcmds_runtime.line.character_problem`, is
    ASCII unless the constraint says ``unicode`` (cipher text always is) and is no longer
    than a command line. ``sending`` (values about to be put on a command line) also
    refuses anything that could end or split the line; a value read from a line
    (``sending=False``) may hold what its quotes allowed it to.
    """
    cipher = c.cipher and is_cipher(text)
    problem = value_problem(text) if sending and not cipher else character_problem(text)
    if problem:
        return f"contains {problem}{_expected(c, cipher, '; expected ')}"
    if not cipher:
        checker = _CHECKS.get(c.type, _check_length)
        problem = checker(c, text)
    return problem or _ascii_problem(c, text, cipher) or _size_problem(text)


def is_cipher(text: str) -> bool:
    """True for a secret in the cipher text the device displays (``%^%#...%^%#``, ``$1a$...$``)."""
    return _CIPHER.fullmatch(text) is not None


def read_int(text: str) -> int | None:
    """The integer ``text`` writes (ASCII digits, at most 18, an optional minus sign), or None."""
    return int(text) if _INT.fullmatch(text) else None


def check_number(c: Constraint, n: int) -> str | None:
    """None when the integer ``n`` is in the constraint's range, else why not."""
    low = c.min if c.min is not None else -_INT_LIMIT + 1
    high = c.max if c.max is not None else _INT_LIMIT - 1
    if not (low <= n <= high and -_INT_LIMIT < n < _INT_LIMIT):
        return f"out of range, expected {c.describe()}"
    return None


def _ascii_problem(c: Constraint, text: str, cipher: bool) -> str | None:
    if text.isascii() or (c.unicode and not cipher):
        return None
    bad = next(ch for ch in text if not ch.isascii())
    what = _expected(c, cipher)
    return f"contains a non-ASCII character ({bad!r}), expected " + (
        f"{what} in ASCII" if what else "ASCII text"
    )


def _expected(c: Constraint, cipher: bool, lead: str = "") -> str:
    """What the constraint expects, after ``lead``; empty for a value of any form."""
    if cipher:
        return f"{lead}cipher text"
    return f"{lead}{c.describe()}" if c.type not in ("text", "none") else ""


def _size_problem(text: str) -> str | None:
    if len(text) > MAX_LINE:
        return f"{len(text)} characters, expected at most {MAX_LINE} (the longest command line)"
    return None


def _check_integer(c: Constraint, text: str) -> str | None:
    n = read_int(text)
    if n is None:
        digits = text.removeprefix("-")
        too_long = digits.isascii() and digits.isdigit()  # more digits than any range holds
        return f"{'out of range, ' if too_long else ''}expected {c.describe()}"
    return check_number(c, n)


def _check_length(c: Constraint, text: str) -> str | None:
    if (c.min_length is not None and len(text) < c.min_length) or (
        c.max_length is not None and len(text) > c.max_length
    ):
        length = _span(c.min_length, c.max_length)
        what = c.describe() if c.type == "string" else f"a value of {length} characters"
        return f"{len(text)} characters, expected {what}"
    return None


def _check_string(c: Constraint, text: str) -> str | None:
    problem = _check_length(c, text)
    if problem:
        return problem
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
        if "%" in text and not _SCOPE.fullmatch(text.partition("%")[2]):
            return f"expected {c.describe()}, its scope an interface name (letters, digits, . _ -)"
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
