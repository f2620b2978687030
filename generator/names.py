"""Every Python name the generator makes from page text, in one place.

Rules (documented in the README):
- class names: the command identity's words, split on blanks, ``-``, ``_``, ``.``,
  ``/`` and ``:``, each capitalised and joined (``ip route-static`` -> ``IpRouteStatic``);
  a name that would start with a digit gets the prefix ``Cmd``;
- module and parameter names: the same words in lower case joined by ``_``
  (``seq-num`` -> ``seq_num``); a parameter name that would start with a digit gets
  the prefix ``p``;
- a name that is a Python keyword or soft keyword, or would shadow a name the
  package itself defines, gets a trailing ``_`` (``global`` -> ``global_``);
- the result is always checked with ``str.isidentifier``: anything else is an error,
  never code.
"""

from __future__ import annotations

import keyword
import re

_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_RESERVED_PARAMS = {"self", "cls"}
_RESERVED_CLASSES = {"Command", "CommandError", "Form", "Level", "Param", "parse"}


class NameError_(ValueError):
    """A page name that cannot become a Python identifier."""


def words(text: str) -> list[str]:
    """The alphanumeric words of a name."""
    return [w for w in _SPLIT.split(text) if w]


def class_name(identity: str) -> str:
    """``ip route-static`` -> ``IpRouteStatic``."""
    name = "".join(w[:1].upper() + w[1:].lower() for w in words(identity))
    if name[:1].isdigit():
        name = "Cmd" + name
    if name in _RESERVED_CLASSES:
        name += "_"
    return _checked(name, identity)


def snake_name(text: str, digit_prefix: str = "p") -> str:
    """``seq-num`` -> ``seq_num``; reserved words get a trailing underscore."""
    name = "_".join(w.lower() for w in words(text))
    if name[:1].isdigit():
        name = digit_prefix + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED_PARAMS:
        name += "_"
    return _checked(name, text)


def module_name(identity: str) -> str:
    """``ike heartbeat`` -> ``ike_heartbeat`` (a module of the ``commands`` package)."""
    return snake_name(identity, digit_prefix="cmd_")


def _checked(name: str, source: str) -> str:
    if not name.isidentifier() or not name.isascii():
        raise NameError_(f"cannot make a Python name from {source!r} (got {name!r})")
    return name


def dedupe(names: list[str]) -> list[str]:
    """Make names unique by numbering repeats: ``x``, ``x_2``, ``x_3``."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0) + 1
        seen[name] = count
        out.append(name if count == 1 else f"{name}_{count}")
    return out
