"""One outlier against lines fitted under MSE (L2), MAE (L1) and Huber.

Left: the noisy points, the outlier marked, and the line each loss fits with it. Right: the
fitted slope as the outlier is moved further down. Every value comes from
``losses_and_regularization.regression_losses``.
"""

import numpy as np
from sitebuild.figstyle import PALETTE, render, series

from nnnotes.experiments.losses_and_regularization import regression_losses as rl

TEXT = {
    "ko": {
        "mse": "L2 손실 (MSE)",
        "mae": "L1 손실 (MAE)",
        "huber": "후버 손실",
        "points": "학습 점",
        "outlier": "이상치",
        "x": "입력 x",
        "t": "목표값 t",
        "fit_title": "이상치가 하나 있을 때 맞춘 직선",
        "shift": "이상치를 아래로 옮긴 거리",
        "slope": "맞춘 직선의 가중치 w",
        "true": "데이터를 만든 w = {w:g}",
        "slope_title": "이상치가 멀어질수록",
    },
    "en": {
        "mse": "L2 loss (MSE)",
        "mae": "L1 loss (MAE)",
        "huber": "Huber loss",
        "points": "training points",
        "outlier": "outlier",
        "x": "input x",
        "t": "target t",
        "fit_title": "Lines fitted with one outlier",
        "shift": "distance the outlier is moved down",
        "slope": "slope w of the fitted line",
        "true": "w of the data = {w:g}",
        "slope_title": "As the outlier moves away",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    x, t = rl.line_data()
    fig, (ax_fit, ax_slope) = layout.panels(2, height=3.4, narrow_height=2.8)
    ax_fit.scatter(x[:-1], t[:-1], s=18, color="0.35", label=text["points"], zorder=3)
    ax_fit.scatter(x[-1:], t[-1:], s=60, marker="X", color=PALETTE[4], label=text["outlier"], zorder=3)
    grid = np.linspace(*rl.X_RANGE, 50)
    slopes = rl.outlier_sweep()
    n = len(rl.REGRESSION_LOSSES)
    for i, loss in enumerate(rl.REGRESSION_LOSSES):
        slope, intercept = rl.fitted_line(loss)
        ax_fit.plot(grid, slope * grid + intercept, label=text[loss], **series(i, n, grid.size, marks=5))
        ax_slope.plot(rl.SWEEP_SHIFTS, slopes[loss], **series(i, n, len(rl.SWEEP_SHIFTS), marks=len(rl.SWEEP_SHIFTS)))
    ax_slope.axhline(rl.SLOPE, color="0.4", linestyle=":", lw=1, label=text["true"].format(w=rl.SLOPE))
    ax_fit.set(xlabel=text["x"], ylabel=text["t"], title=text["fit_title"])
    ax_slope.set(xlabel=text["shift"], ylabel=text["slope"], ylim=(0, None), title=text["slope_title"])
    ax_slope.legend(loc="lower left")
    if layout.narrow:
        fig.legend(*ax_fit.get_legend_handles_labels(), loc="outside lower center", ncols=2)
    else:
        ax_fit.legend(loc="lower left")  # the empty corner: the lines cross the upper left
    return fig


if __name__ == "__main__":
    render(draw)
