"""vrpcmds and each manual's bindings as real packages.

The wheel and sdist of vrpcmds are built by the standard build frontend (as a publisher
would), the wheel installed into a fresh virtual environment with its dependencies, and
every command run from a folder outside the project. ``vrpcmds package`` builds one
manual's bindings as a wheel; two of them install side by side and each parses and checks
with its own grammar.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED_PAGE = REPO / "pages" / "ar500-v200r007" / "ike-heartbeat.txt"
SEED_SCHEMA = REPO / "schema"
USER_MANUAL = Path(__file__).resolve().parent / "fixtures" / "user-manual"
CORPUS = REPO.parent / "shared" / "corpus" / "ce6800-v300r023c00" / "cmdref"
VRPCMDS = [sys.executable, "-m", "vrpcmds_cli.main"]


def run(cmd: list[str], cwd: Path | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)
    if ok:
        assert proc.returncode == 0, f"{cmd}\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist of the project, and the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(out), str(REPO)])
    return out


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory, dist: Path) -> Path:
    """A fresh virtual environment with the wheel of vrpcmds installed (dependencies too)."""
    env = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", str(env)])
    wheel = next(dist.glob("vrpcmds-*.whl"))
    run([str(env / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)])
    return env


def test_the_sdist_and_wheel_hold_the_code_the_bindings_and_the_data(dist: Path) -> None:
    wheel = next(dist.glob("vrpcmds-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "vrpcmds/__init__.py",
        "vrpcmds/commands/ike_heartbeat.py",
        "vrpcmds/_grammar.json",
        "vrpcmds/py.typed",
        "vrpcmds_model/command.schema.json",
        "vrpcmds_generator/templates/bindings/command_module.py.jinja",
        "vrpcmds_generator/templates/site/command.md.jinja",
        "vrpcmds_cli/main.py",
    ):
        assert needed in names
    assert not any(n.startswith("tests/") or "__pycache__" in n for n in names)
    sdist = next(dist.glob("vrpcmds-*.tar.gz"))
    members = {m.split("/", 1)[1] for m in tarfile.open(sdist).getnames() if "/" in m}
    assert {"pyproject.toml", "README.md", "generated/vrpcmds/commands/ike_heartbeat.py"} <= members


def test_installed_from_the_wheel_every_command_works_from_any_directory(venv: Path, tmp_path: Path) -> None:
    bin_ = venv / "bin"
    shutil.copy(SEED_PAGE, tmp_path / "page.txt")
    (tmp_path / "device.cfg").write_text("ike heartbeat seq-num new\nike heartbeat seq-num newest\n")
    assert "scrape" in run([str(bin_ / "vrpcmds"), "--help"], tmp_path).stdout
    run([str(bin_ / "vrpcmds"), "scrape", "page.txt", "--out", "schema"], tmp_path)
    assert (tmp_path / "schema" / "page.yaml").is_file()
    run([str(bin_ / "vrpcmds"), "generate", "--schema", "schema", "--out", "gen"], tmp_path)
    assert (tmp_path / "gen" / "vrpcmds" / "commands" / "ike_heartbeat.py").is_file()
    run([str(bin_ / "vrpcmds"), "site", "--schema", "schema", "--out", "site"], tmp_path)
    assert (tmp_path / "site" / "mkdocs.yml").is_file()
    checked = run([str(bin_ / "vrpcmds"), "check", "--schema", "schema", "device.cfg"], tmp_path, ok=False)
    assert checked.returncode == 1
    assert "device.cfg:2: invalid" in checked.stdout and "1 ok" in checked.stdout
    explained = run([str(bin_ / "vrpcmds"), "explain", "--schema", "schema", "ike heartbeat spi-list"], tmp_path)
    assert "keyword spi-list" in explained.stdout
    code = "from vrpcmds import IkeHeartbeat; print(IkeHeartbeat(seq_num='new'), IkeHeartbeat.__module__)"
    imported = run([str(bin_ / "python"), "-c", code], tmp_path).stdout
    assert imported.startswith("ike heartbeat seq-num new vrpcmds.commands.ike_heartbeat")
    located = run([str(bin_ / "python"), "-c", "import vrpcmds_cli; print(vrpcmds_cli.__file__)"], tmp_path)
    assert str(venv) in located.stdout  # the installed copy, not the source tree
    build = run([str(bin_ / "vrpcmds"), "build"], tmp_path, ok=False)
    assert build.returncode == 2 and "source checkout" in build.stderr


def package(schema: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run([*VRPCMDS, "package", "--schema", str(schema), "--out", str(out), *extra], ok=False)


def test_a_manuals_package_is_named_from_its_product_and_release_and_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    first = package(SEED_SCHEMA, tmp_path / "a")
    second = package(SEED_SCHEMA, tmp_path / "b")
    assert first.returncode == second.returncode == 0, first.stderr
    wheels = [next((tmp_path / d).glob("*.whl")) for d in ("a", "b")]
    assert wheels[0].name.startswith("vrpcmds_ar500_v200r007-200.7.0+")
    assert wheels[0].read_bytes() == wheels[1].read_bytes()
    sdists = [next((tmp_path / d).glob("*.tar.gz")) for d in ("a", "b")]
    assert sdists[0].read_bytes() == sdists[1].read_bytes()
    with zipfile.ZipFile(wheels[0]) as zf:
        names = zf.namelist()
        meta = zf.read(next(n for n in names if n.endswith("METADATA"))).decode()
        init = zf.read("vrpcmds_ar500_v200r007/__init__.py").decode()
    assert {"vrpcmds_ar500_v200r007/py.typed", "vrpcmds_ar500_v200r007/_grammar.json"} <= set(names)
    assert "Requires-Dist: vrpcmds>=0.2,<0.3" in meta
    assert "'release': 'V200R007'" in init.replace('"', "'")


def test_previous_schema_gives_a_changelog_breaking_changes_first(tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(SEED_SCHEMA, old)
    record = old / "ar500-v200r007" / "ike-heartbeat.yaml"
    record.write_text(record.read_text().replace("seq-num { new | old }", "seq-num { new | old | legacy }"))
    built = package(SEED_SCHEMA, tmp_path / "dist", "--previous", str(old))
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(next((tmp_path / "dist").glob("*.whl"))) as zf:
        changelog = zf.read("vrpcmds_ar500_v200r007/CHANGELOG.md").decode()
    assert changelog.index("## Breaking changes") < changelog.index("ike heartbeat")


@pytest.mark.parametrize(
    ("case", "extra", "expected"),
    [
        ("empty", (), "no records"),
        ("invalid", (), "name"),
        ("mixed", (), "2 manuals"),
        ("seed", ("--name", "json"), "standard-library"),
        ("seed", ("--name", "yaml"), "installed module"),
        ("seed", ("--name", "vrpcmds_runtime"), "vrpcmds itself"),
        ("seed", ("--name", "Not-A-Name"), "lower-case Python package name"),
        ("seed", ("--name", "class"), "lower-case Python package name"),
        ("seed", ("--version", "one"), "--version 'one'"),
    ],
)
def test_bad_input_says_what_is_wrong_and_writes_nothing(
    tmp_path: Path, case: str, extra: tuple[str, ...], expected: str
) -> None:
    schema = tmp_path / "schema"
    if case == "seed":
        shutil.copytree(SEED_SCHEMA, schema)
    else:
        schema.mkdir()
    if case == "invalid":
        (schema / "broken.yaml").write_text("id: broken\nsyntax: [x]\n")
    if case == "mixed":
        seed = SEED_SCHEMA / "ar500-v200r007" / "ike-heartbeat.yaml"
        shutil.copy(seed, schema / "a.yaml")
        (schema / "b.yaml").write_text(seed.read_text().replace("EDOC1000097293", "EDOC0000000001"))
    out = tmp_path / "dist"
    built = package(schema, out, *extra)
    assert built.returncode == 1
    assert expected in built.stderr
    if case in ("invalid", "mixed"):
        assert "broken.yaml" in built.stderr or "a.yaml" in built.stderr
    assert not out.exists() or not any(out.iterdir())


def side_by_side_script(first: str, second: str, first_line: str, second_line: str) -> str:
    """A script using two bindings packages at once: each reads its own line, not the other's."""
    return textwrap.dedent(
        f"""
        import json
        import {first} as one, {second} as two
        from vrpcmds_checker.api import check_config

        def status(pkg, line):
            return check_config(line, package=pkg)[0].status

        a, b = one.parse({first_line!r}), two.parse({second_line!r})
        print(json.dumps({{
            "first": [type(a).__module__, str(a), repr(a)],
            "second": [type(b).__module__, str(b), repr(b)],
            "first_checks": [status({first!r}, {first_line!r}), status({first!r}, {second_line!r})],
            "second_checks": [status({second!r}, {second_line!r}), status({second!r}, {first_line!r})],
            "manuals": [one.__manual__["package"], two.__manual__["package"]],
        }}))
        """
    )


def install_packages(venv: Path, *wheels: Path) -> None:
    run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-index", *map(str, wheels)])


def test_two_manuals_install_side_by_side_each_with_its_own_grammar(venv: Path, tmp_path: Path) -> None:
    assert package(SEED_SCHEMA, tmp_path).returncode == 0
    built = package(USER_MANUAL, tmp_path, "--name", "demo_manual", "--version", "1.0.0")
    assert built.returncode == 0, built.stderr
    install_packages(venv, *tmp_path.glob("*.whl"))
    script = side_by_side_script("vrpcmds_ar500_v200r007", "demo_manual", "ike heartbeat seq-num old", "vlan 10")
    result = json.loads(run([str(venv / "bin" / "python"), "-c", script], tmp_path).stdout)
    assert result["first"] == [
        "vrpcmds_ar500_v200r007.commands.ike_heartbeat",
        "ike heartbeat seq-num old",
        "IkeHeartbeat(seq_num='old')",
    ]
    assert result["second"] == ["demo_manual.commands.vlan", "vlan 10", "Vlan(vlan_id=10)"]
    assert result["first_checks"] == ["ok", "unknown"]
    assert result["second_checks"] == ["ok", "unknown"]
    assert result["manuals"] == ["vrpcmds_ar500_v200r007", "demo_manual"]
    (tmp_path / "a.cfg").write_text("vlan 10\n")
    checked = run([str(venv / "bin" / "vrpcmds"), "check", "--package", "demo_manual", "a.cfg"], tmp_path)
    assert "1 ok" in checked.stdout


@pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"corpus absent: {CORPUS} not found (the real pages live in ../shared, outside the project)",
)
def test_a_package_of_real_pages_beside_the_seed_manual(venv: Path, tmp_path: Path) -> None:
    """One feature area of the shared corpus, packaged under the name its folder gives."""
    run([*VRPCMDS, "scrape", str(CORPUS / "QoS"), "--out", str(tmp_path / "qos")])
    built = package(tmp_path / "qos", tmp_path / "dist")
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("*.whl"))
    assert wheel.name.startswith("vrpcmds_ce6800_v300r023c00-300.23.0+")
    assert package(SEED_SCHEMA, tmp_path / "dist").returncode == 0
    install_packages(venv, *(tmp_path / "dist").glob("*.whl"))
    script = side_by_side_script(
        "vrpcmds_ce6800_v300r023c00", "vrpcmds_ar500_v200r007", "traffic classifier c1", "ike heartbeat spi-list"
    )
    result = json.loads(run([str(venv / "bin" / "python"), "-c", script], tmp_path).stdout)
    assert result["first"][1] == "traffic classifier c1"
    assert result["second"][1] == "ike heartbeat spi-list"
    assert result["first_checks"] == ["ok", "unknown"]
    assert result["second_checks"] == ["ok", "unknown"]
