"""Sigmoid, tanh, ReLU, Leaky ReLU and ELU with their derivatives, computed by nnnotes.

The derivative is what each function's backward pass returns for an upstream gradient of
ones, so the right panel shows the very numbers backpropagation multiplies by.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import render, series

from nnnotes.activations import get_activation

NAMES = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
LABELS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "leaky_relu": "Leaky ReLU (α=0.01)", "elu": "ELU (α=1)"}
TEXT = {
    "ko": {"f": "활성화 함수 f(x)", "df": "도함수 f′(x)", "x": "입력 x"},
    "en": {"f": "activation f(x)", "df": "derivative f′(x)", "x": "input x"},
}


def draw(lang, layout):
    text = TEXT[lang]
    # an even number of points keeps x = 0 (the kink of ReLU-like functions) off the grid
    x = np.linspace(-4, 4, 400)
    fig, (ax_f, ax_df) = layout.panels(2, sharex=True, height=3.3, narrow_height=2.6)
    for i, name in enumerate(NAMES):
        act = get_activation(name)
        out, cache = act.forward(x)
        slope = act.backward(np.ones_like(x), cache)
        style = series(i, len(NAMES), x.size)
        ax_f.plot(x, out, label=LABELS[name], **style)
        ax_df.plot(x, slope, **style)
    ax_f.set(title=text["f"], ylim=(-1.5, 4))
    ax_df.set(title=text["df"], xlabel=text["x"], ylim=(-0.1, 1.1))
    if layout.narrow:
        ax_f.tick_params(labelbottom=True)
        fig.legend(loc="outside lower center", ncols=2)
    else:
        ax_f.set_xlabel(text["x"])
        ax_f.legend(loc="upper left")
    return fig


if __name__ == "__main__":
    render(draw)
