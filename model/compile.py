"""Records -> the compiled grammar: forms pre-parsed, the keyword index, the view graph.

The index keys each form by the keyword (or ``<>`` for an argument) a line of it starts
with, and lists what may come second, so a line is only matched against the forms that
can start like it. Argument constraints come from the Parameters rows; a string argument
may also be written as cipher text (as the device displays secrets) when its description
speaks of cipher text or encryption, or when a keyword naming a cipher introduces it.
"""

from __future__ import annotations

from collections import defaultdict

from vrpcmds_runtime.compiled import (
    ANY_ARGUMENT,
    CompiledCommand,
    CompiledForm,
    CompiledGrammar,
    tree_json,
)
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.tree import Argument, Choice, Keyword, Node, Sequence

from .constraints import argument_rows, form_constraints
from .record import Record

Start = tuple[str, ...]


def compile_records(records: list[Record], problems: list[str] | None = None) -> CompiledGrammar:
    """The grammar of these records (without views: see :func:`vrpcmds_model.views.derive_views`).

    Syntax lines that do not parse are left out and described in ``problems``.
    """
    commands: list[CompiledCommand] = []
    forms: list[CompiledForm] = []
    index: dict[str, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for record in records:
        trees = _trees(record, problems)
        command = _command(record, [t for _, _, t in trees])
        commands.append(command)
        for undo, syntax, tree in trees:
            form = CompiledForm(len(forms), command, undo, syntax, tree_json(tree), tree)
            forms.append(form)
            for first, follows in _index_entries(tree).items():
                index[first].append((form.index, follows))
    return CompiledGrammar(commands, forms, dict(index), {})


def _trees(record: Record, problems: list[str] | None) -> list[tuple[bool, str, Sequence]]:
    out = []
    for undo, lines in ((False, record.syntax), (True, record.undo_syntax)):
        for syntax in lines:
            try:
                out.append((undo, syntax, parse_form(syntax)))
            except NotationError as exc:
                if problems is not None:
                    problems.append(f"{record.id}: {syntax!r}: {exc}")
    return out


def _command(record: Record, trees: list[Sequence]) -> CompiledCommand:
    args = form_constraints(argument_rows(record), trees)
    level = (record.level.number, record.level.name) if record.level else None
    doc = record.source.url or record.source.path or ""
    return CompiledCommand(record.name, record.title, record.id, tuple(record.views), level, doc, args)


def _index_entries(tree: Sequence) -> dict[str, frozenset[str]]:
    """First token -> the tokens that may follow it (``<>`` for an argument, or when the
    form may end after its first token, so that any second word is still considered)."""
    out: dict[str, set[str]] = defaultdict(set)
    for start in _starts_seq(tree.items, 2):
        if not start:
            continue
        out[start[0]].add(start[1] if len(start) > 1 else ANY_ARGUMENT)
    return {k: frozenset(v) for k, v in out.items()}


def _starts_node(node: Node, k: int) -> set[Start]:
    """The first ``k`` tokens a node can begin with (fewer when it can end sooner); a
    superset is fine: the index only narrows the forms a line is tried against."""
    if isinstance(node, Keyword):
        return {(node.text.lower(),)}
    if isinstance(node, Argument):
        return {(ANY_ARGUMENT,)}
    if isinstance(node, Sequence):
        return _starts_seq(node.items, k)
    if isinstance(node, Choice):
        out: set[Start] = set()
        for alt in node.alternatives:
            out |= _starts_node(alt, k)
        if node.multi:
            again = Choice(node.alternatives, False, False)
            out |= {p + q for p in out if len(p) < k for q in _starts_node(again, k - len(p))}
        if not node.required:
            out.add(())
        return out
    first = _starts_node(node.item, k)
    out = set(first) | ({p + q for p in first if len(p) < k for q in _starts_node(node.item, k - len(p))})
    if node.min == 0:
        out.add(())
    return out


def _starts_seq(items: tuple[Node, ...], k: int) -> set[Start]:
    """The first ``k`` tokens of items that follow one another (iterative: forms may be long)."""
    done: set[Start] = set()
    partial: set[Start] = {()}
    for item in items:
        if not partial:
            break
        following: set[Start] = set()
        for p in partial:
            for q in _starts_node(item, k - len(p)):
                r = p + q
                (done if len(r) >= k else following).add(r[:k])
        partial = following
    return done | partial
