"""Symmetry: a net whose weights all start equal keeps identical hidden units.

Left and middle: the first-input weight W1[0, j] of each of the hidden units over training,
for the net started with every weight equal and for the same net started with Xavier weights.
Right: the training loss of both. Every value comes from ``training_setup.symmetry.symmetry_run``.
"""

import matplotlib.pyplot as plt
from sitebuild.figstyle import LINESTYLES, PALETTE, SMALLEST, render

from nnnotes.experiments.training_setup import symmetry

TEXT = {
    "ko": {
        "constant": "초기화: 모든 가중치 = {value:g}",
        "random": "Xavier 무작위 초기화",
        "weight": "은닉 유닛 j의 가중치 $W_1[1, j]$",
        "epoch": "에포크",
        "overlap": "유닛 {n}개의 선이 정확히 겹친다 (유닛 사이의 최대 차이 = {spread:g})",
        "loss": "학습 손실",
        "loss_title": "학습 손실 (두 동심원 데이터)",
        "loss_constant": "같은 값으로 초기화 (정확도 {acc:.0%})",
        "loss_random": "무작위 초기화 (정확도 {acc:.0%})",
    },
    "en": {
        "constant": "every weight initialized to {value:g}",
        "random": "random (Xavier) initialization",
        "weight": "weight $W_1[1, j]$ of hidden unit j",
        "epoch": "epoch",
        "overlap": "the {n} units' lines coincide exactly (largest difference between units = {spread:g})",
        "loss": "training loss",
        "loss_title": "Training loss (two circles)",
        "loss_constant": "all-equal start (accuracy {acc:.0%})",
        "loss_random": "random start (accuracy {acc:.0%})",
    },
}


def draw_weights(ax, run):
    for j in range(symmetry.SYMMETRY_HIDDEN):
        ax.plot(run.epochs, run.W1[:, 0, j], color=PALETTE[j % len(PALETTE)],
                linestyle=LINESTYLES[j % len(LINESTYLES)], lw=1.4)


def draw(lang, layout):
    text = TEXT[lang]
    constant, random = symmetry.symmetry_run("constant"), symmetry.symmetry_run("xavier_normal")
    fig, (ax_c, ax_r, ax_l) = layout.panels(3, cols=3, height=3.3, narrow_height=2.6)
    draw_weights(ax_c, constant)
    draw_weights(ax_r, random)
    ax_c.text(0.97, 0.05, layout.wrap(text["overlap"].format(n=symmetry.SYMMETRY_HIDDEN, spread=constant.unit_spread), 26, 40),
              transform=ax_c.transAxes, ha="right", va="bottom", fontsize=SMALLEST)
    low = min(constant.W1[:, 0].min(), random.W1[:, 0].min())
    high = max(constant.W1[:, 0].max(), random.W1[:, 0].max())
    pad = 0.05 * (high - low)
    for ax, key in ((ax_c, "constant"), (ax_r, "random")):
        ax.set(xlabel=text["epoch"], ylabel=text["weight"], ylim=(low - pad, high + pad))
        ax.set_title(layout.wrap(text[key].format(value=symmetry.SYMMETRY_VALUE), 26, 56))

    epochs = range(1, symmetry.SYMMETRY_EPOCHS + 1)
    ax_l.plot(epochs, constant.loss, color=PALETTE[4], linestyle=LINESTYLES[0],
              label=text["loss_constant"].format(acc=constant.accuracy[-1]))
    ax_l.plot(epochs, random.loss, color=PALETTE[0], linestyle=LINESTYLES[1],
              label=text["loss_random"].format(acc=random.accuracy[-1]))
    ax_l.set(xlabel=text["epoch"], ylabel=text["loss"], ylim=(0, None), title=layout.wrap(text["loss_title"], 26, 56))
    handles, labels = ax_l.get_legend_handles_labels()
    if layout.narrow:  # right of the random start's fall, above its tail
        ax_l.legend(handles, labels, loc="lower right", bbox_to_anchor=(1, 0.2))
    else:  # a third of the width is too narrow for it
        fig.legend(handles, labels, loc="outside lower center", ncol=2)
    return fig


if __name__ == "__main__":
    render(draw)
