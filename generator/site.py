"""Command records -> a MkDocs-Material project (``mkdocs build`` on it gives the site).

Layout of the output folder ``out``::

    mkdocs.yml                      theme, palette toggle, search, nav; builds into out/html
    docs/index.md                   home: what the site is, the bindings in use
    docs/views.md, docs/levels.md   commands by view and by default level
    docs/commands/index.md          all commands, A to Z
    docs/commands/<area>/index.md   the commands of one feature area (or manual)
    docs/commands/<area>/<name>.md  one page per command identity
    docs/stylesheets/railroad.css   the diagrams' stylesheet (light and dark palettes)

Escaping: see ``site_escape``. The template environment prints only ``Safe`` values,
so every record field is escaped before it reaches a page.

Writes are atomic and deterministic (sorted, no timestamps, LF, trailing newline).
Files under ``out/docs`` that this run did not produce are deleted; ``out/html`` (the
built site) is never touched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import jinja2
import yaml
from vrpcmds_model.record import Command
from vrpcmds_model.store import write_atomic

from . import site_escape as esc
from . import site_views as views
from .site_escape import Safe
from .site_plan import Area, plan_pages

TEMPLATES = Path(__file__).parent / "templates" / "site"
SITE_NAME = "VRP command reference"
HOME_EXAMPLE = """\
from vrpcmds import IkeHeartbeat

cmd = IkeHeartbeat(seq_num="new")
print(str(cmd))  # ike heartbeat seq-num new
cmd = IkeHeartbeat.parse("ike heartbeat seq-num new")  # the same command, read back"""


def write_site(commands: list[Command], out: Path, class_names: dict[str, str] | None = None) -> list[Path]:
    """Write the MkDocs project for ``commands`` into ``out``; return every file it holds, sorted.

    ``class_names`` maps a command identity (``ike heartbeat``) to its bindings class
    (``IkeHeartbeat``); the bindings generator passes its own mapping so that the site
    and the package agree. Identities missing from it get a plain CamelCase of their
    words.
    """
    areas = plan_pages(commands, class_names)
    files = render_site(areas, len(commands))
    written = []
    for rel, text in sorted(files.items()):
        path = out / rel
        write_atomic(path, text)
        written.append(path)
    remove_stale(out / "docs", {out / rel for rel in files})
    return written


def render_site(areas: list[Area], record_count: int) -> dict[str, str]:
    """Every file of the project, by path relative to ``out``."""
    files = {
        "mkdocs.yml": render("mkdocs.yml.jinja", site_name=Safe(SITE_NAME), nav=nav_yaml(areas)),
        "docs/stylesheets/railroad.css": (TEMPLATES / "railroad.css").read_text(encoding="utf-8"),
        "docs/index.md": render("index.md.jinja", **home_context(areas, record_count)),
        "docs/views.md": render_grouped("views.md", "Commands by view", views.views_index(areas, "views.md")),
        "docs/levels.md": render_grouped(
            "levels.md", "Commands by level", views.levels_index(areas, "levels.md")
        ),
        "docs/commands/index.md": render(
            "commands.md.jinja",
            count=views.plural(sum(len(a.pages) for a in areas), "command"),
            areas=[views.area_link(a, "commands/index.md") for a in areas],
            links=views.all_pages(areas, "commands/index.md"),
        ),
    }
    for area in areas:
        files[f"docs/{area.path}"] = render(
            "area.md.jinja",
            title=esc.text(area.title),
            count=views.plural(len(area.pages), "command"),
            links=[views.page_link(p, area.path) for p in area.pages],
        )
        for page in area.pages:
            files[f"docs/{page.path}"] = render(
                "command.md.jinja",
                class_name=esc.text(page.class_name),
                area=views.area_link(area, page.path),
                **views.command_view(page),
            )
    return files


def home_context(areas: list[Area], record_count: int) -> dict[str, Any]:
    manuals = sorted({c.source.manual for a in areas for p in a.pages for c in p.records if c.source.manual})
    return {
        "command_count": views.plural(sum(len(a.pages) for a in areas), "command"),
        "record_count": views.plural(record_count, "page"),
        "python": esc.code_block(HOME_EXAMPLE, "python"),
        "manuals": [esc.text(m) for m in manuals],
        "areas": [views.area_link(a, "index.md") for a in areas],
    }


def render_grouped(source: str, title: str, groups: list[views.Group]) -> str:
    intro = {
        "views.md": "Each view lists the commands documented as valid in it.",
        "levels.md": "Each level lists the commands whose default command level it is.",
    }[source]
    return render("grouped.md.jinja", title=esc.text(title), intro=esc.text(intro), groups=groups)


def nav_yaml(areas: list[Area]) -> Safe:
    """The ``nav`` section: home, the two indexes, all commands, then one entry per area.

    Command pages stay out of the nav (``not_in_nav`` in mkdocs.yml): Material repeats
    the open nav section on every page, and an area of a full manual holds hundreds of
    commands. Each command page links back to its area instead.
    """
    sections: list[Any] = ["commands/index.md"]
    sections += [{str(esc.text(area.title)): area.path} for area in areas]
    nav = [{"Home": "index.md"}, {"By view": "views.md"}, {"By level": "levels.md"}, {"Commands": sections}]
    return Safe(yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000).rstrip("\n"))


def _only_safe(value: object) -> object:
    """Template finalizer: refuse any printed value that was not escaped by site_escape."""
    if isinstance(value, (Safe, int)) and not isinstance(value, bool):
        return value
    raise TypeError(f"unescaped value reached a site template: {value!r:.80}")


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    undefined=jinja2.StrictUndefined,
    autoescape=False,  # the output is Markdown/YAML: values are escaped by site_escape instead
    finalize=_only_safe,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, **context: Any) -> str:
    """One template, with LF line ends and exactly one trailing newline."""
    return _ENV.get_template(template).render(**context).rstrip("\n") + "\n"


def remove_stale(docs: Path, keep: set[Path]) -> list[Path]:
    """Delete files under ``docs`` not in ``keep``, then folders left empty; return what was deleted."""
    removed: list[Path] = []
    if not docs.is_dir():
        return removed
    for root, dirs, names in os.walk(docs, topdown=False):
        here = Path(root)
        for name in sorted(names):
            path = here / name
            if path not in keep:
                path.unlink()
                removed.append(path)
        for name in dirs:
            sub = here / name
            if sub.is_symlink():
                sub.unlink()
                removed.append(sub)
            elif sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
    return removed
