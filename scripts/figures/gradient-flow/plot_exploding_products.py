"""The norm of a product of k random 4×4 matrices with N(0, σ²) entries, 1000 trials:
against the depth k for several scales σ (left) and against σ at k = 100 (right).

Every value comes from ``nnnotes.experiments.gradient_flow.exploding``: the lines are the mean of
log10 ‖M_k‖ (the geometric-mean norm), the bands its 10–90 % quantiles, σ_c the measured
critical scale.
"""

import os

# Figures render in parallel and these matrices are small: one BLAS thread avoids oversubscribing
# the cores (set before NumPy loads OpenBLAS).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sitebuild.figstyle import LINESTYLES, PALETTE, render  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from nnnotes.experiments.gradient_flow import exploding  # noqa: E402

TEXT = {
    "ko": {
        "depth": "곱한 행렬 수 k",
        "norm": r"$\|M_k\|$ (로그 축)",
        "norm100": r"$\|M_{100}\|$ (로그 축)",
        "scale": r"항목의 표준편차 $\sigma$ (로그 축)",
        "left": "곱한 행렬 수에 따른 곱의 노름",
        "right": r"$\sigma$에 따른 행렬 100개 곱의 노름",
        "critical": r"$\sigma_c$ = {:.3f} (측정값)",
        "half": r"$1/\sqrt{4} = 0.5$",
    },
    "en": {
        "depth": "number of matrices multiplied, k",
        "norm": r"$\|M_k\|$ (log scale)",
        "norm100": r"$\|M_{100}\|$ (log scale)",
        "scale": r"std of the entries $\sigma$ (log scale)",
        "left": "norm of the product vs depth",
        "right": r"product of 100 matrices vs $\sigma$",
        "critical": r"$\sigma_c$ = {:.3f} (measured)",
        "half": r"$1/\sqrt{4} = 0.5$",
    },
}
RIGHT_SCALES = np.geomspace(0.25, 2.0, 25)
# powers of ten in math text: the math font has the minus sign that NanumGothic lacks
POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{round(np.log10(v))}}}$")


def draw(lang, layout):
    text = TEXT[lang]
    critical = exploding.measured_critical_scale()
    fig, (ax, ax_s) = layout.panels(2, height=3.5, narrow_height=3.1)
    scales = sorted([*exploding.PRODUCT_SCALES, critical], reverse=True)
    depth = np.arange(1, exploding.PRODUCT_DEPTH + 1)
    for scale, color, style in zip(scales, PALETTE, LINESTYLES):
        mean, low, high = exploding.product_summary(scale)
        label = text["critical"].format(scale) if scale == critical else rf"$\sigma$ = {scale:g}"
        ax.plot(depth, 10.0**mean, color=color, linestyle=style, label=label)
        ax.fill_between(depth, 10.0**low, 10.0**high, color=color, alpha=0.15, linewidth=0)
    ax.set(yscale="log", xlabel=text["depth"], ylabel=text["norm"])
    ax.set_title(layout.wrap(text["left"], 40, 56))
    ax.legend(loc="upper left")

    summaries = [exploding.product_summary(s) for s in RIGHT_SCALES]
    mean, low, high = (np.array([s[i][-1] for s in summaries]) for i in range(3))
    ax_s.plot(RIGHT_SCALES, 10.0**mean, color=PALETTE[0])
    ax_s.fill_between(RIGHT_SCALES, 10.0**low, 10.0**high, color=PALETTE[0], alpha=0.15, linewidth=0)
    ax_s.axhline(1.0, color=PALETTE[7], linewidth=0.8)
    ax_s.axvline(critical, color=PALETTE[4], linestyle="--", linewidth=1, label=text["critical"].format(critical))
    ax_s.axvline(0.5, color=PALETTE[2], linestyle=":", linewidth=1, label=text["half"])
    ax_s.set(xscale="log", yscale="log", xlabel=text["scale"], ylabel=text["norm100"])
    ax_s.set_xticks([0.25, 0.5, 1.0, 2.0], labels=["0.25", "0.5", "1", "2"])
    ax_s.minorticks_off()
    for a in (ax, ax_s):
        a.yaxis.set_major_formatter(POWERS_OF_TEN)
    ax_s.set_title(layout.wrap(text["right"], 40, 56))
    ax_s.legend(loc="upper left")
    return fig


if __name__ == "__main__":
    render(draw)
