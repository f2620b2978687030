"""The HTML scraper on the real CE6800 reference (1,698 pages), checked against the pages.

The corpus is read from ``../shared/corpus`` at run time and never copied into the
project; without it these tests skip, saying so. Every page is scraped once per session
(in two worker processes). What the records say is checked against the pages
themselves, computed here independently of the scraper (BeautifulSoup, token by token):

* every record validates against the JSON Schema;
* every syntax line is the page's Format line in canonical marked form;
* views and level are the page's;
* the example lines typed for the page's own command match one of its forms with the
  grammar engine (no prefixes), at least 95% of them; the failures are written to
  ``test-artifacts/corpus-example-failures.txt`` with their reason.
"""

from __future__ import annotations

import multiprocessing
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag
from vrpcmds_model.store import RecordError, validate
from vrpcmds_runtime.line import LineError
from vrpcmds_runtime.matcher import MatchError, match
from vrpcmds_runtime.notation import NotationError, parse_form
from vrpcmds_runtime.values import Constraint, check_value
from vrpcmds_scraper.api import NotACommandPage, ScrapeError, scrape_html

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
ARTIFACTS = REPO / "test-artifacts"
WORKERS = 2
EXAMPLE_TARGET = 0.95

# Format lines whose canonical form the scraper may not reproduce, with the reason.
# Empty: every Format line of the corpus is reproduced exactly.
SYNTAX_EXCEPTIONS: dict[str, str] = {}

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"corpus absent: {CORPUS} not found (the real pages live in ../shared, outside the project)",
)


# --- independent reading of a page (BeautifulSoup) ----------------------------------------

_TOKEN = re.compile(r"&<\d+-\d+>|[{}\[\]|*]|[^\s{}\[\]|*]+")
_APPLICABILITY = re.compile(r"^For\s.+:$")
_LEVEL = re.compile(r"^(\d+)\s*:\s*(.+)$")


def expected_form(p: Tag) -> str:
    """A Format paragraph token by token: bold words keywords, italic words <arguments>."""
    tokens: list[str] = []
    for node in p.descendants:
        if not isinstance(node, NavigableString):
            continue
        italic = _italic(node, p)
        for token in _TOKEN.findall(str(node).replace("\u00a0", " ")):
            marked = token in "{}[]|*" or token.startswith("&<")
            tokens.append(f"<{token}>" if italic and not marked else token)
    return " ".join(tokens)


def _italic(node: NavigableString, p: Tag) -> bool:
    """Whether the innermost marking element around ``node`` (below ``p``) is italic."""
    for parent in node.parents:
        if parent is p:
            return False
        classes = parent.get_attribute_list("class")
        if parent.name in ("i", "em") or "varname" in classes:
            return True
        if parent.name in ("b", "strong") or "cmdname" in classes:
            return False
    return False


def expected_facts(soup: BeautifulSoup, name: str) -> dict[str, Any]:
    """Forms, views and level as the page shows them."""
    syntax: list[str] = []
    undo: list[str] = []
    for p in soup.select("div.cliformat p"):
        text = " ".join(p.get_text().split())
        if not text or text.startswith("#") or _APPLICABILITY.match(text):
            continue
        form = expected_form(p)
        target = undo if form.split(" ", 1)[0] == "undo" and not name.startswith("undo ") else syntax
        if form not in target:
            target.append(form)
    views: list[str] = []
    for p in soup.select("div.cliview p"):
        for item in p.get_text().split(","):
            if item.strip() and " ".join(item.split()) not in views:
                views.append(" ".join(item.split()))
    level = None
    for p in soup.select("div.clidefaultlevel p"):
        m = _LEVEL.match(" ".join(p.get_text().split()))
        if m:
            level = {"number": int(m.group(1)), "name": m.group(2)}
            break
    return {"syntax": syntax, "undo_syntax": undo, "views": views, "level": level}


# --- one page, in a worker -------------------------------------------------------------------


@dataclass
class PageResult:
    path: str
    record: dict[str, Any] | None = None
    error: str = ""
    invalid: str = ""
    expected: dict[str, Any] = field(default_factory=dict)


def read_one(path: str) -> PageResult:
    """Scrape one page and read it independently; never raises."""
    result = PageResult(path)
    data = Path(path).read_bytes()
    try:
        command = scrape_html(data, path)
    except (ScrapeError, NotACommandPage) as exc:
        result.error = str(exc)
        return result
    result.record = command.to_dict()
    try:
        validate(result.record, path)
    except RecordError as exc:
        result.invalid = str(exc)
    result.expected = expected_facts(BeautifulSoup(data, "lxml"), command.name)
    return result


@pytest.fixture(scope="session")
def corpus() -> list[PageResult]:
    """Every page of the corpus, scraped once per session."""
    paths = sorted(str(p) for p in CORPUS.rglob("*.html"))
    if "fork" in multiprocessing.get_all_start_methods():
        with multiprocessing.get_context("fork").Pool(WORKERS) as pool:
            return pool.map(read_one, paths, chunksize=16)
    return [read_one(p) for p in paths]


def records(corpus: list[PageResult]) -> Iterator[tuple[PageResult, dict[str, Any]]]:
    for result in corpus:
        if result.record is not None:
            yield result, result.record


# --- (a) schema -------------------------------------------------------------------------------


def test_every_page_gives_a_record(corpus: list[PageResult]) -> None:
    failed = [f"{r.path}: {r.error}" for r in corpus if r.record is None]
    assert len(corpus) >= 1698
    assert failed == []


def test_every_record_validates_against_the_json_schema(corpus: list[PageResult]) -> None:
    assert [r.invalid for r in corpus if r.invalid] == []


# --- (b) syntax ----------------------------------------------------------------------------


def test_every_syntax_line_is_the_pages_format_line_in_canonical_form(corpus: list[PageResult]) -> None:
    differences = []
    lines = same = 0
    for result, record in records(corpus):
        for key in ("syntax", "undo_syntax"):
            got, want = record[key], result.expected[key]
            lines += len(want)
            same += sum(1 for a, b in zip(got, want) if a == b)
            if got != want and result.path not in SYNTAX_EXCEPTIONS:
                differences.append(f"{result.path}: {key}: {got} != {want}")
    print(f"\nsyntax lines equal to the page's: {same}/{lines} ({same / max(lines, 1):.2%})")
    assert differences == []


def test_syntax_lines_parse_and_round_trip(corpus: list[PageResult]) -> None:
    from vrpcmds_runtime.notation import format_form

    bad = [
        (r.path, line)
        for r, record in records(corpus)
        for line in record["syntax"] + record["undo_syntax"]
        if format_form(parse_form(line)) != line
    ]
    assert bad == []


# --- (c) views and level ---------------------------------------------------------------------


def test_views_and_level_are_the_pages(corpus: list[PageResult]) -> None:
    wrong = []
    total = 0
    for result, record in records(corpus):
        total += 1
        if record["views"] != result.expected["views"]:
            wrong.append(f"{result.path}: views {record['views']} != {result.expected['views']}")
        if record.get("level") != result.expected["level"]:
            wrong.append(f"{result.path}: level {record.get('level')} != {result.expected['level']}")
    print(f"\nviews and level equal to the page's on {total - len(wrong)}/{total} pages")
    assert wrong == []


# --- (d) examples against the grammar engine ----------------------------------------------


@dataclass
class ExampleCheck:
    path: str
    line: str
    reason: str = ""


def own_lines(record: dict[str, Any]) -> list[str]:
    """Typed example lines of the page's own command (name words in order, or undo + name)."""
    name = record["name"].split()
    out = []
    for example in record.get("examples", []):
        for typed in example.get("commands", []):
            words = typed["command"].split()
            body = words[1:] if words[:1] == ["undo"] and name[:1] != ["undo"] else words
            if body[:1] == name[:1] and _in_order(name, body):
                out.append(typed["command"])
    return out


def _in_order(needles: list[str], words: list[str]) -> bool:
    rest = iter(w.lower() for w in words)
    return all(any(w == n.lower() for w in rest) for n in needles)


def constraints(record: dict[str, Any]) -> dict[str, Constraint]:
    """The value constraint of each argument the Parameters table types."""
    out: dict[str, Constraint] = {}
    for parameter in record["parameters"]:
        value = parameter["value"]
        args = re.findall(r"<([^<>]+)>", parameter["name"])
        if len(args) != 1 or value["type"] in ("text", "none"):
            continue
        out[args[0]] = Constraint(
            type=value["type"],
            min=value.get("min"),
            max=value.get("max"),
            min_length=value.get("min_length"),
            max_length=value.get("max_length"),
            choices=tuple(value.get("choices", ())),
            spaces=bool(value.get("spaces")),
            forbidden=value.get("forbidden", ""),
        )
    return out


def check_example(record: dict[str, Any], line: str, typed: bool) -> str:
    """'' when the line matches a form of the page, else the closest reason."""
    table = constraints(record) if typed else {}

    def check(name: str, text: str) -> str | None:
        return check_value(table[name], text) if name in table else None

    reasons = []
    for form in record["syntax"] + record["undo_syntax"]:
        try:
            match(parse_form(form), line, check=check, prefixes=False)
            return ""
        except (MatchError, LineError) as exc:
            reasons.append((getattr(exc, "index", 0), f"{form}: {exc}"))
        except NotationError as exc:
            reasons.append((-1, f"{form}: unreadable form: {exc}"))
    return max(reasons)[1] if reasons else "the page has no form"


def example_checks(corpus: list[PageResult], typed: bool) -> tuple[int, list[ExampleCheck]]:
    total = 0
    failures = []
    for result, record in records(corpus):
        for line in own_lines(record):
            total += 1
            reason = check_example(record, line, typed)
            if reason:
                failures.append(ExampleCheck(result.path, line, reason))
    return total, failures


_FREE_TEXT = re.compile(r"<(?:[\w-]*(?:desc\w*|text|description|command-\w+|information))>")


def cause(check: ExampleCheck) -> str:
    """The likely cause of a failure, from the line and the closest form (see the closing note)."""
    form = check.reason.split(": token", 1)[0].split(": line ended", 1)[0]
    if " | " in check.line:
        return "display output filter (| include, | begin) after the command: not part of any form"
    if "is not a valid" in check.reason:
        return "a value outside the constraint of the page's own Parameters table"
    if re.search(r"\] &<\d+-\d+>|\{ \[ [^{}]*\] \| \[ [^{}]*\] \} \*|\{ \[ vlan", form):
        return "repeated or starred group of optional items: the matcher wants a token in it"
    if "end of line" in check.reason and _FREE_TEXT.search(form):
        return "free text with spaces, unquoted: the device reads the rest of the line"
    if re.search(r"\b\d+GE\d|(?i:eth-trunk|vlanif|vbdif)\d", check.line):
        return "interface type and number written as one token"
    return "the example types another form or command than the page documents"


def test_example_commands_match_the_pages_forms(corpus: list[PageResult]) -> None:
    total, failures = example_checks(corpus, typed=False)
    rate = 1 - len(failures) / max(total, 1)
    print(
        f"\nexample lines of the page's own command matching a form: {total - len(failures)}/{total} ({rate:.2%})"
    )
    _write_failures("corpus-example-failures.txt", total, failures)
    assert total > 1000
    assert rate >= EXAMPLE_TARGET


def test_example_values_fit_the_parameter_constraints(corpus: list[PageResult]) -> None:
    """With the value constraints applied, matches stay above the target too."""
    _, plain = example_checks(corpus, typed=False)
    total, failures = example_checks(corpus, typed=True)
    new = [f for f in failures if (f.path, f.line) not in {(p.path, p.line) for p in plain}]
    rate = 1 - len(failures) / max(total, 1)
    print(f"\nwith value constraints: {total - len(failures)}/{total} ({rate:.2%}); {len(new)} more failures")
    _write_failures("corpus-example-value-failures.txt", total, new)
    assert rate >= EXAMPLE_TARGET


def _write_failures(name: str, total: int, failures: list[ExampleCheck]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    causes = Counter(cause(f) for f in failures)
    lines = [f"{len(failures)} of {total} example lines do not match", ""]
    lines += [f"{n:4d}  {c}" for c, n in causes.most_common()] + [""]
    for f in failures:
        lines += [
            f"{f.path}",
            f"    line:   {f.line}",
            f"    cause:  {cause(f)}",
            f"    detail: {f.reason}",
            "",
        ]
    (ARTIFACTS / name).write_text("\n".join(lines), encoding="utf-8")


# --- the rest of the record ------------------------------------------------------------------


def test_warnings_name_a_section_and_a_kind(corpus: list[PageResult]) -> None:
    kinds = Counter((w["section"], w["kind"]) for _, record in records(corpus) for w in record["warnings"])
    print("\nwarnings: " + ", ".join(f"{s}/{k}: {n}" for (s, k), n in kinds.most_common()))
    assert all(section and kind for section, kind in kinds)


def test_value_types_cover_most_cells(corpus: list[PageResult]) -> None:
    types = Counter(p["value"]["type"] for _, record in records(corpus) for p in record["parameters"])
    total = sum(types.values())
    print("\nvalue types: " + ", ".join(f"{t}: {n}" for t, n in types.most_common()) + f" (of {total})")
    assert total > 4000
    assert types["text"] / total < 0.10


def test_identity_and_source_come_from_the_page(corpus: list[PageResult]) -> None:
    for result, record in records(corpus):
        source = record["source"]
        assert record["id"] == source["identifier"], result.path
        assert source["published"] == "2023-04-13", result.path
        assert source["feature_area"].split(" / ")[0] in result.path.replace("_", " "), result.path
        assert not record["name"].endswith(")"), result.path
