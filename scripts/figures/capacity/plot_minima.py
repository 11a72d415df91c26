"""Final training loss over 20 seeds for a small (4 units) and a large (40 units) net.

Both nets are MLP([2, H, 5]) with ReLU on the same 5-arm spirals, trained with the same
learning rate and epochs (softmax cross-entropy, full-batch gradient descent with momentum);
only the initialization seed changes. Left: each run's final training loss. Right: every
run's training loss over the epochs.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, render
from matplotlib.ticker import FixedLocator, NullFormatter

from nnnotes.experiments.capacity import minima


TEXT = {
    "ko": {
        "final": "시드 {n}개의 최종 학습 손실",
        "loss": "교차 엔트로피 (로그 눈금)",
        "net": "은닉 뉴런 {h}개",
        "spread": "표준편차 {std:.2g}",
        "curves": "학습 곡선 (시드마다 선 하나)",
        "epoch": "에포크",
    },
    "en": {
        "final": "Final training loss of {n} seeds",
        "loss": "cross-entropy (log scale)",
        "net": "{h} hidden neurons",
        "spread": "std {std:.2g}",
        "curves": "Training curves (one line per seed)",
        "epoch": "epoch",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_final, ax_curves) = layout.panels(2, height=3.6, narrow_height=3.0,
                                                **layout.pick({"width_ratios": [1, 1.3]}, {}))
    labels = []
    for i, width in enumerate(minima.MINIMA_WIDTHS):
        runs = minima.minima_runs(width)
        color, marker = PALETTE[2 * i], ("o", "s")[i]
        jitter = np.linspace(-0.2, 0.2, len(runs.final_loss))  # one column per seed, in seed order
        ax_final.plot(i + jitter, runs.final_loss, linestyle="none", marker=marker, markersize=5,
                      markerfacecolor="none", color=color)
        labels.append(f"{text['net'].format(h=width)}\n{layout.wrap(text['spread'].format(std=runs.final_loss.std()), 16, 30)}")
        epochs = np.arange(runs.curves.shape[0]) * minima.RECORD_EVERY
        for k in range(runs.curves.shape[1]):
            ax_curves.plot(epochs, runs.curves[:, k], color=color, linestyle=LINESTYLES[i], lw=0.9, alpha=0.7,
                           label=text["net"].format(h=width) if k == 0 else None)
    ax_final.set_xticks([0, 1])
    ax_final.set_xticklabels(labels)
    ax_final.set_xlim(-0.6, 1.6)
    for ax in (ax_final, ax_curves):
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(FixedLocator([0.1, 0.2, 0.5, 1, 2]))
        ax.yaxis.set_major_formatter(PLAIN_TICKS)
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.set_ylim(0.1, 2)
        ax.set_ylabel(text["loss"])
    ax_final.set_title(layout.wrap(text["final"].format(n=len(minima.MINIMA_SEEDS)), 34, 60))
    ax_curves.set(xlabel=text["epoch"], title=layout.wrap(text["curves"], 40, 60))
    ax_curves.legend(loc="lower left")
    return fig


if __name__ == "__main__":
    render(draw)
