"""L1 against L2 at matched held-out accuracy: histograms of |w| on a log axis.

Each panel pools the weights W1 and W2 of the nets trained from every seed under one penalty
(``losses_and_regularization.sparsity``); the dashed line is the near-zero threshold, and the
label gives the share of weights below it and the nets' mean held-out accuracy.
"""

import numpy as np
from sitebuild.figstyle import PALETTE, PLAIN_TICKS, render

from nnnotes.experiments.losses_and_regularization import sparsity

TEXT = {
    "ko": {
        "l2": "L2 규제, λ = {lam:g}",
        "l1": "L1 규제, λ = {lam:g}",
        "weight": "가중치의 절댓값 |w| (로그 눈금)",
        "count": "가중치 수",
        "summary": "|w| < {t:g}: {share:.1%}\n평가 정확도 {acc:.1%}",
    },
    "en": {
        "l2": "L2 regularization, λ = {lam:g}",
        "l1": "L1 regularization, λ = {lam:g}",
        "weight": "absolute weight |w| (log scale)",
        "count": "number of weights",
        "summary": "|w| < {t:g}: {share:.1%}\nheld-out accuracy {acc:.1%}",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, axes = layout.panels(2, cols=2, height=3.2, narrow_height=2.5, sharex=True, sharey=True)
    runs = {"l2": (sparsity.l2_runs(), sparsity.L2_STRENGTH), "l1": (sparsity.l1_runs(), sparsity.L1_STRENGTH)}
    smallest = min(np.abs(r.weights).min() for r, _ in runs.values())
    largest = max(np.abs(r.weights).max() for r, _ in runs.values())
    bins = np.logspace(np.floor(np.log10(smallest)), np.ceil(np.log10(largest)), 41)
    for i, (ax, (key, (r, lam))) in enumerate(zip(axes, runs.items())):
        ax.hist(np.abs(r.weights).ravel(), bins=bins, color=PALETTE[2 * i], edgecolor="white", linewidth=0.4)
        ax.axvline(sparsity.NEAR_ZERO, color="black", linestyle="--", lw=1.2)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(PLAIN_TICKS)
        ax.set_title(text[key].format(lam=lam))
        ax.text(0.03, 0.96, text["summary"].format(t=sparsity.NEAR_ZERO, share=r.near_zero,
                                                    acc=r.test_accuracy.mean()),
                transform=ax.transAxes, ha="left", va="top")
        ax.set(xlabel=text["weight"])
    axes[0].set_ylabel(text["count"])
    if layout.narrow:
        axes[1].set_ylabel(text["count"])
    return fig


if __name__ == "__main__":
    render(draw)
