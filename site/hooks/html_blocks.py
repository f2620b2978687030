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

import re
from typing import Any

_BLOCK = re.compile(
    r"^<!-- html-block( searchable)? -->\n(.*?)\n<!-- /html-block -->\n", re.MULTILINE | re.DOTALL
)
_RUN = re.compile(r'<div data-html-run="(\d+)"></div>')
_LATE = re.compile(r'<div data-html-late="(\d+)"></div>')
_WORKER = re.compile(r'"(search)": "([^"]*assets/javascripts/workers/)(search\.[0-9a-f]+\.min\.js)"')

_held: dict[str, tuple[list[list[tuple[bool, str]]], list[str]]] = {}  # page -> (runs, late blocks)


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
    _held[page.file.src_uri] = (runs, [])
    return "".join(out)


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Put the searchable blocks back, and a placeholder for each other one, before search reads the page."""
    held = _held.get(page.file.src_uri)
    if held is None:
        return html
    runs, late = held

    def run(match: re.Match[str]) -> str:
        parts = []
        for searchable, block in runs[int(match.group(1))]:
            if searchable:
                parts.append(block)
            else:
                parts.append(f'<div data-html-late="{len(late)}"></div>')
                late.append(block)
        return "\n".join(parts)

    return _RUN.sub(run, html)


def on_post_page(output: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Put the other blocks back into the finished page; point its search at the ranking worker."""
    held = _held.pop(page.file.src_uri, None)
    if held is not None:
        late = held[1]
        output = _LATE.sub(lambda m: late[int(m.group(1))], output)
    manuals = (config.get("extra") or {}).get("manuals") or []
    return _ranked(output, next((m for m in manuals if page.file.src_uri.startswith(m)), ""))


def on_post_template(output: str, template_name: str, **kwargs: Any) -> str:
    """Point the search of the pages built from templates alone (404.html) at the ranking worker."""
    return _ranked(output, "")


def _ranked(output: str, scope: str) -> str:
    """The page with its search worker replaced by the ranking one (searching ``scope`` only, if set)."""
    query = "&scope=" + scope if scope else ""
    return _WORKER.sub(lambda m: f'"{m[1]}": "{m[2]}search-rank.js?worker={m[3]}{query}"', output, count=1)
