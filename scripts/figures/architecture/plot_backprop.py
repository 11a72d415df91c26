"""Backpropagation by hand: training on XOR and the gradient check.

Left: the loss of full-batch gradient descent with the hand-derived gradients, next to the
loss that MLP.fit records for the same net from the same initial weights. Right: the
relative error of each hand-derived gradient against centred differences (log scale), with
the 1e-7 threshold below which a gradient counts as correct.
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, SMALLEST, render
from matplotlib.ticker import FuncFormatter, NullFormatter

from nnnotes.experiments.architecture import backprop, xor

TEXT = {
    "ko": {
        "loss_title": "XOR 학습: 손으로 유도한 역전파",
        "epoch": "에포크 (전체 배치 경사 하강법으로 한 번 갱신)",
        "loss": "이진 교차 엔트로피 손실",
        "by_hand": "손으로 유도한 기울기",
        "fit": "nnnotes MLP.fit (같은 초기 가중치)",
        "chance": "ln 2: 모든 점에 p = 0.5라고 답할 때",
        "check_title": "기울기 검사: 수치 기울기와의 상대 오차",
        "rel": "상대 오차 (로그 눈금)",
        "threshold": "1e-7: 이보다 작으면 기울기가 맞다",
    },
    "en": {
        "loss_title": "Training on XOR with hand-derived backprop",
        "epoch": "epoch (one full-batch gradient descent step)",
        "loss": "binary cross-entropy loss",
        "by_hand": "hand-derived gradients",
        "fit": "nnnotes MLP.fit (same initial weights)",
        "chance": "ln 2: p = 0.5 for every point",
        "check_title": "Gradient check: relative error against numerical gradients",
        "rel": "relative error (log scale)",
        "threshold": "1e-7: below this, the gradient is right",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    _, losses = backprop.train_by_hand()
    _, history = xor.xor_mlp()
    numeric, _ = backprop.gradient_check()
    fig = layout.figure(3.4, 5.6)
    ax, bars = fig.subplots(*layout.pick((1, 2), (2, 1)), **{layout.pick("width_ratios", "height_ratios"): [1.2, 1]})

    epochs = np.arange(1, losses.size + 1)
    ax.semilogy(epochs, losses, color=PALETTE[0], linestyle=LINESTYLES[0], lw=2.2, label=text["by_hand"])
    ax.semilogy(epochs, history.loss, color=PALETTE[1], linestyle=LINESTYLES[1], lw=1.4, label=text["fit"])
    ax.axhline(math.log(2), color="0.4", lw=0.9, linestyle=LINESTYLES[3], label=text["chance"])
    ax.set(xlabel=layout.wrap(text["epoch"], 40, 60), ylabel=text["loss"], title=layout.wrap(text["loss_title"], 40, 60))
    ax.legend(loc="upper right", bbox_to_anchor=(1, 0.93))  # under the ln 2 line, above the falling curves
    ax.yaxis.set_major_formatter(PLAIN_TICKS)
    ax.yaxis.set_minor_formatter(NullFormatter())

    names = list(backprop.PARAMS)
    values = [numeric[name] for name in names]
    positions = np.arange(len(names))
    bars.bar(positions, values, color=PALETTE[2], width=0.6)
    for x, v in zip(positions, values):
        bars.text(x, v * 1.6, f"{v:.0e}", ha="center", va="bottom", fontsize=SMALLEST)
    bars.axhline(1e-7, color=PALETTE[4], linestyle=LINESTYLES[1], lw=1.4, label=layout.wrap(text["threshold"], 24, 60))
    bars.set_yscale("log")
    bars.set_ylim(1e-13, 1e-5)
    bars.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0e}".replace("e-0", "e-")))
    bars.set_xticks(positions, [f"${n[0]}_{n[1]}$" for n in names])
    bars.set(ylabel=text["rel"], title=layout.wrap(text["check_title"], 32, 60))
    bars.legend(loc="upper left")
    return fig


if __name__ == "__main__":
    render(draw)
