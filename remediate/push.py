"""Send a plan to a device over SSH through netmiko (``pip install vrpcmds[push]``).

From user view the session enters system view, sends each line and reads its echo up to
the next prompt, and stops at the first ``Error:`` reply, reporting which lines were
applied. A ``[Y/N]`` question is answered ``Y`` only when the caller allowed it (else
``N``, and the push stops). On a two-stage (VRP8) device the plan ends with ``commit``;
when a push fails or is interrupted before it, the candidate is discarded
(``clear configuration candidate``). A dry run (the default) connects to nothing and
returns the lines it would send. Credentials are passed to the library only: never
printed, logged or kept in the result.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from vrpcmds_runtime.line import is_control

from .plan import Plan

PROMPT = r"(?:[<\[][~*]?[^\s<>\[\]]+[\]>]\s*$|\[Y/N\]:?\s*$)"
DISCARD = "clear configuration candidate"


class PushError(RuntimeError):
    """A plan that may not be sent (a line that could inject another, undocumented lines)."""


@dataclass
class Target:
    """Where to push: the password is never shown (``repr`` leaves it out)."""

    host: str
    username: str
    password: str = field(repr=False)
    port: int = 22
    platform: str = "huawei_vrpv8"  # netmiko device type: huawei or huawei_vrpv8
    timeout: float = 30.0


@dataclass
class PushResult:
    """What was sent and applied; ``failed`` is the line the device refused, with its reply."""

    sent: list[str] = field(default_factory=list)
    applied: list[str] = field(default_factory=list)
    failed: str = ""
    reply: str = ""
    committed: bool = False
    discarded: bool = False
    dry_run: bool = True
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def lines_to_send(plan: Plan, allow_undocumented: bool = False) -> list[str]:
    """The plan's lines, each checked to be one line (no value may start a second command)."""
    if plan.undocumented and any(s.reason == "undocumented" for s in plan.steps) and not allow_undocumented:
        raise PushError("the plan carries lines the schema does not document; refusing to send them")
    out = []
    for step in plan.steps:
        if any(is_control(c) for c in step.text):
            raise PushError(f"line {step.text!r} holds a control character")
        out.append(step.text)
    return out


def push(
    plan: Plan,
    target: Target,
    confirm: bool = False,
    dry_run: bool = True,
    allow_undocumented: bool = False,
) -> PushResult:
    """Send ``plan`` to ``target`` (see the module docstring)."""
    lines = lines_to_send(plan, allow_undocumented)
    result = PushResult(dry_run=dry_run)
    if dry_run:
        result.sent = lines
        return result
    from netmiko import ConnectHandler

    start = time.perf_counter()
    conn = ConnectHandler(
        device_type=target.platform,
        host=target.host,
        port=target.port,
        username=target.username,
        password=target.password,
        timeout=target.timeout,
        fast_cli=False,
    )
    try:
        _send_all(conn, lines, result, confirm)
    finally:
        if not result.committed and "commit" in lines:
            result.discarded = _discard(conn)
        conn.disconnect()
        result.seconds = time.perf_counter() - start
    return result


def _send_all(conn: Any, lines: list[str], result: PushResult, confirm: bool) -> None:
    _send(conn, "system-view")
    for line in lines:
        result.sent.append(line)
        output = _send(conn, line)
        if re.search(r"\[Y/N\]", output):
            output += _send(conn, "Y" if confirm else "N")
            if not confirm:
                result.failed, result.reply = line, output + "\n(confirmation not allowed: answered N)"
                return
        if "Error:" in output:
            result.failed, result.reply = line, output.strip()
            return
        result.applied.append(line)
        if line == "commit":
            result.committed = True
    _send(conn, "return")


def _send(conn: Any, line: str) -> str:
    output: str = conn.send_command(
        line, expect_string=PROMPT, strip_prompt=False, strip_command=False, read_timeout=30, cmd_verify=True
    )
    return output


def _discard(conn: Any) -> bool:
    """Drop the uncommitted candidate; False when the session no longer answers."""
    try:
        _send(conn, DISCARD)
        _send(conn, "return")
    except Exception:  # noqa: BLE001 - a dead session has nothing left to discard
        return False
    return True


__all__ = ["DISCARD", "PushError", "PushResult", "Target", "lines_to_send", "push"]
