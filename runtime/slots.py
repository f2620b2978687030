"""The decisions a command line makes in one form, each under a label of its own.

A form is read as a list of *slots*, in syntax order; a builder class has one keyword
argument per slot label. The rules (the README's "Naming rules for generated code"):

- an argument ``<x>`` is a ``value`` slot; a repeated argument (``<x> &<1-n>``, also
  ``{ <x> } &<1-n>`` and ``[ <x> ] &<1-n>``) is a ``list`` slot;
- a group whose alternatives are each one keyword or one argument, with at least one
  keyword and at most one argument (``{ new | old }``, ``{ all | <number> }``), is a
  ``choice`` slot: it takes one of the keywords, or a value for the argument;
- the first keywords of an alternative that holds no required slot (``[ spi-list ]``,
  ``[ green pass [ ... ] ]``) are a ``flag`` slot: True writes them;
- a repeated group (``{ <start> [ to <end> ] } &<1-8>``) is a ``group`` slot whose
  repetitions each have slots of their own (``items``);
- what follows a keyword the class names as a clause (``Form.clauses``; the generator
  names the largest when a class would otherwise take more than :data:`MAX_SLOTS`
  arguments) is one ``clause`` slot: the group right after the keyword, else, inside a
  group, the rest of the keyword's alternative. It takes the words written there as text
  (``tcp_flag="ack fin"``, ``destination_port="range 80 90"``), which must match that
  syntax; its ``items`` are the arguments there, whose values are checked as usual.
  A group that is one choice, or anything holding a repetition, is never a clause.

Base labels: a value or list slot is labelled with its argument name; a choice slot
with the keyword written immediately before it (``seq-num { new | old }`` -> ``seq-num``),
else with its argument name, else with its keywords joined by ``|``
(``kbps|mbps|gbps``); a flag with its keywords joined by a blank; a group with the
keyword immediately before it, else its first argument name.

Two slots that can appear on one line never share a label. A slot whose base label is
already taken by an earlier slot it can appear with (or by one of another kind) is
qualified by the nearest keyword before it (on every line through it) that the slots
it clashes with do not have before them (``cir <c> { kbps | mbps } pir <p> { kbps | mbps }``:
the second group is ``pir kbps|mbps``; ``[ at <id> | since <id> ]``: ``id`` and
``since id``); failing that, numbered (``x 2``, ``x 3``). Slots of the same kind with
the same keywords before them, in alternatives that exclude each other, share their
label: ``[ <ip> | <ip> vpn-instance <name> ]`` has one ``ip``.

The labelled tree carries these labels: arguments bind under their slot's label, a
choice's keywords are ``label=keyword``, a flag's first keyword is the flag's label and
every other keyword is ``=text`` (never selected). The matcher and the renderer work on
the labelled tree as on any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache

from .notation import format_form
from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence, nullable, repeated_argument, walk

# The most keyword arguments a generated class takes before its largest groups become clauses.
MAX_SLOTS = 30
# Joins a clause's label and the number of one of its nodes (the refs of its labelled tree).
CLAUSE_MARK = "\x1f"

Path = tuple[tuple[int, int, bool], ...]  # (choice id, alternative, multi) of each enclosing group


@dataclass(frozen=True)
class Slot:
    """One decision of a form: its label, kind and where its values come from.

    ``arg``: the argument (value, list, choice with an argument alternative);
    ``keywords``: a choice's keyword alternatives, or the keywords a flag writes;
    ``required``: every line of the form makes this decision; ``single``: a list slot
    whose repeated item is the argument itself (values bound as strings, not bindings);
    ``items``: a group slot's slots in one repetition, a clause's arguments;
    ``syntax``: a clause's group as written; ``tree``: a clause's labelled group.
    """

    label: str
    kind: str  # value, list, choice, flag, group, clause
    arg: str = ""
    keywords: tuple[str, ...] = ()
    required: bool = False
    single: bool = False
    items: tuple[Slot, ...] = ()
    syntax: str = ""
    tree: Node | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LabelledForm:
    """A form's labelled tree, its slots, and the keywords every line of it carries.

    ``fixed`` holds those keywords in lower case; ``lone`` those of them (as written)
    that no argument or choice follows, which only the form itself decides
    (``display mac-address static ...``: ``static``).
    """

    tree: Sequence
    slots: tuple[Slot, ...]
    fixed: frozenset[str]
    lone: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def label_form(form: Sequence, clauses: frozenset[str] = frozenset()) -> LabelledForm:
    """The labelled tree and slots of a form, the groups after the keywords ``clauses``
    (lower case) taken as clauses (see the module docstring for the rules)."""
    labeller = _Labeller(clauses)
    tree = labeller.sequence(form, (), (), True)
    return LabelledForm(
        tree, tuple(s.slot for s in labeller.slots), frozenset(labeller.fixed), tuple(labeller.lone)
    )


def choice_alternatives(node: Node) -> tuple[tuple[str, ...], str] | None:
    """(keywords, argument) of a group that is one choice slot, else None."""
    if not isinstance(node, Choice) or node.multi or len(node.alternatives) < 2:
        return None
    words: list[str] = []
    args: list[str] = []
    for alt in node.alternatives:
        if len(alt.items) != 1 or not isinstance(alt.items[0], Keyword | Argument):
            return None
        item = alt.items[0]
        if isinstance(item, Keyword):
            words.append(item.text)
        else:
            args.append(item.name)
    if not words or len(args) > 1:
        return None
    return tuple(words), (args[0] if args else "")


def decides(node: Node) -> bool:
    """True when every line through the node makes a decision (a value or a forced choice)."""
    if isinstance(node, Argument):
        return True
    if isinstance(node, Keyword):
        return False
    if isinstance(node, Sequence):
        return any(decides(item) for item in node.items)
    if isinstance(node, Choice):
        return node.required and (len(node.alternatives) > 1 or node.multi or decides(node.alternatives[0]))
    return node.min > 0 and decides(node.item)


def clause_sizes(form: Sequence, clauses: frozenset[str] = frozenset()) -> dict[str, int]:
    """Keywords (lower case) whose group could be a clause, with the most slots such a group
    gives in this form when it is not one (the other ``clauses`` taken as clauses)."""
    labeller = _Labeller(clauses, measure=True)
    labeller.sequence(form, (), (), True)
    return labeller.sizes


def clause_shape(node: Node) -> bool:
    """True for what may be taken as a clause: a group that is not one choice, or the rest
    of an alternative after a keyword, with no repetition inside."""
    if isinstance(node, Choice) and choice_alternatives(node) is not None:
        return False
    return isinstance(node, Choice | Sequence) and not any(isinstance(n, Repeat) for n in walk(node))


@dataclass
class _Entry:
    slot: Slot
    path: Path
    context: tuple[str, ...]


def _exclusive(a: Path, b: Path) -> bool:
    """True when two slots sit in different alternatives of one group without ``*``."""
    for x, y in zip(a, b):
        if x != y:
            return x[0] == y[0] and not x[2]
    return False


class _Labeller:
    def __init__(self, clauses: frozenset[str] = frozenset(), measure: bool = False) -> None:
        self.slots: list[_Entry] = []
        self.fixed: set[str] = set()
        self.lone: list[str] = []
        self.groups = 0
        self.clauses = clauses  # the keywords whose groups are clauses
        self.measure = measure  # measure the groups that could be clauses (sizes)
        self.sizes: dict[str, int] = {}  # the other keywords before a group, and its slots

    # -- labels -------------------------------------------------------------------

    def claim(self, slot: Slot, base: str, context: tuple[str, ...], path: Path) -> Slot:
        """Give the slot the first free label: its base, qualified, then numbered.

        The qualifier is the nearest keyword before the slot (on every line through it)
        that the slots it clashes with do not have before them.
        """
        clashes = self._clashes(base, slot.kind, path, context)
        candidates = [base]
        if clashes:
            theirs = set().union(*(e.context for e in clashes))
            qualifier = next((k for k in reversed(context) if k != base and k not in theirs), "")
            if qualifier:
                candidates.append(f"{qualifier} {base}")
        candidates += [f"{base} {n}" for n in range(2, len(self.slots) + 3)]
        for label in candidates:
            if not self._clashes(label, slot.kind, path, context):
                labelled = replace(slot, label=label)
                self.slots.append(_Entry(labelled, path, context))
                return labelled
        raise AssertionError("unreachable: numbered labels are always free")  # pragma: no cover

    def _clashes(self, label: str, kind: str, path: Path, context: tuple[str, ...]) -> list[_Entry]:
        """Earlier slots with this label that may not share it with this slot."""
        return [e for e in self.slots if e.slot.label == label and not self._shares(e, kind, path, context)]

    @staticmethod
    def _shares(entry: _Entry, kind: str, path: Path, context: tuple[str, ...]) -> bool:
        """Same kind, alternatives that exclude each other, and the same keywords before them."""
        return entry.slot.kind == kind and entry.context == context and _exclusive(entry.path, path)

    # -- the walk -----------------------------------------------------------------

    def sequence(self, seq: Sequence, context: tuple[str, ...], path: Path, required: bool) -> Sequence:
        """Items in order; a keyword immediately before a choice or a repeated group names it."""
        out: list[Node] = []
        items = seq.items
        i = 0
        while i < len(items):
            item = items[i]
            nxt = items[i + 1] if i + 1 < len(items) else None
            if isinstance(item, Keyword):
                out.append(Keyword(item.text, "=" + item.text))
                if required:
                    self.fixed.add(item.text.lower())
                    if not isinstance(nxt, Argument | Repeat) and choice_alternatives(nxt or item) is None:
                        self.lone.append(item.text)
                if nxt is not None and choice_alternatives(nxt) is not None:
                    out.append(self.choice_slot(nxt, item.text, context, path, required))  # type: ignore[arg-type]
                    context += (item.text,)
                    i += 2
                    continue
                if isinstance(nxt, Repeat) and repeated_argument(nxt) is None and _group_item(nxt):
                    out.append(self.repeat(nxt, context + (item.text,), path, required, item.text))
                    context += (item.text,)
                    i += 2
                    continue
                # Groups that could be clauses are looked for only when measuring them or when the
                # keyword names a clause: labelling an ordinary form walks nothing twice.
                maybe = self.measure or item.text.lower() in self.clauses
                if maybe and isinstance(nxt, Choice) and clause_shape(nxt):
                    out.append(self.clause_or_group(nxt, item.text, context, path, required))
                    context += (item.text,)
                    i += 2
                    continue
                rest = Sequence(items[i + 1 :])
                if maybe and path and rest.items and clause_shape(rest):
                    tail = self.clause_or_group(rest, item.text, context, path, required)
                    out += tail.items if isinstance(tail, Sequence) else [tail]
                    break
                context += (item.text,)
            else:
                out.append(self.node(item, context, path, required))
            i += 1
        return Sequence(tuple(out))

    def node(self, node: Node, context: tuple[str, ...], path: Path, required: bool) -> Node:
        if isinstance(node, Keyword):  # pragma: no cover - sequences handle keywords
            return Keyword(node.text, "=" + node.text)
        if isinstance(node, Argument):
            slot = self.claim(Slot("", "value", node.name, required=required), node.name, context, path)
            return Argument(node.name, slot.label)
        if isinstance(node, Sequence):
            return self.sequence(node, context, path, required)
        if isinstance(node, Choice):
            if choice_alternatives(node) is not None:
                return self.choice_slot(node, "", context, path, required)
            return self.group(node, context, path, required)
        return self.repeat(node, context, path, required, "")

    def clause_or_group(
        self, node: Choice | Sequence, before: str, context: tuple[str, ...], path: Path, required: bool
    ) -> Node:
        """A group after a keyword, or the rest of an alternative after its keyword: a clause
        when the keyword names one, else walked (and measured)."""
        key = before.lower()
        if key in self.clauses:
            return self.clause(node, before, context, path, required)
        start = len(self.slots)
        out = self.node(node, context + (before,), path, required)
        self.sizes[key] = max(self.sizes.get(key, 0), len(self.slots) - start)
        return out

    def clause(
        self, node: Choice | Sequence, before: str, context: tuple[str, ...], path: Path, required: bool
    ) -> Node:
        """``before { ... }`` as one slot taking the words after ``before`` (see the module doc)."""
        names = list(dict.fromkeys(n.name for n in walk(node) if isinstance(n, Argument)))
        items = tuple(Slot(name, "value", name, required=False) for name in names)
        needed = required and (node.required if isinstance(node, Choice) else decides(node))
        slot = Slot("", "clause", required=needed, items=items, syntax=format_form(node))
        label = self.claim(slot, before, context, path).label
        tree = _number(node, label, [0])
        entry = self.slots[-1]
        entry.slot = replace(entry.slot, tree=tree)
        return tree

    def choice_slot(
        self, node: Choice, before: str, context: tuple[str, ...], path: Path, required: bool
    ) -> Choice:
        """``{ a | b }``, ``[ a | <x> ]``: one slot taking a keyword or the argument's value."""
        found = choice_alternatives(node)
        assert found is not None
        words, arg = found
        base = before or arg or "|".join(words)
        slot = Slot("", "choice", arg, words, required and node.required)
        label = self.claim(slot, base, context, path).label
        alts = tuple(
            Sequence((Keyword(a.items[0].text, f"{label}={a.items[0].text}"),))
            if isinstance(a.items[0], Keyword)
            else Sequence((Argument(a.items[0].name, label),))  # type: ignore[union-attr]
            for a in node.alternatives
        )
        return Choice(alts, node.required, node.multi)

    def group(self, node: Choice, context: tuple[str, ...], path: Path, required: bool) -> Choice:
        """A group of alternatives; an alternative that holds no required slot starts with a flag."""
        self.groups += 1
        gid = self.groups
        inner_required = required and node.required and len(node.alternatives) == 1 and not node.multi
        alts = []
        for k, alt in enumerate(node.alternatives):
            sub_path = path + ((gid, k, node.multi),)
            alts.append(self.alternative(alt, context, sub_path, inner_required))
        return Choice(tuple(alts), node.required, node.multi)

    def alternative(self, alt: Sequence, context: tuple[str, ...], path: Path, required: bool) -> Sequence:
        run = _leading_keywords(alt)
        if not run or decides(alt) or required:
            return self.sequence(alt, context, path, required)
        words = tuple(k.text for k in run)
        slot = self.claim(Slot("", "flag", keywords=words), " ".join(words), context, path)
        rest = self.sequence(Sequence(alt.items[len(run) :]), context + words, path, False)
        head = [Keyword(run[0].text, slot.label)] + [Keyword(k.text, "=" + k.text) for k in run[1:]]
        return Sequence(tuple(head) + rest.items)

    def repeat(
        self, node: Repeat, context: tuple[str, ...], path: Path, required: bool, before: str
    ) -> Repeat:
        """A repeated argument is a list slot; a repeated group a group slot with items of its own."""
        inner = _Labeller()
        item = inner.node(node.item, context, (), True)
        slots = [e.slot for e in inner.slots]
        required = required and node.min > 0 and not nullable(node.item)
        if len(slots) == 1 and slots[0].kind == "value":
            arg = slots[0].arg
            slot = self.claim(Slot("", "list", arg, required=required), arg, context, path)
            item = _relabel_argument(node.item, arg, slot.label)
            single = repeated_argument(node) is not None
            slot = self._replace(slot, single=single)
            return Repeat(item, node.min, node.max, slot.label)
        base = before or (slots[0].arg if slots and slots[0].arg else (slots[0].label if slots else "repeat"))
        slot = self.claim(Slot("", "group", required=required, items=tuple(slots)), base, context, path)
        return Repeat(item, node.min, node.max, slot.label)

    def _replace(self, slot: Slot, single: bool) -> Slot:
        entry = self.slots[-1]
        entry.slot = replace(slot, single=single)
        return entry.slot


def _group_item(node: Repeat) -> bool:
    """True when a repeat repeats a group of several slots (not one argument)."""
    inner = _Labeller()
    inner.node(node.item, (), (), True)
    return not (len(inner.slots) == 1 and inner.slots[0].slot.kind == "value")


def _leading_keywords(alt: Sequence) -> list[Keyword]:
    """The keywords an alternative starts with, short of one that names a following choice."""
    run: list[Keyword] = []
    for i, item in enumerate(alt.items):
        if not isinstance(item, Keyword):
            break
        nxt = alt.items[i + 1] if i + 1 < len(alt.items) else None
        if nxt is not None and choice_alternatives(nxt) is not None:
            break
        run.append(item)
    return run


def _relabel_argument(node: Node, name: str, label: str) -> Node:
    """The repeated item with its one argument labelled (and its keywords never selected)."""
    if isinstance(node, Argument):
        return Argument(node.name, label) if node.name == name else node
    if isinstance(node, Keyword):
        return Keyword(node.text, "=" + node.text)
    if isinstance(node, Sequence):
        return Sequence(tuple(_relabel_argument(i, name, label) for i in node.items))
    if isinstance(node, Choice):
        alts = tuple(_relabel_argument(a, name, label) for a in node.alternatives)
        return Choice(alts, node.required, node.multi)  # type: ignore[arg-type]
    return Repeat(_relabel_argument(node.item, name, label), node.min, node.max)


def _number(node: Node, label: str, count: list[int]) -> Node:
    """A clause's group with each keyword and argument labelled ``label``, the mark and its number."""
    if isinstance(node, Keyword | Argument):
        count[0] += 1
        ref = f"{label}{CLAUSE_MARK}{count[0]}"
        return Keyword(node.text, ref) if isinstance(node, Keyword) else Argument(node.name, ref)
    if isinstance(node, Sequence):
        return Sequence(tuple(_number(i, label, count) for i in node.items))
    if isinstance(node, Choice):
        alts = tuple(_number(a, label, count) for a in node.alternatives)
        return Choice(alts, node.required, node.multi)  # type: ignore[arg-type]
    raise AssertionError("a clause holds no repetition")  # pragma: no cover
