"""Escaping for the site: every text that comes from a record passes through here.

One rule for prose (:func:`text`): collapse whitespace, drop control characters, and
write as numeric character references (``<`` -> ``&#60;``, ``*`` -> ``&#42;``)

- everywhere: the characters that mean something to Markdown inline syntax, to HTML or
  to a double-quoted YAML scalar: ``& < > " \\ ` * _ [ ] { } | ~ ^ = #``;
- at the start: any ASCII punctuation, and a number followed by ``.`` or ``)``, since
  text may begin a Markdown line (a paragraph, a list item, a heading) where ``-``,
  ``+``, ``>``, ``1.`` or ``:`` start a block construct.

Other characters (``( ) . ! : - '``) are inert once ``[`` and the start are escaped:
no link, list, heading, table cell, emphasis or raw HTML can form. A browser shows the
references as the characters written; a double-quoted YAML scalar (page front matter,
``nav`` titles) holds them unchanged. Material renders page and nav titles without
escaping them, so titles must be escaped text too, and they are: the same function.

Literal text (syntax forms, example lines, code) goes into fenced code blocks
(:func:`code_block`) whose fence is longer than any run of backticks in the text, so
the text can never close the block; Markdown HTML-escapes the content of code blocks.

Every function returns :class:`Safe`; the template environment refuses to print any
value that is not ``Safe`` (or a number), so a record field cannot reach a page
without passing through this module.
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
_BACKTICKS = re.compile(r"`+")


class Safe(str):
    """Text already escaped for the place it is written to (Markdown, HTML, YAML)."""


def clean(value: str) -> str:
    """``value`` with LF line ends and without control characters or lone surrogates."""
    return _DROP.sub("", _LINE_BREAK.sub("\n", value)).replace("\t", "    ")


def text(value: str) -> Safe:
    """Prose on one line, inert in Markdown, HTML and double-quoted YAML."""
    flat = " ".join(clean(value).split())
    n = _block_start(flat)
    return Safe("".join(f"&#{ord(c)};" for c in flat[:n]) + flat[n:].translate(_ANYWHERE))


def _block_start(flat: str) -> int:
    """How many leading characters could start a Markdown block construct."""
    if flat[:1] in _PUNCTUATION:
        return 1
    number = _LIST_NUMBER.match(flat)
    return number.end() if number else 0


def paragraphs(value: str) -> list[Safe]:
    """Prose split at its line breaks, one escaped paragraph per non-blank line."""
    return [text(line) for line in clean(value).split("\n") if line.strip()]


def code_block(value: str, lang: str = "text") -> Safe:
    """A fenced code block showing ``value`` verbatim (its lines as given)."""
    body = clean(value).rstrip("\n")
    longest = max((len(run) for run in _BACKTICKS.findall(body)), default=0)
    fence = "`" * max(3, longest + 1)
    return Safe(f"{fence}{lang}\n{body}\n{fence}")


_SAFE_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$&*+,;=%-]+\Z")


def link(url: str, label: str | None = None) -> Safe:
    """An HTML link for an http(s) URL made of plain URL characters, else the URL as text."""
    if not _SAFE_URL.match(url):
        return text(url)
    return Safe(f'<a href="{url.replace("&", "&amp;")}">{text(label or url)}</a>')
