"""AND, OR and XOR on {0, 1}²: a single neuron's linear decision boundary separates the first
two; no line separates XOR, where the best line gets 3 of the 4 points right.

The AND and OR boundaries are those of a trained sigmoid neuron (w·x + b = 0); for XOR the
trained neuron's weights shrink to zero, so the panel shows the best line of an exhaustive
search (nnnotes.experiments.activations.nonlinearity.train_neuron / best_line).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, render

from nnnotes.experiments.activations import nonlinearity

TEXT = {
    "ko": {
        "and": "AND",
        "or": "OR",
        "xor": "XOR",
        "trained": "학습한 뉴런: 정확도 {acc:.0%}",
        "best": "가장 좋은 직선도 4개 중 {right}개만 맞힘",
        "zero": "출력 0",
        "one": "출력 1",
        "x1": "$x_1$",
        "x2": "$x_2$",
    },
    "en": {
        "and": "AND",
        "or": "OR",
        "xor": "XOR",
        "trained": "trained neuron: accuracy {acc:.0%}",
        "best": "best line: only {right} of 4 right",
        "zero": "output 0",
        "one": "output 1",
        "x1": "$x_1$",
        "x2": "$x_2$",
    },
}
LIM = (-0.5, 1.5)


def line_points(u, t):
    """Two points of the line u·x = t spanning the axes' range."""
    if abs(u[1]) > abs(u[0]):
        xs = np.array(LIM)
        return xs, (t - u[0] * xs) / u[1]
    ys = np.array(LIM)
    return (t - u[1] * ys) / u[0], ys


def draw(lang, layout):
    text = TEXT[lang]
    fig, axes = layout.panels(3, narrow_cols=3, height=2.9, narrow_height=3.0, sharey=True)
    X = nonlinearity.BOOLEAN_INPUTS
    for ax, gate in zip(axes, ("and", "or", "xor")):
        y = nonlinearity.BOOLEAN_TARGETS[gate]
        if gate == "xor":
            u, t, accuracy = nonlinearity.best_line(gate)
            caption = text["best"].format(right=round(accuracy * len(y)))
            style = "--"
        else:
            fit = nonlinearity.train_neuron(gate)
            u, t = fit.w, -fit.b
            caption = text["trained"].format(acc=fit.accuracy)
            style = "-"
        ax.plot(*line_points(u, t), color=PALETTE[2], linestyle=style, linewidth=1.8)
        ax.scatter(*X[y == 0].T, s=layout.pick(90, 50), marker="o", facecolor="white", edgecolor=PALETTE[0],
                   linewidth=2, label=text["zero"], zorder=3)
        ax.scatter(*X[y == 1].T, s=layout.pick(90, 50), marker="s", color=PALETTE[4], label=text["one"], zorder=3)
        ax.set_title(f"{text[gate]}\n{layout.wrap(caption, 26, 14)}")
        ax.set(xlim=LIM, ylim=LIM, xlabel=text["x1"], aspect="equal", xticks=[0, 1], yticks=[0, 1])
    axes[0].set_ylabel(text["x2"])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncol=2)
    return fig


if __name__ == "__main__":
    render(draw)
