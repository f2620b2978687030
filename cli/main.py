"""``vrpcmds``: one console script, one subcommand per pipeline stage.

Exit codes: 0 success, 1 problems found, 2 usage error (or a command not available yet).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence

from vrpcmds_differ.cli import add_arguments as add_diff_arguments

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it


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
    p.add_argument(
        "--deadline", type=float, metavar="SECONDS", help="stop fetching URLs after this long (default: no limit)"
    )
    p.set_defaults(run="vrpcmds_cli.commands:scrape")

    p = sub.add_parser("generate", help="YAML records -> Python bindings")
    p.add_argument("--schema", default="schema", help="folder of YAML records (default: schema)")
    p.add_argument("--out", default="generated", help="output folder (default: generated)")
    p.add_argument("--check", action="store_true", help="exit 1 if the output folder is out of date")
    p.set_defaults(run="vrpcmds_cli.commands:generate")

    p = sub.add_parser("site", help="YAML records -> MkDocs-Material project")
    p.add_argument(
        "--schema", action="append", help="folder of YAML records, once per manual of the site (default: schema)"
    )
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument(
        "--changes",
        action="append",
        metavar="DIFF.json",
        help="`vrpcmds diff --json` output of the manual of the --schema in the same place: its What changed page",
    )
    p.set_defaults(run="vrpcmds_cli.commands:site")

    p = sub.add_parser("build", help="scrape + generate + site on the bundled pages, then build the HTML site")
    p.set_defaults(run="vrpcmds_cli.pipeline:build")

    p = sub.add_parser("package", help="one manual's bindings as an installable wheel and sdist")
    p.add_argument("--schema", default="schema", help="folder of YAML records of one manual (default: schema)")
    p.add_argument("--out", default="dist", help="folder for the wheel and the sdist (default: dist)")
    p.add_argument("--name", help="import name (default: from the manual's product and release)")
    p.add_argument("--version", help="package version (default: the release's numbers + the content hash)")
    p.add_argument("--previous", metavar="OLD_SCHEMA", help="the previous version's schema: adds CHANGELOG.md")
    p.set_defaults(run="vrpcmds_cli.commands:package")

    p = sub.add_parser("check", help="validate configuration files against the schema")
    p.add_argument("files", nargs="+", metavar="FILE")
    add_grammar_source(p)
    p.add_argument("--json", action="store_true", help="machine-readable results")
    p.set_defaults(run="vrpcmds_cli.commands:check")

    p = sub.add_parser("explain", help="say which command and form each line is")
    p.add_argument("lines", nargs="*", metavar="LINE")
    p.add_argument("--file", help="explain every line of this file")
    add_grammar_source(p)
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(run="vrpcmds_cli.commands:explain")

    p = sub.add_parser("diff", help="what changed between two schema folders, and what breaks")
    add_diff_arguments(p)  # OLD NEW [--json] [--fail-on breaking|any|never]
    p.set_defaults(run="vrpcmds_differ.cli:diff_command")

    p = sub.add_parser("plan", help="the command lines that turn RUNNING into INTENDED, from system view")
    p.add_argument("running", metavar="RUNNING")
    p.add_argument("intended", metavar="INTENDED")
    add_grammar_source(p)
    p.add_argument("--json", action="store_true", help="each line with its command, form and reason")
    p.set_defaults(run="vrpcmds_cli.remediate:plan")

    p = sub.add_parser("push", help="send the plan over SSH (dry run unless --send; needs vrpcmds[push])")
    p.add_argument("running", metavar="RUNNING")
    p.add_argument("intended", metavar="INTENDED")
    add_grammar_source(p)
    p.add_argument("--host", required=True)
    p.add_argument("--port", type=int, default=22)
    p.add_argument("--username", required=True)
    p.add_argument("--password-env", default="VRPCMDS_PASSWORD", metavar="VAR", help="variable holding the password")
    p.add_argument("--platform", default="huawei_vrpv8", choices=["huawei", "huawei_vrpv8"], help="netmiko type")
    p.add_argument("--yes", action="store_true", help="answer Y to [Y/N] confirmations")
    p.add_argument("--send", action="store_true", help="really send (default: dry run)")
    p.add_argument("--allow-undocumented", action="store_true", help="send lines the schema does not document")
    p.set_defaults(run="vrpcmds_cli.remediate:push")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    return _run(parser, parser.parse_args(argv))


def add_grammar_source(p: argparse.ArgumentParser) -> None:
    """``--schema DIR`` or ``--package NAME``: whose commands the lines are checked against."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("--schema", help="folder of YAML records (default: schema)")
    group.add_argument("--package", metavar="NAME", help="an installed bindings package (vrpcmds package)")


def console() -> None:
    """The ``vrpcmds`` console script.

    After ``check`` and ``explain``, which only read, the process ends at once: freeing a
    loaded grammar object by object at interpreter shutdown takes longer than checking a
    small file. Every other command ends normally. An interrupt (Ctrl-C) ends any command
    with one line, ``vrpcmds COMMAND: interrupted``, and exit status 130, without a
    traceback; the files each command writes are written aside and renamed, so none is
    left half-written.
    """
    parser = build_parser()
    args = parser.parse_args()
    try:
        code = _run(parser, args)
    except KeyboardInterrupt:
        print(" ".join(["vrpcmds", *([args.command] if args.command else [])]) + ": interrupted", file=sys.stderr)
        sys.stderr.flush()
        os._exit(EXIT_INTERRUPTED)  # no teardown: worker pools and threads are being abandoned
    except BrokenPipeError:  # the reader of our output went away (``| head``)
        os._exit(0)
    if getattr(args, "run", None) in _READ_ONLY:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


_READ_ONLY = ("vrpcmds_cli.commands:check", "vrpcmds_cli.commands:explain")


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    target: str | None = getattr(args, "run", None)
    if target is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return _handler(target)(args)


def _handler(target: str) -> Callable[[argparse.Namespace], int]:
    """The function named ``module:function``, imported only when its subcommand runs.

    ``vrpcmds --help`` and a rescrape of unchanged input then pay only for what they use.
    """
    module, _, name = target.partition(":")
    run: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), name)
    return run


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
