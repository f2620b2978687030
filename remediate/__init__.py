"""From an intended configuration to the device: configuration model, plans, an emulated
device and pushes, all derived from one manual's schema (README, "Remediation and push")."""

from .apply import Applied, apply_plan, convergence, converges
from .config import Block, Config, ConfigError, Line, parse_config, read_line, render
from .emulator import Device, snapshot
from .facts import Facts, facts_of
from .plan import Plan, Step, plan

__all__ = [
    "Applied",
    "Block",
    "Config",
    "ConfigError",
    "Device",
    "Facts",
    "Line",
    "Plan",
    "Step",
    "apply_plan",
    "convergence",
    "converges",
    "facts_of",
    "parse_config",
    "plan",
    "read_line",
    "render",
    "snapshot",
]
