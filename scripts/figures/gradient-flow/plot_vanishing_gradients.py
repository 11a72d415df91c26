"""Per-layer gradient norm ‖∂L/∂b_l‖ at initialization in 10-hidden-layer nets of width 100:
sigmoid and tanh with Xavier init, ReLU with He, with Xavier and with twice He's std.

Every value comes from ``nnnotes.experiments.gradient_flow.vanishing.deep_bias_gradients``; the dotted
line multiplies the sigmoid net's top-layer norm by σ′(0) = 1/4 once per layer.
"""

import os

# Figures render in parallel and these matrices are small: one BLAS thread avoids oversubscribing
# the cores (set before NumPy loads OpenBLAS).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sitebuild.figstyle import LINESTYLES, PALETTE, render  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from nnnotes.experiments.gradient_flow import vanishing  # noqa: E402

TEXT = {
    "ko": {
        "sigmoid_xavier": "시그모이드, Xavier",
        "tanh_xavier": "tanh, Xavier",
        "relu_he": "ReLU, He",
        "relu_xavier": "ReLU, Xavier",
        "relu_he_x2": "ReLU, 표준편차가 He의 2배",
        "bound": "층마다 1/4배가 되는 선",
        "x": "은닉층 l (1 = 입력 쪽, 10 = 출력 쪽)",
        "y": r"$\|\partial \mathcal{L}/\partial b_l\|$ (로그 축)",
    },
    "en": {
        "sigmoid_xavier": "sigmoid, Xavier",
        "tanh_xavier": "tanh, Xavier",
        "relu_he": "ReLU, He",
        "relu_xavier": "ReLU, Xavier",
        "relu_he_x2": "ReLU, twice He's std",
        "bound": "shrinking by 1/4 per layer",
        "x": "hidden layer l (1 = next to the input, 10 = next to the output)",
        "y": r"$\|\partial \mathcal{L}/\partial b_l\|$ (log scale)",
    },
}
MARKERS = ("o", "s", "^", "v", "D")
# powers of ten in math text: the math font has the minus sign that NanumGothic lacks
POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{round(np.log10(v))}}}$")


def draw(lang, layout):
    text = TEXT[lang]
    layers = np.arange(1, vanishing.DEEP_DEPTH + 1)
    fig, (ax,) = layout.panels(1, height=3.6, narrow_height=3.4)
    for setting, color, style, marker in zip(vanishing.DEEP_SETTINGS, PALETTE, LINESTYLES, MARKERS):
        ax.plot(layers, vanishing.deep_bias_gradients(setting), color=color, linestyle=style, marker=marker,
                markersize=4, label=layout.wrap(text[setting], 22, 30))
    top = vanishing.deep_bias_gradients("sigmoid_xavier")[-1]
    bound = top * vanishing.sigmoid_slope_bound() ** (vanishing.DEEP_DEPTH - layers)
    ax.plot(layers, bound, color=PALETTE[7], linestyle=":", linewidth=1, label=layout.wrap(text["bound"], 22, 30))
    ax.set(yscale="log", xlabel=layout.wrap(text["x"], 60, 44), ylabel=text["y"], xticks=layers)
    ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    fig.legend(loc=layout.pick("outside right center", "outside lower center"), ncols=layout.pick(1, 2))
    return fig


if __name__ == "__main__":
    render(draw)
