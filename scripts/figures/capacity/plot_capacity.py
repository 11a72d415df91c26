"""Decision regions of one-hidden-layer nets with 3, 6 and 20 units on the same noisy XOR data.

Each panel shades σ(score) of MLP([2, H, 1]) (ReLU, binary cross-entropy, full-batch gradient
descent with momentum, seed 0) on a grid, draws the decision boundary σ = 0.5 and the 100
training points. Titles give the training and held-out accuracy, averaged over 5 seeds.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, render
from matplotlib.colors import LinearSegmentedColormap

from nnnotes.activations import get_activation
from nnnotes.evaluation import decision_grid
from nnnotes.experiments.capacity import overfitting

TEXT = {
    "ko": {
        "title": "은닉 뉴런 {h}개",
        "acc": "학습 {train:.0%} · 평가 {test:.1%}",
        "class0": "클래스 0",
        "class1": "클래스 1",
        "prob": "σ(점수): 클래스 1의 확률",
    },
    "en": {
        "title": "{h} hidden neurons",
        "acc": "train {train:.0%} · held-out {test:.1%}",
        "class0": "class 0",
        "class1": "class 1",
        "prob": "σ(score): probability of class 1",
    },
}

EXTENT = (-3.2, 3.2, -3.2, 3.2)
TINT = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "#ffffff", PALETTE[4]])
LEVELS = np.linspace(0, 1, 11)


def regions(ax, net, X, y, text):
    """Shade σ(score) of ``net``, draw its boundary and the training points; return the shading."""
    xs, ys, scores = decision_grid(net, EXTENT)
    p = get_activation("sigmoid").forward(scores[:, :, 0])[0]
    shading = ax.contourf(xs, ys, p, levels=LEVELS, cmap=TINT, alpha=0.45)
    ax.contour(xs, ys, p, levels=[0.5], colors="black", linewidths=1.2)
    ax.scatter(*X[y == 0].T, s=16, marker="o", color=PALETTE[0], edgecolor="white", linewidth=0.4,
               label=text["class0"], zorder=3)
    ax.scatter(*X[y == 1].T, s=20, marker="^", color=PALETTE[4], edgecolor="white", linewidth=0.4,
               label=text["class1"], zorder=3)
    ax.set(xlim=EXTENT[:2], ylim=EXTENT[2:], aspect="equal")
    ax.grid(False)
    return shading


def draw(lang, layout):
    text = TEXT[lang]
    X, y, _, _ = overfitting.xor_data()
    fig, axes = layout.panels(3, narrow_cols=2, height=2.9, narrow_height=2.6)
    for ax, width in zip(axes, overfitting.SIZE_WIDTHS):
        runs = overfitting.size_runs(width)
        shading = regions(ax, runs.shown, X, y, text)
        acc = text["acc"].format(train=runs.train_accuracy.mean(), test=runs.test_accuracy.mean())
        ax.set_title(f"{text['title'].format(h=width)}\n{layout.wrap(acc, 26, 26)}")
        ax.set_xticks([-2, 0, 2])
        ax.set_yticks([-2, 0, 2])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center", ncols=2)
    colorbar = fig.colorbar(shading, ax=axes, fraction=0.03, pad=0.02, shrink=0.8,
                            location=layout.pick("right", "bottom"))
    colorbar.set_label(text["prob"])
    return fig


if __name__ == "__main__":
    render(draw)
