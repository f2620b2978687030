"""The configuration scripts of the real configuration-guide examples (read at run time)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def configurations_by_page(grammar: Any) -> tuple[dict[Path, list[Any]], int]:
    """The scripts read as configurations (vrpcmds_remediate.Config), grouped by example page,
    and how many scripts were refused (a line a documented command rejects)."""
    from vrpcmds_remediate import ConfigError, parse_config

    pages: dict[Path, list[Any]] = defaultdict(list)
    refused = 0
    for page, text in configuration_scripts():
        try:
            pages[page].append(parse_config(text, grammar, page.name))
        except ConfigError:
            refused += 1
    return pages, refused
