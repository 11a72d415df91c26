"""Dead ReLU units: where their lines lie after a too-high learning rate, and how many die per rate.

Left: the spiral data cloud and the line w_j·x + b_j = 0 of each of the hidden units of one
net trained at a high learning rate; a dead unit's line lies outside the cloud, with the whole
cloud on its negative side (the arrow points to the side where the unit would be active).
Right: the dead fraction and the held-out accuracy against the learning rate, mean and
min–max over the seeds, for bias init 0 and 0.01. Every value comes from
``nnnotes.experiments.relu_in_practice.dead_units``.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, SMALLEST, render

from nnnotes.experiments.relu_in_practice import dead_units, spirals

ACTIVE, DEAD = PALETTE[0], PALETTE[4]
SERIES = {0.0: (PALETTE[0], LINESTYLES[0], "o"), 0.01: (PALETTE[1], LINESTYLES[1], "s")}
LIMIT = 2.2  # half-width of the input-plane window
TICKS = (0.1, 0.3, 1, 3, 10)

TEXT = {
    "ko": {
        "left": "학습률 {lr:.2f}, 시드 {seed}: 은닉 유닛 {n}개 중 {dead}개가 죽음",
        "active": "살아 있는 유닛",
        "dead": "죽은 유닛 (데이터 전체에서 w·x+b ≤ 0)",
        "data": "학습 데이터 (나선 3개)",
        "x1": "입력 $x_1$", "x2": "입력 $x_2$",
        "dead_frac": "죽은 유닛 비율",
        "acc": "평가 정확도",
        "lr": "학습률 (로그 눈금)",
        "bias": "편향 초깃값 {b:g}",
        "cs231n": "CS231n: \u2018최대 40%\u2019",
        "folk": "통념: \u201810–20%는 흔하다\u2019",
        "chance": "무작위로 고를 때 (1/3)",
    },
    "en": {
        "left": "lr {lr:.2f}, seed {seed}: {dead} of {n} hidden units dead",
        "active": "active unit",
        "dead": "dead unit (w·x+b ≤ 0 on all data)",
        "data": "training data (3 spirals)",
        "x1": "input $x_1$", "x2": "input $x_2$",
        "dead_frac": "fraction of dead units",
        "acc": "held-out accuracy",
        "lr": "learning rate (log scale)",
        "bias": "bias init {b:g}",
        "cs231n": "CS231n: \u2018as much as 40%\u2019",
        "folk": "folklore: \u201810–20% is common\u2019",
        "chance": "chance (1/3)",
    },
}


def draw_units(ax, text, layout):
    X, y, _, _ = spirals.spiral_data()
    sweep = dead_units.dead_sweep(0.0)
    i, s = sweep.at(dead_units.SHOWN_LR), spirals.SEEDS.index(dead_units.SHOWN_SEED)
    W, b = sweep.W1[i, s], sweep.b1[i, s]
    dead = (X @ W + b).max(axis=0) <= 0
    ax.scatter(X[:, 0], X[:, 1], s=6, c="#333333", marker="o", linewidths=0, label=text["data"], zorder=4)
    t = np.linspace(-3 * LIMIT, 3 * LIMIT, 2)
    for j in np.argsort(dead, kind="stable"):  # active lines first, dead ones drawn on top
        w, c = W[:, j], b[j]
        norm = np.linalg.norm(w)
        foot, along = -c * w / norm**2, np.array([-w[1], w[0]]) / norm  # closest point to 0, direction
        line = foot + t[:, None] * along
        style = dict(color=DEAD, linestyle="--", linewidth=1.4, zorder=3) if dead[j] else \
            dict(color=ACTIVE, linestyle="-", linewidth=0.8, alpha=0.55, zorder=2)
        ax.plot(line[:, 0], line[:, 1], **style)
        if dead[j]:
            ax.annotate("", xy=foot + 0.3 * w / norm, xytext=foot,
                        arrowprops=dict(arrowstyle="->", color=DEAD, linewidth=1), zorder=3)
    ax.plot([], [], color=ACTIVE, linestyle="-", linewidth=1, label=text["active"])
    ax.plot([], [], color=DEAD, linestyle="--", linewidth=1.4, label=text["dead"])
    ax.set(xlim=(-LIMIT, LIMIT), ylim=(-LIMIT, LIMIT), xlabel=text["x1"], ylabel=text["x2"], aspect="equal")
    ax.set_title(layout.wrap(text["left"].format(lr=dead_units.SHOWN_LR, seed=dead_units.SHOWN_SEED, n=spirals.WIDTH,
                                                 dead=int(dead.sum())), 34, 56))
    ax.legend(loc="lower left", framealpha=0.9, frameon=True)
    ax.grid(False)


def draw_sweep(ax_dead, ax_acc, text):
    for bias, (color, style, marker) in SERIES.items():
        sweep = dead_units.dead_sweep(bias)
        label = text["bias"].format(b=bias)
        for ax, values in ((ax_dead, sweep.dead), (ax_acc, sweep.test_acc)):
            ax.fill_between(sweep.lrs, values.min(axis=1), values.max(axis=1), color=color, alpha=0.18, linewidth=0)
            ax.plot(sweep.lrs, values.mean(axis=1), color=color, linestyle=style, marker=marker, markersize=3.5,
                    label=label)
    ax_dead.axhspan(0.1, 0.2, color="#000000", alpha=0.07, linewidth=0, label=text["folk"])
    ax_dead.axhline(0.4, color="#000000", linestyle=":", linewidth=1, label=text["cs231n"])
    ax_dead.set(xscale="log", ylim=(-0.03, 1.03), ylabel=text["dead_frac"])
    ax_dead.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax_dead.legend(loc="upper left")
    ax_dead.tick_params(labelbottom=False)
    ax_acc.axhline(1 / 3, color="#000000", linestyle=":", linewidth=1)
    ax_acc.text(dead_units.SWEEP_LRS[0], 1 / 3 + 0.03, text["chance"], fontsize=SMALLEST, va="bottom")
    ax_acc.set(xscale="log", ylim=(0.25, 1.02), ylabel=text["acc"], xlabel=text["lr"])
    ax_acc.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax_acc.set_xticks(TICKS, [f"{t:g}" for t in TICKS])
    ax_acc.xaxis.set_minor_locator(plt.matplotlib.ticker.NullLocator())


def draw(lang, layout):
    text = TEXT[lang]
    fig = layout.figure(4.6, 8.6)
    if layout.narrow:  # the units above, the two sweeps below them
        grid = fig.add_gridspec(3, 1, height_ratios=(1.5, 1.3, 0.8))
        units, dead, acc = grid[0], grid[1], grid[2]
    else:
        grid = fig.add_gridspec(2, 2, width_ratios=(1, 1.15), height_ratios=(1.7, 1))
        units, dead, acc = grid[:, 0], grid[0, 1], grid[1, 1]
    draw_units(fig.add_subplot(units), text, layout)
    ax_dead = fig.add_subplot(dead)
    draw_sweep(ax_dead, fig.add_subplot(acc, sharex=ax_dead), text)
    return fig


if __name__ == "__main__":
    render(draw)
