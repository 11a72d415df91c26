"""Grid search against random search when one of two hyperparameters matters much more.

Left and middle: the synthetic validation error over log10(learning rate) × log10(L2 strength)
as filled contours, the nine trials of each method, and above each panel the error as a
function of the learning rate alone with the trials' learning rates marked on it (grid: three
distinct values; random: nine). Right: over 1000 objectives with a random optimum, the
distribution of how far the best trial of each method is from the true minimum.
Computed by ``training_setup.hyperparameters`` (``objective``, ``figure_search``, ``search_comparison``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, SMALLEST, render

from nnnotes.experiments.training_setup import hyperparameters

TEXT = {
    "ko": {
        "grid": "그리드 탐색 (3 × 3)",
        "random": "무작위 탐색 (시도 9번)",
        "u": "$\\log_{10}$ 학습률 (중요)",
        "v": "$\\log_{10}$ L2 세기 (덜 중요)",
        "error": "검증 오차",
        "marginal": "학습률 하나만의 영향",
        "best": "가장 좋은 값 {e:.3f}",
        "excess": "가장 좋은 시도 − 실제 최솟값",
        "count": "목적 함수 수",
        "dist": "최적점이 무작위인 목적 함수 {n}개",
        "grid_short": "그리드",
        "random_short": "무작위",
    },
    "en": {
        "grid": "Grid search (3 × 3)",
        "random": "Random search (9 trials)",
        "u": "$\\log_{10}$ learning rate (important)",
        "v": "$\\log_{10}$ L2 strength (unimportant)",
        "error": "validation error",
        "marginal": "effect of the learning rate alone",
        "best": "best {e:.3f}",
        "excess": "best trial − true minimum",
        "count": "objectives",
        "dist": "{n} objectives with a random optimum",
        "grid_short": "grid",
        "random_short": "random",
    },
}


def search_panel(ax, top, points, colour, marker, title, text):
    """The trials on the objective's contours (``ax``) and on its profile along the learning rate (``top``)."""
    u = np.linspace(*hyperparameters.LR_RANGE, 201)
    v = np.linspace(*hyperparameters.REG_RANGE, 201)
    gu, gv = np.meshgrid(u, v)
    levels = np.linspace(hyperparameters.BASE_ERROR, hyperparameters.BASE_ERROR + hyperparameters.LR_WEIGHT + hyperparameters.REG_WEIGHT, 12)
    filled = ax.contourf(gu, gv, hyperparameters.objective(gu, gv), levels=levels, cmap="Greys", alpha=0.4)
    best, error = hyperparameters.best_trial(points)
    ax.scatter(points[:, 0], points[:, 1], s=36, color=colour, marker=marker, edgecolor="white", lw=0.6, zorder=3)
    ax.scatter(*points[best], s=140, facecolor="none", edgecolor="black", lw=1.4, zorder=4)
    ax.annotate(text["best"].format(e=error), points[best], xytext=(8, 8), textcoords="offset points", fontsize=SMALLEST,
                bbox=dict(boxstyle="round", fc="white", ec="0.8", alpha=0.9))
    ax.set(xlim=hyperparameters.LR_RANGE, ylim=hyperparameters.REG_RANGE, xlabel=text["u"], ylabel=text["v"])
    ax.grid(False)

    curve = hyperparameters.objective(u, np.full_like(u, hyperparameters.REG_OPTIMUM))
    top.plot(u, curve, color="0.3", lw=1.2)
    tried = hyperparameters.objective(points[:, 0], np.full(len(points), hyperparameters.REG_OPTIMUM))
    top.scatter(points[:, 0], tried, s=28, color=colour, marker=marker, edgecolor="white", lw=0.5, zorder=3)
    top.vlines(points[:, 0], hyperparameters.BASE_ERROR - 0.05, tried, color=colour, lw=0.6, alpha=0.6)
    top.set_ylim(hyperparameters.BASE_ERROR - 0.05, hyperparameters.BASE_ERROR + hyperparameters.LR_WEIGHT + 0.05)
    top.set_ylabel(text["error"])
    top.tick_params(labelbottom=False)
    top.set_title(title)
    top.text(0.01, 0.04, text["marginal"], transform=top.transAxes, fontsize=SMALLEST, color="0.35", zorder=5,
             bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})  # over the stems
    return filled


def draw(lang, layout):
    text = TEXT[lang]
    grid, random = hyperparameters.figure_search()
    # wide: the two searches side by side, the distribution below; narrow: all three stacked
    fig = layout.figure(7.4, 11.0)
    spec = fig.add_gridspec(*layout.pick((2, 2), (3, 1)), height_ratios=layout.pick((1.5, 1), (1.5, 1.5, 1)))
    *cells, below = [spec[0, 0], spec[1, 0], spec[2, 0]] if layout.narrow else [spec[0, 0], spec[0, 1], spec[1, :]]
    searches = []
    for cell in cells:
        top_spec, main_spec = cell.subgridspec(2, 1, height_ratios=(0.38, 1))
        main = fig.add_subplot(main_spec)
        searches.append((main, fig.add_subplot(top_spec, sharex=main)))
    ax_d = fig.add_subplot(below)
    search_panel(*searches[0], grid, PALETTE[0], "s", text["grid"], text)
    search_panel(*searches[1], random, PALETTE[1], "o", text["random"], text)

    c = hyperparameters.search_comparison()
    bins = np.linspace(0, hyperparameters.LR_WEIGHT + hyperparameters.REG_WEIGHT, 26)
    ax_d.hist(c.grid_best - c.optimum, bins=bins, color=PALETTE[0], alpha=0.55, label=text["grid_short"],
              histtype="stepfilled", edgecolor=PALETTE[0])
    ax_d.hist(c.random_best - c.optimum, bins=bins, color=PALETTE[1], alpha=0.55, label=text["random_short"],
              histtype="stepfilled", edgecolor=PALETTE[1], linestyle=LINESTYLES[1])
    for values, colour, style in ((c.grid_best, PALETTE[0], LINESTYLES[0]), (c.random_best, PALETTE[1], LINESTYLES[1])):
        ax_d.axvline(np.median(values - c.optimum), color=colour, linestyle=style, lw=1.5)
    ax_d.set(xlabel=text["excess"], ylabel=text["count"], title=layout.wrap(text["dist"].format(n=hyperparameters.SEARCH_REPEATS), 70, 56))
    ax_d.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    render(draw)
