"""The configuration scripts of the real configuration-guide examples (read at run time)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ce6800-v300r023c00"
CMDREF = CORPUS / "cmdref"
EXAMPLES = CORPUS / "config-examples"
_HEADING = re.compile(r"^h[1-6]$")


def configuration_scripts(folder: Path = EXAMPLES) -> Iterator[tuple[Path, str]]:
    """(page, script text) for each pre block after a page's "Configuration Scripts" heading."""
    for page in sorted(folder.rglob("*.html")):
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        heading = next(
            (h for h in soup.find_all(_HEADING) if "configuration script" in h.get_text().lower()), None
        )
        if heading is None:
            continue
        for pre in heading.find_all_next("pre"):
            yield page, pre.get_text()
