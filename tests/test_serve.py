"""`mkdocs serve` (the README's first command) serves the site and rebuilds it after an edit
of a page and of a plot script (scripts/hooks/serve.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import bench_site as bench  # noqa: E402  (its serve helpers)


@pytest.fixture(scope="module")
def served(site):  # after the build: figures, claims and notebooks are cached
    port = bench.free_port()
    server = subprocess.Popen([*bench.MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=bench.ENV,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        bench.wait_for(lambda: bench.fetch(base) is not None, timeout=300)
        yield base
    finally:
        server.terminate()
        server.wait()


def test_serve_shows_a_page_edit(served):
    marker = b"<!-- serve test -->"
    seconds = bench.edit_and_time(ROOT / "docs" / "index.en.md", lambda text: f"{text}\n{marker.decode()}\n",
                                  served + "en/", lambda now: now is not None and marker in now)
    assert seconds < 60


def test_serve_renders_a_figure_again_after_its_script_changes(served):
    svg = served + "en/figures/activations.svg"  # the edit changes an English label
    original = bench.fetch(svg)
    assert original.startswith(b"<?xml")
    script = ROOT / "scripts" / "figures" / "plot_activations.py"
    bench.edit_and_time(script, lambda text: text.replace('"input x"', '"input x!"', 1), svg,
                        lambda now: now is not None and now != original)
