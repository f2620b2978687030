"""``vrpcmds plan`` and ``vrpcmds push``: the lines that turn RUNNING into INTENDED, and
sending them (the stage lives in :mod:`vrpcmds_remediate`)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vrpcmds_remediate import Plan


def plan(args: argparse.Namespace) -> int:
    """Print the plan; exit 1 when a line was undocumented, a configuration does not parse."""
    found = _plan(args)
    if found is None:
        return 1
    if args.json:
        print(json.dumps(found.as_dict(), indent=2))
    else:
        sys.stdout.write(found.text())
    for warning in found.warnings:
        print(f"vrpcmds plan: warning: {warning}", file=sys.stderr)
    return 1 if found.undocumented or found.warnings else 0


def push(args: argparse.Namespace) -> int:
    """Send the plan over SSH (a dry run unless --send); the password comes from the environment."""
    from vrpcmds_remediate.push import PushError, Target
    from vrpcmds_remediate.push import push as send

    found = _plan(args)
    if found is None:
        return 1
    password = os.environ.get(args.password_env, "")
    target = Target(args.host, args.username, password, args.port, args.platform)
    try:
        result = send(
            found, target, confirm=args.yes, dry_run=not args.send, allow_undocumented=args.allow_undocumented
        )
    except PushError as exc:
        print(f"vrpcmds push: {exc}; nothing was sent", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - connection failures: say what, never with credentials
        print(
            f"vrpcmds push: {type(exc).__name__}: connection to {args.host}:{args.port} failed",
            file=sys.stderr,
        )
        return 1
    if result.dry_run:
        print("dry run (add --send to push):")
        sys.stdout.write(found.text())
        return 0
    for line in result.applied:
        print(f"applied: {line}")
    if result.failed:
        print(f"refused: {result.failed}\n{result.reply}", file=sys.stderr)
        print(f"candidate discarded: {'yes' if result.discarded else 'no'}", file=sys.stderr)
    print(f"{len(result.applied)} of {len(found.steps)} lines applied in {result.seconds:.1f} s")
    return 0 if result.ok else 1


def _plan(args: argparse.Namespace) -> Plan | None:
    """The plan of two configuration files; None (reasons on stderr) when one does not parse."""
    from vrpcmds_remediate import ConfigError, Facts, facts_of, parse_config
    from vrpcmds_remediate import plan as make_plan

    from .commands import _grammar_source

    schema, package = _grammar_source(args)
    from vrpcmds_checker.api import grammar_of, packaged_grammar

    grammar = grammar_of(str(schema)) if schema is not None else packaged_grammar(package or "vrpcmds")
    facts = facts_of(schema) if schema is not None else Facts.from_grammar(grammar)
    configs = []
    try:
        for name in (args.running, args.intended):
            text = Path(name).read_text(encoding="utf-8", errors="replace")
            configs.append(parse_config(text, grammar, name))
    except OSError as exc:
        print(f"vrpcmds: cannot read {exc.filename}: {exc.strerror}", file=sys.stderr)
        return None
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None
    return make_plan(configs[0], configs[1], facts)
