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
from sitebuild.figstyle import LINESTYLES, PALETTE, render
from mpl_toolkits.axes_grid1 import make_axes_locatable

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


def search_panel(fig, ax, points, colour, marker, title, text):
    u = np.linspace(*hyperparameters.LR_RANGE, 201)
    v = np.linspace(*hyperparameters.REG_RANGE, 201)
    gu, gv = np.meshgrid(u, v)
    levels = np.linspace(hyperparameters.BASE_ERROR, hyperparameters.BASE_ERROR + hyperparameters.LR_WEIGHT + hyperparameters.REG_WEIGHT, 12)
    filled = ax.contourf(gu, gv, hyperparameters.objective(gu, gv), levels=levels, cmap="Greys", alpha=0.4)
    best, error = hyperparameters.best_trial(points)
    ax.scatter(points[:, 0], points[:, 1], s=36, color=colour, marker=marker, edgecolor="white", lw=0.6, zorder=3)
    ax.scatter(*points[best], s=140, facecolor="none", edgecolor="black", lw=1.4, zorder=4)
    ax.annotate(text["best"].format(e=error), points[best], xytext=(8, 8), textcoords="offset points", fontsize=8,
                bbox=dict(boxstyle="round", fc="white", ec="0.8", alpha=0.9))
    ax.set(xlim=hyperparameters.LR_RANGE, ylim=hyperparameters.REG_RANGE, xlabel=text["u"], ylabel=text["v"])
    ax.grid(False)

    divider = make_axes_locatable(ax)
    top = divider.append_axes("top", size="38%", pad=0.08, sharex=ax)
    curve = hyperparameters.objective(u, np.full_like(u, hyperparameters.REG_OPTIMUM))
    top.plot(u, curve, color="0.3", lw=1.2)
    tried = hyperparameters.objective(points[:, 0], np.full(len(points), hyperparameters.REG_OPTIMUM))
    top.scatter(points[:, 0], tried, s=28, color=colour, marker=marker, edgecolor="white", lw=0.5, zorder=3)
    top.vlines(points[:, 0], hyperparameters.BASE_ERROR - 0.05, tried, color=colour, lw=0.6, alpha=0.6)
    top.set_ylim(hyperparameters.BASE_ERROR - 0.05, hyperparameters.BASE_ERROR + hyperparameters.LR_WEIGHT + 0.05)
    top.set_ylabel(text["error"], fontsize=8)
    top.tick_params(labelbottom=False, labelsize=7)
    top.set_title(title + "\n", fontsize=10)
    top.text(0.01, 0.04, text["marginal"], transform=top.transAxes, fontsize=7.5, color="0.35")
    return filled


def draw(lang):
    text = TEXT[lang]
    grid, random = hyperparameters.figure_search()
    fig = plt.figure(figsize=(13, 4.8))
    spec = fig.add_gridspec(1, 3, width_ratios=(1, 1, 0.9), wspace=0.35)
    ax_g, ax_r, ax_d = (fig.add_subplot(spec[0, i]) for i in range(3))
    search_panel(fig, ax_g, grid, PALETTE[0], "s", text["grid"], text)
    search_panel(fig, ax_r, random, PALETTE[1], "o", text["random"], text)

    c = hyperparameters.search_comparison()
    bins = np.linspace(0, hyperparameters.LR_WEIGHT + hyperparameters.REG_WEIGHT, 26)
    ax_d.hist(c.grid_best - c.optimum, bins=bins, color=PALETTE[0], alpha=0.55, label=text["grid_short"],
              histtype="stepfilled", edgecolor=PALETTE[0])
    ax_d.hist(c.random_best - c.optimum, bins=bins, color=PALETTE[1], alpha=0.55, label=text["random_short"],
              histtype="stepfilled", edgecolor=PALETTE[1], linestyle=LINESTYLES[1])
    for values, colour, style in ((c.grid_best, PALETTE[0], LINESTYLES[0]), (c.random_best, PALETTE[1], LINESTYLES[1])):
        ax_d.axvline(np.median(values - c.optimum), color=colour, linestyle=style, lw=1.5)
    ax_d.set(xlabel=text["excess"], ylabel=text["count"], title=text["dist"].format(n=hyperparameters.SEARCH_REPEATS))
    ax_d.title.set_fontsize(10)
    ax_d.legend(loc="upper right", fontsize=8.5)
    fig.subplots_adjust(left=0.05, right=0.98, top=0.88, bottom=0.13)
    return fig


if __name__ == "__main__":
    render(draw)
