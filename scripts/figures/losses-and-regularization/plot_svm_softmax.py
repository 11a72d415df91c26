"""The multiclass SVM and softmax cross-entropy as the correct class's score moves.

CS231n's cat example: the car and frog scores stay fixed and the cat (correct) score moves.
Left: the loss of the one sample under the hinge, the squared hinge and softmax cross-entropy.
Right: its derivative with respect to the cat score. Every value comes from
``losses_and_regularization.classification_losses.score_sweep``.
"""

from sitebuild.figstyle import SMALLEST, render, series

from nnnotes.experiments.losses_and_regularization import classification_losses as cl

TEXT = {
    "ko": {
        "multiclass_hinge": "힌지 손실",
        "multiclass_squared_hinge": "제곱 힌지 손실",
        "softmax_cross_entropy": "소프트맥스 교차 엔트로피",
        "score": "정답 클래스(고양이)의 점수",
        "loss": "손실",
        "grad": "∂L/∂s (고양이)",
        "loss_title": "손실",
        "grad_title": "정답 점수에 대한 기울기",
        "margin": "마진 충족\n(자동차 점수 + 1)",
    },
    "en": {
        "multiclass_hinge": "hinge",
        "multiclass_squared_hinge": "squared hinge",
        "softmax_cross_entropy": "softmax cross-entropy",
        "score": "score of the correct class (cat)",
        "loss": "loss",
        "grad": "∂L/∂s (cat)",
        "loss_title": "Loss",
        "grad_title": "Gradient on the correct score",
        "margin": "margin met\n(car score + 1)",
    },
}


def draw(lang, layout):
    text = TEXT[lang]
    sweep = cl.score_sweep()
    margin = cl.hinge_zero_from()
    fig, (ax_loss, ax_grad) = layout.panels(2, height=3.3, narrow_height=2.7)
    for i, name in enumerate(cl.LOSS_NAMES):
        style = series(i, len(cl.LOSS_NAMES), sweep.x.size)
        ax_loss.plot(sweep.x, sweep.loss[name], label=text[name], **style)
        ax_grad.plot(sweep.x, sweep.grad[name], **style)
    for ax in (ax_loss, ax_grad):
        ax.axvline(margin, color="0.4", linestyle=":", lw=1)
        ax.set_xlabel(text["score"])
    ax_loss.set(ylabel=text["loss"], ylim=(-0.3, 8), title=text["loss_title"])
    ax_grad.set(ylabel=text["grad"], ylim=(-2.3, 0.2), title=text["grad_title"])
    ax_loss.text(margin + 0.2, 2.5, text["margin"], fontsize=SMALLEST, ha="left", va="bottom")
    if layout.narrow:
        fig.legend(loc="outside lower center", ncols=2)
    else:
        ax_loss.legend(loc="upper right")
    return fig


if __name__ == "__main__":
    render(draw)
