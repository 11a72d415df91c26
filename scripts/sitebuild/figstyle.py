"""The one style and output helper every plot script uses.

A plot script defines ``draw(lang, layout) -> Figure`` and ends with ``render(draw)``.
``render`` takes the output folder from the command line, resets the style before each
drawing and writes, for each language, two layouts of the figure: ``NAME.LANG.svg``, the
wide one, :data:`WIDE` inches across (the desktop content column at 1:1), and
``NAME.LANG.narrow.svg``, :data:`NARROW` inches across, for phones (panels stacked, fewer
ticks, legends outside). NAME is the script's name without ``plot_``. One ``draw`` makes
both, so the two cannot drift apart.

Text is drawn as paths, so a reader's browser cannot tell its size. ``render`` records,
for every SVG, its width and the size of its smallest text in ``NAME.json``; the site's
tests combine them with the width the page shows the figure at:
``shown px = smallest_pt × displayed_px / width_pt``. No text is smaller than
:data:`SMALLEST` points (mathtext sub- and superscripts are 0.7 of their text).

The output is byte-identical from run to run: a fixed SVG hash salt, no date in the
metadata, text drawn as paths.
"""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import math
import re
import sys
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .figfiles import LAYOUTS, metadata_name, svg_name
from .lang import LANGS

import matplotlib

matplotlib.use("svg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager, mathtext, textpath  # noqa: E402
from matplotlib import text as mtext  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

# Okabe & Ito's colour-blind-safe palette, in the order figures use it.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
LINESTYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)))
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")

# Figure widths in inches (1 in = 96 CSS px). WIDE is the desktop content column (688 px at
# 1366 px) drawn at about 1:1; NARROW is shown about 358 px wide on a 390 px phone.
WIDE = 7.1
NARROW = 4.5
# The smallest text, in points: 12 CSS px in the desktop column, 9.9 px on a 390 px phone.
SMALLEST = 9
# The line height of a label that wraps, in the font's ascent + descent. matplotlib's "normal"
# spacing takes NanumGothic's own metrics, which leave two lines of Hangul touching.
LINE_SPACING = 1.1


@functools.cache
def _add_korean_font() -> None:
    """Make NanumGothic known to matplotlib, once per process (adding a font empties
    matplotlib's cache of which font each text uses)."""
    font_manager.fontManager.addfont(str(_font_path()))


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
    _add_korean_font()
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
            "figure.figsize": (WIDE, 3.4),
            "figure.constrained_layout.use": True,
            "font.size": 10,
            "axes.titlesize": 10,
            # Titles sit just above their axes. Left to place them itself, matplotlib measures
            # the whole y axis again for each title, a sixth of the drawing time, to lift it
            # over ticks on top or an offset text (1e-5 above the axis), which these figures
            # do not have (save checks).
            "axes.titley": 1.0,
            "axes.labelsize": 10,
            "figure.titlesize": 10,
            "xtick.labelsize": SMALLEST,
            "ytick.labelsize": SMALLEST,
            "legend.fontsize": SMALLEST,
            "legend.title_fontsize": SMALLEST,
            "legend.frameon": False,
        }
    )


def _share_parsed_formulas() -> None:
    """Give every renderer of the process one mathtext parser, and so one cache of parsed
    formulas. matplotlib gives each renderer a parser of its own, and a drawing uses several
    (one to lay it out, one to save it): each parsed every formula again, a tenth of the
    time spent drawing. The drawings are byte-identical either way."""
    parser = mathtext.MathTextParser("path")
    start = textpath.TextToPath.__init__

    @functools.wraps(start)
    def sharing(self):
        start(self)
        self.mathtext_parser = parser

    textpath.TextToPath.__init__ = sharing


_share_parsed_formulas()


@dataclass(frozen=True)
class Layout:
    """The layout ``draw`` is asked for: wide (the desktop column) or narrow (phones)."""

    narrow: bool

    @property
    def name(self) -> str:
        return "narrow" if self.narrow else "wide"

    @property
    def width(self) -> float:
        """The figure's width in inches."""
        return NARROW if self.narrow else WIDE

    def pick(self, wide, narrow):
        """``wide`` in the wide layout, ``narrow`` in the narrow one."""
        return narrow if self.narrow else wide

    def figure(self, height: float, narrow_height: float) -> plt.Figure:
        """An empty figure of the layout's width and the height (inches) given for it."""
        return plt.figure(figsize=(self.width, self.pick(height, narrow_height)))

    def panels(self, n: int, *, cols: int | None = None, narrow_cols: int = 1, height: float = 3.0,
               narrow_height: float = 2.6, **subplots_kw) -> tuple[plt.Figure, list]:
        """``n`` axes in reading order: ``cols`` to a row in the wide layout (all in one row by
        default), ``narrow_cols`` in the narrow one; ``height`` and ``narrow_height`` are the
        height of one row in inches. Returns the figure and the list of its ``n`` axes."""
        columns = self.pick(cols or n, narrow_cols)
        rows = math.ceil(n / columns)
        fig, axes = plt.subplots(rows, columns, squeeze=False, **subplots_kw,
                                 figsize=(self.width, rows * self.pick(height, narrow_height)))
        for ax in axes.flat[n:]:
            ax.remove()
        return fig, list(axes.flat[:n])

    def wrap(self, label: str, wide: int, narrow: int) -> str:
        """``label`` in lines of at most ``wide`` or ``narrow`` characters (see :func:`fill`)."""
        return fill(label, self.pick(wide, narrow))


def series(i: int, n: int, points: int, marks: int = 8) -> dict:
    """Line style, colour and marker of the ``i``-th of ``n`` lines of ``points`` points each.
    Markers sit about ``marks`` times along each line, staggered from line to line, so where
    lines lie on top of each other their markers alternate along them (also in grey scale)."""
    every = max(points // marks, 1)
    return {"color": PALETTE[i], "linestyle": LINESTYLES[i % len(LINESTYLES)], "marker": MARKERS[i],
            "markevery": (every // 2 + i * every // n, every), "markersize": 5}


def fill(label: str, chars: int) -> str:
    """``label`` wrapped at spaces into lines of at most ``chars`` characters (a Hangul
    syllable counts as two, as it is about twice as wide as a Latin letter); a formula
    (``$...$``) stays on one line, counted by what it shows.

    >>> print(fill("정규화 $z - m$ 를 한다", 10))
    정규화
    $z - m$ 를
    한다
    """
    def size(word: str) -> int:
        shown = re.sub(r"\\[A-Za-z]+", "x", word).translate({ord(c): None for c in "${}^_"})
        return sum(2 if "\uac00" <= ch <= "\ud7a3" else 1 for ch in shown)
    words: list[str] = []
    for piece in label.split(" "):
        if words and words[-1].count("$") % 2:  # inside a formula
            words[-1] += " " + piece
        else:
            words.append(piece)
    lines: list[list[str]] = []
    for word in words:
        if lines and size(" ".join([*lines[-1], word])) <= chars:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(line) for line in lines)


def plain_number(value: float, _position=None) -> str:
    """A tick label without mathtext: 0.5, 20, 1e-5 (mathtext's minus has no NanumGothic glyph)."""
    if value == 0 or 1e-3 <= abs(value) < 1e4:
        return f"{value:g}"
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")


# Use for log axes instead of matplotlib's default 10^{k} labels.
PLAIN_TICKS = FuncFormatter(plain_number)


def figure_name(script: str | Path) -> str:
    """``scripts/figures/index/plot_activations.py`` → ``activations``."""
    return Path(script).stem.removeprefix("plot_")


@contextmanager
def text_sizes():
    """Collect the size in points of every piece of text drawn while inside (tick labels,
    axis labels, titles, legends, annotations): matplotlib draws all of them as ``Text``."""
    sizes: list[float] = []
    draw = Text.draw

    def recording(text, renderer):
        if text.get_visible() and text.get_text().strip():
            sizes.append(float(text.get_fontsize()))
        return draw(text, renderer)

    Text.draw = recording
    try:
        yield sizes
    finally:
        Text.draw = draw


def font_heights(prop: font_manager.FontProperties) -> tuple:
    """The ascent, descent and line gap of ``prop``'s font in points, as matplotlib reads them
    from the font's tables to lay out a text (``Text._get_layout``; ``(None, None, None)``
    when the font has neither table, and matplotlib measures the text instead)."""
    font = font_manager.get_font(font_manager.fontManager._find_fonts_by_props(prop))
    for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                             ("hhea", "lineGap", "ascent", "descent")):
        table = font.get_sfnt_table(table_name)
        if table is not None:
            # matplotlib's arithmetic at the 72 dpi an SVG is drawn at, so the drawings are byte-identical
            scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * 72 / 72
            return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
    return None, None, None


@contextmanager
def measured_once():
    """While inside (``savefig``), matplotlib measures each text and reads each font's heights
    (:func:`font_heights`) once.

    A save draws the figure twice, each time with a renderer of its own: once to lay it out,
    once to write it. matplotlib keeps text sizes per renderer, so it measured every text twice,
    and it read the font's heights from its tables for every text it laid out (a fifth of a
    save). Every SVG renderer of a save measures alike (72 dpi, one formula parser); the font
    heights are given through the renderer's ``_get_font_height_metrics``, as the PDF and PS
    renderers give theirs."""
    sizes: dict[tuple, tuple[float, float, float]] = {}
    heights: dict[int, tuple] = {}  # FontProperties by their hash, which is what they compare by

    def shared_sizes(renderer):
        def size(text, prop, ismath, dpi):
            key = text, hash(prop), ismath, dpi
            if key not in sizes:
                sizes[key] = renderer.get_text_width_height_descent(text, prop, ismath)
            return sizes[key]
        return size

    def remembered_heights(renderer, prop):
        key = hash(prop)
        if key not in heights:
            heights[key] = font_heights(prop)
        return heights[key]

    per_renderer = mtext._get_text_metrics_function
    mtext._get_text_metrics_function, RendererSVG._get_font_height_metrics = shared_sizes, remembered_heights
    try:
        yield
    finally:
        mtext._get_text_metrics_function = per_renderer
        del RendererSVG._get_font_height_metrics


@contextmanager
def laid_out_once(fig: plt.Figure):
    """While inside (``savefig``), the draw that matplotlib makes only to lay ``fig`` out runs
    its layout engine and nothing else.

    To save a figure that has a layout engine (every figure here: constrained layout), matplotlib
    draws it twice: once with the renderer's drawing turned off, for the engine to place the axes,
    then for real, with the engine off. The first pass went on past the layout through every
    artist (ticks, texts, lines), drawing nothing: a tenth of the drawing time. The layout is the
    same, and so is the SVG, byte for byte."""
    if fig.get_layout_engine() is not None:  # else matplotlib draws only once
        def lay_out(renderer):
            del fig.draw  # the next draw is the one that writes the figure
            fig.get_layout_engine().execute(fig)
        fig.draw = lay_out
    try:
        yield
    finally:
        fig.__dict__.pop("draw", None)


# Starting with its first character, not a look-behind, the pattern is found four times faster.
HASHED_ID = re.compile(r'(?P<lead>id="|#)(?P<kind>[mp])(?P<hash>[0-9a-f]{10})\b')


def stable_ids(svg: str) -> str:
    """``svg`` with its markers' and clip paths' ids numbered in order of appearance.

    matplotlib names them by a hash of their transform's ``repr``, whose floats can differ in
    the last bit from one process to the next (NumPy's sums depend on memory alignment) while
    the drawing does not.

    >>> stable_ids('<use xlink:href="#m1a2b3c4d5e"/><path clip-path="url(#p0123456789)"/><path id="m1a2b3c4d5e"/>')
    '<use xlink:href="#m0"/><path clip-path="url(#p1)"/><path id="m0"/>'
    """
    names: dict[str, str] = {}
    return HASHED_ID.sub(lambda m: m["lead"] + names.setdefault(m["kind"] + m["hash"], f"{m['kind']}{len(names)}"), svg)


def _titles_clear(fig: plt.Figure, path: Path) -> None:
    """Exit naming ``path`` when a title drawn at the top of its axes (``axes.titley``) would
    cover ticks above the axes or the y axis's offset text."""
    for ax in fig.axes:
        if not any(ax.get_title(loc) for loc in ("left", "center", "right")):
            continue
        offset = ax.yaxis.offsetText
        top = ax.xaxis.majorTicks[0]
        if top.tick2line.get_visible() or top.label2.get_visible() or ax.xaxis.get_label_position() == "top":
            sys.exit(f"{path.name}: an axes with a title has x ticks or its x label on top, which the "
                     f"title would cover: put them below (ax.xaxis.tick_bottom()) or drop the title")
        if offset.get_visible() and offset.get_text():
            sys.exit(f"{path.name}: an axes with a title shows the offset text {offset.get_text()!r} "
                     f"above its y axis, which the title would cover: scale the values, or turn the "
                     f"offset off (ax.ticklabel_format(axis='y', useOffset=False, style='plain'))")


def save(fig: plt.Figure, path: Path) -> dict:
    """Save ``fig`` as SVG at ``path``; return its width and height (pt) and its smallest text (pt)."""
    for text in fig.findobj(Text):
        if "\n" in text.get_text():
            text.set_linespacing(LINE_SPACING)
    svg = io.StringIO()
    with text_sizes() as sizes, measured_once(), laid_out_once(fig):
        fig.savefig(svg, format="svg", metadata={"Date": None})
    _titles_clear(fig, path)
    path.write_text(stable_ids(svg.getvalue()), encoding="utf-8")
    width_in, height_in = fig.get_size_inches()
    return {"width_pt": round(width_in * 72, 2), "height_pt": round(height_in * 72, 2),
            "smallest_text_pt": min(sizes, default=None)}


def render(draw: Callable[[str, Layout], plt.Figure], argv: list[str] | None = None) -> None:
    """Run ``draw(lang, layout)`` for each language and :class:`Layout`; save each figure as SVG and
    the sizes of all of them in ``NAME.json``.

    Called at the end of every plot script: ``python plot_NAME.py OUTDIR``. Naming drawings
    (``python plot_NAME.py OUTDIR ko/narrow``) draws only those, and writes no ``NAME.json``:
    a quicker look while working on one of them.
    """
    argv = sys.argv if argv is None else argv
    drawings = [f"{lang}/{layout}" for lang in LANGS for layout in LAYOUTS]
    if len(argv) < 2 or not set(argv[2:]) <= set(drawings):
        sys.exit(f"usage: python {argv[0]} OUTDIR [DRAWING ...], a DRAWING one of {', '.join(drawings)}")
    chosen = argv[2:] or drawings
    outdir = Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    name = figure_name(argv[0])
    sizes: dict[str, dict] = {}
    for drawing in chosen:
        lang, layout = drawing.split("/")
        reset_style()
        fig = draw(lang, Layout(LAYOUTS[layout]))
        sizes.setdefault(lang, {})[layout] = save(fig, outdir / svg_name(name, lang, layout))
        plt.close(fig)
    if chosen == drawings:
        (outdir / metadata_name(name)).write_text(json.dumps(sizes, indent=1, sort_keys=True) + "\n")
