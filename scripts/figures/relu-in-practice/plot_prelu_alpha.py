"""PReLU learns its negative slope: the per-unit slopes α_j during training and where they end.

Left: α over the epochs for every hidden unit of every seed — median, 25–75% and 10–90% bands,
mean — starting from 0.25. Right: histogram of the final slopes. Every value comes from
``nnnotes.experiments.relu_in_practice.prelu.prelu_training``.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, SMALLEST, render

from nnnotes.experiments.relu_in_practice import prelu, spirals

TEXT = {
    "ko": {
        "left": "학습 중 유닛별 음수 구간 계수 α (유닛 {n}개 × 시드 {s}개)",
        "right": "{e} 에포크 뒤의 α",
        "x": "에포크",
        "alpha": "음수 구간 계수 α",
        "units": "유닛 수",
        "median": "중앙값",
        "mean": "평균",
        "q50": "가운데 50%",
        "q80": "가운데 80%",
        "init": "초깃값 0.25",
        "relu": "α = 0 (ReLU)",
    },
    "en": {
        "left": "per-unit slope α during training ({n} units × {s} seeds)",
        "right": "α after {e} epochs",
        "x": "epoch",
        "alpha": "negative-side slope α",
        "units": "units",
        "median": "median",
        "mean": "mean",
        "q50": "middle 50%",
        "q80": "middle 80%",
        "init": "initial value 0.25",
        "relu": "α = 0 (ReLU)",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    alphas, _ = prelu.prelu_training()
    pooled = alphas.transpose(1, 0, 2).reshape(alphas.shape[1], -1)  # (epochs + 1, seeds · units)
    epochs = np.arange(pooled.shape[0])
    p10, p25, p50, p75, p90 = np.percentile(pooled, [10, 25, 50, 75, 90], axis=1)
    fig, (ax, ax_hist) = layout.panels(2, height=3.3, narrow_height=3.0, sharey=True,
                                       **layout.pick({"width_ratios": (1.6, 1)}, {}))
    ax.fill_between(epochs, p10, p90, color=PALETTE[0], alpha=0.15, linewidth=0, label=text["q80"])
    ax.fill_between(epochs, p25, p75, color=PALETTE[0], alpha=0.3, linewidth=0, label=text["q50"])
    ax.plot(epochs, p50, color=PALETTE[0], linestyle=LINESTYLES[0], linewidth=1.8, label=text["median"])
    ax.plot(epochs, pooled.mean(axis=1), color=PALETTE[4], linestyle=LINESTYLES[1], linewidth=1.6, label=text["mean"])
    for axis in (ax, ax_hist):
        axis.axhline(prelu.PRELU_ALPHA0, color="#000000", linestyle=":", linewidth=1)
        axis.axhline(0, color="#000000", linestyle="-", linewidth=0.8)
    ax.text(epochs[-1], prelu.PRELU_ALPHA0 + 0.02, text["init"], ha="right", va="bottom", fontsize=SMALLEST)
    ax.text(epochs[-1], 0.02, text["relu"], ha="right", va="bottom", fontsize=SMALLEST)
    ax.set(xlim=(0, epochs[-1]), xlabel=text["x"], ylabel=text["alpha"])
    ax.set_title(layout.wrap(text["left"].format(n=spirals.WIDTH, s=len(spirals.SEEDS)), 44, 56))
    ax.legend(loc="lower left", ncols=2)
    low, high = np.floor(pooled.min() * 4) / 4, np.ceil(pooled.max() * 4) / 4  # whole quarters
    ax_hist.hist(pooled[-1], bins=np.arange(low, high + 0.01, 0.1), orientation="horizontal", color=PALETTE[0],
                 alpha=0.8, edgecolor="white", linewidth=0.5)
    ax_hist.set(xlabel=text["units"], ylim=(low, high))
    ax_hist.set_title(layout.wrap(text["right"].format(e=epochs[-1]), 26, 56))
    if layout.narrow:
        ax_hist.tick_params(labelleft=True)
    return fig


if __name__ == "__main__":
    render(draw)
