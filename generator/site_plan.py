"""Which pages the site has and where they go; decisions only, no text layout.

Records are grouped by command identity (``name``): one page per identity, in the
folder of its feature area (``source.feature_area``, else the manual). An area written
``Category / Area`` (``IP Addresses and Services / ARP``) is listed under its category
in the navigation. File names are slugs of the identity and the area; two identities
whose slugs collide (or a slug that names an index page) both get a short hash of
their full name appended, so the result does not depend on input order.

The site is built with ``use_directory_urls``: page ``commands/ipsec/ike-heartbeat.md``
is served at ``commands/ipsec/ike-heartbeat/``; :func:`href` gives the link between
two pages that raw HTML needs (MkDocs rewrites only Markdown links).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from vrpcmds_model.record import Record

OTHER_AREA = "Other commands"
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class ArgumentDoc:
    """One keyword argument of a bindings class: name, Python type, values, description."""

    name: str
    type: str
    values: str
    description: str
    required: bool


@dataclass(frozen=True)
class ClassDoc:
    """A bindings class as a page shows it: its name and its keyword arguments."""

    name: str
    arguments: tuple[ArgumentDoc, ...]


@dataclass(frozen=True)
class CommandPage:
    """One page: every record of one command identity, and the bindings classes of its records."""

    name: str
    class_name: str
    area: str
    path: str  # relative to docs/, POSIX separators
    records: tuple[Record, ...]
    classes: tuple[ClassDoc, ...] = ()
    manual: str = ""  # the name the site gives the records' manual, when they do not name it


@dataclass(frozen=True)
class Area:
    """A feature area (or manual) and its pages, sorted by name."""

    title: str
    path: str  # its index page, relative to docs/
    pages: tuple[CommandPage, ...]

    @property
    def category(self) -> str:
        """The part before `` / `` (``IP Addresses and Services``), empty when there is none."""
        return self.title.split(" / ", 1)[0].strip() if " / " in self.title else ""

    @property
    def short_title(self) -> str:
        """The title without its category (``ARP``)."""
        return self.title.split(" / ", 1)[1].strip() if " / " in self.title else self.title


def derive_class_name(name: str) -> str:
    """Fallback class name: the words of the identity in CamelCase (``ike heartbeat`` -> ``IkeHeartbeat``).

    The bindings generator owns the real naming rules and passes its mapping to
    ``write_site``; this is only used for identities missing from that mapping.
    """
    words = "".join(w[:1].upper() + w[1:].lower() for w in _WORD.findall(name))
    if not words:
        return "Record"
    return f"Cmd{words}" if words[0].isdigit() else words


def slug(value: str) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens (``command`` if none)."""
    return _NOT_SLUG.sub("-", value.lower()).strip("-")[:80].strip("-") or "command"


def unique_slugs(keys: Iterable[str], reserved: frozenset[str] = frozenset({"index"})) -> dict[str, str]:
    """A file-name slug for every key, unique by construction: a slug that one key alone
    gives is its own; keys sharing a slug, or given a reserved one, get the slug and a hash
    of the key, longer when that is taken too (by any slug), then numbered."""
    by_slug: dict[str, list[str]] = {}
    for key in sorted(set(keys)):
        by_slug.setdefault(slug(key), []).append(key)
    out = {owners[0]: base for base, owners in by_slug.items() if len(owners) == 1 and base not in reserved}
    taken = set(out.values()) | set(reserved)
    for base, owners in by_slug.items():
        for key in owners:
            if key in out:
                continue
            digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
            candidates = [f"{base}-{digest[:n]}" for n in (8, 12, 16, 40)]
            name = next((c for c in candidates if c not in taken), "")
            n = 2
            while not name:
                name = f"{base}-{digest}-{n}" if f"{base}-{digest}-{n}" not in taken else ""
                n += 1
            out[key] = name
            taken.add(name)
    return out


def area_of(command: Record) -> str:
    """The navigation group of a record: its feature area, else its manual."""
    src = command.source
    return (src.feature_area or src.manual or OTHER_AREA).strip() or OTHER_AREA


def record_key(command: Record) -> tuple[str, str, str]:
    """Order of the records on one page."""
    return (command.title, command.id, command.source.path or command.source.url or "")


def plan_pages(
    commands: list[Record],
    class_names: dict[str, str] | None = None,
    classes: dict[str, ClassDoc] | None = None,
    root: str = "",
    manual: str = "",
) -> list[Area]:
    """Group records into pages and pages into areas, everything sorted; ``classes`` gives
    the bindings class of each record (by page id). Paths start with ``root`` (``ce6800/``
    on a site of several manuals); ``manual`` names the manual of records that do not."""
    groups: dict[str, list[Record]] = {}
    for cmd in commands:
        groups.setdefault(cmd.name, []).append(cmd)
    records = {name: tuple(sorted(cmds, key=record_key)) for name, cmds in groups.items()}
    area = {name: area_of(recs[0]) for name, recs in records.items()}
    area_slugs = unique_slugs(area.values())
    areas: dict[str, list[CommandPage]] = {}
    for title in sorted(area_slugs, key=lambda t: (t.casefold(), t)):
        names = sorted((n for n in records if area[n] == title), key=lambda n: (n.casefold(), n))
        name_slugs = unique_slugs(names)
        folder = f"{root}commands/{area_slugs[title]}"
        areas[title] = [
            CommandPage(
                name=n,
                class_name=(class_names or {}).get(n) or derive_class_name(n),
                area=title,
                path=f"{folder}/{name_slugs[n]}.md",
                records=records[n],
                classes=tuple(dict.fromkeys(c for r in records[n] if (c := (classes or {}).get(r.id)))),
                manual=manual,
            )
            for n in names
        ]
    return [
        Area(title, f"{root}commands/{area_slugs[title]}/index.md", tuple(pages)) for title, pages in areas.items()
    ]


def page_url(path: str) -> str:
    """The URL of a page (relative to the site root) under ``use_directory_urls``."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def href(target: str, source: str) -> str:
    """The link from page ``source`` to page ``target`` (both relative to docs/) in the built site."""
    rel = posixpath.relpath(page_url(target) or ".", page_url(source) or ".")
    return "./" if rel == "." else rel + "/"
