"""Render the site's figures: every ``scripts/figures/plot_NAME.py``, cached by content.

Each figure is cached under ``.cache/figures/`` together with a fingerprint of what it
depends on: its own script, the shared style (every non-``plot_`` module in
``scripts/figures/``), every file of ``src/nnnotes`` and the matplotlib version. A figure
is rendered again only when that fingerprint changes. Scripts run in parallel
subprocesses, one progress line per figure.

    python scripts/figures.py                 # render what changed
    python scripts/figures.py --only NAME     # one figure (also: several --only)
    python scripts/figures.py --force         # render even if cached
    python scripts/figures.py --list          # names and cache state

The MkDocs hook ``scripts/hooks/figures.py`` calls :func:`render_figures` on every build.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from buildcache import CACHE as CACHE_ROOT
from buildcache import (PACKAGE, ROOT, SUBPROCESS_ENV, build_into, digest, is_fresh, package_files, run_parallel,
                        select_named)
from sitelang import LANGS

SCRIPTS = ROOT / "scripts" / "figures"
CACHE = CACHE_ROOT / "figures"
# Figures that measure this machine (timings) and so differ from build to build; every other
# figure must render byte-identically (tests/test_figures.py).
NONDETERMINISTIC = {"activation_cost"}


class FigureError(RuntimeError):
    """A plot script failed; the message names the script and carries its traceback."""


@dataclass(frozen=True)
class Figure:
    name: str
    script: Path

    def output(self, folder: Path, lang: str) -> Path:
        return folder / f"{self.name}.{lang}.svg"

    def outputs(self, folder: Path) -> list[Path]:
        return [self.output(folder, lang) for lang in LANGS]


def all_figures() -> list[Figure]:
    return [Figure(p.stem.removeprefix("plot_"), p) for p in sorted(SCRIPTS.glob("plot_*.py"))]


def select(names: list[str] | None) -> list[Figure]:
    return select_named(all_figures(), names, kind="figure", error=FigureError)


def _shared_digest() -> str:
    """Fingerprint of what every figure depends on: style modules, nnnotes, matplotlib."""
    style = [p for p in SCRIPTS.glob("*.py") if not p.name.startswith("plot_")]
    return digest(style + package_files(PACKAGE), version("matplotlib"), root=ROOT)


def fingerprint(figure: Figure, shared: str) -> str:
    return hashlib.sha256(shared.encode() + figure.script.read_bytes()).hexdigest()


def is_cached(figure: Figure, shared: str) -> bool:
    return is_fresh(CACHE, figure.name, fingerprint(figure, shared), figure.outputs(CACHE))


def run_script(figure: Figure, outdir: Path) -> float:
    """Run one plot script into ``outdir``; return its wall time in seconds."""
    start = time.perf_counter()
    env = {**os.environ, **SUBPROCESS_ENV, "MPLBACKEND": "svg"}
    proc = subprocess.run(
        [sys.executable, str(figure.script), str(outdir)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )
    if proc.returncode != 0:
        raise FigureError(
            f"figure script {figure.script.relative_to(ROOT)} failed "
            f"(exit {proc.returncode}):\n{proc.stderr.strip()}"
        )
    missing = [p.name for p in figure.outputs(outdir) if not p.exists()]
    if missing:
        raise FigureError(f"figure script {figure.script.relative_to(ROOT)} did not write {missing}")
    return time.perf_counter() - start


def _render_into_cache(figure: Figure, shared: str) -> float:
    return build_into(CACHE, figure.name, fingerprint(figure, shared), figure.outputs,
                      lambda folder: run_script(figure, folder))


def render_figures(names: list[str] | None = None, *, force: bool = False, log=print) -> list[Figure]:
    """Render the selected figures (all by default) that are not cached; return them all.

    Raises :class:`FigureError` naming the first failing script (after the others finish).
    """
    figures = select(names)
    shared = _shared_digest()
    todo = [f for f in figures if force or not is_cached(f, shared)]
    run_parallel(
        todo, lambda figure: _render_into_cache(figure, shared), label="figure", verb="rendered",
        total=len(figures), name=lambda figure: figure.name, error=FigureError, log=log,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="render only this figure (repeatable)")
    parser.add_argument("--force", action="store_true", help="render even when the cache is up to date")
    parser.add_argument("--list", action="store_true", help="list the figures and whether each is cached")
    args = parser.parse_args(argv)
    try:
        if args.list:
            shared = _shared_digest()
            for figure in select(args.only):
                state = "cached" if is_cached(figure, shared) else "stale"
                print(f"{figure.name:<28} {state:<7} {figure.script.relative_to(ROOT)}")
            return 0
        render_figures(args.only, force=args.force, log=lambda line: print(line, flush=True))
    except FigureError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"figures are in {CACHE.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
