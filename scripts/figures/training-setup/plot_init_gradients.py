"""Per-layer gradient norms of a 10-layer, 500-unit net for five initializations.

Left: ‖∂L/∂b_l‖, the size of the gradient δ_l that reaches layer l. Right: ‖∂L/∂W_l‖, the
weight gradient, δ_l multiplied by the layer's input. Layer 11 is the output layer. One
backward pass each from the same random upstream gradient (``training_setup.initialization.init_gradients``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, SMALLEST, render
from matplotlib.ticker import NullFormatter

from nnnotes.experiments.training_setup import initialization

SETTINGS = tuple(initialization.INIT_SETTINGS)
STYLE = {key: (PALETTE[i], LINESTYLES[i], "osD^v"[i]) for i, key in enumerate(SETTINGS)}


TEXT = {
    "ko": {
        "tanh_small": "tanh, 0.01·N(0, 1)",
        "tanh_large": "tanh, 1.0·N(0, 1)",
        "tanh_xavier": "tanh, Xavier",
        "relu_xavier": "ReLU, Xavier",
        "relu_he": "ReLU, He",
        "layer": "층 (11 = 출력층)",
        "bias": "각 층에 도달한 기울기 ‖∂L/∂b‖",
        "weight": "가중치의 기울기 ‖∂L/∂W‖",
        "norm": "노름 (로그 눈금)",
        "input": "← 입력 쪽",
        "output": "출력 쪽 →",
    },
    "en": {
        "tanh_small": "tanh, 0.01·N(0, 1)",
        "tanh_large": "tanh, 1.0·N(0, 1)",
        "tanh_xavier": "tanh, Xavier",
        "relu_xavier": "ReLU, Xavier",
        "relu_he": "ReLU, He",
        "layer": "layer (11 = output layer)",
        "bias": "Gradient reaching each layer, ‖∂L/∂b‖",
        "weight": "Weight gradient ‖∂L/∂W‖",
        "norm": "norm (log scale)",
        "input": "← input side",
        "output": "output side →",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_b, ax_w) = layout.panels(2, height=3.6, narrow_height=3.0)
    layers = np.arange(1, initialization.INIT_DEPTH + 2)
    for key in SETTINGS:
        grads = initialization.init_gradients(key)
        colour, style, marker = STYLE[key]
        ax_b.plot(layers, grads.bias, color=colour, linestyle=style, marker=marker, ms=4, label=text[key])
        ax_w.plot(layers, grads.weight, color=colour, linestyle=style, marker=marker, ms=4, label=text[key])
    for ax, key in ((ax_b, "bias"), (ax_w, "weight")):
        ax.set(xlabel=text["layer"], ylabel=text["norm"], title=layout.wrap(text[key], 40, 56), yscale="log",
               xticks=layers)
        ax.yaxis.set_major_formatter(PLAIN_TICKS)
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.text(0.0, -0.2, text["input"], transform=ax.transAxes, fontsize=SMALLEST, color="0.35", ha="left", va="top")
        ax.text(1.0, -0.2, text["output"], transform=ax.transAxes, fontsize=SMALLEST, color="0.35", ha="right", va="top")
    fig.legend(*ax_w.get_legend_handles_labels(), loc="outside lower center", ncol=layout.pick(3, 2))
    return fig


if __name__ == "__main__":
    render(draw)
