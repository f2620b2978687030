"""The checker against the real manual: the vendor's own configuration scripts should pass.

Reads ../shared/corpus at run time; skips, saying so, when it is absent.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from corpus_configs import CMDREF, EXAMPLES, configuration_scripts
from vrpcmds_checker.check import check_config
from vrpcmds_checker.grammar import Grammar
from vrpcmds_scraper.batch import scrape_batch

TARGET = 0.97
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.skipif(
    not (CMDREF.is_dir() and EXAMPLES.is_dir()),
    reason=f"the real corpus is absent ({CMDREF.parent}): corpus checks skipped",
)


@pytest.fixture(scope="module")
def grammar(tmp_path_factory: pytest.TempPathFactory) -> Grammar:
    out = tmp_path_factory.mktemp("corpus-schema")
    report = scrape_batch([str(CMDREF)], out, cache_dir=tmp_path_factory.mktemp("cache"), progress=False)
    assert not report.failed
    return Grammar.load(out)


def test_vendor_configuration_scripts_are_accepted(grammar: Grammar) -> None:
    names = {tuple(n.lower().split()) for n in grammar.identities()}

    def documented(text: str) -> bool:
        words = tuple(w.lower() for w in text.split())
        return any(words[: len(n)] == n for n in names)

    counts: Counter[str] = Counter()
    rejected = []
    for page, script in configuration_scripts():
        for r in check_config(script, grammar, str(page.relative_to(EXAMPLES))):
            counts[r.status] += 1
            if documented(r.text):
                counts["documented"] += 1
                if r.status == "ok":
                    counts["accepted"] += 1
                else:
                    rejected.append(r)
    total = sum(counts[s] for s in ("ok", "unknown", "invalid", "wrong-view"))
    share = counts["accepted"] / counts["documented"]
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "checker-rejections.txt").write_text("\n".join(str(r) for r in rejected) + "\n")
    print(f"\nlines: {total}; ok {counts['ok']} ({counts['ok'] / total:.1%}); statuses {dict(counts)}")
    print(f"lines of documented commands accepted: {counts['accepted']}/{counts['documented']} ({share:.2%})")
    assert total > 3000
    assert share >= TARGET
