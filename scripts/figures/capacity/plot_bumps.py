"""Nielsen's constructive proof: steep sigmoid pairs make bumps, and bumps add up to the target.

Left (top): two steps h·σ(w(x − s1)) and h·σ(w(x − s2)) with w = 1000 and (bottom) their difference, a bump
of height h between s1 and s2, computed with nnnotes' sigmoid. Middle: ten such bumps, with the
height of each set to the target at the bump's midpoint, evaluated as an MLP([1, 20, 1]) with
hand-set weights. Right: the max error on [−3, 3] against the number of bumps.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, SMALLEST, render
from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

from nnnotes.experiments.capacity import universal_approximation


S1, S2, HEIGHT = -1.0, 0.5, 0.8

TEXT = {
    "ko": {
        "pair": "가파른 시그모이드 두 개로 만든 범프",
        "steps": "계단 두 개 (w = {w:g})",
        "up": "$h\\,\\sigma(w(x - s_1))$",
        "down": "$h\\,\\sigma(w(x - s_2))$",
        "bump": "차이: 높이 h인 범프",
        "sum": "범프 {n}개의 합 (은닉 뉴런 {units}개)",
        "target": "목표 함수 f(x)",
        "approx": "범프의 합 g(x)",
        "error": "범프 수에 따른 최대 오차",
        "n": "범프 수 n (은닉 뉴런 2n개)",
        "max_error": "최대 오차  max |f(x) − g(x)|",
        "measured": "측정값",
        "slope": "1/n에 비례하는 기준선",
        "x": "x",
    },
    "en": {
        "pair": "Two steep sigmoids make a bump",
        "steps": "Two steps (w = {w:g})",
        "up": "$h\\,\\sigma(w(x - s_1))$",
        "down": "$h\\,\\sigma(w(x - s_2))$",
        "bump": "difference: a bump of height h",
        "sum": "Sum of {n} bumps ({units} hidden neurons)",
        "target": "target f(x)",
        "approx": "sum of bumps g(x)",
        "error": "Max error against number of bumps",
        "n": "bumps n (2n hidden neurons)",
        "max_error": "max error  max |f(x) − g(x)|",
        "measured": "measured",
        "slope": "slope −1 reference (∝ 1/n)",
        "x": "x",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    # wide: the two bump panels on top of each other, then the sum, then the error (two rows of two);
    # narrow: all four stacked
    fig = layout.figure(5.6, 9.4)
    spec = fig.add_gridspec(*layout.pick((2, 2), (4, 1)), height_ratios=layout.pick([1, 1.1], [1, 1.2, 1.3, 1.3]))
    ax_steps = fig.add_subplot(spec[0, 0])
    ax_pair = fig.add_subplot(spec[layout.pick((1, 0), (1, 0))], sharex=ax_steps)
    ax_sum = fig.add_subplot(spec[layout.pick((0, 1), (2, 0))])
    ax_err = fig.add_subplot(spec[layout.pick((1, 1), (3, 0))])

    x = np.linspace(-2, 2, 2001)
    up, down, bump = universal_approximation.single_bump(x, S1, S2, HEIGHT)
    ax_steps.plot(x, up, color=PALETTE[0], linestyle=LINESTYLES[0], lw=1.8, label=text["up"])
    ax_steps.plot(x, down, color=PALETTE[1], linestyle=LINESTYLES[1], lw=1.8, label=text["down"])
    ax_steps.set(ylim=(-0.1, 1.45), title=layout.wrap(text["steps"].format(w=universal_approximation.STEEP), 44, 56))
    ax_steps.tick_params(labelbottom=False)
    ax_steps.legend(loc="upper left", ncol=2, columnspacing=1.0, handlelength=1.6)

    ax_pair.fill_between(x, 0, bump, color=PALETTE[2], alpha=0.25, lw=0)
    ax_pair.plot(x, bump, color=PALETTE[2], linestyle=LINESTYLES[0], lw=2.0, label=text["bump"])
    for s, name in ((S1, "s_1"), (S2, "s_2")):
        ax_pair.annotate(f"${name} = -b/w = {s:g}$", xy=(s, 0), xytext=(s, -0.3), ha="center", fontsize=SMALLEST,
                         arrowprops={"arrowstyle": "-", "color": "grey", "lw": 0.8})
    ax_pair.annotate("h", xy=(-0.25, HEIGHT), xytext=(-0.25, HEIGHT / 2), ha="center", va="center", fontsize=10,
                     arrowprops={"arrowstyle": "<->", "color": "black", "lw": 0.8})
    ax_pair.set(ylim=(-0.5, 1.25), xlabel=text["x"], title=layout.wrap(text["pair"], 44, 56))
    ax_pair.legend(loc="upper right")

    _, _, grid = universal_approximation.uat_data()
    n = universal_approximation.SHOWN_BUMPS
    ax_sum.plot(grid, universal_approximation.uat_target(grid), color="black", linestyle=LINESTYLES[1], lw=1.4,
                label=text["target"])
    ax_sum.plot(grid, universal_approximation.bump_output(n, grid), color=PALETTE[4], linestyle=LINESTYLES[0], lw=1.8,
                label=text["approx"])
    ax_sum.set(ylim=(-1.25, 1.25), xlabel=text["x"], title=layout.wrap(text["sum"].format(n=n, units=2 * n), 44, 56))
    ax_sum.legend(loc="upper left")

    counts = np.array(universal_approximation.BUMP_COUNTS)
    errors = universal_approximation.bump_errors()
    ax_err.plot(counts, errors, color=PALETTE[4], linestyle=LINESTYLES[0], marker="s", label=text["measured"])
    ax_err.plot(counts, errors[-1] * counts[-1] / counts, color="grey", linestyle=LINESTYLES[3], lw=1.2,
                label=text["slope"])
    ax_err.set(xscale="log", yscale="log", xlabel=text["n"], ylabel=text["max_error"], title=layout.wrap(text["error"], 44, 56))
    ax_err.xaxis.set_major_locator(FixedLocator(counts))
    ax_err.xaxis.set_major_formatter(PLAIN_TICKS)
    ax_err.xaxis.set_minor_locator(NullLocator())
    ax_err.yaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1]))
    ax_err.set_ylim(0.025, 2)
    ax_err.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_err.yaxis.set_minor_formatter(NullFormatter())
    ax_err.legend(loc="lower left")
    return fig


if __name__ == "__main__":
    render(draw)
