"""Three affine layers without an activation function are one affine map.

Left: a square grid of 2-D input points. Middle: the grid after the three layers applied one
by one (lines) and after the single map x·W + b with W = W1·W2·W3 (markers), with the
product matrix and the largest difference printed. Right: the same layers with tanh after
the first two: the lines bend, and no single matrix does that.
"""

import matplotlib.pyplot as plt
from sitebuild.figstyle import LINESTYLES, PALETTE, render

from nnnotes.experiments.architecture import collapse

TEXT = {
    "ko": {
        "input": "입력: 정사각형 격자",
        "stack": "활성화 함수가 없으면 세 층도 변환 하나",
        "bent": "같은 세 층, 층 사이에 tanh",
        "stacked": "세 층을 차례로 적용",
        "collapsed": "하나로 합친 변환: $xW + b$",
        "diff": "가장 큰 차이 {diff}",
    },
    "en": {
        "input": "Input: a square grid",
        "stack": "No activation: three layers = one map",
        "bent": "The same three layers, tanh in between",
        "stacked": "the three layers, one after another",
        "collapsed": "one product matrix: $xW + b$",
        "diff": "largest difference {diff}",
    },
}


def plot_grid(ax, lines, n, **kwargs):
    """Horizontal input lines (the first n) in one colour, vertical ones in another."""
    for k, line in enumerate(lines):
        ax.plot(*line.T, color=PALETTE[0] if k < n else PALETTE[1], **kwargs)


def matrix_text(c):
    rows = [f"[{w[0]:6.3f} {w[1]:6.3f}]" for w in c.W]
    bias = f"[{c.b[0]:6.3f} {c.b[1]:6.3f}]"
    return f"W = W₁W₂W₃ = {rows[0]}\n             {rows[1]}\nb = {bias}".replace("-", "−")


def draw(lang, layout):
    text = TEXT[lang]
    c = collapse.linear_collapse()
    n = c.grid.shape[0] // 2
    fig, (ax_in, ax, ax_bent, ax_text) = layout.panels(4, cols=2, height=2.9, narrow_height=2.9)
    plot_grid(ax_in, c.grid, n, lw=1.0)
    ax_in.set_title(text["input"])

    plot_grid(ax, c.stacked, n, lw=1.0, linestyle=LINESTYLES[0])
    every = slice(None, None, (c.grid.shape[1] - 1) // (2 * (n - 1)))  # the grid's nodes and midpoints
    nodes = c.collapsed[:, every].reshape(-1, 2)
    ax.plot(*nodes.T, linestyle="none", marker="o", ms=3.2, mfc="none", mec="black", mew=0.7)
    ax.plot([], [], color="0.3", label=text["stacked"])
    ax.plot([], [], linestyle="none", marker="o", ms=4, mfc="none", mec="black", label=text["collapsed"])
    ax.set_title(text["stack"])

    plot_grid(ax_bent, c.bent, n, lw=1.0)
    ax_bent.set_title(text["bent"])
    for a in (ax_in, ax, ax_bent):
        a.set_aspect("equal", adjustable="datalim")
        a.set(xlabel="$x_1$", ylabel="$x_2$")
    # the product matrix and the legend of the middle panel, in a panel of their own
    ax_text.axis("off")
    ax_text.legend(*ax.get_legend_handles_labels(), loc="upper left", handlelength=1.5)
    diff = text["diff"].format(diff=f"{c.max_difference:.0e}")
    ax_text.text(0.02, 0.45, f"{matrix_text(c)}\n{diff}", transform=ax_text.transAxes, va="center",
                 multialignment="left", family=["DejaVu Sans Mono", "NanumGothic"], linespacing=1.3,
                 bbox={"facecolor": "white", "edgecolor": "0.7", "boxstyle": "round,pad=0.4"})
    return fig


if __name__ == "__main__":
    render(draw)
