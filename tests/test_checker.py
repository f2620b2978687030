"""The checker: configurations checked line by line, views derived from the schema, explain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vrpcmds_checker.api import grammar_of
from vrpcmds_checker.check import check_config, check_line, summary
from vrpcmds_checker.config import config_lines
from vrpcmds_checker.explain import explain
from vrpcmds_cli.main import main
from vrpcmds_model.record import Record, Example, Level, Parameter, TypedCommand, Value
from vrpcmds_model.grammar_store import build_grammar, grammar_for
from vrpcmds_model.store import write_record
from vrpcmds_runtime.bounds import QUOTED_LINES
from vrpcmds_runtime.compiled import CompiledGrammar as Grammar

SYSTEM = "System view"


def rec(name: str, syntax: list[str], views: list[str], **kw: object) -> Record:
    return Record(
        id=name.replace(" ", "-"), name=name, title=name, syntax=syntax, views=views,
        level=Level(2, "Configuration level"), **kw,  # type: ignore[arg-type]
    )


def records() -> list[Record]:
    text = Value("string", "A string of 1 to 80 characters, spaces supported.", min_length=1, max_length=80, spaces=True)
    vlan_id = Value("integer", "1 to 4094", min=1, max=4094)
    return [
        rec("sysname", ["sysname <host-name>"], [SYSTEM], parameters=[Parameter("<host-name>", "Name.", text)]),
        rec(
            "interface",
            ["interface { <interface-name> | <interface-type> <interface-number> }"],
            [SYSTEM],
            examples=[
                Example(
                    "# Enter an interface.",
                    ["[~HUAWEI] interface 100GE1/0/1", "[~HUAWEI-100GE1/0/1] port mode fast"],
                    [TypedCommand("[~HUAWEI]", "interface 100GE1/0/1"), TypedCommand("[~HUAWEI-100GE1/0/1]", "port mode fast")],
                )
            ],
        ),
        rec("port mode", ["port mode { fast | slow }"], ["100GE interface view"], undo_syntax=["undo port mode"]),
        rec(
            "vlan",
            ["vlan <vlan-id>"],
            [SYSTEM],
            function="The vlan command creates a VLAN and displays the VLAN view.",
            parameters=[Parameter("<vlan-id>", "VLAN.", vlan_id)],
        ),
        rec("description", ["description <text>"], ["VLAN view", "100GE interface view"],
            parameters=[Parameter("<text>", "Text.", text)]),
        rec("display clock", ["display clock"], ["All views"]),
        rec("disable clock", ["disable clock"], [SYSTEM]),
        rec("display current-configuration", ["display current-configuration [ interface <interface-name> ]"], ["All views"]),
    ]


@pytest.fixture(scope="module")
def grammar() -> Grammar:
    return build_grammar(records())


CONFIG = """\
!Software Version V300R023C00
#
sysname Lab Switch One
#
vlan 10
 description Users of floor 2
#
interface 100GE1/0/1
 port mode fast
 port mode medium
 vlan 20
 undo port mode
#
snmp-agent community read public
#
rsa peer-public-key key1
 public-key-code begin
  30820109 02820100
 public-key-code end
#
header login information "Welcome
vlan 4095
to the lab"
vlan 4095
vlan 30    //This line is only for some models.
return
"""


def by_text(results):  # type: ignore[no-untyped-def]
    return {r.text: r for r in results}


def test_each_line_gets_one_status_with_file_and_line(grammar: Grammar) -> None:
    results = by_text(check_config(CONFIG, grammar, "lab.cfg"))
    assert results["sysname Lab Switch One"].status == "ok"
    assert results["description Users of floor 2"].status == "ok"
    assert results["port mode fast"].status == "ok"
    assert results["undo port mode"].status == "ok"
    assert results["vlan 30"].status == "ok"
    medium = results["port mode medium"]
    assert (medium.status, medium.file, medium.line, medium.command) == ("invalid", "lab.cfg", 10, "port mode")
    assert "'fast' or 'slow'" in medium.message
    wrong = results["vlan 20"]
    assert wrong.status == "wrong-view" and "System view" in wrong.message
    assert results["vlan 4095"].status == "invalid" and "1-4094" in results["vlan 4095"].message
    assert results["snmp-agent community read public"].status == "unknown"


def test_banners_opaque_blocks_and_comments_are_not_command_lines() -> None:
    texts = [cl.text for cl in config_lines(CONFIG)]
    assert "vlan 4095" in texts and texts.count("vlan 4095") == 1  # the one inside the banner is text
    assert not any(t.startswith("30820109") for t in texts)
    assert "vlan 30" in texts
    assert not any(t.startswith(("#", "!", "return")) for t in texts)


def test_a_quote_that_never_closes_is_reported_at_its_line_and_the_rest_is_checked(grammar: Grammar) -> None:
    lines = ['header login information "welcome', *(["vlan 30"] * 3), *(["x"] * QUOTED_LINES)]
    results = check_config("\n".join(lines) + "\n", grammar, "open.cfg")
    assert results[0].line == 1 and results[0].status == "invalid" and "unterminated" in results[0].message
    assert [r.status for r in results[1:4]] == ["ok", "ok", "ok"]
    closed = 'header login information "welcome\nsecond line\nend"\nvlan 30\n'
    assert [cl.text for cl in config_lines(closed)] == ['header login information "welcome', "vlan 30"]


def test_configuration_text_is_shown_with_control_characters_escaped_and_long_lines_cut(
    grammar: Grammar,
) -> None:
    (bad,) = check_config("sysname \x1b[31mred\x07\n", grammar, "esc.cfg")
    assert "\x1b" not in str(bad) and "\x07" not in str(bad)
    assert "\\x1b[31mred\\x07" in str(bad)
    (long,) = check_config("sysname " + "a" * 10_000 + "\n", grammar, "long.cfg")
    assert len(str(long)) < 1000 and "(10,008 characters)" in str(long)


def test_lines_under_an_undocumented_command_are_unknown_not_invalid(grammar: Grammar) -> None:
    results = check_config("rsa peer-public-key key1\n public-key-code begin\n 3082\n public-key-code end\n", grammar)
    assert {r.status for r in results} == {"unknown"}
    assert "documented" in results[1].message


def test_unknown_lines_name_the_closest_documented_commands(grammar: Grammar) -> None:
    result = check_line(grammar, "sysnmae Lab", [SYSTEM])
    assert result.status == "unknown"
    assert "sysname" in result.closest


def test_views_come_from_examples_function_text_and_override(tmp_path: Path) -> None:
    g = build_grammar(records())
    assert g.opened("interface", {"interface-name": "100GE1/0/1"}, ()) == ["100GE interface view"]
    assert g.opened("vlan", {"vlan-id": "10"}, ()) == ["VLAN view"]  # from the Function text
    assert g.opened("sysname", {}, ()) is None
    override = tmp_path / "_views.override.yaml"
    override.write_text("opens:\n  vlan: [VLAN view, Super VLAN view]\n")
    g2 = build_grammar(records(), tmp_path)
    assert g2.opened("vlan", {"vlan-id": "10"}, ()) == ["VLAN view", "Super VLAN view"]


def test_a_view_that_cannot_be_determined_is_said_not_guessed(grammar: Grammar) -> None:
    results = check_config("display clock\n description Under a line that opens no known view\n", grammar)
    child = results[1]
    assert child.view is None
    assert child.status == "ok" and "view unknown" in child.message


def test_explain_gives_roles_views_and_doc(grammar: Grammar) -> None:
    e = explain(grammar, "vlan 10")
    assert (e.status, e.command, e.form) == ("ok", "vlan", "vlan <vlan-id>")
    assert [(t.text, t.kind, t.name) for t in e.tokens] == [("vlan", "keyword", "vlan"), ("10", "argument", "vlan-id")]
    assert e.tokens[1].constraint == "integer 1-4094"
    assert e.views == [SYSTEM] and e.level == "2: Configuration level"


def test_explain_expands_a_unique_abbreviation_and_reports_an_ambiguous_one(grammar: Grammar) -> None:
    e = explain(grammar, "dis cur int 100GE1/0/1")
    assert e.status == "ok"
    assert e.expanded == "display current-configuration interface 100GE1/0/1"
    assert [t.abbreviated for t in e.tokens[:3]] == [True, True, True]
    amb = explain(grammar, "dis clock")
    assert amb.status == "ambiguous"
    assert any("display" in c for c in amb.candidates) and any("disable" in c for c in amb.candidates)


def test_explain_says_where_a_line_stops_fitting(grammar: Grammar) -> None:
    e = explain(grammar, "port mode medium")
    assert e.status == "invalid" and "token 3" in e.message
    assert explain(grammar, "frobnicate now").status == "unknown"


@pytest.fixture
def schema_dir(tmp_path: Path) -> Path:
    for r in records():
        write_record(r, tmp_path / "schema" / f"{r.id}.yaml")
    grammar_of.cache_clear()
    return tmp_path / "schema"


def test_check_cli_text_and_json_with_exit_codes(
    schema_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "lab.cfg"
    cfg.write_text(CONFIG)
    assert main(["check", "--schema", str(schema_dir), str(cfg)]) == 1
    out = capsys.readouterr().out
    assert f"{cfg}:10: invalid port mode: port mode medium" in out
    assert "summary: " in out and "1 wrong-view" in out
    assert main(["check", "--schema", str(schema_dir), "--json", str(cfg)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"] == summary(check_config(CONFIG, grammar_for(schema_dir), str(cfg)))
    good = tmp_path / "good.cfg"
    good.write_text("#\nsysname A\n#\nvlan 10\n description x\nreturn\n")
    assert main(["check", "--schema", str(schema_dir), str(good)]) == 0


def test_explain_cli_json_one_object_per_line(schema_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "--schema", str(schema_dir), "--json", "vlan 10", "port mode fast"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(x)["command"] for x in lines] == ["vlan", "port mode"]
    assert main(["explain", "--schema", str(schema_dir), "vlan 99999"]) == 1


def test_the_bindings_package_checks_and_explains_with_its_own_grammar(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import json, vrpcmds\n"
        "r = vrpcmds.check_config('#\\nike heartbeat seq-num new\\nike heartbeat seq-num newest\\nreturn\\n', 'x.cfg')\n"
        "e = vrpcmds.explain('ike heart seq old')\n"
        "print(json.dumps({'statuses': [x.status for x in r], 'lines': [x.line for x in r],"
        " 'expanded': e.expanded, 'command': e.command}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    assert data == {
        "statuses": ["ok", "invalid"],
        "lines": [2, 3],
        "expanded": "ike heartbeat seq-num old",
        "command": "ike heartbeat",
    }
