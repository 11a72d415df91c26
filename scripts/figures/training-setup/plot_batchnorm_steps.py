"""Batch normalization step by step on one mini-batch of 16 points.

Three panels, one per stage, each showing four units of the first hidden layer: the
pre-activations z = x·W + b, the normalized x̂ = (z − μ_B)/√(σ_B² + ε), and the output
γ·x̂ + β with the γ, β the trained net learned. Dots are the batch's samples; the bar is
the mean ± one standard deviation; the numbers under each unit are its batch mean and variance.
Computed by nnnotes.batchnorm (``training_setup.batchnorm.bn_steps``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, SMALLEST, render

from nnnotes.experiments.training_setup import batchnorm

TEXT = {
    "ko": {
        "z": "① 입력 $z = xW + b$",
        "x_hat": "② 정규화 $\\hat{x} = (z - \\mu_B)\\,/\\sqrt{\\sigma_B^2 + \\varepsilon}$",
        "out": "③ 크기 조절과 이동 $y = \\gamma\\hat{x} + \\beta$",
        "unit": "유닛",
        "stats": "$\\mu_B$ = {mean:.2f}\n$\\sigma_B^2$ = {var:.2f}",
        "affine": "$\\gamma$ = {gamma:.2f}\n$\\beta$ = {beta:.2f}",
        "value": "값",
    },
    "en": {
        "z": "① input $z = xW + b$",
        "x_hat": "② normalize $\\hat{x} = (z - \\mu_B)\\,/\\sqrt{\\sigma_B^2 + \\varepsilon}$",
        "out": "③ scale and shift $y = \\gamma\\hat{x} + \\beta$",
        "unit": "unit",
        "stats": "$\\mu_B$ = {mean:.2f}\n$\\sigma_B^2$ = {var:.2f}",
        "affine": "$\\gamma$ = {gamma:.2f}\n$\\beta$ = {beta:.2f}",
        "value": "value",
    },
}


def strip(ax, values, units, text, extra=None):
    """Dots of each unit's batch values (B, K) with mean ± std and the stats written below."""
    rng = np.random.default_rng(0)  # horizontal jitter only, for legibility
    k = values.shape[1]
    for j in range(k):
        jitter = (rng.random(values.shape[0]) - 0.5) * 0.35
        ax.scatter(j + jitter, values[:, j], s=14, color=PALETTE[j], alpha=0.8, linewidths=0, zorder=3)
        mean, std = values[:, j].mean(), values[:, j].std()
        ax.errorbar(j + 0.32, mean, yerr=std, fmt="_", color="black", capsize=3, ms=10, lw=1.2, zorder=4)
    low, high = values.min(), values.max()
    span = high - low
    ax.set_ylim(low - (0.55 if extra is None else 0.8) * span, high + 0.1 * span)  # room for the notes
    for j in range(k):
        note = text["stats"].format(mean=round(values[:, j].mean(), 2) + 0.0, var=values[:, j].var())
        if extra is not None:
            note = extra[j] + "\n" + note
        ax.text(j, low - 0.08 * span, note, ha="center", va="top", fontsize=SMALLEST)
    ax.set_xticks(range(k), [f"{text['unit']} {j + 1}" for j in units])
    ax.set_xlim(-0.6, k - 0.4)
    ax.axhline(0, color="0.5", lw=0.6)


def draw(lang, layout):
    text = TEXT[lang]
    steps = batchnorm.bn_steps()
    # one panel to a row in both layouts: four units' statistics side by side need the width
    fig, axes = layout.panels(3, cols=1, height=2.5, narrow_height=3.0)
    strip(axes[0], steps.z, steps.units, text)
    strip(axes[1], steps.x_hat, steps.units, text)
    affine = [text["affine"].format(gamma=g, beta=b) for g, b in zip(steps.gamma, steps.beta)]
    strip(axes[2], steps.out, steps.units, text, extra=affine)
    for ax, key in zip(axes, ("z", "x_hat", "out")):
        ax.set_title(layout.wrap(text[key], 80, 56))
        ax.grid(axis="x", visible=False)
        ax.set_ylabel(text["value"])
    return fig


if __name__ == "__main__":
    render(draw)
