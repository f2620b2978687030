"""Plans from the documentation: each rule on hand-written cases, the configuration model,
the emulated device, and bad input.

The cases (tests/fixtures/remediate/cases/*.txt) are running and intended configurations of
the hand-written manual in tests/fixtures/remediate/schema, each with the plan its rule
gives, written by hand from the rule stated at the top of the file. Every expected plan is
also applied to the emulated device, which must then hold the intended configuration.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from vrpcmds_model.grammar_store import grammar_for
from vrpcmds_remediate import (
    Config,
    ConfigError,
    Device,
    Facts,
    converges,
    facts_of,
    parse_config,
    plan,
    snapshot,
)
from vrpcmds_runtime.compiled import CompiledGrammar

FIXTURES = Path(__file__).parent / "fixtures" / "remediate"
CASES = sorted((FIXTURES / "cases").glob("*.txt"))


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("remediate") / "schema"
    shutil.copytree(FIXTURES / "schema", folder)
    return folder


@pytest.fixture(scope="module")
def grammar(schema: Path) -> CompiledGrammar:
    return grammar_for(schema)


@pytest.fixture(scope="module")
def facts(schema: Path) -> Facts:
    return facts_of(schema)


def sections(path: Path) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    name = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("--- "):
            name = line[4:].strip()
            out[name] = []
        elif name:
            out[name].append(line)
    return {k: "".join(x + "\n" for x in v) for k, v in out.items()}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_rule_gives_the_plan_written_by_hand(case: Path, grammar: CompiledGrammar, facts: Facts) -> None:
    parts = sections(case)
    running = parse_config(parts["running"], grammar, "running")
    intended = parse_config(parts["intended"], grammar, "intended")
    result = plan(running, intended, facts)
    assert result.text() == parts["plan"]
    good, applied, device = converges(running, intended, result, facts)
    assert good, (applied.refused, applied.reply, device.display())


def test_the_documented_undo_arity_is_what_the_device_takes(grammar: CompiledGrammar, facts: Facts) -> None:
    running = parse_config(
        "hwtacacs-server template t1\n hwtacacs-server source-ip source-vlanif 10\n", grammar
    )
    device = Device(grammar, facts, running=running)
    for line in ("system-view", "hwtacacs-server template t1"):
        device.execute(line)
    reply = device.execute("undo hwtacacs-server source-ip source-vlanif 10")
    assert "Error: Unrecognized command found at '^' position." in reply.output
    assert device.execute("undo hwtacacs-server source-ip").output == ""


def test_an_object_the_docs_only_let_you_delete_is_refused_in_place(
    grammar: CompiledGrammar, facts: Facts
) -> None:
    device = Device(grammar, facts, running=parse_config("bgp 100\n peer 10.1.1.1 as-number 200\n", grammar))
    for line in ("system-view", "bgp 100"):
        device.execute(line)
    assert "already exists" in device.execute("peer 10.1.1.1 as-number 201").output


def test_json_gives_each_line_with_command_form_and_reason(grammar: CompiledGrammar, facts: Facts) -> None:
    parts = sections(FIXTURES / "cases" / "recreate.txt")
    result = plan(parse_config(parts["running"], grammar), parse_config(parts["intended"], grammar), facts)
    lines = result.as_dict()["lines"]
    assert isinstance(lines, list)
    reasons = [(d["line"], d["reason"], d["command"]) for d in lines]
    assert reasons == [
        ("bgp 100", "navigate", "bgp"),
        (" undo peer 10.1.1.1", "remove", "peer as-number"),
        (" peer 10.1.1.1 as-number 201", "recreate", "peer as-number"),
        (' peer 10.1.1.1 description "to isp"', "recreate", "peer description"),
        (" quit", "navigate", "quit"),
        ("commit", "commit", "commit"),
    ]
    assert lines[1]["form"] == "undo peer <ipv4-address>"


def test_undocumented_lines_are_listed_and_carried_with_a_warning(
    grammar: CompiledGrammar, facts: Facts
) -> None:
    parts = sections(FIXTURES / "cases" / "undocumented.txt")
    result = plan(parse_config(parts["running"], grammar), parse_config(parts["intended"], grammar), facts)
    assert [s.reason for s in result.steps] == ["undocumented", "commit"]
    assert result.undocumented == 1
    assert result.warnings == ["<config>:2: stelnet server enable: not documented; carried over as written"]


def test_a_configuration_that_does_not_parse_names_file_line_and_what_was_expected(
    grammar: CompiledGrammar,
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config("interface Vlanif10\n ip address 10.1.1.1 33\n", grammar, "r.cfg")
    assert caught.value.problems[0].startswith("r.cfg:2: ip address 10.1.1.1 33: invalid: ")
    assert "0 to 32" in caught.value.problems[0] or "0-32" in caught.value.problems[0]


def test_a_script_parsed_and_rendered_gives_the_same_lines(grammar: CompiledGrammar) -> None:
    from vrpcmds_checker.config import config_lines

    text = sections(FIXTURES / "cases" / "overwrite.txt")["intended"] + "acl number 3000\n rule 5 deny\n"
    rendered = parse_config(text, grammar).render()
    assert [(c.depth, c.text) for c in config_lines(rendered)] == [
        (c.depth, c.text) for c in config_lines(text)
    ]
    assert rendered.startswith("#\n") and rendered.endswith("#\nreturn\n")


def test_the_emulated_device_prompts_per_view_and_asks_to_confirm(
    grammar: CompiledGrammar, facts: Facts
) -> None:
    device = Device(grammar, facts)
    assert device.prompt == "<HUAWEI>"
    device.execute("system-view")
    assert device.prompt == "[~HUAWEI]"
    device.execute("interface 100GE1/0/1")
    assert device.prompt == "[*HUAWEI-100GE1/0/1]"
    reply = device.execute("port mode ge")
    assert reply.confirm and "[Y/N]" in reply.output
    assert device.execute("n").output == "" and "port mode" not in device.display()
    device.execute("port mode ge")
    device.execute("y")
    device.execute("commit")
    assert device.prompt == "[~HUAWEI-100GE1/0/1]"
    assert " port mode ge\n" in device.display()


def test_uncommitted_changes_are_discarded(grammar: CompiledGrammar, facts: Facts) -> None:
    device = Device(grammar, facts)
    for line in ("system-view", "sysname Edge", "clear configuration candidate", "commit"):
        device.execute(line)
    assert "sysname" not in device.display()


def test_a_configuration_is_built_from_text_lines_and_blocks(grammar: CompiledGrammar, facts: Facts) -> None:
    cfg = Config(grammar)
    cfg.add("sysname Core1")
    with cfg.enter("bgp 100") as bgp:
        bgp.add("peer 10.1.1.1 as-number 200")
    with pytest.raises(ConfigError):
        cfg.add("peer 10.1.1.2 as-number 200")  # not in system view
    assert cfg.render() == "#\nsysname Core1\nbgp 100\n peer 10.1.1.1 as-number 200\n#\nreturn\n"
    assert snapshot(cfg, facts) == snapshot(parse_config(cfg.render(), grammar), facts)


def test_plan_command_line(schema: Path, tmp_path: Path) -> None:
    parts = sections(FIXTURES / "cases" / "recreate.txt")
    (tmp_path / "running.cfg").write_text(parts["running"], encoding="utf-8")
    (tmp_path / "intended.cfg").write_text(parts["intended"], encoding="utf-8")
    args = [
        sys.executable,
        "-m",
        "vrpcmds_cli.main",
        "plan",
        "running.cfg",
        "intended.cfg",
        "--schema",
        str(schema),
    ]
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == parts["plan"]
    done = subprocess.run([*args, "--json"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert json.loads(done.stdout)["lines"][1]["reason"] == "remove"
    (tmp_path / "bad.cfg").write_text("bgp 100\n peer 10.1.1.1 as-number x\n", encoding="utf-8")
    args[4] = "bad.cfg"
    done = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "bad.cfg:2: peer 10.1.1.1 as-number x: invalid" in done.stderr
    assert done.stdout == ""


def test_a_configuration_is_built_from_the_generated_classes(schema: Path, tmp_path: Path) -> None:
    """As a script would: ``with cfg.enter(Bgp(as_number=100)) as bgp: bgp.add(PeerAsNumber(...))``,
    with the classes generated from the manual, then planned against an empty device."""
    from vrpcmds_generator.bindings import write_bindings
    from vrpcmds_model.store import load_folder

    write_bindings(load_folder(schema), tmp_path)
    script = """
import json
from pathlib import Path
from vrpcmds import Bgp, PeerAsNumber, Sysname
from vrpcmds_remediate import Config, facts_of, plan
from vrpcmds_remediate.config import parse_config

cfg = Config()
cfg.add(Sysname(host_name="Core1"))
with cfg.enter(Bgp(as_number=100)) as bgp:
    bgp.add(PeerAsNumber(ipv4_address="10.1.1.1", as_number=200))
text = cfg.render()
again = parse_config(text, cfg.grammar)
print(json.dumps({"text": text, "again": again.render(), "plan": plan(Config(cfg.grammar), cfg, facts_of(Path(SCHEMA))).text()}))
""".replace("SCHEMA", repr(str(schema)))
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False,
                          env={"PYTHONPATH": str(tmp_path)})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["text"] == "#\nsysname Core1\nbgp 100\n peer 10.1.1.1 as-number 200\n#\nreturn\n"
    assert result["again"] == result["text"]
    assert result["plan"].splitlines()[:3] == ["sysname Core1", "bgp 100", " peer 10.1.1.1 as-number 200"]


def test_values_are_compared_by_their_place_in_the_form_not_their_name() -> None:
    """Two pages of one command that name an argument differently read one line alike."""
    from vrpcmds_remediate.config import _positions

    one = _positions("ip address <ip-address> { <mask> | <mask-length> } [ sub ]")
    other = _positions("ip address <ip-address> <ip-mask> [ sub ]")
    assert (one["ip-address"], one["mask"]) == (other["ip-address"], other["ip-mask"]) == ("address#1", "address#2")
    assert one["mask-length"] == "address#2"  # a group goes on with the count it sits in
    routed = _positions("ip route-static [ vpn-instance <vpn-name> ] <ip> <mask> <next-hop>")
    assert routed == {"vpn-name": "vpn-instance#1", "ip": "route-static#1", "mask": "route-static#2", "next-hop": "route-static#3"}


def test_changes_inside_an_undocumented_view_are_carried_never_sent(grammar: CompiledGrammar, facts: Facts) -> None:
    parts = sections(FIXTURES / "cases" / "undocumented-view.txt")
    result = plan(parse_config(parts["running"], grammar), parse_config(parts["intended"], grammar), facts)
    ospf = [s for s in result.steps if s.text not in ("sysname Core2", "commit")]
    assert [s.reason for s in ospf] == ["undocumented"] * 5
    assert any("network 10.1.1.0 0.0.0.255: not documented; left as it is" in w for w in result.warnings)
    assert any("network 10.2.2.0 0.0.0.255: not documented; carried over as written" in w for w in result.warnings)


def _opener_schema(folder: Path, staying: int) -> Path:
    """A manual where `interface` opens a view and `l2 mode` is typed in it: ``staying``
    examples show the prompt unchanged after `l2 mode`, one shows a slip (the interface's
    prompt printed one line late, so the prompt seems to change after `l2 mode`)."""
    folder.mkdir(parents=True)

    def record(ident: str, name: str, views: str, examples: list[list[tuple[str, str]]]) -> str:
        blocks = "".join(
            "- description: Example.\n"
            f"  lines: {json.dumps([f'{p} {c}' for p, c in ex])}\n"
            f"  commands: {json.dumps([{'prompt': p, 'command': c} for p, c in ex])}\n"
            for ex in examples
        )
        return (
            f"id: {ident}\nname: {name}\ntitle: {name}\nfunction: The {name} command.\n"
            f"syntax: ['{name}{' <name>' if name == 'interface' else ''}']\nundo_syntax: []\n"
            + (
                "parameters:\n- name: <name>\n  description: Interface name.\n"
                "  value: {type: string, text: A string of 1 to 63 characters., min_length: 1, max_length: 63}\n"
                if name == "interface"
                else "parameters: []\n"
            )
            + f"views: [{views}]\nlevel: {{number: 2, name: Configuration level}}\n"
            f"source: {{url: 'https://example.invalid/{ident}'}}\nwarnings: []\nusage: []\n"
            + (f"examples:\n{blocks}" if blocks else "examples: []\n")
        )

    enter = [("[~HUAWEI]", "interface 10GE1/0/1"), ("[~HUAWEI-10GE1/0/1]", "shutdown")]
    stay = [("[~HUAWEI-10GE1/0/1]", "l2 mode"), ("[*HUAWEI-10GE1/0/1]", "shutdown")]
    slip = [("[~HUAWEI]", "interface 10GE1/0/1"), ("[~HUAWEI]", "l2 mode"), ("[*HUAWEI-10GE1/0/1]", "shutdown")]
    (folder / "interface.yaml").write_text(record("o-if", "interface", "System view", [enter]), encoding="utf-8")
    (folder / "shutdown.yaml").write_text(record("o-sh", "shutdown", "Interface view", []), encoding="utf-8")
    (folder / "l2-mode.yaml").write_text(
        record("o-l2", "l2 mode", "Interface view", [stay] * staying + [slip]), encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("staying, opener", [(0, True), (2, False)])
def test_a_command_opens_a_view_only_when_the_prompt_changes_after_it_more_often_than_not(
    tmp_path: Path, staying: int, opener: bool
) -> None:
    grammar = grammar_for(_opener_schema(tmp_path / "schema", staying))
    assert grammar.opens["interface"][-1].views == ("Interface view",)
    assert ("l2 mode" in grammar.opens) is opener


def test_a_line_under_one_that_opens_no_known_view_moves_out_only_when_it_is_a_line_of_that_view(
    grammar: CompiledGrammar,
) -> None:
    lifted = parse_config("sysname Core1\n vlan batch 10 20\n", grammar)
    assert [ln.text for ln in lifted.children] == ["sysname Core1", "vlan batch 10 20"]
    assert lifted.children[1].views == ("System view",)
    # `shutdown` is not a system view line: `sysname` may open a view the docs do not show.
    kept = parse_config("sysname Core1\n shutdown\n", grammar, strict=False)
    assert [ln.text for ln in kept.children] == ["sysname Core1"]
    assert [ln.text for ln in kept.children[0].children] == ["shutdown"]
