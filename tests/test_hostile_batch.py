"""Hostile pages in a batch of ordinary ones: nothing a page holds breaks the run.

Each hostile page is a text dump in the structure of a real reference page (title,
Function, Format, Parameters, Views, Default Level, Example) with one thing made hostile:
names that are Python keywords, builtins, package names or markup, symbol-only names,
template and script payloads, a 300-character keyword, names differing only in case,
deep nesting, huge repeat bounds, very many forms, optional groups and parameter rows.
The whole batch goes through scrape, generate, an import of every class, site and
``mkdocs build --strict``: no traceback anywhere, every page either generated or reported
with its reason, the other pages generated, and no payload outside a string literal in
the code or outside escaped text on the site.
"""

from __future__ import annotations

import ast
import io
import json
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ORDINARY = REPO / "tests" / "fixtures" / "pages" / "pulse-probe-send.txt"
VRPCMDS = [sys.executable, "-c", "from vrpcmds_cli.main import console; console()"]
PAYLOADS = ("<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "__import__('os')", '"""', "\\x00")


def page(title: str, syntax: list[str], rows: list[tuple[str, str, str]], example: str = "") -> str:
    """A headed text dump: the sections of a reference page, in order."""
    table = "\n\n".join(f"{name}\n\n{description}\n\n{value}" for name, description, value in rows) or "None"
    lines = [
        "Sample Router V100R001 Commands Reference",
        "",
        title,
        "",
        "Function",
        "",
        f"The {title} command does something <b>bold</b> {PAYLOADS[1]} {PAYLOADS[0]}.",
        "",
        "Format",
        "",
        *[line for s in syntax for line in (s, "")],
        "Parameters",
        "",
        "Parameter Description Value",
        "",
        table,
        "",
        "Views",
        "",
        "System view",
        "",
        "Default Level",
        "",
        "2: Configuration level",
        "",
        "Example",
        "",
        f"<Sample> system-view\n[~Sample] {example or syntax[0]}",
        "",
    ]
    return "\n".join(lines)


def string_row(name: str) -> tuple[str, str, str]:
    return (name, f"Specifies {PAYLOADS[2]} {PAYLOADS[3]} the value.", "The value is a string of 1 to 31 characters.")


HOSTILE: dict[str, str] = {
    "underscore": page("demo under", ["demo under _ _"], [string_row("_")]),
    "none": page("none", ["none"], []),
    "true": page("true", ["true"], []),
    "false": page("false", ["false"], []),
    "any": page("any", ["any value"], [string_row("value")]),
    "super": page("demo super", ["demo super super"], [string_row("super")]),
    "keywords": page("demo class", ["demo class class import import"], [string_row("class"), string_row("import")]),
    "markup": page("demo markup", ["demo markup <b>x</b>"], []),
    "payload": page(
        "demo payload", ["demo payload name"], [("name", f"{PAYLOADS[4]} {PAYLOADS[0]} {PAYLOADS[1]}", "A string.")]
    ),
    "long-keyword": page("demo " + "k" * 300, ["demo " + "k" * 300], []),
    "case-a": page("demo case", ["demo case alpha"], []),
    "case-b": page("Demo Case", ["Demo Case beta"], []),
    "deep": page("demo deep", ["demo deep " + "[ a " * 30 + "] " * 30], []),
    "deep-long": page("demo deeper", ["demo deeper " + "[ a " * 5000 + "] " * 5000], []),
    "repeat": page("demo repeat", ["demo repeat value &<1-" + "9" * 50 + ">"], [string_row("value")]),
    "repeat-long": page("demo repeats", ["demo repeats value &<1-" + "9" * 5000 + ">"], [string_row("value")]),
    "many-groups": page("demo groups", ["demo groups " + " ".join(f"[ k{i} ]" for i in range(20_000))], []),
    "many-forms": page("demo forms", [f"demo forms f{i}" for i in range(5000)], []),
    "many-rows": page(
        "demo rows", ["demo rows value"], [string_row("value")] + [string_row(f"p{i}") for i in range(20_000)]
    ),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    pages = root / "pages"
    pages.mkdir()
    (pages / "ordinary.txt").write_text(ORDINARY.read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in HOSTILE.items():
        (pages / f"{name}.txt").write_text(text, encoding="utf-8")
    return root


def vrpcmds(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([*VRPCMDS, *args], cwd=cwd, capture_output=True, text=True, timeout=600)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return proc


@pytest.fixture(scope="module")
def generated(batch: Path) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    scraped = vrpcmds("scrape", "pages", "--out", "schema", "--jobs", "1", cwd=batch)
    built = vrpcmds("generate", "--schema", "schema", "--out", "gen", cwd=batch)
    return scraped, built


def test_every_page_is_scraped_or_reported_with_its_reason(batch: Path, generated: tuple) -> None:
    scraped, _ = generated
    assert "internal error" not in scraped.stdout
    records = {p.stem for p in (batch / "schema").glob("*.yaml")}
    assert "ordinary" in records
    failed = [line for line in (scraped.stdout + scraped.stderr).splitlines() if "FAILED" in line]
    for line in failed:  # a page that is refused says which and why
        assert "pages/" in line and ": " in line.split("pages/", 1)[1]
    assert len(records) + len(failed) == len(HOSTILE) + 1
    reasons = {line.split("pages/", 1)[1].split(".txt", 1)[0]: line for line in failed}
    assert "nested deeper than 20" in reasons["deep"]
    assert "repeat bound too large" in reasons["repeat"]
    for name in ("deep-long", "repeat-long", "many-groups"):
        assert "characters (4000 at most)" in reasons[name]


def test_generation_goes_on_and_every_class_imports_and_writes_its_line(batch: Path, generated: tuple) -> None:
    _, built = generated
    assert built.returncode in (0, 1)  # 1: pages left out, each listed
    for line in built.stderr.splitlines():
        assert line.startswith(("left out: ", "vrpcmds generate: ")) or "pages left out" in line
    code = """
import json, sys, vrpcmds
from vrpcmds_runtime.command import Command
broken = []
names = [n for n in vrpcmds.__all__ if n[:1].isupper() and n not in ("Command", "CommandError")]
for name in names:
    cls = getattr(vrpcmds, name)
    if not (isinstance(cls, type) and issubclass(cls, Command)):
        broken.append(name)
print(json.dumps({"classes": names, "broken": broken, "probe": str(vrpcmds.parse("pulse-probe send verbose"))}))
"""
    proc = subprocess.run([sys.executable, "-c", code], cwd=batch, capture_output=True, text=True,
                          env={"PYTHONPATH": str(batch / "gen")})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["broken"] == []
    assert result["probe"] == "pulse-probe send verbose"
    assert {"None_", "True_", "False_", "Any_", "DemoSuper", "DemoCase"} <= set(result["classes"])


def test_no_payload_reaches_code_outside_a_string_literal(batch: Path, generated: tuple) -> None:
    for path in (batch / "gen").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        ast.parse(source)
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type in (tokenize.STRING, tokenize.COMMENT):
                continue
            for payload in ("script", "import__", "7*7", "raw"):
                assert payload not in token.string, (path, token)


def test_site_builds_strict_and_shows_payloads_only_as_text(batch: Path, generated: tuple) -> None:
    vrpcmds("site", "--schema", "schema", "--out", "site", cwd=batch)
    build = subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "--strict", "-q", "-f", "site/mkdocs.yml"],
        cwd=batch, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    pages = list((batch / "site" / "html").rglob("*.html"))
    assert pages
    for html in pages:
        text = html.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text
        assert "49" not in text.split("{{", 1)[0][-3:]  # no template was evaluated before a "{{"
    payload_page = next(p for p in pages if "payload" in str(p))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in payload_page.read_text(encoding="utf-8")
