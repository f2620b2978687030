"""Plans over the shared corpus's configuration scripts converge on the emulated device.

For every script: empty -> script and script -> empty; for consecutive scripts of one
example page: A -> B and B -> A. Each plan is applied to the emulated device holding the
running configuration, which must then hold exactly the intended one. The count is
printed (BENCHMARKS.md, "Remediation") and pinned here: it may rise, never fall.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_configs import EXAMPLES, configurations_by_page
from vrpcmds_checker.api import grammar_of
from vrpcmds_remediate import convergence, facts_of

CONVERGED = 728  # of 730 plans when this was pinned


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason=f"corpus absent: {EXAMPLES} not found")
def test_plans_over_the_corpus_scripts_converge(corpus_schema: Path) -> None:
    grammar, facts = grammar_of(str(corpus_schema)), facts_of(corpus_schema)
    pages, refused = configurations_by_page(grammar)
    converged, made = convergence(pages.values(), facts)
    print(f"\nscripts read {sum(map(len, pages.values()))}, refused {refused}; converged {converged} of {made}")
    assert refused <= 1
    assert made >= 730
    assert converged >= CONVERGED
