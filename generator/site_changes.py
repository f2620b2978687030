"""The "What changed" page: the diff against the previous version, linking each command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import site_escape as esc
from . import site_views as views
from .site_plan import Area, href

if TYPE_CHECKING:
    from vrpcmds_differ import Change, Diff

PAGE = "changes.md"


def change_note(change: Change) -> str:
    """One change in a few words: kind, subject, old -> new, and whether it breaks."""
    text = change.kind.replace("-", " ")
    if change.subject:
        text += f" {change.subject}"
    if change.old is not None and change.new is not None:
        text += f" ({change.old} -> {change.new})"
    elif change.old is not None or change.new is not None:
        text += f" ({change.new if change.new is not None else change.old})"
    return text + (" [breaking]" if change.breaking else "")


def change_groups(diff: Diff, areas: list[Area], source: str = PAGE) -> list[views.Group]:
    """Breaking, other, added and removed commands, each linked (from page ``source``) to its page where it has one."""
    pages = {p.name: p for a in areas for p in a.pages}
    by_command = diff.by_command()

    def link(name: str, changes: list[Change]) -> views.Link:
        page = pages.get(name)
        note = "; ".join(change_note(c) for c in changes if c.kind not in ("command-added", "command-removed"))
        target = href(page.path, source) if page else ""
        return views.Link(esc.one_line(name), target, esc.one_line(note))

    changed = diff.changed
    breaking = [n for n in changed if any(c.breaking for c in by_command[n])]
    other = [n for n in changed if n not in breaking]
    groups = [
        ("Breaking changes", breaking),
        ("Other changes", other),
        ("Commands added", diff.added),
        ("Commands removed (breaking)", diff.removed),
    ]
    return [views.Group(title, [link(n, by_command[n]) for n in names]) for title, names in groups if names]


def change_intro(diff: Diff) -> str:
    s = diff.summary()
    return (
        f"Compared with {diff.old.path or 'the previous version'}: {s['commands_changed']} commands changed, "
        f"{s['commands_added']} added, {s['commands_removed']} removed; {s['breaking']} breaking changes."
    )
