"""MkDocs hook: render the figures before each build and add them to the site.

Figures come from ``scripts/figures.py`` (cached by content, so a warm build renders
nothing). Each language build adds ``figures/NAME.svg`` in its own language, so pages in
both languages link the same ``figures/NAME.svg``. Nothing is written into ``docs/``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

import figures as renderer  # noqa: E402  (scripts/figures.py)
from sitelang import build_language  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")


def on_pre_build(config):
    try:
        renderer.render_figures(log=log.info)
    except renderer.FigureError as err:
        raise PluginError(str(err)) from None


def on_files(files, config):
    lang, folder = build_language(config)
    for figure in renderer.all_figures():
        src_uri = f"figures/{figure.name}.svg"
        file = File.generated(config, src_uri, abs_src_path=str(figure.output(renderer.CACHE, lang)))
        file.dest_uri = folder + src_uri
        files.append(file)
    return files


def on_serve(server, config, builder):
    for folder in ("scripts", "src"):  # figures, claims and notebooks depend on both
        server.watch(str(ROOT / folder))
    return server
