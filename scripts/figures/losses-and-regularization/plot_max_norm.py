"""The max-norm constraint at a learning rate where the unconstrained net diverges.

Left: the training loss per epoch (log axes, cut at the top) (full-batch gradient descent: one update per epoch) of the
same ``MLP([1, 50, 50, 1])`` without and with the max-norm constraint at the high learning
rate; the unconstrained curve ends where its loss overflows. Right: the final training loss
at every learning rate of the sweep; a cross at the top marks a run that diverged. All runs
come from ``losses_and_regularization.max_norm``.
"""

import numpy as np
from sitebuild.figstyle import PALETTE, PLAIN_TICKS, render, series

from nnnotes.experiments.losses_and_regularization import max_norm

TEXT = {
    "ko": {
        "curves": "학습률 {lr:g}에서의 학습 곡선",
        "sweep": "학습률에 따른 최종 학습 손실",
        "free": "제약 없음",
        "bounded": "최대 노름 제약 c = {c:g}",
        "overflow": "에포크 {epoch}에서 손실 오버플로",
        "loss": "평균 제곱 오차 (로그 눈금)",
        "final": "최종 학습 손실 (로그 눈금)",
        "epoch": "에포크 (로그 눈금)",
        "lr": "학습률 (로그 눈금)",
        "diverged": "× 발산",
    },
    "en": {
        "curves": "Training curves at learning rate {lr:g}",
        "sweep": "Final training loss by learning rate",
        "free": "unconstrained",
        "bounded": "max-norm constraint c = {c:g}",
        "overflow": "loss overflows at epoch {epoch}",
        "loss": "mean squared error (log scale)",
        "final": "final training loss (log scale)",
        "epoch": "epoch (log scale)",
        "lr": "learning rate (log scale)",
        "diverged": "× diverged",
    },
}

TOP = 1e3  # the top of both panels; the sweep draws a diverged run there


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_curves, ax_sweep) = layout.panels(2, height=3.5, narrow_height=3.0)
    labels = (text["free"], text["bounded"].format(c=max_norm.MAX_NORM))
    epochs = np.arange(1, max_norm.MAX_NORM_EPOCHS + 1)
    for i, c in enumerate((None, max_norm.MAX_NORM)):
        run = max_norm.max_norm_run(max_norm.HIGH_LR, c)
        finite = np.isfinite(run.loss)
        ax_curves.plot(epochs[finite], run.loss[finite], lw=1.6, label=labels[i],
                       **series(i, 2, int(finite.sum()), marks=6))
        if run.diverged_at is not None:
            ax_curves.text(run.diverged_at * 1.3, TOP / 3, text["overflow"].format(epoch=run.diverged_at),
                           color=PALETTE[0], ha="left", va="top")
        finals = [max_norm.max_norm_run(lr, c) for lr in max_norm.MAX_NORM_RATES]
        style = series(i, 2, len(finals), marks=len(finals))
        style["markevery"] = None
        kept = [(lr, r.loss[-1]) for lr, r in zip(max_norm.MAX_NORM_RATES, finals) if not r.diverged]
        ax_sweep.plot(*zip(*kept), lw=1.4, label=labels[i], **style)
        diverged = [lr for lr, r in zip(max_norm.MAX_NORM_RATES, finals) if r.diverged]
        ax_sweep.plot(diverged, [TOP] * len(diverged), linestyle="none", marker="x", markersize=9,
                      color=style["color"], markeredgewidth=2)
    ax_sweep.axvline(max_norm.HIGH_LR, color="0.6", lw=0.8, linestyle=":")
    ax_sweep.text(0.03, 0.97, text["diverged"], transform=ax_sweep.transAxes, ha="left", va="top")
    ax_curves.set(xlabel=text["epoch"], ylabel=layout.wrap(text["loss"], 34, 26), xscale="log", yscale="log",
                  ylim=(0.005, TOP),
                  title=layout.wrap(text["curves"].format(lr=max_norm.HIGH_LR), 40, 60))
    ax_sweep.set(xlabel=text["lr"], ylabel=text["final"], xscale="log", yscale="log",
                 title=layout.wrap(text["sweep"], 36, 60))
    for ax in (ax_curves, ax_sweep):
        ax.yaxis.set_major_formatter(PLAIN_TICKS)
        ax.xaxis.set_major_formatter(PLAIN_TICKS)
    ax_curves.legend(loc="lower left")
    return fig


if __name__ == "__main__":
    render(draw)
