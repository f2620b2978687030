"""The command record: the one model that crosses every stage boundary.

The scraper builds records, the store writes them as YAML (validated against
``model/command.schema.json``), and the generators read them back. Field names follow
ARCHITECTURE.md; ``to_dict`` gives the YAML mapping in a fixed field order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

# What a Value cell says a parameter takes; ``text`` when the cell could not be typed.
ValueType = Literal["integer", "string", "ipv4", "ipv6", "mac", "enum", "none", "text"]
# The sections of a command page a warning can concern.
Section = Literal[
    "Page",
    "Title",
    "Function",
    "Format",
    "Parameters",
    "Views",
    "Default Level",
    "Usage Guidelines",
    "Example",
    "Related Topics",
]
# Every kind of warning the scraper gives (the scrape report counts them by kind).
WarningKind = Literal[
    "content-not-kept",
    "date-unreadable",
    "encoding",
    "heading-inferred",
    "html-unreadable",
    "identifier-unsafe",
    "marks-inferred",
    "name-unusual",
    "page-type",
    "parameter-dropped",
    "parameter-name-recovered",
    "parameter-name-unreadable",
    "parameters-unread",
    "prose-skipped",
    "section-missing",
    "syntax-unreadable",
    "table-header-unknown",
    "text-truncated",
    "unmarked-words",
    "unsafe-id-replaced",
    "unsafe-text-cleaned",
    "value-column-missing",
    "value-missing",
    "value-model-dependent",
    "value-ranges-joined",
    "value-untyped",
]


@dataclass
class Value:
    """A parameter's value constraint, parsed from the Value cell (``text``: as written)."""

    type: ValueType = "text"
    text: str = ""
    min: int | None = None
    max: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    choices: list[str] | None = None
    default: str | None = None
    unit: str | None = None
    case_sensitive: bool | None = None
    spaces: bool | None = None  # True when the string may contain (quoted) spaces
    forbidden: str | None = None  # characters the string may not contain


@dataclass
class Parameter:
    """One row of the Parameters table; ``name`` in canonical marked form."""

    name: str
    description: str = ""
    value: Value = field(default_factory=Value)


@dataclass
class Level:
    number: int
    name: str


@dataclass
class UsageSection:
    """One sub-heading of Usage Guidelines (``heading`` is empty for text before any)."""

    heading: str
    text: str


@dataclass
class TypedCommand:
    """A line of an example that the user typed (as opposed to device output)."""

    prompt: str  # as shown: ``<HUAWEI>``, ``[~HUAWEI-bgp]``; empty when there is none
    command: str


@dataclass
class Example:
    """One example: its ``# description``, its lines as shown (prompts included), and
    the lines among them that were typed, told apart from device output."""

    description: str
    lines: list[str]
    commands: list[TypedCommand] = field(default_factory=list)


@dataclass
class FormModels:
    """The device models a syntax form applies to (from an applicability line)."""

    form: str
    models: list[str]


@dataclass
class Source:
    path: str | None = None
    url: str | None = None
    manual: str | None = None
    doc_id: str | None = None
    identifier: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    feature_area: str | None = None


@dataclass
class Warning:
    """Something the scraper inferred or could not read, and the section it concerns."""

    section: Section
    kind: WarningKind
    message: str


@dataclass
class Record:
    id: str
    name: str
    title: str
    function: str = ""
    undo_function: str = ""
    default: str = ""
    syntax: list[str] = field(default_factory=list)
    undo_syntax: list[str] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    views: list[str] = field(default_factory=list)
    level: Level | None = None
    usage: list[UsageSection] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    form_models: list[FormModels] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    source: Source = field(default_factory=Source)
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, section: Section, kind: WarningKind, message: str) -> None:
        self.warnings.append(Warning(section, kind, message))

    def to_dict(self) -> dict[str, Any]:
        data = _to_plain(self)
        assert isinstance(data, dict)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        return cls(
            id=data["id"],
            name=data["name"],
            title=data["title"],
            function=data.get("function", ""),
            undo_function=data.get("undo_function", ""),
            default=data.get("default", ""),
            syntax=list(data.get("syntax", [])),
            undo_syntax=list(data.get("undo_syntax", [])),
            parameters=[
                Parameter(p["name"], p.get("description", ""), Value(**p.get("value", {})))
                for p in data.get("parameters", [])
            ],
            views=list(data.get("views", [])),
            level=Level(**data["level"]) if data.get("level") else None,
            usage=[UsageSection(**u) for u in data.get("usage", [])],
            examples=[
                Example(e["description"], list(e["lines"]), [TypedCommand(**c) for c in e.get("commands", [])])
                for e in data.get("examples", [])
            ],
            form_models=[FormModels(f["form"], list(f["models"])) for f in data.get("form_models", [])],
            related=list(data.get("related", [])),
            source=Source(**data.get("source", {})),
            warnings=[Warning(**w) for w in data.get("warnings", [])],
        )


def _to_plain(obj: object) -> object:
    """Dataclasses to dicts in field order, dropping None and empty optional values."""
    if is_dataclass(obj) and not isinstance(obj, type):
        out = {}
        for f in fields(obj):
            value = _to_plain(getattr(obj, f.name))
            if value is None or (value in ("", [], {}) and f.name not in _ALWAYS):
                continue
            out[f.name] = value
        return out
    if isinstance(obj, list):
        return [_to_plain(x) for x in obj]
    return obj


# Fields written even when empty, so every record shows the same outline.
_ALWAYS = {
    "syntax",
    "undo_syntax",
    "parameters",
    "views",
    "source",
    "warnings",
    "text",
    "description",
    "lines",
    "heading",
    "prompt",
}
