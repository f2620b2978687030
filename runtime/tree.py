"""The syntax tree of one command form (NOTATION.md).

A form is a :class:`Sequence` of nodes. Nodes are immutable and hashable so that
trees can be compared, cached and used as dictionary keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Keyword:
    """A literal word typed as written (bold in the manual).

    ``label`` is empty in trees read from the notation; a labelled tree (see
    :mod:`vrpcmds_runtime.slots`) gives each keyword the name under which a selection
    chooses it, so that two occurrences of one word can be told apart.
    """

    text: str
    label: str = ""

    @property
    def ref(self) -> str:
        """The name a selection uses for this keyword: its label, else its text."""
        return self.label or self.text


@dataclass(frozen=True)
class Argument:
    """A placeholder replaced by one value (italic in the manual).

    ``label`` (empty unless the tree is labelled) is the name the value is bound under.
    """

    name: str
    label: str = ""

    @property
    def ref(self) -> str:
        """The name this argument's value is bound under: its label, else its name."""
        return self.label or self.name


@dataclass(frozen=True)
class Sequence:
    """Items that follow one another."""

    items: tuple[Node, ...]


@dataclass(frozen=True)
class Choice:
    """A bracketed group of alternatives.

    ``required`` is True for ``{ }`` and False for ``[ ]``; ``multi`` is True when the
    group is followed by ``*`` (each alternative at most once, in any order).
    """

    alternatives: tuple[Sequence, ...]
    required: bool
    multi: bool = False


@dataclass(frozen=True)
class Repeat:
    """``item &<min-max>``: the item just before the mark, repeated."""

    item: Node
    min: int
    max: int
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", repeat_key(self.item))


Node = Keyword | Argument | Sequence | Choice | Repeat


def walk(node: Node) -> Iterator[Node]:
    """Yield every node of the tree, depth first, parents before children.

    Iterative (an explicit stack), so that no tree depth reaches Python's recursion limit.
    """
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(children(current)))


def children(node: Node) -> tuple[Node, ...]:
    """The direct sub-nodes of a node, in order (none for a keyword or an argument)."""
    if isinstance(node, Sequence):
        return node.items
    if isinstance(node, Choice):
        return node.alternatives
    if isinstance(node, Repeat):
        return (node.item,)
    return ()


def arguments(node: Node) -> list[str]:
    """Names of all arguments in the tree, in order of first appearance."""
    seen: dict[str, None] = {}
    for n in walk(node):
        if isinstance(n, Argument):
            seen.setdefault(n.name, None)
    return list(seen)


def keywords(node: Node) -> list[str]:
    """Texts of all keywords in the tree, in order of first appearance."""
    seen: dict[str, None] = {}
    for n in walk(node):
        if isinstance(n, Keyword):
            seen.setdefault(n.text, None)
    return list(seen)


def repeat_key(item: Node) -> str:
    """The name under which the values of a repeated item are bound.

    A repeated argument binds under its own name; a repeated group under the name of
    its first argument (or its first keyword when it has none).
    """
    names = arguments(item) or keywords(item)
    return names[0] if names else "repeat"


def repeated_argument(node: Repeat) -> Argument | None:
    """The argument a repeat repeats, if it repeats one argument.

    ``<p> &<1-3>`` and ``{ <p> } &<1-3>`` (braces around a single item mean exactly that
    item) both repeat the argument ``p``; their values are a list of strings.
    """
    item = node.item
    while isinstance(item, Choice) and len(item.alternatives) == 1 and not item.multi and item.required:
        alt = item.alternatives[0]
        if len(alt.items) != 1:
            return None
        item = alt.items[0]
    return item if isinstance(item, Argument) else None


def nullable(node: Node) -> bool:
    """True when the node can match no token at all (``[ a ]``, ``{ [ a ] | b }``, ``x &<0-3>``).

    A keyword or an argument always takes a token; a sequence is nullable when all its
    items are; a group when it is optional or one alternative is; a repeat when its
    minimum is 0 or its item is. Evaluated with an explicit stack (no recursion), and
    stopping at the first item or alternative that decides.
    """
    open_nodes: list[tuple[Iterator[Node], bool]] = []  # children left; True: all must be nullable
    current = node
    while True:
        if isinstance(current, (Keyword, Argument)):
            value = False
        elif (isinstance(current, Choice) and not current.required) or (
            isinstance(current, Repeat) and current.min == 0
        ):
            value = True
        else:
            rest = iter(children(current))
            need_all = not isinstance(current, Choice)
            first = next(rest, None)
            if first is not None:
                open_nodes.append((rest, need_all))
                current = first
                continue
            value = need_all  # an empty sequence matches nothing; a group of no alternative, never
        while open_nodes:  # hand the value up until a node needs its next child
            rest, need_all = open_nodes[-1]
            following = next(rest, None) if value == need_all else None
            if following is None:
                open_nodes.pop()
                continue
            current = following
            break
        else:
            return value


def nullable_nodes(root: Node) -> dict[int, bool]:
    """:func:`nullable` for every node of the tree, keyed by ``id(node)``.

    Computed children first over :func:`walk` (no recursion): a keyword or an argument
    always takes a token; a sequence is nullable when all its items are; a group when it
    is optional or one alternative is; a repeat when its minimum is 0 or its item is.
    """
    result: dict[int, bool] = {}
    for node in reversed(list(walk(root))):
        if isinstance(node, (Keyword, Argument)):
            value = False
        elif isinstance(node, Sequence):
            value = all(result[id(item)] for item in node.items)
        elif isinstance(node, Choice):
            value = not node.required or any(result[id(alt)] for alt in node.alternatives)
        else:
            value = node.min == 0 or result[id(node.item)]
        result[id(node)] = value
    return result
