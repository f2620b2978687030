"""Hostile and broken pages: each gives a ScrapeError or warnings naming the page and section,
and nothing unsafe reaches the record (no control characters, one-line names and syntax)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from vrpcmds_model.record import Record
from vrpcmds_model.store import dump_record
from vrpcmds_scraper.api import NotACommandPage, ScrapeError, scrape_bytes, scrape_html

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
PROBE = (FIXTURES / "pulse-probe-send.html").read_bytes()
SHOWN = "hostile/page.html"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def with_format(*lines: str) -> bytes:
    """The probe page with its Format section replaced by these paragraphs."""
    start = PROBE.index(b'<div class="cliformatbody">')
    end = PROBE.index(b"</div></div>", start)
    body = "".join(f"<p>{line}</p>" for line in lines).encode()
    return PROBE[:start] + b'<div class="cliformatbody">' + body + PROBE[end:]


def replace(old: bytes, new: bytes, data: bytes = PROBE) -> bytes:
    assert old in data
    return data.replace(old, new)


def assert_safe(command: Record) -> dict:  # type: ignore[type-arg]
    """The YAML of the record: it validates, reads back, and holds nothing unsafe."""
    text = dump_record(command)
    assert not _CONTROL.search(text.replace("\n", ""))
    data = yaml.safe_load(text)
    single = [data["id"], data["name"], data["title"], *data["syntax"], *data["undo_syntax"], *data["views"]]
    single += [p["name"] for p in data["parameters"]]
    single += [line for e in data.get("examples", []) for line in e["lines"]]
    single += [c["command"] for e in data.get("examples", []) for c in e.get("commands", [])]
    single += [w["message"] for w in data["warnings"]]
    for value in single:
        assert "\n" not in value and "\r" not in value, value
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", data["id"])
    return data  # type: ignore[no-any-return]


def kinds(command: Record) -> set[tuple[str, str]]:
    return {(w.section, w.kind) for w in command.warnings}


# --- broken structure -----------------------------------------------------------------------


def test_truncated_html_keeps_what_was_read_and_reports_the_rest() -> None:
    cut = PROBE[: PROBE.index(b'<td valign="top"><p>Sets how many pulses')]
    command = scrape_html(cut, SHOWN)
    assert command.source.path == SHOWN
    assert len(command.syntax) == 3
    assert [p.name for p in command.parameters][:2] == ["<target-address>", "interval <interval>"]
    assert {
        ("Views", "section-missing"),
        ("Default Level", "section-missing"),
        ("Example", "section-missing"),
    } <= kinds(command)
    assert_safe(command)


def test_html_truncated_inside_the_format_section_is_an_error_with_the_reason() -> None:
    cut = PROBE[: PROBE.index(b"| <strong><span>count")]
    with pytest.raises(ScrapeError) as caught:
        scrape_html(cut, SHOWN)
    assert (caught.value.path, caught.value.section) == (SHOWN, "Format")
    assert "never closed" in caught.value.message


def test_a_page_truncated_before_its_format_is_an_error_naming_the_page() -> None:
    cut = PROBE[: PROBE.index(b'<div class="cliformat">')]
    with pytest.raises(ScrapeError) as caught:
        scrape_html(cut, SHOWN)
    assert (caught.value.path, caught.value.section) == (SHOWN, "Format")


def test_a_command_page_without_format_is_an_error() -> None:
    start = PROBE.index(b'<div class="cliformat">')
    end = PROBE.index(b'<div class="cliparam">')
    with pytest.raises(ScrapeError) as caught:
        scrape_html(PROBE[:start] + PROBE[end:], SHOWN)
    assert (caught.value.path, caught.value.section) == (SHOWN, "Format")
    assert "without a Format section" in caught.value.message


@pytest.mark.parametrize("data", [b"", b"   \n", b"\x00\x00"])
def test_empty_and_blank_pages_are_errors(data: bytes) -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_html(data, SHOWN)
    assert (caught.value.path, caught.value.section) == (SHOWN, "Page")


def test_a_bare_html_element_is_not_a_command_page() -> None:
    with pytest.raises(NotACommandPage) as caught:
        scrape_bytes(b"<html></html>", SHOWN)
    assert caught.value.reason == "no DC.Type meta and no Format section"


# --- broken Format lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("<b>pulse probe send</b> { <i>target</i>", "never closed"),
        ("<b>pulse probe send</b> [ <i>target</i> }", "closed by"),
        ("<b>pulse probe send</b> ( <i>target</i> )", "unknown mark"),
        ("<b>pulse probe send</b> &lt;target&gt;", "unknown mark in '<target>'"),
        ("<b>pulse probe send</b> { | <i>target</i> }", "empty alternative"),
        ('<b>pulse probe send</b> <i>a"b</i>', "unknown mark in 'a\"b'"),
        ("<b>pulse probe send</b> <i>target</i> &amp;&lt;1-x&gt;", "unknown mark"),
    ],
)
def test_unbalanced_or_unknown_brackets_are_warnings_and_the_line_is_left_out(line: str, why: str) -> None:
    good = "<b>pulse probe send</b> <i>target</i>"
    command = scrape_html(with_format(good, line), SHOWN)
    assert command.syntax == ["pulse probe send <target>"]
    [message] = [
        w.message for w in command.warnings if (w.section, w.kind) == ("Format", "syntax-unreadable")
    ]
    assert why in message
    assert_safe(command)


def test_a_format_without_any_readable_line_is_an_error_with_the_first_reason() -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_html(with_format("<b>pulse probe send</b> { <i>target</i>"), SHOWN)
    assert caught.value.section == "Format"
    assert "never closed" in caught.value.message


def test_deeply_nested_brackets_do_not_exhaust_the_stack() -> None:
    deep = "<b>pulse probe send</b> " + "{ " * 5000 + "<i>x</i>" + " }" * 5000
    command = scrape_html(with_format(deep, "<b>pulse probe send</b> <i>y</i>"), SHOWN)
    assert command.syntax == ["pulse probe send <y>"]
    [message] = [w.message for w in command.warnings if w.kind == "syntax-unreadable"]
    assert "too deeply nested" in message


def test_deeply_nested_markup_is_cut_by_the_parser_with_a_warning() -> None:
    deep = "<b>pulse probe send</b> <i>y</i>" + "<span>" * 3000 + "z" + "</span>" * 3000
    command = scrape_html(with_format("<b>pulse probe send</b> <i>t</i>", deep), SHOWN)
    assert command.syntax[0] == "pulse probe send <t>"
    assert command.views == []  # lost after the point where the parser gave up
    [message] = [w.message for w in command.warnings if (w.section, w.kind) == ("Page", "html-unreadable")]
    assert "Excessive depth" in message
    assert_safe(command)


def test_prose_in_the_format_section_is_skipped_with_a_warning() -> None:
    command = scrape_html(
        with_format("<b>pulse probe send</b> <i>t</i>", "This line explains things."), SHOWN
    )
    assert command.syntax == ["pulse probe send <t>"]
    assert ("Format", "prose-skipped") in kinds(command)


# --- encodings and size ----------------------------------------------------------------------


def test_non_utf8_bytes_in_html_are_replaced_and_reported() -> None:
    command = scrape_html(replace(b"Probe group view", b"Probe \xc3\x28 view"), SHOWN)
    assert "Probe \ufffd( view" in command.views
    assert ("Page", "encoding") in kinds(command)
    assert_safe(command)


def test_non_utf8_text_pages_are_errors_naming_the_page() -> None:
    with pytest.raises(ScrapeError) as caught:
        scrape_bytes(b"pulse probe send\n\nFunction\n\xff\xfe\n", "hostile/page.txt")
    assert (caught.value.path, caught.value.section) == ("hostile/page.txt", "Page")


def test_an_unknown_charset_is_read_as_utf8_with_a_warning() -> None:
    command = scrape_html(replace(b"charset=utf-8", b"charset=x-no-such-charset"), SHOWN)
    assert ("Page", "encoding") in kinds(command)


def test_a_10_mb_page_is_refused_quickly_naming_the_page() -> None:
    huge = replace(
        b"<p>A probe has been created.</p>", b"<p>" + b"padding " * (10 * 1024 * 1024 // 8) + b"</p>"
    )
    start = time.perf_counter()
    with pytest.raises(ScrapeError) as caught:
        scrape_bytes(huge, SHOWN)
    assert time.perf_counter() - start < 2
    assert (caught.value.path, caught.value.section) == (SHOWN, "Page")
    assert "larger than any command page" in caught.value.message


def test_a_large_page_under_the_limit_is_read_in_time_and_its_long_text_cut() -> None:
    big = replace(b"<p>A probe has been created.</p>", b"<p>" + b"word " * 100_000 + b"</p>")
    many = b"".join(b"<p>Probe view %d,</p>" % i for i in range(5_000))
    big = replace(b"<p><span>100GE interface view</span></p>", many, big)
    start = time.perf_counter()
    command = scrape_html(big, SHOWN)
    assert time.perf_counter() - start < 5
    assert ("Usage Guidelines", "text-truncated") in kinds(command)
    assert len(command.views) == 5_002
    assert_safe(command)


# --- text that must not make the record unsafe ------------------------------------------------


def test_quotes_templates_and_script_tags_stay_text_and_the_record_stays_safe() -> None:
    hostile = '""" {{ title }} {% raw %} </script><script>alert(1)</script>'
    data = replace(
        b"Names the address the pulses go to.", hostile.replace("<", "&lt;").replace(">", "&gt;").encode()
    )
    command = scrape_html(data, SHOWN)
    assert command.parameters[0].description == hostile
    assert yaml.safe_load(dump_record(command))["parameters"][0]["description"] == hostile


def test_a_title_with_newlines_and_markup_characters_gives_a_one_line_keyword_name() -> None:
    title = b'pulse&#10;probe send """ {{ x }} &lt;/script&gt;\r\n(probe view)'
    data = replace(
        b'<h1 class="topicTitle-h1">pulse probe send (probe view) (group)</h1>',
        b'<h1 class="topicTitle-h1">' + title + b"</h1>",
    )
    command = scrape_html(data, SHOWN)
    assert command.title == 'pulse probe send """ {{ x }} </script> (probe view)'
    assert command.name == "pulse probe send"
    assert ("Title", "name-unusual") in kinds(command)
    assert_safe(command)


def test_control_characters_are_removed_everywhere() -> None:
    data = replace(b"Sets the gap between two pulses.", b"Sets the\x07 gap&#27;[31m between&#0; two pulses.")
    data = replace(b"Probe group view", b"Probe&#8232;group&#11;view", data)
    data = replace(b"<strong>pulse-probe a</strong>", b"<strong>pulse-probe&#7; a&#127;</strong>", data)
    command = scrape_html(data, SHOWN)
    description = next(p.description for p in command.parameters if p.name == "interval <interval>")
    assert description.startswith("Sets the gap[31m between\ufffd two pulses.")  # &#0; is U+FFFD in HTML
    assert "Probe group view" in command.views
    assert command.examples[0].commands[1].command == "pulse-probe a"
    assert command.examples[0].lines[1] == "[~HUAWEI] pulse-probe a"
    assert_safe(command)


def test_control_characters_in_metas_and_an_unsafe_identifier() -> None:
    data = replace(b'content="FIXTURE_CLIREF_0001"', b'content="../../etc/&#10;passwd"')
    data = replace(b'content="Test Features"', b'content="Test&#9;Features&#7;"', data)
    command = scrape_html(data, SHOWN)
    assert command.id == "pulse-probe-send-probe-view-group"
    assert ("Page", "identifier-unsafe") in kinds(command)
    assert command.source.feature_area is not None and "\x07" not in command.source.feature_area
    assert_safe(command)


def test_newlines_inside_a_keyword_never_reach_a_syntax_line() -> None:
    command = scrape_html(with_format("<b>pulse&#10;probe\r\nsend</b> <i>tar&#10;get</i>"), SHOWN)
    assert command.syntax == ["pulse probe send <tar> <get>"]
    assert_safe(command)
