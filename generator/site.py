"""Record records -> a MkDocs-Material project (``mkdocs build`` on it gives the site).

Layout of the output folder ``out``::

    mkdocs.yml                      theme, palette toggle, search, nav; builds into out/html
    hooks/html_blocks.py            MkDocs hook: the HTML blocks of pages skip Markdown (some skip search)
    docs/index.md                   home: what the site is, how to find a command, the bindings in use
    docs/views.md, docs/levels.md   commands by view and by default level
    docs/areas.md                   the feature areas, by category
    docs/commands/index.md          all commands, A to Z
    docs/commands/<area>/index.md   the commands of one feature area (or manual)
    docs/commands/<area>/<name>.md  one page per command identity
    docs/stylesheets/reference.css  the site's stylesheet, diagrams included (light and dark palettes)
    docs/assets/javascripts/workers/search-rank.js   the search worker: Material's, exact names first

**Pages are a Markdown title over blocks of HTML.** The bodies (prose, tables, code,
diagrams) and the headings are HTML written here by autoescaped templates, each between
``<!-- html-block -->`` marker lines; the home page keeps some Markdown prose. The
project's hook (``templates/site/html_blocks.py``) takes the blocks out before Markdown
runs and puts them back after it, the ones marked ``searchable`` before the search plugin
reads the page, the others (diagrams, usage guidelines, examples, source, Python snippet)
after. Headings get their ids and permalinks as they are written (``Headings``); they
and a command page's title, search boost and tags go in the page's first line, a JSON
comment the hook reads (``page_meta``), so MkDocs parses no YAML for them. The hook also
renders Material's navigation once per folder, the table of contents in Python
and the partials that read only the configuration once per build. Markdown's inline
parser, its table-of-contents extension, MkDocs' three HTML parsers of every page and
Material's per-page partials made up most of a build; without the hook the pages come
out the same, only slower and without tables of contents (see BENCHMARKS.md).

**Search** indexes a command's name (the page title and first heading), its function,
forms and parameters; the rest is marked ``data-search-exclude`` and index pages are
left out (``search: exclude``), so that a query lands on command pages and the index
stays small. Each page lists its keywords and argument names as ``tags``; title, tags
and text are weighted 10,000, 1,000 and 1 (``SEARCH_BOOSTS``), and a page's own boost
favours short names (``site_views.search_boost``). Words are split at hyphens too
(``SEARCH_SEPARATOR``): the query parser always does, so ``seq-num`` is searched as
``seq`` and ``num``, both found in the tags of the command that has the keyword.
Above those weights, the site's search worker (``templates/site/search-rank.js``, which
the hook starts in place of Material's) puts a command whose name is the query first,
then the names that start with it.

**Escaping**: see ``site_escape``. Templates named ``*.html.jinja`` are autoescaped
and refuse Markdown-escaped values; the others (Markdown, YAML) print only values
escaped by ``site_escape`` (the ``md`` filter). A record field cannot reach a page
without being escaped for the place it lands in.

Writes are atomic and deterministic (sorted, no timestamps, LF, trailing newline).
Files under ``out/docs`` that this run did not produce are deleted; ``out/html`` (the
built site) is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml
from vrpcmds_model.record import Record
from vrpcmds_model.store import swap_in, write_atomic

from . import site_changes
from . import site_escape as esc
from . import site_views as views
from .bindings import manuals as bindings_manuals
from .site_escape import Safe
from .site_plan import Area, ClassDoc, CommandPage, href, plan_pages, unique_slugs

if TYPE_CHECKING:
    from vrpcmds_differ import Diff

TEMPLATES = Path(__file__).parent / "templates" / "site"
SITE_NAME = "VRP command reference"
# Spaces, hyphens and punctuation, the HTML entities the search plugin writes, and a
# full stop not followed by a digit (so that 10.1.1.1 stays one word). Hyphens must
# split: the query parser (lunr's) always splits `seq-num` into `seq` and `num`.
SEARCH_SEPARATOR = r"""[\s\-,:;!?=()\[\]{}|<>"'/*]+|\.(?!\d)|&(?:[lg]t|amp|quot);"""
# Field weights of Material's search (its defaults: title 1e3, tags 1e6, text 1).
SEARCH_BOOSTS = {"title": 10_000, "tags": 1_000, "text": 1}
# The search worker every page starts (the hook points pages at it): Material's, re-ranked.
SEARCH_WORKER = "assets/javascripts/workers/search-rank.js"
AREAS_PAGE = "areas.md"
FEATURED = "ike heartbeat"  # the home page's example, when the site has it
FEATURED_EXAMPLE = """\
from vrpcmds import IkeHeartbeat

cmd = IkeHeartbeat(seq_num="new")
print(str(cmd))  # ike heartbeat seq-num new
cmd = IkeHeartbeat.parse("ike heartbeat seq-num new")  # and back"""


@dataclass(frozen=True)
class Manual:
    """One manual of a site: its records, their bindings classes and the changes since its previous version.

    ``label`` names the manual when its records do not (the schema folder, say).
    """

    records: list[Record]
    label: str = ""
    class_names: dict[str, str] | None = None
    classes: dict[str, ClassDoc] | None = None
    changes: Diff | None = None

    @property
    def title(self) -> str:
        """The manual as its records name it (``title (doc id)``), else its label."""
        found = bindings_manuals(self.records)
        first = found[0] if found else {"title": "", "doc_id": ""}
        if first["title"]:
            return first["title"] + (f" ({first['doc_id']})" if first["doc_id"] else "")
        return self.label or first["doc_id"] or "Command reference"


def write_site(
    commands: list[Record],
    out: Path,
    class_names: dict[str, str] | None = None,
    changes: Diff | None = None,
    classes: dict[str, ClassDoc] | None = None,
    label: str = "",
) -> list[Path]:
    """Write the MkDocs project for ``commands`` into ``out``; return every file it holds, sorted.

    ``class_names`` maps a command identity (``ike heartbeat``) to its bindings class
    (``IkeHeartbeat``); the bindings generator passes its own mapping so that the site
    and the package agree. Identities missing from it get a plain CamelCase of their
    words. ``changes`` (the diff against the previous version) adds a "What changed" page.
    ``classes`` (page id -> class and its arguments) lists each record's keyword arguments
    under "Python usage". ``label`` names the manual when the records do not.
    """
    return write_manuals([Manual(commands, label, class_names, classes, changes)], out)


def write_manuals(manuals: list[Manual], out: Path) -> list[Path]:
    """Write the MkDocs project of one or several manuals into ``out``; return every file it holds, sorted.

    One manual is laid out at the root of ``docs``. Several each get a folder of their
    own (the slug of their title), laid out the same way, a section of the navigation
    (the switch between them) and a search of their own pages; the home page lists them.
    ``docs`` is written beside the old one and swapped in whole (unchanged files are the
    same files), so an error or an interrupt leaves the previous pages as they were.
    """
    files = render_manuals(manuals)
    swap_in(out / "docs", {rel[len("docs/") :]: text for rel, text in files.items() if rel.startswith("docs/")})
    for rel, text in sorted(files.items()):
        if not rel.startswith("docs/"):
            write_atomic(out / rel, text)
    return sorted(out / rel for rel in files)


def render_manuals(manuals: list[Manual]) -> dict[str, str]:
    """Every file of the project of ``manuals``, by path relative to ``out``."""
    if len(manuals) == 1:
        only = manuals[0]
        areas = plan_pages(only.records, only.class_names, only.classes, manual=only.label)
        files = manual_files(areas, len(only.records), only.changes)
        return files | project_files(manual_nav(only.changes is not None), [])
    titles = [m.title for m in manuals]
    if len(set(titles)) != len(titles):
        raise ValueError(f"two manuals of the site have the same name: {titles}")
    roots = {t: f"{folder}/" for t, folder in unique_slugs(titles).items()}
    files = {}
    nav: list[Any] = [{"Home": "index.md"}]
    for manual, title in zip(manuals, titles):
        root = roots[title]
        areas = plan_pages(manual.records, manual.class_names, manual.classes, root, manual.title)
        files |= manual_files(areas, len(manual.records), manual.changes, root)
        nav.append({str(esc.text(title)): manual_nav(manual.changes is not None, root)})
    links = [views.Link(esc.one_line(t), href(f"{roots[t]}index.md", "index.md"), "") for t in titles]
    files["docs/index.md"] = listing(
        SITE_NAME, "Choose a manual: each has its own pages, indexes and search.", [views.Group("", links)]
    )
    return files | project_files(nav, sorted(roots.values()))


def project_files(nav: list[Any], scopes: list[str]) -> dict[str, str]:
    """The files every project has: mkdocs.yml (with ``nav``, and the manuals' folders), the hook, the assets."""
    extra = yaml.safe_dump({"extra": {"manuals": scopes}}, sort_keys=False).rstrip("\n") if scopes else ""
    return {
        "mkdocs.yml": render(
            "mkdocs.yml.jinja",
            site_name=esc.text(SITE_NAME),
            separator=Safe(_yaml_scalar(SEARCH_SEPARATOR)),
            boosts=SEARCH_BOOSTS,
            nav=Safe(yaml.safe_dump({"nav": nav}, sort_keys=False, allow_unicode=True, width=1000).rstrip("\n")),
            extra=Safe(extra),
        ),
        "hooks/html_blocks.py": (TEMPLATES / "html_blocks.py").read_text(encoding="utf-8"),
        f"docs/{SEARCH_WORKER}": (TEMPLATES / "search-rank.js").read_text(encoding="utf-8"),
        "docs/stylesheets/reference.css": (TEMPLATES / "reference.css").read_text(encoding="utf-8"),
    }


def manual_files(areas: list[Area], record_count: int, changes: Diff | None = None, root: str = "") -> dict[str, str]:
    """The pages of one manual, by path relative to ``out``, under ``docs/ROOT``."""
    pages = sum(len(a.pages) for a in areas)
    files = {
        f"docs/{root}index.md": render("index.md.jinja", **home_context(areas, record_count, root)),
        f"docs/{root}views.md": listing(
            "Commands by view",
            "Each view lists the commands documented as valid in it.",
            views.views_index(areas, f"{root}views.md"),
            columns=True,
        ),
        f"docs/{root}levels.md": listing(
            "Commands by level",
            "Each level lists the commands whose default command level it is.",
            views.levels_index(areas, f"{root}levels.md"),
            columns=True,
        ),
        f"docs/{root}{AREAS_PAGE}": listing(
            "Commands by feature area",
            "The feature areas of the manual, grouped by category.",
            views.categories(areas, f"{root}{AREAS_PAGE}"),
        ),
        f"docs/{root}commands/index.md": listing(
            "All commands",
            f"{views.plural(pages, 'command')}, from A to Z.",
            views.letters_index(areas, f"{root}commands/index.md"),
        ),
    }
    if changes is not None:
        files[f"docs/{root}{site_changes.PAGE}"] = listing(
            "What changed",
            site_changes.change_intro(changes),
            site_changes.change_groups(changes, areas, f"{root}{site_changes.PAGE}"),
        )
    for area in areas:
        files[f"docs/{area.path}"] = listing(
            area.title,
            f"{views.plural(len(area.pages), 'command')} in this feature area.",
            [views.Group("", [views.page_link(p, area.path) for p in area.pages])],
        )
        for page in area.pages:
            files[f"docs/{page.path}"] = render(
                "command.md.jinja", area=views.area_link(area, page.path), **views.command_view(page)
            )
    return files


@dataclass(frozen=True)
class HomeExample:
    link: views.Link
    form: views.Form


def home_context(areas: list[Area], record_count: int, root: str = "") -> dict[str, Any]:
    pages = [p for a in areas for p in a.pages]
    manuals = [_manual_line(m) for m in bindings_manuals([c for p in pages for c in p.records]) if m["title"]]
    featured = _featured(pages)
    return {
        "command_count": Safe(views.plural(len(pages), "command")),
        "record_count": Safe(views.plural(record_count, "page")),
        "python": views.python_markup(_home_python(featured)),
        "example": _home_example(featured, f"{root}index.md"),
        "manuals": [esc.one_line(m) for m in manuals],
        "categories": views.categories(areas, f"{root}index.md"),
        "columns": False,
    }


def _manual_line(manual: dict[str, str]) -> str:
    """``title (document id), N pages, the latest dated YYYY-MM-DD`` (provenance on the home page)."""
    line = manual["title"] + (f" ({manual['doc_id']})" if manual["doc_id"] else "")
    line += f", {views.plural(int(manual['pages']), 'page')}"
    return line + (f", the latest dated {manual['published']}" if manual["published"] else "")


def _featured(pages: list[CommandPage]) -> CommandPage | None:
    """The page the home page shows: the seed command, else the first with a parseable example line."""
    by_name = {p.name: p for p in pages}
    if FEATURED in by_name:
        return by_name[FEATURED]
    return next((p for p in sorted(pages, key=lambda p: p.name) if views.example_line(p.records)), None)


def _home_python(page: CommandPage | None) -> str:
    if page is None:
        return "import vrpcmds  # one class per command of the site"
    return FEATURED_EXAMPLE if page.name == FEATURED else views.python_usage(page)


def _home_example(page: CommandPage | None, source: str) -> HomeExample | None:
    form = next((views.form_view(f) for c in page.records for f in c.syntax), None) if page else None
    if page is None or form is None or form.svg is None:
        return None
    return HomeExample(views.page_link(page, source, note=False), form)


def listing(
    title: str,
    intro: str,
    groups: list[views.Group],
    columns: bool = False,
) -> str:
    """An index page: a title, one sentence, then groups of links (kept out of search)."""
    return render("listing.md.jinja", title=title, intro=intro, groups=groups, columns=columns)


def manual_nav(changes: bool = False, root: str = "") -> list[Any]:
    """The navigation of a manual: home, [what changed,] A to Z and the three indexes.

    Material renders the navigation into every page, so it stays as short as a plain
    site's: command pages and the pages of feature areas stay out of it (``not_in_nav``
    in mkdocs.yml) and are reached from the indexes, the home page and search; each
    command page links back to its area.
    """
    nav = [
        {"Home": f"{root}index.md"},
        {"All commands": f"{root}commands/index.md"},
        {"By feature area": f"{root}{AREAS_PAGE}"},
        {"By view": f"{root}views.md"},
        {"By level": f"{root}levels.md"},
    ]
    if changes:
        nav.insert(1, {"What changed": f"{root}{site_changes.PAGE}"})
    return nav


def _yaml_scalar(value: str) -> str:
    """A single-quoted YAML scalar (our own constants only)."""
    return "'" + value.replace("'", "''") + "'"


# --- templates ----------------------------------------------------------------------


@jinja2.pass_eval_context
def _finalize(eval_ctx: jinja2.nodes.EvalContext, value: object) -> object:
    """Refuse a value escaped for the wrong place.

    HTML templates (autoescaped) must get raw text, which Jinja escapes, or ``Markup``;
    a ``Safe`` value there would be escaped twice. Markdown and YAML templates print
    only ``Safe`` values (and numbers).
    """
    if eval_ctx.autoescape:
        if isinstance(value, Safe):
            raise TypeError(f"Markdown-escaped value reached an HTML template: {value!r:.80}")
        return value
    if isinstance(value, (Safe, int)) and not isinstance(value, bool):
        return value
    raise TypeError(f"unescaped value reached a site template: {value!r:.80}")


def _markdown_text(value: object) -> Safe:
    """The ``md`` filter: a record's text escaped for a Markdown heading or YAML title."""
    return value if isinstance(value, Safe) else esc.text(str(value))


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    undefined=jinja2.StrictUndefined,
    autoescape=lambda name: bool(name and name.endswith(".html.jinja")),
    finalize=_finalize,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_ENV.filters["md"] = _markdown_text


def render(template: str, **context: Any) -> str:
    """One template, with LF line ends and exactly one trailing newline.

    A page's HTML headings get their ids as the template writes them (``headings``); its
    ``meta`` and the table of contents they make go in the page's meta line, first in
    the page's Markdown (after front matter, if any), for the site's hook.
    """
    meta: dict[str, object] = context.pop("meta", None) or {}
    headings = views.Headings()
    text = _ENV.get_template(template).render(headings=headings, **context).rstrip("\n") + "\n"
    data = {**meta, **({"toc": headings.entries} if headings.entries else {})}
    if not data:
        return text
    line = f"<!-- page-meta {views.meta_json(data)} -->\n\n"
    end = text.index("\n---\n", 3) + len("\n---\n\n") if text.startswith("---\n") else 0
    return text[:end] + line + text[end:]
