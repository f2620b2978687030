"""Pushes through netmiko to the emulated device behind a real SSH server on 127.0.0.1."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("asyncssh", reason="asyncssh (test extra) runs the emulated device's SSH server")
pytest.importorskip("netmiko", reason="netmiko (push extra) is the SSH client pushes go through")

from vrpcmds_model.grammar_store import grammar_for
from vrpcmds_remediate import Config, Device, Facts, facts_of, parse_config, plan, snapshot
from vrpcmds_remediate.push import Target, push
from vrpcmds_remediate.server import Server, serve
from vrpcmds_runtime.compiled import CompiledGrammar

FIXTURES = Path(__file__).parent / "fixtures" / "remediate"
PASSWORD = "Pw-7f3c!never-logged"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[CompiledGrammar, Facts]:
    folder = tmp_path_factory.mktemp("push") / "schema"
    shutil.copytree(FIXTURES / "schema", folder)
    return grammar_for(folder), facts_of(folder)


@pytest.fixture(scope="module")
def server(world: tuple[CompiledGrammar, Facts]) -> Iterator[Server]:
    grammar, facts = world
    srv = serve(lambda: Device(grammar, facts), "admin", PASSWORD)
    yield srv
    srv.close()


def target(server: Server) -> Target:
    return Target("127.0.0.1", "admin", PASSWORD, server.port, "huawei_vrpv8")


def test_a_200_line_plan_is_pushed_and_committed(
    world: tuple[CompiledGrammar, Facts], server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    grammar, facts = world
    text = "".join(f"interface Vlanif{n}\n description vlan{n}\n shutdown\n" for n in range(1, 51))
    intended = parse_config(text, grammar)
    steps = plan(Config(grammar), intended, facts)
    assert len(steps.steps) == 201  # 50 x (opener, 2 lines, quit) + commit
    caplog.set_level(logging.DEBUG)
    start = time.perf_counter()
    result = push(steps, target(server), dry_run=False)
    seconds = time.perf_counter() - start
    print(f"pushed {len(result.applied)} lines in {seconds:.1f} s")
    assert result.ok and result.committed and len(result.applied) == 201
    assert snapshot(server.devices[-1].running, facts) == snapshot(intended, facts)
    assert (
        PASSWORD not in caplog.text and PASSWORD not in repr(result) and PASSWORD not in repr(target(server))
    )


def test_a_refused_line_stops_the_push_and_discards_the_candidate(
    world: tuple[CompiledGrammar, Facts],
) -> None:
    grammar, facts = world
    device = Device(grammar, facts, running=parse_config("bgp 100\n peer 10.1.1.1 as-number 200\n", grammar))
    srv = serve(lambda: device, "admin", PASSWORD)  # one device, kept across sessions
    try:
        # a plan made against an empty configuration, sent to a device that has the peer
        intended = parse_config("sysname Edge2\nbgp 100\n peer 10.1.1.1 as-number 300\n", grammar)
        result = push(plan(Config(grammar), intended, facts), target(srv), dry_run=False)
    finally:
        srv.close()
    assert result.failed == "peer 10.1.1.1 as-number 300" and "already exists" in result.reply
    assert result.applied == ["sysname Edge2", "bgp 100"] and not result.committed and result.discarded
    assert "sysname" not in device.display() and "as-number 200" in device.display()
    assert device.candidate.render() == device.running.render()  # the candidate was discarded


def test_a_confirmation_is_answered_only_when_allowed(
    world: tuple[CompiledGrammar, Facts], server: Server
) -> None:
    grammar, facts = world
    intended = parse_config("interface 100GE1/0/1\n port mode ge\n", grammar)
    steps = plan(Config(grammar), intended, facts)
    refused = push(steps, target(server), dry_run=False)
    assert refused.failed == "port mode ge" and refused.discarded
    allowed = push(steps, target(server), confirm=True, dry_run=False)
    assert allowed.ok and " port mode ge\n" in server.devices[-1].display()


def test_a_dry_run_is_the_default_and_connects_to_nothing(world: tuple[CompiledGrammar, Facts]) -> None:
    grammar, facts = world
    steps = plan(Config(grammar), parse_config("sysname Edge\n", grammar), facts)
    result = push(steps, Target("127.0.0.1", "admin", PASSWORD, 1))
    assert result.dry_run and result.sent == ["sysname Edge", "commit"] and not result.applied
