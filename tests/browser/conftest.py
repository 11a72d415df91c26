"""Browser fixtures: the built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

``page`` is a fresh browser tab that records every console error, uncaught exception and failed
response (``page.errors``) and blocks, and records, every request to a host other than the local
server (``page.external``). When a test fails, a screenshot of its tab is saved in
``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("NNNOTES_CHROMIUM", "/usr/bin/chromium"))
# Without the networking flags Chromium keeps calling home, and this machine refuses it.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """``serve(folder, port=0)``: serves ``folder`` over HTTP on 127.0.0.1 until the session ends;
    returns the port."""
    servers = []

    def start(folder: Path, port: int = 0) -> int:
        server = ThreadingHTTPServer((LOCAL_HOST, port), partial(QuietHandler, directory=str(folder)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server.server_port

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site, serve):
    """The built site served over HTTP on 127.0.0.1 (a free port), as ``http://127.0.0.1:PORT/``."""
    return f"http://{LOCAL_HOST}:{serve(site)}/"


@pytest.fixture(scope="session")
def site_pages(site) -> list[str]:
    """Every HTML page the build wrote, as a URL path: ``/``, ``/neurons/``, …, ``/en/…``, ``/404.html``."""
    folders = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    pages = ["/" if folder == "." else f"/{folder}/" for folder in folders]
    return pages + ["/404.html"] if (site / "404.html").exists() else pages


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium; "
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


def open_tab(browser, base_url):
    """A tab in a new browser context on the served site; ``tab.errors`` and ``tab.external``
    collect what went wrong. Close it with ``tab.context.close()``."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors, tab.external = [], []
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(f"console: {msg.text}"))
    tab.on("pageerror", lambda err: tab.errors.append(f"uncaught: {err}"))
    tab.on("response", lambda res: res.status >= 400 and tab.errors.append(f"HTTP {res.status}: {res.url}"))

    def route(route):
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            tab.external.append(url)
            route.abort()

    context.route("**/*", route)
    return tab


@pytest.fixture(scope="session")
def tab_on(browser):
    """Opens a recording tab (see ``open_tab``) on a site served at another address: ``tab_on(url)``."""
    return partial(open_tab, browser)


@pytest.fixture(scope="session")
def new_tab(browser, base_url):
    """Opens a recording tab (see ``open_tab``) for a fixture that outlives one test."""
    return partial(open_tab, browser, base_url)


@pytest.fixture
def page(browser, base_url, request):
    """A new tab on the served site; ``page.errors`` and ``page.external`` collect what went wrong."""
    tab = open_tab(browser, base_url)
    yield tab
    report = getattr(request.node, "call_report", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    tab.context.close()
