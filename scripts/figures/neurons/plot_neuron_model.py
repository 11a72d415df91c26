"""The biological neuron (left) next to its mathematical model (right): a schematic.

Nothing here is data. The drawing is made of matplotlib shapes; each part of the cell and
the piece of the model that stands for it share a colour: dendrites ↔ inputs x_i,
synapses ↔ weights w_i, cell body ↔ Σ w_i x_i + b, axon ↔ f(·) and the output.
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, render
from matplotlib.patches import Circle, Ellipse, FancyArrowPatch, FancyBboxPatch

DENDRITE, SYNAPSE, BODY, AXON, MUTED = PALETTE[0], PALETTE[4], PALETTE[2], PALETTE[3], "#555555"

TEXT = {
    "ko": {
        "bio": "생물학적 뉴런",
        "model": "수학적 모형",
        "dendrite": "수상돌기\n(입력 신호를 받는다)",
        "synapse": "시냅스\n(세기에 따라 영향력이 다르다)",
        "body": "세포체\n(입력을 더한다)",
        "axon": "축삭\n(출력을 내보낸다)",
        "terminal": "축삭 말단\n(다음 뉴런으로)",
        "from": "다른 뉴런의\n축삭",
        "inputs": "입력\n(수상돌기)",
        "weights": "가중치 = 시냅스 세기",
        "sum": "세포체",
        "act": "활성화 함수\n(발화율)",
        "out": "출력\n(축삭)",
    },
    "en": {
        "bio": "Biological neuron",
        "model": "Mathematical model",
        "dendrite": "dendrites\n(carry input in)",
        "synapse": "synapses\n(strength sets influence)",
        "body": "cell body\n(sums the input)",
        "axon": "axon\n(carries output)",
        "terminal": "axon terminals\n(to next neurons)",
        "from": "axon of\nanother neuron",
        "inputs": "inputs\n(dendrites)",
        "weights": "weights = synapse strengths",
        "sum": "cell body",
        "act": "activation\n(firing rate)",
        "out": "output\n(axon)",
    },
}


def arrow(ax, start, end, color, **kw):
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=12, color=color, lw=1.6,
                                 shrinkA=0, shrinkB=0, **kw))


def label(ax, text, point, where, color, **kw):
    """Text at ``where`` with a thin leader line to ``point``."""
    ax.annotate(text, xy=point, xytext=where, color=color, fontsize=10, ha="center", va="center",
                arrowprops={"arrowstyle": "-", "color": color, "lw": 0.8, "shrinkA": 2, "shrinkB": 3}, **kw)


def draw_cell(ax, text):
    body = np.array([0.0, 0.0])
    tips = []
    # three dendrite trunks, each forking in two; synapses sit at some of the tips
    for angle in (145, 180, 215):
        a = np.deg2rad(angle)
        fork = body + 1.25 * np.array([np.cos(a), np.sin(a)])
        ax.plot(*zip(body, fork), color=DENDRITE, lw=3.4, solid_capstyle="round")
        for turn in (-24, 24):
            b = np.deg2rad(angle + turn)
            tip = fork + 0.8 * np.array([np.cos(b), np.sin(b)])
            ax.plot(*zip(fork, tip), color=DENDRITE, lw=2.0, solid_capstyle="round")
            tips.append(tip)
    # axons of other neurons (dotted) end on three tips: the synapses
    synapses = (tips[1], tips[2], tips[4])
    for tip in synapses:
        ax.plot([tip[0] - 0.9, tip[0] - 0.1], [tip[1], tip[1]], color=MUTED, lw=1.2, ls=":")
        ax.add_patch(Circle(tip, 0.1, color=SYNAPSE, zorder=4))
    ax.text(tips[2][0] - 1.0, tips[2][1], text["from"], ha="right", va="center", fontsize=9, color=MUTED)
    # the cell body with its nucleus
    ax.add_patch(Ellipse(body, 1.1, 0.9, color=BODY, alpha=0.9, zorder=3))
    ax.add_patch(Circle(body + [-0.05, 0.05], 0.15, color="white", alpha=0.9, zorder=4))
    # the axon with myelin segments, then branching terminals
    end = np.array([3.1, 0.0])
    ax.plot([0.5, end[0]], [0, 0], color=AXON, lw=2.4, zorder=2)
    for x in (0.8, 1.5, 2.2):
        ax.add_patch(FancyBboxPatch((x, -0.12), 0.55, 0.24, boxstyle="round,pad=0.0,rounding_size=0.1",
                                    color=AXON, alpha=0.45, zorder=3))
    for dy in (-0.5, 0.0, 0.5):
        knob = end + np.array([0.5, dy])
        ax.plot(*zip(end, knob), color=AXON, lw=1.6)
        ax.add_patch(Circle(knob, 0.08, color=AXON, zorder=4))
    arrow(ax, (0.9, -0.5), (2.5, -0.5), AXON)
    # labels with leader lines, placed in free space
    label(ax, text["dendrite"], tips[0] + [0.15, -0.05], (-2.0, 1.95), DENDRITE)
    label(ax, text["synapse"], synapses[2] + [0.05, -0.08], (-1.2, -1.75), SYNAPSE)
    label(ax, text["body"], body + [0.1, 0.45], (0.45, 1.45), BODY)
    label(ax, text["axon"], (2.05, 0.13), (2.35, 1.05), AXON)
    ax.text(3.65, -0.75, text["terminal"], color=AXON, ha="center", va="top", fontsize=9)
    ax.set_title(text["bio"])
    ax.set(xlim=(-4.0, 4.4), ylim=(-2.5, 2.2), aspect="equal")
    ax.axis("off")


def draw_model(ax, text):
    centre = np.array([0.6, 0.0])
    radius = 0.95
    for i, y in enumerate((1.3, 0.0, -1.3)):
        start = np.array([-2.2, y])
        ax.text(start[0] - 0.12, y, f"$x_{i}$", color=DENDRITE, ha="right", va="center", fontsize=12)
        direction = centre - start
        end = centre - radius * direction / np.linalg.norm(direction)
        arrow(ax, start, end, DENDRITE)
        mid = start + 0.45 * (end - start)
        ax.add_patch(Circle(mid, 0.08, color=SYNAPSE, zorder=4))
        ax.text(mid[0], mid[1] + 0.14, f"$w_{i} x_{i}$", color=SYNAPSE, ha="center", va="bottom", fontsize=12)
    ax.text(-2.5, -2.05, text["inputs"], color=DENDRITE, ha="center", va="center", fontsize=10)
    ax.text(-1.0, 2.0, text["weights"], color=SYNAPSE, ha="center", va="center", fontsize=10)
    ax.add_patch(Circle(centre, radius, color=BODY, alpha=0.9, zorder=3))
    ax.text(*centre, "$\\sum_i w_i x_i + b$", ha="center", va="center", fontsize=10, color="white", zorder=5)
    ax.text(centre[0], centre[1] - radius - 0.25, text["sum"], color=BODY, ha="center", va="center", fontsize=10)
    # activation function box, then the output along the "axon"
    box = np.array([2.45, 0.0])
    arrow(ax, centre + [radius, 0], box - [0.4, 0], AXON)
    ax.add_patch(FancyBboxPatch(box - [0.4, 0.3], 0.8, 0.6, boxstyle="round,pad=0.02,rounding_size=0.12",
                                facecolor="white", edgecolor=AXON, lw=1.6, zorder=3))
    ax.text(*box, "$f$", ha="center", va="center", fontsize=13, color=AXON, zorder=4)
    ax.text(box[0], box[1] - 0.65, text["act"], color=AXON, ha="center", va="center", fontsize=10)
    arrow(ax, box + [0.4, 0], box + [2.35, 0], AXON)
    ax.text(box[0] + 1.3, 0.15, "$f\\left(\\sum_i w_i x_i + b\\right)$", color=AXON, ha="center", va="bottom",
            fontsize=10)
    ax.text(box[0] + 1.6, -0.55, text["out"], color=AXON, ha="center", va="center", fontsize=10)
    ax.set_title(text["model"])
    ax.set(xlim=(-3.5, 4.9), ylim=(-2.5, 2.2), aspect="equal")
    ax.axis("off")


def draw(lang, layout):
    text = TEXT[lang]
    fig, (ax_bio, ax_model) = layout.panels(2, height=2.6, narrow_height=2.9)
    draw_cell(ax_bio, text)
    draw_model(ax_model, text)
    return fig


if __name__ == "__main__":
    render(draw)
