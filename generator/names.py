"""Every Python name the generator makes from page text, in one place.

Rules (documented in the README, "Naming rules for generated code"):

- class names: the command identity's words, split on blanks and on ``-``, ``_``,
  ``.``, ``/`` and ``:``, each capitalised and joined (``ip route-static`` ->
  ``IpRouteStatic``); a name that would start with a digit gets the prefix ``Cmd``; a
  name without letters or digits is ``Cmd`` and the hex codes of its characters; a
  Python keyword or soft keyword, a builtin, a dunder, or a name the package or its
  modules define or import (``Command``, ``Any``, ``Literal``, ``parse``, ...) gets a
  trailing ``_`` (``none`` -> ``None_``, ``any`` -> ``Any_``);
- identities that differ only in letter case are one command (the CLI reads keywords in
  any case);
- two identities that give the same class name (``traffic-policy`` and
  ``traffic policy``, ``ip-address`` and ``ip address``): neither keeps it, so that a
  name read off one command's page never gives another command; each marks its word
  breaks, a blank with ``_`` and a hyphen with ``__`` (``Traffic_Policy``,
  ``Traffic__Policy``). Identities whose names still clash are left out of the
  package, each reported with its pages;
- a command documented as several (pages of one identity with different forms, such as
  ACL ``rule`` in basic, advanced and layer-2 ACL views): the identity's class is the
  way in (``Rule.parse(line, view=...)``), and each variant is a subclass named with the
  qualifier of its page title, the words in brackets without ``view``
  (``rule (Advanced ACL view) (TCP)`` -> ``RuleAdvancedAclTcp``), else with its first
  view (``RuleSystem``), numbered when two variants still share a name;
- module names: the class name in snake case (``IpRouteStatic`` -> ``ip_route_static``,
  ``Traffic_Policy`` -> ``traffic__policy``; ``return`` -> ``return_``), unique even on
  case-insensitive disks, and at most :data:`MAX_MODULE` characters (a longer one is cut
  and ends with ``_`` and 8 hex digits of its full name's hash, so it stays stable);
- parameter names: the slot label's words in lower case joined by ``_`` (``seq-num``
  -> ``seq_num``; the ``|`` between the keywords of a choice reads ``_or_``:
  ``kbps|mbps`` -> ``kbps_or_mbps``); a leading digit gets the prefix ``p``, a label
  without letters or digits is ``p_`` and the hex codes of its characters (``_`` ->
  ``p_5f``); a Python keyword or soft keyword, ``self``, ``cls`` and ``super`` get a
  trailing ``_``; two labels that give one name within a class are numbered (``x``,
  ``x_2``);
- the result is always checked with ``str.isidentifier``: anything else is an error,
  never code.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
from collections.abc import Iterable

from vrpcmds_runtime.bounds import MODULE_NAME_CHARS

_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# What a generated ``__init__`` uses by name (``super().__init__(...)``).
_RESERVED_PARAMS = {"self", "cls", "super"}
# What the package's ``__init__`` and its command modules define or import at module level.
_PACKAGE_NAMES = {
    "Any", "Command", "CommandError", "Constraint", "ClassVar", "Form", "IPv4Address", "IPv6Address",
    "Iterable", "Level", "Literal", "Param", "Problem", "Required", "Sequence", "TYPE_CHECKING",
    "TypedDict", "annotations", "check_config", "explain", "importlib", "parse", "parse_line",
}  # fmt: skip
_RESERVED_CLASSES = _PACKAGE_NAMES | set(dir(builtins))
MAX_MODULE = MODULE_NAME_CHARS  # characters of a module name (its file name is 3 more)


class NameError_(ValueError):
    """A page name that cannot become a Python identifier."""


def words(text: str) -> list[str]:
    """The alphanumeric words of a name."""
    return [w for w in _SPLIT.split(text) if w]


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:].lower() for w in words(text))


def class_name(identity: str) -> str:
    """``ip route-static`` -> ``IpRouteStatic``."""
    return _finish_class(_camel(identity) or _codes("Cmd", identity), identity)


def _codes(prefix: str, text: str) -> str:
    """A name for text without letters or digits: the hex codes of its characters."""
    return prefix + "_".join(f"{ord(c):x}" for c in text.strip()[:8])


def marked_class_name(identity: str) -> str:
    """The class name with the identity's word breaks marked: a blank ``_``, a hyphen ``__``
    (``traffic policy`` -> ``Traffic_Policy``, ``traffic-policy`` -> ``Traffic__Policy``)."""
    parts = ["__".join(_camel(w) for w in part.split("-") if _camel(w)) for part in identity.split()]
    return _finish_class("_".join(p for p in parts if p), identity)


_BRACKETED = re.compile(r"\(([^()]*)\)")


def qualifier(title: str, views: list[str]) -> str:
    """What tells a variant apart: its title's bracketed words without ``view``
    (``rule (Advanced ACL view) (TCP)`` -> ``AdvancedAclTcp``), else its first view's."""
    parts = _BRACKETED.findall(title) or views[:1]
    return "".join(_camel(w) for part in parts for w in words(part) if w.lower() not in ("view", "views"))


def variant_names(base: str, qualifiers: list[str]) -> list[str]:
    """The class names of the variants of one command: the base name and each qualifier,
    numbered where two variants would share one (``Rule2``)."""
    names = [_checked(base + (q or "Variant"), base) for q in qualifiers]
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for name in names:
        if counts[name] > 1:
            seen[name] = seen.get(name, 0) + 1
            name = f"{name}{seen[name]}"
        out.append(name)
    return out


def _finish_class(name: str, identity: str) -> str:
    if name[:1].isdigit():
        name = "Cmd" + name
    if _reserved(name) or name in _RESERVED_CLASSES:
        name += "_"
    return _checked(name, identity)


def _reserved(name: str) -> bool:
    return keyword.iskeyword(name) or keyword.issoftkeyword(name) or name.startswith("__")


def class_names(identities: Iterable[str]) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Class name of each identity under the collision rule, a note per renamed identity,
    and the identities left without a name (a clash the rule cannot resolve), each with why.
    """
    groups: dict[str, list[str]] = {}
    for identity in sorted(set(identities)):
        groups.setdefault(class_name(identity), []).append(identity)
    names: dict[str, str] = {}
    notes: list[str] = []
    for base, members in sorted(groups.items()):
        if len(members) == 1:
            names[members[0]] = base
            continue
        for member in sorted(members):
            names[member] = marked_class_name(member)
        notes.append(f"{base} is none of " + ", ".join(f"{m!r} ({names[m]})" for m in sorted(members)))
    clashes = clashing(names)
    return {i: n for i, n in names.items() if i not in clashes}, notes, clashes


def clashing(names: dict[str, str]) -> dict[str, str]:
    """The keys whose names clash (class names, or module names on a case-insensitive disk)
    with another key's, each with the reason; every key of a clash is named, none keeps it."""
    owners: dict[str, list[str]] = {}
    for key, name in sorted(names.items()):
        for what in (name, "module " + module_name(name).lower()):
            owners.setdefault(what, []).append(key)
    out: dict[str, str] = {}
    for what, keys in owners.items():
        if len(keys) > 1:
            for key in keys:
                others = ", ".join(repr(k) for k in keys if k != key)
                out.setdefault(key, f"its name {what} is also the name of {others}")
    return out


def module_name(cls: str) -> str:
    """``IpRouteStatic`` -> ``ip_route_static`` (a module of the ``commands`` package)."""
    name = _CAMEL.sub("_", cls.replace("_", "__")).lower()
    if _reserved(name) or name in _RESERVED_CLASSES:
        name += "_"
    if len(name) > MAX_MODULE:
        name = name[: MAX_MODULE - 9] + "_" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return _checked(name, cls)


def snake_name(text: str, digit_prefix: str = "p") -> str:
    """``seq-num`` -> ``seq_num``, ``kbps|mbps`` -> ``kbps_or_mbps``; reserved words get a trailing ``_``."""
    name = "_".join(w.lower() for w in words(text.replace("|", " or "))) or _codes(f"{digit_prefix}_", text)
    if name[:1].isdigit():
        name = digit_prefix + name
    if _reserved(name) or name in _RESERVED_PARAMS:
        name += "_"
    return _checked(name, text)


def camel_name(text: str) -> str:
    """``queue`` -> ``Queue``, ``seq_num`` -> ``SeqNum`` (names of item and choice types)."""
    return _checked(_camel(text) or "X", text)


def _checked(name: str, source: str) -> str:
    if not name.isidentifier() or not name.isascii():
        raise NameError_(f"cannot make a Python name from {source!r} (got {name!r})")
    return name


def dedupe(names: list[str]) -> list[str]:
    """Make names unique by numbering repeats: ``x``, ``x_2``, ``x_3``."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}_{n}"
        seen.add(candidate)
        out.append(candidate)
    return out
