"""Benchmark: plan convergence over the corpus's configuration scripts, on the emulated device.

    python benchmarks/push.py [SCHEMA]

For every configuration script of the corpus's configuration examples: plan(empty ->
script) and plan(script -> empty), and for consecutive scripts of one example page
plan(A -> B) and plan(B -> A); each plan is applied to the emulated device's
configuration model, which must then hold the intended configuration. Prints the count.
SCHEMA is a scraped schema of the corpus (default /tmp/rs). Skips when the corpus is absent.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from corpus_configs import EXAMPLES, configurations_by_page
from vrpcmds_checker.api import grammar_of
from vrpcmds_remediate import convergence, facts_of


def main() -> int:
    schema = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/rs")
    if not EXAMPLES.is_dir() or not schema.is_dir():
        print("corpus or its scraped schema is absent: nothing to measure")
        return 0
    grammar, facts = grammar_of(str(schema)), facts_of(schema)
    pages, refused = configurations_by_page(grammar)
    start = time.perf_counter()
    converged, made = convergence(pages.values(), facts)
    print(
        f"scripts: {sum(map(len, pages.values()))} read, {refused} refused (a line a documented command rejects)"
    )
    print(
        f"convergence: {converged} of {made} plans leave the intended configuration"
        f" ({time.perf_counter() - start:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
