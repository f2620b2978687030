"""The Value cell of a Parameters row -> a typed :class:`Value`.

The cell is prose written to a handful of patterns (measured on the CE6800 reference;
PAGE-FORMATS.md, section 1). Its first line (the lead) says what kind of value it is;
the earliest cue in the lead wins:

* ``-`` (or a dash): a keyword, no value (type ``none``);
* integers: "an integer ranging from 1 to 10", "ranges from 0 to 4094", "in the range
  (from|of) 2 to 64", "1~128", "1-4094", "<1-4294967295>", "an integer." (no bounds);
  integer alternatives ("can be 0 or 1") are an enumeration;
* strings: "a string of 1 to 31 case-sensitive characters", with case sensitivity,
  whether spaces are allowed (quoted spaces count: "If the string contains spaces, it
  must be enclosed in double quotation marks") and the characters it may not contain
  ("cannot contain question marks (?)", "the following symbols: / \\ : * ? ...");
* addresses: dotted decimal or ``X.X.X.X`` (IPv4), ``X:X:X:X:X:X:X:X`` or "IPv6
  address" (IPv6), ``H-H-H`` or "MAC address" (MAC);
* enumerations: listed inline ("The value can be ftp, tftp, or sftp.", "AF1 to AF4"
  expanded) or as list items after an enumeration lead ("Enumerated type. The values
  are as follows:", "The value can be:"), an item ``0:PG0`` or ``none: ...`` giving
  its first word.

The default value ("The default value is 3") and the unit ("... to 1500 ms", ", in
seconds", "The unit is ...") become fields of their own.

Two kinds of cell document more than one range; they are typed as the union of what
they state, and :func:`union_note` gives the warning the record keeps:

* a value that depends on the device model ("For the CE6885: ..." lines, each opening a
  case): every case is typed on its own and, when all are of one type, the value is
  their union: the smallest minimum and the largest maximum, the longest string
  length, every choice. A case that cannot be typed, or cases of different types or
  units, leave the cell untyped;
* disjoint integer ranges ("0 or an integer ranging from 30 to 600"): the integer from
  the lowest to the highest bound, the values in between accepted.

A bound given as another parameter ("ranges from low-limit to 100") leaves that end
open. Everything else stays type ``text``, the cell kept verbatim: a cell that lists
cases, hexadecimal numbers, ranges in mixed units, dates and times, free prose.
:func:`untyped_reason` says which, for the warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from vrpcmds_model.record import Value, WarningKind

_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
_N = r"-?\d{1,3}(?:,\d{3})+(?!\d|,\d)|-?\d+"
_NUM = rf"(?<![\w.,])({_N})(?!\d|\.\d|,\d|[xX][0-9a-fA-F])"

# --- cues: which kind of value the lead describes ---------------------------------------

# Address notations: they decide the kind wherever they appear in the lead.
_ADDRESS_CUES = (
    ("ipv6", re.compile(r"X:X:X:X:X:X:X:X", re.IGNORECASE)),
    ("mac", re.compile(r"H-H-H")),
    ("ipv4", re.compile(r"dotted decimal|\bX\.X\.X\.X\b", re.IGNORECASE)),
)
# Other kinds: the earliest cue in the lead wins.
_CUES = (
    (
        "format",
        re.compile(r"\bhh:mm\b|\byyyy[/-]mm[/-]dd\b|\btime format\b|\b\d{1,2}:\d{2}\b", re.IGNORECASE),
    ),
    ("ipv6", re.compile(r"^(?:The value|It) is an IPv6 address\b", re.IGNORECASE)),
    ("ipv4", re.compile(r"^(?:The value|It) is an IPv4 address\b", re.IGNORECASE)),
    ("mac", re.compile(r"^(?:The value|It) is a MAC address\b", re.IGNORECASE)),
    ("enum", re.compile(r"\benumerat(?:ed|ion)\b", re.IGNORECASE)),
    (
        "integer",
        re.compile(
            r"\binteger\b|\branges? from\b|\branging from\b|\bin the range\b|\bvalue range\b"
            r"|^<?\d+\s*[~-]\s*\d+>?\.?$",
            re.IGNORECASE,
        ),
    ),
    ("string", re.compile(r"\bstring\b|\bcharacters\b|\bcase-(?:in)?sensitive\b", re.IGNORECASE)),
)
_HEX = re.compile(
    r"\bhexadecimal\b(?! string)|\b0x[0-9a-f]+\b|\d\s+to\s+(?=[0-9a-f]*[a-f])[0-9a-f]{4,}\b", re.IGNORECASE
)
_OTHER_NAMES = re.compile(r"\b(?:host|domain) name\b|\bor (?:the )?name\b|\bor a string\b", re.IGNORECASE)
_CASES = re.compile(r"^For\s", re.IGNORECASE)
# A device model is written in capitals then digits (CE6885, FX100); "IPv4" is not one.
_MODEL_QUALIFIER = re.compile(r"^(?i:For (?:the )?)[A-Z]{2,}\d")
_MODEL_HEAD = re.compile(r"^(?i:For (?:the )?)[A-Z]{2,}\d[^:]*:\s*")
_PREFIX_FORM = re.compile(r"address ?/|/ ?prefix|/ ?mask", re.IGNORECASE)

# --- integers ---------------------------------------------------------------------------

_RANGES = (
    re.compile(
        rf"\b(?:from|between)\s+{_NUM}\s*(?:[A-Za-z/%]+(?:/s)?)?\s*(?:to|and|~|-)\s*{_NUM}", re.IGNORECASE
    ),
    re.compile(rf"\brange(?:s)?(?:\s+is|\s+of)?\s*:?\s+{_NUM}\s*(?:to|~|-)\s*{_NUM}", re.IGNORECASE),
    re.compile(rf"\binteger\b[^.;]*?{_NUM}\s*(?:to|~)\s*{_NUM}", re.IGNORECASE),
    re.compile(rf"(?:^|\bis\s+|\bof\s+|:\s*|\()<?{_NUM}\s*[~-]\s*{_NUM}>?(?=$|[\s.,;)])", re.IGNORECASE),
)
_UNITS = (
    r"milliseconds?|ms|centiseconds?|seconds?|s|minutes?|hours?|days?|weeks?"
    r"|bytes?|kbytes|KBytes|mbytes|MBytes|kilobytes?|megabytes?|gigabytes?|KB|MB|GB|bits?"
    r"|bits/s|bit/s|kbit/s|Kbit/s|Mbit/s|Mbits/s|Gbit/s|kbps|Mbps|Gbps|pps|kpps"
    r"|packets per second|messages per second|messages/second|packets/second"
    r"|percent|percentage|%|dBm|dB|hops|cells|frames|packets|entries|routes"
)
_UNIT = re.compile(rf"(?P<unit>{_UNITS})(?![\w/])")
_UNIT_PHRASE = re.compile(
    rf"(?:,\s*|\b)in (?:the unit of |units of )?(?P<unit>{_UNITS})(?![\w/])"
    rf"|\bunit is (?:the )?(?P<unit2>{_UNITS})(?![\w/])",
)
# A bound given as another parameter's value: "from low-limit to 100", "from 0 to report-times".
_PARAMETER_NAME = r"<?(?:[a-z][a-z0-9]*(?:-[a-z0-9]+)+|[a-z]+[A-Z][A-Za-z0-9]*)>?"
_TO_NUMBER = re.compile(rf"\bfrom\s+{_PARAMETER_NAME}\s+to\s+{_NUM}")
_FROM_NUMBER = re.compile(rf"\bfrom\s+{_NUM}\s+to\s+{_PARAMETER_NAME}(?![\w-])")
_SINGLE = re.compile(rf"\b(?:is|from|be)\s+{_NUM},?\s+or\b")
_INT_CHOICES = re.compile(rf"\b(?:can be|is either|is)\s+{_NUM}((?:\s*,\s*{_N})*)\s*,?\s*or\s+{_NUM}")

# --- strings ----------------------------------------------------------------------------

_LENGTHS = (
    re.compile(
        rf"\bstring (?:of|ranging from|that ranges from)\s+{_NUM}\s*(?:to|-|~)\s*{_NUM}", re.IGNORECASE
    ),
    re.compile(rf"{_NUM}\s*(?:to|-|~)\s*{_NUM}\s+(?:[\w-]+\s+){{0,3}}?characters", re.IGNORECASE),
    re.compile(rf"\blength (?:ranges |is )?(?:from\s+)?{_NUM}\s*(?:to|-|~)\s*{_NUM}", re.IGNORECASE),
)
_MAX_ONLY = re.compile(rf"\b(?:up to|a maximum of|at most|no more than)\s+{_NUM}\s+characters", re.IGNORECASE)
_QUOTED_SPACES = re.compile(r"[^.]*\bspaces?\b[^.]*\bquot|[^.]*\bquot[^.]*\bspaces?\b", re.IGNORECASE)
_NO_SPACES = re.compile(
    r"spaces?(?: and [\w ]{1,30}?)? (?:are |is )?not (?:supported|allowed)"
    r"|(?:cannot|can not|does not|must not|not) (?:contain|include|support) (?:any )?(?:spaces|a space|blank)"
    r"|without (?:any |a )?(?:blank )?spaces?|with spaces not supported"
    r"|except (?:for )?(?:the )?space|excluding spaces|\band space\b|no spaces",
    re.IGNORECASE,
)
_SPACES = re.compile(
    r"spaces?(?: and [\w ]{1,30}?)? (?:are |is )?(?:supported|allowed)|can contain spaces|supports? spaces"
    r"|letters, numbers, and spaces",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"(?:cannot|can not|must not|does not|do not|not) (?:contain|include)|\bexcept\b|\bexcluding\b",
    re.IGNORECASE,
)
_SYMBOL_LIST = re.compile(
    r"following (?:special )?(?:characters|symbols)\s*:\s*((?:[^\w\s]\s*)+)"
    r"|special characters\s+((?:[^\w\s](?:\s+|$))+)",
    re.IGNORECASE,
)
_PAREN_SYMBOL = re.compile(r"\(\s*([^\w\s()]{1,2})\s*\)")
_QUESTION = re.compile(r"\bquestion marks?\b", re.IGNORECASE)
_QUESTION_REFUSED = re.compile(
    r"(?:without|no)\b[^.]{0,40}\bquestion marks?\b|\bquestion marks? (?:are |is )?not (?:supported|allowed)"
    r"|\bquestion marks? not supported",
    re.IGNORECASE,
)
_PLACEMENT = re.compile(r"\b(?:start|begin|end)s? with\b|\bbe (?:a |an )?\w+\s*\(|first|last", re.IGNORECASE)

# --- enumerations and defaults ----------------------------------------------------------

_INLINE_ENUM = re.compile(
    r"^(?:(?:The|It)\b[^.:]*\b(?:can be|can only be|is|must be|can be set to|is one of|which is|which can be)"
    r"|The following\b[^:]*:)(?: one of)?:?\s+(?P<items>[^;:()]+?)\.?$",
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"^(.*?[^.\d])\.(?:\s|$)")
_SEPARATOR = re.compile(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+")
_CHOICE = re.compile(r"[A-Za-z0-9][\w.+-]*")
_NAME_RANGE = re.compile(r"^(?P<stem>[A-Za-z]+)(?P<low>\d+) to (?P=stem)(?P<high>\d+)$")
_ITEM_CHOICE = re.compile(r"^-\s*(?P<choice>[A-Za-z0-9][\w.+-]*)\s*(?::.*)?$")
_NOT_CHOICES = frozenset({"letters", "digits", "characters", "symbols", "spaces", "a", "an", "the"})
_DEFAULT = re.compile(
    r"\bdefault(?: value)? is\s+(?P<value>[\w.:/+-]+?)"
    r"(?P<unit>\s+[A-Za-z/%]+|(?<=\d)[A-Za-z/%]+)?\s*(?:[.,;)]|$)"
    r"|\bBy default, (?:the )?[\w -]{1,40}? is\s+(?P<value2>-?\d+)\b",
    re.IGNORECASE,
)


@dataclass
class _Cell:
    """A Value cell read once: verbatim, flattened to one line, and its lead line."""

    text: str
    flat: str
    lead: str

    @classmethod
    def read(cls, text: str) -> _Cell:
        cell = text.strip()
        lines = [line.strip() for line in cell.splitlines() if line.strip()]
        return cls(cell, " ".join(cell.split()), lines[0] if lines else "")


Reader = Callable[[_Cell], "Value | None"]


def parse_value(text: str) -> Value:
    """Type a Value cell; ``text`` is kept as written (stripped)."""
    cell = _Cell.read(text)
    if cell.text and all(line.strip() in _DASHES for line in cell.text.splitlines() if line.strip()):
        return Value(type="none", text=cell.text)
    if _for_models(cell):
        return _model_union(cell) or Value(type="text", text=cell.text)
    kind = _kind(cell)
    value = _READERS[kind](cell) if kind in _READERS else None
    if value is None:
        return Value(type="text", text=cell.text)
    _default(cell, value)
    return value


def union_note(value: Value) -> tuple[WarningKind, str] | None:
    """The warning a value typed as the union of several documented ranges keeps, else None.

    ``value`` is what :func:`parse_value` gave for its own ``text``.
    """
    if value.type in ("text", "none"):
        return None
    cell = _Cell.read(value.text)
    if _for_models(cell):
        cases = len(_model_cases(cell) or ())
        if cases == 1:
            return "value-model-dependent", f"documented for some device models only: {_summary(value)}"
        union = f"typed as their union: {_summary(value)}"
        return (
            "value-model-dependent",
            f"the device model decides which of the {cases} cases applies; {union}",
        )
    ranges = _merged(_ranges(cell.lead)) if value.type == "integer" else []
    if len(ranges) > 1:
        shown = ", ".join(str(low) if low == high else f"{low}..{high}" for low, high in ranges)
        joined = f"typed as one: {_summary(value)}, the values between them accepted"
        return "value-ranges-joined", f"{len(ranges)} disjoint ranges ({shown}) {joined}"
    return None


def untyped_reason(text: str) -> str:
    """Why a Value cell stays ``text``, in a few words for the warning."""
    cell = _Cell.read(text)
    if not cell.text:
        return "empty Value cell"
    if _for_models(cell):
        if _model_cases(cell) is None:
            return "the value depends on the device model, the models not set apart by a colon"
        return "the value depends on the device model and its cases are not all of one type and unit"
    if cell.lead.startswith("- "):
        return "the cell lists several cases"
    if _several_cases(cell):
        return "the value differs from case to case"
    kind = _kind(cell)
    if kind == "hex":
        return "a hexadecimal value"
    if kind == "format":
        return "a date or time in a given format"
    if kind == "prefix":
        return "an address with a prefix or mask length"
    if kind == "integer":
        return "ranges in different units"
    if kind == "enum":
        return "an enumeration whose choices are not listed as single words"
    if kind == "mixed":
        return "several kinds of value"
    return "described in prose"


def _kind(cell: _Cell) -> str:
    """The kind of value the lead describes, or a reason not to type it.

    Address formats decide wherever they appear; otherwise the earliest cue wins, a
    hexadecimal number or a second way of writing the value (a host name, a service
    name) making it untyped.
    """
    lead = cell.lead
    if not lead or lead.startswith("- ") or _several_cases(cell) or _for_models(cell):
        return "text"
    if _PREFIX_FORM.search(lead):
        return "prefix"
    addresses = {kind for kind, cue in _ADDRESS_CUES if cue.search(lead)}
    if len(addresses) > 1 or addresses and _OTHER_NAMES.search(lead):
        return "mixed"
    if addresses:
        return addresses.pop()
    found = sorted((m.start(), kind) for kind, cue in _CUES if (m := cue.search(lead)))
    kind = found[0][1] if found else ""
    if kind in ("integer", "") and _HEX.search(lead):
        return "hex"
    if kind == "integer" and _OTHER_NAMES.search(lead):
        return "mixed"
    if kind == "enum" or not kind and lead.endswith(":"):
        return "enum" if _items(cell) else "inline-enum"
    return kind or "inline-enum"


def _for_models(cell: _Cell) -> bool:
    """A line of the cell gives the value for some device models only ("For the CE6885: ...")."""
    return any(_MODEL_QUALIFIER.match(line.strip()) for line in cell.text.splitlines())


def _model_cases(cell: _Cell) -> list[str] | None:
    """The cases of a model-dependent cell, each as a Value cell of its own.

    A line "For <models>:<text>" opens a case, its text running to the next such line;
    lines before the first one are a case too, unless they only introduce the cases
    (they end with a colon, no list items after it). None when a model line has no colon
    after the models, the case it opens then being unclear.
    """
    cases: list[list[str]] = [[]]
    for line in cell.text.splitlines():
        stripped = line.strip()
        if not _MODEL_QUALIFIER.match(stripped):
            cases[-1].append(stripped)
            continue
        head = _MODEL_HEAD.match(stripped)
        if head is None:
            return None
        cases.append([stripped[head.end() :]])
    texts = ["\n".join(lines).strip() for lines in cases]
    lead, rest = texts[0], texts[1:]
    if not lead or lead.endswith(":"):
        return rest
    return [lead, *rest]


def _model_union(cell: _Cell) -> Value | None:
    """A model-dependent cell typed as the union of its cases, or None."""
    cases = _model_cases(cell)
    value = _union([parse_value(case) for case in cases]) if cases else None
    if value is not None:
        value.text = cell.text
    return value


def _union(values: list[Value]) -> Value | None:
    """The value that accepts what any of ``values`` accepts, when all are of one type (else None).

    Integers: the smallest minimum to the largest maximum (an end open in one case is
    open); strings: the shortest to the longest length, spaces when one case allows
    them, forbidden only what every case forbids; enumerations: every choice once.
    A unit or default is kept when the cases agree; cases in different units give None.
    """
    kinds = {value.type for value in values}
    if len(kinds) != 1 or "text" in kinds:
        return None
    out = Value(type=values[0].type)
    units = {value.unit for value in values if value.unit}
    if len(units) > 1:
        return None
    out.unit = units.pop() if units else None
    defaults = {value.default for value in values}
    out.default = defaults.pop() if len(defaults) == 1 else None
    if out.type == "integer":
        out.min = _outer(min, [value.min for value in values])
        out.max = _outer(max, [value.max for value in values])
    elif out.type == "string":
        out.min_length = _outer(min, [value.min_length for value in values])
        out.max_length = _outer(max, [value.max_length for value in values])
        cases = {value.case_sensitive for value in values}
        out.case_sensitive = cases.pop() if len(cases) == 1 else None
        spaces = {value.spaces for value in values}
        out.spaces = True if True in spaces else spaces.pop() if len(spaces) == 1 else None
        forbidden = [set(value.forbidden or "") for value in values]
        common = set.intersection(*forbidden)
        out.forbidden = "".join(ch for ch in values[0].forbidden or "" if ch in common) or None
    elif out.type == "enum":
        out.choices = list(dict.fromkeys(choice for value in values for choice in value.choices or ()))
    return out


def _outer(pick: Callable[[list[int]], int], bounds: list[int | None]) -> int | None:
    """The outermost of the cases' bounds, None (open) when a case leaves it open."""
    known = [bound for bound in bounds if bound is not None]
    return pick(known) if known and len(known) == len(bounds) else None


def _summary(value: Value) -> str:
    """A typed value in a few words, for a warning: ``integer 1..4094``, ``string of 1..64 characters``."""
    if value.type == "integer":
        return f"integer{_bounds(value.min, value.max)}"
    if value.type == "string":
        bounds = _bounds(value.min_length, value.max_length)
        return f"string of{bounds} characters" if bounds else "string"
    if value.type == "enum":
        return f"one of {len(value.choices or ())} choices"
    return value.type


def _bounds(low: int | None, high: int | None) -> str:
    """`` 1..10``, `` up to 10``, `` from 1`` or nothing."""
    if low is not None and high is not None:
        return f" {low}..{high}"
    if high is not None:
        return f" up to {high}"
    return "" if low is None else f" from {low}"


def _several_cases(cell: _Cell) -> bool:
    """Lines that each open with "For ...": one value per case."""
    return (
        bool(_CASES.match(cell.lead))
        and sum(1 for line in cell.text.splitlines() if _CASES.match(line.strip())) > 1
    )


# --- readers, one per kind ---------------------------------------------------------------


def _integer(cell: _Cell) -> Value | None:
    """An integer, its bounds from the lead's range(s): merged when they touch, else spanned."""
    if _mixed_units(cell.lead):
        return None
    choices = _integer_choices(cell.lead)
    if choices:
        return Value(type="enum", text=cell.text, choices=choices)
    ranges = _merged(_ranges(cell.lead))
    value = Value(type="integer", text=cell.text)
    if ranges:  # disjoint ranges: from the lowest to the highest (union_note warns)
        value.min, value.max = ranges[0][0], ranges[-1][1]
    elif match := _TO_NUMBER.search(cell.lead):
        value.max = _int(match.group(1))
    elif match := _FROM_NUMBER.search(cell.lead):
        value.min = _int(match.group(1))
    value.unit = _unit(cell.lead)
    return value


def _ranges(lead: str, singles: bool = True) -> list[tuple[int, int]]:
    """Every integer range the lead states (with ``singles``, lone values "0 or ..." too), once."""
    found: dict[tuple[int, int], int] = {}
    for pattern in _RANGES:
        for match in pattern.finditer(lead):
            numbers = [g for g in match.groups() if g is not None and re.fullmatch(_N, g)]
            low, high = _int(numbers[0]), _int(numbers[-1])
            found.setdefault((min(low, high), max(low, high)), match.start())
    for match in _SINGLE.finditer(lead) if singles else ():
        found.setdefault((_int(match.group(1)), _int(match.group(1))), match.start())
    return sorted(found, key=found.__getitem__)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Ranges merged where they overlap or touch (2000-2999 and 3000-3999 -> 2000-3999)."""
    out: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if out and low <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], high))
        else:
            out.append((low, high))
    return out


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def _mixed_units(lead: str) -> bool:
    """A range whose two ends carry different units ("from 1 Mbit/s to 400 Gbit/s")."""
    match = re.search(rf"{_NUM}\s*({_UNITS})\s+to\s+{_NUM}\s*({_UNITS})(?![\w/])", lead)
    return match is not None and match.group(2) != match.group(4)


def _integer_choices(lead: str) -> list[str] | None:
    """Integer alternatives: "The value is an integer that can be 0 or 1"."""
    match = _INT_CHOICES.search(lead)
    if match is None or _ranges(lead, singles=False):
        return None
    middle = re.findall(_N, match.group(2) or "")
    return [match.group(1), *middle, match.group(3)]


def _unit(lead: str) -> str | None:
    """The unit after the range's maximum, or named apart (", in seconds", "The unit is ...")."""
    for pattern in _RANGES[:3]:
        match = pattern.search(lead)
        if match:
            after = _UNIT.match(lead[match.end() :].lstrip())
            if after and lead[match.end() : match.end() + 1] in (" ", ""):
                return after.group("unit")
    phrase = _UNIT_PHRASE.search(lead)
    if phrase:
        return phrase.group("unit") or phrase.group("unit2")
    return None


def _string(cell: _Cell) -> Value:
    """A string: lengths (all stated, merged), case, spaces and forbidden characters."""
    value = Value(type="string", text=cell.text)
    lengths = [
        (_int(m.group(1)), _int(m.group(2))) for pattern in _LENGTHS for m in pattern.finditer(cell.flat)
    ]
    if lengths:
        value.min_length = min(low for low, _ in lengths)
        value.max_length = max(high for _, high in lengths)
    elif match := _MAX_ONLY.search(cell.flat):
        value.max_length = _int(match.group(1))
    value.case_sensitive = _case(cell.flat)
    value.spaces = _spaces(cell.flat)
    value.forbidden = _forbidden(cell.flat)
    return value


def _case(flat: str) -> bool | None:
    lower = flat.lower()
    if re.search(r"case[- ]insensitive|not case[- ]sensitive", lower):
        return False
    if re.search(r"case[- ]sensitive", lower):
        return True
    return None


def _spaces(flat: str) -> bool | None:
    """True when spaces are allowed (quoted spaces count), False when refused, else None."""
    if _QUOTED_SPACES.search(flat):
        return True
    if _NO_SPACES.search(flat):
        return False
    if _SPACES.search(flat):
        return True
    return None


def _forbidden(flat: str) -> str | None:
    """Characters the string may not contain, from the sentences that say so."""
    chars: dict[str, None] = {}
    for match in _SYMBOL_LIST.finditer(flat):
        listed = (match.group(1) or match.group(2) or "").rstrip()
        if listed.endswith(".") and not listed[-2:-1].isspace():
            listed = listed[:-1]  # the sentence's own full stop
        chars.update(dict.fromkeys(ch for ch in listed if not ch.isspace()))
    for match in _NEGATION.finditer(flat):
        clause = re.split(r"(?<=[a-z)])\.(?:\s|$)", flat[match.end() :], maxsplit=1)[0]
        for part in re.split(r"\s+(?:or|and)\s+|,\s*", clause):
            if _PLACEMENT.search(part):
                continue
            symbols = _PAREN_SYMBOL.findall(part) or (["?"] if _QUESTION.search(part) else [])
            chars.update(dict.fromkeys(ch for symbol in symbols for ch in symbol))
    if _QUESTION_REFUSED.search(flat):
        chars.setdefault("?", None)
    return "".join(chars) or None


def _address(kind: Literal["ipv4", "ipv6", "mac"]) -> Reader:
    """The reader of one address kind: the notation says it all."""

    def read(cell: _Cell) -> Value:
        return Value(type=kind, text=cell.text)

    return read


def _enumeration(cell: _Cell) -> Value | None:
    """Choices listed as items after an enumeration lead, or inline in the lead."""
    items = _items(cell)
    if items:
        choices = [m.group("choice") if (m := _ITEM_CHOICE.match(item)) else "" for item in items]
        return Value(type="enum", text=cell.text, choices=choices) if all(choices) else None
    return _inline_enumeration(cell)


def _items(cell: _Cell) -> list[str]:
    """The list items right after the lead."""
    items: list[str] = []
    for line in cell.text.splitlines()[1:]:
        if not line.strip().startswith("- "):
            break
        items.append(line.strip())
    return items


def _inline_enumeration(cell: _Cell) -> Value | None:
    """ "The value can be ftp, tftp, or sftp." (``AF1 to AF4`` expanded); one number alone counts."""
    sentence = _FIRST_SENTENCE.match(cell.lead)
    match = _INLINE_ENUM.match(sentence.group(1) if sentence else cell.lead)
    if match is None:
        return None
    choices: list[str] = []
    parts = [p.strip() for p in _SEPARATOR.split(match.group("items")) if p.strip()]
    for part in _trim_tail(parts):
        expanded = _expand(part)
        if not expanded:
            return None
        choices.extend(expanded)
    single = len(choices) == 1 and choices[0].isdigit()
    if not (len(choices) > 1 or single) or _NOT_CHOICES & {c.lower() for c in choices}:
        return None
    value = Value(type="enum", text=cell.text, choices=choices)
    value.unit = _unit(cell.lead)
    return value


def _trim_tail(parts: list[str]) -> list[str]:
    """Drop a trailing clause after the last choice ("..., or CS7, each of which ...")."""
    fits = [bool(_CHOICE.fullmatch(p) or _NAME_RANGE.match(p)) for p in parts]
    if len(parts) > 2 and not fits[-1] and all(fits[:-1]):
        return parts[:-1]
    return parts


def _expand(part: str) -> list[str]:
    """One choice, or the names of a range of names (``AF1 to AF4``), or [] when neither."""
    if _CHOICE.fullmatch(part):
        return [part]
    match = _NAME_RANGE.match(part)
    if match and int(match.group("low")) < int(match.group("high")) <= int(match.group("low")) + 64:
        stem = match.group("stem")
        return [f"{stem}{n}" for n in range(int(match.group("low")), int(match.group("high")) + 1)]
    return []


def _default(cell: _Cell, value: Value) -> None:
    """The default value (and its unit, when the cell named none) from the whole cell."""
    for match in _DEFAULT.finditer(cell.flat):
        if match.group("value2"):
            value.default = match.group("value2")
            return
        found = match.group("value").rstrip(".")
        if value.type == "integer" and not re.fullmatch(r"-?\d+", found):
            continue
        if value.type == "enum" and value.choices and found not in value.choices:
            continue
        if found.lower() in ("the", "a", "an", "not", "set", "determined"):
            continue
        value.default = found
        unit = (match.group("unit") or "").strip()
        if unit and value.unit is None and _UNIT.fullmatch(unit):
            value.unit = unit
        return


_READERS: dict[str, Reader] = {
    "integer": _integer,
    "string": _string,
    "ipv4": _address("ipv4"),
    "ipv6": _address("ipv6"),
    "mac": _address("mac"),
    "enum": _enumeration,
    "inline-enum": _inline_enumeration,
    "mixed": lambda cell: None,
}
