"""Train mode and evaluation mode of batch normalization.

Left: the running mean and variance of one feature over training steps (lines), each step's
batch mean and variance (dots) and the formula μ + (1 − m)^n·(μ₀ − μ) (dashed).
Middle: the largest gap between the evaluation-mode and the train-mode output on a fixed
batch, with the running state after each step. Right: the train-mode output of one sample
against the size of the batch it is normalized with (the spread comes from its batch-mates);
a batch of one is refused by nnnotes. Computed by nnnotes.batchnorm
(``training_setup.batchnorm_modes.running_average_run`` and ``batch_size_spread``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import LINESTYLES, PALETTE, PLAIN_TICKS, SMALLEST, render
from matplotlib.ticker import NullFormatter

from nnnotes.experiments.training_setup import batchnorm_modes

TEXT = {
    "ko": {
        "running": "이동 평균 (모멘텀 m = {m:g})",
        "step": "학습 스텝 n",
        "value": "값",
        "r_mean": "running_mean",
        "r_var": "running_var",
        "b_mean": "각 배치의 평균",
        "b_var": "각 배치의 분산",
        "formula": "공식 μ + (1 − m)ⁿ(μ₀ − μ)",
        "gap_title": "평가 모드와 학습 모드 출력의 차이",
        "gap": "같은 배치에서 |평가 − 학습|의 최댓값",
        "size_title": "샘플 하나(x = {x:g})의 학습 모드 출력",
        "size": "배치 크기 N",
        "output": "출력 ($\\gamma$ = 1, $\\beta$ = 0)",
        "eval": "평가 모드 출력 (참 평균·분산)",
        "pitfall": "N = 1: nnnotes는\nValueError를 낸다\n(분산 0, 출력은 항상 $\\beta$)",
        "band": "{d}번 뽑은 배치의 10–90% 범위",
    },
    "en": {
        "running": "Running averages (momentum m = {m:g})",
        "step": "training step n",
        "value": "value",
        "r_mean": "running_mean",
        "r_var": "running_var",
        "b_mean": "each batch's mean",
        "b_var": "each batch's variance",
        "formula": "formula μ + (1 − m)ⁿ(μ₀ − μ)",
        "gap_title": "Eval-mode vs train-mode output",
        "gap": "largest |eval − train| on one batch",
        "size_title": "Train-mode output of one sample x = {x:g}",
        "size": "batch size N",
        "output": "output ($\\gamma$ = 1, $\\beta$ = 0)",
        "eval": "eval-mode output (true mean, variance)",
        "pitfall": "N = 1: nnnotes raises\nValueError\n(variance 0, output always $\\beta$)",
        "band": "10–90% range over {d} batches",
    },
}


def to_math(label):
    """The formula labels in mathtext (the site font has no U+2212 minus sign)."""
    return label.replace("μ + (1 − m)ⁿ(μ₀ − μ)", r"$\mu + (1 - m)^n(\mu_0 - \mu)$")


def draw(lang, layout):
    text = TEXT[lang]
    run = batchnorm_modes.running_average_run()
    fig, (ax_r, ax_g, ax_s) = layout.panels(3, cols=2, height=3.3, narrow_height=3.1)

    steps = np.arange(batchnorm_modes.RUNNING_STEPS + 1)
    ax_r.scatter(steps[1:], run.batch_mean, s=10, color=PALETTE[0], alpha=0.5, label=text["b_mean"])
    ax_r.scatter(steps[1:], run.batch_var, s=10, marker="s", color=PALETTE[1], alpha=0.5, label=text["b_var"])
    ax_r.plot(steps, run.running_mean, color=PALETTE[0], linestyle=LINESTYLES[0], lw=1.8, label=text["r_mean"])
    ax_r.plot(steps, run.running_var, color=PALETTE[1], linestyle=LINESTYLES[0], lw=1.8, label=text["r_var"])
    ax_r.plot(steps, run.predicted_mean, color="black", linestyle=LINESTYLES[1], lw=1, label=to_math(text["formula"]))
    ax_r.plot(steps, run.predicted_var, color="black", linestyle=LINESTYLES[1], lw=1)
    ax_r.set(xlabel=text["step"], ylabel=text["value"], title=layout.wrap(text["running"].format(m=run.momentum), 40, 56))
    if layout.narrow:  # below the panel, clear of the dots
        ax_r.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    else:  # in the free fourth cell
        fig.legend(*ax_r.get_legend_handles_labels(), loc="center", bbox_to_anchor=(0.76, 0.25))

    ax_g.plot(steps, run.gap, color=PALETTE[2], linestyle=LINESTYLES[0], marker="o", ms=3)
    ax_g.set(xlabel=text["step"], ylabel=layout.wrap(text["gap"], 28, 34), title=layout.wrap(text["gap_title"], 40, 56),
             yscale="log")
    ax_g.yaxis.set_major_formatter(PLAIN_TICKS)
    ax_g.yaxis.set_minor_formatter(NullFormatter())

    outputs, eval_output = batchnorm_modes.batch_size_spread()
    sizes = np.array(batchnorm_modes.SPREAD_SIZES)
    low, mid, high = np.percentile(outputs, [10, 50, 90], axis=1)
    ax_s.fill_between(sizes, low, high, color=PALETTE[3], alpha=0.3, lw=0, label=text["band"].format(d=batchnorm_modes.SPREAD_DRAWS))
    ax_s.plot(sizes, mid, color=PALETTE[3], linestyle=LINESTYLES[0], marker="o", ms=4)
    ax_s.axhline(eval_output, color="black", linestyle=LINESTYLES[1], lw=1, label=text["eval"])
    ax_s.plot(1, 0, marker="X", color=PALETTE[4], ms=9, zorder=5)
    ax_s.annotate(text["pitfall"], xy=(1, 0), xytext=(1.6, -0.75), fontsize=SMALLEST, color=PALETTE[4],
                  arrowprops=dict(arrowstyle="->", color=PALETTE[4], lw=0.8))
    ax_s.set(xscale="log", xlabel=text["size"], ylabel=text["output"], ylim=(-1.2, 2.6),  # above the band: the legend
             title=layout.wrap(text["size_title"].format(x=batchnorm_modes.SPREAD_SAMPLE), 40, 56))
    ax_s.set_xticks([1, *batchnorm_modes.SPREAD_SIZES], [str(n) for n in (1, *batchnorm_modes.SPREAD_SIZES)])
    ax_s.xaxis.set_minor_formatter(NullFormatter())
    ax_s.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    render(draw)
