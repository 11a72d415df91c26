"""Fixtures shared by the site tests."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def site():
    """The site built once with ``mkdocs build --strict`` into a temporary folder.

    The folder is world-readable: linkchecker, run as root, drops to user nobody.
    """
    (ROOT / ".cache").mkdir(exist_ok=True)
    out = Path(tempfile.mkdtemp(prefix="test-site-", dir=ROOT / ".cache"))
    out.chmod(0o755)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    yield out
    shutil.rmtree(out)


def pytest_collection_modifyitems(config, items):
    """Mark every test that needs a built site or the browser (directly or through a fixture)
    as ``site``: ``pytest -m "not site"`` (``make test-fast``) runs the rest, without either."""
    for item in items:
        if {"site", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
