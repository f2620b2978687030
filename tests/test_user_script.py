"""A script written as a user would, from the command pages, against generated bindings.

The pages are our own (``tests/fixtures/user-manual``, written in the structure of the
real reference: OSPF, BGP, VLAN, interface address, ACL numbers, basic and advanced ACL
rules on two pages of one command, a static route with its undo form on a page of its
own). The script (``tests/fixtures/user-scripts/build_site.py``) builds a configuration,
renders it, reads every line back in its view, checks ``repr`` and prints the undo lines.
It must pass ``mypy --strict`` and run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from vrpcmds_generator.bindings import write_bindings
from vrpcmds_model.store import load_folder

REPO = Path(__file__).resolve().parent.parent
PAGES = REPO / "tests" / "fixtures" / "user-manual"
SCRIPT = REPO / "tests" / "fixtures" / "user-scripts" / "build_site.py"
BIN = Path(sys.executable).parent


def _bindings(tmp_path: Path) -> Path:
    out = tmp_path / "gen"
    write_bindings(load_folder(PAGES), out)
    return out


def test_the_users_script_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    gen = _bindings(tmp_path)
    root = tmp_path / "mypypath"
    root.mkdir()
    (root / "vrpcmds").symlink_to(gen / "vrpcmds", target_is_directory=True)
    (root / "vrpcmds_runtime").symlink_to(REPO / "runtime", target_is_directory=True)
    result = subprocess.run(
        [BIN / "mypy", "--strict", "--cache-dir", str(tmp_path / "cache"), str(SCRIPT)],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(root)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_users_script_renders_reads_back_and_undoes(tmp_path: Path) -> None:
    gen = _bindings(tmp_path)
    result = subprocess.run(
        [sys.executable, str(SCRIPT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(gen)},
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    built, undone = result.stdout.split("--- undo\n")
    assert built.splitlines() == [
        "vlan 10",
        "vlan 20",
        "ip address 10.1.1.1 24",
        "ospf 1 router-id 1.1.1.1",
        "area 0.0.0.0",
        "network 10.1.1.0 0.0.0.255",
        "bgp 100",
        "peer 10.1.1.2 as-number 200",
        "peer 10.1.1.3 as-number 300",
        "acl 2000",
        "rule 5 permit source 10.1.1.0 0.0.0.255",
        "acl 3000",
        "rule 10 deny tcp destination 10.2.2.2 0 logging",
        "ip route-static 0.0.0.0 0 10.1.1.254 preference 60",
    ]
    assert undone.splitlines() == [
        "undo ip route-static 0.0.0.0 0 10.1.1.254",  # the undo form documented on a page of its own
        "undo rule 10",
        "undo acl 3000",
        "undo rule 5",
        "undo acl 2000",
        "undo peer 10.1.1.3",  # the peer's undo form takes its address only
        "undo peer 10.1.1.2",
        "undo bgp 100",
        "undo network 10.1.1.0 0.0.0.255",
        "undo area 0.0.0.0",
        "undo ospf 1",
        "undo ip address 10.1.1.1 24",
        "undo vlan 20",
        "undo vlan 10",
    ]
