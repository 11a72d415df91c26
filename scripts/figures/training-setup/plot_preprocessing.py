"""Preprocessing a correlated 2-D cloud: raw, zero-centred, normalized, PCA-rotated, whitened.

Each panel shows the same 500 points after one more step, with the axes through the origin,
and states the condition number κ of a linear neuron's squared loss on that version and the
number of full-batch gradient-descent steps it needed (``nnnotes.experiments.training_setup.preprocessing``).
"""

import matplotlib.pyplot as plt
import numpy as np
from sitebuild.figstyle import PALETTE, render

from nnnotes.experiments.training_setup import preprocessing

TEXT = {
    "ko": {
        "raw": "원본",
        "centred": "평균 차감 (0 중심)",
        "normalized": "정규화 (÷ 표준편차)",
        "rotated": "PCA 회전",
        "whitened": "화이트닝",
        "note": "κ = {kappa:,.0f}\n경사 하강법 {steps:,}스텝",
        "mean": "평균",
        "x1": "$x_1$",
        "x2": "$x_2$",
    },
    "en": {
        "raw": "original",
        "centred": "zero-centered",
        "normalized": "normalized (÷ std)",
        "rotated": "PCA-rotated",
        "whitened": "whitened",
        "note": "κ = {kappa:,.0f}\n{steps:,} descent steps",
        "mean": "mean",
        "x1": "$x_1$",
        "x2": "$x_2$",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    fig, axes = layout.panels(len(preprocessing.PREPROCESSING_STEPS), cols=3, narrow_cols=2, height=3.2, narrow_height=2.6)
    for i, (ax, step) in enumerate(zip(axes, preprocessing.PREPROCESSING_STEPS)):
        X = preprocessing.preprocessed(step)
        run = preprocessing.descent_steps(step)
        ax.axhline(0, color="black", lw=0.7)
        ax.axvline(0, color="black", lw=0.7)
        ax.scatter(X[:, 0], X[:, 1], s=4, color=PALETTE[i % 5], alpha=0.55, linewidths=0)
        mean = X.mean(axis=0)
        ax.plot(*mean, marker="+", color="black", markersize=11, mew=2, label=text["mean"])
        if step == "raw":
            low, high = min(X.min(), -1.0), X.max()
            ax.set(xlim=(low - 0.5, high + 0.5), ylim=(low - 0.5, high + 0.5))
        else:
            half = 1.08 * np.abs(X).max()
            ax.set(xlim=(-half, half), ylim=(-half, half))
        ax.set_aspect("equal")
        note = text["note"].format(kappa=run.condition, steps=run.steps)
        ax.set_title(f"{text[step]}\n{layout.wrap(note, 30, 24)}")
        ax.set_xlabel(text["x1"])
        ax.set_ylabel(text["x2"])
    fig.legend(*axes[0].get_legend_handles_labels(), loc="outside lower center")
    return fig


if __name__ == "__main__":
    render(draw)
