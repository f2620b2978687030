"""HedEx / support-site HTML pages -> Record records, on fixture pages written for the tests.

The fixtures (``tests/fixtures/html``) describe invented commands in the HedEx structure
(PAGE-FORMATS.md, section 1); one uses another manual's markup, whose sections are found
by their heading text only.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from lxml import etree
from vrpcmds_model.record import Record, Example, FormModels, Level, TypedCommand, UsageSection
from vrpcmds_model.store import dump_record, validate
from vrpcmds_scraper.api import (
    NotACommandPage,
    ScrapeError,
    is_html,
    scrape_bytes,
    scrape_html,
    scrape_text_file,
)
from vrpcmds_scraper.marks import html_format_line

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"


def page(name: str, url: str | None = None) -> Record:
    path = FIXTURES / name
    return scrape_html(path.read_bytes(), f"tests/fixtures/html/{name}", url)


@pytest.fixture(scope="module")
def probe() -> Record:
    return page("pulse-probe-send.html", url="https://support.example/pulse-probe-send.html")


@pytest.fixture(scope="module")
def other() -> Record:
    return page("probe-reset-other-manual.html")


def warnings_of(command: Record, kind: str) -> list[str]:
    return [f"{w.section}: {w.message}" for w in command.warnings if w.kind == kind]


# --- identity and source ----------------------------------------------------------------


def test_identity_comes_from_the_title_and_dc_identifier(probe: Record) -> None:
    assert probe.title == "pulse probe send (probe view) (group)"
    assert probe.name == "pulse probe send"
    assert probe.id == "FIXTURE_CLIREF_0001"


def test_source_keeps_path_url_and_the_pages_metas(probe: Record) -> None:
    source = probe.source
    assert source.path == "tests/fixtures/html/pulse-probe-send.html"
    assert source.url == "https://support.example/pulse-probe-send.html"
    assert source.identifier == "FIXTURE_CLIREF_0001"
    assert source.published == "2024-01-02"
    assert source.feature_area == "Test Features / Pulse Probe, Reachability"
    assert source.manual == "Fixture Switch V1R1"


def test_without_dc_identifier_the_id_is_a_slug_of_the_title(other: Record) -> None:
    assert other.id == "probe-reset-user-view"
    assert other.name == "probe reset"


def test_an_unreadable_publication_date_is_a_warning() -> None:
    command = page("undo-pulse-probe-statistics.html")
    assert command.source.published is None
    assert warnings_of(command, "date-unreadable") == ["Page: DC.Publisher 'not-a-date' is not a date"]


# --- Function -------------------------------------------------------------------------------


def test_function_is_split_into_function_undo_function_and_default(probe: Record) -> None:
    assert probe.function.startswith("The pulse probe send command makes a probe send test pulses")
    assert probe.undo_function == "The undo pulse probe send command stops the pulses."
    assert probe.default == "By default, a probe sends no pulse."


def test_a_note_of_the_function_section_joins_function(probe: Record) -> None:
    assert probe.function.endswith("\n\nNote: Only the FX100 and FX200 models support this command.")


def test_on_an_undo_command_page_the_undo_sentence_is_the_function() -> None:
    command = page("undo-pulse-probe-statistics.html")
    assert command.function == "The undo pulse probe statistics command deletes the pulse counters."
    assert command.undo_function == ""


# --- Format ---------------------------------------------------------------------------------


def test_format_lines_are_syntax_in_canonical_marked_form(probe: Record) -> None:
    assert probe.syntax == [
        "pulse probe send <target-address> [ interval <interval> | count <count> ] *",
        "pulse probe send <target-address> burst { <burst-size> } &<1-4>",
        "pulse probe send <target-address> mode { fast | slow } label <label-text>",
    ]


def test_undo_lines_are_undo_syntax(probe: Record) -> None:
    assert probe.undo_syntax == ["undo pulse probe send <target-address> burst", "undo pulse probe send"]


def test_comment_lines_are_not_syntax(probe: Record) -> None:
    assert not any("#" in line or "models only" in line for line in probe.syntax + probe.undo_syntax)


def test_applicability_lines_give_the_models_of_the_forms_after_them(probe: Record) -> None:
    assert probe.form_models == [
        FormModels(
            "pulse probe send <target-address> burst { <burst-size> } &<1-4>",
            ["FX100", "FX100-LL (low latency mode)"],
        ),
        FormModels("undo pulse probe send <target-address> burst", ["FX100", "FX100-LL (low latency mode)"]),
        FormModels(
            "pulse probe send <target-address> mode { fast | slow } label <label-text>", ["FX200", "FX300"]
        ),
        FormModels("undo pulse probe send", ["FX200", "FX300"]),
    ]


def test_forms_before_any_applicability_line_apply_to_every_model(probe: Record) -> None:
    assert probe.syntax[0] not in {f.form for f in probe.form_models}


def test_on_an_undo_command_page_every_line_is_syntax() -> None:
    command = page("undo-pulse-probe-statistics.html")
    assert command.syntax == [
        "undo pulse probe statistics [ <probe-name> ]",
        "undo pulse probe statistics all",
    ]
    assert command.undo_syntax == []


def test_html_format_line_reads_lxml_elements() -> None:
    p = etree.fromstring(
        '<p><b><span class="cmdname">probe </span></b><i><span class="varname">name</span></i>'
        "<strong>on</strong><strong>off</strong> &amp;&lt;1-2&gt;</p>"
    )
    with pytest.raises(ValueError):
        html_format_line(p)  # a repeat mark after a keyword
    p = etree.fromstring("<p><b>probe</b> { <i>name</i> } &amp;&lt;1-2&gt; <strong>on</strong></p>")
    assert html_format_line(p) == "probe { <name> } &<1-2> on"


# --- Parameters -----------------------------------------------------------------------------


def test_parameter_names_are_marked_like_format(probe: Record) -> None:
    assert [p.name for p in probe.parameters] == [
        "<target-address>",
        "interval <interval>",
        "count <count>",
        "burst <burst-size>",
        "mode",
        "label <label-text>",
        "fast",
    ]


def test_descriptions_keep_notes_and_list_items_as_lines(probe: Record) -> None:
    by_name = {p.name: p for p in probe.parameters}
    assert by_name["interval <interval>"].description == (
        "Sets the gap between two pulses.\nNote: A short gap loads the target."
    )
    assert by_name["count <count>"].description == (
        "Sets how many pulses are sent:\n- 0 sends pulses until stopped.\n- Other values stop after that many pulses."
    )


def test_values_are_typed_with_the_cell_kept(probe: Record) -> None:
    values = {p.name: p.value for p in probe.parameters}
    assert values["<target-address>"].type == "ipv4"
    interval = values["interval <interval>"]
    assert (interval.type, interval.min, interval.max, interval.unit, interval.default) == (
        "integer",
        10,
        6000,
        "milliseconds",
        "500",
    )
    assert interval.text.startswith("The value is an integer that ranges from 10 to 6000")
    assert (values["mode"].type, values["mode"].choices) == ("enum", ["fast", "slow"])
    label = values["label <label-text>"]
    assert (label.type, label.max_length, label.spaces, label.forbidden) == ("string", 40, True, "?")
    assert values["fast"].type == "none"


def test_a_model_dependent_value_is_the_union_of_its_cases_with_a_warning(probe: Record) -> None:
    burst = next(p for p in probe.parameters if p.name == "burst <burst-size>")
    assert (burst.value.type, burst.value.min, burst.value.max) == ("integer", 1, 8)
    assert burst.value.text.splitlines()[1].startswith("For the FX100-LL (low latency mode):")
    assert warnings_of(probe, "value-untyped") == []
    [message] = warnings_of(probe, "value-model-dependent")
    assert message.startswith(
        "Parameters: burst <burst-size>: the device model decides which of the 2 cases applies; "
        "typed as their union: integer 1..8"
    )


def test_a_parameters_section_saying_none_gives_no_parameter_and_no_warning() -> None:
    command = page("undo-pulse-probe-statistics.html")
    assert command.parameters == []
    assert warnings_of(command, "parameters-unread") == []


def test_columns_are_found_by_their_header_in_any_order(other: Record) -> None:
    [name, force] = other.parameters
    assert (name.name, name.description, name.value.type, name.value.max_length) == (
        "<probe-name>",
        "Names one probe.",
        "string",
        15,
    )
    assert (force.name, force.value.type) == ("force", "none")


# --- Views, Default Level, Usage Guidelines -----------------------------------------------------


def test_views_one_per_line_or_comma_separated(probe: Record) -> None:
    assert probe.views == ["Probe view", "Probe group view", "100GE interface view"]


def test_default_level(probe: Record, other: Record) -> None:
    assert probe.level == Level(2, "Configuration level")
    assert other.level == Level(3, "Management level")


def test_usage_keeps_its_bold_sub_headings(probe: Record) -> None:
    assert probe.usage == [
        UsageSection("Usage Scenario", "Run the pulse probe send command to check that a target answers."),
        UsageSection("Prerequisites", "A probe has been created."),
        UsageSection(
            "Precautions",
            "Keep the following in mind:\n\n- Pulses stop when the probe is deleted.\n"
            "- Running the command again replaces the settings.",
        ),
    ]


def test_usage_saying_none_is_empty() -> None:
    assert page("undo-pulse-probe-statistics.html").usage == []


# --- Example, Related Topics ----------------------------------------------------------------------


def test_examples_keep_their_lines_as_shown_and_the_typed_commands(probe: Record) -> None:
    first = probe.examples[0]
    assert first.description == "Send pulses to 192.0.2.7 every 100 ms on 100GE1/0/1."
    assert first.lines == [
        "<HUAWEI> system-view",
        "[~HUAWEI] pulse-probe a",
        "[*HUAWEI-pulse-probe-a] pulse probe send 192.0.2.7 interval 100",
    ]
    assert first.commands == [
        TypedCommand("<HUAWEI>", "system-view"),
        TypedCommand("[~HUAWEI]", "pulse-probe a"),
        TypedCommand("[*HUAWEI-pulse-probe-a]", "pulse probe send 192.0.2.7 interval 100"),
    ]


def test_device_output_is_not_a_typed_command_even_with_bold_in_it(probe: Record) -> None:
    second = probe.examples[1]
    assert second == Example(
        "Show what a probe sent.",
        [
            "<HUAWEI> display pulse probe a",
            "Probe     Target         Sent   Lost",
            "a         192.0.2.7      10     0",
        ],
        [TypedCommand("<HUAWEI>", "display pulse probe a")],
    )


def test_notes_and_output_tables_of_the_example_section_are_reported(probe: Record) -> None:
    assert warnings_of(probe, "content-not-kept") == [
        "Example: not kept from the Example section: 1 note, 1 table (Table 1 Fields of the display output)"
    ]


def test_related_topics_are_their_titles(probe: Record) -> None:
    assert probe.related == ["pulse-probe", "display pulse probe"]


# --- another manual's markup ------------------------------------------------------------------


def test_sections_are_found_by_heading_text_when_the_classes_differ(other: Record) -> None:
    assert other.function == "The probe reset command clears the counters of a probe."
    assert other.syntax == ["probe reset [ <probe-name> ] [ force ]"]
    assert other.views == ["User view"]
    assert other.usage == [UsageSection("", "Counters start again from zero.")]
    assert other.examples == [
        Example(
            "Clear the counters of probe a.",
            ["<HUAWEI> probe reset a force"],
            [TypedCommand("<HUAWEI>", "probe reset a force")],
        )
    ]


def test_a_page_read_without_the_cliref_type_says_so(other: Record) -> None:
    assert warnings_of(other, "page-type") == [
        "Page: DC.Type is 'reference', not 'cliref'; read as a command page because it has a Format section"
    ]


def test_title_falls_back_to_the_first_h1_then_to_the_title_element() -> None:
    html = (FIXTURES / "probe-reset-other-manual.html").read_bytes()
    without_h1 = html.replace(b'<h1 class="title">probe reset (user view)</h1>', b"")
    assert scrape_html(without_h1, "p.html").title == "probe reset"


# --- pages that are not command pages -------------------------------------------------------------


def test_a_topic_that_is_not_a_command_page_is_not_a_command_page() -> None:
    with pytest.raises(NotACommandPage) as caught:
        page("chapter-overview.html")
    assert caught.value.reason == "DC.Type is 'topic', not 'cliref', and no Format section"


def test_a_comware_page_is_refused_with_the_reason() -> None:
    html = (
        b"<html><head><title>sample-keepalive</title></head><body><h1>sample-keepalive interval</h1>"
        b"<p>Use sample-keepalive interval to set the interval.</p><h3>Syntax</h3>"
        b"<p>sample-keepalive interval interval</p><h3>Views</h3><p>System view</p>"
        b"<h3>Default level</h3><p>2: System level</p><h3>Predefined user roles</h3><p>network-admin</p>"
        b"</body></html>"
    )
    with pytest.raises(ScrapeError) as caught:
        scrape_html(html, "comware.html")
    assert caught.value.path == "comware.html"
    assert "Comware" in caught.value.message


# --- entry points ------------------------------------------------------------------------------


def test_scrape_bytes_sends_html_to_the_html_reader_and_text_to_the_text_reader() -> None:
    html = (FIXTURES / "pulse-probe-send.html").read_bytes()
    assert is_html(html)
    assert scrape_bytes(html, "p.html").id == "FIXTURE_CLIREF_0001"
    text = SEED.read_bytes()
    assert not is_html(text)
    assert scrape_bytes(text, "seed.txt") == scrape_text_file(SEED, "seed.txt")


def test_scrape_bytes_refuses_text_that_is_not_utf8_naming_the_page() -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_bytes(SEED.read_bytes() + b"\xff\xfe", "pages/bad.txt")
    assert (caught.value.path, caught.value.section) == ("pages/bad.txt", "Page")
    assert "not UTF-8" in caught.value.message


def test_a_declared_charset_is_honoured() -> None:
    html = (FIXTURES / "probe-reset-other-manual.html").read_text(encoding="utf-8")
    html = html.replace('encoding="UTF-8"', 'encoding="iso-8859-1"').replace(
        "Names one probe.", "Names one caf\u00e9."
    )
    command = scrape_html(html.encode("iso-8859-1"), "latin.html")
    assert command.parameters[0].description == "Names one caf\u00e9."
    assert warnings_of(command, "encoding") == []


def test_a_utf16_page_is_sniffed_as_html_and_decoded() -> None:
    html = (
        (FIXTURES / "pulse-probe-send.html")
        .read_text(encoding="utf-8")
        .replace("charset=utf-8", "charset=utf-16")
    )
    command = scrape_bytes(html.encode("utf-16"), "utf16.html")
    assert (command.id, command.views[0]) == ("FIXTURE_CLIREF_0001", "Probe view")


def test_bytes_that_are_not_utf8_are_replaced_with_a_warning() -> None:
    html = (
        (FIXTURES / "pulse-probe-send.html").read_bytes().replace(b"Names the address", b"Names \xff address")
    )
    command = scrape_html(html, "bad.html")
    assert command.parameters[0].description == "Names \ufffd address the pulses go to."
    assert warnings_of(command, "encoding")[0].startswith("Page: not valid UTF-8 (byte ")


def test_records_validate_and_dump(probe: Record, other: Record) -> None:
    for command in (probe, other, page("undo-pulse-probe-statistics.html")):
        validate(command.to_dict(), command.id)
        assert Record.from_dict(command.to_dict()) == command
        assert dump_record(command).endswith("\n")


def test_entry_points_and_errors_cross_process_boundaries() -> None:
    for function in (scrape_html, scrape_bytes):
        assert pickle.loads(pickle.dumps(function)) is function
    error = pickle.loads(pickle.dumps(ScrapeError("a.html", "Format", "why")))
    assert (error.path, error.section, error.message, str(error)) == (
        "a.html",
        "Format",
        "why",
        "a.html: Format: why",
    )
    skipped = pickle.loads(pickle.dumps(NotACommandPage("no Format section")))
    assert skipped.reason == "no Format section"
