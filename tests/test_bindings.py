"""The generated bindings: the IkeHeartbeat class made from its YAML record by the generator."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from vrpcmds_generator.bindings import LeftOut, docstring, group_records, write_bindings
from vrpcmds_generator.names import class_name, module_name, snake_name
from vrpcmds_model.record import Record
from vrpcmds_model.record import Level, Parameter, Source, Value
from vrpcmds_model.store import load_record

REPO = Path(__file__).resolve().parent.parent
SEED_RECORD = REPO / "schema" / "ar500-v200r007" / "ike-heartbeat.yaml"


def run_python(code: str, cwd: Path, path: Path | None = None) -> dict:
    """Run code in a fresh interpreter (in ``cwd``), with ``path`` first on sys.path; return its JSON."""
    prelude = f"import sys; sys.path.insert(0, {str(path)!r})\n" if path else ""
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


BEHAVIOUR = """
    import json
    import vrpcmds
    from vrpcmds import IkeHeartbeat, CommandError

    def error(**kw):
        try:
            IkeHeartbeat(**kw)
        except CommandError as exc:
            return str(exc)
        return None

    try:
        IkeHeartbeat(seq_num="new").undo()
        undo_error = None
    except CommandError as exc:
        undo_error = str(exc)

    print(json.dumps({
        "file": vrpcmds.__file__,
        "new": str(IkeHeartbeat(seq_num="new")),
        "spi": str(IkeHeartbeat(spi_list=True)),
        "parsed_equal": IkeHeartbeat.parse("ike heartbeat seq-num old") == IkeHeartbeat(seq_num="old"),
        "parsed_differs": IkeHeartbeat.parse("ike heartbeat seq-num old") == IkeHeartbeat(seq_num="new"),
        "undo": IkeHeartbeat(spi_list=True).undo(),
        "undo_error": undo_error,
        "both": error(seq_num="new", spi_list=True),
        "neither": error(),
        "outside": error(seq_num="newest"),
        "newline": error(seq_num="new\\nreboot"),
        "views": list(IkeHeartbeat.views),
        "level": list(IkeHeartbeat.level),
        "module_parse": str(vrpcmds.parse("ike heartbeat spi-list")),
        "module_parse_type": type(vrpcmds.parse("IKE heartbeat SEQ-NUM new")).__name__,
    }))
"""


def check_seed_behaviour(result: dict) -> None:
    assert result["new"] == "ike heartbeat seq-num new"
    assert result["spi"] == "ike heartbeat spi-list"
    assert result["parsed_equal"] is True
    assert result["parsed_differs"] is False
    assert result["undo"] == "undo ike heartbeat spi-list"
    assert "undo ike heartbeat spi-list" in result["undo_error"]
    assert "cannot be used together" in result["both"]
    assert "is required" in result["neither"]
    assert "newest" in result["outside"] and "new, old" in result["outside"]
    assert result["newline"] is not None
    assert result["views"] == ["System view"]
    assert result["level"] == [2, "Configuration level"]
    assert result["module_parse"] == "ike heartbeat spi-list"
    assert result["module_parse_type"] == "IkeHeartbeat"


def test_installed_package_gives_the_seed_class_in_any_directory(tmp_path: Path) -> None:
    result = run_python(BEHAVIOUR, cwd=tmp_path)
    assert Path(result["file"]).resolve() == (REPO / "generated" / "vrpcmds" / "__init__.py").resolve()
    check_seed_behaviour(result)


def test_class_is_generated_from_the_yaml_record(tmp_path: Path) -> None:
    write_bindings([load_record(SEED_RECORD)], tmp_path)
    check_seed_behaviour(run_python(BEHAVIOUR, cwd=tmp_path, path=tmp_path))


def test_committed_bindings_are_what_the_generator_writes(tmp_path: Path) -> None:
    from vrpcmds_model.store import load_folder

    write_bindings(load_folder(REPO / "schema"), tmp_path)
    committed = REPO / "generated" / "vrpcmds"
    for path in sorted((tmp_path / "vrpcmds").rglob("*")):
        if path.is_file():
            rel = path.relative_to(tmp_path / "vrpcmds")
            assert (committed / rel).read_text() == path.read_text(), f"{rel} is out of date"


def hostile_record() -> Record:
    nasty = 'x"""\nimport os; os.system("reboot")\n\'\'\'\\ {{ 7*7 }} </script>\x00'
    return Record(
        id="evil",
        name="evil command",
        title="evil command",
        function=nasty,
        syntax=["evil command <name> [ opt ]"],
        parameters=[
            Parameter("<name>", nasty, Value("string", nasty, min_length=1, max_length=8)),
            Parameter("opt", nasty, Value("none", "-")),
        ],
        views=[nasty],
        level=Level(2, nasty),
        source=Source(path=nasty),
    )


def test_text_from_a_page_never_becomes_code(tmp_path: Path) -> None:
    files = write_bindings([hostile_record()], tmp_path)
    module = tmp_path / "vrpcmds" / "commands" / "evil_command.py"
    assert module in files
    tree = ast.parse(module.read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "system"]
    assert calls == []
    result = run_python(
        """
        import json
        from vrpcmds import EvilCommand, CommandError
        try:
            EvilCommand(name="a\\nreboot")
            injected = True
        except CommandError:
            injected = False
        print(json.dumps({"line": str(EvilCommand(name="ok", opt=True)), "injected": injected,
                          "views": list(EvilCommand.views)}))
        """,
        cwd=tmp_path,
        path=tmp_path,
    )
    assert result["line"] == "evil command ok opt"
    assert result["injected"] is False
    assert result["views"] == [hostile_record().views[0]]


def test_docstring_literal_round_trips_any_text() -> None:
    for text in ["plain", 'a """ b', "back\\slash", 'ends in quote"', "ctl\x01char", "two\n\nparagraphs"]:
        value = ast.literal_eval(docstring(text, indent="    "))
        lines = [line.removeprefix("    ") for line in value.split("\n")]
        assert "\n".join(lines).rstrip() == text


def test_names_follow_the_documented_rule() -> None:
    assert class_name("ip route-static") == "IpRouteStatic"
    assert class_name("ike heartbeat") == "IkeHeartbeat"
    assert class_name("8021p") == "Cmd8021p"
    assert class_name("command") == "Command_"
    assert module_name("IpRouteStatic") == "ip_route_static"
    assert module_name("Traffic_Policy") == "traffic__policy"
    assert module_name("Return") == "return_"
    assert snake_name("seq-num") == "seq_num"
    assert snake_name("kbps|mbps|gbps") == "kbps_or_mbps_or_gbps"
    assert snake_name("pir kbps|mbps") == "pir_kbps_or_mbps"
    assert snake_name("global") == "global_"
    assert snake_name("class") == "class_"
    assert snake_name("100ge") == "p100ge"


def test_colliding_class_names_go_to_neither_command_and_are_noted(tmp_path: Path) -> None:
    a = Record(id="a", name="ip route-static", title="a", syntax=["ip route-static"])
    b = Record(id="b", name="ip route static", title="b", syntax=["ip route static"])
    assert {s.identity: s.name for s in group_records([a, b])} == {
        "ip route-static": "Ip_Route__Static",
        "ip route static": "Ip_Route_Static",
    }
    notes: list[str] = []
    write_bindings([a, b], tmp_path, notes=notes)
    assert notes == [
        "IpRouteStatic is none of 'ip route static' (Ip_Route_Static), 'ip route-static' (Ip_Route__Static)"
    ]
    init = (tmp_path / "vrpcmds" / "__init__.py").read_text()
    assert '"Ip_Route_Static"' in init and '"Ip_Route__Static"' in init
    assert '"IpRouteStatic"' not in init


def test_a_clash_the_rule_cannot_resolve_leaves_those_pages_out_and_keeps_the_others(tmp_path: Path) -> None:
    # "ip6to4" and "ip_6to4" give Ip6to4 both ways (no blank or hyphen marks them apart);
    # "ip 6to4", marked, is Ip_6to4.
    a = Record(id="a", name="ip6to4", title="a", syntax=["ip6to4"], source=Source(path="pages/a.txt"))
    b = Record(id="b", name="ip 6to4", title="b", syntax=["ip 6to4"], source=Source(path="pages/b.txt"))
    c = Record(id="c", name="ip_6to4", title="c", syntax=["ip_6to4"])
    d = Record(id="d", name="ip 6to5", title="d", syntax=["ip 6to5"])
    left_out: list[LeftOut] = []
    write_bindings([a, b, c, d], tmp_path, left_out=left_out)
    assert sorted(x.page for x in left_out) == ["c", "pages/a.txt"]
    assert all(x.section == "Title" and "Ip6to4" in x.reason for x in left_out)
    init = (tmp_path / "vrpcmds" / "__init__.py").read_text()
    assert '"Ip_6to4"' in init and '"Ip6to5"' in init and '"Ip6to4"' not in init


def test_names_that_would_shadow_or_break_python_get_a_guard(tmp_path: Path) -> None:
    """Keywords, builtins, typing names the package imports, dunders, names without letters,
    names differing only in case, a 300-character keyword: every page gives a class that
    imports and renders."""
    records = [
        Record(id="none", name="none", title="none", syntax=["none"]),
        Record(id="true", name="True", title="True", syntax=["True"]),
        Record(id="any", name="any", title="any", syntax=["any <x>"]),
        Record(id="super", name="demo super", title="s", syntax=["demo super <super> <self> <__class__>"]),
        Record(id="under", name="demo x", title="u", syntax=["demo x <_>"]),
        Record(id="case1", name="demo case", title="c1", syntax=["demo case { match | case | type }"]),
        Record(id="case2", name="Demo Case", title="c2", syntax=["Demo Case extra"]),
        Record(id="long", name="demo " + "k" * 300, title="l", syntax=["demo " + "k" * 300]),
    ]
    left_out: list[LeftOut] = []
    files = write_bindings(records, tmp_path, left_out=left_out)
    assert left_out == []
    assert max(len(f.name) for f in files) <= 83
    result = run_python(
        """
        import json, typing
        import vrpcmds
        print(json.dumps({
            "classes": sorted(n for n in vrpcmds.__all__ if n[:1].isupper() and n not in ("Command", "CommandError")),
            "any_is_typing": vrpcmds.Any_ is typing.Any,
            "none": str(vrpcmds.None_()),
            "super": str(vrpcmds.DemoSuper(super_="a", self_="b", class_="c")),
            "under": str(vrpcmds.DemoX(p_5f="v")),
            "case": [str(vrpcmds.DemoCase.parse(x)) for x in ("demo case match", "DEMO CASE EXTRA")],
            "long": str(getattr(vrpcmds, "Demo" + "K" + "k" * 299)()),
        }))
        """,
        cwd=tmp_path,
        path=tmp_path,
    )
    assert result["classes"] == [
        "Any_", "DemoCase", "DemoCaseVariant1", "DemoCaseVariant2", "DemoK" + "k" * 299, "DemoSuper", "DemoX",
        "None_", "True_",
    ]  # fmt: skip
    assert result["any_is_typing"] is False
    assert result["none"] == "none"
    assert result["super"] == "demo super a b c"
    assert result["under"] == "demo x v"
    assert result["case"] == ["demo case match", "Demo Case extra"]
    assert result["long"] == "demo " + "k" * 300


def test_pages_of_one_identity_with_different_forms_are_variants_under_its_class(tmp_path: Path) -> None:
    a = Record(
        id="a",
        name="demo peer",
        title="demo peer (BGP view)",
        syntax=["demo peer <ip> enable"],
        views=["BGP view"],
    )
    b = Record(
        id="b",
        name="demo peer",
        title="demo peer (VPN view)",
        syntax=["demo peer <ip> enable [ strict ]"],
        views=["VPN view"],
    )
    c = Record(id="c", name="demo peer", title="demo peer (BGP-VPN view)", syntax=a.syntax, views=["BGP-VPN view"])
    undo = Record(id="u", name="undo demo peer", title="undo demo peer", syntax=["undo demo peer <ip>"], views=["VPN view"])
    specs = group_records([a, b, c, undo])
    assert [(s.name, s.base, s.pages) for s in specs] == [
        ("DemoPeer", "", ["a", "c", "b", "u"]),
        ("DemoPeerBgp", "DemoPeer", ["a", "c"]),
        ("DemoPeerVpn", "DemoPeer", ["b", "u"]),
    ]
    write_bindings([a, b, c, undo], tmp_path)
    result = run_python(
        """
        import json
        import vrpcmds
        from vrpcmds import CommandError, DemoPeer, DemoPeerBgp, DemoPeerVpn
        try:
            DemoPeer(ip="10.0.0.1")
            refused = ""
        except CommandError as exc:
            refused = str(exc)
        in_vpn = DemoPeer.parse("demo peer 10.0.0.1 enable", view="VPN view")
        in_bgp = DemoPeer.parse("demo peer 10.0.0.1 enable", view="BGP-VPN view")
        negated = vrpcmds.parse("undo demo peer 10.0.0.1")
        print(json.dumps({
            "bgp_forms": [[f.syntax, list(f.views)] for f in DemoPeerBgp.forms],
            "strict": str(DemoPeerVpn(ip="10.0.0.1", strict=True)),
            "undo": DemoPeerVpn(ip="10.0.0.1", strict=True).undo(),
            "bgp_undo_forms": len(DemoPeerBgp.undo_forms),
            "refused": refused,
            "in_vpn": [type(in_vpn).__name__, isinstance(in_vpn, DemoPeer)],
            "in_bgp": type(in_bgp).__name__,
            "negated": [repr(negated), str(negated), eval(repr(negated), vars(vrpcmds)) == negated],
        }))
        """,
        cwd=tmp_path,
        path=tmp_path,
    )
    assert result["bgp_forms"] == [["demo peer <ip> enable", ["BGP view", "BGP-VPN view"]]]
    assert result["strict"] == "demo peer 10.0.0.1 enable strict"
    assert result["undo"] == "undo demo peer 10.0.0.1"
    assert result["bgp_undo_forms"] == 0  # the undo page is documented in the VPN view only
    assert "DemoPeerBgp, DemoPeerVpn" in result["refused"]
    assert result["in_vpn"] == ["DemoPeerVpn", True]
    assert result["in_bgp"] == "DemoPeerBgp"
    assert result["negated"] == ["DemoPeerVpn.undo_of(ip='10.0.0.1')", "undo demo peer 10.0.0.1", True]


def test_generation_is_deterministic_and_removes_stale_modules(tmp_path: Path) -> None:
    record = load_record(SEED_RECORD)
    stale = tmp_path / "vrpcmds" / "commands" / "gone.py"
    stale.parent.mkdir(parents=True)
    stale.write_text("x = 1\n")
    first = {p: p.read_bytes() for p in write_bindings([record], tmp_path)}
    assert not stale.exists()
    second = {p: p.read_bytes() for p in write_bindings([record], tmp_path)}
    assert first == second
    assert all(b"/work/" not in data and str(REPO).encode() not in data for data in first.values())


def test_package_says_which_manual_it_was_built_from(tmp_path: Path) -> None:
    result = run_python("import json, vrpcmds; print(json.dumps(vrpcmds.__manual__))", cwd=tmp_path)
    assert result == {
        "title": "AR500, AR510, and AR530 V200R007 Commands Reference",
        "doc_id": "EDOC1000097293",
        "published": "2019-05-29",
        "pages": "1",
    }


def test_a_class_over_thirty_arguments_takes_its_largest_groups_as_text_clauses(tmp_path: Path) -> None:
    """A form with 26 options, a TCP-flag-like group and a port group: the two groups become
    one text argument each (the largest first), so the class takes at most 30 arguments;
    the words are read against the group's syntax and its values checked."""
    options = " | ".join(f"opt{n}" for n in range(1, 27))
    flags = " | ".join(
        "{ " + w + " [ " + " | ".join(o for o in ("ack", "fin", "syn", "rst") if o != w) + " ] * }"
        for w in ("ack", "fin", "syn", "rst")
    )
    syntax = (
        f"demo filter <id> [ {options} | flag {{ established | {flags} }} "
        "| port { range <low> <high> | { gt | lt } <port> } ] *"
    )
    record = Record(
        id="demo-filter",
        name="demo filter",
        title="demo filter",
        syntax=[syntax],
        undo_syntax=["undo " + syntax.replace("<id>", "[ <id> ]")],
        parameters=[
            Parameter("<id>", "Filter ID.", Value("integer", "1-99", min=1, max=99)),
            Parameter("<low>", "Lowest port.", Value("integer", "0-65535", min=0, max=65535)),
            Parameter("<high>", "Highest port.", Value("integer", "0-65535", min=0, max=65535)),
            Parameter("<port>", "Port.", Value("integer", "0-65535", min=0, max=65535)),
        ],
        views=["System view"],
    )
    write_bindings([record], tmp_path)
    result = run_python(
        """
        import json
        import vrpcmds
        from vrpcmds import CommandError, DemoFilter

        def error(**kw):
            try:
                DemoFilter(**kw)
            except CommandError as exc:
                return str(exc)
            return None

        obj = DemoFilter(id=5, opt3=True, flag="fin ack", port="range 80 90")
        parsed = DemoFilter.parse("demo filter 5 port gt 1024 flag syn rst ack opt2")
        print(json.dumps({
            "params": {p.name: p.kind for p in DemoFilter.params},
            "forms": [list(f.clauses) for f in DemoFilter.forms + DemoFilter.undo_forms],
            "line": str(obj),
            "back": DemoFilter.parse(str(obj)) == obj,
            "repr": repr(parsed),
            "repr_back": eval(repr(parsed), vars(vrpcmds)) == parsed,
            "parsed_line": str(parsed),
            "undo": obj.undo(),
            "bad_word": error(id=5, flag="ack bogus"),
            "bad_value": error(id=5, port="range 80 70000"),
            "not_text": error(id=5, port=80),
        }))
        """,
        cwd=tmp_path,
        path=tmp_path,
    )
    params = result["params"]
    assert len(params) <= 30
    assert params["flag"] == params["port"] == "clause"
    assert params["opt3"] == "flag"
    assert result["forms"] == [["flag", "port"], ["flag", "port"]]
    assert result["line"] == "demo filter 5 opt3 flag fin ack port range 80 90"
    assert result["back"] is True
    assert result["repr"] == "DemoFilter(id=5, opt2=True, flag='syn rst ack', port='gt 1024')"
    assert result["repr_back"] is True
    assert result["parsed_line"] == "demo filter 5 port gt 1024 flag syn rst ack opt2"
    assert result["undo"] == "undo demo filter 5 opt3 flag fin ack port range 80 90"
    assert "flag='ack bogus' does not fit" in result["bad_word"] and "'bogus'" in result["bad_word"]
    assert "70000" in result["bad_value"] and "0-65535" in result["bad_value"]
    assert "port=80: expected str, got int" in result["not_text"]


def test_an_interrupted_generation_leaves_the_previous_package_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vrpcmds_model import store

    seed = load_record(SEED_RECORD)
    write_bindings([seed], tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "vrpcmds").rglob("*") if p.is_file()}
    other = Record(id="x", name="demo x", title="x", syntax=["demo x"])
    calls = []

    def interrupted(target: Path, previous: Path, data: bytes) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise KeyboardInterrupt
        target.write_bytes(data)

    monkeypatch.setattr(store, "_write_or_link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_bindings([seed, other], tmp_path)
    after = {p: p.read_bytes() for p in (tmp_path / "vrpcmds").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["vrpcmds"]  # nothing half-written beside it
    check_seed_behaviour(run_python(BEHAVIOUR, cwd=tmp_path, path=tmp_path))
