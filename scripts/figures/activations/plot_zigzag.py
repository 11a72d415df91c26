"""Gradient descent on a linear neuron f = w·x: all-positive inputs zig-zag, centred inputs do not.

The inputs are the outputs of a sigmoid layer (every entry positive); the right column uses the
same points with their mean subtracted. Targets are y = w*·x, so w* is the exact minimum of the
squared loss. Each panel shows the run with the best learning rate of the sweep, on the loss's
contours (nnnotes.experiments.activations.zigzag.zigzag_run).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, render

from nnnotes.experiments.activations import zigzag

TEXT = {
    "ko": {
        "positive": "양수 입력 (시그모이드 출력)",
        "centred": "평균을 뺀 같은 입력",
        "per_example": "샘플 하나마다 갱신",
        "batch": "전체 배치로 갱신",
        "run": "갱신 {steps}번 만에 ‖w − w*‖ < {tol:g} (학습률 {lr:.2g})",
        "start": "시작점 w = (0, 0)",
        "optimum": "최솟값 w* = (1, −1)",
        "w1": "가중치 $w_1$",
        "w2": "가중치 $w_2$",
        "cone": "w = (0, 0)에서 샘플 하나로 한 번 갱신할 때 갈 수 있는 방향",
    },
    "en": {
        "positive": "positive inputs (sigmoid outputs)",
        "centred": "the same inputs, mean subtracted",
        "per_example": "one example per update",
        "batch": "full-batch updates",
        "run": "{steps} steps to ‖w − w*‖ < {tol:g} (learning rate {lr:.2g})",
        "start": "start w = (0, 0)",
        "optimum": "minimum w* = (1, −1)",
        "w1": "weight $w_1$",
        "w2": "weight $w_2$",
        "cone": "directions one update can take from w = (0, 0)",
    },
}
W1 = np.linspace(-0.6, 2.1, 241)
W2 = np.linspace(-2.1, 0.6, 241)


def draw(lang, layout):
    text = TEXT[lang]
    fig, axes = layout.panels(4, cols=2, height=3.6, narrow_height=3.7, sharex=not layout.narrow,
                              sharey=not layout.narrow)
    for col, inputs in enumerate(("positive", "centred")):
        surface = zigzag.zigzag_loss_surface(inputs, W1, W2)
        levels = np.geomspace(surface.min() + 1e-4, surface.max(), 14)
        for row, per_example in enumerate((True, False)):
            ax = axes[2 * row + col]
            run = zigzag.zigzag_run(inputs, per_example)
            ax.contour(W1, W2, surface, levels=levels, colors="#888888", linewidths=0.6)
            if inputs == "positive" and per_example:
                # every per-example step is ±(positive vector): up-right or down-left of w
                ax.fill_between([0, W1[-1]], 0, W2[-1], color=PALETTE[5], alpha=0.18, linewidth=0,
                                label=text["cone"])
                ax.fill_between([W1[0], 0], W2[0], 0, color=PALETTE[5], alpha=0.18, linewidth=0)
            ax.plot(run.path[:, 0], run.path[:, 1], color=PALETTE[0], linewidth=1.1, marker="o", markersize=2.5)
            ax.plot(0, 0, marker="s", color=PALETTE[1], markersize=7, linestyle="none", label=text["start"])
            ax.plot(*zigzag.ZIGZAG_W_STAR, marker="*", color=PALETTE[4], markersize=13, linestyle="none",
                    label=text["optimum"])
            mode = text["per_example"] if per_example else text["batch"]
            steps = text["run"].format(steps=run.steps, tol=zigzag.ZIGZAG_TOL, lr=run.lr)
            ax.set_title(f"{text[inputs]}\n{mode}\n{layout.wrap(steps, 44, 60)}")
            ax.set_aspect("equal")
            ax.set_xlim(W1[0], W1[-1])
            ax.set_ylim(W2[0], W2[-1])
            ax.grid(False)
            ax.set_xlabel(text["w1"])
            ax.set_ylabel(text["w2"])
            if not layout.narrow:
                ax.label_outer()
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside upper center", ncol=layout.pick(3, 1))
    return fig


if __name__ == "__main__":
    render(draw)
