"""2, 3, 4 and 5 layers at the same parameter budget on the same 5-arm spirals.

Each net has about 300 parameters (widths chosen by nnnotes.experiments.capacity.depth.same_budget_sizes),
ReLU hidden layers, softmax cross-entropy, full-batch gradient descent with momentum, the same
learning rate and number of epochs, 8 initialization seeds. Left: final training loss of every
run. Right: held-out error (1 − accuracy) of every run on a log scale; the short bar is the median.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, PLAIN_TICKS, render
from matplotlib.ticker import FixedLocator, FuncFormatter, NullFormatter

from nnnotes.experiments.capacity.depth import (
    DEPTH_SEEDS,
    DEPTHS,
    STUCK_BELOW,
    depth_runs,
    n_parameters,
)
from nnnotes.experiments.capacity.spirals import SPIRAL_ARMS


TEXT = {
    "ko": {
        "loss": "최종 학습 손실 (실행마다 점 하나)",
        "loss_axis": "교차 엔트로피 (로그 눈금)",
        "acc": "평가 오류율 (막대는 중앙값)",
        "acc_axis": "평가 오류율 = 1 − 평가 정확도 (로그 눈금)",
        "layers": "{d}층",
        "params": "파라미터 {p}개",
        "chance": "무작위로 고를 때 (오류율 80%)",
        "stuck": "정확도 90% 미만 (학습에 실패한 실행)",
    },
    "en": {
        "loss": "Final training loss (one dot per run)",
        "loss_axis": "cross-entropy (log scale)",
        "acc": "Held-out error rate (bar: median)",
        "acc_axis": "held-out error = 1 − accuracy (log scale)",
        "layers": "{d} layers",
        "params": "{p} params",
        "chance": "chance (80% error)",
        "stuck": "accuracy below 90% (stuck run)",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_loss, ax_acc) = layout.panels(2, height=3.9, narrow_height=3.4)
    labels = []
    offsets = np.linspace(-0.18, 0.18, len(DEPTH_SEEDS))
    for i, depth in enumerate(DEPTHS):
        runs = depth_runs(depth)
        color = PALETTE[i]
        ax_loss.plot(i + offsets, runs.final_loss, linestyle="none", marker="o", markersize=6,
                     markerfacecolor="none", color=color)
        error = 1 - runs.test_accuracy
        ax_acc.plot(i + offsets, error, linestyle="none", marker="o", markersize=6,
                    markerfacecolor="none", color=color)
        ax_acc.plot([i - 0.28, i + 0.28], [np.median(error)] * 2, color=color, lw=2.2)
        sizes = ", ".join(map(str, runs.sizes))
        labels.append(f"{text['layers'].format(d=depth)}\n[{layout.wrap(sizes, 8, 12)}]\n"
                      f"{layout.wrap(text['params'].format(p=n_parameters(runs.sizes)), 10, 10)}")
    for ax in (ax_loss, ax_acc):
        ax.set_xticks(range(len(DEPTHS)))
        ax.set_xticklabels(labels)
        ax.set_xlim(-0.5, len(DEPTHS) - 0.5)
    ax_loss.set(yscale="log", ylabel=text["loss_axis"], title=layout.wrap(text["loss"], 40, 60))
    ax_loss.yaxis.set_major_locator(FixedLocator([0.03, 0.1, 0.3, 1, 3]))
    ax_loss.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_loss.yaxis.set_minor_formatter(NullFormatter())
    ax_loss.set_ylim(0.03, 3)
    ax_acc.axhline(1 - 1 / SPIRAL_ARMS, color="grey", linestyle=":", lw=1.0, label=text["chance"])
    ax_acc.axhspan(1 - STUCK_BELOW, 1, color="grey", alpha=0.1, lw=0, label=text["stuck"])
    ax_acc.set(yscale="log", ylim=(0.001, 1), ylabel=text["acc_axis"], title=layout.wrap(text["acc"], 40, 60))
    ax_acc.yaxis.set_major_locator(FixedLocator([0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1]))
    ax_acc.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{100 * v:g}%"))
    ax_acc.yaxis.set_minor_formatter(NullFormatter())
    fig.legend(*ax_acc.get_legend_handles_labels(), loc="outside lower center", ncol=layout.pick(2, 1))  # off the runs
    return fig


if __name__ == "__main__":
    render(draw)
