"""Nielsen's "speed of learning" ‖∂C/∂b_l‖ of each hidden layer of a sigmoid net on the
synthetic 784-feature stand-in for his 1000 MNIST images: at initialization (median and
range over 20 seeds, both nets) and during 500 epochs of full-batch gradient descent (seed 0).

Every value comes from ``nnnotes.experiments.gradient_flow.nielsen``.
"""

import os

# Figures render in parallel and these matrices are small: one BLAS thread avoids oversubscribing
# the cores (set before NumPy loads OpenBLAS).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sitebuild.figstyle import LINESTYLES, PALETTE, render  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from nnnotes.experiments.gradient_flow import nielsen  # noqa: E402

TEXT = {
    "ko": {
        "init": "초기화 직후 (시드 20개의 중앙값, 세로선은 범위)",
        "two": "학습 중: 은닉층 2개 (시드 0)",
        "three": "학습 중: 은닉층 3개 (시드 0)",
        "layer": "은닉층 {}",
        "net": "은닉층 {}개",
        "speed": r"학습 속도 $\|\partial C/\partial b_l\|$ (로그 축)",
        "epoch": "에포크",
    },
    "en": {
        "init": "at initialization (median of 20 seeds, lines = range)",
        "two": "training: 2 hidden layers (seed 0)",
        "three": "training: 3 hidden layers (seed 0)",
        "layer": "hidden layer {}",
        "net": "{} hidden layers",
        "speed": r"speed of learning $\|\partial C/\partial b_l\|$ (log scale)",
        "epoch": "epoch",
    },
}
# powers of ten in math text: the math font has the minus sign that NanumGothic lacks
POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{round(np.log10(v))}}}$")


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_bars, ax_two, ax_three) = layout.panels(3, cols=3, height=3.4, narrow_height=2.5)
    ax_three.sharey(ax_two)

    width = 0.25
    for group, n_hidden in enumerate((2, 3)):
        median, low, high = nielsen.speed_summary(n_hidden)
        for l in range(n_hidden):
            x = group + (l - (n_hidden - 1) / 2) * width
            ax_bars.bar(x, median[l], width * 0.9, color=PALETTE[l], hatch=("", "//", "..")[l], edgecolor="white")
            ax_bars.plot([x, x], [low[l], high[l]], color=PALETTE[7], linewidth=1)
    ax_bars.set(yscale="log", xticks=[0, 1], xticklabels=[text["net"].format(2), text["net"].format(3)],
                ylabel=layout.wrap(text["speed"], 60, 24))
    ax_bars.set_title(layout.wrap(text["init"], 26, 56))

    for ax, n_hidden, key in ((ax_two, 2, "two"), (ax_three, 3, "three")):
        speeds, _ = nielsen.speeds_during_training(n_hidden)
        epochs = np.arange(speeds.shape[0])
        for l in range(n_hidden):
            ax.plot(epochs, speeds[:, l], color=PALETTE[l], linestyle=LINESTYLES[l], label=text["layer"].format(l + 1))
        ax.set(yscale="log", xlabel=text["epoch"])
        ax.set_title(layout.wrap(text[key], 26, 56))
    for ax in (ax_bars, ax_two, ax_three):
        ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    handles, labels = ax_three.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=3)
    return fig


if __name__ == "__main__":
    render(draw)
