"""The two reference nets [3, 4, 2] and [3, 4, 4, 1], drawn from their MLP objects.

Layer sizes come from ``MLP.sizes``; every connection of a weight matrix is one line; the
counts printed under each net come from the model's parameter arrays (``architecture.sizes.size``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, SMALLEST, render
from matplotlib.patches import Circle

from nnnotes.experiments.architecture.sizes import reference_nets, size

TEXT = {
    "ko": {
        "title": "{layers}층 신경망 {sizes}",
        "input": "입력층",
        "hidden": "은닉층 {i}",
        "output": "출력층\n(활성화 함수 없음)",
        "counts": "뉴런 {neurons}개  ·  가중치 {weights}개  ·  편향 {biases}개\n파라미터 {weights} + {biases} = {parameters}개",
        "note": "입력층의 원은 입력값일 뿐 뉴런이 아니므로 층 수에도 뉴런 수에도 세지 않는다. 선 하나가 가중치 하나다.",
    },
    "en": {
        "title": "{layers}-layer net {sizes}",
        "input": "input layer",
        "hidden": "hidden layer {i}",
        "output": "output layer\n(no activation)",
        "counts": "{neurons} neurons  ·  {weights} weights  ·  {biases} biases\n{weights} + {biases} = {parameters} parameters",
        "note": "Input circles hold the input values, not neurons: they count neither as a layer nor as neurons. Each line is one weight.",
    },
}

RADIUS = 0.22
DX, DY = 1.5, 0.75  # horizontal gap between layers, vertical gap between units


def positions(sizes):
    """(x, y) of every unit, layer by layer, each layer centred on y = 0."""
    return [np.column_stack([np.full(n, DX * i), DY * ((n - 1) / 2 - np.arange(n))]) for i, n in enumerate(sizes)]


def draw_net(ax, net, text, layout):
    sizes = net.sizes
    pos = positions(sizes)
    for a, b in zip(pos, pos[1:]):  # every weight: one line from each unit to each unit of the next layer
        for p in a:
            for q in b:
                ax.plot([p[0], q[0]], [p[1], q[1]], color="0.55", lw=0.7, zorder=1)
    last = len(sizes) - 1
    for i, layer in enumerate(pos):
        if i == 0:
            face, edge, label = "white", "0.4", text["input"]
        elif i == last:
            face, edge, label = PALETTE[1], "black", text["output"]
        else:
            face, edge, label = PALETTE[0], "black", text["hidden"].format(i=i)
        for x, y in layer:
            ax.add_patch(Circle((x, y), RADIUS, facecolor=face, edgecolor=edge, lw=1.2, zorder=2,
                                linestyle="--" if i == 0 else "-"))
        ax.text(layer[0, 0], DY * 1.95, layout.wrap(label, 40, 12), ha="center", va="bottom", fontsize=SMALLEST, linespacing=1.2)
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:]), start=1):  # the shape of each weight matrix
        ax.text(DX * (i - 0.5), -DY * 1.95, f"$W_{i}$: {n_in}×{n_out}", ha="center", va="center", fontsize=SMALLEST,
                color="0.3")
    s = size(net)
    arrow = " → ".join(str(n) for n in sizes)
    ax.set_title(text["title"].format(layers=s.layers, sizes=f"[{arrow}]"), fontsize=11)
    ax.text(DX * last / 2, -DY * 2.5, text["counts"].format(**vars(s)), ha="center", va="top", fontsize=SMALLEST,
            linespacing=1.5)


def draw(lang, layout):
    text = TEXT[lang]
    nets = reference_nets()
    widths = [len(net.sizes) for net in nets]
    fig = layout.figure(3.9, 8.6)
    axes = fig.subplots(*layout.pick((1, 2), (2, 1)), **layout.pick({"width_ratios": widths}, {}))
    for ax, net in zip(axes, nets):
        draw_net(ax, net, text, layout)
        ax.set_xlim(-0.55, DX * (len(net.sizes) - 1) + 0.55)
        ax.set_ylim(-DY * 3.7, DY * layout.pick(3.2, 3.8))
        ax.set_aspect("equal")
        ax.axis("off")
    fig.text(0.5, 0.015, layout.wrap(text["note"], 110, 64), ha="center", va="bottom", color="0.25")  # descenders inside
    fig.get_layout_engine().set(rect=(0, layout.pick(0.07, 0.05), 1, layout.pick(0.93, 0.92)))
    return fig


if __name__ == "__main__":
    render(draw)
