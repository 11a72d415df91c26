"""L2 regularization as forgetting, measured on one neuron trained by nnnotes.

Left: a weight that the data never moves (its input is 0 for every sample) shrinks by the
factor 1 − lr·λ at every step, measured (markers) against (1 − lr·λ)^t (lines), while the
two weights the data supports settle at a finite length. Right: the length ‖w‖ of the
trained logistic neuron and its training accuracy for each λ.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, render
from matplotlib.ticker import FixedLocator, NullFormatter, NullLocator

from nnnotes.experiments import neurons

TEXT = {
    "ko": {
        "decay": "데이터가 쓰지 않는 가중치는 잊힌다",
        "step": "갱신 횟수 t",
        "weight": "가중치 크기",
        "measured": "측정한 $w_3$",
        "predicted": "$(1 - \\mathrm{lr}\\cdot\\lambda)^t$",
        "used": "데이터가 쓰는 $\\|(w_1, w_2)\\|$, $\\lambda$ = {reg:g}",
        "sweep": "학습을 마친 뉴런의 가중치 길이",
        "reg": "규제 세기 $\\lambda$",
        "norm": "$\\|w\\|$",
        "accuracy": "학습 정확도",
    },
    "en": {
        "decay": "A weight the data does not use is forgotten",
        "step": "gradient descent step t",
        "weight": "weight size",
        "measured": "measured $w_3$",
        "predicted": "$(1 - \\mathrm{lr}\\cdot\\lambda)^t$",
        "used": "used by the data: $\\|(w_1, w_2)\\|$, $\\lambda$ = {reg:g}",
        "sweep": "Weight length of the trained neuron",
        "reg": "regularization strength $\\lambda$",
        "norm": "$\\|w\\|$",
        "accuracy": "training accuracy",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax, ax_norm) = layout.panels(2, height=3.6, narrow_height=3.3)

    for reg, color, marker in zip(neurons.DECAY_REGS, PALETTE, ("o", "s", "D")):
        t, w3, predicted, w12 = neurons.unused_weight_decay(reg)
        ax.plot(t, predicted, color=color, linestyle=LINESTYLES[0], lw=1.2)
        ax.plot(t[::3], w3[::3], linestyle="none", marker=marker, markersize=5, markerfacecolor="none",
                color=color, label=f"{text['measured']}, $\\lambda$ = {reg:g}")
        if reg == neurons.REG:
            used = np.linalg.norm(w12, axis=1)
    ax.plot([], [], color="grey", linestyle=LINESTYLES[0], lw=1.2, label=text["predicted"])
    ax.plot(t, used, color="black", linestyle=LINESTYLES[1], lw=1.6, label=text["used"].format(reg=neurons.REG))
    ax.set(yscale="log", xlabel=text["step"], ylabel=text["weight"], title=text["decay"], ylim=(5e-5, 20))
    ax.yaxis.set_major_locator(FixedLocator([1e-4, 1e-3, 1e-2, 1e-1, 1, 10]))
    ax.yaxis.set_major_formatter(PLAIN_TICKS)
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.legend(loc="lower left")

    regs = np.array(neurons.SWEEP_REGS)
    weights, _, accuracies, _ = neurons.norm_vs_reg()
    norms = np.linalg.norm(weights, axis=1)
    ax_norm.plot(regs, norms, color=PALETTE[0], linestyle=LINESTYLES[0], marker="o", label=text["norm"])
    ax_norm.set(xscale="log", yscale="log", xlabel=text["reg"], ylabel=text["norm"], title=text["sweep"])
    ax_norm.xaxis.set_major_locator(FixedLocator(regs))
    ax_norm.xaxis.set_major_formatter(PLAIN_TICKS)
    ax_norm.xaxis.set_minor_locator(NullLocator())
    ax_norm.tick_params(axis="x", labelrotation=30)
    ax_norm.yaxis.set_major_locator(FixedLocator([0.25, 0.5, 1, 2, 4, 8]))
    ax_norm.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_norm.yaxis.set_minor_locator(NullLocator())
    ax_norm.set_ylim(0.25, 8)
    ax_acc = ax_norm.twinx()
    ax_acc.spines["right"].set_visible(True)
    ax_acc.plot(regs, accuracies, color=PALETTE[4], linestyle=LINESTYLES[1], marker="s", markerfacecolor="none",
                label=text["accuracy"])
    ax_acc.set(ylim=(0.5, 1.0), ylabel=text["accuracy"])
    ax_acc.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
    ax_acc.grid(False)
    handles = ax_norm.get_legend_handles_labels()[0] + ax_acc.get_legend_handles_labels()[0]
    labels = ax_norm.get_legend_handles_labels()[1] + ax_acc.get_legend_handles_labels()[1]
    ax_norm.legend(handles, labels, loc="lower left")
    return fig


if __name__ == "__main__":
    render(draw)
