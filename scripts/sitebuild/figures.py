"""Render the site's figures: every ``scripts/figures/PAGE/plot_NAME.py``, cached by what it reads.

A plot script draws one figure in both languages and two layouts (``sitebuild.figstyle.render``)
into ``.cache/figures/NAME.LANG.svg`` (wide) and ``NAME.LANG.narrow.svg`` (for phones), with the
width and smallest text of each in ``NAME.json``. It is rendered again only when its fingerprint changes: the
code of the script and of every project module it imports, transitively (``sitebuild.deps``:
comments and docstrings do not count), and the versions of the packages that shape the
drawing. Scripts run in parallel subprocesses, each within its time limit
(``sitebuild.jobs``), one progress line per figure.

    python -m sitebuild.figures                 # render what changed
    python -m sitebuild.figures --only NAME     # one figure (also: several --only)
    python -m sitebuild.figures --force         # render even if cached
    python -m sitebuild.figures --list          # names, cache state and script

The MkDocs plugin ``nnnotes-figures`` (:class:`FiguresPlugin`) renders before each build and
adds each language's ``figures/NAME.svg`` and ``figures/NAME.narrow.svg`` to that language's
pages; a page shows the narrow one on screens up to :data:`NARROW_SCREEN` wide.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import SiteError, jobs
from .cache import CACHE as CACHE_ROOT
from .cache import ROOT, build_into, is_fresh, package_versions, read_json, select_named, shown
from .deps import code_digest, script_closure
from .figfiles import LAYOUTS, metadata_name, site_name, svg_name
from .lang import LANGS, another_language_pass, build_language

SCRIPTS = ROOT / "scripts" / "figures"
CACHE = CACHE_ROOT / "figures"
# Packages whose version can change a drawing (the Korean font comes with koreanize-matplotlib).
OUTPUT_PACKAGES = ("matplotlib", "numpy", "koreanize-matplotlib")
# Figures that measure this machine (timings) and so differ from build to build; every other
# figure must render byte-identically (tests/test_figures.py).
NONDETERMINISTIC = {"activation_cost"}
# What every plot script imports first, imported once per batch of figures (``sitebuild.warm``).
PRELOAD = ("matplotlib.pyplot", "sitebuild.figstyle", "nnnotes")
# Screens up to this width get each figure's narrow layout (figstyle.NARROW inches across): there the
# wide layout's smallest text would be shown below 9 CSS px.
NARROW_SCREEN = "(max-width: 37.5em)"
SVG_SIZE = re.compile(rb'<svg[^>]* width="(?P<width>[\d.]+)pt" height="(?P<height>[\d.]+)pt"')
log = logging.getLogger("mkdocs.plugins.nnnotes.figures")


class FigureError(SiteError):
    """A plot script failed; the message names the script and carries its traceback."""


@dataclass(frozen=True)
class Figure:
    name: str
    script: Path

    @property
    def page(self) -> str:
        """The page that shows the figure: the script's folder, e.g. ``training-setup``."""
        return self.script.parent.name

    def output(self, folder: Path, lang: str, layout: str = "wide") -> Path:
        return folder / svg_name(self.name, lang, layout)

    def metadata(self, folder: Path) -> Path:
        """``NAME.json``: for each language and layout, the SVG's width and its smallest text in points."""
        return folder / metadata_name(self.name)

    def svgs(self, folder: Path) -> list[Path]:
        return [self.output(folder, lang, layout) for lang in LANGS for layout in LAYOUTS]

    def outputs(self, folder: Path) -> list[Path]:
        return [*self.svgs(folder), self.metadata(folder)]


def sizes(figure: Figure, folder: Path | None = None) -> dict:
    """``{lang: {layout: {"width_pt", "height_pt", "smallest_text_pt"}}}`` as the script recorded them."""
    return read_json(figure.metadata(folder or CACHE), "figure sizes") or {}


def all_figures(scripts: Path | None = None) -> list[Figure]:
    """Every figure, by name; two scripts with one name are an error."""
    scripts = scripts or SCRIPTS
    figures = [Figure(p.stem.removeprefix("plot_"), p) for p in sorted(scripts.glob("*/plot_*.py"))]
    seen: dict[str, Path] = {}
    for figure in figures:
        if figure.name in seen:
            raise FigureError(f"two plot scripts draw the figure {figure.name!r}: "
                              f"{shown(seen[figure.name])} and {shown(figure.script)}; rename one")
        seen[figure.name] = figure.script
    return sorted(figures, key=lambda f: f.name)


def select(names: list[str] | None) -> list[Figure]:
    return select_named(all_figures(), names, kind="figure", error=FigureError)


def fingerprint(figure: Figure) -> str:
    return code_digest(script_closure(figure.script), package_versions(*OUTPUT_PACKAGES))


def is_cached(figure: Figure) -> bool:
    return is_fresh(CACHE, figure.name, fingerprint(figure), figure.outputs(CACHE))


def svg_size(svg: bytes) -> tuple[float, float] | None:
    """A matplotlib SVG's width and height in points, or None when it is not one."""
    size = SVG_SIZE.search(svg[:2000])
    return (float(size["width"]), float(size["height"])) if size else None


def run_script(figure: Figure, outdir: Path) -> float:
    """Run one plot script into ``outdir``; return its wall time in seconds."""
    script = shown(figure.script)
    try:
        done = jobs.run([sys.executable, str(figure.script), str(outdir)], kind="figure", name=script,
                        env={"MPLBACKEND": "svg"}, preload=PRELOAD)
    except jobs.JobError as err:
        raise FigureError(str(err)) from None
    for path in figure.outputs(outdir):
        if not path.exists():
            raise FigureError(f"figure script {script} did not write {path.name}; "
                              f"a plot script ends with render(draw) (sitebuild.figstyle)")
    for path in figure.svgs(outdir):
        if svg_size(path.read_bytes()) is None:
            raise FigureError(f"figure script {script} wrote {path.name}, which is empty or not an SVG "
                              f"with a size in points; save with sitebuild.figstyle.render")
    return done.seconds


def _render_into_cache(figure: Figure) -> float:
    return build_into(CACHE, figure.name, fingerprint(figure), figure.outputs,
                      lambda folder: run_script(figure, folder), lambda: jobs.scratch_folder("figure-"))


def start_rendering(figures: list[Figure], *, force: bool = False, log=print) -> jobs.Batch:
    """Queue those of ``figures`` that are not cached; wait for them with ``.wait()``, which
    raises :class:`FigureError` naming the first failing script."""
    todo = [f for f in figures if force or not is_cached(f)]
    return jobs.Batch(todo, _render_into_cache, label="figure", verb="rendered", total=len(figures),
                      name=lambda figure: figure.name, error=FigureError, log=log)


def render_figures(names: list[str] | None = None, *, force: bool = False, log=print) -> list[Figure]:
    """Render the selected figures (all by default) that are not cached; return them all.

    Raises :class:`FigureError` naming the first failing script (after the others finish).
    """
    figures = select(names)
    start_rendering(figures, force=force, log=log).wait()
    return figures


# --- the MkDocs plugin ------------------------------------------------------------------

FIGURE_IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*figures/(?P<name>[\w-]+)\.svg)"(?P<rest>[^>]*)>')


@cache
def pixel_size(svg: Path, mtime: float) -> tuple[int, int]:
    """A cached figure's size in CSS pixels (its width and height are in points)."""
    width, height = svg_size(svg.read_bytes())
    return round(width * 4 / 3), round(height * 4 / 3)


class FiguresPlugin(BasePlugin):
    """Render the figures before each build; add each language's ``figures/NAME.svg`` and
    ``figures/NAME.narrow.svg``.

    Each figure becomes a ``<picture>`` whose narrow source only narrow screens load, inside a
    link to the wide SVG (the lightbox, assets/javascripts/figures.js, enlarges the one shown;
    without JavaScript the link opens the SVG). Both have their size (the page does not jump
    as figures arrive), and every figure but a page's first loads only when the reader scrolls
    near it.
    """

    rendering: jobs.Batch | None = None  # queued before the build, waited for once its files are chosen

    def on_pre_build(self, config):
        if another_language_pass(config):  # rendered for every language
            return
        try:
            figures = all_figures()
            self.figures = {f.name: f for f in figures}
            self.rendering = start_rendering(figures, log=log.info)  # the claims and notebooks queue behind
        except SiteError as err:
            raise PluginError(str(err)) from None

    def on_files(self, files, config):
        try:
            self.rendering.wait()
        except SiteError as err:
            raise PluginError(str(err)) from None
        lang, folder = build_language(config)
        for figure in self.figures.values():
            for layout in LAYOUTS:
                src_uri = site_name(figure.name, layout)
                file = File.generated(config, src_uri, abs_src_path=str(figure.output(CACHE, lang, layout)))
                file.dest_uri = folder + src_uri
                files.append(file)
        return files

    def on_page_content(self, html, page, config, files):
        lang, _ = build_language(config)
        first = True

        def sized(match: re.Match) -> str:
            nonlocal first
            if match["name"] not in self.figures:
                raise PluginError(f"{page.file.src_uri} shows figures/{match['name']}.svg, which no plot "
                                  f"script draws (scripts/figures/PAGE/plot_{match['name']}.py)")
            figure = self.figures[match["name"]]
            wide, narrow = (figure.output(CACHE, lang, layout) for layout in LAYOUTS)
            width, height = pixel_size(wide, wide.stat().st_mtime)
            narrow_width, narrow_height = pixel_size(narrow, narrow.stat().st_mtime)
            lazy = "" if first else 'loading="lazy" '
            first = False
            src = match["src"]
            narrow_src = src.removesuffix(".svg") + ".narrow.svg"
            return (f'<a class="nn-figure" href="{src}"><picture>'
                    f'<source media="{NARROW_SCREEN}" srcset="{narrow_src}" width="{narrow_width}" height="{narrow_height}">'
                    f'<img {match["attrs"]}width="{width}" height="{height}" {lazy}decoding="async" src="{src}"{match["rest"]}>'
                    f'</picture></a>')

        return FIGURE_IMG.sub(sized, html)

    def on_build_error(self, error):
        jobs.cancel_batches()  # the build has failed: no job of it goes on


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="render only this figure (repeatable)")
    parser.add_argument("--force", action="store_true", help="render even when the cache is up to date")
    parser.add_argument("--list", action="store_true", help="list the figures and whether each is cached")
    args = parser.parse_args(argv)
    try:
        if args.list:
            for figure in select(args.only):
                state = "cached" if is_cached(figure) else "stale"
                print(f"{figure.name:<28} {state:<7} {shown(figure.script)}")
            return 0
        render_figures(args.only, force=args.force, log=lambda line: print(line, flush=True))
    except SiteError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"figures are in {shown(CACHE)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
