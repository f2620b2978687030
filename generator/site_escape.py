"""Escaping for the site: every text that comes from a record passes through here.

A page is Markdown whose headings are Markdown and whose bodies are raw HTML blocks
(see ``site.py``), so a text lands in one of two places:

**HTML** (paragraphs, tables, code, lists). Templates named ``*.html.jinja`` are
autoescaped by Jinja (``& < > " '``); the values they print are plain strings cleaned
by :func:`clean` or :func:`one_line`. Python-Markdown passes a raw HTML block through
untouched, so escaped HTML stays text.

**Markdown and YAML** (page titles in front matter, headings, ``nav`` titles). One
rule for prose (:func:`text`): collapse whitespace, drop control characters, and
write as numeric character references (``<`` -> ``&#60;``, ``*`` -> ``&#42;``)

- everywhere: the characters that mean something to Markdown inline syntax, to HTML,
  to attribute lists or to a double-quoted YAML scalar: ``& < > " \\ ` * _ [ ] { } | ~ ^ = #``;
- at the start: any ASCII punctuation, and a number followed by ``.`` or ``)``, since
  text may begin a Markdown line (a paragraph, a list item, a heading) where ``-``,
  ``+``, ``>``, ``1.`` or ``:`` start a block construct.

Other characters (``( ) . ! : - '``) are inert once ``[`` and the start are escaped:
no link, list, heading, table cell, emphasis or raw HTML can form. A browser shows the
references as the characters written; a double-quoted YAML scalar holds them
unchanged. Material renders page and nav titles without escaping them, so titles
must be escaped text too, and they are: the same function.

Both kinds of template are guarded (``site._finalize``): a Markdown template prints
only :class:`Safe` values, an HTML template refuses them (they would be escaped twice).
"""

from __future__ import annotations

import re
import string

_ANYWHERE = {ord(c): f"&#{ord(c)};" for c in '&<>"\\`*_[]{}|~^=#'}
_PUNCTUATION = frozenset(string.punctuation)
_LIST_NUMBER = re.compile(r"\d+[.)]")

# C0/C1 controls (but tab, newline, carriage return, NEL), DEL, lone surrogates, and
# Python-Markdown's placeholder delimiters (STX/ETX are C0 controls).
_DROP = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_LINE_BREAK = re.compile(r"\r\n|[\r\x85\u2028\u2029\x0b\x0c]")
_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+\Z")


class Safe(str):
    """Text already escaped for a Markdown or YAML context."""


def clean(value: str) -> str:
    """``value`` with LF line ends and without control characters or lone surrogates."""
    return _DROP.sub("", _LINE_BREAK.sub("\n", value)).replace("\t", "    ")


def one_line(value: str) -> str:
    """``value`` cleaned, its whitespace collapsed to single spaces (for HTML templates)."""
    return " ".join(clean(value).split())


def text(value: str) -> Safe:
    """Prose on one line, inert in Markdown, HTML and double-quoted YAML."""
    flat = one_line(value)
    n = _block_start(flat)
    return Safe("".join(f"&#{ord(c)};" for c in flat[:n]) + flat[n:].translate(_ANYWHERE))


def _block_start(flat: str) -> int:
    """How many leading characters could start a Markdown block construct."""
    if flat[:1] in _PUNCTUATION:
        return 1
    number = _LIST_NUMBER.match(flat)
    return number.end() if number else 0


def code(value: str) -> str:
    """Literal text for a ``<pre>`` block: cleaned, trailing blank lines dropped."""
    return clean(value).strip("\n")


def safe_url(url: str) -> str | None:
    """``url`` when it is an http(s) URL made of plain URL characters, else None."""
    return url if _SAFE_URL.match(url) else None
