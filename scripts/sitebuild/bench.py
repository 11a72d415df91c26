"""Measure the site in one run and print a table: build times, serve reloads, figures,
notebooks, first-visit page weight, style and layout time, Lighthouse scores and nnnotes
against PyTorch.

    python -m sitebuild.bench                 # everything (about 30 minutes on 2 cores)
    python -m sitebuild.bench --runs 1        # one run of each build and audit instead of three
    python -m sitebuild.bench --only weight lighthouse
    python -m sitebuild.bench --only clone    # git clone → make serve → first page (about 3 minutes)
    python -m sitebuild.bench --only chapters # an edit to each chapter's experiments (about 10 minutes)

Not a test: it measures this machine. Run it on a quiet machine: the first and last rows say how
many cores' worth of work the machine gave (a virtual machine shares its host, and the builds
keep every core busy: a cold build took 69 s while the machine gave 1.4 of its 2 cores). Cold
builds empty the caches in ``.cache/`` (figures, claims, notebooks); the last build leaves them
warm again.
Page weight, layout and Lighthouse load the built site from a local server that compresses
text (gzip), as a static host does; the weight table also gives the uncompressed bytes.
The layout rows (at least 5 runs) measure what Lighthouse's mobile score swings with.
Lighthouse is the npm package, installed into ``.cache/lighthouse/`` on first use, driving
Debian's Chromium.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from functools import partial
from io import BytesIO
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .cache import CACHE, ROOT

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CHROMIUM = os.environ.get("NNNOTES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                  "--disable-background-networking --disable-component-update --disable-sync")
LIGHTHOUSE_VERSION = "12.2.3"  # 13 needs Node 22
LIGHTHOUSE = CACHE / "lighthouse"
KEPT_WHEN_COLD = ("lighthouse", "tmp")  # the benchmark's own Lighthouse; the running build's scratch
PAGES = {  # page type -> path under each language's root (the weight measures every content page)
    "home": "",
    "chapter": "training-setup/",
    "notebook": "notebooks/relu-in-practice/",
}
LANG_ROOTS = {"ko": "", "en": "en/"}
WEIGHT_BUDGETS = {"home": 400_000, "chapter": 400_000, "notebook": 300_000}
SECTIONS = ("builds", "chapters", "serve", "clone", "weight", "layout", "lighthouse", "torch")
EXPERIMENTS = ROOT / "src" / "nnnotes" / "experiments"


def build(site_dir: Path) -> tuple[float, str]:
    """One strict build into ``site_dir``: wall seconds and the log."""
    start = time.perf_counter()
    proc = subprocess.run([*MKDOCS, "build", "--strict", "-d", str(site_dir)], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)
    if proc.returncode:
        sys.exit(f"build failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - start, proc.stderr


def empty_caches() -> None:
    """Everything the build keeps in ``.cache/`` gone, as after ``make clean``."""
    for path in CACHE.iterdir() if CACHE.exists() else ():
        if path.name not in KEPT_WHEN_COLD and not path.name.startswith("test-site-"):
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)


def job_times(log: str, label: str) -> dict[str, float]:
    """``{name: seconds}`` from the build log's ``LABEL NAME  1.23 s`` lines."""
    return {m[1]: float(m[2]) for m in re.finditer(rf"{label} (\S+)\s+([\d.]+) s", log)}


def bench_builds(runs: int, site_dir: Path, rows: list) -> float:
    """Cold and warm builds, and the figures and notebooks of the last cold one; returns the
    median cold build in seconds."""
    cold, logs = [], []
    for _ in range(runs):
        empty_caches()
        seconds, log = build(site_dir)
        cold.append(seconds)
        logs.append(log)
    warm = [build(site_dir)[0] for _ in range(runs)]
    for what, times, budget in (("cold build (empty caches)", cold, 60), ("warm build (everything cached)", warm, 3)):
        rows.append((f"{what}, median", f"{statistics.median(times):.1f} s",
                     f"of {runs}: {', '.join(f'{s:.1f}' for s in times)}; budget {budget} s"))
    for label, what in (("figure", "figures"), ("notebook", "notebooks")):
        times = job_times(logs[-1], label)
        slowest = sorted(times.items(), key=lambda item: -item[1])[:5]
        total = re.search(rf"(?:rendered|executed) \d+ of \d+ {label}\(s\) in ([\d.]+) s", logs[-1])
        rows.append((f"{what}: {len(times)}, wall", f"{float(total[1]):.1f} s",
                     "slowest: " + ", ".join(f"{name} {s:.1f}" for name, s in slowest)))
        if label == "notebook":
            rows.append(("notebooks: each, cold", f"{min(times.values()):.1f}–{max(times.values()):.1f} s",
                         f"sum {sum(times.values()):.1f} s"))
    return statistics.median(cold)


def chapter_experiments() -> dict[str, Path]:
    """Each chapter (a page of ``docs/``) that has experiments: the file every one of them
    imports, its package's ``__init__.py`` (or its module, for a chapter in one module)."""
    chapters = sorted(page.name.removesuffix(".ko.md") for page in (ROOT / "docs").glob("*.ko.md"))
    found = {}
    for chapter in chapters:
        name = chapter.replace("-", "_")
        for path in (EXPERIMENTS / name / "__init__.py", EXPERIMENTS / f"{name}.py"):
            if path.is_file():
                found[chapter] = path
    return found


def bench_chapter_edits(site_dir: Path, rows: list, cold: float | None) -> None:
    """Seconds to build again after a change to one chapter's experiments, for each chapter: a
    statement added to the file all of them import (the worst edit inside a chapter), then taken
    out again (the build that restores the caches is not timed). Budget: 25 % of a cold build."""
    build(site_dir)  # every cache warm for the sources as they are
    for chapter, path in chapter_experiments().items():
        original = path.read_text(encoding="utf-8")
        try:
            path.write_text(original + "\nBENCH_EDIT = 1\n", encoding="utf-8")
            seconds, log = build(site_dir)
        finally:
            path.write_text(original, encoding="utf-8")
        build(site_dir)
        again = {label: len(job_times(log, label)) for label in ("figure", "claims", "notebook")}
        share = f"{seconds / cold:.0%} of the cold build; " if cold else ""
        rows.append((f"build after editing {path.relative_to(ROOT / 'src')}", f"{seconds:.1f} s",
                     f"{again['figure']} figure(s), {again['notebook']} notebook(s), {again['claims']} claims "
                     f"module(s) run again; {share}budget 25 % of a cold build"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read()
    except OSError:
        return None


def wait_for(predicate, timeout: float = 120.0, poll: float = 0.05) -> float:
    """Seconds until ``predicate()`` is true (polling); ``TimeoutError`` when it never is."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if predicate():
            return time.perf_counter() - start
        time.sleep(poll)
    raise TimeoutError(f"nothing changed in {timeout} s")


def edit_and_time(path: Path, edit, url: str, edited) -> float:
    """Apply ``edit`` to ``path``; seconds until ``edited(fetch(url))``; then restore the file
    and wait until the served content is no longer edited."""
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(edit(original), encoding="utf-8")
        return wait_for(lambda: edited(fetch(url)))
    finally:
        path.write_text(original, encoding="utf-8")
        wait_for(lambda: not edited(fetch(url)))


def bench_serve(rows: list, runs: int) -> None:
    """Seconds from saving an edit to the served page showing it: the first prose edit after
    ``mkdocs serve`` starts, the median of ``runs`` more, and one plot-script edit."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([*MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: fetch(base) is not None, timeout=600)
        prose = []
        for _ in range(1 + runs):
            marker = f"bench-{time.time_ns()}".encode()
            prose.append(edit_and_time(ROOT / "docs" / "index.en.md", lambda text: f"{text}\n\n{marker.decode()}\n",
                                       base + "en/", lambda now: now is not None and marker in now))
        svg = base + "en/figures/activations.svg"
        original = fetch(svg)
        script = ROOT / "scripts" / "figures" / "index" / "plot_activations.py"
        figure = edit_and_time(script, lambda text: text.replace('"input x"', '"input x!"', 1),
                               svg, lambda now: now is not None and now != original)
    finally:
        server.terminate()
        server.wait()
    rows.append(("serve reload after a prose edit", f"{statistics.median(prose[1:]):.2f} s",
                 f"docs/index.en.md → /en/ shows the edit, median of {runs} ({min(prose[1:]):.2f}–{max(prose[1:]):.2f}); "
                 f"the first edit after starting {prose[0]:.2f} s; budget 1.5 s"))
    rows.append(("serve reload after a plot-script edit", f"{figure:.2f} s", "plot_activations.py → its SVG changes"))


def bench_clone(rows: list) -> None:
    """Seconds from ``git clone`` of HEAD to the first page that ``make serve`` serves: a fresh
    ``.venv`` (the download caches of pip and uv as this machine has them) and empty caches, as
    a new reader starts. Split into the install, the cold build and the rest (the clone, the
    server)."""
    port = free_port()
    venv_bin = str(Path(sys.executable).parent)
    env = {key: value for key, value in ENV.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    with tempfile.TemporaryDirectory(prefix="bench-clone-") as tmp:
        clone, log = Path(tmp) / "nnnotes", Path(tmp) / "serve.log"
        started = time.time()
        subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
        with log.open("w") as out:
            server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=clone, env=env, stdout=out,
                                      stderr=subprocess.STDOUT, start_new_session=True)
        try:
            wait_for(lambda: fetch(f"http://127.0.0.1:{port}/") is not None or server.poll() is not None, 1800, 0.5)
            total = time.time() - started
            if server.poll() is not None:  # it ended without serving
                raise subprocess.CalledProcessError(server.returncode, "make serve", log.read_text()[-2000:])
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait()
        installed = (clone / ".venv" / ".installed-docs").stat().st_mtime - started
        built = re.search(r"Documentation built in ([\d.]+) seconds", log.read_text())
    cold = f"{float(built[1]):.0f} s" if built else "not in the log"
    rows.append(("fresh clone → first page served", f"{total:.0f} s",
                 f"git clone + make serve: install {installed:.0f} s, cold build {cold}; budget 60 s"))


class CompressingHandler(SimpleHTTPRequestHandler):
    """A static server that gzips text, as a static host does; quiet."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".ipynb", ".map")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in self.TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return BytesIO(body)


def serve_static(site_dir: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(CompressingHandler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


def page_urls(base: str):
    for kind, path in PAGES.items():
        for lang, root in LANG_ROOTS.items():
            yield kind, lang, f"{base}{root}{path}"


VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def first_visit_bytes(browser, url: str, viewport: dict) -> tuple[int, int, int]:
    """Bytes a first visit transfers (bodies as sent, headers too), uncompressed bodies, requests."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="networkidle")
    sent = raw = 0
    for request in responses:
        sizes = request.sizes()
        sent += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        response = request.response()
        raw += len(response.body()) if response else 0
    context.close()
    return sent, raw, len(responses)


def content_pages(site_dir: Path) -> list[str]:
    """The paths of every content page (chapters, glossary, further reading) under the Korean root."""
    return sorted(f"{index.parent.name}/" for index in site_dir.glob("*/index.html")
                  if index.parent.name not in ("en", "search", "notebooks"))


def bench_weight(site_dir: Path, rows: list) -> None:
    """First visits at a desktop and a phone width: the home page, the heaviest content page
    (every one is measured) and a notebook page, in both languages."""
    from playwright.sync_api import sync_playwright

    server, base = serve_static(site_dir)
    pages = {**PAGES, "chapter": content_pages(site_dir)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS.split())
        for kind, paths in pages.items():
            for lang, root in LANG_ROOTS.items():
                for screen, viewport in VIEWPORTS.items():
                    visits = {path: first_visit_bytes(browser, f"{base}{root}{path}", viewport)
                              for path in ([paths] if isinstance(paths, str) else paths)}
                    path, (sent, raw, count) = max(visits.items(), key=lambda visit: visit[1][0])
                    which = f"{kind} {path.strip('/')}" if len(visits) > 1 else kind
                    verdict = "ok" if sent <= WEIGHT_BUDGETS[kind] else f"over {WEIGHT_BUDGETS[kind] // 1000} KB"
                    rows.append((f"first visit, {which} ({lang}, {screen})", f"{sent / 1000:.0f} KB",
                                 f"{count} requests, {raw / 1000:.0f} KB uncompressed; "
                                 f"budget {WEIGHT_BUDGETS[kind] // 1000} KB: {verdict}"))
        browser.close()
    server.shutdown()


def style_and_layout_ms(browser, url: str) -> float:
    """Milliseconds the page spends computing style and layout while it loads (and 1.5 s
    after), on a CPU slowed four times as Lighthouse's mobile audit does, from a trace."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
    with tempfile.TemporaryDirectory() as tmp:
        trace = Path(tmp) / "trace.json"
        browser.start_tracing(page=page, path=str(trace), categories=["devtools.timeline"])
        page.goto(url, wait_until="load")
        page.wait_for_timeout(1500)
        browser.stop_tracing()
        events = json.loads(trace.read_text(encoding="utf-8"))["traceEvents"]
    context.close()
    return sum(e.get("dur", 0) for e in events
               if e.get("ph") == "X" and e.get("name") in ("UpdateLayoutTree", "Layout")) / 1000


def bench_layout(site_dir: Path, rows: list, runs: int) -> None:
    """What the size of a page costs the main thread, without Lighthouse's run-to-run swing."""
    from playwright.sync_api import sync_playwright

    server, base = serve_static(site_dir)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS.split())
        for kind, lang, url in page_urls(base):
            times = [style_and_layout_ms(browser, url) for _ in range(runs)]
            rows.append((f"style and layout at 4× CPU, {kind} ({lang})", f"{statistics.median(times):.0f} ms",
                         f"median of {runs} ({min(times):.0f}–{max(times):.0f}); Chromium trace, load + 1.5 s"))
        browser.close()
    server.shutdown()


def lighthouse_binary() -> Path:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE), "--no-audit", "--no-fund", "-E",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, stdout=subprocess.DEVNULL)
    return binary


def lighthouse(url: str, desktop: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = [str(lighthouse_binary()), url, "--quiet", "--output=json", f"--output-path={report}",
                   f"--chrome-flags={CHROMIUM_FLAGS}", "--only-categories=performance,accessibility,best-practices,seo"]
        if desktop:
            command.append("--preset=desktop")
        subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(category["score"] * 100) for name, category in result["categories"].items()}
    failing = [key for key, audit in result["audits"].items()
               if audit.get("score") is not None and audit["score"] < 0.9
               and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    return {"scores": scores, "failing": failing}


def bench_lighthouse(site_dir: Path, rows: list, runs: int) -> None:
    """Each page, mobile and desktop, ``runs`` times: the median score of each category (its
    mobile score moves by up to 15 points from run to run on this machine)."""
    server, base = serve_static(site_dir)
    categories = ("performance", "accessibility", "best-practices", "seo")
    for kind, lang, url in page_urls(base):
        for desktop in (False, True):
            results = [lighthouse(url, desktop) for _ in range(runs)]
            medians = {c: statistics.median(r["scores"][c] for r in results) for c in categories}
            spread = [r["scores"]["performance"] for r in results]
            failing = sorted({audit for r in results for audit in r["failing"]})
            rows.append((f"Lighthouse {'desktop' if desktop else 'mobile'}, {kind} ({lang})",
                         " / ".join(f"{medians[c]:g}" for c in categories),
                         f"median of {runs} (performance {min(spread)}–{max(spread)}); perf / a11y / best practices / SEO"
                         + (f"; below 90 in a run: {', '.join(failing)}" if failing else "")))
    server.shutdown()


def bench_torch(rows: list) -> None:
    import bench_nnnotes as bench

    if bench.torch is None:
        rows.append(("MLP 784-256-256-10 step vs PyTorch", "—", "PyTorch is not installed (pip install torch==2.13.0)"))
        return
    for dtype in bench.DTYPES:
        ours, theirs = bench.compare(bench.numpy_mlp_step(dtype), bench.torch_mlp_step(dtype), 100)
        rows.append((f"MLP 784-256-256-10 step, batch 128, {dtype}", f"{ours / theirs:.2f}×",
                     f"nnnotes {ours * 1e3:.2f} ms, PyTorch {bench.torch.__version__} {theirs * 1e3:.2f} ms"))


# A fixed piece of CPU work in a Python process of its own (about 0.6 s on this machine, alone).
CPU_WORK = [sys.executable, "-c", "sum(i * i for i in range(10_000_000))"]


def cores_worth() -> tuple[float, float, float]:
    """How many cores' worth of work the machine does now: ``CPU_WORK`` alone, then one copy per
    core at once. A build keeps every core busy, so its time follows this (a host busy with other
    machines gives fewer than it has); returns (cores' worth, seconds alone, seconds side by side)."""
    def timed(copies: int) -> float:
        start = time.perf_counter()
        for proc in [subprocess.Popen(CPU_WORK) for _ in range(copies)]:
            proc.wait()
        return time.perf_counter() - start

    cores = os.cpu_count() or 1
    alone = min(timed(1) for _ in range(3))
    together = min(timed(cores) for _ in range(3))
    return cores * alone / together, alone, together


def machine_row(when: str) -> tuple[str, str, str]:
    worth, alone, together = cores_worth()
    return (f"machine, {when}", f"{worth:.2f} of {os.cpu_count()} cores",
            f"the same CPU work: {alone:.2f} s alone, {together:.2f} s one per core at once")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds and Lighthouse runs to take the median of")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS), help="sections to run")
    args = parser.parse_args(argv)
    rows = [machine_row("before")]
    cold: dict[str, float] = {}  # the median cold build, once "builds" has run
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site_dir = Path(tmp) / "site"
        run = {
            "builds": lambda: cold.update(seconds=bench_builds(args.runs, site_dir, rows)),
            "chapters": lambda: bench_chapter_edits(site_dir, rows, cold.get("seconds")),
            "serve": lambda: bench_serve(rows, args.runs),
            "clone": lambda: bench_clone(rows),
            "weight": lambda: bench_weight(site_dir, rows),
            "layout": lambda: bench_layout(site_dir, rows, max(args.runs, 5)),
            "lighthouse": lambda: bench_lighthouse(site_dir, rows, args.runs),
            "torch": lambda: bench_torch(rows),
        }
        for section in args.only:
            if section in ("weight", "layout", "lighthouse") and not site_dir.exists():
                build(site_dir)
            try:
                run[section]()
            except (TimeoutError, subprocess.CalledProcessError) as err:
                rows.append((section, "failed", str(err)))
    rows.append(machine_row("after"))
    width = max(len(r[0]) for r in rows)
    print(f"| {'what':<{width}} | value | notes |\n|{'-' * (width + 2)}|---|---|")
    for what, value, notes in rows:
        print(f"| {what:<{width}} | {value} | {notes} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
