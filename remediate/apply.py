"""A plan applied to the emulated device's configuration model, and whether it converged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from .config import Config, clone
from .emulator import Device, snapshot
from .facts import Facts
from .plan import Plan, plan


@dataclass
class Applied:
    """The lines a device accepted, and the first one it refused (with its reply)."""

    accepted: list[str] = field(default_factory=list)
    refused: str = ""
    reply: str = ""


def apply_plan(device: Device, plan: Plan) -> Applied:
    """Send a plan's documented lines from system view, stopping at the first error."""
    done = Applied()
    device.execute("system-view")
    for step in plan.steps:
        if step.reason == "undocumented":
            continue
        reply = device.execute(step.text)
        if reply.confirm:
            reply = device.execute("Y")
        if "Error:" in reply.output:
            done.refused, done.reply = step.text, reply.output
            break
        done.accepted.append(step.text)
    device.execute("return")
    return done


def converges(running: Config, intended: Config, plan: Plan, facts: Facts) -> tuple[bool, Applied, Device]:
    """Apply ``plan`` to a device holding ``running``; True when it then holds ``intended``."""
    if running.grammar is None:
        raise ValueError("converges: the configuration carries no grammar")
    device = Device(running.grammar, facts, running=clone(running))
    applied = apply_plan(device, plan)
    return (
        not applied.refused and snapshot(device.running, facts) == snapshot(intended, facts),
        applied,
        device,
    )


def convergence(groups: Iterable[list[Config]], facts: Facts) -> tuple[int, int]:
    """(plans that converge, plans made) over groups of configurations of one topic: for each
    configuration, empty -> it and it -> empty; for consecutive ones A, B: A -> B and B -> A."""
    made = converged = 0
    for configs in groups:
        if not configs:
            continue
        empty = Config(configs[0].grammar)
        pairs = [(empty, c) for c in configs] + [(c, empty) for c in configs]
        pairs += [p for a, b in pairwise(configs) for p in ((a, b), (b, a))]
        for running, intended in pairs:
            made += 1
            converged += converges(running, intended, plan(running, intended, facts), facts)[0]
    return converged, made


__all__ = ["Applied", "apply_plan", "convergence", "converges"]
