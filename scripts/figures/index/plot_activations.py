"""Sigmoid, tanh, ReLU, Leaky ReLU and ELU with their derivatives, computed by nnnotes.

The derivative is what each function's backward pass returns for an upstream gradient of
ones, so the right panel shows the very numbers backpropagation multiplies by.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, render

from nnnotes.activations import get_activation

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU (α=0.01)", "elu": "ELU (α=1)"}
TEXT = {
    "ko": {"f": "활성화 함수 f(x)", "df": "도함수 f′(x)", "x": "입력 x"},
    "en": {"f": "activation f(x)", "df": "derivative f′(x)", "x": "input x"},
}


def draw(lang):
    text = TEXT[lang]
    # an even number of points keeps x = 0 (the kink of ReLU-like functions) off the grid
    x = np.linspace(-4, 4, 400)
    fig, (ax_f, ax_df) = plt.subplots(1, 2, sharex=True)
    for name, style in zip(NAMES, LINESTYLES):
        act = get_activation(name)
        out, cache = act.forward(x)
        slope = act.backward(np.ones_like(x), cache)
        ax_f.plot(x, out, linestyle=style, label=LABELS[name])
        ax_df.plot(x, slope, linestyle=style, label=LABELS[name])
    ax_f.set(title=text["f"], xlabel=text["x"], ylim=(-1.5, 4))
    ax_df.set(title=text["df"], xlabel=text["x"], ylim=(-0.1, 1.1))
    ax_f.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    return fig


if __name__ == "__main__":
    render(draw)
