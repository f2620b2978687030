"""MkDocs hook: the HTML blocks of a page skip Markdown, and some skip search too.

Written by `vrpcmds site`; do not edit (the next run overwrites it).

The pages are Markdown headings over blocks of finished HTML, each written between
two marker lines:

    <!-- html-block searchable -->
    <table>...the parameters...</table>
    <!-- /html-block -->

    <!-- html-block -->
    <div class="railroad" data-search-exclude="true"><svg ...>...</svg></div>
    <!-- /html-block -->

Before Markdown runs, this hook swaps each run of consecutive blocks for one placeholder
paragraph (``{{html-run-N}}``) and keeps the blocks, so that Markdown parses no HTML.
When Markdown is done it hands the search plugin the page with each run replaced by the
words of its ``searchable`` blocks, and puts the blocks themselves back in the finished
page after the search plugin ran. MkDocs and Python-Markdown would otherwise parse every
block's HTML twice more, and the search plugin once more, only to pass it through
unchanged.

Without this hook the pages are the same: Markdown passes the blocks through as raw
HTML, and the ``data-search-exclude`` marks keep the others out of the search index.
Text from the records cannot forge a marker or a placeholder: in the blocks it is
HTML-escaped, so it holds no ``<``, and the placeholders are never looked for there;
outside them (the page's title) it is written with character references, so it holds
no ``{``.

A command page starts with one line of JSON in a comment (``<!-- page-meta {...} -->``):
its title, search boost and tags, which the hook puts in the page's meta as front matter
would (MkDocs parses front matter as YAML, which cost a fifth of what the site's build
took beyond a plain one). Without the hook the line stays a comment; search then misses
the tags and boosts.

The hook also points every page's search at the site's ranking worker
(``assets/javascripts/workers/search-rank.js``, which runs Material's worker and puts a
command whose name is the query first); on a site of several manuals
(``extra: manuals:`` in mkdocs.yml, their folders) a page of one manual searches only
that manual. Without the hook, search ranks as Material does and covers every manual.

Two of Material's partials are rendered here rather than by their templates, with the
same markup. The navigation sidebar (``partials/nav.html``) of a page kept out of the
navigation, as command pages are, depends only on the links it shows, so it is rendered
once per set of relative links (once per folder depth) and reused; the pages in the
navigation get Material's own rendering. The table of contents (``partials/toc.html``,
one include per entry in Material) is written in Python from the page's entries.
The partials that read only the configuration (the search box, the palette toggle, the
back-to-top button) are rendered once per build. Material renders all of these the same
way on every page otherwise, only slower.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup, escape
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import url_filter

_OPEN, _SEARCHABLE, _CLOSE = "<!-- html-block", " searchable -->\n", "\n<!-- /html-block -->\n"
# A run's placeholder: a paragraph of its own, in braces, which record text cannot hold outside
# the blocks (escaped as character references there), so Markdown parses no HTML at all.
_RUN = re.compile(r"<p>\{\{html-run-(\d+)\}\}</p>")
_EXCLUDED = re.compile(r'<(\w+)[^<>]* data-search-exclude="true"[^<>]*>.*?</\1>', re.DOTALL)
_EXCLUDE = 'data-search-exclude="true"'
_TAG = re.compile(r"<[^<>]*>")
_WORKER = re.compile(r'"(search)": "([^"]*assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)"')

_NAV, _TOC = "partials/nav.html", "partials/toc.html"
_MATERIAL = "vrp-material"  # Material's own partials stay reachable under this prefix
# Partials that read only the configuration, rendered once: each is checked when the build
# starts (the variables its template reads must all be among _CONFIGURATION), else left to Material.
_ONCE = ("partials/search.html", "partials/palette.html", "partials/javascripts/palette.html", "partials/top.html")
_CONFIGURATION = frozenset({"config", "features", "lang"})

_META = "<!-- page-meta "  # a command page's first line: its title, search boost and tags, in JSON

_tocs: dict[str, list[list[Any]]] = {}  # page -> its headings, from its meta line
_runs: dict[str, list[list[tuple[bool, str]]]] = {}  # page -> its runs of blocks (searchable?, HTML)
_pages: dict[str, str] = {}  # page -> its content, while search reads a stand-in


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Read the page's meta line; keep the page's blocks, leaving one placeholder per run of consecutive blocks."""
    if markdown.startswith(_META):
        line, _, rest = markdown.partition("\n")
        if line.endswith(" -->"):
            meta = json.loads(line[len(_META) : -len(" -->")])
            _tocs[page.file.src_uri] = meta.pop("toc", [])
            page.meta.update(meta)
            markdown = rest.lstrip("\n")
    runs: list[list[tuple[bool, str]]] = []
    out: list[str] = []
    end = 0
    for start, stop, block in _blocks(markdown):
        between = markdown[end:start]
        if runs and end and not between.strip():
            runs[-1].append(block)
        else:
            out.append(between)
            out.append(f"\n\n{{{{html-run-{len(runs)}}}}}\n\n")
            runs.append([block])
        end = stop
    if not runs:
        return markdown
    out.append(markdown[end:])
    _runs[page.file.src_uri] = runs
    return "".join(out)


def _blocks(markdown: str) -> Any:
    """Each block's start, end and (searchable?, HTML): a marker line, the HTML, the end marker line."""
    start = markdown.find(_OPEN)
    while start >= 0:
        head = markdown.find("\n", start) + 1
        marker = markdown[start:head]
        close = markdown.find(_CLOSE, head)
        at_line_start = start == 0 or markdown[start - 1] == "\n"
        if head and close >= 0 and at_line_start and marker in (_OPEN + " -->\n", _OPEN + _SEARCHABLE):
            yield start, close + len(_CLOSE), (marker.endswith(_SEARCHABLE), markdown[head:close])
            start = markdown.find(_OPEN, close + len(_CLOSE))
        else:
            start = markdown.find(_OPEN, start + 1)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Put the blocks back; hand search the text of the searchable ones instead, when it indexes the page."""
    runs = _runs.pop(page.file.src_uri, None)
    if runs is None:
        return html
    contents(page, _tocs.pop(page.file.src_uri, []))
    pieces = _RUN.split(html)  # Markdown's HTML, a run's number, Markdown's HTML, ...
    content = "".join(
        piece if i % 2 == 0 else "\n".join(block for _, block in runs[int(piece)]) for i, piece in enumerate(pieces)
    )
    if (page.meta.get("search") or {}).get("exclude"):
        return content
    stand_in = "".join(piece if i % 2 == 0 else _words(runs[int(piece)]) for i, piece in enumerate(pieces))
    _pages[page.file.src_uri] = content
    return stand_in


def _words(run: list[tuple[bool, str]]) -> str:
    """The text search should find in a run of blocks: its searchable blocks, tags and excluded parts dropped."""
    words = " ".join(
        _TAG.sub(" ", _EXCLUDED.sub("", block) if _EXCLUDE in block else block)
        for searchable, block in run
        if searchable
    ).split()
    return f"<p>{' '.join(words)}</p>" if words else ""


def contents(page: Any, entries: list[list[Any]]) -> None:
    """Add the page's HTML headings ([level, id, title as HTML], from its meta line) to its table of contents.

    Markdown lists Markdown headings there (MkDocs always runs its ``toc`` extension);
    the pages write theirs as HTML, with ids and permalinks, so that Markdown has next to
    nothing to parse.
    """
    stack: list[AnchorLink] = list(page.toc.items)[:1]  # the page's title (Markdown's) holds them
    for level, anchor, title in entries:
        link = AnchorLink(title, anchor, level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else page.toc.items).append(link)
        stack.append(link)


def on_page_context(context: Any, page: Any, **kwargs: Any) -> Any:
    """Put the page's content back in place of what search read (the search plugin ran before the hook)."""
    content = _pages.pop(page.file.src_uri, None)
    if content is not None:
        page.content = content
    return context


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Point the page's search at the ranking worker."""
    manuals = (config.get("extra") or {}).get("manuals") or []
    return _ranked(output, next((m for m in manuals if page.file.src_uri.startswith(m)), ""))


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    """Point the search of the pages built from templates alone (404.html) at the ranking worker."""
    return _ranked(output, "")


def _ranked(output: str, scope: str) -> str:
    """The page with its search worker replaced by the ranking one (searching ``scope`` only, if set)."""
    query = "&scope=" + scope if scope else ""
    found = _WORKER.match(output, max(output.find('"search": "'), 0)) or _WORKER.search(output)
    if found is None:
        return output
    worker = f'"{found[1]}": "{found[2]}search-rank.js?worker={found[3]}{query}"'
    return output[: found.start()] + worker + output[found.end() :]


def on_env(env: jinja2.Environment, config: Any, files: Any, **kwargs: Any) -> jinja2.Environment:
    """Render the navigation once per set of links and the table of contents in Python (see above)."""
    original = env.loader
    assert original is not None
    once = [name for name in _ONCE if _reads_configuration_only(env, name)]
    overrides = jinja2.DictLoader(
        {_NAV: "{{ vrp_nav() }}", _TOC: "{{ vrp_toc() }}"} | {name: f"{{{{ vrp_once({name!r}) }}}}" for name in once}
    )
    env.loader = jinja2.ChoiceLoader([overrides, jinja2.PrefixLoader({_MATERIAL: original}), original])
    navs: dict[tuple[object, ...], Markup] = {}  # the links, relative to the page -> the navigation
    folders: dict[str, Markup] = {}  # a page's folder -> the navigation of its pages outside it
    known: dict[int, tuple[set[int], list[str]]] = {}  # the navigation -> its pages (ids) and links

    @jinja2.pass_context
    def vrp_nav(context: Any) -> Markup:
        def material() -> Markup:
            return Markup(context.environment.get_template(f"{_MATERIAL}/{_NAV}").render(context.get_all()))

        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None:
            return material()
        if id(nav) not in known:
            items = list(_items(nav.items))
            known[id(nav)] = {id(item) for item in items}, [i.url for i in items if getattr(i, "url", None)]
        pages, urls = known[id(nav)]
        if id(page) in pages or page.parent is not None:  # a page in the navigation is marked in it
            return material()
        # Relative links depend on the page's folder only, unless one leads below the page itself.
        folder = page.url.rstrip("/").rpartition("/")[0]
        if page.url and any(url.startswith(page.url) for url in urls):
            folder = page.url
        if folder not in folders:
            links = tuple(url_filter(context, url) for url in urls)
            key = (context.get("base_url"), links)
            if key not in navs:
                navs[key] = material()
            folders[folder] = navs[key]
        return folders[folder]

    titles: list[str] = []

    @jinja2.pass_context
    def vrp_toc(context: Any) -> Markup:
        page = context.get("page")
        if page is None:
            return Markup(context.environment.get_template(f"{_MATERIAL}/{_TOC}").render(context.get_all()))
        if not titles:  # the configuration's and the language's: the same on every page
            titles.append(_toc_title(context))
        return _toc(page, titles[0])

    rendered: dict[str, Markup] = {}

    @jinja2.pass_context
    def vrp_once(context: Any, name: str) -> Markup:
        if name not in rendered:
            rendered[name] = Markup(context.environment.get_template(f"{_MATERIAL}/{name}").render(context.get_all()))
        return rendered[name]

    env.globals["vrp_once"] = vrp_once
    env.globals["vrp_nav"] = vrp_nav
    env.globals["vrp_toc"] = vrp_toc
    return env


def _reads_configuration_only(env: jinja2.Environment, name: str) -> bool:
    """True when the template ``name`` reads nothing but the configuration (and what Material derives from it)."""
    try:
        assert env.loader is not None
        source = env.loader.get_source(env, name)[0]
        return jinja2.meta.find_undeclared_variables(env.parse(source)) <= _CONFIGURATION
    except jinja2.TemplateError:
        return False


def _items(items: list[Any]) -> Any:
    """Every item of the navigation, sections' children included."""
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or [])


def _toc_title(context: Any) -> str:
    """The heading Material gives the table of contents: the ``toc`` extension's title, else the language's."""
    toc = context["config"].mdx_configs.get("toc") or {}
    return str(toc.get("title") or context["lang"].t("toc"))


def _toc(page: Any, title: str) -> Markup:
    """The table of contents as Material's ``partials/toc.html`` and ``toc-item.html`` write it."""
    items = list(page.toc)
    if items and items[0].level == 1:
        items = items[0].children
    out = [f'<nav class="md-nav md-nav--secondary" aria-label="{escape(title)}">']
    if items:
        out.append(f'<label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>{title}</label>')
        out.append('<ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>')
        out.extend(_toc_item(item) for item in items)
        out.append("</ul>")
    out.append("</nav>")
    return Markup("".join(out))


def _toc_item(item: Any) -> str:
    typeset = getattr(item, "typeset", None)
    title = f'<span class="md-typeset">{typeset.title}</span>' if typeset else item.title
    out = [f'<li class="md-nav__item"><a href="{item.url}" class="md-nav__link"><span class="md-ellipsis">{title}</span></a>']
    if item.children:
        out.append(f'<nav class="md-nav" aria-label="{escape(Markup(item.title).striptags())}"><ul class="md-nav__list">')
        out.extend(_toc_item(child) for child in item.children)
        out.append("</ul></nav>")
    out.append("</li>")
    return "".join(out)
