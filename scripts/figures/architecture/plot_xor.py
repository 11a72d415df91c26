"""XOR: the best a line can do, against one hidden layer.

Left: logistic regression (MLP([2, 1])) trained on the XOR sample, its probability as the
background, its decision boundary, and the most accurate line found by exhaustive search.
Right: an MLP with one tanh hidden layer trained the same way: its probability, its decision
boundary p = 0.5, and the line w·x + b = 0 of each hidden unit.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, render
from matplotlib.colors import LinearSegmentedColormap

from nnnotes.evaluation import accuracy
from nnnotes.experiments.architecture import xor
from nnnotes.experiments.common import line_points

TEXT = {
    "ko": {
        "left": "로지스틱 회귀: 직선 하나",
        "right": "은닉층 하나 (tanh 뉴런 {h}개)",
        "class0": "클래스 0",
        "class1": "클래스 1",
        "logistic": "학습한 결정 경계 (정확도 {acc})",
        "best": "가장 좋은 직선 (정확도 {acc})",
        "mlp": "결정 경계 p = 0.5 (정확도 {acc})",
        "units": "은닉 뉴런마다 입력이 0인 직선",
        "prob": "예측 확률 P(y = 1 | x)",
    },
    "en": {
        "left": "Logistic regression: one line",
        "right": "One hidden layer ({h} tanh neurons)",
        "class0": "class 0",
        "class1": "class 1",
        "logistic": "learned decision boundary (accuracy {acc})",
        "best": "best possible line (accuracy {acc})",
        "mlp": "decision boundary p = 0.5 (accuracy {acc})",
        "units": "the line of each hidden neuron",
        "prob": "predicted probability P(y = 1 | x)",
    },
}

LIM = (-2.2, 2.2)
TINT = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "#ffffff", PALETTE[4]])
LEVELS = np.linspace(0, 1, 11)


def background(ax, net):
    gx, gy = np.meshgrid(np.linspace(*LIM, 221), np.linspace(*LIM, 221))
    p = xor.probability(net, np.column_stack([gx.ravel(), gy.ravel()])).reshape(gx.shape)
    return gx, gy, p, ax.contourf(gx, gy, p, levels=LEVELS, cmap=TINT, alpha=0.45)


def scatter(ax, X, y, text):
    ax.scatter(*X[y == 0].T, s=14, marker="o", color=PALETTE[0], edgecolor="white", linewidth=0.4,
               label=text["class0"], zorder=3)
    ax.scatter(*X[y == 1].T, s=18, marker="^", color=PALETTE[4], edgecolor="white", linewidth=0.4,
               label=text["class1"], zorder=3)


def draw(lang, layout):
    text = TEXT[lang]
    X, y = xor.xor_data()
    t = np.linspace(-5, 5, 2)
    fig, (left, right) = layout.panels(2, height=4.3, narrow_height=3.9)

    logistic, _ = xor.xor_logistic()
    *_, bands = background(left, logistic)
    scatter(left, X, y, text)
    w, b = logistic.params["W1"][:, 0], logistic.params["b1"][0]
    acc = accuracy(logistic, X, y)
    left.plot(*line_points(w, b, t).T, color="black", linestyle=LINESTYLES[0], lw=1.8,
              label=text["logistic"].format(acc=f"{acc:.1%}"))
    u, threshold, best = xor.best_line()
    left.plot(*line_points(u, -threshold, t).T, color=PALETTE[2], linestyle=LINESTYLES[1], lw=1.8,
              label=text["best"].format(acc=f"{best:.1%}"))
    left.set_title(text["left"])

    mlp, _ = xor.xor_mlp()
    gx, gy, p, _ = background(right, mlp)
    scatter(right, X, y, text)
    W1, b1 = mlp.params["W1"], mlp.params["b1"]
    for j in range(W1.shape[1]):
        right.plot(*line_points(W1[:, j], b1[j], t).T, color="0.35", linestyle=LINESTYLES[3], lw=1.1,
                   label=text["units"] if j == 0 else None)
    right.contour(gx, gy, p, levels=[0.5], colors="black", linewidths=1.8)
    acc = accuracy(mlp, X, y)
    right.plot([], [], color="black", lw=1.8, label=text["mlp"].format(acc=f"{acc:.0%}"))
    right.set_title(text["right"].format(h=W1.shape[1]))

    for ax in (left, right):
        ax.set(xlim=LIM, ylim=LIM, aspect="equal", xlabel="$x_1$", ylabel="$x_2$")
        ax.grid(False)
        handles, labels = ax.get_legend_handles_labels()
        order = [2, 3, 0, 1]
        ax.legend([handles[i] for i in order], [layout.wrap(labels[i], 28, 30) for i in order],
                  loc="upper center", bbox_to_anchor=(0.5, -0.16),
                  ncol=layout.pick(1, 2), handlelength=2.2)
    colorbar = fig.colorbar(bands, ax=[left, right], fraction=0.03, pad=0.02, shrink=0.7,
                            location=layout.pick("right", "bottom"))
    colorbar.set_label(text["prob"])
    return fig


if __name__ == "__main__":
    render(draw)
