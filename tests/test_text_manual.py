"""Words a text page could only guess, decided by the other pages of the same batch."""

from __future__ import annotations

from pathlib import Path

from vrpcmds_model.store import load_record
from vrpcmds_scraper.batch import scrape_batch

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "pages" / "pulse-probe-send.txt"
SYNTAX = "pulse-probe send { interval interval | burst burst-count } * [ vpn-instance vpn-instance-name ] mode { fast | slow }"


def with_target(name: str, table: bool) -> str:
    """The fixture page as command ``name``, whose Format takes ``via probe-target``; with its
    table (``probe-target`` a documented parameter) or with the table cut off."""
    text = FIXTURE.read_text(encoding="utf-8").replace("pulse-probe send", name)
    text = text.replace(SYNTAX.replace("pulse-probe send", name), f"{name} via probe-target", 1)
    if table:
        row = "probe-target\n\nSpecifies the probe target.\n\nThe value is a string of 1 to 31 characters.\n\n"
        return text.replace("interval interval\n\nSpecifies", row + "interval interval\n\nSpecifies", 1)
    start, end = text.index("Parameters\n"), text.index("Views\n")
    return text[:start] + text[end:]


def test_a_guessed_keyword_that_other_pages_give_as_an_argument_becomes_one(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(with_target("pulse-probe trace", table=False))
    (pages / "b.txt").write_text(with_target("pulse-probe ping", table=True))
    (pages / "c.txt").write_text(with_target("pulse-probe path", table=True))
    alone = scrape_batch([str(pages / "a.txt")], tmp_path / "alone", cache_dir=tmp_path / "c1")
    assert alone.failed == []
    assert load_record(tmp_path / "alone" / "a.yaml").syntax[0] == "pulse-probe trace via probe-target"
    report = scrape_batch([str(pages)], tmp_path / "out", cache_dir=tmp_path / "c2")
    assert report.failed == []
    record = load_record(tmp_path / "out" / "a.yaml")
    assert record.syntax[0] == "pulse-probe trace via <probe-target>"
    messages = [w.message for w in record.warnings if w.kind == "marks-inferred"]
    assert any(m.startswith("probe-target taken as argument (an argument on 2 or more other pages") for m in messages)
    assert load_record(tmp_path / "out" / "b.yaml").syntax[0] == "pulse-probe ping via <probe-target>"


def test_one_other_page_is_not_enough(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(with_target("pulse-probe trace", table=False))
    (pages / "b.txt").write_text(with_target("pulse-probe ping", table=True))
    scrape_batch([str(pages)], tmp_path / "out", cache_dir=tmp_path / "c")
    assert load_record(tmp_path / "out" / "a.yaml").syntax[0] == "pulse-probe trace via probe-target"
