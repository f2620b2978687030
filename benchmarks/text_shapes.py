"""Benchmark: text inference on corpus pages turned into every text-dump shape.

    python benchmarks/text_shapes.py [CMDREF_FOLDER] [--limit N] [--shapes a,b] [--misses FILE]

Each HTML command page of the corpus is rendered as text the way real dumps look
(PAGE-FORMATS.md, section 2): headed, headless with the site around it, a readability
extract that begins with the Function sentence, every flattened-table style, the table
dropped, and the three main renderings cut at 2,000 bytes. Every rendering is scraped by
the function the scrape command uses (``scrape_bytes``) and scored against the record the
HTML scraper gives for the very same page: the share of command names right and of syntax
lines exact (keyword/argument marks included; for cut pages only pages whose Format
section survived the cut are scored), pages that gave no record (with the reason), crashes
(exceptions other than a scrape error) and time. The corpus is read from ../shared when
no folder is given; without it the script says so and exits 0. Nothing it renders is
written to the project.
"""

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from vrpcmds_model.record import Record, Section
from vrpcmds_scraper.api import NotACommandPage, ScrapeError, scrape_bytes, scrape_html
from vrpcmds_scraper.html_sections import read_page
from vrpcmds_scraper.html_tree import decode_page, parse_html
from vrpcmds_scraper.sections import EXAMPLE, FORMAT, FUNCTION, LEVEL, PARAMETERS, USAGE, VIEWS

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
ORDER: tuple[Section, ...] = (FUNCTION, FORMAT, PARAMETERS, VIEWS, LEVEL, USAGE, EXAMPLE)
CUT = 2000
_BLOCK_TAGS = frozenset({"p", "pre", "li", "h3", "h4", "h5", "h6", "dt", "dd", "caption"})
SITE_HEAD = [
    "This site uses cookies. By continuing to browse the site you are agreeing to our use of cookies.",
    "",
    "CloudEngine CE6800 V300R023C00 Commands Reference",
    "",
    "Rate and give feedback:",
    "Huawei uses machine translation combined with human proofreading to translate this document.",
]
SITE_FOOT = [
    "",
    "Updated: 2023-04-13",
    "",
    "Document ID: EDOC0000000000",
    "",
    "Views: 1024",
    "Average rating:",
]


# --- an HTML page as blocks ---------------------------------------------------------------


@dataclass
class Table:
    """A table as rows of cells, each cell a list of text blocks."""

    rows: list[list[list[str]]]


Block = str | Table


@dataclass
class Page:
    """What a text rendering needs of one HTML page."""

    title: str
    sections: dict[Section, list[Block]] = field(default_factory=dict)


def _text(element: etree._Element, pre: bool = False) -> str:
    text = "".join(element.itertext()).replace("\u00a0", " ")
    if pre:
        return "\n".join(line.rstrip() for line in text.strip("\n").split("\n"))
    return " ".join(text.split())


def blocks(element: etree._Element) -> Iterator[Block]:
    """Text blocks (paragraphs, list items, preformatted lines) and tables of an element."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "table":
        yield Table(
            [[list(_cell_blocks(cell)) for cell in row.iter("td", "th")] for row in element.iter("tr")]
        )
    elif tag == "pre":
        yield _text(element, pre=True)
    elif tag in _BLOCK_TAGS and not any(
        isinstance(c.tag, str) and c.tag in _BLOCK_TAGS | {"table", "ul", "ol"} for c in element
    ):
        text = _text(element)
        if text:
            yield f"  \u2022 {text}" if tag == "li" else text
    elif len(element):
        if element.text and element.text.strip():
            yield " ".join(element.text.split())
        for child in element:
            yield from blocks(child)
            if child.tail and child.tail.strip():
                yield " ".join(child.tail.split())
    elif _text(element):
        yield _text(element)


def _cell_blocks(cell: etree._Element) -> Iterator[str]:
    for block in blocks(cell):
        if isinstance(block, str):
            yield block


def read(data: bytes) -> Page | None:
    root, _ = parse_html(decode_page(data).data)
    if root is None:
        return None
    tree = read_page(root)
    page = Page(tree.title())
    for section in ORDER:
        page.sections[section] = [b for e in tree.sections.get(section, []) for b in blocks(e)]
    return page


# --- tables flattened --------------------------------------------------------------------------

TableStyle = Callable[[Table], list[str]]


def _header_then_paragraphs(table: Table, header: bool = True, header_cells: bool = False) -> list[str]:
    out: list[str] = []
    head, rows = table.rows[:1], table.rows[1:]
    if header and header_cells:
        out += [x for cell in head[0] for x in (" ".join(cell), "")] if head else []
    elif header:
        out += [" ".join(" ".join(cell) for cell in head[0]), ""] if head else []
    for row in rows:
        for cell in row:
            for text in cell or [""]:
                out += [text, ""]
    return out


def table_paragraphs(table: Table) -> list[str]:
    return _header_then_paragraphs(table)


def table_header_cells(table: Table) -> list[str]:
    return _header_then_paragraphs(table, header_cells=True)


def table_headless(table: Table) -> list[str]:
    return _header_then_paragraphs(table, header=False)


def table_cells(table: Table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        for cell in row:
            lines = cell or [""]
            out += lines[:-1] + [f"{lines[-1]} |".lstrip()]
    return out


def table_markdown(table: Table) -> list[str]:
    def row(cells: list[list[str]]) -> str:
        return "| " + " | ".join("<br />".join(c).replace("|", "\\|") for c in cells) + " |"

    head, rows = table.rows[:1], table.rows[1:]
    out = [row(head[0]), "|" + "---|" * len(head[0])] if head else []
    return out + [row(r) for r in rows]


def _joined_rows(table: Table, sep: str) -> list[str]:
    return [sep.join(" ".join(cell) for cell in row) for row in table.rows]


def table_tabs(table: Table) -> list[str]:
    return _joined_rows(table, "\t")


def table_spaces(table: Table) -> list[str]:
    return _joined_rows(table, " ")


def table_dropped(table: Table) -> list[str]:
    return []


# --- whole renderings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    name: str
    headings: bool
    head: str  # "title", "site" (boilerplate, title twice) or "function" (no title at all)
    table: TableStyle
    cut: bool = False


SHAPES = (
    Shape("headed", True, "title", table_paragraphs),
    Shape("headless-site", False, "site", table_headless),
    Shape("function-first", False, "function", table_headless),
    Shape("table-header-cells", True, "title", table_header_cells),
    Shape("table-cells", True, "title", table_cells),
    Shape("table-markdown", True, "title", table_markdown),
    Shape("table-rows-tabs", True, "title", table_tabs),
    Shape("table-rows-spaces", True, "title", table_spaces),
    Shape("table-dropped", False, "function", table_dropped),
    Shape("headed-cut", True, "title", table_paragraphs, cut=True),
    Shape("headless-site-cut", False, "site", table_headless, cut=True),
    Shape("function-first-cut", False, "function", table_headless, cut=True),
)


def render(page: Page, shape: Shape) -> tuple[str, int]:
    """The text of one rendering and the byte offset where its Format section ends."""
    lines: list[str] = []
    if shape.head == "site":
        lines += SITE_HEAD + [page.title, "", page.title, "", ""]
    elif shape.head == "title":
        lines += ["CloudEngine CE6800 V300R023C00 Commands Reference", "", page.title, ""]
    format_end = 0
    for section in ORDER:
        content = page.sections.get(section, [])
        if not content:
            continue
        if shape.headings:
            lines += [section, ""]
        for block in content:
            lines += shape.table(block) if isinstance(block, Table) else [block, ""]
        if section == FORMAT:
            format_end = len("\n".join(lines).encode())
    if shape.head != "function":
        lines += SITE_FOOT
    text = "\n".join(lines) + "\n"
    if shape.cut:
        text = text.encode()[:CUT].decode("utf-8", "ignore")
    return text, format_end


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Score:
    pages: int = 0
    names: int = 0
    scored_pages: int = 0
    lines: int = 0
    exact: int = 0
    pages_exact: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    crashes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    misses: list[str] = field(default_factory=list)


def forms(record: Record) -> list[str]:
    return record.syntax + record.undo_syntax


def score_one(score: Score, expected: Record, text: str, format_complete: bool, shown: str) -> None:
    score.pages += 1
    start = time.perf_counter()
    try:
        got = scrape_bytes(text.encode(), shown)
    except ScrapeError as exc:
        score.failed[f"{exc.section}: {exc.message[:70]}"] += 1
        score.misses.append(f"{shown}: no record: {exc}")
        return
    except NotACommandPage as exc:
        score.failed[f"skipped: {exc.reason[:70]}"] += 1
        return
    except Exception as exc:  # noqa: BLE001 - counted, the benchmark goes on
        score.crashes.append(f"{shown}: {type(exc).__name__}: {exc}")
        return
    finally:
        score.seconds += time.perf_counter() - start
    score.names += got.name == expected.name
    if got.name != expected.name:
        score.misses.append(f"{shown}: name {got.name!r}, expected {expected.name!r}")
    if not format_complete:
        return
    want, have = forms(expected), set(forms(got))
    score.scored_pages += 1
    score.lines += len(want)
    hits = [w for w in want if w in have]
    score.exact += len(hits)
    score.pages_exact += len(hits) == len(want)
    score.misses += [f"{shown}: missed {w}  (got: {' || '.join(forms(got))})" for w in want if w not in have]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else "     -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument(
        "--limit", type=int, default=0, help="score only every k-th page to read about N pages"
    )
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    parser.add_argument("--misses", default="", help="write every miss to this file")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"corpus folder {folder} is absent: nothing to measure")
        return 0
    files = sorted(folder.rglob("*.html"))
    if args.limit and args.limit < len(files):
        files = files[:: len(files) // args.limit][: args.limit]
    shapes = [s for s in SHAPES if not args.shapes or s.name in args.shapes.split(",")]
    scores = {s.name: Score() for s in shapes}
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        try:
            expected = scrape_html(data, str(path))
        except (NotACommandPage, ScrapeError):
            continue
        page = read(data)
        if page is None:
            continue
        rel = str(path.relative_to(folder))
        for shape in shapes:
            text, format_end = render(page, shape)
            complete = not shape.cut or format_end <= len(text.encode())
            score_one(scores[shape.name], expected, text, complete, f"{shape.name}:{rel}")
    _print(scores, time.perf_counter() - started)
    if args.misses:
        Path(args.misses).write_text(
            "\n".join(m for s in scores.values() for m in s.misses) + "\n", encoding="utf-8"
        )
    return 0


def _print(scores: dict[str, Score], total: float) -> None:
    print(
        f"{'shape':<20} {'pages':>5} {'names':>7} {'lines':>6} {'exact':>7} {'pages ok':>8} {'no rec':>6} {'crash':>5} {'ms/page':>7}"
    )
    for name, s in scores.items():
        print(
            f"{name:<20} {s.pages:5} {_share(s.names, s.pages)} {s.lines:6} {_share(s.exact, s.lines)}"
            f"  {_share(s.pages_exact, s.scored_pages)} {sum(s.failed.values()):6} {len(s.crashes):5}"
            f" {1000 * s.seconds / max(s.pages, 1):7.1f}"
        )
    for name, s in scores.items():
        for reason, n in s.failed.most_common(3):
            print(f"  {name}: {n} without a record: {reason}")
        for crash in s.crashes[:3]:
            print(f"  {name}: CRASH {crash}")
    print(f"total time: {total:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
