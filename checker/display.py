"""Configuration text shown on a terminal: control characters escaped, never sent raw."""

from __future__ import annotations

from vrpcmds_runtime.line import is_control

SHOWN_CHARS = 300  # the most characters of one line of configuration text shown


def shown(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), tabs kept,
    cut after SHOWN_CHARS characters (saying how long it was)."""
    more = f"... ({len(text):,} characters)" if len(text) > SHOWN_CHARS else ""
    text = text[:SHOWN_CHARS]
    if not any(is_control(ch) and ch != "\t" for ch in text):
        return text + more
    return "".join(ch if ch == "\t" or not is_control(ch) else repr(ch)[1:-1] for ch in text) + more
