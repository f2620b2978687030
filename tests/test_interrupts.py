"""Interrupts: Ctrl-C ends a command with one line and status 130, and scrape workers end
with their parent, even when it is killed outright."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_PAGE = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
VRPCMDS = [sys.executable, "-c", "from vrpcmds_cli.main import console; console()"]


@pytest.fixture(scope="module")
def many_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 copies of the seed page: a scrape that runs for a few seconds on two workers."""
    root = tmp_path_factory.mktemp("many")
    for n in range(3000):
        shutil.copy(SEED_PAGE, root / f"page-{n:04}.txt")
    return root


def start_scrape(pages: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "VRPCMDS_CACHE": str(out.parent / "cache")}
    return subprocess.Popen(
        [*VRPCMDS, "scrape", str(pages), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(p) for p in found]


def wait_for_workers(proc: subprocess.Popen[str], count: int) -> list[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = children(proc.pid)
        if len(found) >= count:
            return found
        time.sleep(0.05)
    raise AssertionError("the scrape did not start its workers")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ", 1)[1].startswith("Z"))


def test_ctrl_c_ends_a_scrape_with_one_line_and_status_130(many_pages: Path, tmp_path: Path) -> None:
    proc = start_scrape(many_pages, tmp_path / "schema")
    workers = wait_for_workers(proc, 2)
    proc.send_signal(signal.SIGINT)
    for pid in workers:  # a terminal sends Ctrl-C to the whole foreground group
        os.kill(pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "vrpcmds scrape: interrupted"
    time.sleep(0.5)
    assert not [pid for pid in workers if alive(pid)]
    leftovers = [p for p in (tmp_path / "schema").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []  # records are written aside and renamed


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_scrape_workers_end_when_their_parent_is_killed(many_pages: Path, tmp_path: Path) -> None:
    proc = start_scrape(many_pages, tmp_path / "schema")
    workers = wait_for_workers(proc, 2)
    proc.kill()
    proc.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)]


def test_ctrl_c_during_check_is_one_line_too(tmp_path: Path) -> None:
    config = tmp_path / "big.cfg"
    config.write_text("ike heartbeat seq-num new\n" * 200_000)
    proc = subprocess.Popen(
        [*VRPCMDS, "check", "--schema", str(REPO / "schema"), str(config)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    if proc.returncode == 0:
        pytest.skip("the check finished before the interrupt")
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1] == "vrpcmds check: interrupted"
