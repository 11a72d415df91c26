"""Output distributions of ReLU, Leaky ReLU, ELU and tanh for zero-mean inputs x ~ N(0, 1).

Histograms from nnnotes.monitoring.activation_histogram of the outputs computed by
nnnotes.experiments.activations.mean_activation.activation_outputs (seeded); the vertical lines mark
each output's measured mean and zero.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, SMALLEST, render

from nnnotes.experiments.activations import mean_activation, zoo

TEXT = {
    "ko": {
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU (α = {a:g})",
        "elu": "ELU (α = {a:g})",
        "tanh": "tanh",
        "mean": "평균 {m:.2f}",
        "zero": "0",
        "spike": "출력의 {p:.0%}가 정확히 0\n(막대 윗부분은 생략)",
        "spike_leaky": "출력의 {p:.0%}가 [{w:.2f}, 0]에 몰려 있음\n(막대 윗부분은 생략)",
        "x": "출력값 f(x)",
        "density": "밀도",
        "suptitle": "입력 x ~ N(0, 1), {n:,}개 (시드 {seed})",
    },
    "en": {
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU (α = {a:g})",
        "elu": "ELU (α = {a:g})",
        "tanh": "tanh",
        "mean": "mean {m:.2f}",
        "zero": "0",
        "spike": "{p:.0%} of the outputs are exactly 0\n(bar clipped)",
        "spike_leaky": "{p:.0%} of the outputs lie in [{w:.2f}, 0]\n(bar clipped)",
        "x": "output f(x)",
        "density": "density",
        "suptitle": "inputs x ~ N(0, 1), {n:,} samples (seed {seed})",
    },
}
YMAX = 1.3


def draw(lang, layout):
    text = TEXT[lang]
    histograms = mean_activation.activation_histograms()
    outputs = mean_activation.activation_outputs()
    fig, axes = layout.panels(4, cols=2, height=2.5, narrow_height=2.3, sharex=True, sharey=True)
    for ax, name, colour in zip(axes, mean_activation.MEAN_FUNCTIONS, PALETTE):
        counts, edges = histograms[name]
        density = counts / (counts.sum() * np.diff(edges))
        ax.stairs(density, edges, fill=True, color=colour, alpha=0.55)
        mean = round(mean_activation.mean_activation(name), 2) + 0.0  # no "-0.00"
        ax.axvline(0, color="black", linewidth=0.8)
        ax.axvline(mean, color=PALETTE[4], linestyle="--", linewidth=1.6, label=text["mean"].format(m=mean))
        alpha = zoo.LEAKY_ALPHA if name == "leaky_relu" else zoo.ELU_ALPHA
        ax.set_title(text[name].format(a=alpha))
        ax.legend(loc="upper right")
        if name in ("relu", "leaky_relu"):
            negative = float(np.mean(outputs[name] <= 0))
            key = "spike" if name == "relu" else "spike_leaky"
            lowest = float(outputs[name].min())
            ax.annotate(text[key].format(p=negative, w=lowest), xy=(0, YMAX * 0.97),
                        xytext=(0.55, YMAX * 0.45), fontsize=SMALLEST, arrowprops={"arrowstyle": "->", "color": "black"},
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})  # over the mean line
        ax.set_ylim(0, YMAX)
        ax.set(xlabel=text["x"], ylabel=text["density"])
        if layout.narrow:
            ax.tick_params(labelbottom=True)
        else:
            ax.label_outer()
    fig.suptitle(text["suptitle"].format(n=mean_activation.MEAN_SAMPLES, seed=mean_activation.SEED))
    return fig


if __name__ == "__main__":
    render(draw)
