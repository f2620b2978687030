"""Plain-text dumps -> Record records: the seed exactly, a headed page, every table style,
boilerplate removal, lost headings and names, foreign and unreadable pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from vrpcmds_model.record import Record, Example, Level, UsageSection
from vrpcmds_model.store import dump_record
from vrpcmds_scraper import ScrapeError, scrape_text_file
from vrpcmds_scraper.parameters import recover_names
from vrpcmds_scraper.tables import RawRow
from vrpcmds_scraper.text import parse_text

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
SEED_SHOWN = "pages/ar500-v200r007/ike-heartbeat.txt"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
PROBE = PAGES / "pulse-probe-send.txt"
TABLES = sorted((PAGES / "tables").glob("*.table"))  # not .txt: they are not pages

BOILERPLATE = (
    "cookie",
    "privacy policy",
    "IE browser",
    "Rate and give feedback",
    "machine translation",
    "No relevant resource",
    "This document describes",
    "Views: 88835",
    "Downloads",
    "Average rating",
    "This Document Applies",
    "Related Documents",
    "Related Version",
    "Previous Next",
    "Updated:",
    "Document ID:",
)


@pytest.fixture(scope="module")
def seed() -> Record:
    return scrape_text_file(SEED, SEED_SHOWN)


@pytest.fixture(scope="module")
def probe() -> Record:
    return scrape_text_file(PROBE, "pulse-probe-send.txt")


def strings(data: Any) -> Iterator[str]:
    """Every string of a plain record (keys and values)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings(item)


def kinds(command: Record) -> list[tuple[str, str]]:
    return [(w.section, w.kind) for w in command.warnings]


# --- the seed, field by field ---------------------------------------------------------------


def test_seed_identity(seed: Record) -> None:
    assert (seed.id, seed.name, seed.title) == ("ike-heartbeat", "ike heartbeat", "ike heartbeat")


def test_seed_function_is_split_into_its_three_sentences(seed: Record) -> None:
    assert seed.function == "The ike heartbeat command sets the IKE heartbeat parameters."
    assert seed.undo_function == "The undo ike heartbeat command restores the default configuration."
    assert seed.default == (
        "By default, a heartbeat packet uses old type sequence number mechanism and does not carry the SPI list."
    )


def test_seed_syntax(seed: Record) -> None:
    assert seed.syntax == ["ike heartbeat { seq-num { new | old } | spi-list }"]
    assert seed.undo_syntax == ["undo ike heartbeat spi-list"]


def test_seed_first_parameter_is_an_enum_with_its_choices_explained(seed: Record) -> None:
    first = seed.parameters[0]
    assert first.name == "seq-num { new | old }"
    assert first.description.split("\n") == [
        "Indicates the sequence number mechanism for heartbeat packets.",
        "new: The sequence number mechanism conforms to draft-ietf-ipsec-heartbeats-00.txt.",
        (
            "old: The sequence number mechanism conforms to the standard that before the "
            "draft-ietf-ipsec-heartbeats-00.txt emergences."
        ),
    ]
    assert (first.value.type, first.value.choices, first.value.text) == ("enum", ["new", "old"], "")


def test_seed_second_parameter_name_is_recovered_from_the_syntax(seed: Record) -> None:
    second = seed.parameters[1]
    assert second.name == "spi-list"
    assert second.description == "Indicates whether the heartbeat packets contain the SPI list."
    assert (second.value.type, second.value.text) == ("none", "")
    recovered = [w for w in seed.warnings if w.kind == "parameter-name-recovered"]
    assert len(recovered) == 1
    assert recovered[0].section == "Parameters"
    assert "spi-list" in recovered[0].message


def test_seed_has_exactly_two_parameters(seed: Record) -> None:
    assert [p.name for p in seed.parameters] == ["seq-num { new | old }", "spi-list"]


def test_seed_missing_value_column_is_a_warning(seed: Record) -> None:
    assert ("Parameters", "value-column-missing") in kinds(seed)


def test_seed_views_and_level(seed: Record) -> None:
    assert seed.views == ["System view"]
    assert seed.level == Level(2, "Configuration level")


def test_seed_usage_keeps_the_scenario_and_infers_precautions(seed: Record) -> None:
    assert [u.heading for u in seed.usage] == ["Usage Scenario", "Precautions"]
    assert seed.usage[0].text.startswith("In IPSec communication, if one end becomes faulty")
    assert seed.usage[0].text.endswith("maintain the link status of the IKE SA.")
    assert seed.usage[1] == UsageSection(
        "Precautions",
        "The two ends must use the same heartbeat parameters.\n\n"
        "If you run the ike heartbeat seq-num command multiple times, only the latest configuration takes effect.",
    )
    inferred = [w for w in seed.warnings if w.kind == "heading-inferred"]
    assert len(inferred) == 1 and inferred[0].section == "Usage Guidelines"
    assert "Precautions" in inferred[0].message


def test_seed_example(seed: Record) -> None:
    assert seed.examples == [
        Example(
            "Configure IKE heartbeat detection based on the new sequence number mechanism.",
            ["<Huawei> system-view", "[Huawei] ike heartbeat seq-num new"],
        )
    ]


def test_seed_source(seed: Record) -> None:
    assert seed.source.path == SEED_SHOWN
    assert seed.source.manual == "AR500, AR510, and AR530 V200R007 Commands Reference"
    assert seed.source.doc_id == "EDOC1000097293"
    assert seed.source.published == "2019-05-29"


def test_seed_syntax_guesses_are_one_warning_per_line(seed: Record) -> None:
    inferred = [w for w in seed.warnings if w.kind == "marks-inferred"]
    assert [w.message.split(":")[0] for w in inferred] == [
        "ike heartbeat { seq-num { new | old } | spi-list }",
        "undo ike heartbeat spi-list",
    ]
    assert all(w.section == "Format" for w in inferred)


def test_seed_warnings_are_exactly_these(seed: Record) -> None:
    assert sorted(kinds(seed)) == sorted(
        [
            ("Parameters", "parameter-name-recovered"),
            ("Parameters", "value-column-missing"),
            ("Format", "marks-inferred"),
            ("Format", "marks-inferred"),
            ("Usage Guidelines", "heading-inferred"),
        ]
    )


def test_seed_record_holds_no_site_boilerplate(seed: Record) -> None:
    for text in strings(seed.to_dict()):
        for phrase in BOILERPLATE:
            assert phrase.lower() not in text.lower(), (phrase, text)


def test_seed_record_passes_the_store(seed: Record) -> None:
    text = dump_record(seed)
    assert text.startswith("id: ike-heartbeat\n")


def test_seed_with_its_headings_restored_gives_the_same_record(seed: Record) -> None:
    text = SEED.read_text(encoding="utf-8")
    for before, heading in [
        ("The ike heartbeat command sets", "Function"),
        ("ike heartbeat { seq-num", "Format"),
        ("seq-num { new | old }\n", "Parameters"),
        ("System view", "Views"),
        ("2: Configuration level", "Default Level"),
        ("# Configure IKE", "Example"),
    ]:
        assert text.count(before) == 1
        text = text.replace(before, f"{heading}\n\n{before}")
    headed = parse_text(text, SEED_SHOWN)
    assert headed.to_dict() == seed.to_dict()


# --- a headed page of an invented command ------------------------------------------------------


def test_headed_page_identity_and_prose(probe: Record) -> None:
    assert (probe.id, probe.name, probe.title) == (
        "pulse-probe-send-probe-view",
        "pulse-probe send",
        "pulse-probe send (probe view)",
    )
    assert probe.function == "The pulse-probe send command sets how a pulse probe sends its packets."
    assert probe.undo_function == "The undo pulse-probe send command restores the default sending settings."
    assert probe.default == "By default, a pulse probe sends one packet every 30 seconds in fast mode."


def test_headed_page_syntax_marks_come_from_the_table(probe: Record) -> None:
    assert probe.syntax == [
        (
            "pulse-probe send { interval <interval> | burst <burst-count> } * "
            "[ vpn-instance <vpn-instance-name> ] mode { fast | slow }"
        ),
        "pulse-probe send verbose",
    ]
    assert probe.undo_syntax == ["undo pulse-probe send [ interval [ <interval> ] ]"]
    assert [w.message for w in probe.warnings if w.kind == "marks-inferred"] == [
        (
            "pulse-probe send verbose: verbose taken as keyword (absent from the Parameters table or given no "
            "value there)"
        )
    ]


def test_headed_page_parameters(probe: Record) -> None:
    names = [p.name for p in probe.parameters]
    assert names == [
        "interval <interval>",
        "burst <burst-count>",
        "vpn-instance <vpn-instance-name>",
        "mode { fast | slow }",
    ]
    interval, burst, vpn, mode = (p.value for p in probe.parameters)
    assert (interval.type, interval.min, interval.max, interval.default) == ("integer", 1, 3600, "30")
    assert (burst.type, burst.min, burst.max) == ("integer", 1, 16)
    assert (vpn.type, vpn.min_length, vpn.max_length, vpn.spaces) == ("string", 1, 31, False)
    assert (mode.type, mode.text) == ("none", "-")
    assert probe.parameters[3].description.split("\n")[1] == "fast: Packets are sent back to back."


def test_headed_page_other_sections(probe: Record) -> None:
    assert probe.views == ["Probe view"]
    assert probe.level == Level(2, "Configuration level")
    assert [u.heading for u in probe.usage] == ["Usage Scenario", "Precautions"]
    assert probe.examples[0].description == "Send probe packets every 10 seconds in slow mode."
    assert (
        probe.examples[0].lines[-1] == "[~Sample-pulse-probe-probe1] pulse-probe send interval 10 mode slow"
    )
    assert (probe.source.manual, probe.source.doc_id, probe.source.published) == (
        "Sample Router V100R001 Commands Reference",
        "DOC-SAMPLE-0001",
        "2024-03-15",
    )
    assert not any(w.kind == "heading-inferred" for w in probe.warnings)


def test_headed_page_holds_no_boilerplate_and_passes_the_store(probe: Record) -> None:
    for text in strings(probe.to_dict()):
        assert not any(phrase.lower() in text.lower() for phrase in BOILERPLATE), text
    dump_record(probe)


def test_the_same_page_without_headings_gives_the_same_record(probe: Record) -> None:
    headings = {"Function", "Format", "Parameters", "Views", "Default Level", "Usage Guidelines", "Example"}
    lines = PROBE.read_text(encoding="utf-8").split("\n")
    headless = parse_text("\n".join(x for x in lines if x.strip() not in headings), "pulse-probe-send.txt")
    assert headless.to_dict() == probe.to_dict()


# --- every flattened table style ----------------------------------------------------------------


def with_table(table: str) -> str:
    """The invented page with its Parameters table replaced."""
    text = PROBE.read_text(encoding="utf-8")
    start, end = text.index("Parameters\n"), text.index("\nViews\n")
    return text[:start] + "Parameters\n\n" + table + "\n" + text[end:]


@pytest.mark.parametrize("table", TABLES, ids=[t.stem for t in TABLES])
def test_every_table_style_gives_the_same_parameters(table: Path, probe: Record) -> None:
    command = parse_text(with_table(table.read_text(encoding="utf-8")), "x.txt")
    assert [(p.name, p.value) for p in command.parameters] == [(p.name, p.value) for p in probe.parameters]
    assert [p.description.split("\n")[0] for p in command.parameters] == [
        p.description.split("\n")[0] for p in probe.parameters
    ]
    assert command.syntax == probe.syntax and command.undo_syntax == probe.undo_syntax


def test_the_table_styles_are_all_there() -> None:
    assert {t.stem for t in TABLES} >= {"cells", "markdown", "rows-tabs", "rows-spaces", "paragraphs-tight"}


def test_a_parameters_section_saying_none_gives_no_parameters() -> None:
    command = parse_text(with_table("None"), "x.txt")
    assert command.parameters == []


def test_a_row_without_a_value_cell_is_typed_from_its_name_with_a_warning() -> None:
    table = "Parameter Description Value\n\nmode { fast | slow }\n\nSpecifies the sending mode.\n"
    command = parse_text(with_table(table), "x.txt")
    mode = command.parameters[0]
    assert (mode.value.type, mode.value.choices) == ("enum", ["fast", "slow"])
    assert ("Parameters", "value-missing") in kinds(command)


# --- lost parameter names ------------------------------------------------------------------------------


def test_lost_names_are_taken_in_syntax_order_when_counts_match() -> None:
    command = Record("x", "x", "x")
    rows = [RawRow("alpha"), RawRow(None, ["Sets one thing."]), RawRow(None, ["Sets another thing."])]
    recover_names(rows, ["probe", "alpha", "beta", "gamma"], ["probe"], command)
    assert [r.name for r in rows] == ["alpha", "beta", "gamma"]
    assert [w.kind for w in command.warnings] == ["parameter-name-recovered"] * 2


def test_a_lost_name_that_cannot_be_recovered_drops_the_row_with_a_warning() -> None:
    command = Record("x", "x", "x")
    rows = [RawRow(None, ["Sets one thing."])]
    recover_names(rows, ["probe", "beta", "gamma"], ["probe"], command)
    assert rows == []
    assert [w.kind for w in command.warnings] == ["parameter-dropped"]


# --- pages that cannot be read ------------------------------------------------------------------------


def test_comware_pages_are_rejected_with_the_path_and_the_reason() -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_text_file(PAGES / "comware-sample.txt", "given/comware-sample.txt")
    error = caught.value
    assert error.path == "given/comware-sample.txt"
    assert "Comware" in error.message and "Syntax" in error.message
    assert str(error).startswith("given/comware-sample.txt: Page: ")


def test_a_missing_file_is_a_scrape_error() -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_text_file(PAGES / "no-such-page.txt", "no-such-page.txt")
    assert caught.value.path == "no-such-page.txt"


def test_a_file_that_is_not_utf8_is_a_scrape_error(tmp_path: Path) -> None:
    page = tmp_path / "latin.txt"
    page.write_bytes(b"probe \xff\xfe\n")
    with pytest.raises(ScrapeError, match="UTF-8"):
        scrape_text_file(page, "latin.txt")


def test_a_page_without_syntax_names_the_format_section(tmp_path: Path) -> None:
    page = tmp_path / "prose.txt"
    page.write_text("pulse-probe stop\n\nThe pulse-probe stop command stops a probe.\n\nSystem view\n")
    with pytest.raises(ScrapeError) as caught:
        scrape_text_file(page, "prose.txt")
    assert caught.value.section == "Format"
    assert "pulse-probe" in caught.value.message


# --- smaller rules ------------------------------------------------------------------------------------


def test_double_spaces_inside_descriptions_do_not_make_a_row_table() -> None:
    table = "Parameter Description Value\n\nmode { fast | slow }\n\nSpecifies the sending mode.  Fast is the default.\n\n-\n"
    command = parse_text(with_table(table), "x.txt")
    assert [(p.name, p.value.type) for p in command.parameters] == [("mode { fast | slow }", "none")]
    assert command.parameters[0].description == "Specifies the sending mode.  Fast is the default."


@pytest.mark.parametrize("headed", [True, False])
def test_related_topics_never_reach_the_examples(headed: bool, probe: Record) -> None:
    text = PROBE.read_text(encoding="utf-8").replace(
        "Updated:", "Related Topics\n\npulse-probe stop\n\nUpdated:"
    )
    if not headed:
        headings = {
            "Function",
            "Format",
            "Parameters",
            "Views",
            "Default Level",
            "Usage Guidelines",
            "Example",
        }
        text = "\n".join(x for x in text.split("\n") if x.strip() not in headings)
    command = parse_text(text, "pulse-probe-send.txt")
    assert command.examples == probe.examples


def test_commands_whose_title_holds_brackets_or_starts_with_undo() -> None:
    text = (
        "undo probe cache { all | stale }\n\nThe undo probe cache command clears the probe cache.\n\n"
        "undo probe cache { all | stale }\n\nall\n\nClears every entry.\n\n-\n\nstale\n\nClears stale entries.\n\n"
        "-\n\nSystem view\n\n3: Management level\n"
    )
    command = parse_text(text, "x.txt")
    assert command.name == "undo probe cache { all | stale }"
    assert (command.function, command.undo_function) == (
        "The undo probe cache command clears the probe cache.",
        "",
    )
    # the page documents an undo command itself: its form is the command's syntax (as in HTML)
    assert command.syntax == ["undo probe cache { all | stale }"]
    assert command.undo_syntax == []
    assert [p.name for p in command.parameters] == ["all", "stale"]
    assert command.level == Level(3, "Management level")
    assert not [w for w in command.warnings if w.kind == "marks-inferred"]


def test_a_page_of_only_boilerplate_is_a_scrape_error() -> None:
    with pytest.raises(ScrapeError) as caught:
        parse_text(
            "This site uses cookies. Read our privacy policy\n\nRate and give feedback:\n", "empty.txt"
        )
    assert (caught.value.path, caught.value.section) == ("empty.txt", "Title")


def test_applicability_lines_of_a_text_page_are_kept_as_form_models() -> None:
    text = (
        "demo reset\n\nThe demo reset command resets the demo counters.\n\n"
        "demo reset\n\nFor CE6885, CE6885-T:\n\ndemo reset fast\n\n"
        "Parameters\n\nNone\n\nSystem view\n\n3: Management level\n"
    )
    command = parse_text(text, "x.txt")
    assert command.syntax == ["demo reset", "demo reset fast"]
    assert [(f.form, f.models) for f in command.form_models] == [("demo reset fast", ["CE6885", "CE6885-T"])]
    assert not [w for w in command.warnings if w.kind == "applicability-not-kept"]
