"""The site's "What changed" page, made from `vrpcmds diff --json` of two versions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from vrpcmds_cli.main import main

DIFF = Path(__file__).parent / "fixtures" / "diff"


def test_site_with_changes_has_a_what_changed_page_linking_each_changed_command(
    tmp_path: Path, capsys
) -> None:  # type: ignore[no-untyped-def]
    assert main(["diff", str(DIFF / "v1"), str(DIFF / "v2"), "--json"]) == 0
    (tmp_path / "diff.json").write_text(capsys.readouterr().out)
    out = tmp_path / "site"
    assert main(["site", "--schema", str(DIFF / "v2"), "--out", str(out), "--changes", str(tmp_path / "diff.json")]) == 0
    page = (out / "docs" / "changes.md").read_text()
    assert "Breaking changes" in page and "Commands added" in page and "Commands removed" in page
    assert "[breaking]" in page
    assert "What changed" in (out / "mkdocs.yml").read_text()
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert built.returncode == 0, built.stderr
    html = (out / "html" / "changes" / "index.html").read_text()
    assert 'href="../commands/' in html
