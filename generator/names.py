"""Every Python name the generator makes from page text, in one place.

Rules (documented in the README, "Naming rules for generated code"):

- class names: the command identity's words, split on blanks and on ``-``, ``_``,
  ``.``, ``/`` and ``:``, each capitalised and joined (``ip route-static`` ->
  ``IpRouteStatic``); a name that would start with a digit gets the prefix ``Cmd``; a
  name the package itself defines (``Command``, ``parse``, ...) gets a trailing ``_``;
- two identities that give the same class name (``traffic-policy`` and
  ``traffic policy``, ``ip-address`` and ``ip address``): neither keeps it, so that a
  name read off one command's page never gives another command; each marks its word
  breaks, a blank with ``_`` and a hyphen with ``__`` (``Traffic_Policy``,
  ``Traffic__Policy``). A name that still clashes stops generation, before anything
  is written, with every clash listed;
- a command documented as several (pages of one identity with different forms, such as
  ACL ``rule`` in basic, advanced and layer-2 ACL views): the identity's class is the
  way in (``Rule.parse(line, view=...)``), and each variant is a subclass named with the
  qualifier of its page title, the words in brackets without ``view``
  (``rule (Advanced ACL view) (TCP)`` -> ``RuleAdvancedAclTcp``), else with its first
  view (``RuleSystem``), numbered when two variants still share a name;
- module names: the class name in snake case (``IpRouteStatic`` -> ``ip_route_static``,
  ``Traffic_Policy`` -> ``traffic__policy``; ``return`` -> ``return_``), unique even on
  case-insensitive disks;
- parameter names: the slot label's words in lower case joined by ``_`` (``seq-num``
  -> ``seq_num``; the ``|`` between the keywords of a choice reads ``_or_``:
  ``kbps|mbps`` -> ``kbps_or_mbps``); a leading digit gets the prefix ``p``; a Python
  keyword or soft keyword, ``self`` and ``cls`` get a trailing ``_``; two labels that
  give one name within a class are numbered (``x``, ``x_2``);
- the result is always checked with ``str.isidentifier``: anything else is an error,
  never code.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable

_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_RESERVED_PARAMS = {"self", "cls"}
_RESERVED_CLASSES = {"Command", "CommandError", "Form", "Level", "Param", "Problem", "Constraint", "parse"}


class NameError_(ValueError):
    """A page name that cannot become a Python identifier."""


def words(text: str) -> list[str]:
    """The alphanumeric words of a name."""
    return [w for w in _SPLIT.split(text) if w]


def _camel(text: str) -> str:
    return "".join(w[:1].upper() + w[1:].lower() for w in words(text))


def class_name(identity: str) -> str:
    """``ip route-static`` -> ``IpRouteStatic``."""
    return _finish_class(_camel(identity), identity)


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
    if name in _RESERVED_CLASSES:
        name += "_"
    return _checked(name, identity)


def class_names(identities: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """Class name of each identity under the collision rule, and a note per renamed identity.

    Raises NameError_ listing every clash the rule cannot resolve.
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
        notes.append(
            f"{base} is none of " + ", ".join(f"{m!r} ({names[m]})" for m in sorted(members))
        )
    refuse_clashes(names)
    return names, notes


def refuse_clashes(names: dict[str, str]) -> None:
    seen: dict[str, str] = {}
    clashes: list[str] = []
    for identity, name in sorted(names.items()):
        for key in (name, "module " + module_name(name).lower()):
            if key in seen:
                clashes.append(f"{identity!r} and {seen[key]!r} both become {key}")
            seen.setdefault(key, identity)
    if clashes:
        raise NameError_("name collisions the naming rule cannot resolve:\n" + "\n".join(clashes))


def module_name(cls: str) -> str:
    """``IpRouteStatic`` -> ``ip_route_static`` (a module of the ``commands`` package)."""
    name = _CAMEL.sub("_", cls.replace("_", "__")).lower()
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        name += "_"
    return _checked(name, cls)


def snake_name(text: str, digit_prefix: str = "p") -> str:
    """``seq-num`` -> ``seq_num``, ``kbps|mbps`` -> ``kbps_or_mbps``; reserved words get a trailing ``_``."""
    name = "_".join(w.lower() for w in words(text.replace("|", " or ")))
    if name[:1].isdigit():
        name = digit_prefix + name
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in _RESERVED_PARAMS:
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
