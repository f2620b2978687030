"""The Markdown report of a diff, for people.

Layout: a title naming both folders, the counts, then ``## Breaking changes`` and
``## Other changes`` (one ``###`` heading per command, one bullet per change), then
``## Commands added`` and ``## Commands removed``. Sections with nothing in them are left
out; a diff without changes says so.
"""

from __future__ import annotations

from .changes import KINDS, Change, Diff, Side

_WHOLE = ("command-added", "command-removed")


def render(diff: Diff) -> str:
    """The whole report, ending with a newline."""
    lines = [f"# Changes from {_code(diff.old.path)} to {_code(diff.new.path)}", ""]
    lines += _manuals(diff.old, diff.new)
    if not diff.changes:
        return "\n".join([*lines, "No changes.", ""])
    lines += _counts(diff)
    inner = [c for c in diff.changes if c.kind not in _WHOLE]
    lines += _section("Breaking changes", [c for c in inner if c.breaking])
    lines += _section("Other changes", [c for c in inner if not c.breaking])
    lines += _names("Commands added", diff.added, "")
    lines += _names("Commands removed", diff.removed, " (breaking: its lines are rejected)")
    return "\n".join(lines)


def _manuals(old: Side, new: Side) -> list[str]:
    """The manuals the two folders come from, when their records name them."""
    if not old.manuals and not new.manuals:
        return []
    named = ", ".join(old.manuals) or "unnamed", ", ".join(new.manuals) or "unnamed"
    return [f"Manuals: {named[0]} -> {named[1]}.", ""]


def _counts(diff: Diff) -> list[str]:
    """The counts, one bullet each."""
    s = diff.summary()
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
