"""``vrpcmds``: one console script, one subcommand per pipeline stage.

Exit codes: 0 success, 1 problems found, 2 usage error (or a command not available yet).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from vrpcmds_differ.cli import add_arguments as add_diff_arguments
from vrpcmds_differ.cli import diff_command

from . import commands, pipeline

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="vrpcmds",
        description="Turn Huawei VRP command references into a YAML schema, Python bindings and a site.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("scrape", help="pages (files, folders, URLs) -> one YAML record per command page")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", default="schema", help="output folder (default: schema)")
    p.add_argument("--cache", help="cache folder (default: $VRPCMDS_CACHE or ~/.cache/vrpcmds)")
    p.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    p.set_defaults(run=commands.scrape)

    p = sub.add_parser("generate", help="YAML records -> Python bindings")
    p.add_argument("--schema", default="schema", help="folder of YAML records (default: schema)")
    p.add_argument("--out", default="generated", help="output folder (default: generated)")
    p.add_argument("--check", action="store_true", help="exit 1 if the output folder is out of date")
    p.set_defaults(run=commands.generate)

    p = sub.add_parser("site", help="YAML records -> MkDocs-Material project")
    p.add_argument("--schema", default="schema", help="folder of YAML records (default: schema)")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--changes", metavar="DIFF.json", help="`vrpcmds diff --json` output: adds a What changed page")
    p.set_defaults(run=commands.site)

    p = sub.add_parser("build", help="scrape + generate + site on the bundled pages, then build the HTML site")
    p.set_defaults(run=pipeline.build)

    p = sub.add_parser("check", help="validate configuration files against the schema")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--schema", default="schema", help="folder of YAML records (default: schema)")
    p.add_argument("--json", action="store_true", help="machine-readable results")
    p.set_defaults(run=commands.check)

    p = sub.add_parser("explain", help="say which command and form each line is")
    p.add_argument("lines", nargs="*", metavar="LINE")
    p.add_argument("--file", help="explain every line of this file")
    p.add_argument("--schema", default="schema", help="folder of YAML records (default: schema)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(run=commands.explain)

    p = sub.add_parser("diff", help="what changed between two schema folders, and what breaks")
    add_diff_arguments(p)  # OLD NEW [--json] [--fail-on breaking|any|never]
    p.set_defaults(run=diff_command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] | None = getattr(args, "run", None)
    if run is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
