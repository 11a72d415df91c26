"""Per-layer activation statistics of a 10-layer, 500-unit net for five initializations.

Top: for each setting, the histogram of every hidden layer's activations, one ridge per layer
(layer 1 at the top), each scaled to its own peak; ReLU ridges count only the nonzero entries.
Bottom: the mean and the standard deviation of each layer's activations (log scale).
One forward pass of 1000 N(0, 1) inputs each (``training_setup.initialization.init_statistics``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, render
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
        "layer": "층",
        "value": "활성값",
        "value_relu": "활성값 (0 제외)",
        "mean": "층별 활성값의 평균",
        "std": "층별 활성값의 표준편차 (로그 눈금)",
        "std_ax": "표준편차",
        "mean_ax": "평균",
    },
    "en": {
        "tanh_small": "tanh, 0.01·N(0, 1)",
        "tanh_large": "tanh, 1.0·N(0, 1)",
        "tanh_xavier": "tanh, Xavier",
        "relu_xavier": "ReLU, Xavier",
        "relu_he": "ReLU, He",
        "layer": "layer",
        "value": "activation",
        "value_relu": "activation (nonzero only)",
        "mean": "Mean of the activations per layer",
        "std": "Std of the activations per layer (log scale)",
        "std_ax": "standard deviation",
        "mean_ax": "mean",
    },
}


def draw_ridges(ax, key, text, layout):
    stats = initialization.init_statistics(key)
    centres = (stats.edges[:-1] + stats.edges[1:]) / 2
    colour = STYLE[key][0]
    for layer, counts in enumerate(stats.counts, start=1):
        base = initialization.INIT_DEPTH - layer  # layer 1 on top
        height = 0.9 * counts / max(counts.max(), 1)
        ax.fill_between(centres, base, base + height, color=colour, alpha=0.35, lw=0, step="mid")
        ax.step(centres, base + height, where="mid", color=colour, lw=0.9)
    ax.set_yticks(np.arange(initialization.INIT_DEPTH), [str(initialization.INIT_DEPTH - i) for i in range(initialization.INIT_DEPTH)])
    ax.set_ylim(-0.1, initialization.INIT_DEPTH)
    pad = 0.04 * (stats.edges[-1] - stats.edges[0])  # the saturated spikes sit on the outer bins
    ax.set_xlim(stats.edges[0] - pad, stats.edges[-1] + pad)
    ax.set_title(layout.wrap(text[key], 12, 20), color=colour)
    ax.set_xlabel(layout.wrap(text["value"] if key.startswith("tanh") else text["value_relu"], 11, 24))
    ax.grid(axis="y", alpha=0.15)


def draw(lang, layout):
    text = TEXT[lang]
    # wide: the five histogram stacks in a row, mean and spread below; narrow: the stacks two to
    # a row, mean and spread each below them
    fig = layout.figure(6.6, 15.5)
    per_row = layout.pick(len(SETTINGS), 2)
    stack_rows = -(-len(SETTINGS) // per_row)
    grid = fig.add_gridspec(layout.pick(2, stack_rows + 2), 2 * per_row,
                            height_ratios=layout.pick((1.3, 1), (1.3,) * stack_rows + (1, 1)))
    for i, key in enumerate(SETTINGS):
        row, col = divmod(i, per_row)
        ax = fig.add_subplot(grid[row, 2 * col: 2 * col + 2])
        draw_ridges(ax, key, text, layout)
        if col == 0:
            ax.set_ylabel(text["layer"])
    below = stack_rows
    ax_mean = fig.add_subplot(grid[below, :per_row] if not layout.narrow else grid[below, :])
    ax_std = fig.add_subplot(grid[below, per_row:] if not layout.narrow else grid[below + 1, :])
    layers = np.arange(1, initialization.INIT_DEPTH + 1)
    for key in SETTINGS:
        stats = initialization.init_statistics(key)
        colour, style, marker = STYLE[key]
        ax_mean.plot(layers, stats.mean, color=colour, linestyle=style, marker=marker, ms=4, label=text[key])
        ax_std.plot(layers, stats.std, color=colour, linestyle=style, marker=marker, ms=4, label=text[key])
    ax_mean.set(xlabel=text["layer"], ylabel=text["mean_ax"], title=layout.wrap(text["mean"], 36, 56), xticks=layers)
    ax_std.set(xlabel=text["layer"], ylabel=text["std_ax"], title=layout.wrap(text["std"], 36, 56), xticks=layers,
               yscale="log")
    ax_std.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_std.yaxis.set_minor_formatter(NullFormatter())
    fig.legend(*ax_std.get_legend_handles_labels(), loc="outside lower center", ncol=layout.pick(3, 2))
    return fig


if __name__ == "__main__":
    render(draw)
