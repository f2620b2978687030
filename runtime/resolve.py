"""The one resolver: which command is this line, with which values, in which view.

Every stage asks here: the bindings (``vrpcmds.parse``, ``Class.parse``), ``check``,
``explain``, the view derivation and the differ. Nothing else decides what a line is.

**The ranking rule.** A line is matched against the forms whose first two keywords it can
start with (:meth:`CompiledGrammar.candidates`), with each argument's value constraint
applied. Candidates are ranked by, in order:

1. the view filter, when a view is given: forms documented in that view first;
2. exact keywords before abbreviations: a line whose keywords are all written in full
   never resolves to a reading that needs an abbreviation (abbreviations are only tried
   when no form takes the line as written), and among abbreviated readings fewer
   abbreviations first;
3. more keywords matched before fewer;
4. more leading keywords (the form's fixed command words) before fewer, then shorter
   forms before longer ones: the more specific command;
5. the line's tokens as written before an interface name written as one token
   (``100GE1/0/1``, ``Vlanif10``) read as a type and a number;
6. the order of the forms in the grammar (records sorted by path, main forms first).

A ``display`` line may end with an output filter (``| include user``, ``| begin x``,
``| exclude x``, ``| count``, ``| no-more``), which the device applies to any display
command; the command is the part before the ``|``.

When the best abbreviated readings expand one token to different keywords, the line is
ambiguous: the resolution says so and names the readings, never guessing. When no form
fits, the resolution gives the furthest point any candidate reached and what was
expected there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .compiled import CompiledForm, CompiledGrammar, leading_keywords
from .line import Binding, LineError, Token, split_line
from .matcher import MatchError, match

_INTERFACE = re.compile(r"^(\d*[A-Za-z][A-Za-z-]*?)(\d+(?:[/:.]\d+)*)$")


@dataclass(frozen=True)
class Candidate:
    """One reading of a line: the form, what it binds, and how it was read."""

    form: CompiledForm
    binding: Binding
    tokens: tuple[Token, ...]
    abbreviated: int  # keywords written as a prefix
    keywords: int  # keywords matched
    split: bool  # an interface name was read as type + number
    in_view: bool  # documented in the given view (True when no view was given)

    @property
    def command(self) -> str:
        return self.form.command.name

    def rank(self) -> tuple[int, int, int, int, int, int, int]:
        """The ranking key of the module docstring (smaller is better)."""
        return (
            0 if self.in_view else 1,
            self.abbreviated,
            -self.keywords,
            -len(leading_keywords(self.form.tree)),
            len(self.form.syntax.split()),
            1 if self.split else 0,
            self.form.index,
        )


@dataclass
class Resolution:
    """What a line is: ranked candidates, or why none fits."""

    line: str
    views: tuple[str, ...] | None
    candidates: list[Candidate] = field(default_factory=list)
    considered: list[CompiledForm] = field(default_factory=list)  # forms that start like the line
    error: MatchError | None = None  # the furthest failure, when nothing fits
    error_form: CompiledForm | None = None
    ambiguous: list[Candidate] = field(default_factory=list)  # best readings that disagree
    problem: str = ""  # the line itself cannot be read (control characters, too long)
    prefixes: bool = False  # abbreviations were needed
    filter: str | None = ""  # a display command's output filter (``| include x``), as written

    @property
    def best(self) -> Candidate | None:
        """The winning candidate (None when nothing fits or the line is ambiguous)."""
        if self.ambiguous or not self.candidates:
            return None
        return self.candidates[0]

    @property
    def status(self) -> str:
        if self.problem:
            return "invalid"
        if self.ambiguous:
            return "ambiguous"
        if self.candidates:
            return "ok"
        if self.error is not None and self.error.message.startswith("ambiguous"):
            return "ambiguous"
        return "invalid" if self.considered else "unknown"


FormFilter = Callable[[CompiledForm], bool]


def resolve(
    grammar: CompiledGrammar,
    line: str,
    view: str | Iterable[str] | None = None,
    prefixes: bool = True,
    only: FormFilter | None = None,
) -> Resolution:
    """Resolve one command line (see the module docstring for the ranking rule).

    ``view`` is the view the line is typed in, or the views it may be in (a line under
    one that opens one of several views); None when not known. ``only`` restricts the
    forms considered (a class parsing its own lines); with ``prefixes`` False
    abbreviations are never tried.
    """
    views = None if view is None else ((view,) if isinstance(view, str) else tuple(view))
    result = Resolution(line.strip(), views)
    try:
        tokens = split_line(line)
    except LineError as exc:
        result.problem = str(exc)
        return result
    tokens, result.filter = _output_filter(tokens)
    if result.filter is None:
        result.problem = "an output filter needs one of: " + ", ".join(sorted(_FILTERS))
        return result
    words = [t.text for t in tokens]
    passes = (False, True) if prefixes else (False,)
    for abbreviate in passes:
        forms = [f for f in grammar.candidates(words, abbreviate) if only is None or only(f)]
        if abbreviate and not forms:
            break
        result.considered = forms
        result.prefixes = abbreviate
        _try(result, forms, tokens, abbreviate)
        if result.candidates or result.ambiguous:
            break
    result.candidates.sort(key=Candidate.rank)
    if result.candidates and result.prefixes:
        result.ambiguous = _ambiguity(result.candidates)
    return result


def _try(result: Resolution, forms: Sequence[CompiledForm], tokens: list[Token], abbreviate: bool) -> None:
    """Match every form against the line as written, then with interface names split."""
    variants: list[tuple[list[Token], bool]] = [(tokens, False)]
    split = split_interfaces(tokens)
    if split is not None:
        variants.append((split, True))
    for form in forms:
        for toks, was_split in variants:
            try:
                binding = match(form.tree, toks, check=form.check, prefixes=abbreviate, rest=form.takes_rest)
            except MatchError as exc:
                if not was_split and (result.error is None or exc.index > result.error.index):
                    result.error, result.error_form = exc, form
                continue
            result.candidates.append(_candidate(result, form, binding, toks, was_split))
            break


def _candidate(result: Resolution, form: CompiledForm, binding: Binding, toks: list[Token], split: bool) -> Candidate:
    keyword_roles = [r for r in binding.roles if r.kind == "keyword"]
    abbreviated = sum(1 for r in keyword_roles if toks[r.start].text.lower() != r.name.lower())
    in_view = result.views is None or any(form.command.view_set.allows(v) for v in result.views)
    return Candidate(form, binding, tuple(toks), abbreviated, len(keyword_roles), split, in_view)


def _ambiguity(ranked: list[Candidate]) -> list[Candidate]:
    """The best readings when they expand an abbreviated token to different keywords."""
    top = [c for c in ranked if c.rank()[:3] == ranked[0].rank()[:3]]
    readings = [_expansions(c) for c in top]
    short = {i for r in readings for i in r}
    for index in sorted(short):
        meanings = {r.get(index) for r in readings}
        if len(meanings) > 1:
            seen: dict[str | None, Candidate] = {}
            for c, r in zip(top, readings):
                seen.setdefault(r.get(index), c)
            return list(seen.values())
    return []


def _expansions(c: Candidate) -> dict[int, str]:
    """Token index -> the keyword an abbreviated token was read as."""
    return {
        r.start: r.name.lower()
        for r in c.binding.roles
        if r.kind == "keyword" and c.tokens[r.start].text.lower() != r.name.lower()
    }


_FILTERS = {"begin": True, "exclude": True, "include": True, "section": True, "count": False, "no-more": False}


def _output_filter(tokens: list[Token]) -> tuple[list[Token], str | None]:
    """A display line's trailing ``| filter`` split off (None when the filter is not one)."""
    bar = next((i for i, t in enumerate(tokens) if t.text == "|" and not t.quoted), None)
    if bar is None or not tokens or not "display".startswith(tokens[0].text.lower()) or len(tokens[0].text) < 3:
        return tokens, ""
    rest = tokens[bar + 1 :]
    name = rest[0].text.lower() if rest else ""
    takes = _FILTERS.get(name)
    if takes is None or (takes and len(rest) < 2) or (not takes and len(rest) > 1):
        return tokens, None
    return tokens[:bar], " ".join(t.text for t in tokens[bar:])


def split_interfaces(tokens: list[Token]) -> list[Token] | None:
    """``100GE1/0/1`` written as one token, split into type and number (None if no token is)."""
    out: list[Token] = []
    changed = False
    for t in tokens:
        m = _INTERFACE.match(t.text) if not t.quoted else None
        if m:
            out += [Token(m.group(1), t.column), Token(m.group(2), t.column + len(m.group(1)))]
            changed = True
        else:
            out.append(t)
    return out if changed else None


__all__ = ["Candidate", "Resolution", "resolve", "split_interfaces"]
