"""Time and memory of oversized pages, as ``vrpcmds scrape`` and ``generate`` run them.

Each case is one page built from a fixture page's structure and grown far past what real
pages hold (see vrpcmds_runtime.bounds): parameter rows, syntax lines, optional groups,
nesting, a repeat bound, the page size. Each is scraped, then generated, in a fresh
process; the figures are printed beside the limit that applies.

    python benchmarks/hostile_sizes.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vrpcmds_runtime import bounds

REPO = Path(__file__).resolve().parent.parent
HTML = REPO / "tests" / "fixtures" / "html" / "pulse-probe-send.html"
TEXT = REPO / "tests" / "fixtures" / "pages" / "pulse-probe-send.txt"
VRPCMDS = [sys.executable, "-c", "from vrpcmds_cli.main import console; console()"]
SYNTAX = "pulse-probe send { interval interval | burst burst-count } * [ vpn-instance vpn-instance-name ] mode { fast | slow }"


def html_rows(rows: int) -> bytes:
    html = HTML.read_text(encoding="utf-8")
    row = re.search(r"<tr>(?:(?!</tr>).)*?</tr>(?=(?:(?!</table>).)*</table>)", html, re.S)
    assert row is not None
    return html.replace(row.group(0), row.group(0) * rows, 1).encode()


def text_with(syntax: str) -> bytes:
    return TEXT.read_text(encoding="utf-8").replace(SYNTAX, syntax, 1).encode()


CASES = {
    f"HTML page, 18,000 parameter rows (limit {bounds.PARAMETERS_PER_PAGE:,} rows)": ("html", lambda: html_rows(18_000)),
    f"text page, 50,000 syntax lines (limit {bounds.FORMS_PER_PAGE} lines)": (
        "txt", lambda: text_with("\n\n".join(f"pulse-probe send f{i}" for i in range(50_000)))),
    f"text page, 20,000 optional groups (limit {bounds.FORMAT_LINE_CHARS:,} characters a line)": (
        "txt", lambda: text_with("pulse-probe send " + " ".join(f"[ k{i} ]" for i in range(20_000)))),
    f"text page, groups nested 30 deep (limit {bounds.FORM_DEPTH})": (
        "txt", lambda: text_with("pulse-probe send " + "[ a " * 30 + "] " * 30)),
    f"text page, a repeat bound of 50 digits (limit {bounds.REPEAT_MAX:,})": (
        "txt", lambda: text_with("pulse-probe send interval &<1-" + "9" * 50 + ">")),
    f"text page of 10 MB (limit {bounds.PAGE_BYTES:,} bytes)": ("txt", lambda: text_with(SYNTAX) + b" " * 10_000_000),
}  # fmt: skip


def run(args: list[str], cwd: Path) -> tuple[float, float, int]:
    """Seconds, peak memory (MB) of that process, exit status."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen([*VRPCMDS, *args], cwd=cwd, stdout=out, stderr=subprocess.STDOUT, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        if "Traceback" in out.read():
            raise SystemExit(f"traceback in {args}")
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def main() -> None:
    print(f"{'case':78} {'scrape':>14} {'generate':>14}")
    for label, (suffix, make) in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            (root / "pages").mkdir()
            (root / "pages" / f"page.{suffix}").write_bytes(make())
            s_time, s_mem, s_rc = run(["scrape", "pages", "--out", "schema", "--jobs", "1"], root)
            g_time, g_mem, g_rc = run(["generate", "--schema", "schema", "--out", "gen"], root)
            print(f"{label:78} {s_time:5.1f} s {s_mem:4.0f} MB {g_time:5.1f} s {g_mem:4.0f} MB  exit {s_rc}/{g_rc}")


if __name__ == "__main__":
    main()
