"""Which view a line opens, learned from the documentation, with the values that decide it.

Evidence, strongest first:

1. the hand-written override (``_views.override.yaml`` in the schema folder:
   ``opens: {command: [view, ...]}``) wins;
2. the examples: when the prompt changes after a typed line (``[~HUAWEI] interface Nve1``
   then ``[~HUAWEI-Nve1]``), the commands typed at the new prompt run in the view that
   line opened: the views they are all documented in (commands documented in "all views"
   say nothing). The opening line is resolved, so each observation carries its binding:
   the keywords it chose and its values. When one command's lines open different views,
   rules keyed on what tells them apart are learned: a chosen keyword
   (``ipv4-family vpn-instance``), the type letters of an interface name (``Nve1`` vs
   ``100GE1/0/1``), or an integer in a range (ACL numbers; the range widened to the
   documented one from the parameter's description when it names one). Lines whose
   values match no rule open any of the views seen;
3. the Function text: "... and displays the BGP view", "enters the VLAN view".

Derivation resolves each example line once (linear in the number of example lines).
Unknown stays unknown: a command with no evidence opens no known view.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from vrpcmds_runtime.compiled import (
    INTERFACE,
    CompiledGrammar,
    Condition,
    ViewRule,
    interface_type,
    interface_value,
)
from vrpcmds_runtime.line import Binding
from vrpcmds_runtime.resolve import Candidate, resolve

from .constraints import argument_rows
from .record import Record

SYSTEM_VIEW = "System view"
_FUNCTION = re.compile(
    r"\b(?:displays?|enters?|opens?|goes to|switch(?:es)? to)\s+(?:the\s+)?"
    r"([A-Za-z0-9][\w./-]*(?:\s+[\w./-]+){0,5}?\s+view)\b",
    re.IGNORECASE,
)
_PROMPT = re.compile(r"^[<\[][~*]?(?P<host>[^\]>-]+)(?:-(?P<suffix>[^\]>]*))?[\]>]$")
_NAMED_INTERFACE = re.compile(r"^\d*[A-Za-z][A-Za-z-]*(?:\d|$)")
_RANGE = re.compile(r"(\d+)\s*(?:to|-)\s*(\d+)")
# Within one group of observations, a view voted for by fewer than 1/_SHARE as many
# observations as the most voted one is noise (a command that happens to run there too).
_SHARE = 20
# A line whose command is documented on this many pages (one per view, like ``quit``) is
# no evidence of the view it was typed in.
_GENERIC = 3
# A rule keyed on values needs this many example lines behind it.
_SUPPORT = 2


@dataclass(frozen=True)
class Observation:
    """One example line that opened a view: its binding and the views typed at the new prompt."""

    binding: Binding
    views: frozenset[str]
    page: str = ""  # the form (its syntax) the line resolved to


def derive_views(records: list[Record], grammar: CompiledGrammar, override: dict[str, list[str]] | None) -> None:
    """Fill ``grammar.opens`` from the override, the examples and the Function texts."""
    opens: dict[str, tuple[ViewRule, ...]] = {"system-view": (ViewRule((), (SYSTEM_VIEW,)),)}
    ranges = _documented_ranges(records)
    for command, observations in _observations(records, grammar).items():
        opens[command] = tuple(_rules(observations, ranges.get(command, {})))
    known = {v.lower(): v for r in records for v in r.views}
    for command, views in _from_function(records, known).items():
        opens.setdefault(command, (ViewRule((), tuple(views)),))
    for command, views in (override or {}).items():
        opens[command] = (ViewRule((), tuple(views)),)
    grammar.opens = opens


def read_override(path: Path) -> dict[str, list[str]]:
    """The hand-written override file: ``opens: {command: [view, ...]}``."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    opens = data.get("opens") if isinstance(data, dict) else None
    if not isinstance(opens, dict):
        raise ValueError(f"{path}: expected a mapping 'opens: {{command: [view, ...]}}'")  # noqa: TRY004 - a bad file
    return {str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])] for k, vs in opens.items()}


# -- evidence from the examples ----------------------------------------------------------


def _prompt_key(prompt: str) -> str:
    """The part of a prompt that names the view (``[~HUAWEI-bgp]`` -> ``bgp``; ``<H>`` -> user)."""
    m = _PROMPT.match(prompt.strip())
    if not m:
        return prompt
    if prompt.startswith("<"):
        return "<user>"
    return m.group("suffix") or "<system>"


class _Lines:
    """Each distinct example line resolved once."""

    def __init__(self, grammar: CompiledGrammar) -> None:
        self.grammar = grammar
        self.seen: dict[str, Candidate | None] = {}
        self.allowed: dict[str, set[str] | None] = {}

    def best(self, line: str) -> Candidate | None:
        if line not in self.seen:
            self.resolve(line)
        return self.seen[line]

    def views(self, line: str) -> set[str] | None:
        """The views any reading of the line is documented in (None: no reading, or one
        documented in all views, which says nothing of the view)."""
        if line not in self.allowed:
            self.resolve(line)
        return self.allowed[line]

    def resolve(self, line: str) -> None:
        found = resolve(self.grammar, line, prefixes=False)
        self.seen[line] = found.best
        views: set[str] | None = set()
        pages = {c.form.command.id for c in found.candidates}
        if len(pages) >= _GENERIC:
            views = None  # documented page by page in many views: says little of this one
        for c in found.candidates:
            if views is None or not c.form.command.view_set.specific:
                views = None
                break
            views |= set(c.form.command.views)
        self.allowed[line] = views or None


def _observations(records: list[Record], grammar: CompiledGrammar) -> dict[str, list[Observation]]:
    """The example lines after which the prompt named another view, by command.

    A command that leaves the prompt as it was more often than it changes it opens no
    view: the changes are slips in the examples (``[~HUAWEI] interface 100GE 1/0/1``, then
    ``[~HUAWEI] portswitch`` and ``[*HUAWEI-100GE1/0/1]``: the interface's prompt shown
    one line late).
    """
    lines = _Lines(grammar)
    found: dict[str, list[Observation]] = defaultdict(list)
    stays: Counter[str] = Counter()
    for record in records:
        for example in record.examples:
            typed = [(c.prompt, c.command) for c in example.commands if c.prompt]
            for k, (prompt, line) in enumerate(typed[:-1]):
                new = typed[k + 1][0]
                key = _prompt_key(new)
                stayed = key == _prompt_key(prompt)
                if key in ("<user>", "<system>") and not stayed:
                    continue
                opener = lines.best(line)
                if opener is None:
                    continue
                if stayed:
                    stays[opener.command] += 1
                    continue
                views = _views_at(typed[k + 1 :], new, lines)
                if views:
                    found[opener.command].append(Observation(opener.binding, frozenset(views), opener.form.syntax))
    return {command: seen for command, seen in found.items() if len(seen) >= stays[command]}


def _views_at(rest: list[tuple[str, str]], prompt: str, lines: _Lines) -> set[str]:
    """Views that every command typed at ``prompt`` (until it changes) is documented in."""
    common: set[str] | None = None
    for p, line in rest:
        if p != prompt:
            break
        views = lines.views(line)
        if views is None:
            continue
        common = views if common is None else common & views
    return common or set()


# -- rules -------------------------------------------------------------------------------


def _rules(observations: list[Observation], ranges: dict[str, list[tuple[int, int]]]) -> list[ViewRule]:
    """Rules that tell apart the views one command's lines open; the last has no condition
    and opens any view a rule opens (values never seen in the examples)."""
    if len({o.views for o in observations}) <= 1:
        return [ViewRule((), _voted(observations))]
    rules: list[ViewRule] = []
    for page_rule, by_page in _by_form(observations):
        for keyword_rule, group in _by_keywords(by_page):
            rules += _split_by_values(page_rule + keyword_rule, group, ranges)
    union = tuple(sorted({v for r in rules for v in r.views}))
    return [r for r in rules if r.when and r.views != union] + [ViewRule((), union)]


def _voted(observations: Iterable[Observation]) -> tuple[str, ...]:
    """The views every observation allows (lines typed at the new prompt that are documented
    in many views say little: the views all of them share are the one opened); when they
    share none, the views most voted for."""
    seen = [o.views for o in observations if o.views]
    common = frozenset.intersection(*seen) if seen else frozenset()
    if common:
        return tuple(sorted(common))
    votes = Counter(v for o in seen for v in o)
    if not votes:
        return ()
    top = max(votes.values())
    return tuple(sorted(v for v, n in votes.items() if n * _SHARE >= top))


def _by_form(observations: list[Observation]) -> list[tuple[tuple[Condition, ...], list[Observation]]]:
    """Observations grouped by the form their line resolved to: the values already chose it
    (``acl number 3001`` fits only the form of advanced ACL numbers, by its range)."""
    groups: dict[str, list[Observation]] = defaultdict(list)
    for o in observations:
        groups[o.page].append(o)
    if len(groups) == 1:
        return [((), observations)]
    return [((Condition("form", text=page),), group) for page, group in sorted(groups.items())]


def _by_keywords(observations: list[Observation]) -> list[tuple[tuple[Condition, ...], list[Observation]]]:
    """Observations grouped by the keywords their lines chose (most keywords first)."""
    groups: dict[tuple[str, ...], list[Observation]] = defaultdict(list)
    for o in observations:
        groups[tuple(sorted({k.lower() for k in o.binding.keywords}))].append(o)
    if len(groups) == 1:
        return [((), observations)]
    out = []
    for words, group in sorted(groups.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        out.append((tuple(Condition("keyword", text=w) for w in words), group))
    return out


def _split_by_values(
    when: tuple[Condition, ...], group: list[Observation], ranges: dict[str, list[tuple[int, int]]]
) -> list[ViewRule]:
    """Rules for one keyword group: by interface type, by integer range, else one rule."""
    if len({o.views for o in group}) > 1:
        interface = _split_interface(when, group)
        if interface:
            return interface
        for name in _argument_names(group):
            values = [o.binding.values.get(name) for o in group]
            if not all(isinstance(v, str) for v in values):
                continue
            texts = [str(v) for v in values]
            if len(ranges.get(name, [])) > 1 and all(t.isdecimal() and t.isascii() and len(t) < 12 for t in texts):
                split = _split_range(when, name, group, [int(t) for t in texts], ranges.get(name, []))
            else:
                continue
            if split:
                return split
    return [ViewRule(when, _voted(group))]


def _split_interface(when: tuple[Condition, ...], group: list[Observation]) -> list[ViewRule]:
    """Rules by the type of the interface a line names (``Nve1``, ``100GE 1/0/1``)."""
    texts = [interface_value(o.binding.values) for o in group]
    if not all(t and _NAMED_INTERFACE.match(t) for t in texts):
        return []
    return _split_prefix(when, INTERFACE, group, [str(t) for t in texts])


def _argument_names(group: list[Observation]) -> list[str]:
    names: dict[str, None] = {}
    for o in group:
        names.update(dict.fromkeys(o.binding.values))
    return list(names)


def _split_prefix(
    when: tuple[Condition, ...], name: str, group: list[Observation], texts: list[str]
) -> list[ViewRule]:
    by_type: dict[str, list[Observation]] = defaultdict(list)
    for o, t in zip(group, texts):
        by_type[interface_type(t)].append(o)
    if len(by_type) < 2 or len({_voted(obs) for obs in by_type.values()}) < 2:
        return []
    return [
        ViewRule(when + (Condition("prefix", name, kind),), _voted(obs))
        for kind, obs in sorted(by_type.items())
        if len(obs) >= _SUPPORT
    ]


def _split_range(
    when: tuple[Condition, ...],
    name: str,
    group: list[Observation],
    numbers: list[int],
    documented: list[tuple[int, int]],
) -> list[ViewRule]:
    """Runs of numbers that open the same views, as ranges (widened to a documented one)."""
    by_number: dict[int, list[Observation]] = defaultdict(list)
    for n, o in zip(numbers, group):
        by_number[n].append(o)
    voted = sorted((n, _voted(obs)) for n, obs in by_number.items())
    runs: list[tuple[int, int, tuple[str, ...]]] = []
    voted = [(n, v) for n, v in voted if len(by_number[n]) >= _SUPPORT]
    for n, views in voted:
        if runs and runs[-1][2] == views:
            runs[-1] = (runs[-1][0], n, views)
        else:
            runs.append((n, n, views))
    if len(runs) < 2 or any(set(a[2]) & set(b[2]) for i, a in enumerate(runs) for b in runs[i + 1 :]):
        return []  # ranges are only learned when they open views that exclude each other
    rules = []
    for low, high, views in runs:
        span = min((r for r in documented if r[0] <= low and high <= r[1]), key=lambda r: r[1] - r[0], default=None)
        if span is not None and not any(span[0] <= n <= span[1] for n, v in voted if v != views):
            low, high = span
        rules.append(ViewRule(when + (Condition("range", name, low=low, high=high),), views))
    return rules


def _documented_ranges(records: list[Record]) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """command -> argument -> the integer ranges its parameter text names."""
    out: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for name, row in argument_rows(record).items():
            text = f"{row.description} {row.value.text}"
            for a, b in _RANGE.findall(text):
                if len(a) < 12 and len(b) < 12 and int(a) <= int(b):
                    out[record.name][name].append((int(a), int(b)))
    return out


# -- evidence from the Function text -----------------------------------------------------


def _from_function(records: list[Record], known: dict[str, str]) -> dict[str, list[str]]:
    votes: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for m in _FUNCTION.finditer(r.function or ""):
            view = m.group(1).strip().lower()
            if view in known:
                votes[r.name].add(known[view])
    return {k: sorted(v) for k, v in votes.items()}
