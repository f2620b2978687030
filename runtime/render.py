"""Render a syntax tree with given values into a command line.

Which branch of a group is taken follows from what is given: an alternative is
*engaged* when it mentions a given argument or chosen keyword. Missing values,
conflicting alternatives, values that could not be sent as one token, and givens that
the form never uses are all collected and raised together in one :class:`RenderError`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache

from .line import Binding, quote_value, value_problem
from .notation import format_form
from .tree import Argument, Choice, Keyword, Node, Repeat, Sequence, nullable, repeated_argument


class RenderError(ValueError):
    """Every reason why the given values do not make a command line of this form."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@lru_cache(maxsize=4096)
def mentions(node: Node) -> frozenset[str]:
    """Names a selection can use to engage this node (a repeat is engaged by its key)."""
    if isinstance(node, Keyword | Argument):
        return frozenset({node.ref})
    if isinstance(node, Repeat):
        return frozenset({node.key})
    children = node.items if isinstance(node, Sequence) else node.alternatives
    out: frozenset[str] = frozenset()
    for child in children:
        out |= mentions(child)
    return out


class _Renderer:
    def __init__(
        self, values: Mapping[str, object], keywords: Collection[str], order: Collection[str] = ()
    ) -> None:
        self.values = {k: v for k, v in values.items() if v is not None}
        self.selected = set(self.values) | set(keywords)
        given = [*order, *keywords, *self.values]
        self.order = {name: i for i, name in reversed(list(enumerate(given)))}
        self.used: set[str] = set()
        self.problems: list[str] = []
        self.out: list[str] = []

    def node(self, node: Node) -> None:
        if isinstance(node, Keyword):
            self.out.append(node.text)
            self.used.add(node.ref)
        elif isinstance(node, Argument):
            self.argument(node.ref, self.values.get(node.ref))
        elif isinstance(node, Sequence):
            for item in node.items:
                self.node(item)
        elif isinstance(node, Choice):
            self.choice(node)
        else:
            self.repeat(node)

    def argument(self, name: str, value: object) -> None:
        self.used.add(name)
        if value is None:
            self.problems.append(f"<{name}> is required")
            return
        if isinstance(value, (list, tuple, Mapping, Binding)):
            kind = "a list" if isinstance(value, (list, tuple)) else "a mapping"
            self.problems.append(f"<{name}> takes one value, not {kind}: {value!r}")
            return
        text = str(value)
        problem = value_problem(text)
        if problem:
            self.problems.append(f"<{name}> value {text!r} contains {problem}")
            return
        self.out.append(quote_value(text))

    def choice(self, node: Choice) -> None:
        engaged = [alt for alt in node.alternatives if mentions(alt) & self.selected]
        if node.multi:
            chosen = sorted(engaged, key=self._given_order)
        elif len(engaged) > 1:
            chosen = self._resolve(node, engaged)
            if not chosen:
                return
        else:
            chosen = engaged
        if not chosen and node.required:
            if len(node.alternatives) == 1:
                chosen = list(node.alternatives)
            elif any(nullable(alt) for alt in node.alternatives):
                chosen = []  # an alternative that writes nothing satisfies the group, as in the matcher
            else:
                self.problems.append(f"one of {_options(node)} is required")
        for alt in chosen:
            self.node(alt)

    def _resolve(self, node: Choice, engaged: list[Sequence]) -> list[Sequence]:
        wanted = mentions(node) & self.selected
        covering = [alt for alt in engaged if wanted <= mentions(alt)]
        if covering:
            return covering[:1]
        self.used |= wanted
        names = " and ".join(format_form(alt) for alt in engaged)
        self.problems.append(f"conflicting choices: {names} cannot be used together (choose one of {_options(node)})")
        return []

    def _given_order(self, alt: Sequence) -> int:
        """Alternatives of a ``*`` group come out in the order they were given."""
        names = mentions(alt) & self.selected
        return min(self.order.get(name, len(self.order)) for name in names)

    def repeat(self, node: Repeat) -> None:
        self.used.add(node.key)
        given = self.values.get(node.key)
        items = given if isinstance(given, (list, tuple)) else ([] if given is None else [given])
        if not items and nullable(node.item):
            return
        if not node.min <= len(items) <= node.max:
            self.problems.append(f"<{node.key}> takes {node.min} to {node.max} values, got {len(items)}")
            return
        single = repeated_argument(node)
        for item in items:
            if single is not None:
                self.argument(single.ref, item)
            else:
                self.iteration(node.item, item)

    def iteration(self, item: Node, given: object) -> None:
        sub = given if isinstance(given, Binding) else Binding(dict(given)) if isinstance(given, Mapping) else None
        if sub is None:
            self.problems.append(f"each repetition of {format_form(item)} needs a mapping of its values")
            return
        inner = _Renderer(sub.values, sub.keywords)
        inner.node(item)
        inner.check_unused()
        self.out.extend(inner.out)
        self.problems.extend(inner.problems)

    def check_unused(self) -> None:
        for name in sorted(self.selected - self.used):
            self.problems.append(f"{name!r} is not part of this form")


def _options(node: Choice) -> str:
    return ", ".join(repr(format_form(alt)) for alt in node.alternatives)


def render(
    form: Node,
    values: Mapping[str, object] | Binding | None = None,
    keywords: Collection[str] = (),
    order: Collection[str] = (),
) -> str:
    """The command line of ``form`` with these values and chosen keywords.

    In a labelled tree (see ``slots``) values and keywords are given by label. ``order``
    (names or labels) sets the order in which the chosen alternatives of a ``*`` group
    are written; by default, the order they are given in.
    Raises RenderError listing every problem (missing values, conflicting choices,
    unsendable values, givens the form does not use).
    """
    given: dict[str, object]
    if isinstance(values, Binding):
        given, chosen = dict(values.values), tuple(values.keywords)
    else:
        given, chosen = dict(values or {}), tuple(keywords)
    r = _Renderer(given, chosen, order)
    r.node(form)
    r.check_unused()
    if r.problems:
        raise RenderError(r.problems)
    return " ".join(r.out)
