"""The site writer: a MkDocs-Material project that builds with ``mkdocs build --strict``.

One real build per module (a few seconds): the seed command ``ike heartbeat``, a
command documented on two pages, and a hostile record whose every field tries to
become markup or script.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from vrpcmds_generator import site_escape as esc
from vrpcmds_generator.site import _ENV, write_site
from vrpcmds_generator.site_diagram import DiagramError, diagram_svg
from vrpcmds_generator.site_plan import derive_class_name, plan_pages, unique_slugs
from vrpcmds_generator.site_views import python_usage, value_summary
from vrpcmds_model.record import Command, Example, Level, Parameter, Source, UsageSection, Value

HOSTILE = (
    '<script>alert(1)</script> {{ x }} """ ``` `x` [link](javascript:alert(1)) '
    "*emphasis* <img src=x onerror=alert(2)> | cell | _u_ # h"
)


def ike_heartbeat() -> Command:
    return Command(
        id="ike-heartbeat",
        name="ike heartbeat",
        title="ike heartbeat",
        function="The ike heartbeat command sets the IKE heartbeat parameters.",
        undo_function="The undo ike heartbeat command restores the default configuration.",
        default="By default, a heartbeat packet uses old type sequence number mechanism.",
        syntax=["ike heartbeat { seq-num { new | old } | spi-list }"],
        undo_syntax=["undo ike heartbeat spi-list"],
        parameters=[
            Parameter(
                "seq-num { new | old }",
                "Indicates the sequence number mechanism for heartbeat packets.",
                Value(type="enum", text="-", choices=["new", "old"]),
            ),
            Parameter(
                "spi-list",
                "Indicates whether the heartbeat packets contain the SPI list.",
                Value("none", "-"),
            ),
        ],
        views=["System view"],
        level=Level(2, "Configuration level"),
        usage=[
            UsageSection("Usage Scenario", "Heartbeat detection finds a faulty IKE peer."),
            UsageSection("Precautions", "The two ends must use the same heartbeat parameters."),
        ],
        examples=[
            Example(
                "Configure IKE heartbeat detection based on the new sequence number mechanism.",
                ["<Huawei> system-view", "[Huawei] ike heartbeat seq-num new"],
            )
        ],
        source=Source(
            path="pages/ar500-v200r007/ike-heartbeat.txt",
            manual="AR500, AR510, and AR530 V200R007 Commands Reference",
            doc_id="EDOC1000097293",
            published="2019-05-29",
            feature_area="IPsec",
        ),
    )


def two_pages() -> list[Command]:
    """One identity documented in two views (an invented test command)."""
    return [
        Command(
            id=f"sample-{view}",
            name="sample timer",
            title=f"sample timer ({view} view)",
            syntax=["sample timer <interval> [ tag <tag> ] &<1-3>"],
            parameters=[
                Parameter("<interval>", "Interval.", Value("integer", "1-1440", 1, 1440, unit="seconds"))
            ],
            views=[f"{view.capitalize()} view"],
            level=Level(3, "Management level"),
            source=Source(manual="Test manual"),
        )
        for view in ("bgp", "system")
    ]


def hostile() -> Command:
    return Command(
        id="hostile",
        name=f"evil {HOSTILE}\nname",
        title=f"evil {HOSTILE}\n# heading",
        function=HOSTILE,
        undo_function="---\n1. list\n    indented code\n> quote\n=====",
        default="| a | b |\n| --- | --- |",
        syntax=["evil {{ x }} <script>", f"evil {HOSTILE}"],
        undo_syntax=["undo evil ``` x"],
        parameters=[
            Parameter(HOSTILE, f"{HOSTILE}\n{HOSTILE}", Value("enum", HOSTILE, choices=["<b>", HOSTILE]))
        ],
        views=[HOSTILE, "System view"],
        level=Level(3, HOSTILE),
        usage=[UsageSection(HOSTILE, HOSTILE)],
        examples=[Example(HOSTILE, [HOSTILE, "````", "[Huawei] evil x <y>"])],
        source=Source(
            url="javascript:alert(1)", manual=HOSTILE, doc_id=HOSTILE, feature_area=HOSTILE, path=HOSTILE
        ),
    )


def records() -> list[Command]:
    return [ike_heartbeat(), *two_pages(), hostile()]


def mkdocs_build(out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("site")
    write_site(records(), out, {"ike heartbeat": "IkeHeartbeat"})
    return out, mkdocs_build(out)


def html_pages(out: Path) -> dict[str, str]:
    return {
        str(p.relative_to(out)): p.read_text(encoding="utf-8") for p in sorted((out / "html").rglob("*.html"))
    }


def ike_page(out: Path) -> str:
    return (out / "html" / "commands" / "ipsec" / "ike-heartbeat" / "index.html").read_text(encoding="utf-8")


# --- the real build -------------------------------------------------------------


def test_mkdocs_build_strict_succeeds_without_warnings(built):
    out, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (out / "html" / "index.html").exists()
    assert not (out / "site").exists()


def test_mkdocs_yml_has_material_palette_toggle_search_and_html_site_dir(built):
    out, _ = built
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert [p["scheme"] for p in config["theme"]["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in config["theme"]["palette"])
    assert config["plugins"] == ["search"]
    assert (config["site_dir"], config["docs_dir"]) == ("html", "docs")
    assert config["extra_css"] == ["stylesheets/railroad.css"]


def test_ike_heartbeat_page_shows_diagram_parameters_views_level_and_python_usage(built):
    page = ike_page(built[0])
    assert "<svg" in page and 'class="railroad-diagram"' in page
    assert page.count('class="railroad-diagram"') == 2  # main form and undo form
    text = html.unescape(page)
    for expected in (
        "ike heartbeat { seq-num { new | old } | spi-list }",
        "undo ike heartbeat spi-list",
        "seq-num { new | old }",
        "spi-list",
        "one of new, old",
        "System view",
        "2: Configuration level",
        "Usage Scenario",
        "[Huawei] ike heartbeat seq-num new",
        "from vrpcmds import IkeHeartbeat",
        "EDOC1000097293",
    ):
        assert expected in re.sub(r"<[^>]+>", "", text), expected


def test_home_page_explains_the_bindings(built):
    home = html.unescape((built[0] / "html" / "index.html").read_text(encoding="utf-8"))
    plain = re.sub(r"<[^>]+>", "", home)
    assert "from vrpcmds import IkeHeartbeat" in plain
    assert 'IkeHeartbeat(seq_num="new")' in plain


def test_identity_documented_on_two_pages_gets_one_page_with_both(built):
    out, _ = built
    docs = sorted(p.name for p in (out / "docs" / "commands" / "test-manual").iterdir())
    assert docs == ["index.md", "sample-timer.md"]
    page = (out / "docs" / "commands" / "test-manual" / "sample-timer.md").read_text(encoding="utf-8")
    assert "## sample timer (bgp view)" in page and "## sample timer (system view)" in page
    assert "integer 1-1440, seconds" in page
    assert "1-3 times" in page  # the repeat's loop in the diagram


def test_index_pages_list_commands_by_view_and_by_level(built):
    out, _ = built
    views = (out / "docs" / "views.md").read_text(encoding="utf-8")
    levels = (out / "docs" / "levels.md").read_text(encoding="utf-8")
    assert "## System view" in views and "(commands/ipsec/ike-heartbeat.md)" in views
    assert "## Bgp view" in views
    assert "## 2: Configuration level" in levels.replace("&#50;", "2")


# --- safety ---------------------------------------------------------------------


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_hostile_record_injects_no_script_link_or_handler(built):
    pages = html_pages(built[0])
    assert any("evil" in name for name in pages)
    for name, page in pages.items():
        parser = _Elements()
        parser.feed(page)
        assert not any("alert" in s for s in parser.scripts), name
        for tag, attrs in parser.elements:
            assert tag != "img", name
            assert not any(a.startswith("on") for a in attrs), (name, tag, attrs)
            for key in ("href", "src", "action", "xlink:href"):
                assert not attrs.get(key, "").strip().lower().startswith("javascript:"), (name, tag, attrs)
        title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
        assert title and "<" not in title.group(1), name


def test_hostile_text_is_shown_as_written(built):
    out, _ = built
    page = next(p for n, p in html_pages(out).items() if "/evil-" in n)
    shown = html.unescape(page)
    assert HOSTILE in shown  # prose and code, as characters, not markup
    assert "<em>emphasis</em>" not in page and "<strong>" not in page.split('<div class="md-content"')[1]
    assert '<a href="javascript' not in page


def test_search_index_holds_hostile_text_escaped(built):
    index = json.loads((built[0] / "html" / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = [doc for doc in index["docs"] if "alert(1)" in doc["text"] + doc["title"]]
    assert found
    for doc in found:
        assert "<script" not in doc["text"] + doc["title"] and "<img" not in doc["text"] + doc["title"]


# Text rich in characters that mean something to Markdown, HTML or YAML.
MARKUP_TEXT = st.text(
    st.sampled_from(list("&<>\"'\\`*_{}[]()#+-.!|~^=: \n\t019aZ\u2028\x85\x02é")) | st.characters()
)


@given(MARKUP_TEXT)
def test_escaped_prose_renders_as_one_paragraph_of_the_same_text(value):
    rendered = markdown.markdown(str(esc.text(value)), extensions=["tables", "toc"])
    expected = " ".join(esc.clean(value).split())
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner
    assert html.unescape(inner) == expected


@given(MARKUP_TEXT, st.sampled_from(["- {}", "# {}", "| a |\n| --- |\n| {} |", "[{}](x.md)"]))
def test_escaped_prose_stays_text_in_list_heading_table_and_link(value, context):
    rendered = markdown.markdown(context.format(esc.text(value)), extensions=["tables"])
    allowed = {"p", "ul", "li", "h1", "table", "thead", "tbody", "tr", "th", "td", "a"}
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= allowed
    assert " ".join(esc.clean(value).split()) in html.unescape(rendered)


@given(MARKUP_TEXT)
def test_code_block_fence_is_longer_than_any_backtick_run(value):
    block = esc.code_block(value)
    fence = block.split("\n", 1)[0].removesuffix("text")
    runs = re.findall(r"`+", esc.clean(value))
    assert len(fence) > max(map(len, runs), default=2)
    assert block.endswith("\n" + fence)


def test_code_block_keeps_hostile_lines_verbatim():
    rendered = markdown.markdown(esc.code_block(f"{HOSTILE}\n```\n````"), extensions=["fenced_code"])
    assert html.unescape(rendered) == f'<pre><code class="language-text">{HOSTILE}\n```\n````\n</code></pre>'


def test_link_only_for_plain_http_urls():
    assert esc.link("https://support.huawei.com/enterprise/en/doc?x=1&y=2").startswith('<a href="https://')
    assert "&amp;y=2" in esc.link("https://a.example/?x=1&y=2")
    for url in ("javascript:alert(1)", 'https://a.example/"onmouseover="x', "https://a.example/<b>"):
        assert "<a" not in esc.link(url)


def test_templates_refuse_unescaped_values():
    template = _ENV.from_string("{{ value }}")
    with pytest.raises(TypeError, match="unescaped"):
        template.render(value="<b>raw</b>")
    assert template.render(value=esc.text("<b>")) == "&#60;b&#62;"


def test_railroad_escapes_the_text_it_draws():
    import railroad

    parts: list[str] = []
    railroad.Diagram(railroad.Terminal("</text><script>"), railroad.NonTerminal('a"&b')).writeSvg(
        parts.append
    )
    svg = "".join(parts)
    assert "<script" not in svg and "&lt;script>" in svg and "a&quot;&amp;b" in svg


# --- diagrams, names, values ------------------------------------------------------


def test_diagram_maps_groups_to_choice_skip_and_loops():
    svg = diagram_svg("abs-pfc priority { <prioritynumber> } &<1-3> enable [ threshold <threshold-value> ]")
    assert "1-3 times" in svg and ">prioritynumber<" in svg and 'class="non-terminal ' in svg
    multi = diagram_svg("ip route-static <ip-address> [ preference <preference> | tag <tag> ] *")
    assert "each at most once" in multi
    with pytest.raises(DiagramError):
        diagram_svg("ike heartbeat { seq-num")


def test_python_usage_reads_back_an_example_line():
    page = plan_pages([ike_heartbeat()], {"ike heartbeat": "IkeHeartbeat"})[0].pages[0]
    assert python_usage(page) == (
        "from vrpcmds import IkeHeartbeat\n\n"
        'cmd = IkeHeartbeat.parse("ike heartbeat seq-num new")\n'
        "print(cmd)  # ike heartbeat seq-num new\n"
        "help(IkeHeartbeat)  # keyword arguments, forms, views and level"
    )
    derived = plan_pages([hostile()])[0].pages[0]
    assert python_usage(derived).startswith("from vrpcmds import EvilScriptAlert1Script")


def test_class_names_come_from_the_mapping_else_camel_case():
    assert derive_class_name("ike heartbeat") == "IkeHeartbeat"
    assert derive_class_name("peer allow-as-loop") == "PeerAllowAsLoop"
    assert derive_class_name("8021x enable") == "Cmd8021xEnable"
    assert derive_class_name("<>") == "Command"


def test_colliding_slugs_both_get_a_hash():
    slugs = unique_slugs(["ike heartbeat", "ike-heartbeat", "display ike sa", "index"])
    assert slugs["display ike sa"] == "display-ike-sa"
    assert slugs["ike heartbeat"] != slugs["ike-heartbeat"]
    assert all(
        re.fullmatch(r"ike-heartbeat-[0-9a-f]{8}", slugs[k]) for k in ("ike heartbeat", "ike-heartbeat")
    )
    assert slugs["index"].startswith("index-")


@pytest.mark.parametrize(
    ("value", "short"),
    [
        (
            Value("integer", "1-1440", 1, 1440, unit="seconds", default="60"),
            "integer 1-1440, seconds, default 60",
        ),
        (Value("enum", "-", choices=["new", "old"]), "one of new, old"),
        (Value("none", "-"), "-"),
        (
            Value("string", "1-31", min_length=1, max_length=31, case_sensitive=True),
            "string 1-31 characters, case-sensitive",
        ),
        (Value("ipv4", "dotted decimal"), "IPv4 address"),
        (Value("text", "The value is a  free\ntext."), "The value is a free text."),
    ],
)
def test_value_short_form(value, short):
    assert value_summary(value) == short


# --- files ----------------------------------------------------------------------


def test_two_runs_give_identical_bytes(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    paths_a = write_site(records(), first)
    paths_b = write_site(list(reversed(records())), second)
    rel_a = [p.relative_to(first) for p in paths_a]
    assert rel_a == [p.relative_to(second) for p in paths_b]
    for rel in rel_a:
        data = (first / rel).read_bytes()
        assert data == (second / rel).read_bytes(), rel
        assert data.endswith(b"\n") and not data.endswith(b"\n\n") and b"\r" not in data, rel


def test_stale_docs_are_removed_and_the_built_site_is_left_alone(tmp_path):
    write_site(records(), tmp_path)
    stale = [tmp_path / "docs" / "old.md", tmp_path / "docs" / "commands" / "gone" / "x.md"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("old\n", encoding="utf-8")
    built = tmp_path / "html" / "index.html"
    built.parent.mkdir()
    built.write_text("built\n", encoding="utf-8")
    paths = write_site([ike_heartbeat()], tmp_path)
    assert not any(p.exists() for p in stale)
    assert not (tmp_path / "docs" / "commands" / "gone").exists()
    assert not (tmp_path / "docs" / "commands" / "test-manual").exists()
    assert built.read_text(encoding="utf-8") == "built\n"
    on_disk = sorted(p for p in (tmp_path / "docs").rglob("*") if p.is_file())
    assert on_disk == sorted(p for p in paths if p.name != "mkdocs.yml")
