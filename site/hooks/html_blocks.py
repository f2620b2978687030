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

Before Markdown runs, this hook swaps each run of consecutive blocks for one empty
placeholder element and keeps the blocks. When Markdown is done it puts the
``searchable`` blocks back, so that the search plugin indexes them, and leaves a
placeholder for each of the others (diagrams, usage guidelines, examples, source,
Python snippet), which it puts back in the finished page, after the search plugin ran.
MkDocs and Python-Markdown would otherwise parse every block's HTML twice more, and
the search plugin once more, only to pass it through unchanged.

Without this hook the pages are the same: Markdown passes the blocks through as raw
HTML, and the ``data-search-exclude`` marks keep the others out of the search index.
Text from the records cannot forge a marker or a placeholder: it is HTML-escaped, so
it holds no ``<``.

The hook also points every page's search at the site's ranking worker
(``assets/javascripts/workers/search-rank.js``, which runs Material's worker and puts a
command whose name is the query first); on a site of several manuals
(``extra: manuals:`` in mkdocs.yml, their folders) a page of one manual searches only
that manual. Without the hook, search ranks as Material does and covers every manual.
"""

from __future__ import annotations

import html
import re
from typing import Any

from mkdocs.structure.toc import AnchorLink

_BLOCK = re.compile(
    r"^<!-- html-block( searchable)? -->\n(.*?)\n<!-- /html-block -->\n", re.MULTILINE | re.DOTALL
)
_RUN = re.compile(r'<div data-html-run="(\d+)"></div>')
_EXCLUDED = re.compile(r'<(\w+)[^<>]* data-search-exclude="true"[^<>]*>.*?</\1>', re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")
_HEADING = re.compile(r"<h([2-6])>(.*?)</h\1>", re.DOTALL)
_NOT_ID = re.compile(r"[^a-z0-9]+")
_WORKER = re.compile(r'"(search)": "([^"]*assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)"')

_runs: dict[str, list[list[tuple[bool, str]]]] = {}  # page -> its runs of blocks (searchable?, HTML)
_pages: dict[str, tuple[str, str]] = {}  # page -> (what search reads, the page's content)


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Keep the page's blocks, leaving one placeholder per run of consecutive blocks."""
    runs: list[list[tuple[bool, str]]] = []
    out: list[str] = []
    end = 0
    for match in _BLOCK.finditer(markdown):
        between = markdown[end : match.start()]
        if runs and end and not between.strip():
            runs[-1].append((bool(match.group(1)), match.group(2)))
        else:
            out.append(between)
            out.append(f'<div data-html-run="{len(runs)}"></div>\n')
            runs.append([(bool(match.group(1)), match.group(2))])
        end = match.end()
    if not runs:
        return markdown
    out.append(markdown[end:])
    _runs[page.file.src_uri] = runs
    return "".join(out)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Put the blocks back; hand search the text of the searchable ones instead, when it indexes the page."""
    runs = _runs.pop(page.file.src_uri, None)
    if runs is None:
        return html
    content = headed(_RUN.sub(lambda m: "\n".join(block for _, block in runs[int(m.group(1))]), html), page)
    if (page.meta.get("search") or {}).get("exclude"):
        return content
    stand_in = _RUN.sub(lambda m: _words(runs[int(m.group(1))]), html)
    _pages[page.file.src_uri] = (stand_in, content)
    return stand_in


def _words(run: list[tuple[bool, str]]) -> str:
    """The text search should find in a run of blocks: its searchable blocks, tags and excluded parts dropped."""
    words = " ".join(_TAG.sub(" ", _EXCLUDED.sub("", block)) for searchable, block in run if searchable).split()
    return f"<p>{' '.join(words)}</p>" if words else ""


def headed(content: str, page: Any) -> str:
    """Give the HTML headings of the blocks ids and permalinks, and add them to the page's table of contents.

    Markdown would do the same for Markdown headings (``toc`` with ``permalink``); the
    pages write theirs as HTML so that Markdown has next to nothing to parse.
    """
    top = list(page.toc.items)
    taken = {item.id for item in top}
    stack: list[AnchorLink] = top[:1]

    def heading(match: re.Match[str]) -> str:
        level, inner = int(match.group(1)), match.group(2)
        base = _NOT_ID.sub("-", html.unescape(_TAG.sub("", inner)).lower()).strip("-") or "section"
        anchor, n = base, 0
        while anchor in taken:
            n += 1
            anchor = f"{base}_{n}"
        taken.add(anchor)
        link = AnchorLink(_TAG.sub("", inner).strip(), anchor, level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else page.toc.items).append(link)
        stack.append(link)
        permalink = f'<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a>'
        return f'<h{level} id="{anchor}">{inner}{permalink}</h{level}>'

    return _HEADING.sub(heading, content)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Put the page's content back in place of what search read; point its search at the ranking worker."""
    held = _pages.pop(page.file.src_uri, None)
    if held is not None:
        output = output.replace(held[0], held[1], 1)
    manuals = (config.get("extra") or {}).get("manuals") or []
    return _ranked(output, next((m for m in manuals if page.file.src_uri.startswith(m)), ""))


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    """Point the search of the pages built from templates alone (404.html) at the ranking worker."""
    return _ranked(output, "")


def _ranked(output: str, scope: str) -> str:
    """The page with its search worker replaced by the ranking one (searching ``scope`` only, if set)."""
    query = "&scope=" + scope if scope else ""
    return _WORKER.sub(lambda m: f'"{m[1]}": "{m[2]}search-rank.js?worker={m[3]}{query}"', output, count=1)
