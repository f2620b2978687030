"""Text pages in the shapes real dumps come in (PAGE-FORMATS.md, section 2): a readability
extract that starts with the Function sentence, a page cut after its Format section,
per-view Format labels, a chapter page holding two commands, cut pages of every size,
and keyword/argument inference from the Format line alone. The fixtures are invented
commands written in the structure of real pages."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from vrpcmds_model.record import Level, Record
from vrpcmds_scraper import ScrapeError
from vrpcmds_scraper.batch import scrape_batch
from vrpcmds_scraper.marks import infer_marks
from vrpcmds_scraper.text import parse_text
from vrpcmds_scraper.text_evidence import page_hints

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SHAPES = PAGES / "shapes"
ALL_PAGES = sorted(SHAPES.glob("*.txt")) + [
    PAGES / "pulse-probe-send.txt",
    ROOT / "pages" / "ar500-v200r007" / "ike-heartbeat.txt",
]
CORPUS = ROOT.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"


def read(name: str) -> Record:
    return parse_text((SHAPES / name).read_text(encoding="utf-8"), name)


def guessed_words(message: str) -> set[str]:
    """The words a marks-inferred warning names: ``LINE: a, b taken as ... (why); c taken as ...``."""
    words: set[str] = set()
    for clause in message.split(": ", 1)[1].split("; "):
        if " taken as " in clause:
            words |= set(clause.split(" taken as ")[0].split(", "))
    return words


def messages(command: Record, kind: str) -> list[str]:
    return [w.message for w in command.warnings if w.kind == kind]


# --- a readability extract: no title, the Function sentence first --------------------------


def test_a_page_starting_with_its_function_sentence_is_named_from_it() -> None:
    command = read("function-first.txt")
    assert (command.name, command.id) == ("flow-sampler peer", "flow-sampler-peer")
    assert command.function.startswith("The flow-sampler peer command sets")
    assert command.undo_function == "The undo flow-sampler peer command deletes the collector."
    [title] = [w for w in command.warnings if w.section == "Title"]
    assert "'flow-sampler peer'" in title.message and "Function sentence" in title.message


def test_without_a_table_value_names_make_arguments_each_named_in_a_warning() -> None:
    command = read("function-first.txt")
    assert command.syntax == [
        "flow-sampler peer <ipv4-address> port <port-number> [ vpn-instance <vpn-instance-name> ]"
    ]
    assert command.undo_syntax == ["undo flow-sampler peer <ipv4-address>"]
    [first, undo] = messages(command, "marks-inferred")
    assert guessed_words(first) == {
        "ipv4-address",
        "port",
        "port-number",
        "vpn-instance",
        "vpn-instance-name",
    }
    assert guessed_words(undo) == {"ipv4-address"} and "(-address)" in undo


def test_the_other_sections_of_a_function_first_page() -> None:
    command = read("function-first.txt")
    assert command.views == ["Flow sampler view"]
    assert command.level == Level(2, "Configuration level")
    assert [e.description for e in command.examples] == [
        "Export sampled flows to the collector at 192.0.2.7, port 6343."
    ]


# --- a page cut inside its table ----------------------------------------------------------------


def test_a_cut_table_still_marks_the_syntax_from_what_survives_and_the_line() -> None:
    command = read("cut-format-only.txt")
    assert command.syntax == ["route-guard [ <process-id> | router-id <router-id> ] * interval <interval>"]
    assert command.undo_syntax == ["undo route-guard router-id"]
    [inferred] = [m for m in messages(command, "marks-inferred") if m.startswith("route-guard")]
    assert "router-id, interval taken as keywords" in inferred
    assert "router-id, interval taken as arguments" in inferred
    assert guessed_words(inferred) == {"router-id", "interval"}  # the surviving row gives process-id a value


def test_a_cut_page_reports_its_missing_sections() -> None:
    command = read("cut-format-only.txt")
    assert {(w.section, w.kind) for w in command.warnings} >= {
        ("Views", "section-missing"),
        ("Default Level", "section-missing"),
    }


# --- per-view Format labels ------------------------------------------------------------------


def test_view_labels_are_not_syntax_and_each_view_keeps_its_forms() -> None:
    command = read("per-view.txt")
    assert command.syntax == [
        "tunnel-guard peer <ip-address> [ key <key-string> ]",
        "tunnel-guard peer <ip-address>",
    ]
    assert command.undo_syntax == ["undo tunnel-guard peer <ip-address> [ key ]", "undo tunnel-guard peer"]
    assert command.views == ["Manual tunnel policy view", "Automatic tunnel policy view"]
    assert not messages(command, "syntax-unreadable") and not messages(command, "prose-skipped")


def test_header_cells_as_paragraphs_and_a_note_inside_a_cell() -> None:
    command = read("per-view.txt")
    assert [p.name for p in command.parameters] == ["<ip-address>", "key <key-string>"]
    key = command.parameters[1]
    assert key.description.split("\n") == [
        "Specifies the key shared with the peer.",
        "NOTE:",
        "The key is stored in cipher text.",
    ]
    assert (key.value.type, key.value.min_length, key.value.max_length) == ("string", 8, 64)


def test_headless_rendering_of_the_per_view_page_gives_the_same_record() -> None:
    headings = {"Function", "Format", "Parameters", "Views", "Default Level", "Example"}
    lines = (SHAPES / "per-view.txt").read_text(encoding="utf-8").split("\n")
    headless = parse_text("\n".join(x for x in lines if x.strip() not in headings), "per-view.txt")
    assert (headless.syntax, headless.undo_syntax, headless.views) == (
        read("per-view.txt").syntax,
        read("per-view.txt").undo_syntax,
        read("per-view.txt").views,
    )


# --- a chapter page holding two commands --------------------------------------------------------


def test_a_chapter_page_gives_its_first_command_and_names_the_other() -> None:
    command = read("chapter-two-commands.txt")
    assert command.name == "link-watch enable"
    assert (command.syntax, command.undo_syntax) == (["link-watch enable"], ["undo link-watch enable"])
    assert command.views == ["Interface view"]
    [other] = [w for w in command.warnings if w.kind == "content-not-kept"]
    assert (
        other.section == "Page"
        and "'link-watch hold-time'" in other.message
        and "2 commands" in other.message
    )
    assert "hold-time" not in " ".join(command.syntax + command.undo_syntax)


def test_the_second_command_alone_reads_as_its_own_page() -> None:
    text = (SHAPES / "chapter-two-commands.txt").read_text(encoding="utf-8")
    second = parse_text(text[text.index("link-watch hold-time\n\nThe") :], "second.txt")
    assert second.syntax == ["link-watch hold-time <hold-time>"]
    assert not messages(second, "content-not-kept")


# --- inference from the Format line alone (the shapes of the issue) ---------------------------


@pytest.mark.parametrize(
    ("line", "leading", "marked", "guessed"),
    [
        (
            "peer ipv4-address as-number as-number",
            ["peer"],
            "peer <ipv4-address> as-number <as-number>",
            ["ipv4-address", "as-number"],
        ),
        (
            "ip address unnumbered interface interface-type interface-number",
            ["ip", "address", "unnumbered"],
            "ip address unnumbered interface <interface-type> <interface-number>",
            ["interface", "interface-type", "interface-number"],
        ),
        (
            "is-name map system-id symbolic-name",
            ["is-name", "map"],
            "is-name map <system-id> <symbolic-name>",
            ["system-id", "symbolic-name"],
        ),
        (
            "ospf [ process-id | router-id router-id ] *",
            ["ospf"],
            "ospf [ <process-id> | router-id <router-id> ] *",
            ["process-id", "router-id"],
        ),
        (
            "shaper rate { kbps | mbps } rate-value",
            ["shaper", "rate"],
            "shaper rate { kbps | mbps } <rate-value>",
            ["kbps", "mbps", "rate-value"],
        ),
        (
            "probe packet-type { echo | reply }",
            ["probe"],
            "probe packet-type { echo | reply }",
            ["packet-type", "echo", "reply"],
        ),
    ],
)
def test_without_a_table_the_line_and_the_value_names_decide(
    line: str, leading: list[str], marked: str, guessed: list[str]
) -> None:
    result, guesses = infer_marks(line, set(), set(), leading)
    assert result == marked
    assert {g.word for g in guesses} == set(guessed)  # every word decided without the table is reported


def test_a_word_after_the_command_name_in_its_only_form_names_a_value() -> None:
    hints = page_hints(["linkwatch delay delaytime", "undo linkwatch delay"], ["linkwatch", "delay"])
    assert set(hints) == {"delaytime"} and hints["delaytime"].kind == "argument"
    assert "the one word" in hints["delaytime"].reason


def test_forms_differing_in_their_last_word_list_keywords() -> None:
    hints = page_hints(["lamp mode steady", "lamp mode blink", "undo lamp mode"], ["lamp", "mode"])
    assert {w: h.kind for w, h in hints.items()} == {"steady": "keyword", "blink": "keyword"}


def test_switch_words_are_never_taken_for_values() -> None:
    assert page_hints(["lamp test enable", "undo lamp test enable"], ["lamp", "test"]) == {}


# --- cut anywhere: a record or a clear error, never a crash -------------------------------------


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.name)
def test_a_page_cut_anywhere_gives_a_record_or_names_the_file_and_section(page: Path) -> None:
    data = page.read_bytes()
    for cut in range(40, len(data), 53):
        text = data[:cut].decode("utf-8", "ignore")
        try:
            command = parse_text(text, page.name)
        except ScrapeError as exc:
            assert exc.path == page.name and exc.section in ("Title", "Format", "Page") and exc.message
        else:
            assert command.syntax or command.undo_syntax


def test_a_page_cut_at_2000_bytes_after_its_format_keeps_its_syntax() -> None:
    seed = ROOT / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
    whole = parse_text(seed.read_text(encoding="utf-8"), "seed")
    cut = parse_text(seed.read_bytes()[:2000].decode("utf-8", "ignore"), "seed")
    assert (cut.name, cut.syntax, cut.undo_syntax) == (whole.name, whole.syntax, whole.undo_syntax)


def test_a_batch_of_shapes_reports_an_unreadable_page_and_goes_on(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in SHAPES.glob("*.txt"):
        (pages / page.name).write_bytes(page.read_bytes())
    (pages / "prose-only.txt").write_text(
        "The device keeps a log.\n\nIt rotates the log daily.\n", encoding="utf-8"
    )
    report = scrape_batch(
        [str(pages)], tmp_path / "out", cache_dir=tmp_path / "cache", workers=1, progress=False
    )
    assert len(report.written) == len(list(SHAPES.glob("*.txt")))
    [failed] = report.failed
    assert failed.shown.endswith("prose-only.txt") and "Format" in failed.reason


# --- the corpus pages rendered in every shape (skips without the corpus) -----------------------


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "text_shapes_benchmark", ROOT / "benchmarks" / "text_shapes.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus absent: {CORPUS} not found (it lives in ../shared)")
def test_corpus_pages_in_every_text_shape_read_without_crashes() -> None:
    bench = _benchmark()
    files = sorted(CORPUS.rglob("*.html"))[::40]
    scores = {shape.name: bench.Score() for shape in bench.SHAPES}
    for path in files:
        data = path.read_bytes()
        try:
            expected = bench.scrape_html(data, str(path))
        except (bench.NotACommandPage, ScrapeError):
            continue
        page = bench.read(data)
        for shape in bench.SHAPES:
            text, end = bench.render(page, shape)
            bench.score_one(scores[shape.name], expected, text, end <= len(text.encode()), path.name)
    for name, score in scores.items():
        assert score.crashes == [], name
        assert score.names >= 0.9 * score.pages, name
        assert score.exact >= 0.75 * score.lines, name
