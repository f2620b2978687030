"""The bindings generated from the project's own fixture records (``tests/fixtures/bindings``).

The committed golden tree (``tests/golden/vrpcmds``) is compared file by file with a
fresh generation; regenerate it with ``.venv/bin/python scripts/regen_golden.py``. The
golden package is then imported in fresh interpreters and exercised: form choice,
repeated keyword groups told apart, repeated groups as typed items, validation that
lists every problem, values that try to smuggle a second command, parse round trips.
Its layout is checked with ruff and its types with ``mypy --strict``.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from vrpcmds_generator.bindings import write_bindings
from vrpcmds_model.store import load_folder

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "bindings"
GOLDEN = REPO / "tests" / "golden"
BIN = Path(sys.executable).parent
RUFF_SETTINGS = ["--isolated", "--line-length", "110", "--target-version", "py311"]


def run_golden(code: str) -> dict:
    """Run code in a fresh interpreter that imports the golden package; return its JSON."""
    prelude = f"import sys; sys.path.insert(0, {str(GOLDEN)!r})\n"
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)], capture_output=True, text=True, cwd=GOLDEN
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_golden_tree_is_what_the_generator_writes(tmp_path: Path) -> None:
    write_bindings(load_folder(FIXTURES), tmp_path)
    fresh, golden = tmp_path / "vrpcmds", GOLDEN / "vrpcmds"

    def files(root: Path) -> set[str]:
        return {
            str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        }

    hint = "run `.venv/bin/python scripts/regen_golden.py` and review the diff"
    assert files(fresh) == files(golden), hint
    for rel in sorted(files(fresh)):
        assert filecmp.cmp(fresh / rel, golden / rel, shallow=False), (
            f"{rel} differs from the golden tree: {hint}"
        )


def test_generated_code_is_laid_out_as_ruff_formats_it() -> None:
    for tree in (GOLDEN / "vrpcmds", REPO / "generated" / "vrpcmds"):
        fmt = subprocess.run(
            [BIN / "ruff", "format", "--check", *RUFF_SETTINGS, tree], capture_output=True, text=True
        )
        assert fmt.returncode == 0, fmt.stdout + fmt.stderr
        lint = subprocess.run([BIN / "ruff", "check", *RUFF_SETTINGS, tree], capture_output=True, text=True)
        assert lint.returncode == 0, lint.stdout + lint.stderr


BEHAVIOUR = """
    import json
    import vrpcmds
    from vrpcmds import CommandError, DemoFilter, DemoFilterSystem, DemoFilterVpnInstance
    from vrpcmds import DemoQueueMap, DemoScope, DemoShaping, Demo__Trace, Demo_Trace

    def error(cls, **kw):
        try:
            cls(**kw)
        except CommandError as exc:
            return [str(p) for p in exc.problems]
        return None

    shaping = DemoShaping(cir_value=10, kbps_or_mbps="mbps", pir_value=20, pir_kbps_or_mbps="kbps")
    queue = DemoQueueMap(map_id=1, queue=[{"start_index": 0, "end_index": 3}, {"start_index": 5}])
    filt = DemoFilterSystem(filter_id=5, destination_ip_address="10.0.0.2", ip_address="10.0.0.1", logging=True)
    print(json.dumps({
        "shaping": str(shaping),
        "shaping_parsed": repr(DemoShaping.parse("demo shaping cir 10 mbps pir 20 kbps")),
        "shaping_equal": DemoShaping.parse("DEMO shaping cir 10 MBPS pir 20 kbps") == shaping,
        "queue": str(queue),
        "queue_parsed": DemoQueueMap.parse("demo queue-map 1 queue 0 to 3 5").arguments(),
        "queue_undo": queue.undo(),
        "filter": str(filt),
        "filter_order": str(DemoFilter.parse("demo filter 5 logging destination 10.0.0.2 source 10.0.0.1")),
        "filter_equal": DemoFilter.parse("demo filter 5 logging destination 10.0.0.2 source 10.0.0.1") == filt,
        "filter_forms": [
            [f.syntax, list(f.views), list(f.models)] for c in (DemoFilterSystem, DemoFilterVpnInstance) for f in c.forms
        ],
        "filter_models": list(DemoFilter.models),
        "filter_views": list(DemoFilter.views),
        "filter_variants": list(DemoFilter.variants),
        "filter_refused": error(DemoFilter, filter_id=5),
        "filter_undo": filt.undo(),
        "scope": str(DemoScope(name="core", global_or_local="global", class_="gold tier", vlan_id=[10, 20], mode="fast")),
        "scope_parsed": DemoScope.parse('demo scope core local class "gold tier" vlan 10 20').arguments(),
        "scope_level": list(DemoScope.level),
        "negated": repr(vrpcmds.parse("undo demo scope core")),
        "negated_back": eval(repr(vrpcmds.parse("undo demo scope core")), vars(vrpcmds)) == vrpcmds.parse("undo demo scope core"),
        "negated_str": str(vrpcmds.parse("undo demo scope core")),
        "module_parse": type(vrpcmds.parse("demo filter 3 logging")).__name__,
        "view_parse": [
            type(vrpcmds.parse("demo filter 3 source 1.1.1.1", view=v)).__name__ for v in ("VPN instance view", "System view")
        ],
        "trace": [str(Demo__Trace()), str(Demo_Trace(trace="verbose"))],
        "all_problems": error(DemoShaping, cir_value=0, kbps_or_mbps="gbps", pir_value="x", pir_kbps_or_mbps="kbps"),
        "missing": error(DemoShaping, cir_value=1, kbps_or_mbps="kbps", pir_value=1, pir_kbps_or_mbps="kbps", cbs_value=5),
        "bad_item": error(DemoQueueMap, map_id=1, queue=[{"start_index": 9, "stop": 1}]),
        "doc": DemoShaping.doc,
        "docstring": DemoShaping.__doc__,
    }))
"""


@pytest.fixture(scope="module")
def behaviour() -> dict:
    return run_golden(BEHAVIOUR)


def test_a_repeated_keyword_group_is_one_parameter_per_occurrence(behaviour: dict) -> None:
    assert behaviour["shaping"] == "demo shaping cir 10 mbps pir 20 kbps"
    assert behaviour["shaping_parsed"] == (
        "DemoShaping(cir_value=10, kbps_or_mbps='mbps', pir_value=20, pir_kbps_or_mbps='kbps')"
    )
    assert behaviour["shaping_equal"] is True


def test_a_repeated_group_takes_a_list_of_typed_items(behaviour: dict) -> None:
    assert behaviour["queue"] == "demo queue-map 1 queue 0 to 3 5"
    assert behaviour["queue_parsed"] == {
        "map_id": 1,
        "queue": [{"start_index": 0, "end_index": 3}, {"start_index": 5}],
    }
    assert behaviour["queue_undo"] == "undo demo queue-map 1 queue 0 to 3 5"


def test_one_argument_in_two_alternatives_of_a_starred_group_is_two_parameters(behaviour: dict) -> None:
    assert behaviour["filter"] == "demo filter 5 source 10.0.0.1 destination 10.0.0.2 logging"
    assert behaviour["filter_order"] == "demo filter 5 logging destination 10.0.0.2 source 10.0.0.1"
    assert behaviour["filter_equal"] is True
    assert behaviour["filter_undo"] == "undo demo filter 5"


def test_pages_of_one_identity_with_different_forms_are_variants(behaviour: dict) -> None:
    assert behaviour["filter_forms"] == [
        [
            "demo filter <filter-id> [ source <ip-address> | destination <ip-address> "
            "| vpn-instance <vpn-instance-name> | logging ] *",
            ["System view"],
            ["DM100", "DM200"],
        ],
        ["demo filter <filter-id> [ source <ip-address> ]", ["VPN instance view"], ["DM300"]],
    ]
    assert behaviour["filter_models"] == ["DM100", "DM200", "DM300"]
    assert behaviour["filter_views"] == ["System view", "VPN instance view"]
    assert behaviour["filter_variants"] == ["DemoFilterSystem", "DemoFilterVpnInstance"]
    assert behaviour["filter_refused"] == [
        "documented as several commands: use one of DemoFilterSystem, DemoFilterVpnInstance"
    ]


def test_reserved_words_lists_quoted_values_and_enums(behaviour: dict) -> None:
    assert behaviour["scope"] == 'demo scope core global class "gold tier" vlan 10 20 mode fast'
    assert behaviour["scope_parsed"] == {
        "name": "core",
        "global_or_local": "local",
        "class_": "gold tier",
        "vlan_id": [10, 20],
    }
    assert behaviour["scope_level"] == [3, "Management level"]


def test_undo_lines_parse_to_negated_objects(behaviour: dict) -> None:
    assert behaviour["negated"] == "DemoScope.undo_of(name='core')"
    assert behaviour["negated_back"] is True
    assert behaviour["negated_str"] == "undo demo scope core"


def test_module_parse_finds_the_class_and_honours_the_view(behaviour: dict) -> None:
    assert behaviour["module_parse"] == "DemoFilterSystem"
    assert behaviour["view_parse"] == ["DemoFilterVpnInstance", "DemoFilterSystem"]


def test_colliding_identities_get_the_documented_names(behaviour: dict) -> None:
    assert behaviour["trace"] == ["demo-trace enable", "demo trace verbose"]


def test_validation_lists_every_problem_with_its_allowed_values(behaviour: dict) -> None:
    problems = behaviour["all_problems"]
    assert "cir_value=0: out of range, expected integer 1-1000" in problems
    assert "kbps_or_mbps='gbps': expected one of kbps, mbps" in problems
    assert any(p.startswith("pir_value='x'") for p in problems)
    assert len(problems) == 3
    missing = " ".join(behaviour["missing"])
    assert "pbs_value is required" in missing and "one of 'bytes', 'kbytes' is required" in missing
    assert "queue['start_index']=9: out of range, expected integer 0-7" in behaviour["bad_item"]
    assert "queue['stop']=1: not a field of this item" in behaviour["bad_item"]


def test_docstring_has_function_parameters_forms_and_source(behaviour: dict) -> None:
    doc = behaviour["docstring"]
    assert behaviour["doc"] in " ".join(doc.split()) or behaviour["doc"].split("\n")[0] in doc
    assert "pir_kbps_or_mbps:" in doc and "Peak rate." in doc
    assert "Forms:" in doc and "Source:" in doc and "tests/fixtures/bindings/demo-shaping.yaml" in doc


INJECTION = """
    import json, ipaddress
    from vrpcmds import CommandError, DemoFilterSystem as DemoFilter, DemoQueueMap, DemoScope, DemoShaping

    payloads = ["x\\nreboot", "x\\rreboot", "x\\x00", "x\\x1b[2J", "1\\u2028reboot", 'x" reboot "', " x", "x "]
    cases = {
        "integer": lambda v: DemoShaping(cir_value=v, kbps_or_mbps="kbps", pir_value=1, pir_kbps_or_mbps="kbps"),
        "choice": lambda v: DemoShaping(cir_value=1, kbps_or_mbps=v, pir_value=1, pir_kbps_or_mbps="kbps"),
        "ipv4": lambda v: DemoFilter(filter_id=1, ip_address=v),
        "ipv6": lambda v: DemoScope(name="a", global_or_local="local", ipv6_address=v),
        "string": lambda v: DemoScope(name=v, global_or_local="local"),
        "spaced string": lambda v: DemoScope(name="a", global_or_local="local", class_=v),
        "enum": lambda v: DemoScope(name="a", global_or_local="local", mode=v),
        "flag": lambda v: DemoFilter(filter_id=1, logging=v),
        "list": lambda v: DemoScope(name="a", global_or_local="local", vlan_id=[1, v]),
        "group item": lambda v: DemoQueueMap(map_id=1, queue=[{"start_index": v}]),
    }
    accepted = []
    for kind, make in cases.items():
        for payload in payloads:
            try:
                line = str(make(payload))
            except CommandError:
                continue
            accepted.append([kind, payload, line])
    print(json.dumps(accepted))
"""


def test_no_argument_type_lets_a_value_smuggle_a_second_command() -> None:
    assert run_golden(INJECTION) == []


def test_lazy_import_loads_only_the_class_used() -> None:
    result = run_golden(
        """
        import json, sys
        import vrpcmds
        before = sorted(m for m in sys.modules if m.startswith("vrpcmds.commands."))
        vrpcmds.DemoShaping
        after = sorted(m for m in sys.modules if m.startswith("vrpcmds.commands."))
        print(json.dumps({"before": before, "after": after, "dir": "DemoScope" in dir(vrpcmds)}))
        """
    )
    assert result == {"before": [], "after": ["vrpcmds.commands.demo_shaping"], "dir": True}


# -- types ----------------------------------------------------------------------------------

USAGE = """
    from vrpcmds import DemoQueueMap, DemoScope, DemoShaping, parse

    shaping: DemoShaping = DemoShaping(cir_value=1, kbps_or_mbps="kbps", pir_value=2, pir_kbps_or_mbps="mbps")
    line: str = str(shaping) + shaping.undo()
    queue = DemoQueueMap(map_id=1, queue=[{"start_index": 0, "end_index": 3}])
    scope = DemoScope(name="a", global_or_local="local", vlan_id=[1, 2], mode="slow", ipv6_address="2001:db8::1")
    again: DemoShaping = DemoShaping.parse(line)
    anything = parse("demo scope a local")
    views: tuple[str, ...] = DemoScope.views
"""

WRONG = {
    "cir_value": 'DemoShaping(cir_value="10", kbps_or_mbps="kbps", pir_value=2, pir_kbps_or_mbps="mbps")',
    "kbps_or_mbps": 'DemoShaping(cir_value=10, kbps_or_mbps="gbps", pir_value=2, pir_kbps_or_mbps="mbps")',
    "missing pir_value": 'DemoShaping(cir_value=10, kbps_or_mbps="kbps", pir_kbps_or_mbps="mbps")',
    "start_index": 'DemoQueueMap(map_id=1, queue=[{"start_index": "0"}])',
    "vlan_id": 'DemoScope(name="a", global_or_local="local", vlan_id=["1"])',
    "mode": 'DemoScope(name="a", global_or_local="local", mode="medium")',
}


def mypy_path(tmp_path: Path, package: Path) -> dict[str, str]:
    """An environment whose MYPYPATH holds the package and the runtime (see the README, "Type checking")."""
    root = tmp_path / "mypypath"
    root.mkdir()
    (root / "vrpcmds").symlink_to(package, target_is_directory=True)
    (root / "vrpcmds_runtime").symlink_to(REPO / "runtime", target_is_directory=True)
    return {**os.environ, "MYPYPATH": str(root)}


def run_mypy(tmp_path: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cache = tmp_path / "mypy-cache"
    return subprocess.run(
        [BIN / "mypy", "--strict", "--cache-dir", str(cache), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )


def test_mypy_strict_passes_on_the_package_and_a_script_using_it(tmp_path: Path) -> None:
    env = mypy_path(tmp_path, GOLDEN / "vrpcmds")
    script = tmp_path / "usage.py"
    script.write_text(textwrap.dedent(USAGE))
    for args in (["-p", "vrpcmds"], [str(script)]):
        result = run_mypy(tmp_path, env, *args)
        assert result.returncode == 0, result.stdout


def test_mypy_rejects_a_wrong_argument_type(tmp_path: Path) -> None:
    env = mypy_path(tmp_path, GOLDEN / "vrpcmds")
    lines = ["from vrpcmds import DemoQueueMap, DemoScope, DemoShaping", ""]
    lines += [f"{name.replace(' ', '_')} = {code}" for name, code in WRONG.items()]
    script = tmp_path / "wrong.py"
    script.write_text("\n".join(lines) + "\n")
    result = run_mypy(tmp_path, env, str(script))
    assert result.returncode == 1
    flagged = {int(line.split(":")[1]) for line in result.stdout.splitlines() if ": error:" in line}
    assert flagged == set(range(3, 3 + len(WRONG))), result.stdout
