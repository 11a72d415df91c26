"""Per-layer gradient norm ‖∂L/∂b_l‖ at initialization in 10-hidden-layer nets of width 100:
sigmoid and tanh with Xavier init, ReLU with He, with Xavier and with twice He's std.

Every value comes from ``nnnotes.experiments.gradient_flow.deep_bias_gradients``; the dotted
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

from nnnotes.experiments import gradient_flow as gf  # noqa: E402

TEXT = {
    "ko": {
        "sigmoid_xavier": "시그모이드, Xavier",
        "tanh_xavier": "tanh, Xavier",
        "relu_he": "ReLU, He",
        "relu_xavier": "ReLU, Xavier",
        "relu_he_x2": "ReLU, He의 2배 표준편차",
        "bound": "층마다 1/4씩 줄어드는 선",
        "x": "은닉층 l (1 = 입력 쪽, 10 = 출력 쪽)",
        "y": r"$\|\partial L/\partial b_l\|$ (로그 축)",
    },
    "en": {
        "sigmoid_xavier": "sigmoid, Xavier",
        "tanh_xavier": "tanh, Xavier",
        "relu_he": "ReLU, He",
        "relu_xavier": "ReLU, Xavier",
        "relu_he_x2": "ReLU, twice He's std",
        "bound": "shrinking by 1/4 per layer",
        "x": "hidden layer l (1 = next to the input, 10 = next to the output)",
        "y": r"$\|\partial L/\partial b_l\|$ (log scale)",
    },
}
MARKERS = ("o", "s", "^", "v", "D")
# powers of ten in math text: the math font has the minus sign that NanumGothic lacks
POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{round(np.log10(v))}}}$")


def draw(lang, layout):
    text = TEXT[lang]
    layers = np.arange(1, gf.DEEP_DEPTH + 1)
    fig, (ax,) = layout.panels(1, height=3.6, narrow_height=3.4)
    for setting, color, style, marker in zip(gf.DEEP_SETTINGS, PALETTE, LINESTYLES, MARKERS):
        ax.plot(layers, gf.deep_bias_gradients(setting), color=color, linestyle=style, marker=marker,
                markersize=4, label=layout.wrap(text[setting], 22, 30))
    top = gf.deep_bias_gradients("sigmoid_xavier")[-1]
    bound = top * gf.sigmoid_slope_bound() ** (gf.DEEP_DEPTH - layers)
    ax.plot(layers, bound, color=PALETTE[7], linestyle=":", linewidth=1, label=layout.wrap(text["bound"], 22, 30))
    ax.set(yscale="log", xlabel=layout.wrap(text["x"], 60, 44), ylabel=text["y"], xticks=layers)
    ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    fig.legend(loc=layout.pick("outside right center", "outside lower center"), ncols=layout.pick(1, 2))
    return fig


if __name__ == "__main__":
    render(draw)
