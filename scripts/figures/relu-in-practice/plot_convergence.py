"""How fast each activation reaches 25% training error on the same net, data and initialization.

Left: training error against the number of full-batch updates at one shared learning rate,
mean over the seeds with the min–max band; the legend gives the measured ratio of updates to
the target, function / ReLU. Right: updates to the target at the shared rate and at each
function's best rate from a small grid (mean, min–max over the seeds). Every value comes from
``nnnotes.experiments.relu_in_practice.convergence``.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, SMALLEST, render

from nnnotes.experiments.relu_in_practice import convergence

NAMES = {"relu": "ReLU", "leaky_relu": "Leaky ReLU", "elu": "ELU", "tanh": "tanh"}
STYLE = {act: (PALETTE[k], LINESTYLES[k]) for k, act in enumerate(convergence.ACTIVATIONS)}

TEXT = {
    "ko": {
        "left": "같은 학습률 {lr:g}에서의 학습 오차",
        "right": "학습 오차가 {target:.0%}에 이르기까지 걸린 에포크",
        "x": "에포크 (전체 배치 갱신 횟수, 로그 눈금)",
        "y": "학습 오차",
        "epochs": "에포크 수 (로그 눈금)",
        "target": "목표 {target:.0%}",
        "ratio": "ReLU의 {r:.1f}배",
        "same": "같은 학습률 {lr:g}",
        "best": "함수마다 {grid} 가운데 가장 빠른 학습률",
        "sigmoid": "시그모이드",
    },
    "en": {
        "left": "training error at the same learning rate {lr:g}",
        "right": "epochs to {target:.0%} training error",
        "x": "epoch (full-batch updates, log scale)",
        "y": "training error",
        "epochs": "epochs (log scale)",
        "target": "target {target:.0%}",
        "ratio": "{r:.1f}× ReLU",
        "same": "same learning rate {lr:g}",
        "best": "each at its fastest rate of {grid}",
        "sigmoid": "sigmoid",
    },
}


def name(act, text):
    return text["sigmoid"] if act == "sigmoid" else NAMES[act]


def draw_curves(ax, text, layout):
    epochs = np.arange(1, convergence.CURVE_EPOCHS)
    for act in convergence.ACTIVATIONS:
        color, style = STYLE[act]
        errors = convergence.error_curves(act, convergence.SAME_LR)[:, 1:]
        label = name(act, text) if act == "relu" else f"{name(act, text)} ({text['ratio'].format(r=convergence.speedup(act).mean)})"
        ax.fill_between(epochs, errors.min(axis=0), errors.max(axis=0), color=color, alpha=0.15, linewidth=0)
        ax.plot(epochs, errors.mean(axis=0), color=color, linestyle=style, linewidth=1.6, label=label)
    ax.axhline(convergence.TARGET_ERROR, color="#000000", linestyle=":", linewidth=1)
    ax.text(1.1, convergence.TARGET_ERROR + 0.01, text["target"].format(target=convergence.TARGET_ERROR), fontsize=SMALLEST, va="bottom")
    ax.set(xscale="log", xlim=(1, convergence.CURVE_EPOCHS), ylim=(0, 0.72), xlabel=text["x"], ylabel=text["y"])
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(layout.wrap(text["left"].format(lr=convergence.SAME_LR), 40, 56))
    if layout.narrow:  # below the axes: inside, it would cover the target line
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2)
    else:
        ax.legend(loc="lower left")


def draw_epochs(ax, text, layout):
    x = np.arange(len(convergence.ACTIVATIONS))
    for offset, marker, setting in ((-0.12, "o", "same"), (0.12, "s", "best")):
        for k, act in enumerate(convergence.ACTIVATIONS):
            values = convergence.epochs_same_lr(act) if setting == "same" else convergence.best_lr(act)[1]
            mean = values.mean()
            ax.errorbar(x[k] + offset, mean, yerr=[[mean - values.min()], [values.max() - mean]],
                        color=STYLE[act][0], marker=marker, markersize=5, capsize=2, linewidth=1,
                        markerfacecolor="white" if setting == "best" else STYLE[act][0])
            if setting == "best":
                ax.annotate(f"lr {convergence.best_lr(act)[0]:g}", (x[k] + offset, values.min()), xytext=(0, -4),
                            textcoords="offset points", ha="center", va="top", fontsize=SMALLEST)
    ax.plot([], [], "o", color="#555555", label=text["same"].format(lr=convergence.SAME_LR))
    ax.plot([], [], "s", color="#555555", markerfacecolor="white", label=text["best"].format(grid=", ".join(f"{lr:g}" for lr in convergence.LR_GRID)))
    ax.set_yscale("log")
    ax.set_xticks(x, [layout.wrap(name(act, text), 6, 12) for act in convergence.ACTIVATIONS])
    ax.tick_params(axis="x", labelrotation=layout.pick(30, 0))
    ax.set(ylabel=text["epochs"], xlim=(-0.5, len(x) - 0.5), ylim=(5, 4000))  # room for the legend on top
    ax.set_title(layout.wrap(text["right"].format(target=convergence.TARGET_ERROR), 30, 56))
    ax.legend(loc="upper left")


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_curves, ax_epochs) = layout.panels(2, height=3.9, narrow_height=3.3,
                                                **layout.pick({"width_ratios": (1.3, 1)}, {}))
    draw_curves(ax_curves, text, layout)
    draw_epochs(ax_epochs, text, layout)
    return fig


if __name__ == "__main__":
    render(draw)
