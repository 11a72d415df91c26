"""Browser fixtures: Debian's Chromium driven by Playwright, on the sites the tests serve (tests/conftest.py).

``page`` is a browser tab, as new for each test (the tests of a process take turns in one), that
records every console error, uncaught exception and failed response (``page.errors``) and every
request to a host other than the local server (``page.external``). Chromium sends no such request
anywhere: it resolves no host name (``--host-resolver-rules``), and the server is addressed by its
IP. Blocking there, not by
routing each request through Playwright, keeps the browser's cache (routing turns it off): a
page's stylesheets and scripts load once per tab, as for a reader. The tab also keeps its
requests in flight, for ``network_quiet.wait_until_quiet``. When a test fails, a
screenshot of its tab is saved in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright
from network_quiet import watch_requests
from published import LOCAL_HOST

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("NNNOTES_CHROMIUM", "/usr/bin/chromium-headless-shell"))
# Without the networking flags Chromium keeps calling home, and this machine refuses it. No host
# name resolves and no address but the server's is reached: a request to another host fails at
# once, without leaving the machine. The headless shell hints fonts fully unless told not to:
# glyphs of the KaTeX fonts a whole pixel wide, lines laid out unlike the full browser's.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOCAL_HOST}", "--font-render-hinting=none",
]


@pytest.fixture(scope="session")
def base_url(site, serve):
    """The built site served over HTTP on 127.0.0.1 (a free port), as ``http://127.0.0.1:PORT/``."""
    return f"http://{LOCAL_HOST}:{serve(site)}/"


def pages_of(site: Path) -> list[str]:
    """Every HTML page a build wrote, as a URL path from the site's root: ``/``, ``/neurons/``, …,
    ``/en/…``, ``/404.html``."""
    folders = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["/" if folder == "." else f"/{folder}/" for folder in folders]
    return pages + ["/404.html"] if (site / "404.html").exists() else pages


@pytest.fixture(scope="session")
def site_pages(site) -> list[str]:
    return pages_of(site)


@pytest.fixture(scope="session")
def published_pages(published_site) -> list[str]:
    return pages_of(published_site[0])


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium-headless-shell; "
                    "or set NNNOTES_CHROMIUM to a Chromium binary")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


VIEWPORT = {"width": 1280, "height": 900}
# What a test may have changed in its tab, put back before the next: no emulation, no routes.
NO_EMULATION = {"media": "null", "color_scheme": "null", "reduced_motion": "null", "forced_colors": "null",
                "contrast": "null"}
FORGET_STORAGE = "() => { localStorage.clear(); sessionStorage.clear(); }"


def open_tab(browser, base_url):
    """A tab in a new browser context on the served site; ``tab.errors`` and ``tab.external``
    collect what went wrong. Close it with ``tab.context.close()``."""
    context = browser.new_context(base_url=base_url, viewport=VIEWPORT)
    tab = context.new_page()
    tab.errors, tab.external = [], []
    watch_requests(tab)  # for wait_until_quiet
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(f"console: {msg.text}"))
    tab.on("pageerror", lambda err: tab.errors.append(f"uncaught: {err}"))
    tab.on("response", lambda res: res.status >= 400 and tab.errors.append(f"HTTP {res.status}: {res.url}"))
    context.on("request", lambda req: urlsplit(req.url).hostname not in (LOCAL_HOST, None)
               and tab.external.append(req.url))  # data:, blob: and about: URLs have no host
    return tab


@pytest.fixture(scope="session")
def tab_on(browser):
    """Opens a recording tab (see ``open_tab``) on a site served at another address: ``tab_on(url)``."""
    return partial(open_tab, browser)


@pytest.fixture(scope="session")
def new_tab(browser, base_url):
    """Opens a recording tab (see ``open_tab``) for a fixture that outlives one test."""
    return partial(open_tab, browser, base_url)


@pytest.fixture(scope="session")
def worker_tab(new_tab):
    """``{"tab": ...}``: the tab the tests of this process take turns in (``page``), or None."""
    held = {"tab": None}
    yield held
    if held["tab"] is not None:
        held["tab"].context.close()


def forget(tab, base_url: str) -> None:
    """What a test left in ``tab`` (and its context) gone, as in a new tab: its page, routes,
    emulation, viewport, cookies and storage (of the site's origin, cleared while still on it),
    and what it recorded."""
    if tab.url.startswith(base_url):
        tab.evaluate(FORGET_STORAGE)
    tab.unroute_all(behavior="ignoreErrors")
    tab.goto("about:blank")
    tab.context.clear_cookies()
    tab.emulate_media(**NO_EMULATION)
    tab.set_viewport_size(VIEWPORT)
    tab.errors.clear()
    tab.external.clear()


@pytest.fixture
def page(worker_tab, new_tab, base_url, request):
    """A tab on the served site as if new; ``page.errors`` and ``page.external`` collect what went
    wrong. The tests of a process take turns in one tab, reset between them (``forget``): a new
    tab costs the machine about 0.8 CPU seconds (a renderer process started, a context made),
    a new page in the same tab 0.15, and the browser tests open hundreds. The tab of a test that
    fails is closed (after its screenshot): the next test gets a new one. A test that listens to
    the tab's events (``page.on``) removes its listener (test_tab_reset.py checks the rest)."""
    tab = worker_tab["tab"] = worker_tab["tab"] or new_tab()
    forget(tab, base_url)
    yield tab
    report = getattr(request.node, "call_report", None)
    if report is None or report.failed:
        worker_tab["tab"] = None
        if report is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
            tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        tab.context.close()
