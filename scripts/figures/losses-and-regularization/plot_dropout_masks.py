"""Dropout at training time and at test time, vanilla and inverted.

The first hidden layer's activations h of the trained dropout net at one held-out point, for
its first active units (``losses_and_regularization.dropout.mask_means``): one training-time
mask (bars: a dropped unit is 0, a kept one is h / (1 − p) under inverted dropout and h under
vanilla dropout), the mean over many masks (dots), and the test-time output (dashes: h for
inverted dropout, (1 − p)·h for vanilla).
"""

import numpy as np
from sitebuild.figstyle import PALETTE, render

from nnnotes.experiments.losses_and_regularization import dropout

TEXT = {
    "ko": {
        "inverted": "역 드롭아웃 (테스트 때 h)",
        "vanilla": "기본 드롭아웃 (테스트 때 (1 − p)·h)",
        "one": "학습 때 마스크 하나를 씌운 값",
        "mean": "마스크 {n}개의 평균",
        "test": "테스트 때 출력",
        "unit": "은닉 유닛 (활성화된 유닛만)",
        "activation": "활성값",
    },
    "en": {
        "inverted": "Inverted dropout (test time: h)",
        "vanilla": "Vanilla dropout (test time: (1 − p)·h)",
        "one": "one training-time mask",
        "mean": "mean over {n} masks",
        "test": "test-time output",
        "unit": "hidden unit (active units only)",
        "activation": "activation",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, axes = layout.panels(2, height=3.6, narrow_height=2.6, sharey=True)
    m = dropout.mask_means()
    active = np.flatnonzero(m.h > 0)[: dropout.SHOWN_UNITS]
    units = np.arange(active.size)
    tests = {"inverted": m.h[active], "vanilla": (1 - dropout.DROPOUT_P) * m.h[active]}
    for ax, kind in zip(axes, ("inverted", "vanilla")):
        values = getattr(m, kind)[:, active]
        ax.bar(units, values[0], color=PALETTE[5], width=0.8, label=text["one"])
        ax.plot(units, tests[kind], linestyle="none", marker="_", markersize=14, markeredgewidth=2.5,
                color=PALETTE[4], label=text["test"])
        ax.plot(units, values[1], linestyle="none", marker="o", markersize=4.5, color=PALETTE[0],
                label=text["mean"].format(n=dropout.MASKS))
        ax.set(title=layout.wrap(text[kind], 40, 60), xlabel=text["unit"], xticks=[])
        ax.set_ylabel(text["activation"])
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=layout.pick(3, 1), frameon=False)
    return fig


if __name__ == "__main__":
    render(draw)
