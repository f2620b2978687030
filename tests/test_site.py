"""The site writer: a MkDocs-Material project that builds with ``mkdocs build --strict``.

One real build per module (well under a second): the seed command ``ike heartbeat``, a
command documented on two pages, one whose forms apply to different models, and a
hostile record whose every field tries to become markup or script. A second build of
the same project without its hook checks that the hook changes nothing on the pages.
The browser tests are in ``test_site_browser.py``, the whole corpus in
``test_site_corpus.py``.
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import markupsafe
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from vrpcmds_generator import site_escape as esc
from vrpcmds_generator.site import _ENV, write_site
from vrpcmds_generator.site_diagram import DiagramError, compact_svg, diagram_svg
from vrpcmds_generator.site_plan import derive_class_name, href, plan_pages, unique_slugs
from vrpcmds_generator.site_views import (
    Block,
    blocks,
    meta_json,
    page_meta,
    python_usage,
    search_boost,
    value_summary,
)
from vrpcmds_model.record import Example, FormModels, Level, Parameter, Record, Source, UsageSection, Value

HOSTILE = (
    '<script>alert(1)</script> {{ x }} """ ``` `x` [link](javascript:alert(1)) '
    "*emphasis* <img src=x onerror=alert(2)> | cell | _u_ # h"
)


def ike_heartbeat() -> Record:
    return Record(
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


def two_pages() -> list[Record]:
    """One identity documented in two views (an invented test command)."""
    return [
        Record(
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


def hostile() -> Record:
    return Record(
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


def per_model() -> Record:
    """Two forms for two sets of device models, and a usage text with a list and a note."""
    return Record(
        id="sample-mode",
        name="sample mode",
        title="sample mode (interface view)",
        function="The sample mode command sets a mode.\nNote: Only on some models.",
        syntax=["sample mode { auto | manual }", "sample mode manual"],
        undo_syntax=["undo sample mode"],
        form_models=[
            FormModels("sample mode { auto | manual }", ["AB100", "AB200"]),
            FormModels("sample mode manual", ["AB300"]),
        ],
        usage=[UsageSection("Usage Scenario", "Modes:\n- auto: negotiated.\n- manual: forced.\nThe end.")],
        views=["Interface view"],
        source=Source(manual="Test manual", feature_area="Test category / Modes"),
    )


def records() -> list[Record]:
    return [ike_heartbeat(), *two_pages(), per_model(), hostile()]


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


def h2(text: str) -> str:
    """A second-level heading as the pages write it: its id and permalink given."""
    anchor = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f'<h2 id="{anchor}">{text}<a class="headerlink" href="#{anchor}" title="Permanent link">&para;</a></h2>'


def ike_page(out: Path) -> str:
    return (out / "html" / "commands" / "ipsec" / "ike-heartbeat" / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    """The characters a reader sees (tags dropped, references decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def article(page: str) -> str:
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def search_docs(out: Path) -> list[dict[str, object]]:
    return json.loads((out / "html" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


# --- the real build -------------------------------------------------------------


def test_mkdocs_build_strict_succeeds_without_warnings(built):
    out, result = built
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (out / "html" / "index.html").exists()
    assert not (out / "site").exists()


def test_mkdocs_yml_has_material_palette_toggle_search_hook_and_html_site_dir(built):
    out, _ = built
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert [p["scheme"] for p in config["theme"]["palette"]] == ["default", "slate"]
    assert all("toggle" in p for p in config["theme"]["palette"])
    search = config["plugins"][0]["search"]
    assert (
        search["fields"]["title"]["boost"]
        > search["fields"]["tags"]["boost"]
        > search["fields"]["text"]["boost"]
    )
    assert (config["site_dir"], config["docs_dir"]) == ("html", "docs")
    assert config["extra_css"] == ["stylesheets/reference.css"]
    assert config["hooks"] == ["hooks/html_blocks.py"] and (out / "hooks" / "html_blocks.py").is_file()


def test_ike_heartbeat_page_shows_function_forms_diagrams_parameters_views_level_usage_and_python(built):
    page = ike_page(built[0])
    assert page.count('<svg class="railroad-diagram"') == 2  # main form and undo form
    text = text_of(article(page))
    for expected in (
        "The ike heartbeat command sets the IKE heartbeat parameters.",
        "ike heartbeat { seq-num { new | old } | spi-list }",
        "undo ike heartbeat spi-list",
        "seq-num { new | old }",
        "one of new, old",
        "System view",
        "2: Configuration level",
        "Usage Scenario",
        "Precautions",
        "[Huawei] ike heartbeat seq-num new",
        "from vrpcmds import IkeHeartbeat",
        "EDOC1000097293",
        "AR500, AR510, and AR530 V200R007 Commands Reference",
    ):
        assert expected in text, expected
    toc_html = page.split('class="md-nav md-nav--secondary"', 1)[1]
    toc = re.findall(r'class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*<', toc_html)
    assert toc[:8] == [
        "Format",
        "Undo format",
        "Parameters",
        "Views and level",
        "Usage guidelines",
        "Usage Scenario",
        "Precautions",
        "Examples",
    ]


def test_forms_are_copyable_code_blocks_each_followed_by_its_diagram(built):
    body = article(ike_page(built[0]))
    code = body.index("<pre><code>ike heartbeat { seq-num")
    diagram = body.index('<svg class="railroad-diagram"')
    assert code < diagram < body.index("<pre><code>undo ike heartbeat")


def test_forms_are_grouped_by_the_models_they_apply_to(built):
    page = (built[0] / "html" / "commands" / "test-category-modes" / "sample-mode" / "index.html").read_text()
    text = text_of(article(page))
    first, second = text.index("Models: AB100, AB200"), text.index("Models: AB300")
    assert first < text.index("sample mode { auto | manual }") < second < text.index("sample mode manual")
    assert "Manual page: sample mode (interface view)" in text  # the title as the manual has it


def test_usage_lists_and_notes_are_rendered_as_lists_and_admonitions(built):
    page = (built[0] / "html" / "commands" / "test-category-modes" / "sample-mode" / "index.html").read_text()
    assert "<ul><li>auto: negotiated.</li><li>manual: forced.</li></ul>" in page
    assert (
        '<div class="admonition note"><p class="admonition-title">Note</p><p>Only on some models.</p>' in page
    )


def test_home_page_explains_the_bindings_and_draws_an_example(built):
    home = (built[0] / "html" / "index.html").read_text(encoding="utf-8")
    plain = text_of(home)
    assert "from vrpcmds import IkeHeartbeat" in plain
    assert 'IkeHeartbeat(seq_num="new")' in plain
    assert '<svg class="railroad-diagram"' in home
    assert "4 commands" in plain and "5 pages" in plain


def test_identity_documented_on_two_pages_gets_one_page_with_both(built):
    out, _ = built
    docs = sorted(p.name for p in (out / "docs" / "commands" / "test-manual").iterdir())
    assert docs == ["index.md", "sample-timer.md"]
    page = (out / "docs" / "commands" / "test-manual" / "sample-timer.md").read_text(encoding="utf-8")
    assert h2("sample timer (bgp view)") in page and h2("sample timer (system view)") in page
    assert "<strong>Views:</strong> Bgp view" in page and "<strong>Views:</strong> System view" in page
    assert "integer 1-1440, seconds" in page
    assert "1-3 times" in page  # the repeat's loop in the diagram


def test_index_pages_list_commands_by_view_level_and_letter_and_stay_out_of_search(built):
    out, _ = built
    views = (out / "docs" / "views.md").read_text(encoding="utf-8")
    levels = (out / "docs" / "levels.md").read_text(encoding="utf-8")
    letters = (out / "docs" / "commands" / "index.md").read_text(encoding="utf-8")
    assert h2("System view") in views and 'href="../commands/ipsec/ike-heartbeat/"' in views
    assert h2("Bgp view") in views
    assert h2("2: Configuration level") in levels
    assert h2("I") in letters and 'href="ipsec/ike-heartbeat/">ike heartbeat</a>: The ike heartbeat' in letters
    locations = {str(doc["location"]).split("#")[0] for doc in search_docs(out)}
    assert not locations & {"views/", "levels/", "commands/", "commands/ipsec/"}


def test_nav_is_as_short_as_a_plain_site_s_and_areas_are_listed_by_category_on_a_page(built):
    out, _ = built
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(e)) for e in config["nav"]] == ["Home", "All commands", "By feature area", "By view", "By level"]
    assert "/commands/*/*.md" in config["not_in_nav"]
    areas = (out / "docs" / "areas.md").read_text(encoding="utf-8")
    assert h2("Test category") in areas and 'href="../commands/test-category-modes/">Modes</a>' in areas
    assert 'href="../commands/ipsec/">IPsec</a>' in areas
    ike = ike_page(out)
    assert ike.count('class="md-nav__link') < 30  # the nav, and the page's table of contents


def test_html_headings_get_ids_permalinks_and_a_table_of_contents(built):
    ike = ike_page(built[0])
    assert '<h2 id="format">Format<a class="headerlink" href="#format" title="Permanent link">&para;</a></h2>' in ike
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', ike, re.DOTALL)[0]
    assert re.findall(r'href="#([^"]+)"', toc)[:3] == ["format", "undo-format", "parameters"]
    timer = (built[0] / "html" / "commands" / "test-manual" / "sample-timer" / "index.html").read_text("utf-8")
    assert 'id="parameters"' in timer and 'id="parameters_1"' in timer  # one per page of the command


def test_every_link_between_pages_resolves(built):
    for name, page in html_pages(built[0]).items():
        here = (built[0] / name).parent
        for target in re.findall(r'href="([^"#:?]+)"', article(page) if "<article" in page else ""):
            path = (here / target).resolve()
            assert (path / "index.html").is_file() or path.is_file(), (name, target)


def test_the_hook_changes_no_page_only_what_markdown_and_search_read(built, tmp_path):
    out, _ = built
    bare = tmp_path / "bare"
    write_site(records(), bare, {"ike heartbeat": "IkeHeartbeat"})
    config = (bare / "mkdocs.yml").read_text(encoding="utf-8")
    (bare / "mkdocs.yml").write_text(
        config.replace("hooks:\n  - hooks/html_blocks.py\n", ""), encoding="utf-8"
    )
    assert mkdocs_build(bare).returncode == 0
    with_hook, without = html_pages(out), html_pages(bare)
    assert with_hook.keys() == without.keys()
    for name, page in with_hook.items():
        if "<article" not in page:
            continue
        strip = functools.partial(
            re.sub,
            r' data-search-exclude="true"| id="[^"]*"|<!-- /?html-block( searchable)? -->|<!-- page-meta [^>]* -->'
            r'|<a class="headerlink" href="#[^"]*" title="Permanent link">(&para;|¶)</a>|\s+',
            "",
        )
        assert strip(article(page)) == strip(article(without[name])), name
    hooked, plain = _indexed_words(out), _indexed_words(bare)
    assert hooked.keys() == plain.keys()
    for location, words in plain.items():
        page = without["html/" + location + "index.html"]  # its HTML headings are text without the hook
        headings = "".join(re.findall(r"<h[2-6]>(.*?)</h[2-6]>", article(page)))
        hooked_text = html.unescape("".join(hooked[location]) + headings)
        assert Counter("".join(hooked_text.split())) == Counter(html.unescape("".join(words))), location


MATERIAL_PARTIALS = """
def on_env(env, config, files, **kwargs):
    env.loader = env.loader.loaders[-1]  # Material's own partials, as without the site hook's overrides
    return env
"""


def test_partials_the_hook_renders_once_or_in_python_are_what_material_renders(built, tmp_path):
    """Navigation, table of contents, search box and palette: the same HTML as Material's templates give."""
    out, _ = built
    material = tmp_path / "material"
    write_site(records(), material, {"ike heartbeat": "IkeHeartbeat"})
    assert_same_pages_as_material_renders(out, material)
    ike = ike_page(out)
    assert ike.count('class="md-nav md-nav--primary"') == 1 and 'data-md-component="toc"' in ike


def assert_same_pages_as_material_renders(out: Path, material: Path) -> None:
    """``material``, a copy of the project ``out`` (built), built with Material's own partials, gives the same pages."""
    (material / "hooks" / "material_partials.py").write_text(MATERIAL_PARTIALS, encoding="utf-8")
    config = (material / "mkdocs.yml").read_text(encoding="utf-8")
    hooks = "hooks:\n  - hooks/html_blocks.py\n"
    assert hooks in config
    (material / "mkdocs.yml").write_text(
        config.replace(hooks, hooks + "  - hooks/material_partials.py\n"), encoding="utf-8"
    )
    result = mkdocs_build(material)
    assert result.returncode == 0, result.stderr
    ours, theirs = html_pages(out), html_pages(material)
    assert ours.keys() == theirs.keys()

    def normal(page: str) -> str:  # whitespace next to tags is not content
        return re.sub(r"\s+", " ", re.sub(r"\s*(<[^>]*>)\s*", r"\1", page))

    for name, page in ours.items():
        assert normal(page) == normal(theirs[name]), name


def _indexed_words(out: Path) -> dict[str, list[str]]:
    """Page -> the words of the text the search index holds for it, all its entries together."""
    words: dict[str, list[str]] = {}
    for doc in search_docs(out):
        words.setdefault(str(doc["location"]).split("#")[0], []).extend(
            re.sub(r"<[^>]+>", " ", str(doc["text"])).split()
        )
    return words


def test_search_indexes_name_function_forms_and_parameters_not_usage_examples_or_diagrams(built):
    docs = [
        d for d in search_docs(built[0]) if str(d["location"]).startswith("commands/ipsec/ike-heartbeat/")
    ]
    indexed = " ".join(str(d["title"]) + " " + str(d["text"]) for d in docs)
    assert docs[0]["title"] == "ike heartbeat" and docs[0]["location"] == "commands/ipsec/ike-heartbeat/"
    for expected in ("sets the IKE heartbeat parameters", "seq-num { new | old } | spi-list", "SPI list"):
        assert expected in indexed, expected
    for left_out in (
        "Heartbeat detection finds",
        "[Huawei]",
        "from vrpcmds",
        "EDOC1000097293",
        "System view",
    ):
        assert left_out not in indexed, left_out
    assert all(d["tags"] == ["ike", "heartbeat", "seq-num", "new", "old", "spi-list"] for d in docs)
    assert all(d["boost"] == 1.5 for d in docs)  # a name of two keywords


def test_page_meta_line_is_json_that_no_text_can_close():
    title = esc.text('a --> <b> "x" \\ -- !>')
    meta = page_meta(title, "1.50", [esc.Safe("seq-num")])
    line = meta_json({**meta, "toc": [[2, "a", str(markupsafe.escape('--> <b> "'))]]})
    assert "<" not in line and ">" not in line and "\n" not in line
    assert json.loads(line)["title"] == title and json.loads(line)["search"] == {"boost": 1.5}
    assert "tags" not in page_meta(title, "2.00", [])


def test_search_boost_prefers_short_names():
    assert [search_boost(n) for n in ("mtu", "eth-trunk", "display eth-trunk", "a b c d")] == [
        "2.00",
        "2.00",
        "1.50",
        "1.25",
    ]


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
    assert "evil {{ x }} <script>" in text_of(article(page))  # a form that does not parse, as text
    assert "No diagram: this form does not parse" in page


def test_hostile_text_cannot_forge_a_hook_marker_or_placeholder(built):
    md = next((built[0] / "docs").rglob("evil-*.md")).read_text(encoding="utf-8")
    blocks = re.findall(
        r"^<!-- html-block(?: searchable)? -->\n(.*?)\n<!-- /html-block -->$", md, re.MULTILINE | re.DOTALL
    )
    assert blocks and all("<!--" not in b for b in blocks)
    assert md.count("<!-- html-block") == md.count("<!-- /html-block -->")
    meta, _, body = md.partition("\n")
    assert meta.startswith("<!-- page-meta {") and meta.endswith("} -->") and meta.count(">") == 1
    outside = re.sub(r"^<!-- html-block.*?<!-- /html-block -->$", "", body, flags=re.MULTILINE | re.DOTALL)
    assert "evil" in outside and "{" not in outside  # placeholders are paragraphs in braces


def test_search_index_holds_hostile_text_escaped(built):
    found = [doc for doc in search_docs(built[0]) if "alert(1)" in str(doc["text"]) + str(doc["title"])]
    assert found
    for doc in found:
        assert "<script" not in str(doc["text"]) + str(doc["title"]) and "<img" not in str(doc["text"])
        assert all(re.fullmatch(r"[A-Za-z0-9_./:-]+", tag) for tag in doc.get("tags", []))  # tags are HTML


# Text rich in characters that mean something to Markdown, HTML or YAML.
MARKUP_TEXT = st.text(
    st.sampled_from(list("&<>\"'\\`*_{}[]()#+-.!|~^=: \n\t019aZ\u2028\x85\x02é")) | st.characters()
)


@given(MARKUP_TEXT)
def test_escaped_prose_renders_as_one_paragraph_of_the_same_text(value):
    rendered = markdown.markdown(str(esc.text(value)), extensions=["tables", "toc"])
    expected = esc.one_line(value)
    if not expected:
        assert rendered == ""
        return
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner
    assert html.unescape(inner) == expected


@given(MARKUP_TEXT, st.sampled_from(["- {}", "# {}", "## {} {{ data-search-exclude }}", "[{}](x.md)"]))
def test_escaped_prose_stays_text_in_list_heading_attribute_list_and_link(value, context):
    rendered = markdown.markdown(context.format(esc.text(value)), extensions=["attr_list"])
    allowed = {"p", "ul", "li", "h1", "h2", "a"}
    assert set(re.findall(r"</?([a-z0-9]+)", rendered)) <= allowed
    assert esc.one_line(value) in html.unescape(rendered)
    assert len(re.findall(r"<[a-z]+[^>]*\s(?!href|data-search-exclude)[a-z-]+=", rendered)) == 0


@given(MARKUP_TEXT)
def test_html_templates_show_any_text_verbatim_through_markdown(value):
    template = _ENV.get_template("_prose.html.jinja")
    body = template.render(blocks=blocks(value))
    rendered = markdown.markdown(f"<div>\n{body}\n</div>")
    shown = html.unescape(re.sub(r"<[^>]+>", " ", rendered))
    for block in blocks(value):
        for line in block.lines:
            assert " ".join(line.split()) in " ".join(shown.split())
    assert not {"script", "img", "em", "strong", "code"} & set(re.findall(r"</?([a-z0-9]+)", rendered))


def test_code_keeps_hostile_lines_verbatim_in_pre_blocks():
    body = _ENV.get_template("_examples.html.jinja").render(
        v=type(
            "V",
            (),
            {
                "examples": [
                    type(
                        "E",
                        (),
                        {"description": [], "code": esc.code(f"{HOSTILE}\n```\n<!-- /html-block -->")},
                    )()
                ]
            },
        )()
    )
    rendered = markdown.markdown(f"{body}\n")
    assert html.unescape(rendered).count(HOSTILE) == 1
    assert "<script" not in rendered and "<!--" not in rendered


def _source_list(page: str) -> str:
    return text_of(re.search(r'<ul class="vrp-source".*?</ul>', page, re.DOTALL)[0])


def test_source_shows_manual_page_id_and_a_link_never_the_file_it_was_read_from(built):
    out, _ = built
    ike = ike_page(out)
    source = _source_list(ike)
    assert "Manual: AR500, AR510, and AR530 V200R007 Commands Reference (EDOC1000097293)" in source
    assert "Page ID: ike-heartbeat" in source and "Published: 2019-05-29" in source
    assert '<a href="https://support.huawei.com/enterprise/en/doc/EDOC1000097293">' in ike
    timer = (out / "html" / "commands" / "test-manual" / "sample-timer" / "index.html").read_text("utf-8")
    assert "Page ID: sample-bgp" in _source_list(timer)
    assert '<a href="#source-sample-bgp">this page</a>' in timer and 'id="source-sample-bgp"' in timer
    for page in html_pages(out).values():
        assert "pages/ar500" not in page and "ike-heartbeat.txt" not in page


def test_every_page_searches_through_the_ranking_worker(built):
    out, _ = built
    for name, page in html_pages(out).items():
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page)[1])
        worker, _, query = config["search"].partition("?")
        assert worker.endswith("assets/javascripts/workers/search-rank.js"), name
        assert re.fullmatch(r"worker=search\.[0-9a-f]+\.min\.js", query), name
        here = out / "html" if worker.startswith("/") else (out / name).parent  # 404.html: from the root
        assert (here / worker.lstrip("/")).resolve().is_file(), name


def test_source_page_is_a_link_only_for_plain_http_urls():
    assert esc.safe_url("https://support.huawei.com/enterprise/en/doc?x=1&y=2")
    for url in ("javascript:alert(1)", 'https://a.example/"onmouseover="x', "https://a.example/<b>"):
        assert esc.safe_url(url) is None


def test_templates_refuse_values_escaped_for_the_wrong_place():
    markdown_template = _ENV.from_string("{{ value }}")
    with pytest.raises(TypeError, match="unescaped"):
        markdown_template.render(value="<b>raw</b>")
    assert markdown_template.render(value=esc.text("<b>")) == "&#60;b&#62;"
    html_template = _ENV.get_template("_listing_intro.html.jinja")
    assert "&lt;b&gt;" in html_template.render(intro="<b>")
    with pytest.raises(TypeError, match="Markdown-escaped"):
        html_template.render(intro=esc.text("<b>"))


def test_diagram_writer_escapes_the_labels_it_draws():
    import railroad

    svg = compact_svg(
        railroad.Diagram(railroad.Terminal("</text><script>"), railroad.NonTerminal('a"&b')).format()
    )
    assert "<script" not in svg and "&lt;/text&gt;&lt;script&gt;" in svg and 'a"&amp;b' in svg


# --- diagrams, names, values ------------------------------------------------------


def test_diagram_maps_groups_to_choice_skip_and_loops():
    svg = diagram_svg("abs-pfc priority { <prioritynumber> } &<1-3> enable [ threshold <threshold-value> ]")
    assert '<text class="rr-note"' in svg and ">1-3 times<" in svg
    assert '<text class="rr-arg" x=' in svg and ">prioritynumber<" in svg
    multi = diagram_svg("ip route-static <ip-address> [ preference <preference> | tag <tag> ] *")
    assert "each at most once" in multi
    with pytest.raises(DiagramError):
        diagram_svg("ike heartbeat { seq-num")


def test_diagram_is_one_path_per_stroke_kind_and_one_text_per_label():
    svg = diagram_svg("ike heartbeat { seq-num { new | old } | spi-list }")
    assert re.findall(r"<(\w+)", svg) == ["svg", "path", "path"] + ["text"] * 6
    assert svg.count('class="rr-keyword"') == 1 and "h0" not in svg.replace("h0.", "")
    assert re.search(r'viewBox="-\.5 -\.5 \d+(\.\d+)? \d+', svg)


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
    assert derive_class_name("<>") == "Record"


def test_colliding_slugs_both_get_a_hash():
    slugs = unique_slugs(["ike heartbeat", "ike-heartbeat", "display ike sa", "index"])
    assert slugs["display ike sa"] == "display-ike-sa"
    assert slugs["ike heartbeat"] != slugs["ike-heartbeat"]
    assert all(
        re.fullmatch(r"ike-heartbeat-[0-9a-f]{8}", slugs[k]) for k in ("ike heartbeat", "ike-heartbeat")
    )
    assert slugs["index"].startswith("index-")


def test_a_name_equal_to_another_pages_hashed_slug_still_gets_a_file_of_its_own():
    hashed = unique_slugs(["ike heartbeat", "ike-heartbeat"])["ike heartbeat"]
    keys = ["ike heartbeat", "ike-heartbeat", hashed, "index", "index-" + hashed[-8:]]
    slugs = unique_slugs(keys)
    assert len(set(slugs.values())) == len(keys)
    assert slugs[hashed] == hashed  # a slug one key alone gives stays that key's


def test_links_between_pages_follow_directory_urls():
    assert href("commands/a/b.md", "commands/a/index.md") == "b/"
    assert href("commands/a/b.md", "commands/c/d.md") == "../../a/b/"
    assert href("index.md", "commands/a/b.md") == "../../../"
    assert href("commands/index.md", "commands/index.md") == "./"


def test_prose_blocks_keep_paragraphs_lists_and_notes():
    assert blocks("One.\n\n- a\n-  b  c\nNote: careful.\nTwo.") == [
        Block("p", ("One.",)),
        Block("ul", ("a", "b c")),
        Block("note", ("careful.",)),
        Block("p", ("Two.",)),
    ]


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
    assert on_disk == sorted(p for p in paths if tmp_path / "docs" in p.parents)


# --- several manuals ---------------------------------------------------------------


def test_several_manuals_each_get_a_folder_nav_section_changes_page_and_search_of_their_own(tmp_path):
    from vrpcmds_differ import diff_records
    from vrpcmds_generator.site import Manual, write_manuals

    seed, others = [ike_heartbeat()], [*two_pages(), per_model()]
    manuals = [Manual(seed), Manual(others, "Test manual", changes=diff_records(others[:1], others))]
    write_manuals(manuals, tmp_path)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    seed_root = "ar500-ar510-and-ar530-v200r007-commands-reference-edoc1000097293/"
    assert config["extra"]["manuals"] == [seed_root, "test-manual/"]
    sections = [next(iter(e.items())) for e in config["nav"]]
    assert sections[0] == ("Home", "index.md")
    assert sections[1][0] == "AR500, AR510, and AR530 V200R007 Commands Reference (EDOC1000097293)"
    assert sections[2] == ("Test manual", [
        {"Home": "test-manual/index.md"},
        {"What changed": "test-manual/changes.md"},
        {"All commands": "test-manual/commands/index.md"},
        {"By feature area": "test-manual/areas.md"},
        {"By view": "test-manual/views.md"},
        {"By level": "test-manual/levels.md"},
    ])
    result = mkdocs_build(tmp_path)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    pages = html_pages(tmp_path)
    assert f"html/{seed_root}commands/ipsec/ike-heartbeat/index.html" in pages
    assert "html/test-manual/commands/test-manual/sample-timer/index.html" in pages
    home = pages["html/index.html"]
    assert f'href="{seed_root}"' in home and 'href="test-manual/"' in home
    changes = pages["html/test-manual/changes/index.html"]
    assert 'href="../commands/test-category-modes/sample-mode/">sample mode</a>' in changes
    for name, page in pages.items():
        search = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page)[1])["search"]
        scope = next((r for r in (seed_root, "test-manual/") if name.startswith(f"html/{r}")), "")
        assert search.endswith(f"&scope={scope}") if scope else "scope" not in search, name
        for target in re.findall(r'href="([^"#:?]+)"', article(page) if "<article" in page else ""):
            path = (tmp_path / name).parent / target
            assert (path / "index.html").resolve().is_file() or path.resolve().is_file(), (name, target)
    write_manuals(manuals, tmp_path / "material")
    assert_same_pages_as_material_renders(tmp_path, tmp_path / "material")


def test_only_partials_that_read_the_configuration_alone_are_rendered_once():
    import importlib.util

    import jinja2

    path = Path(__file__).parents[1] / "generator" / "templates" / "site" / "html_blocks.py"
    spec = importlib.util.spec_from_file_location("site_hook", path)
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "config.html": '<nav>{{ config.site_name }} {{ lang.t("search") }}</nav>{% if "x" in features %}{% endif %}',
                "page.html": "<nav>{{ page.title }}</nav>",
                "url.html": "{{ config.site_name | url }}",  # no such filter here: not cached
            }
        )
    )
    assert hook._reads_configuration_only(env, "config.html")
    assert not hook._reads_configuration_only(env, "page.html")
    assert not hook._reads_configuration_only(env, "url.html")
