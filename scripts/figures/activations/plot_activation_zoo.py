"""Every activation with its derivative, saturated regions shaded.

f(x) is each function's forward pass and f′(x) its backward pass for an upstream gradient of
ones (nnnotes.experiments.activations.zoo.zoo). The shading marks where
|f′(x)| < 1% of max |f′|, computed from those derivatives. The two Maxout units were fitted
by gradient descent (maxout_forward / maxout_backward) to ReLU and to |x|.
"""

import matplotlib.pyplot as plt
from sitebuild.figstyle import PALETTE, render
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from nnnotes.experiments.activations import zoo

SHADE = "#999999"
TEXT = {
    "ko": {
        "sigmoid": "시그모이드",
        "tanh": "tanh",
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU (α = {a:g})",
        "prelu": "PReLU (α = {a1:g}, {a2:g})",
        "elu": "ELU (α = {a:g})",
        "maxout_relu": "ReLU에 맞춘 Maxout k=2",
        "maxout_abs": "|x|에 맞춘 Maxout k=2",
        "f": "함숫값 f(x)",
        "fprime": "도함수 f′(x)",
        "x": "입력 x",
        "shade": "포화 영역: |f′(x)| < 최대 |f′|의 {eps:.0%}",
        "f_line": "f(x)",
        "fprime_line": "f′(x) (역전파로 구한 값)",
        "piece": "Maxout의 아핀 조각",
    },
    "en": {
        "sigmoid": "sigmoid",
        "tanh": "tanh",
        "relu": "ReLU",
        "leaky_relu": "Leaky ReLU (α = {a:g})",
        "prelu": "PReLU (α = {a1:g}, {a2:g})",
        "elu": "ELU (α = {a:g})",
        "maxout_relu": "Maxout k=2 fitted to ReLU",
        "maxout_abs": "Maxout k=2 fitted to |x|",
        "f": "value f(x)",
        "fprime": "derivative f′(x)",
        "x": "input x",
        "shade": "saturated: |f′(x)| < {eps:.0%} of max |f′|",
        "f_line": "f(x)",
        "fprime_line": "f′(x) (from the backward pass)",
        "piece": "Maxout's affine pieces",
    },
}
ORDER = (("sigmoid", "tanh", "relu", "leaky_relu"), ("prelu", "elu", "maxout_relu", "maxout_abs"))


def title(key, text):
    return text[key].format(a=zoo.LEAKY_ALPHA if key == "leaky_relu" else zoo.ELU_ALPHA,
                            a1=zoo.PRELU_ALPHAS[0], a2=zoo.PRELU_ALPHAS[1])


def shade(ax, curve):
    for low, high in curve.regions:
        ax.axvspan(low, high, color=SHADE, alpha=0.3, linewidth=0)


def draw(lang, layout):
    text = TEXT[lang]
    curves = zoo.zoo()
    x = zoo.ZOO_GRID
    keys = [key for block in ORDER for key in block]
    cols = layout.pick(4, 2)  # functions side by side; each one's f above its f′
    blocks = len(keys) // cols
    fig, axes = plt.subplots(2 * blocks, cols, figsize=(layout.width, layout.pick(7.8, 13.5)), sharex=True)
    for k, key in enumerate(keys):
        block, col = divmod(k, cols)
        ax_f, ax_d = axes[2 * block, col], axes[2 * block + 1, col]
        group = curves[key] if isinstance(curves[key], list) else [curves[key]]
        for i, curve in enumerate(group):
            colour = PALETTE[i]
            shade(ax_f, curve)
            shade(ax_d, curve)
            if curve.pieces is not None:
                for piece in curve.pieces:
                    ax_f.plot(x, piece, color=PALETTE[2], linestyle=":", linewidth=1.2)
            label = f"α = {zoo.PRELU_ALPHAS[i]:g}" if key == "prelu" else None
            # PReLU's two α overlap for x > 0: the second one also has markers (told apart in grey too)
            marks = {"marker": "s", "markersize": 3.5, "markevery": (12, 25)} if i else {}
            ax_f.plot(x, curve.f, color=colour, linewidth=1.8, label=label, **marks)
            ax_d.plot(x, curve.fprime, color=colour, linestyle="--", linewidth=1.6, **marks)
        ax_f.set_title(layout.wrap(title(key, text), 17, 22))
        ax_d.set_ylim(min(-0.1, 1.2 * min(c.fprime.min() for c in group)), 1.15 * max(c.fprime.max() for c in group))
        if key.startswith("maxout") or key in ("relu", "leaky_relu", "prelu", "elu"):
            ax_f.set_ylim(-3, 8.5)
        if key == "prelu":
            ax_f.legend(loc="upper left", handlelength=1.5, borderaxespad=0.2, labelspacing=0.2)
        for ax in (ax_f, ax_d):
            ax.axhline(0, color="black", linewidth=0.6)
        if col == 0:
            ax_f.set_ylabel(text["f"])
            ax_d.set_ylabel(text["fprime"])
        if block == blocks - 1:
            ax_d.set_xlabel(text["x"])
    handles = [
        Line2D([], [], color="black", linewidth=1.8, label=text["f_line"]),
        Line2D([], [], color="black", linestyle="--", linewidth=1.6, label=text["fprime_line"]),
        Line2D([], [], color=PALETTE[2], linestyle=":", linewidth=1.2, label=text["piece"]),
        Patch(color=SHADE, alpha=0.3, label=text["shade"].format(eps=zoo.SATURATION_EPS)),
    ]
    fig.legend(handles=handles, loc="outside upper center", ncol=layout.pick(2, 1))
    return fig


if __name__ == "__main__":
    render(draw)
