"""The scaled net against the ensemble of thinned nets.

Left: how far the average of K thinned nets' class probabilities is from the average of the
largest ensemble, against K, and how far the scaled net (test time, every unit, no scaling
after inverted dropout) is from it (dashed line). Right: each held-out point's class
probabilities under the scaled net against the largest ensemble's. All values come from
``losses_and_regularization.dropout.ensemble_gaps``.
"""

import numpy as np
from matplotlib.ticker import FixedLocator, NullFormatter
from sitebuild.figstyle import PALETTE, PLAIN_TICKS, render

from nnnotes.experiments.losses_and_regularization import dropout

TEXT = {
    "ko": {
        "convergence": "솎아 낸 신경망 K개의 평균",
        "thinned": "K개의 평균",
        "scaled": "테스트 때 신경망",
        "K": "솎아 낸 신경망의 수 K (로그 눈금)",
        "distance": "{n}개 평균과의 거리 (로그 눈금)",
        "scatter": "점별 클래스 확률",
        "ensemble": "솎아 낸 신경망 {n}개의 평균 확률",
        "test": "테스트 때 신경망의 확률",
    },
    "en": {
        "convergence": "Average of K thinned nets",
        "thinned": "average of K",
        "scaled": "test-time net",
        "K": "number of thinned nets K (log scale)",
        "distance": "distance from the average of {n} (log scale)",
        "scatter": "Class probabilities, point by point",
        "ensemble": "mean probability of {n} thinned nets",
        "test": "probability under the test-time net",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_k, ax_p) = layout.panels(2, height=3.5, narrow_height=3.3)
    g = dropout.ensemble_gaps()
    sizes = np.array(dropout.ENSEMBLE_SIZES[:-1])
    n = dropout.LARGEST_ENSEMBLE
    ax_k.plot(sizes, g.noise[:-1], color=PALETTE[0], marker="o", markersize=5, label=text["thinned"])
    ax_k.axhline(g.gap[-1], color=PALETTE[4], linestyle="--", lw=1.6, label=text["scaled"])
    ax_k.set(xscale="log", yscale="log", xlabel=text["K"], ylabel=layout.wrap(text["distance"].format(n=n), 30, 24),
             title=text["convergence"])
    ax_k.xaxis.set_major_formatter(PLAIN_TICKS)
    ax_k.yaxis.set_major_locator(FixedLocator([0.002, 0.005, 0.01, 0.02, 0.05]))
    ax_k.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_k.yaxis.set_minor_formatter(NullFormatter())
    ax_k.legend(loc="lower left")

    ax_p.plot([0, 1], [0, 1], color="0.6", lw=1, linestyle=":")
    ax_p.plot(g.largest.ravel(), g.scaled.ravel(), linestyle="none", marker="o", markersize=3.5,
              markerfacecolor="none", color=PALETTE[2])
    ax_p.set(xlabel=layout.wrap(text["ensemble"].format(n=n), 30, 40), ylabel=layout.wrap(text["test"], 26, 40),
             title=text["scatter"], xlim=(-0.02, 1.02), ylim=(-0.02, 1.02), aspect="equal")
    return fig


if __name__ == "__main__":
    render(draw)
