"""Measured cost of forward + backward per element for each activation, on the build machine.

Timed by nnnotes.experiments.activations.cost.activation_costs: rounds of repeated runs, each round
a median; the bar is the median over the rounds and the line their range, the rounds whose
ratios the prose states.
The values differ between machines and runs: this is the one figure that is not byte-identical
from build to build. BLAS is limited to one thread, like NumPy's elementwise functions, so the
matrix products are compared on equal terms and do not slow down on a busy machine.
"""

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # must be set before NumPy loads its BLAS
os.environ["OMP_NUM_THREADS"] = "1"

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sitebuild.figstyle import PALETTE, SMALLEST, render  # noqa: E402

from nnnotes.experiments.activations import cost  # noqa: E402

TEXT = {
    "ko": {
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU",
        "tanh": "tanh",
        "sigmoid": "시그모이드",
        "prelu": "PReLU (유닛마다 α)",
        "elu": "ELU",
        "maxout": "Maxout k=2 ({d}→{d}, 아핀 조각 2개 포함)",
        "affine": "완전 연결층 {d}→{d} (비교용)",
        "x": "출력 원소 하나당 순전파 + 역전파 시간 (ns, 로그 눈금)",
        "title": "사이트를 빌드한 컴퓨터에서 측정: NumPy {np}, float64, 스레드 1개, {r}×{c} 원소, {k}회 반복의 중앙값 {n}번 (막대: 중앙값, 선: 범위)",
        "ns": "{v:.1f} ns",
    },
    "en": {
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU",
        "tanh": "tanh",
        "sigmoid": "sigmoid",
        "prelu": "PReLU (one α per unit)",
        "elu": "ELU",
        "maxout": "Maxout k=2 ({d}→{d}, its 2 affine pieces included)",
        "affine": "fully connected layer {d}→{d} (for scale)",
        "x": "forward + backward time per output element (ns, log scale)",
        "title": "measured on the build machine: NumPy {np}, float64, one thread, {r}×{c} entries, {n} rounds of {k} runs, each a median (bar: median, line: range)",
        "ns": "{v:.1f} ns",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    costs = cost.activation_costs()
    names = list(cost.COST_NAMES)
    rounds = [np.asarray(costs[name]) for name in names]
    values = [float(np.median(r)) for r in rounds]
    colours = [PALETTE[0]] * len(cost.ELEMENTWISE_COST) + [PALETTE[1], PALETTE[7]]
    fig, (ax,) = layout.panels(1, height=3.6, narrow_height=4.6)
    y = np.arange(len(names))[::-1]
    ax.barh(y, values, color=colours, height=0.65)
    # the range of the rounds: black, white on the dark bar of the fully connected layer
    ax.hlines(y, [r.min() for r in rounds], [r.max() for r in rounds], linewidth=1.2,
              colors=["white" if colour == PALETTE[7] else "black" for colour in colours])
    ax.set_xscale("log")
    ax.set_yticks(y, [layout.wrap(text[name].format(d=cost.COST_COLS), 30, 18) for name in names])
    for yi, value, r in zip(y, values, rounds):
        ax.text(max(value, r.max()) * 1.08, yi, text["ns"].format(v=value), va="center", fontsize=SMALLEST)
    ax.set_xlim(min(r.min() for r in rounds) / 2, max(r.max() for r in rounds) * layout.pick(4, 8))
    ax.set_xlabel(layout.wrap(text["x"], 70, 44))
    ax.set_title(layout.wrap(text["title"].format(np=np.__version__, r=cost.COST_ROWS, c=cost.COST_COLS,
                                                  k=cost.COST_REPEATS, n=cost.COST_ROUNDS), 80, 48))
    ax.grid(axis="y", visible=False)
    return fig


if __name__ == "__main__":
    render(draw)
