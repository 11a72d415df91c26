"""Execute the site's notebooks: every ``docs/notebooks/NAME.LANG.py``, cached by what it reads.

A notebook is a jupytext percent-format script. Its first code cell, the same in every
notebook of a language (fonts, colours, a compact PNG display), lives once in
``docs/notebooks/_setup.LANG.py`` and is inserted after the notebook's first cell (title and
introduction), so the executed and the downloaded notebook stand alone. It is executed with
nbclient into ``.cache/notebooks/NAME.LANG.ipynb`` (what its page shows), again only when its
fingerprint changes: its source and setup cell, the code of the project modules its cells
import (``sitebuild.deps``), this runner, and the versions of the packages that shape its
outputs (the Korean font's included). Each notebook runs in a subprocess within the
``notebook`` time limit (``sitebuild.jobs``); a failing or hanging cell stops the build,
naming the notebook, the cell and its line in the source.

    python -m sitebuild.notebooks                  # execute what changed
    python -m sitebuild.notebooks --only NAME.LANG # one notebook (repeatable), e.g. neurons.ko
    python -m sitebuild.notebooks --force          # execute even if cached
    python -m sitebuild.notebooks --list           # names, cache state and source
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from . import SiteError, jobs, notebook_html
from .cache import CACHE as CACHE_ROOT
from .cache import ROOT, build_into, is_fresh, package_versions, select_named, shown
from .deps import code_digest, script_closure

NOTEBOOKS = ROOT / "docs" / "notebooks"
CACHE = CACHE_ROOT / "notebooks"
# Packages whose version can change an executed notebook's outputs.
OUTPUT_PACKAGES = ("numpy", "matplotlib", "pillow", "koreanize-matplotlib", "nbclient", "ipykernel", "jupytext")
# What the runner imports to execute a notebook, imported once per batch of notebooks
# (``sitebuild.warm``): its own modules, and the kernel's, which is forked from it (``_kernel_manager``).
PRELOAD = ("nbclient", "nbformat", "jupytext", "jupyter_client.manager", "ipykernel.kernelapp", "numpy", "PIL.Image",
           "matplotlib.figure", "matplotlib.font_manager")
# What the runner imports besides, when it also converts the notebook to its page.
PAGE_PRELOAD = ("mkdocs_jupyter.convert", "mkdocs_jupyter.plugin", "sitebuild.notebook_html")
# The backend a kernel sets for matplotlib when it starts, set before matplotlib is imported (above).
KERNEL_ENV = {"MPLBACKEND": "module://matplotlib_inline.backend_inline"}
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the colours of IPython's tracebacks
# Where a cell's code lives while it runs (warnings and tracebacks name it), and where the
# project and its packages live: no output may show the build machine's paths.
KERNEL_CELL = re.compile(r"(?:/[^\s\"'():]+)?/ipykernel_\d+/\d+\.py")
MACHINE_PATHS = ((re.escape(str(ROOT)) + "/?", ""), (r"(?:/[^\s\"'():]+)?/site-packages/", ""))


class NotebookError(SiteError):
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


# For a notebook: the settings of the converter to its page, and the folder of that page's
# cache entry (mkdocs-jupyter's, ``sitebuild.notebook_html``).
PageOf = Callable[[Notebook], tuple[dict, Path]]


def all_notebooks() -> list[Notebook]:
    return [Notebook(p) for p in sorted(NOTEBOOKS.glob("*.*.py")) if not p.name.startswith("_")]


def select(names: list[str] | None) -> list[Notebook]:
    return select_named(all_notebooks(), names, kind="notebook", error=NotebookError)


def read(source: Path):
    """The notebook in ``source`` with its language's setup cell after its first cell, and
    cell ids ``cell-1``, ``cell-2``, … (jupytext's are random; fixed ids keep pages identical).
    A source jupytext cannot read raises :class:`NotebookError` naming it."""
    import jupytext

    try:
        notebook = jupytext.read(source)
        notebook.cells[1:1] = jupytext.read(Notebook(source).setup).cells
    except Exception as err:  # jupytext raises what its YAML or JSON parser raises
        raise NotebookError(f"{shown(source)} cannot be read as a notebook: {err}".strip()) from None
    for number, cell in enumerate(notebook.cells, start=1):
        cell.id = f"cell-{number}"
    return notebook


def code_of(source: Path) -> str:
    """The Python of the notebook's code cells (IPython magics left out)."""
    setup = Notebook(source).setup
    return _code_of(source, source.stat().st_mtime_ns, setup.stat().st_mtime_ns)


@lru_cache(maxsize=None)
def _code_of(source: Path, *mtimes: int) -> str:
    """The code cells of a percent-format script and its setup, read as text (jupytext is slow)."""
    code = []
    for path in (source, Notebook(source).setup):
        for cell in re.split(r"^# %%", path.read_text(encoding="utf-8"), flags=re.MULTILINE)[1:]:
            header, _, body = cell.partition("\n")
            if "[markdown]" not in header:
                code += [line for line in body.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(code)


def fingerprint(notebook: Notebook) -> str:
    """The notebook's and setup cell's text (prose included), the code its cells import, this runner."""
    imported = script_closure(notebook.source, source=code_of(notebook.source))
    return code_digest([*imported, Path(__file__)], package_versions(*OUTPUT_PACKAGES),
                       notebook.source.read_text(encoding="utf-8"), notebook.setup.read_text(encoding="utf-8"))


def is_cached(notebook: Notebook) -> bool:
    return is_fresh(CACHE, notebook.name, fingerprint(notebook), notebook.outputs(CACHE))


def cell_lines(source: Path) -> list[int]:
    """The line (1-based) of each ``# %%`` cell marker in a percent-format script."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, start=1) if line.startswith("# %%")]


def cell_origin(source: Path, index: int) -> tuple[Path, int | None]:
    """The file and line of cell ``index`` (0-based) of ``read(source)``: the setup or the notebook."""
    setup = Notebook(source).setup
    from_setup = cell_lines(setup)
    if 1 <= index <= len(from_setup):
        return setup, from_setup[index - 1]
    index = index if index == 0 else index - len(from_setup)
    lines = cell_lines(source)
    return source, lines[index] if index < len(lines) else None


def cell_name(source: Path, index: int) -> str:
    path, line = cell_origin(source, index)
    return f"cell {index + 1} ({shown(path)}, line {line})"


class ForkedProcess:
    """A child forked by this process, with what jupyter_client asks of a kernel's ``Popen``."""

    def __init__(self, pid: int):
        self.pid, self.returncode = pid, None
        self.stdin = self.stdout = self.stderr = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            self.returncode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def become_kernel(cmd: list[str], env: dict[str, str], cwd: str | None) -> None:
    """In the forked child: leave the runner's event loop and run ``cmd`` (``python -m
    ipykernel_launcher -f CONNECTION``) in ``env``, as ``python`` would. Never returns."""
    import asyncio

    from .warm import enter, run_as_main

    asyncio.events._set_running_loop(None)  # the runner's loop, running where the fork happened
    asyncio.set_event_loop(asyncio.new_event_loop())
    enter(cwd, env)
    sys.path[0] = os.getcwd()  # where ``python -m`` starts looking for imports
    run_as_main(cmd)


def _kernel_manager(sockets: Path):
    """A Python kernel that talks over Unix sockets in the folder ``sockets``, forked from this
    process (see ``PRELOAD``): a new interpreter spends about 0.6 s importing ipykernel,
    NumPy, Pillow and matplotlib, for each of a cold build's 14 notebooks. The kernel is as new
    as one started by ``python`` in every way its outputs can show: the modules it inherits are
    imported, none run (matplotlib.pyplot, which hooks into IPython, is not among them), and
    matplotlib took the backend the kernel would give it (``KERNEL_ENV``). It stays in the
    runner's process group, so whatever stops the runner stops it.

    Not TCP: the client picks free ports that the kernel binds a moment later, so two kernels
    starting at once can be handed the same ports; a client then talks to the other kernel,
    which rejects its messages' signature, and the build fails with "Kernel didn't respond".
    A folder of its own per kernel cannot collide.
    """
    from jupyter_client import KernelManager

    class ForkedKernelManager(KernelManager):
        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
            env = {**kw["env"], "JPY_PARENT_PID": str(os.getpid())}  # it ends when the runner does
            pid = os.fork()
            if pid == 0:
                become_kernel(kernel_cmd, env, kw.get("cwd"))
            provisioner = self.provisioner
            provisioner.process, provisioner.pid, provisioner.pgid = ForkedProcess(pid), pid, None
            self._reconcile_connection_info(provisioner.connection_info)

    return ForkedKernelManager(
        kernel_name="python3", transport="ipc", ip=str(sockets / "ipc"),
        connection_file=str(sockets / "connection.json"),
    )


def scrub(text: str) -> str:
    """``text`` without the build machine's paths."""
    text = KERNEL_CELL.sub("<cell>", text)
    for pattern, replacement in MACHINE_PATHS:
        text = re.sub(pattern, replacement, text)
    return text


def tidy_outputs(notebook) -> None:
    """Merge consecutive prints into one output (how the kernel split them varies from run to
    run) and take the machine's paths out of every text output."""
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        merged = []
        for output in cell.outputs:
            if output.output_type == "stream":
                output.text = scrub(output.text)
                if merged and merged[-1].output_type == "stream" and merged[-1].name == output.name:
                    merged[-1].text += output.text
                    continue
            elif output.output_type == "error":
                output.traceback = [scrub(line) for line in output.traceback]
            merged.append(output)
        cell.outputs = merged


def execute(source: Path, out: Path) -> None:
    """Execute the notebook ``source`` top to bottom; write the executed ``.ipynb`` to ``out``.

    Reports each cell as it starts (``sitebuild.jobs.report``); raises :class:`NotebookError`
    naming the failing cell (its number and line in ``source``).
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = read(source)
    current = {}

    def started(cell, cell_index):
        current["index"] = cell_index
        jobs.report(f"{cell_name(source, cell_index)}")

    try:
        with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
            kernel = _kernel_manager(Path(sockets))
            client = NotebookClient(
                notebook, timeout=None, km=kernel, record_timing=False,
                on_cell_start=started, resources={"metadata": {"path": tempfile.gettempdir()}},
            )
            try:
                client.execute(env={**os.environ, **jobs.SUBPROCESS_ENV})
            finally:  # given its kernel manager, nbclient leaves the kernel running
                if kernel.has_kernel:
                    kernel.shutdown_kernel(now=True)
    except CellExecutionError as err:
        index = current.get("index", 0)
        raise NotebookError(
            f"notebook {source.name} failed in {cell_name(source, index)}:\n"
            f"{notebook.cells[index].source}\n---\n{scrub(ANSI.sub('', str(err)))}"
        ) from None
    tidy_outputs(notebook)
    out.write_text(nbformat.writes(notebook), encoding="utf-8")


def run_execute(notebook: Notebook, out: Path, page: PageOf | None = None, behind: bool = False) -> float:
    """Execute one notebook in a subprocess into ``out``, and convert it to its page when ``page``
    is given (``behind``: at the lowest CPU priority); return its wall time in seconds."""
    argv = [sys.executable, "-m", "sitebuild.notebooks", "--execute", str(notebook.source), str(out)]
    if behind:
        argv.append("--behind")
    if page is not None:
        settings, entries = page(notebook)
        argv += ["--page", json.dumps(settings), str(entries)]
    try:
        done = jobs.run(argv, kind="notebook", name=shown(notebook.source), env=KERNEL_ENV,
                        preload=PRELOAD + (PAGE_PRELOAD if page else ()))
    except jobs.JobError as err:
        message = str(err)
        message = message[message.find("error: ") + 7:] if "error: " in message else message
        raise NotebookError(ANSI.sub("", message)) from None
    return done.seconds


def _execute_into_cache(notebook: Notebook, page: PageOf | None = None, behind: bool = False) -> float:
    return build_into(CACHE, notebook.name, fingerprint(notebook), notebook.outputs,
                      lambda folder: run_execute(notebook, notebook.executed(folder), page, behind),
                      lambda: jobs.scratch_folder("notebook-"))


def start_executing(notebooks: list[Notebook], *, force: bool = False, log=print,
                    page: PageOf | None = None, behind: bool = False) -> jobs.Batch:
    """Queue those of ``notebooks`` that are not cached; ``.wait()`` raises :class:`NotebookError`
    for the first failing notebook (after the others finish). With ``page``, each job also
    converts its notebook to its page (``sitebuild.notebook_html``) as soon as it has run, into
    the folder ``page`` gives with the converter's settings. ``behind``: the notebooks (and their
    kernels) run at the lowest CPU priority, taking only what the build's other work leaves."""
    todo = [nb for nb in notebooks if force or not is_cached(nb)]
    return jobs.Batch(todo, partial(_execute_into_cache, page=page, behind=behind), label="notebook", verb="executed",
                      total=len(notebooks), name=lambda nb: nb.name, error=NotebookError, log=log,
                      waits=True)  # on the kernel's messages


def execute_notebooks(names: list[str] | None = None, *, force: bool = False, log=print) -> list[Notebook]:
    """Execute the selected notebooks (all by default) that are not cached; return them all.

    Raises :class:`NotebookError` for the first failing notebook (after the others finish).
    """
    notebooks = select(names)
    start_executing(notebooks, force=force, log=log).wait()
    return notebooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME.LANG", help="execute only this notebook (repeatable)")
    parser.add_argument("--force", action="store_true", help="execute even when the cache is up to date")
    parser.add_argument("--list", action="store_true", help="list the notebooks and whether each is cached")
    parser.add_argument("--execute", nargs=2, type=Path, metavar=("SOURCE", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--page", nargs=2, metavar=("SETTINGS", "ENTRIES"), help=argparse.SUPPRESS)
    parser.add_argument("--behind", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.execute:
            if args.behind:
                os.nice(19)  # the kernel, forked from this process, inherits it
            execute(*args.execute)
            if args.page:  # the notebook has run; a page it cannot convert is left to the build
                settings, out = json.loads(args.page[0]), args.execute[1]
                try:
                    notebook_html.convert(out, notebook_html.entry(out, settings, Path(args.page[1])), settings)
                except Exception as err:  # nbconvert raises what its templates and filters raise
                    print(f"{out.name}: its page was not converted here: {err}", file=sys.stderr)
            return 0
        if args.list:
            for notebook in select(args.only):
                state = "cached" if is_cached(notebook) else "stale"
                print(f"{notebook.name:<24} {state:<7} {shown(notebook.source)}")
            return 0
        execute_notebooks(args.only, force=args.force, log=lambda line: print(line, flush=True))
    except SiteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"executed notebooks are in {shown(CACHE)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
