"""The one style and output helper every plot script uses.

A plot script defines ``draw(lang) -> Figure`` and ends with ``render(draw)``.
``render`` takes the output folder from the command line, resets the style before each
language and writes ``NAME.ko.svg`` and ``NAME.en.svg``, where NAME is the script's
name without ``plot_``. The output is byte-identical from run to run: a fixed SVG hash
salt, no date in the metadata, text drawn as paths.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

from .lang import LANGS

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

# Okabe & Ito's colour-blind-safe palette, in the order figures use it.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))


def _font_path() -> Path:
    """NanumGothic as shipped by ``koreanize-matplotlib``, located without importing it
    (its import needs ``distutils``, which Python 3.12 no longer has)."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    font = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf" if spec and spec.origin else None
    if font is None or not font.is_file():
        sys.exit("the Korean labels need the NanumGothic font of the package koreanize-matplotlib, "
                 "which is not installed: run `make serve` (or pip install -e '.[docs]') to install it")
    return font


def reset_style() -> None:
    """Reset matplotlib to defaults, then apply the site style."""
    plt.close("all")
    matplotlib.rcdefaults()
    font_manager.fontManager.addfont(str(_font_path()))
    plt.rcParams.update(
        {
            "svg.hashsalt": "nnnotes",
            "svg.fonttype": "path",
            "font.family": ["NanumGothic", "DejaVu Sans"],
            "axes.unicode_minus": False,
            "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "figure.dpi": 100,
            "figure.figsize": (8, 3.6),
            "font.size": 10,
            "legend.frameon": False,
        }
    )


def plain_number(value: float, _position=None) -> str:
    """A tick label without mathtext: 0.5, 20, 1e-5 (mathtext's minus has no NanumGothic glyph)."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:g}"
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")


# Use for log axes instead of matplotlib's default 10^{k} labels.
PLAIN_TICKS = FuncFormatter(plain_number)


def out_path(outdir: Path, name: str, lang: str) -> Path:
    """Where the figure ``name`` in ``lang`` is written: ``outdir/NAME.LANG.svg``."""
    return outdir / f"{name}.{lang}.svg"


def figure_name(script: str | Path) -> str:
    """``scripts/figures/index/plot_activations.py`` → ``activations``."""
    return Path(script).stem.removeprefix("plot_")


def render(draw: Callable[[str], plt.Figure], argv: list[str] | None = None) -> None:
    """Run ``draw`` once per language and save each figure as SVG.

    Called at the end of every plot script: ``python plot_NAME.py OUTDIR``.
    """
    argv = sys.argv if argv is None else argv
    if len(argv) != 2:
        sys.exit(f"usage: python {argv[0]} OUTDIR")
    outdir = Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    name = figure_name(argv[0])
    for lang in LANGS:
        reset_style()
        fig = draw(lang)
        fig.savefig(out_path(outdir, name, lang), format="svg", metadata={"Date": None})
        plt.close(fig)
