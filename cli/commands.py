"""What each subcommand does; the stages themselves live in their own packages."""

from __future__ import annotations

import argparse
import sys


def not_yet(args: argparse.Namespace) -> int:
    print(f"vrpcmds {args.command}: not available yet in this version", file=sys.stderr)
    return 2


scrape = generate = site = build = not_yet
