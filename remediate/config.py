"""A configuration as a tree of resolved command lines, by view.

Read from device text (``display current-configuration``, a saved file, a manual's
configuration script) with the checker's reading of lines and views
(:func:`vrpcmds_checker.check.check_config`) and the one resolver; built in Python from
the generated classes (``with cfg.enter(Bgp(as_number=100)) as bgp: bgp.add(...)``);
rendered back as device text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from vrpcmds_checker.check import SYSTEM_VIEW, LineResult, check_config, check_line
from vrpcmds_checker.config import config_lines
from vrpcmds_runtime.compiled import CompiledGrammar
from vrpcmds_runtime.line import Binding, quote_value
from vrpcmds_runtime.notation import parse_form
from vrpcmds_runtime.resolve import Candidate, resolve
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Repeat
from vrpcmds_runtime.values import is_cipher

if TYPE_CHECKING:
    from vrpcmds_runtime.command import Command

Key = tuple[Any, ...]


@dataclass(eq=False)
class Line:
    """One command line of a configuration and the view lines nested under it.

    ``words`` are the line's tokens with every keyword written in full and in lower case
    (values as written); ``key`` is what the line means: two lines with equal keys are the
    same configuration (keyword case, abbreviations, the order inside ``*`` groups and
    cipher text against cipher text make no difference).
    """

    text: str
    status: str = "ok"  # ok, unknown, invalid or wrong-view (vrpcmds_checker.check)
    command: str = ""
    form: str = ""
    page: str = ""  # the id of the page the line was read from
    undo: bool = False
    views: tuple[str, ...] | None = None  # the views the line is typed in (None: not known)
    opens: tuple[str, ...] | None = None  # the views it opens (None: none known)
    words: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # the words that are keywords, in line order
    key: Key = ()
    values: tuple[tuple[str, str], ...] = ()  # argument name -> value, flattened
    file: str = ""
    number: int = 0
    message: str = ""
    children: list[Line] = field(default_factory=list)

    @property
    def documented(self) -> bool:
        return self.status == "ok"

    @property
    def inner_views(self) -> tuple[str, ...] | None:
        return self.opens

    def where(self) -> str:
        return f"{self.file}:{self.number}"


class ConfigError(ValueError):
    """Lines that do not parse: each as ``file:line: text: what was expected``."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class Config:
    """The top-level lines of a configuration (in system view) and the grammar they were read with."""

    grammar: CompiledGrammar | None = None
    children: list[Line] = field(default_factory=list)
    file: str = "<config>"

    inner_views: tuple[str, ...] | None = (SYSTEM_VIEW,)

    # -- building from the generated classes -----------------------------------------

    def add(self, command: Command | str) -> Line:
        """Append a line (a command object or its text) in system view."""
        return _add(self, self, command)

    @contextmanager
    def enter(self, command: Command | str) -> Iterator[Block]:
        """Append a line that opens a view; the block adds lines inside that view."""
        yield _enter(self, self, command)

    def render(self) -> str:
        return render(self.children)

    def __iter__(self) -> Iterator[Line]:
        return walk(self.children)


@dataclass
class Block:
    """The lines inside a view, while a configuration is built."""

    config: Config
    line: Line

    @property
    def children(self) -> list[Line]:
        return self.line.children

    @property
    def inner_views(self) -> tuple[str, ...] | None:
        return self.line.opens

    def add(self, command: Command | str) -> Line:
        return _add(self.config, self, command)

    @contextmanager
    def enter(self, command: Command | str) -> Iterator[Block]:
        yield _enter(self.config, self, command)


def _grammar(config: Config, command: Command | str) -> CompiledGrammar:
    if config.grammar is None:
        if isinstance(command, str):
            raise ConfigError(["a configuration built from text lines needs a grammar: Config(grammar)"])
        from vrpcmds_runtime.command import package_grammar

        config.grammar = package_grammar(type(command).__module__)
    return config.grammar


def _add(config: Config, container: Config | Block, command: Command | str) -> Line:
    text = str(command)
    line = read_line(_grammar(config, command), text, container.inner_views, config.file)
    if not line.documented:
        raise ConfigError([f"{text}: {line.status}: {line.message}"])
    container.children.append(line)
    return line


def _enter(config: Config, container: Config | Block, command: Command | str) -> Block:
    line = _add(config, container, command)
    if line.opens is None:
        container.children.remove(line)
        raise ConfigError([f"{line.text}: opens no documented view"])
    return Block(config, line)


# -- reading ---------------------------------------------------------------------------


def parse_config(text: str, grammar: CompiledGrammar, file: str = "<config>", strict: bool = True) -> Config:
    """The tree of a configuration as the device displays it.

    Lines of no documented command (``unknown``) are kept and marked; a line that a
    documented command does not take (``invalid``, ``wrong-view``) raises ConfigError
    naming file:line and what was expected, unless ``strict`` is False.
    """
    config = Config(grammar, file=file)
    parents: dict[int, Line] = {}
    above: dict[int, Line | None] = {}  # id(line) -> the line it sits under
    problems: list[str] = []
    for cl, result in zip(config_lines(text), check_config(text, grammar, file)):
        parent = _parent(parents, cl.depth)
        if parent is not None and parent.documented and parent.opens is None and parent.views:
            # Indented under a line that opens no known view: when it is a line of the view
            # that line is in (``dns domain com``, then `` vlan batch 10 20``), it sits there,
            # as on the device; else (an opener the docs do not show) it stays under it.
            lifted = check_line(grammar, cl.text, list(parent.views), file, cl.number)
            if lifted.status == "ok":
                result, parent = lifted, above.get(id(parent))
        line = _from_result(grammar, result, parent)
        above[id(line)] = parent
        if line.status in ("invalid", "wrong-view"):
            problems.append(f"{file}:{cl.number}: {line.text}: {line.status}: {line.message}")
        (parent.children if parent is not None else config.children).append(line)
        parents[cl.depth] = line
        for deeper in [d for d in parents if d > cl.depth]:
            del parents[deeper]
    if problems and strict:
        raise ConfigError(problems)
    return config


def _parent(parents: Mapping[int, Line], depth: int) -> Line | None:
    below = [d for d in parents if d < depth]
    return parents[max(below)] if below else None


def read_line(
    grammar: CompiledGrammar, text: str, views: Sequence[str] | None, file: str = "", number: int = 0
) -> Line:
    """One line typed in ``views`` (None: not known), read as :func:`parse_config` reads it."""
    result = check_line(grammar, text, list(views) if views is not None else None, file, number)
    return _from_result(grammar, result, None)


def _from_result(grammar: CompiledGrammar, r: LineResult, parent: Line | None) -> Line:
    views = tuple(r.view) if r.view is not None else None
    line = Line(
        r.text, r.status, r.command, r.form, views=views, file=r.file, number=r.line, message=r.message
    )
    if parent is not None and not parent.documented:
        line.status, line.message = "unknown", f"sits under {parent.text!r}, which is not documented"
    if line.status != "ok":
        line.words, line.key = tuple(r.text.split()), ("?", r.text)
        return line
    best = _resolved(grammar, r.text, views)
    if best is None:  # pragma: no cover - the checker found the same reading
        line.status = "unknown"
        return line
    line.page, line.undo = best.form.command.id, best.form.undo or best.command.startswith("undo ")
    line.opens = tuple(r.opens) if r.opens else None
    line.words = canonical_words(best)
    line.keywords = tuple(r.name.lower() for r in best.binding.roles if r.kind == "keyword")
    line.values = tuple(_flat(best.binding.values))
    line.key = (
        line.undo,
        best.command,
        tuple(sorted(k.lower() for k in best.binding.keywords)),
        _meaning(best.binding, _positions(best.form.syntax)),
    )
    return line


_READ: dict[int, tuple[CompiledGrammar, dict[tuple[str, tuple[str, ...] | None], Candidate | None]]] = {}


def _resolved(grammar: CompiledGrammar, text: str, views: tuple[str, ...] | None) -> Candidate | None:
    """The resolver's best reading, remembered per grammar (configurations repeat lines)."""
    held = _READ.get(id(grammar))
    if held is None or held[0] is not grammar:
        held = _READ[id(grammar)] = (grammar, {})
    cache = held[1]
    key = (text, views)
    if key not in cache:
        cache[key] = resolve(grammar, text, views).best
    return cache[key]


def canonical_words(c: Candidate) -> tuple[str, ...]:
    """The tokens of a resolved line, keywords in full and in lower case, an interface name
    split for matching joined again, values quoted where they need it."""
    keywords = {r.start: r.name.lower() for r in c.binding.roles if r.kind == "keyword"}
    out: list[str] = []
    previous = None
    for i, t in enumerate(c.tokens):
        word = keywords.get(i, quote_value(t.text) if t.quoted else t.text)
        if (
            c.split
            and previous is not None
            and not t.quoted
            and t.column == previous.column + len(previous.text)
        ):
            out[-1] += word
        else:
            out.append(word)
        previous = t
    return tuple(out)


def _meaning(binding: Binding, positions: Mapping[str, str]) -> Key:
    """What a binding says, each value under its place in the form rather than its name:
    two pages of one command that name an argument differently (``ip address <ip-address>
    <mask>`` and ``... <ip-mask>``) read one line the same way."""
    return tuple(sorted((positions.get(name, name), _value(v, positions)) for name, v in binding.values.items()))


@cache
def _positions(syntax: str) -> dict[str, str]:
    """Each argument of a form by its place: the keyword written last before it and its rank
    among the arguments after that keyword (``address#1``, ``address#2``). A group continues
    the count of the sequence it sits in; a keyword inside a group starts a count of its own
    that ends with the group (``[ vpn-instance <name> ] <ip>``: ``ip`` is ``route-static#1``)."""
    out: dict[str, str] = {}
    _place(parse_form(syntax), "", 0, out)
    return out


def _place(node: Node, keyword: str, count: int, out: dict[str, str]) -> int:
    """Place the arguments of ``node``; the count for ``keyword`` after it."""
    if isinstance(node, Keyword):
        return count
    if isinstance(node, Argument):
        out.setdefault(node.name, f"{keyword}#{count + 1}")
        return count + 1
    if isinstance(node, Repeat):
        return _place(node.item, keyword, count, out)
    if isinstance(node, Choice):
        return max(_place(alternative, keyword, count, out) for alternative in node.alternatives)
    mine, local, local_count = count, keyword, count
    for item in node.items:
        if isinstance(item, Keyword):
            local, local_count = item.text.lower(), 0
        else:
            local_count = _place(item, local, local_count, out)
        if local == keyword:
            mine = local_count
    return mine


def _value(v: object, positions: Mapping[str, str]) -> Any:
    if isinstance(v, str):
        return "<cipher>" if is_cipher(v) else v
    if isinstance(v, Binding):
        return (tuple(sorted(k.lower() for k in v.keywords)), _meaning(v, positions))
    if isinstance(v, list):
        return tuple(_value(x, positions) for x in v)
    return repr(v)


def _flat(values: Mapping[str, object]) -> Iterator[tuple[str, str]]:
    for name, v in values.items():
        if isinstance(v, str):
            yield name, v
        elif isinstance(v, list):
            for item in v:
                if isinstance(item, str):
                    yield name, item
                elif isinstance(item, Binding):
                    yield from _flat(item.values)


# -- writing ---------------------------------------------------------------------------


def render(lines: Sequence[Line]) -> str:
    """Device text: ``#`` between top-level sections, one space per view level, ``return``."""
    out = ["#"]
    for line in lines:
        out += _lines(line, 0)
        if line.children:
            out.append("#")
    if out[-1] != "#":
        out.append("#")
    out.append("return")
    return "\n".join(out) + "\n"


def _lines(line: Line, depth: int) -> list[str]:
    out = [" " * depth + line.text]
    for child in line.children:
        out += _lines(child, depth + 1)
    return out


def clone(config: Config) -> Config:
    """A copy of a configuration's lines (the grammar is shared)."""
    return Config(config.grammar, [_clone(x) for x in config.children], config.file)


def _clone(line: Line) -> Line:
    return replace(line, children=[_clone(x) for x in line.children])


def walk(lines: Sequence[Line]) -> Iterator[Line]:
    for line in lines:
        yield line
        yield from walk(line.children)


__all__ = [
    "Block",
    "Config",
    "ConfigError",
    "Line",
    "canonical_words",
    "clone",
    "parse_config",
    "read_line",
    "render",
    "walk",
]
