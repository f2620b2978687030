"""The built site in a real browser: headless Chromium, driven by Playwright.

One site is written and built for the module: the bundled seed record (``ike heartbeat``)
and commands written for this test (``ip route-static``, decoys whose text holds the
same words split differently, one whose text tries to run script). It is served on
127.0.0.1 and searched the way an engineer does: type a query, follow the first result,
look at the page. Screenshots go to ``test-artifacts/`` (the search, the page in the
light and the dark palette).

Needs Playwright's Python package and Debian's ``/usr/bin/chromium`` (no downloaded
browser). Without them the tests skip, saying so, unless ``VRPCMDS_REQUIRE_BROWSER=1``
(set by CI), where they fail instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from vrpcmds_generator.site import write_site
from vrpcmds_model.record import Record, Example, Level, Parameter, Source, Value
from vrpcmds_model.store import load_folder

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
SEED = REPO / "schema" / "ar500-v200r007"
CHROMIUM = Path("/usr/bin/chromium")
IKE_HEARTBEAT = "{}commands/ar500-ar510-and-ar530-v200r007-commands-reference/ike-heartbeat/"
# No network but 127.0.0.1: Chromium must not try to reach anything on its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def _missing() -> str:
    if sync_playwright is None:
        return "Playwright's Python package is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium)"
    return ""


if _missing():
    if os.environ.get("VRPCMDS_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"browser tests required but {_missing()}")
    pytest.skip(f"browser tests skipped: {_missing()}", allow_module_level=True)


# --- the site --------------------------------------------------------------------


def fixture_commands() -> list[Record]:
    """Commands written for this test (never shipped): targets, decoys and a hostile one."""

    def command(name: str, function: str, syntax: str, params: list[Parameter]) -> Record:
        return Record(
            id=name.replace(" ", "-"),
            name=name,
            title=name,
            function=function,
            syntax=[syntax],
            parameters=params,
            views=["System view"],
            level=Level(2, "Configuration level"),
            examples=[Example("", [f"[~HUAWEI] {syntax.split(' <')[0]}"])],
            source=Source(manual="Browser test manual", feature_area="Test area / Routing"),
        )

    address = Parameter("<ip-address>", "Destination address.", Value("ipv4", "dotted decimal"))
    value = Parameter("<value>", "A value.", Value("integer", "1-100", 1, 100))
    return [
        command(
            "ip route-static",
            "The ip route-static command configures a static route.",
            "ip route-static <ip-address> <mask-length> [ preference <preference> ]",
            [
                address,
                Parameter("<mask-length>", "Mask length.", Value("integer", "0-32", 0, 32)),
                Parameter(
                    "<preference>", "Route preference.", Value("integer", "1-255", 1, 255, default="60")
                ),
            ],
        ),
        command(
            "display route statistics",
            "Shows route and static route statistics: a static route, a route, static entries.",
            "display route statistics [ static ]",
            [Parameter("static", "Static routes only: route, static.", Value("none", "-"))],
        ),
        command(
            "ike dpd",
            "Configures dead peer detection. Unlike heartbeat detection, DPD sends no heartbeat "
            "packets; heartbeat packets and heartbeat timers do not apply.",
            "ike dpd <interval>",
            [
                Parameter(
                    "<interval>", "Interval. A heartbeat is not sent.", Value("integer", "10-3600", 10, 3600)
                )
            ],
        ),
        command(
            "evil <script>alert(1)</script>",
            'Shows <img src=x onerror="alert(2)"> and <script>alert(3)</script> as text.',
            "evil show <name>",
            [
                Parameter(
                    "<name>", "<b onmouseover=alert(4)>bold</b> [x](javascript:alert(5))", Value("text", "-")
                )
            ],
        ),
        *[
            command(name, f"Configures {name}.", f"{name} <value>", [value])
            for name in (
                "ip address",
                "ipmsi-tunnel address",
                "vlan",
                "vlan-mapping",
                "display vlan",
                "ospf area",
                "ospfv3 area",
                "ospfv3 area-authentication",
            )
        ],
        command(
            "display ike sa",
            "Shows IKE SAs with the seq num of each, and the spi list: seq, num, spi, list.",
            "display ike sa [ spi <spi> ]",
            [
                Parameter(
                    "<spi>", "SPI list entry: the spi, a list, a seq num.", Value("integer", "1-100", 1, 100)
                )
            ],
        ),
    ]


def mkdocs_build(out: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site, served on 127.0.0.1 for the module."""
    out = tmp_path_factory.mktemp("browser-site")
    write_site(load_folder(SEED) + fixture_commands(), out, {"ike heartbeat": "IkeHeartbeat"})
    mkdocs_build(out)
    handler = functools.partial(_QuietHandler, directory=str(out / "html"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Debian Chromium with a fresh profile folder."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser_context) -> Iterator[Page]:
    tab = browser_context.new_page()
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        tab.close()


def search(page: Page, url: str, query: str) -> tuple[list[str], float]:
    """Type ``query`` into the search box of the home page; the result titles and the seconds to the first."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    start = time.perf_counter()
    box.press_sequentially(query)
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    elapsed = time.perf_counter() - start
    titles = page.locator(".md-search-result__item > a.md-search-result__link article h1").all_inner_texts()
    return titles, elapsed


# --- the tests ---------------------------------------------------------------------


def test_search_heartbeat_then_first_result_shows_diagram_and_parameters(site_url, page):
    titles, elapsed = search(page, site_url, "heartbeat")
    assert titles[0] == "ike heartbeat", titles
    assert elapsed < 5, f"{elapsed:.2f} s from typing to the first result"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-search-heartbeat.png"))
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(r".*/ike-heartbeat/.*"))
    assert page.title().startswith("ike heartbeat")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "ike heartbeat"  # less its permalink
    diagram = page.locator("svg.railroad-diagram").first
    assert diagram.is_visible()
    box = diagram.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 40
    assert diagram.locator("text", has_text="spi-list").count() == 1
    table = page.locator("table").first
    assert table.is_visible()
    assert "seq-num { new | old }" in table.inner_text() and "one of new, old" in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / "site-ike-heartbeat.png"), full_page=True)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("seq-num", "ike heartbeat"),
        ("spi-list", "ike heartbeat"),
        ("route-static", "ip route-static"),
        ("ip route-static", "ip route-static"),
        ("preference", "ip route-static"),
    ],
)
def test_hyphenated_tokens_and_parameter_names_find_the_command_first(site_url, page, query, expected):
    titles, _ = search(page, site_url, query)
    assert titles[0] == expected, titles  # decoys holding the same words apart come later


def test_a_command_s_exact_name_finds_its_page_first_in_the_search_box(site_url, page):
    for query, expected in (("ip address", "ip address"), ("vlan", "vlan"), ("OSPF  area", "ospf area")):
        titles, _ = search(page, site_url, query)
        assert titles[0] == expected, (query, titles)


def test_every_command_s_name_ranks_it_first_where_material_alone_does_not(site_url, page):
    names = sorted(r.name for r in load_folder(SEED) + fixture_commands())
    page.goto(site_url)
    config = json.loads(page.locator("#__config").text_content() or "{}")
    ranking_worker, _, material_worker = config["search"].partition("?worker=")
    assert first_titles(page, config["search"], names) == names  # every exact name first
    material = first_titles(page, ranking_worker.rsplit("/", 1)[0] + "/" + material_worker, names)
    assert material != names  # under Material's own ranking, decoys beat some names


def first_titles(page: Page, worker: str, queries: list[str]) -> list[str]:
    """The title of the first result of each query, asking the search worker at ``worker`` directly."""
    return page.evaluate(
        """async ([worker, queries]) => {
          const index = await (await fetch('search/search_index.json')).json();
          index.options = {suggest: false};
          const w = new Worker(worker);
          const ask = msg => new Promise(done => { w.onmessage = ev => done(ev.data); w.postMessage(msg); });
          await ask({type: 0, data: index});
          const firsts = [];
          for (const query of queries) {
            const group = (await ask({type: 2, data: query})).data.items[0] || [{title: ''}];
            const article = group.find(doc => !doc.location.includes('#')) || group[0];
            firsts.push(new DOMParser().parseFromString(article.title, 'text/html').body.textContent);
          }
          w.terminate();
          return firsts;
        }""",
        [worker, queries],
    )


def test_hostile_text_from_a_record_runs_no_script_in_search_results_or_on_its_page(site_url, page):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    titles, _ = search(page, site_url, "alert")  # results are rendered from the index as HTML
    assert titles[0] == "evil <script>alert(1)</script>", titles
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(r".*/evil-.*"))
    page.locator("h1").first.wait_for()
    assert 'onerror="alert(2)"' in page.locator("article").inner_text()  # shown as text
    assert page.locator("article img, article b, article script, a[href^='javascript']").count() == 0
    assert dialogs == []


def test_diagrams_stand_out_from_the_background_in_the_light_and_the_dark_palette(site_url, page):
    page.goto(IKE_HEARTBEAT.format(site_url))
    for scheme, toggle, sign in (
        ("default", "Switch to light mode", -1),
        ("slate", "Switch to dark mode", 1),
    ):
        if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
            page.locator(f'label[title="{toggle}"]').first.click()  # the palette toggle
        page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{scheme}'")
        background = _luminance(page.locator("body").evaluate("el => getComputedStyle(el).backgroundColor"))
        for part in ("path.rr-keyword", "path.rr-line", "text"):
            colour = page.locator(f"svg.railroad-diagram {part}").first.evaluate(
                "el => { const s = getComputedStyle(el); return s.stroke !== 'none' ? s.stroke : s.fill; }"
            )
            assert sign * (_luminance(colour) - background) > 0.25, (scheme, part, colour, background)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-ike-heartbeat-dark.png"))


def _luminance(css_colour: str) -> float:
    """Relative brightness 0-1 of an ``rgb(...)`` / ``rgba(...)`` colour."""
    r, g, b = (int(v) for v in re.findall(r"\d+", css_colour)[:3])
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
