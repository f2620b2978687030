"""The compiled grammar of one schema: forms pre-parsed, a keyword index and the view graph.

It is built once from a schema folder (``vrpcmds_model.compile``), stored beside it as
JSON (never pickle: a schema folder may come from someone else, and loading it runs no
code) and shipped inside each bindings package. Everything that asks "which command is
this line" reads it through :mod:`vrpcmds_runtime.resolve`.

File format (``format: vrpcmds-grammar``, ``version``)::

    {"format": ..., "version": 2, "digest": sha256 of the body, "body": {
        "records": "<content hash of the records it was built from>",
        "constraints": [constraint, ...],  (each distinct one once)
        "commands": [{"name", "title", "id", "views", "level", "doc", "args": {name: constraint index}}],
        "forms": [[command index, undo, syntax, tree as JSON text], ...],
        "index": {first keyword: [[form index, [second keywords or "<>"]], ...]},
        "opens": {command name: [{"when": [condition...], "views": [...]}, ...]}}}

A file that is corrupt, truncated, of another version or whose digest does not match its
body raises :class:`GrammarFileError`; callers rebuild it, never trust it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Sequence as SequenceOf
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeVar, overload

from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence
from .values import Constraint, check_value

FORMAT: Final = "vrpcmds-grammar"
VERSION: Final = 2
ANY_ARGUMENT: Final = "<>"  # index entry: an argument may stand here
INTERFACE: Final = "<interface>"  # condition on whichever interface argument a line binds
_MAX_DEPTH = 100  # tree levels: up to three per nested group (notation allows 20)

ConditionKind = Literal["form", "keyword", "prefix", "range", "value"]


class GrammarFileError(ValueError):
    """A compiled grammar that cannot be trusted (corrupt, truncated, other version)."""


# -- commands and forms ----------------------------------------------------------------


_ALL_VIEWS = re.compile(r"^all(?:\s+the)?\s+views?(?:\s+except(?:\s+for)?\s+(?P<rest>.+))?$", re.IGNORECASE)


@dataclass(frozen=True)
class ViewSet:
    """The views a command runs in: listed ones, or "all views" (minus the ones excepted)."""

    listed: frozenset[str]
    every: bool = False
    excepted: frozenset[str] = frozenset()

    @classmethod
    def of(cls, views: Iterable[str]) -> ViewSet:
        """Read a record's view list; "All views except the user view" is a rule, not a name."""
        listed: set[str] = set()
        every = False
        excepted: set[str] = set()
        for view in views:
            m = _ALL_VIEWS.match(view.strip())
            if m is None:
                listed.add(normal_view(view))
                continue
            every = True
            for name in re.split(r",|\band\b|\bor\b", m.group("rest") or ""):
                name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)
                if name:
                    excepted.add(normal_view(name))
        return cls(frozenset(listed), every, frozenset(excepted))

    def allows(self, view: str) -> bool:
        key = normal_view(view)
        return key in self.listed or (self.every and key not in self.excepted)

    @property
    def specific(self) -> bool:
        """True when the list names views (a command allowed everywhere says nothing of a view)."""
        return not self.every


def normal_view(view: str) -> str:
    """The key a view name is compared by: blanks collapsed, case folded."""
    return " ".join(view.split()).casefold()


@dataclass(frozen=True)
class CompiledCommand:
    """One record's command: its identity, views, level and where its page is."""

    name: str
    title: str
    id: str
    views: tuple[str, ...]
    level: tuple[int, str] | None
    doc: str
    args: Mapping[str, Constraint]

    @property
    def view_set(self) -> ViewSet:
        return _view_set(self.views)


_VIEW_SETS: dict[tuple[str, ...], ViewSet] = {}


_ANY_VALUE = Constraint()


def _view_set(views: tuple[str, ...]) -> ViewSet:
    found = _VIEW_SETS.get(views)
    if found is None:
        found = _VIEW_SETS[views] = ViewSet.of(views)
    return found


@dataclass
class CompiledForm:
    """One syntax line of one command, its tree decoded on first use."""

    index: int
    command: CompiledCommand
    undo: bool
    syntax: str
    encoded: str = field(repr=False, default="")  # the tree as JSON text (encode_tree)
    _tree: Sequence | None = field(repr=False, default=None)

    @property
    def tree(self) -> Sequence:
        if self._tree is None:
            try:
                data = json.loads(self.encoded)
            except (ValueError, TypeError, RecursionError) as exc:
                raise GrammarFileError(f"form {self.index}: tree is not JSON: {exc}") from None
            node = decode_tree(data)
            if not isinstance(node, Sequence):
                raise GrammarFileError(f"form {self.index}: a form must be a sequence")
            self._tree = node
        return self._tree

    @property
    def leading(self) -> tuple[str, ...]:
        """The keywords the form starts with, up to its first argument or group, lower case."""
        return leading_keywords(self.tree)

    def check(self, name: str, text: str) -> str | None:
        """The value check of an argument; a combined ``<prefix/length>`` checks its first part.

        An argument no Parameters row describes still gets the checks every value gets."""
        c = self.command.args.get(name) or _ANY_VALUE
        if "/" in name and "/" in text:
            text = text.split("/", 1)[0]
        return check_value(c, text, sending=False)

    def takes_rest(self, name: str) -> bool:
        """Free text that allows spaces may run to the end of the line."""
        c = self.command.args.get(name)
        return c is not None and c.type == "string" and c.spaces


def leading_keywords(tree: Sequence) -> tuple[str, ...]:
    """The keywords a form starts with, up to its first argument or group, in lower case."""
    out: list[str] = []
    for item in tree.items:
        if not isinstance(item, Keyword):
            break
        out.append(item.text.lower())
    return tuple(out)


# -- the view graph ----------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One test on a line's binding: a keyword chosen, an interface type, a number in a range."""

    kind: ConditionKind
    name: str = ""  # argument name (prefix, range, value)
    text: str = ""  # keyword (keyword), interface-type letters (prefix), value (value), syntax (form)
    low: int = 0
    high: int = 0

    def holds(self, values: Mapping[str, object], keywords: Iterable[str], page: str = "") -> bool:
        if self.kind == "form":
            return page == self.text
        if self.kind == "keyword":
            return self.text in {k.lower() for k in keywords}
        value = interface_value(values) if self.name == INTERFACE else values.get(self.name)
        if not isinstance(value, str):
            return False
        if self.kind == "prefix":
            return interface_type(value) == self.text
        if self.kind == "value":
            return value.lower() == self.text
        return value.isdecimal() and value.isascii() and len(value) < 12 and self.low <= int(value) <= self.high

    def to_json(self) -> list[Any]:
        return [self.kind, self.name, self.text, self.low, self.high]

    @classmethod
    def from_json(cls, data: Any) -> Condition:
        kind, name, text, low, high = data
        if kind not in ("form", "keyword", "prefix", "range", "value"):
            raise GrammarFileError(f"unknown condition kind {kind!r}")
        return cls(kind, str(name), str(text), int(low), int(high))


@dataclass(frozen=True)
class ViewRule:
    """Lines of a command whose binding meets every condition open these views."""

    when: tuple[Condition, ...]
    views: tuple[str, ...]


def interface_value(values: Mapping[str, object]) -> str | None:
    """The value of the first argument naming an interface (``<interface-name>``, ``<interface-type>``)."""
    for name, value in values.items():
        if "interface" in name.lower() and isinstance(value, str):
            return value
    return None


_INTERFACE_TYPE = re.compile(r"^(\d*[A-Za-z][A-Za-z-]*?)(?=\d)")


def interface_type(value: str) -> str:
    """The type letters of an interface name written as one token (``100GE1/0/1`` -> ``100ge``);
    a sub-interface (``100GE1/0/1.1``) is told apart by a trailing ``.``."""
    m = _INTERFACE_TYPE.match(value)
    if m is None:
        return value.lower()
    return m.group(1).lower() + ("." if "." in value[m.end() :] else "")


# -- the grammar -------------------------------------------------------------------------


@dataclass
class CompiledGrammar:
    """Every form of a schema, indexed by the keywords a line can start with, and its views."""

    commands: SequenceOf[CompiledCommand]
    forms: SequenceOf[CompiledForm]
    index: dict[str, list[tuple[int, frozenset[str]]]]
    opens: dict[str, tuple[ViewRule, ...]]
    records: str = ""  # content hash of the records it was built from
    _names: list[str] = field(default_factory=list, repr=False)

    def candidates(self, words: list[str], prefixes: bool = False) -> list[CompiledForm]:
        """Forms whose first two keywords (or argument) the line's first words can be.

        With ``prefixes`` a word may abbreviate a keyword. Forms that start with an
        argument are indexed under ``<>`` and always considered.
        """
        if not words:
            return []
        first = words[0].lower()
        second = words[1].lower() if len(words) > 1 else None
        keys = [k for k in self.index if k == first or (prefixes and k.startswith(first))]
        keys.append(ANY_ARGUMENT)
        out: list[CompiledForm] = []
        seen: set[int] = set()
        for key in keys:
            for form_index, follows in self.index.get(key, ()):
                if form_index in seen or not _follows(follows, second, prefixes):
                    continue
                seen.add(form_index)
                out.append(self.forms[form_index])
        out.sort(key=lambda f: f.index)
        return out

    def opened(
        self, command: str, values: Mapping[str, object], keywords: Iterable[str], page: str = ""
    ) -> list[str] | None:
        """The views a line of ``command`` opens, given its binding and the form (its syntax)
        it resolved to (None: not known)."""
        rules = self.opens.get(command)
        if not rules:
            return None
        words = list(keywords)
        for rule in rules:
            if all(c.holds(values, words, page) for c in rule.when):
                return list(rule.views)
        return None

    def names(self) -> list[str]:
        """Every command identity, sorted."""
        if not self._names:
            self._names = sorted({c.name for c in self.commands})
        return self._names

    # -- the file ----------------------------------------------------------------------

    def to_json(self) -> str:
        table: dict[Constraint, int] = {}
        commands = [_command_json(c, table) for c in self.commands]
        body = {
            "records": self.records,
            "constraints": [constraint_json(c) for c in table],
            "commands": commands,
            "forms": [[f.command_index, f.undo, f.syntax, f.encoded] for f in _with_indexes(self)],
            "index": {k: [[i, sorted(s)] for i, s in v] for k, v in sorted(self.index.items())},
            "opens": {
                k: [{"when": [c.to_json() for c in r.when], "views": list(r.views)} for r in v]
                for k, v in sorted(self.opens.items())
            },
        }
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        digest = hashlib.sha256(text.encode()).hexdigest()
        return f'{{"format":"{FORMAT}","version":{VERSION},"digest":"{digest}","body":{text}}}\n'


class _IndexedForm:
    def __init__(self, form: CompiledForm, command_index: int) -> None:
        self.command_index = command_index
        self.undo = form.undo
        self.syntax = form.syntax
        self.encoded = form.encoded


def _with_indexes(grammar: CompiledGrammar) -> Iterator[_IndexedForm]:
    positions = {id(c): i for i, c in enumerate(grammar.commands)}
    for form in grammar.forms:
        yield _IndexedForm(form, positions[id(form.command)])


def _follows(follows: frozenset[str], second: str | None, prefixes: bool) -> bool:
    """The line's second word fits what a form allows after its first keyword."""
    if second is None or not follows or ANY_ARGUMENT in follows:
        return True
    if second in follows:
        return True
    return prefixes and any(k.startswith(second) for k in follows)


def _command_json(c: CompiledCommand, table: dict[Constraint, int]) -> dict[str, Any]:
    return {
        "name": c.name,
        "title": c.title,
        "id": c.id,
        "views": list(c.views),
        "level": list(c.level) if c.level else None,
        "doc": c.doc,
        "args": {k: table.setdefault(v, len(table)) for k, v in sorted(c.args.items())},
    }


def constraint_json(c: Constraint) -> dict[str, Any]:
    """A constraint as JSON, defaults left out."""
    default = Constraint()
    out: dict[str, Any] = {}
    for name in Constraint.__dataclass_fields__:
        value = getattr(c, name)
        if value != getattr(default, name):
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


T = TypeVar("T")


class _Decoded(SequenceOf[T]):
    """A list read from the file, each item decoded when first used.

    A check of a few lines touches a few commands of thousands; decoding them all would be
    most of its time. An item the file holds wrongly raises GrammarFileError when used.
    """

    def __init__(self, raw: list[Any], decode: Callable[[int, Any], T]) -> None:
        self._raw = raw
        self._decode = decode
        self._items: list[T | None] = [None] * len(raw)

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, i: int) -> T: ...

    @overload
    def __getitem__(self, i: slice) -> list[T]: ...

    def __getitem__(self, i: int | slice) -> T | list[T]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        item = self._items[i]
        if item is None:
            try:
                item = self._items[i] = self._decode(i if i >= 0 else i + len(self), self._raw[i])
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise GrammarFileError(f"malformed compiled grammar, item {i}: {exc!r}") from None
        return item

    def __iter__(self) -> Iterator[T]:
        return (self[i] for i in range(len(self)))


def _command(c: dict[str, Any], table: list[Constraint]) -> CompiledCommand:
    level = c["level"]
    return CompiledCommand(
        _str(c["name"]),
        _str(c["title"]),
        _str(c["id"]),
        tuple(map(_str, c["views"])),
        (int(level[0]), _str(level[1])) if level else None,
        _str(c["doc"]),
        {_str(k): table[_index(v, len(table))] for k, v in c["args"].items()},
    )


def _str(value: Any) -> str:
    if type(value) is not str:
        raise GrammarFileError(f"expected a string, found {value!r}")
    return value


def _index(value: Any, size: int) -> int:
    if type(value) is not int or not 0 <= value < size:
        raise GrammarFileError(f"constraint index {value!r} out of range")
    return value


def _constraint(data: Any) -> Constraint:
    if not isinstance(data, dict):
        raise GrammarFileError("a constraint must be an object")
    fields = Constraint.__dataclass_fields__
    unknown = set(data) - set(fields)
    if unknown:
        raise GrammarFileError(f"unknown constraint fields {sorted(unknown)}")
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    return Constraint(**values)


def load_grammar(text: str) -> CompiledGrammar:
    """Read a compiled grammar file; anything unexpected raises GrammarFileError.

    The cyclic garbage collector is paused meanwhile: reading builds many objects and no
    cycles, and its passes over them would cost a third of the time.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        return _load(text)
    finally:
        if paused:
            gc.enable()


def _load(text: str) -> CompiledGrammar:
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise GrammarFileError(f"not a compiled grammar: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GrammarFileError("not a compiled grammar (format is not vrpcmds-grammar)")
    if data.get("version") != VERSION:
        raise GrammarFileError(f"compiled grammar version {data.get('version')!r}, this vrpcmds reads {VERSION}")
    body = data.get("body")
    if not isinstance(body, dict):
        raise GrammarFileError("compiled grammar has no body")
    start = text.find('"body":')
    raw = text[start + len('"body":') :].rstrip()[:-1] if start >= 0 else ""
    if hashlib.sha256(raw.encode()).hexdigest() != data.get("digest"):
        raise GrammarFileError("compiled grammar digest does not match its content (corrupt or edited)")
    try:
        return _from_body(body)
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise GrammarFileError(f"malformed compiled grammar: {exc!r}") from None


def _from_body(body: dict[str, Any]) -> CompiledGrammar:
    table = [_constraint(c) for c in body["constraints"]]
    raw_commands, raw_forms = body["commands"], body["forms"]
    if not isinstance(raw_commands, list) or not isinstance(raw_forms, list):
        raise GrammarFileError("commands and forms must be lists")
    commands: _Decoded[CompiledCommand] = _Decoded(raw_commands, lambda i, c: _command(c, table))

    def form(i: int, raw: Any) -> CompiledForm:
        ci, undo, syntax, encoded = raw
        return CompiledForm(i, commands[_index(ci, len(commands))], bool(undo), _str(syntax), _str(encoded))

    forms: _Decoded[CompiledForm] = _Decoded(raw_forms, form)
    follow_sets: dict[tuple[str, ...], frozenset[str]] = {}
    index: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for key, entries in body["index"].items():
        decoded = index[_str(key)] = []
        for i, follows in entries:
            words = tuple(map(_str, follows))
            found = follow_sets.get(words)
            if found is None:
                found = follow_sets[words] = frozenset(words)
            decoded.append((_index(i, len(forms)), found))
    opens = {
        str(k): tuple(
            ViewRule(tuple(Condition.from_json(c) for c in r["when"]), tuple(str(v) for v in r["views"])) for r in v
        )
        for k, v in body["opens"].items()
    }
    return CompiledGrammar(commands, forms, index, opens, str(body["records"]))


# -- trees as JSON -----------------------------------------------------------------------


def encode_tree(node: Node) -> Any:
    """A tree as nested lists: ``["k", text]``, ``["a", name]``, ``["s", items]``,
    ``["c", required, multi, alternatives]``, ``["r", min, max, item]``."""
    if isinstance(node, Keyword):
        return ["k", node.text]
    if isinstance(node, Argument):
        return ["a", node.name]
    if isinstance(node, Sequence):
        return ["s", [encode_tree(i) for i in node.items]]
    if isinstance(node, Choice):
        return ["c", node.required, node.multi, [encode_tree(a) for a in node.alternatives]]
    return ["r", node.min, node.max, encode_tree(node.item)]


def tree_json(node: Node) -> str:
    """A form's tree as the JSON text a compiled grammar keeps (parsed on first use: one
    string per form reads several times faster than the nested lists themselves)."""
    return json.dumps(encode_tree(node), ensure_ascii=False, separators=(",", ":"))


def decode_tree(data: Any, depth: int = 0) -> Node:
    """The tree of :func:`encode_tree` output; anything else raises GrammarFileError."""
    if depth > _MAX_DEPTH:
        raise GrammarFileError("tree nested too deeply")
    try:
        tag = data[0]
        if tag == "k":
            return Keyword(_text(data[1]))
        if tag == "a":
            return Argument(_text(data[1]))
        if tag == "s":
            return Sequence(tuple(decode_tree(i, depth + 1) for i in data[1]))
        if tag == "c":
            alts = tuple(decode_tree(a, depth + 1) for a in data[3])
            if not alts or not all(isinstance(a, Sequence) for a in alts):
                raise GrammarFileError("a group's alternatives must be sequences")
            return Choice(alts, bool(data[1]), bool(data[2]))  # type: ignore[arg-type]
        if tag == "r":
            low, high = int(data[1]), int(data[2])
            if not 0 <= low <= high:
                raise GrammarFileError("a repeat's bounds must be 0 <= min <= max")
            return Repeat(decode_tree(data[3], depth + 1), low, high)
    except GrammarFileError:
        raise
    except (IndexError, TypeError, ValueError, KeyError) as exc:
        raise GrammarFileError(f"malformed tree: {exc!r}") from None
    raise GrammarFileError(f"malformed tree: unknown node {str(tag)[:20]!r}")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise GrammarFileError("a keyword or argument must be a non-empty string")
    return value
