"""Base class of the generated command classes.

A generated class only declares data (:mod:`vrpcmds_runtime.params`): its forms, undo
forms and parameters. Everything else (value checks, choosing the form that fits,
rendering, parsing) happens here, with the one grammar engine; what a line is (which
class, which form) is decided by the one resolver (:mod:`vrpcmds_runtime.resolve`) over
the compiled grammar the bindings package ships.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, ClassVar, Self

from .line import Binding, Token, quote_value, split_line
from .matcher import MatchError, match
from .params import CommandError, Form, Level, Param, Problem, _normal, check_param
from .render import RenderError, render
from .selection import _slots, choosing_keywords, read_binding, select
from .tree import Argument, walk
from .values import check_value

if TYPE_CHECKING:  # the resolver and the compiled grammar load when a line is first read
    from .compiled import CompiledForm, CompiledGrammar
    from .resolve import Candidate

__all__ = ["Command", "CommandError", "Form", "Level", "Param", "Problem", "package_grammar", "parse_line"]

# -- the command class ----------------------------------------------------------------


class Command:
    """A command with its arguments; ``str()`` gives the command line."""

    name: ClassVar[str] = ""
    views: ClassVar[tuple[str, ...]] = ()
    level: ClassVar[Level | None] = None
    models: ClassVar[tuple[str, ...]] = ()
    doc: ClassVar[str] = ""
    source: ClassVar[str] = ""
    forms: ClassVar[tuple[Form, ...]] = ()
    undo_forms: ClassVar[tuple[Form, ...]] = ()
    params: ClassVar[tuple[Param, ...]] = ()
    pages: ClassVar[tuple[str, ...]] = ()  # ids of the pages this class documents (undo pages too)
    variants: ClassVar[tuple[str, ...]] = ()  # a command documented as several: the classes of each

    _values: dict[str, Any]
    _negated: bool
    _prefer: Form | None
    _order: tuple[str, ...]
    _line: str
    _page: str | None = None

    def __init__(self, **values: Any) -> None:
        self._setup(values, negated=False)

    @classmethod
    def undo_of(cls, **values: Any) -> Self:
        """The object of the documented undo line that takes these values:
        ``Shutdown.undo_of()`` is ``undo shutdown``; ``str()`` gives the line."""
        obj = cls.__new__(cls)
        obj._setup(values, negated=True)
        return obj

    def _setup(
        self,
        values: Mapping[str, Any],
        negated: bool,
        prefer: Form | None = None,
        order: tuple[str, ...] = (),
    ) -> None:
        self._values = {k: v for k, v in values.items() if v is not None and v is not False}
        self._negated, self._prefer, self._order = negated, prefer, order
        if _variants(type(self)):
            variants = ", ".join(self.variants)
            raise CommandError(self.name, [Problem("", None, f"documented as several commands: use one of {variants}")])
        problems = self._check_values()
        line = None
        if not problems:
            line, problems = self._fit(self.undo_forms if negated else self.forms)
        if line is None:
            raise CommandError(("undo " if negated else "") + self.name, problems)
        self._line = line

    # -- values -------------------------------------------------------------

    def _check_values(self) -> list[Problem]:
        known = _param_table(type(self))
        problems: list[Problem] = []
        for name, value in self._values.items():
            param = known.get(name)
            if param is None:
                problems.append(Problem(name, value, "not a parameter of this command"))
            else:
                problems.extend(check_param(param, value))
        return problems

    def _fit(self, forms: Iterable[Form], subset: bool = False) -> tuple[str | None, list[Problem]]:
        """The line of the first form these values fit (the preferred one first), or every form's reasons.

        With ``subset``, each form takes the values it has slots for and ignores the others.
        """
        ordered = list(forms)
        if self._prefer in ordered:
            ordered.remove(self._prefer)
            ordered.insert(0, self._prefer)
        reasons: list[Problem] = []
        for form in ordered:
            labelled = form.labelled
            values = self._values
            if subset:
                slots = _slots(form)
                values = {
                    p.name: values[p.name]
                    for p in self.params
                    if p.name in values and (p.ref, p.kind) in slots
                }
            sel = select(self.params, values, _slots(form), labelled.fixed, _choosing(type(self), form))
            problems = sel.problems
            if not problems:
                try:
                    return render(
                        labelled.tree, sel.values, sel.keywords, self._order or self._syntax_order(sel.order)
                    ), []
                except RenderError as exc:
                    problems = [_readable(p, self.params) for p in exc.problems]
            reasons.append(Problem("", None, f"form {form.syntax!r}: " + "; ".join(problems)))
        if not reasons:
            reasons.append(Problem("", None, "this command has no such form"))
        return None, reasons

    def _syntax_order(self, clauses: Mapping[str, list[str]]) -> list[str]:
        """Labels of the given values in parameter order: ``*`` groups are written in syntax
        order, a clause's words in the order given."""
        order: list[str] = []
        for p in self.params:
            if p.name in self._values:
                order += [p.ref, *(f"{p.ref}={c}" for c in p.choices), *clauses.get(p.ref, ())]
        return order

    # -- public API -----------------------------------------------------------

    @property
    def page(self) -> str | None:
        """The id of the page whose form a parsed line was read as (None when built from arguments)."""
        return self._page

    @property
    def negated(self) -> bool:
        """True for an object read from an ``undo`` line: ``str()`` gives that undo line."""
        return self._negated

    def render(self) -> str:
        """The command line."""
        return self._line

    def __str__(self) -> str:
        return self._line

    def undo(self) -> str:
        """The undo line for these arguments; an error lists the undo forms when none fits.

        An undo form that takes every argument given wins; else the longest start of the
        command line that an undo form reads (``undo stp timer max-age`` for ``stp timer
        max-age 1000``, ``undo acl name a1`` where the undo form names the argument
        differently); else the first undo form whose slots the arguments fill, the others
        left out (``undo peer 10.1.1.1`` for a peer configured with more options). The undo
        form of a command read from an undo line is that line.
        """
        if self._negated:
            return self._line
        if not self.undo_forms:
            raise CommandError(f"undo {self.name}", [Problem("", None, "this command has no undo form")])
        line, _ = self._fit(self.undo_forms)
        if line is None:
            line = self._undo_prefix()
        if line is None:
            line, _ = self._fit(self.undo_forms, subset=True)
        if line is None:
            forms = ", ".join(repr(f.syntax) for f in self.undo_forms)
            given = ", ".join(f"{k}={v!r}" for k, v in self._values.items()) or "no arguments"
            raise CommandError(
                f"undo {self.name}",
                [Problem("", None, f"no undo form takes {given}; the undo forms are: {forms}")],
            )
        return line

    def _undo_prefix(self) -> str | None:
        """``undo`` and the longest start of the command line that an undo form reads."""
        tokens = split_line(self._line)
        table = {p.ref: p for p in self.params}

        def check(label: str, text: str) -> str | None:
            param = table.get(label)
            return check_value(param.constraint, text, sending=False) if param and param.kind != "flag" else None

        for end in range(len(tokens), 0, -1):
            words = ["undo", *(quote_value(t.text) if t.quoted else t.text for t in tokens[:end])]
            text = " ".join(words)
            for form in self.undo_forms:
                try:
                    match(form.labelled.tree, text, check=check)
                except MatchError:
                    continue
                return text
        return None

    @classmethod
    def parse(cls, line: str, view: str | Iterable[str] | None = None) -> Self:
        """The command object of a command line (keywords in any case; ``undo`` lines too).

        The line is resolved among this class's forms by the one resolver (in ``view``
        when given); values are checked against their constraints. A line that fits no
        form raises CommandError saying where it stopped fitting. The class of a command
        documented as several (``Rule``) gives the object of the variant the line is
        (``RuleBasicAcl``), chosen by the view when one is given.
        """
        grammar = package_grammar(cls.__module__)
        pages = frozenset(cls.pages)

        def mine(form: CompiledForm) -> bool:
            return form.command.id in pages if pages else form.command.name == cls.name

        from .resolve import resolve

        found = resolve(grammar, line, view, only=mine)
        best = found.best
        if best is None:
            raise CommandError(cls.name, [Problem("", None, _why(line, found.problem, found.error, found.ambiguous))])
        return cls.from_candidate(best)

    @classmethod
    def from_candidate(cls, candidate: Candidate) -> Self:
        """The object of a line the resolver read as one of this class's forms.

        A form of an undo page (``undo ip route-static ...`` documented on a page of its
        own) is one of the class's undo forms: the object is negated.
        """
        if _variants(cls):
            variant: type[Self] = _variant_of(cls, candidate)
            return variant.from_candidate(candidate)
        negated = candidate.form.undo
        form = None if negated else next((f for f in cls.forms if f.syntax == candidate.form.syntax), None)
        if form is None:
            negated = True
            form = next((f for f in cls.undo_forms if f.syntax == candidate.form.syntax), None)
        if form is None:
            raise CommandError(cls.name, [Problem("", None, f"{candidate.form.syntax!r} is not a form of this class")])
        binding = _labelled_binding(form, candidate)
        choosing = _choosing(cls, form)
        values = read_binding(cls.params, _slots(form), binding, form.labelled.fixed, choosing)
        order = tuple(r.label for r in binding.roles if r.label)
        obj = cls.__new__(cls)
        obj._page = candidate.form.command.id
        try:
            obj._setup(values, negated, prefer=form, order=order)
        except CommandError:
            # The line is valid for the grammar (the resolver checked every value against its
            # page's constraint) but this class cannot write it back from its arguments (a
            # merged parameter, a combined ``<prefix/length>`` value): it keeps the line as read.
            obj._values = {k: v for k, v in values.items() if v is not None and v is not False}
            obj._negated, obj._prefer, obj._order = negated, form, order
            obj._line = " ".join(quote_value(t.text) if t.quoted else t.text for t in _written(candidate))
        return obj

    def arguments(self) -> Mapping[str, Any]:
        """The arguments given, by parameter name."""
        return dict(self._values)

    def _key(self) -> tuple[Any, ...]:
        table = _param_table(type(self))
        return (self._negated, tuple(sorted((k, _normal(table[k], v)) for k, v in self._values.items())))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._key()))

    def __repr__(self) -> str:
        """The constructor call that gives an equal object: ``IkeHeartbeat(seq_num='old')``,
        ``Shutdown.undo_of()`` for the object of an undo line."""
        args = ", ".join(f"{k}={v!r}" for k, v in self._values.items())
        return f"{type(self).__name__}{'.undo_of' if self._negated else ''}({args})"


def _choosing(cls: type[Command], form: Form) -> frozenset[str]:
    """Keywords ``form`` always writes that are arguments all the same: those that choose it
    among its siblings (main or undo forms), and those the main forms leave to the user
    (``undo ike heartbeat spi-list`` undoes ``spi_list=True``, not any heartbeat setting)."""
    key = (cls, form in cls.undo_forms and form not in cls.forms)
    found = _CHOOSING.get(key)
    if found is None:
        siblings = cls.undo_forms if key[1] else cls.forms
        decided = {
            word.lower()
            for f in cls.forms
            for slot in _slots(f).values()
            if slot.kind == "flag"
            for word in slot.keywords
        }
        found = _CHOOSING[key] = choosing_keywords(sorted(f.syntax for f in siblings), cls.name) | decided
    return found


_CHOOSING: dict[tuple[type[Command], bool], frozenset[str]] = {}


def _variants(cls: type[Command]) -> tuple[str, ...]:
    """The variants a class is the way into (its own declaration: a variant, its subclass, has none)."""
    found: tuple[str, ...] = cls.__dict__.get("variants", ())
    return found


def _variant_of(cls: type[Command], candidate: Candidate) -> Any:
    """The class, among the variants of ``cls``, that documents the page a line resolved to."""
    package = _package(cls.__module__)
    index = importlib.import_module(f"{package}._index")
    name = index.CLASSES.get(candidate.form.command.id)
    if name is None or name not in _variants(cls):
        raise CommandError(cls.name, [Problem("", None, f"{candidate.form.syntax!r} is not a form of this class")])
    return getattr(importlib.import_module(package), name)


_PARAM_TABLES: dict[type[Command], dict[str, Param]] = {}


def _param_table(cls: type[Command]) -> dict[str, Param]:
    table = _PARAM_TABLES.get(cls)
    if table is None:
        table = _PARAM_TABLES[cls] = {p.name: p for p in cls.params}
    return table


def _readable(problem: str, params: Iterable[Param]) -> str:
    """A renderer message with slot labels replaced by parameter names."""
    for p in params:
        problem = problem.replace(f"<{p.ref}>", p.name).replace(repr(p.ref), p.name)
    return problem


def _labelled_binding(form: Form, candidate: Candidate) -> Binding:
    """The candidate's line matched again on the form's labelled tree (values under slot labels).

    The tokens, abbreviations and value checks are the resolver's, so the reading is the same.
    """
    compiled = candidate.form
    names = {a.ref: a.name for a in _arguments(form)}

    def check(label: str, text: str) -> str | None:
        return compiled.check(names.get(label, label), text)

    def rest(label: str) -> bool:
        return compiled.takes_rest(names.get(label, label))

    try:
        return match(
            form.labelled.tree, list(candidate.tokens), check=check, prefixes=candidate.abbreviated > 0, rest=rest
        )
    except MatchError as exc:  # pragma: no cover - the resolver matched the same tree shape
        raise CommandError(form.syntax, [Problem("", None, str(exc))]) from None


@cache
def _arguments_of(syntax: str, clauses: tuple[str, ...]) -> tuple[Argument, ...]:
    return tuple(n for n in walk(Form(syntax, clauses=clauses).labelled.tree) if isinstance(n, Argument))


def _arguments(form: Form) -> tuple[Argument, ...]:
    return _arguments_of(form.syntax, form.clauses)


def _written(candidate: Candidate) -> list[Token]:
    """The tokens of the line as it was written (an interface name split for matching is one token)."""
    out: list[Token] = []
    for t in candidate.tokens:
        if out and t.column < out[-1].column + len(out[-1].text) + (2 if out[-1].quoted else 0):
            out[-1] = Token(out[-1].text + t.text, out[-1].column, out[-1].quoted)
        else:
            out.append(t)
    return out


def _why(line: str, problem: str, error: MatchError | None, ambiguous: list[Candidate]) -> str:
    if problem:
        return problem
    if ambiguous:
        return f"{line!r} is ambiguous: " + " or ".join(sorted({c.command for c in ambiguous}))
    if error is not None:
        return f"{line!r} does not match: {error}"
    return f"no documented command starts like {line!r}"


# -- the package's compiled grammar ---------------------------------------------------

_GRAMMARS: dict[str, CompiledGrammar] = {}


def _package(module: str) -> str:
    return module.split(".commands.", 1)[0] if ".commands." in module else module


def package_grammar(module: str) -> CompiledGrammar:
    """The compiled grammar shipped in the bindings package a class module belongs to."""
    package = _package(module)
    grammar = _GRAMMARS.get(package)
    if grammar is None:
        text = resources.files(package).joinpath("_grammar.json").read_text(encoding="utf-8")
        from .compiled import load_grammar

        grammar = _GRAMMARS[package] = load_grammar(text)
    return grammar


def parse_line(
    line: str, classes: Mapping[str, type[Command]] | Any, package: str, view: str | Iterable[str] | None = None
) -> Command:
    """The command object of ``line`` among a bindings package's classes (in ``view`` when given).

    ``classes`` maps page (record) ids to classes (looked up lazily). The one resolver
    decides the command and form over the package's compiled grammar.
    """
    grammar = package_grammar(package)
    from .resolve import resolve

    found = resolve(grammar, line, view)
    best = found.best
    if best is None:
        raise CommandError(line, [Problem("", None, _why(line, found.problem, found.error, found.ambiguous))])
    found_class: type[Command] = classes[best.form.command.id]
    return found_class.from_candidate(best)
