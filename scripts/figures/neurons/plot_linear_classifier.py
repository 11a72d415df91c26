"""One neuron as a linear classifier, trained by nnnotes with two losses.

Left: the two-class sample, the probability σ(w·x + b) of the logistic neuron (filled
bands), its decision boundary σ = 0.5, and the boundary and margins s = ±1 of the same
neuron trained with the hinge loss. Right: the two losses of one sample as functions of
its margin t·s, evaluated by nnnotes.losses.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, render
from matplotlib.colors import LinearSegmentedColormap

from nnnotes.experiments import neurons

TEXT = {
    "ko": {
        "data": "뉴런 하나가 그은 결정 경계",
        "class0": "클래스 0",
        "class1": "클래스 1",
        "logistic": "로지스틱 (교차 엔트로피): σ = 0.5",
        "hinge": "힌지 (이진 SVM): s = 0",
        "margin": "힌지의 마진 s = ±1",
        "prob": "로지스틱 뉴런의 σ(w·x + b)",
        "losses": "마진에 따른 손실",
        "m": "마진 t·s  (t = ±1은 정답의 부호)",
        "loss": "샘플 하나의 손실",
        "bce": "교차 엔트로피 $\\log(1 + e^{-ts})$",
        "hinge_loss": "힌지 $\\max(0,\\ 1 - ts)$",
    },
    "en": {
        "data": "The decision boundary of one neuron",
        "class0": "class 0",
        "class1": "class 1",
        "logistic": "logistic (cross-entropy): σ = 0.5",
        "hinge": "hinge (binary SVM): s = 0",
        "margin": "hinge margins s = ±1",
        "prob": "σ(w·x + b) of the logistic neuron",
        "losses": "Loss against margin",
        "m": "margin t·s  (t = ±1, the correct sign)",
        "loss": "loss of one sample",
        "bce": "cross-entropy $\\log(1 + e^{-ts})$",
        "hinge_loss": "hinge $\\max(0,\\ 1 - ts)$",
    },
}

XLIM, YLIM = (-3.2, 4.2), (-3.2, 2.6)
# low probability of class 1 tinted like class 0's points, high like class 1's
TINT = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "#ffffff", PALETTE[4]])


def draw(lang, layout):
    text = TEXT[lang]
    X, y = neurons.data()
    logistic = neurons.train_neuron("binary_cross_entropy")
    hinge = neurons.train_neuron("binary_hinge")
    fig, (ax, ax_loss) = layout.panels(2, height=3.9, narrow_height=3.3, **layout.pick({"width_ratios": [1.25, 1]}, {}))

    # probability of the logistic neuron on a grid, as filled bands
    gx, gy = np.meshgrid(np.linspace(*XLIM, 200), np.linspace(*YLIM, 160))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    p = logistic.probability(grid).reshape(gx.shape)
    bands = ax.contourf(gx, gy, p, levels=[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1], cmap=TINT, alpha=0.3)
    colorbar = fig.colorbar(bands, ax=ax, fraction=0.05, pad=0.02)
    colorbar.set_label(text["prob"])
    ax.scatter(*X[y == 0].T, s=16, marker="o", color=PALETTE[0], edgecolor="white", linewidth=0.4,
               label=text["class0"], zorder=3)
    ax.scatter(*X[y == 1].T, s=20, marker="^", color=PALETTE[4], edgecolor="white", linewidth=0.4,
               label=text["class1"], zorder=3)

    t = np.linspace(-6, 6, 2)
    line = neurons.boundary_points(logistic, t)
    ax.plot(*line.T, color="black", linestyle=LINESTYLES[0], lw=1.8, label=text["logistic"])
    line = neurons.boundary_points(hinge, t)
    ax.plot(*line.T, color=PALETTE[2], linestyle=LINESTYLES[1], lw=1.8, label=text["hinge"])
    # the margins s = ±1 are the boundaries of the neuron with bias b ∓ 1
    for shift in (-1.0, 1.0):
        shifted = neurons.Neuron(hinge.w, hinge.b - shift, hinge.loss, hinge.accuracy)
        ax.plot(*neurons.boundary_points(shifted, t).T, color=PALETTE[2], linestyle=LINESTYLES[3], lw=1.3,
                label=text["margin"] if shift > 0 else None)
    ax.set(xlim=XLIM, ylim=YLIM, aspect="equal", xlabel="$x_1$", ylabel="$x_2$", title=text["data"])
    ax.grid(False)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, [layout.wrap(label, 30, 60) for label in labels], loc="outside lower center", ncol=layout.pick(3, 2))

    m = np.linspace(-3, 4, 281)
    losses = neurons.loss_vs_margin(m)
    ax_loss.plot(m, losses["binary_cross_entropy"], color="black", linestyle=LINESTYLES[0], label=text["bce"])
    ax_loss.plot(m, losses["binary_hinge"], color=PALETTE[2], linestyle=LINESTYLES[1], label=text["hinge_loss"])
    ax_loss.axvline(1.0, color="grey", lw=0.8, linestyle=LINESTYLES[3])
    ax_loss.set(xlabel=text["m"], ylabel=text["loss"], title=text["losses"], ylim=(-0.1, 4.1))
    ax_loss.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    render(draw)
