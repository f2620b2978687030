"""The ``vrpcmds`` command line: subcommands, exit codes, and the stages wired together."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vrpcmds_cli.main import main
from vrpcmds_model.store import load_record

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
FIXTURES = Path(__file__).parent / "fixtures" / "pages"


def test_console_script_lists_every_subcommand() -> None:
    exe = Path(sys.executable).parent / "vrpcmds"
    out = subprocess.run([str(exe), "--help"], capture_output=True, text=True, check=True).stdout
    for name in ("scrape", "generate", "site", "build", "check", "explain", "diff"):
        assert name in out


def test_diff_of_missing_folders_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-a", "no-such-b"]) == 2
    assert "no-such-a" in capsys.readouterr().err


def test_no_subcommand_is_a_usage_error() -> None:
    assert main([]) == 2


def test_scrape_writes_a_validated_record_mirroring_the_input_folder(tmp_path: Path) -> None:
    pages = tmp_path / "pages" / "area-one"
    pages.mkdir(parents=True)
    shutil.copy(SEED, pages / "ike-heartbeat.txt")
    assert main(["scrape", str(tmp_path / "pages"), "--out", str(tmp_path / "out")]) == 0
    record = load_record(tmp_path / "out" / "area-one" / "ike-heartbeat.yaml")
    assert record.name == "ike heartbeat"
    assert record.source.path == str(tmp_path / "pages" / "area-one" / "ike-heartbeat.txt")


def test_one_bad_page_is_reported_and_the_rest_are_still_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(SEED, pages / "ike-heartbeat.txt")
    (pages / "broken.txt").write_bytes(b"\xff\xfe not text at all \x00")
    shutil.copy(FIXTURES / "comware-sample.txt", pages / "comware.txt")
    assert main(["scrape", str(pages), "--out", str(tmp_path / "out")]) == 1
    captured = capsys.readouterr()
    assert "records written: 1" in captured.out
    assert "broken.txt" in captured.err and "comware.txt" in captured.err
    assert (tmp_path / "out" / "ike-heartbeat.yaml").exists()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["_grammar.json", "_grammar.stamp", "ike-heartbeat.yaml"]


def test_generate_check_fails_when_the_output_is_out_of_date(tmp_path: Path) -> None:
    schema = tmp_path / "schema"
    shutil.copytree(REPO / "schema", schema)
    out = tmp_path / "gen"
    assert main(["generate", "--schema", str(schema), "--out", str(out)]) == 0
    assert main(["generate", "--schema", str(schema), "--out", str(out), "--check"]) == 0
    (out / "vrpcmds" / "commands" / "ike_heartbeat.py").write_text("# edited by hand\n")
    assert main(["generate", "--schema", str(schema), "--out", str(out), "--check"]) == 1


def test_committed_bindings_pass_generate_check() -> None:
    assert main(["generate", "--schema", str(REPO / "schema"), "--out", str(REPO / "generated"), "--check"]) == 0


def test_site_command_gives_a_project_that_mkdocs_builds_strictly_with_the_seed_page(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert main(["site", "--schema", str(REPO / "schema"), "--out", str(out)]) == 0
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    pages = list((out / "html").rglob("ike-heartbeat/index.html"))
    assert len(pages) == 1
    html = pages[0].read_text()
    assert "<svg" in html and "IkeHeartbeat" in html and "System view" in html


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_schema_and_site_are_what_the_bundled_pages_give(tmp_path: Path) -> None:
    from vrpcmds_cli.commands import scrape_pages, write_site_from, write_view_map

    report = scrape_pages(["pages"], tmp_path / "schema", base=REPO)
    assert report.failed == []
    write_view_map(tmp_path / "schema")
    assert {k: v for k, v in _files(tmp_path / "schema").items() if k.endswith(".yaml")} == {
        k: v for k, v in _files(REPO / "schema").items() if k.endswith(".yaml") and k != "_views.override.yaml"
    }, "schema/ is out of date: run `make build`"
    write_site_from(tmp_path / "schema", tmp_path / "site")
    committed = {k: v for k, v in _files(REPO / "site").items() if not k.startswith("html/")}
    assert _files(tmp_path / "site") == committed, "site/ is out of date: run `make build`"
