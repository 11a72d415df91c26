"""Softmax probabilities against the SVM's margin as every score is multiplied by k.

The scores k·(1, −2, 0), correct class first, stand for a net whose weights grow by the
factor k. Left: the three softmax probabilities. Right: the hinge loss and softmax
cross-entropy of the sample. Every value comes from
``losses_and_regularization.classification_losses.scale_sweep``.
"""

from sitebuild.figstyle import SMALLEST, render, series

from nnnotes.experiments.losses_and_regularization import classification_losses as cl

TEXT = {
    "ko": {
        "classes": ("클래스 1 (정답)", "클래스 2", "클래스 3"),
        "k": "점수에 곱한 배율 k",
        "prob": "소프트맥스 확률",
        "prob_title": "k가 클수록 확률이 한쪽으로 쏠림",
        "loss": "손실",
        "loss_title": "손실",
        "multiclass_hinge": "힌지 손실",
        "softmax_cross_entropy": "소프트맥스 교차 엔트로피",
        "margin": "모든 마진 충족",
    },
    "en": {
        "classes": ("class 1 (correct)", "class 2", "class 3"),
        "k": "factor k multiplying the scores",
        "prob": "softmax probability",
        "prob_title": "Probabilities sharpen as k grows",
        "loss": "loss",
        "loss_title": "Loss",
        "multiclass_hinge": "hinge",
        "softmax_cross_entropy": "softmax cross-entropy",
        "margin": "every margin met",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    sweep = cl.scale_sweep()
    k_zero = cl.scale_hinge_zero()
    fig, (ax_p, ax_l) = layout.panels(2, height=3.3, narrow_height=2.7)
    n = len(cl.BASE_SCORES)
    for c in range(n):
        ax_p.plot(sweep.x, sweep.probs[:, c], label=text["classes"][c], **series(c, n, sweep.x.size))
    for i, name in enumerate(("multiclass_hinge", "softmax_cross_entropy")):
        ax_l.plot(sweep.x, sweep.loss[name], label=text[name], **series(i + n, n + 2, sweep.x.size))
    ax_p.set(xlabel=text["k"], ylabel=text["prob"], ylim=(0, 1), title=layout.wrap(text["prob_title"], 40, 60))
    ax_l.set(xlabel=text["k"], ylabel=text["loss"], ylim=(0, None), title=text["loss_title"])
    ax_l.axvline(k_zero, color="0.4", linestyle=":", lw=1)
    ax_l.text(k_zero + 0.1, 1.05, text["margin"], fontsize=SMALLEST, ha="left", va="bottom")
    ax_p.legend(loc="center right")
    ax_l.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    render(draw)
