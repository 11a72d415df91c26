"""Fixtures shared by the site tests.

``make test`` runs the tests in one process more than there are cores (pytest-xdist, a test file
at a time): the ``site`` they use is built once per run, by whichever asks first, into
``.cache/test-site-RUN``, and removed when the run ends. ``published_site`` is the site as
published (tests/published.py), built once per process that asks, after ``site`` (warm caches),
and served by ``serve``.
"""

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from published import LOCAL_HOST, PREFIX, REPO

from sitebuild.bench import free_port

ROOT = Path(__file__).resolve().parent.parent
RUN = "NNNOTES_TEST_RUN"  # one id per pytest run, handed from the controller to its workers


def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # the controller (or a run without workers): starts the run
        os.environ[RUN] = uuid.uuid4().hex[:12]


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        for path in (ROOT / ".cache").glob(f"test-site-{os.environ[RUN]}*"):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


@pytest.fixture(scope="session")
def site():
    """The site built with ``mkdocs build --strict``, once per run (the first process to ask
    builds it while the other waits)."""
    out = ROOT / ".cache" / f"test-site-{os.environ[RUN]}"
    out.parent.mkdir(exist_ok=True)
    with open(out.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").exists():
            proc = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            )
            assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    return out


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
def published_site(site, serve):
    """``(folder, base URL)``: the site as published (tests/published.py), built for and served at
    ``http://127.0.0.1:PORT/nnnotes/`` only; a link that leaves the path is a 404. Built after
    ``site``, whose build leaves every cache warm (in a fresh clone, two cold builds at once
    would each render every figure)."""
    port = free_port()
    root = Path(tempfile.mkdtemp(prefix="test-published-", dir=ROOT / ".cache"))
    out = root / PREFIX.strip("/")
    base = f"http://{LOCAL_HOST}:{port}{PREFIX}"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NNNOTES_SITE_URL": base, "NNNOTES_REPO_URL": REPO}
    env.pop("NNNOTES_REPO_BRANCH", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    serve(root, port)  # root/nnnotes/ is the site: nothing is served outside /nnnotes/
    yield out, base
    shutil.rmtree(root)


# The longest test files, longest first (worker seconds in one `make test`, three processes on two
# cores, Dec 6: 223, 106, 106, 68, 66, 31). They start first, the short files fill in after them, and the processes finish
# together (`make test` keeps this order: --no-loadscope-reorder).
LONGEST_FIRST = ("tests/browser/test_pages.py", "tests/browser/test_demos.py", "tests/sitebuild/test_downloads.py",
                 "tests/browser/test_figures.py", "tests/sitebuild/test_faults.py",
                 "tests/browser/test_language_switcher.py")
assert all((ROOT / path).is_file() for path in LONGEST_FIRST), "a file of LONGEST_FIRST was renamed"


def pytest_collection_modifyitems(config, items):
    """Mark every test that needs a built site or the browser (directly or through a fixture)
    as ``site``: ``pytest -m "not site"`` (``make test-fast``) runs the rest, without either.
    Then put the files of :data:`LONGEST_FIRST` first, in its order."""
    for item in items:
        if {"site", "browser"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.site)
    rank = {path: i for i, path in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: the rest keep their order
