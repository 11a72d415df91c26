"""Training with and without batch normalization over learning rates and init scales.

A 3 × 3 grid: rows are the initial weights (0.01·N(0, 1), He, 1.0·N(0, 1)), columns the
learning rates. Each panel holds the training loss per epoch of the plain net and of the same
net with batch norm before every ReLU; runs that diverge stop where the loss stops being
finite. Full-batch gradient descent on three spirals (``training_setup.batchnorm.bn_training``).
"""

import math

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, SMALLEST, render
from matplotlib.ticker import FixedLocator, NullFormatter

from nnnotes.experiments.training_setup.batchnorm import BN_EPOCHS, BN_FIGURE_LRS, BN_INITS, BN_THRESHOLD, bn_training

PLAIN, BN = (PALETTE[0], LINESTYLES[0]), (PALETTE[4], LINESTYLES[1])
YLIM = (0.002, 40)  # room under the curves for each panel's note, above them for a divergence mark

TEXT = {
    "ko": {
        "small": "초기 가중치\n0.01·N(0, 1)",
        "he": "초기 가중치\nHe",
        "large": "초기 가중치\n1.0·N(0, 1)",
        "lr": "학습률 {lr:g}",
        "plain": "배치 정규화 없음",
        "bn": "배치 정규화 있음",
        "loss": "학습 손실",
        "epoch": "에포크",
        "diverged": "발산 (손실이 무한대)",
        "threshold": "손실 {t:g}",
        "ln3": "ln 3",
        "steps": "손실 {t:g}까지: {plain} / {bn} 에포크",
        "never": "–",
    },
    "en": {
        "small": "initial weights\n0.01·N(0, 1)",
        "he": "initial weights\nHe",
        "large": "initial weights\n1.0·N(0, 1)",
        "lr": "learning rate {lr:g}",
        "plain": "without batch norm",
        "bn": "with batch norm",
        "loss": "training loss",
        "epoch": "epoch",
        "diverged": "diverged (loss infinite)",
        "threshold": "loss {t:g}",
        "ln3": "ln 3",
        "steps": "epochs to {t:g}: {plain} / {bn}",
        "never": "–",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    rows, cols = BN_INITS, BN_FIGURE_LRS
    # wide: a row per initialization, a column per learning rate; narrow: the nine panels stacked
    fig, panels = layout.panels(len(rows) * len(cols), cols=len(cols), height=2.0, narrow_height=1.9,
                                sharex=True, sharey=True)
    axes = np.array(panels).reshape(len(rows), len(cols))
    epochs = np.arange(1, BN_EPOCHS + 1)
    for r, init in enumerate(rows):
        for c, lr in enumerate(cols):
            ax = axes[r, c]
            runs = {}
            for batchnorm, (colour, style) in ((False, PLAIN), (True, BN)):
                run = runs[batchnorm] = bn_training(init, lr, batchnorm)
                finite = np.isfinite(run.loss)
                ax.plot(epochs[finite], np.clip(run.loss[finite], *YLIM), color=colour, linestyle=style, lw=1.6,
                        label=text["bn" if batchnorm else "plain"])
                if not finite.all():
                    last = int(np.flatnonzero(finite)[-1]) if finite.any() else 0
                    ax.plot(epochs[last], YLIM[1] * 0.5, marker="x", color=colour, ms=8, mew=2)
                    ax.text(epochs[last] + 4, YLIM[1] * 0.5, text["diverged"], color=colour, fontsize=SMALLEST,
                            va="center")
            ax.axhline(BN_THRESHOLD, color="0.4", lw=0.8, linestyle=LINESTYLES[3])
            ax.axhline(math.log(3), color="0.6", lw=0.6, linestyle=LINESTYLES[2])
            steps = [runs[b].steps if runs[b].steps >= 0 else text["never"] for b in (False, True)]
            ax.text(0.97, 0.04, text["steps"].format(t=BN_THRESHOLD, plain=steps[0], bn=steps[1]),
                    transform=ax.transAxes, ha="right", va="bottom", fontsize=SMALLEST,
                    bbox=dict(boxstyle="round", fc="white", ec="0.85", alpha=0.9))
            ax.set_yscale("log")
            ax.set_ylim(*YLIM)
            ax.yaxis.set_major_locator(FixedLocator([0.01, 0.1, 1, 10]))
            ax.yaxis.set_major_formatter(PLAIN_TICKS)
            ax.yaxis.set_minor_formatter(NullFormatter())
            if layout.narrow:
                ax.set_title(f"{text[init]} · {text['lr'].format(lr=lr)}")
                ax.set_ylabel(text["loss"])
                ax.tick_params(labelbottom=True)
            else:
                if r == 0:
                    ax.set_title(text["lr"].format(lr=lr))
                if c == 0:
                    ax.set_ylabel(text[init] + "\n\n" + text["loss"])
            if r == len(rows) - 1 or layout.narrow:
                ax.set_xlabel(text["epoch"])
    axes[0, 0].text(BN_EPOCHS, math.log(3) * 1.15, text["ln3"], ha="right", va="bottom", fontsize=SMALLEST, color="0.45")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    handles.append(plt.Line2D([], [], color="0.4", lw=0.8, linestyle=LINESTYLES[3]))
    labels.append(text["threshold"].format(t=BN_THRESHOLD))
    fig.legend(handles, labels, loc=layout.pick("outside lower center", "outside upper center"),
               ncol=layout.pick(3, 1))
    return fig


if __name__ == "__main__":
    render(draw)
