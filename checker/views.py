"""Which command opens which view, derived from the schema.

Evidence, strongest first:
1. a hand-written override file (``_views.override.yaml`` in the schema folder:
   ``opens: {command: [view, ...]}``);
2. the Function text: "... and displays the BGP view", "enters the VLAN view";
3. the examples: when the prompt changes after a command (``[~HUAWEI] bgp 100`` then
   ``[*HUAWEI-bgp]``), the commands typed at the new prompt run in the view it opened; the
   views they all allow are that view.

A command with no evidence opens no known view: lines nested under it get "view unknown"
rather than a guess.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from vrpcmds_model.record import Record
from vrpcmds_model.store import write_atomic

if TYPE_CHECKING:
    from .grammar import Grammar

_FUNCTION = re.compile(
    r"\b(?:displays?|enters?|opens?|goes to|switch(?:es)? to)\s+(?:the\s+)?([A-Za-z0-9][\w./-]*(?:\s+[\w./-]+){0,5}?\s+view)\b",
    re.IGNORECASE,
)
SYSTEM_VIEW = "System view"
USER_VIEW = "User view"
MAP_FILE = "_views.yaml"
OVERRIDE_FILE = "_views.override.yaml"
# A view voted for by fewer than 1/_SHARE as many example prompts as the opener's most
# voted view is noise (a command that happens to be allowed there too).
_SHARE = 20


@dataclass
class ViewMap:
    """command identity -> the views it opens, with where each came from."""

    opens: dict[str, list[str]] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=dict)  # command -> override, function or examples

    def opened_by(self, command: str) -> list[str]:
        return self.opens.get(command, [])

    def to_yaml(self) -> str:
        data = {
            "description": (
                "Views opened by commands, derived from the schema by vrpcmds. "
                "Override entries in _views.override.yaml (opens: {command: [view, ...]})."
            ),
            "opens": {k: {"views": v, "from": self.source[k]} for k, v in sorted(self.opens.items())},
        }
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    def write(self, schema: Path) -> Path:
        path = schema / MAP_FILE
        write_atomic(path, self.to_yaml())
        return path


_PROMPT = re.compile(r"^[<\[][~*]?(?P<host>[^\]>-]+)(?:-(?P<suffix>[^\]>]*))?[\]>]$")


def _prompt_key(prompt: str) -> str:
    """The part of a prompt that names the view (``[~HUAWEI-bgp]`` -> ``bgp``; ``<H>`` -> user)."""
    m = _PROMPT.match(prompt.strip())
    if not m:
        return prompt
    if prompt.startswith("<"):
        return "<user>"
    return m.group("suffix") or "<system>"


def _from_function(records: list[Record]) -> dict[str, Counter[str]]:
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        for m in _FUNCTION.finditer(r.function or ""):
            view = m.group(1).strip()
            votes[r.name][view[0].upper() + view[1:]] += 1
    return votes


def _from_examples(records: list[Record], grammar: Grammar) -> dict[str, Counter[str]]:
    """Votes: command -> views allowed by every command typed at the prompt it led to."""
    from .check import identify

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in records:
        for example in r.examples:
            typed = [(c.prompt, c.command) for c in example.commands if c.prompt]
            for k, (prompt, line) in enumerate(typed[:-1]):
                new = typed[k + 1][0]
                if _prompt_key(new) == _prompt_key(prompt) or _prompt_key(new) in ("<user>", "<system>"):
                    continue
                opener = identify(grammar, line)
                if opener is None:
                    continue
                allowed = _views_at(typed[k + 1 :], new, grammar)
                for view in allowed:
                    votes[opener.command][view] += 1
    return votes


def _views_at(rest: list[tuple[str, str]], prompt: str, grammar: Grammar) -> set[str]:
    """Views that every command typed at ``prompt`` (until it changes) is documented in."""
    from .check import identify

    common: set[str] | None = None
    for p, line in rest:
        if p != prompt:
            break
        entry = identify(grammar, line)
        if entry is None:
            continue
        views = set(entry.record.views)
        common = views if common is None else common & views
    return common or set()


def derive_views(records: list[Record], grammar: Grammar, override: Path | None) -> ViewMap:
    vm = ViewMap()
    vm.opens["system-view"] = [SYSTEM_VIEW]
    vm.source["system-view"] = "built-in"
    for command, votes in _from_examples(records, grammar).items():
        top = max(votes.values())
        vm.opens[command] = sorted(v for v, n in votes.items() if n * _SHARE >= top)
        vm.source[command] = "examples"
    known = {v.lower(): v for r in records for v in r.views}
    for command, votes in _from_function(records).items():
        named = sorted({known[v.lower()] for v in votes if v.lower() in known})
        if named and command not in vm.opens:
            vm.opens[command] = named
            vm.source[command] = "function"
    if override is not None:
        data = yaml.safe_load(override.read_text(encoding="utf-8")) or {}
        for command, views in (data.get("opens") or {}).items():
            vm.opens[str(command)] = [str(v) for v in (views if isinstance(views, list) else [views])]
            vm.source[str(command)] = "override"
    return vm
