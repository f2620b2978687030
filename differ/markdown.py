"""The Markdown report of a diff, for people.

Layout: a title naming both folders, the counts, then what breaks first: ``## Commands
removed`` and ``## Breaking changes`` (one ``###`` heading per command, one bullet per
change), then ``## Other changes`` and ``## Commands added``. Sections with nothing in them are left
out; a diff without changes says so.
"""

from __future__ import annotations

from .changes import KINDS, Change, ChangeKind, Side, named, summary

_WHOLE: tuple[ChangeKind, ...] = ("command-added", "command-removed")


def render(old: Side, new: Side, changes: list[Change]) -> str:
    """The whole report of the changes (sorted as a diff sorts them), ending with a newline."""
    lines = [f"# Changes from {_code(old.path)} to {_code(new.path)}", ""]
    lines += _manuals(old, new)
    if not changes:
        return "\n".join([*lines, "No changes.", ""])
    lines += _counts(changes)
    inner = [c for c in changes if c.kind not in _WHOLE]
    lines += _names(
        "Commands removed", named(changes, "command-removed"), " (breaking: its lines are rejected)"
    )
    lines += _section("Breaking changes", [c for c in inner if c.breaking])
    lines += _section("Other changes", [c for c in inner if not c.breaking])
    lines += _names("Commands added", named(changes, "command-added"), "")
    return "\n".join(lines)


def _manuals(old: Side, new: Side) -> list[str]:
    """The manuals the two folders come from, when their records name them."""
    if not old.manuals and not new.manuals:
        return []
    titles = ", ".join(old.manuals) or "unnamed", ", ".join(new.manuals) or "unnamed"
    return [f"Manuals: {titles[0]} -> {titles[1]}.", ""]


def _counts(changes: list[Change]) -> list[str]:
    """The counts, one bullet each."""
    s = summary(changes)
    return [
        f"- Breaking changes: {s['breaking']}",
        f"- All changes: {s['changes']}",
        f"- Commands added: {s['commands_added']}",
        f"- Commands removed: {s['commands_removed']}",
        f"- Commands changed: {s['commands_changed']}",
        "",
    ]


def _section(title: str, changes: list[Change]) -> list[str]:
    """A section of changes, a ``###`` heading per command."""
    if not changes:
        return []
    lines = [f"## {title}", ""]
    command = None
    for change in changes:
        if change.command != command:
            command = change.command
            lines += ([""] if lines[-1] else []) + [f"### {_code(command)}", ""]
        lines.append(bullet(change))
    return [*lines, ""]


def _names(title: str, names: list[str], note: str) -> list[str]:
    """A section listing command names."""
    if not names:
        return []
    return [f"## {title}", "", *(f"- {_code(n)}{note}" for n in names), ""]


def bullet(change: Change) -> str:
    """One change as a Markdown list item: what, on which parameter, old -> new, why."""
    text = f"- {KINDS[change.kind]}"
    if change.subject:
        text += f" {_code(change.subject)}"
    values = [_code(v) for v in (change.old, change.new) if v is not None]
    if values:
        text += ": " + " -> ".join(values)
    return text + (f" ({change.detail})" if change.detail else "")


def _code(text: str) -> str:
    """An inline code span holding ``text`` whatever backticks it contains."""
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
