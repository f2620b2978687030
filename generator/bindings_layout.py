"""Python source laid out the way ruff formats it, so generated code needs no formatter.

The generator writes its own layout and the tests check it with ``ruff format --check``
(line length 110, the project's setting): expressions are written on one line when
they fit and otherwise split one element per line with a trailing comma, outermost
brackets first; strings use double quotes unless that needs more escapes.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import lru_cache

LINE_LENGTH = 110


@lru_cache(maxsize=65536)
def string_literal(text: str) -> str:
    """A Python string literal of ``text`` with ruff's preferred quotes; checked to read back
    (each distinct text once: views and keywords repeat across thousands of classes)."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif not ch.isprintable():
            out.append(repr(ch)[1:-1])
        else:
            out.append(ch)
    literal = quote + "".join(out) + quote
    if ast.literal_eval(literal) != text:  # pragma: no cover - every character is escaped above
        raise ValueError(f"cannot write {text!r} as a literal")
    return literal


def literal(value: object) -> str:
    """A literal for a str, int, bool, None or tuple of them (tuples flat, for short values)."""
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if value is None or isinstance(value, bool | int):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")  # pragma: no cover


@dataclass(frozen=True)
class Call:
    """``head(item, item, ...)``: a call, tuple (``head`` empty), subscript (``[``) or list."""

    head: str
    items: tuple[Expr, ...]
    open: str = "("
    close: str = ")"
    one_tuple: bool = False  # a tuple of one element: the comma is part of the syntax

    def flat(self) -> str:
        inner = ", ".join(flat(i) for i in self.items)
        if self.one_tuple:
            inner += ","
        return f"{self.head}{self.open}{inner}{self.close}"


@dataclass(frozen=True)
class Keyword:
    """``name=value`` inside a call."""

    name: str
    value: Expr


Expr = str | Call | Keyword


def tuple_of(items: list[Expr]) -> Call:
    return Call("", tuple(items), one_tuple=len(items) == 1)


def call(head: str, *items: Expr, **keywords: Expr) -> Call:
    return Call(head, tuple(items) + tuple(Keyword(k, v) for k, v in keywords.items()))


def flat(e: Expr) -> str:
    if isinstance(e, str):
        return e
    if isinstance(e, Keyword):
        return f"{e.name}={flat(e.value)}"
    return e.flat()


def lay_out(e: Expr, indent: int, prefix: str = "", suffix: str = "") -> list[str]:
    """Lines of ``prefix + e + suffix`` at ``indent``: one line if it fits, else split."""
    pad = " " * indent
    line = pad + prefix + flat(e) + suffix
    if len(line) <= LINE_LENGTH or isinstance(e, str) or (isinstance(e, Call) and not e.items):
        return [line]
    if isinstance(e, Keyword):
        return lay_out(e.value, indent, prefix + e.name + "=", suffix)
    lines = [pad + prefix + e.head + e.open]
    for item in e.items:
        lines += lay_out(item, indent + 4, "", ",")
    lines.append(pad + e.close + suffix)
    return lines


def assignment(target: str, value: Expr, indent: int) -> list[str]:
    """``target = value``; a string too long for the line is parenthesized (after an
    annotation always, otherwise when that makes it fit)."""
    pad = " " * indent
    line = f"{pad}{target} = {flat(value)}"
    if len(line) <= LINE_LENGTH or not isinstance(value, str):
        return lay_out(value, indent, f"{target} = ")
    if ":" in target or indent + 4 + len(value) <= LINE_LENGTH:
        return [f"{pad}{target} = (", f"{pad}    {value}", f"{pad})"]
    return [line]


def import_from(module: str, names: list[str], indent: int = 0) -> list[str]:
    """``from module import a, b`` on one line, or one name per line in brackets."""
    line = " " * indent + f"from {module} import " + ", ".join(names)
    if len(line) <= LINE_LENGTH:
        return [line]
    return lay_out(Call(f"from {module} import ", tuple(names)), indent)
