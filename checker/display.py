"""Configuration text shown on a terminal: control characters escaped, never sent raw."""

from __future__ import annotations

from vrpcmds_runtime.line import is_control


def shown(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), tabs kept."""
    if not any(is_control(ch) and ch != "\t" for ch in text):
        return text
    return "".join(ch if ch == "\t" or not is_control(ch) else repr(ch)[1:-1] for ch in text)
