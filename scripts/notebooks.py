"""Execute the site's notebooks: every ``docs/notebooks/NAME.LANG.py``, cached by content.

A notebook is a jupytext percent-format script. Its first code cell, the same in every
notebook of a language (fonts, colours, a compact PNG display), lives once in
``docs/notebooks/_setup.LANG.py`` and is inserted after the notebook's first cell (title and
introduction), so the executed and the downloaded notebook stand alone. It is executed with nbclient into
``.cache/notebooks/NAME.LANG.ipynb`` (what its page shows), again only when a fingerprint
of what it depends on changes: its own source, every file of ``src/nnnotes``, this runner
and the versions of the packages that shape its output. Notebooks run in parallel subprocesses,
one progress line each. A failing cell stops the build, naming the notebook, the cell and
its line in the source, with the traceback.

    python scripts/notebooks.py                  # execute what changed
    python scripts/notebooks.py --only NAME.LANG # one notebook (repeatable), e.g. neurons.ko
    python scripts/notebooks.py --force          # execute even if cached
    python scripts/notebooks.py --list           # names, cache state and source

The MkDocs hook ``scripts/hooks/notebooks.py`` calls :func:`execute_notebooks` on every build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from buildcache import CACHE as CACHE_ROOT
from buildcache import ROOT, SUBPROCESS_ENV, build_into, digest, is_fresh, package_files, run_parallel, select_named

NOTEBOOKS = ROOT / "docs" / "notebooks"
CACHE = CACHE_ROOT / "notebooks"
# Seconds a notebook may take, kernel start included (they take 2-6 s here); a notebook or
# a single cell that takes longer fails.
BUDGET = 30
# Packages whose version can change an executed notebook's outputs.
OUTPUT_PACKAGES = ("numpy", "matplotlib", "nbclient", "ipykernel", "jupytext")


ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of IPython's tracebacks


class NotebookError(RuntimeError):
    """A notebook failed to execute; the message names it, the cell and the traceback."""


@dataclass(frozen=True)
class Notebook:
    """One notebook source, ``docs/notebooks/NAME.LANG.py``."""

    source: Path

    @property
    def name(self) -> str:
        """``NAME.LANG``, e.g. ``neurons.ko``."""
        return self.source.stem

    @property
    def chapter(self) -> str:
        return self.name.rsplit(".", 1)[0]

    @property
    def lang(self) -> str:
        return self.name.rsplit(".", 1)[1]

    @property
    def setup(self) -> Path:
        """The setup cell of the notebook's language, inserted after its first cell."""
        return self.source.with_name(f"_setup.{self.lang}.py")

    def executed(self, folder: Path | None = None) -> Path:
        """The executed notebook in ``folder``, by default the cache."""
        return (folder or CACHE) / f"{self.name}.ipynb"

    def outputs(self, folder: Path) -> list[Path]:
        return [self.executed(folder)]


def all_notebooks() -> list[Notebook]:
    return [Notebook(p) for p in sorted(NOTEBOOKS.glob("*.*.py")) if not p.name.startswith("_")]


def select(names: list[str] | None) -> list[Notebook]:
    return select_named(all_notebooks(), names, kind="notebook", error=NotebookError)


def _shared_digest() -> str:
    """Fingerprint of what every notebook depends on: nnnotes, this runner, package versions."""
    versions = (f"{p}=={version(p)}" for p in OUTPUT_PACKAGES)
    return digest(package_files(), Path(__file__).read_text(encoding="utf-8"), *versions)


def fingerprint(notebook: Notebook, shared: str) -> str:
    return hashlib.sha256(shared.encode() + notebook.source.read_bytes() + notebook.setup.read_bytes()).hexdigest()


def is_cached(notebook: Notebook, shared: str) -> bool:
    return is_fresh(CACHE, notebook.name, fingerprint(notebook, shared), notebook.outputs(CACHE))


def cell_lines(source: Path) -> list[int]:
    """The line (1-based) of each ``# %%`` cell marker in a percent-format script."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, start=1) if line.startswith("# %%")]


def read(source: Path):
    """The notebook in ``source`` with its language's setup cell after its first cell, and
    cell ids ``cell-1``, ``cell-2``, … (jupytext's are random; fixed ids keep pages identical)."""
    import jupytext

    notebook = jupytext.read(source)
    notebook.cells[1:1] = jupytext.read(Notebook(source).setup).cells
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number}"
    return notebook


def cell_origin(source: Path, index: int) -> tuple[Path, int | None]:
    """The file and line of cell ``index`` (0-based) of ``read(source)``: the setup or the notebook."""
    setup = Notebook(source).setup
    from_setup = cell_lines(setup)
    if 1 <= index <= len(from_setup):
        return setup, from_setup[index - 1]
    index = index if index == 0 else index - len(from_setup)
    lines = cell_lines(source)
    return source, lines[index] if index < len(lines) else None


def _kernel_manager(sockets: Path):
    """A Python kernel that talks over Unix sockets in the folder ``sockets``.

    Not TCP: the client picks free ports that the kernel binds a moment later, so two kernels
    starting at once can be handed the same ports; a client then talks to the other kernel,
    which rejects its messages' signature, and the build fails with "Kernel didn't respond"
    (the likely cause of a failed CI run). A folder of its own per kernel cannot collide.
    """
    from jupyter_client import KernelManager

    return KernelManager(
        kernel_name="python3", transport="ipc", ip=str(sockets / "ipc"),
        connection_file=str(sockets / "connection.json"),
    )


def execute(source: Path, out: Path) -> None:
    """Execute the notebook ``source`` top to bottom; write the executed ``.ipynb`` to ``out``.

    Raises :class:`NotebookError` naming the failing cell (its number and line in ``source``).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    notebook = read(source)
    current = {}
    try:
        with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
            client = NotebookClient(
                notebook, timeout=BUDGET, km=_kernel_manager(Path(sockets)), record_timing=False,
                on_cell_start=lambda cell, cell_index: current.update(index=cell_index),
                resources={"metadata": {"path": tempfile.gettempdir()}},
            )
            client.execute(env={**os.environ, **SUBPROCESS_ENV})
    except (CellExecutionError, CellTimeoutError) as err:
        index = current.get("index", 0)
        path, line = cell_origin(source, index)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        raise NotebookError(
            f"notebook {source.name} failed in cell {index + 1} ({shown}, line {line}):\n"
            f"{notebook.cells[index].source}\n---\n{err}"
        ) from None
    out.write_text(nbformat.writes(notebook), encoding="utf-8")


def run_execute(notebook: Notebook, out: Path) -> float:
    """Execute one notebook in a subprocess into ``out``; return its wall time in seconds."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, __file__, "--execute", str(notebook.source), str(out)],
        capture_output=True, text=True, env={**os.environ, **SUBPROCESS_ENV}, cwd=ROOT,
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:  # the kernel may have logged before the error: keep from the error on
        message = proc.stderr[proc.stderr.find("error: "):] if "error: " in proc.stderr else proc.stderr
        raise NotebookError(ANSI.sub("", message.strip().removeprefix("error: ")))
    if seconds > BUDGET:
        raise NotebookError(f"notebook {notebook.source.relative_to(ROOT)} took {seconds:.1f} s, over its budget of {BUDGET} s")
    return seconds


def _execute_into_cache(notebook: Notebook, shared: str) -> float:
    return build_into(CACHE, notebook.name, fingerprint(notebook, shared), notebook.outputs,
                      lambda folder: run_execute(notebook, notebook.executed(folder)))


def execute_notebooks(names: list[str] | None = None, *, force: bool = False, log=print) -> list[Notebook]:
    """Execute the selected notebooks (all by default) that are not cached; return them all.

    Raises :class:`NotebookError` for the first failing notebook (after the others finish).
    """
    notebooks = select(names)
    shared = _shared_digest()
    todo = [nb for nb in notebooks if force or not is_cached(nb, shared)]
    run_parallel(
        todo, lambda nb: _execute_into_cache(nb, shared), label="notebook", verb="executed",
        total=len(notebooks), name=lambda nb: nb.name, error=NotebookError, log=log,
    )
    return notebooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME.LANG", help="execute only this notebook (repeatable)")
    parser.add_argument("--force", action="store_true", help="execute even when the cache is up to date")
    parser.add_argument("--list", action="store_true", help="list the notebooks and whether each is cached")
    parser.add_argument("--execute", nargs=2, type=Path, metavar=("SOURCE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.execute:
            execute(*args.execute)
            return 0
        if args.list:
            shared = _shared_digest()
            for notebook in select(args.only):
                state = "cached" if is_cached(notebook, shared) else "stale"
                print(f"{notebook.name:<24} {state:<7} {notebook.source.relative_to(ROOT)}")
            return 0
        execute_notebooks(args.only, force=args.force, log=lambda line: print(line, flush=True))
    except NotebookError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"executed notebooks are in {CACHE.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
