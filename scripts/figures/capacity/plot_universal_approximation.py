"""One hidden layer approximating a 1-D function, trained by nnnotes at growing widths.

Left four panels: the target f(x) = sin(3x)·exp(−x²/4) and the fit of MLP([1, H, 1], "tanh")
for H = 1, 3, 10, 50, each trained on 200 noise-free samples (mean squared error, full-batch
gradient descent with momentum), with the measured max |f − g| on a grid of 1001 points.
Right: that max error against the number of hidden neurons, next to Nielsen's hand-built
bumps (n bumps use 2n sigmoid units).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, render
from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

from nnnotes.experiments.capacity import universal_approximation


TEXT = {
    "ko": {
        "title": "너비 H = {h}: 최대 오차 {err:.3f}",
        "target": "목표 함수 f(x)",
        "fit": "학습한 신경망 g(x)",
        "samples": "학습 샘플",
        "x": "x",
        "error": "은닉 뉴런 수에 따른 최대 오차",
        "units": "은닉 뉴런 수",
        "max_error": "최대 오차  max |f(x) − g(x)|",
        "trained": "경사 하강법으로 학습 (tanh)",
        "bumps": "Nielsen의 범프 (손으로 정한 가중치)",
    },
    "en": {
        "title": "width H = {h}: max error {err:.3f}",
        "target": "target f(x)",
        "fit": "trained net g(x)",
        "samples": "training samples",
        "x": "x",
        "error": "Max error against hidden neurons",
        "units": "hidden neurons",
        "max_error": "max error  max |f(x) − g(x)|",
        "trained": "trained by gradient descent (tanh)",
        "bumps": "Nielsen's bumps (weights set by hand)",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    X, y, grid = universal_approximation.uat_data()
    target = universal_approximation.uat_target(grid)
    # wide: the four fits in two rows of two, the error beside them; narrow: fits two by two, error below
    fig = layout.figure(4.6, 8.2)
    spec = fig.add_gridspec(*layout.pick((2, 3), (3, 2)), **layout.pick({"width_ratios": [1, 1, 1.3]},
                                                                        {"height_ratios": [1, 1, 1.5]}))
    fits = [universal_approximation.uat_fit(h) for h in universal_approximation.UAT_WIDTHS]
    for k, fit in enumerate(fits):
        ax = fig.add_subplot(spec[k // 2, k % 2])
        ax.plot(grid, target, color="black", linestyle=LINESTYLES[1], lw=1.4, label=text["target"])
        ax.plot(grid, fit.prediction, color=PALETTE[0], linestyle=LINESTYLES[0], lw=1.8, label=text["fit"])
        ax.plot(X[::4, 0], y[::4], linestyle="none", marker="o", markersize=2.5, color=PALETTE[1],
                label=text["samples"])
        ax.set_title(layout.wrap(text["title"].format(h=fit.width, err=fit.max_error), 20, 20))
        ax.set(ylim=(-1.25, 1.25), xlim=(universal_approximation.UAT_LOW, universal_approximation.UAT_HIGH))
        if k // 2 == 1:
            ax.set_xlabel(text["x"])
        if k % 2 == 1:
            ax.tick_params(labelleft=False)
        if k == 0:
            fig.legend(loc="outside upper center", ncols=3)

    ax = fig.add_subplot(spec[layout.pick((slice(None), 2), (2, slice(None)))])
    units = np.array(universal_approximation.UAT_WIDTHS)
    ax.plot(units, [fit.max_error for fit in fits], color=PALETTE[0], linestyle=LINESTYLES[0], marker="o",
            label=text["trained"])
    bumps = np.array(universal_approximation.BUMP_COUNTS)
    ax.plot(2 * bumps, universal_approximation.bump_errors(), color=PALETTE[4], linestyle=LINESTYLES[1], marker="s",
            markerfacecolor="none", label=text["bumps"])
    ax.set(xscale="log", yscale="log", xlabel=text["units"], ylabel=text["max_error"],
           title=layout.wrap(text["error"], 30, 50))
    ax.xaxis.set_major_locator(FixedLocator([1, 3, 10, 30, 100, 300]))
    ax.xaxis.set_major_formatter(PLAIN_TICKS)
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.yaxis.set_major_locator(FixedLocator([0.01, 0.03, 0.1, 0.3, 1]))
    ax.yaxis.set_major_formatter(PLAIN_TICKS)
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_ylim(0.01, 2)
    ax.legend(loc="lower left")
    return fig


if __name__ == "__main__":
    render(draw)
