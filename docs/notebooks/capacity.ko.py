# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 용량과 과적합
#
# 신경망이 넓을수록 더 복잡한 결정 경계(decision boundary)를 그릴 수 있고, 그중에는 학습 데이터의 잡음을
# 그대로 따라가는 경계도 있다. 이 노트북에서는 두 가지를 해 본다.
#
# 1. 잡음이 많은 XOR 데이터로 은닉 뉴런이 3개, 6개, 20개인 신경망을 학습하고 결정 영역을 그린다.
#    [표현력과 크기](../../capacity/) 장에 있는 용량(capacity) 그림이다.
# 2. 뉴런 20개짜리 신경망을 그대로 두고 L2 규제(regularization)를 더했을 때 결정 경계와 가중치, 새
#    데이터에서의 정확도가 어떻게 바뀌는지 살펴본다.
#
# **직접 실행해 보려면.** 위의 버튼으로 노트북을 내려받아 Jupyter, VS Code, Colab 가운데 편한 곳에서
# 연다. 내려받은 노트북에서는 첫 코드 셀이 필요한 패키지, 즉 이 출력을 만든 것과 같은 `nnnotes`(이
# 사이트에서 받는다)와 matplotlib, 한글 글꼴을 설치하고, 글꼴과 색을 정해 그림 그릴 준비를 한다. 그다음
# 셀을 위에서부터 차례로 실행하면 된다.
#
# 실험은 저마다 `assert` 문으로 된 **확인** 셀로 끝난다. 이 assert는 노트북에 적혀 있는 값에서 모두
# 성립한다. 값을 바꾼 뒤 그중 하나가 실패한다면, 그 assert가 확인하는 문장이 바꾼 설정에서는 더 이상
# 참이 아니라는 뜻이다.

# %% [markdown]
# ## 1. 잡음 섞인 XOR에서 세 가지 너비
#
# 데이터는 잡음이 많은 XOR이다. 꼭짓점 $(\pm 1, \pm 1)$ 주위에 표준편차 $\sigma = 0.7$인 가우스 잡음을
# 더해 학습용 점 100개를 만들고, 같은 분포에서 평가용 점 4000개를 따로 뽑는다. 꼭짓점 좌표의 부호가 서로
# 다르면 레이블이 1이다. 잡음 때문에 점이 축 너머로 밀려날 수 있으므로, 두 부호로 예측하는 가장 좋은
# 분류기도 가끔 틀린다. 그 분류기의 정확도가 **베이즈 정확도**(Bayes rate)이며, 부호 하나가 잡음에도
# 그대로 남을 확률 $p = \Phi(1/\sigma)$로 쓰면 $p^2 + (1 - p)^2$이다. 신경망은 ReLU를 쓰는
# `MLP([2, H, 1])`이고, 모멘텀을 더한 전체 배치 경사 하강법으로 학습한다.

# %%
import math

from matplotlib.colors import LinearSegmentedColormap

from nnnotes import MLP, get_activation
from nnnotes.datasets import xor

NOISE = 0.7
X, y = xor(100, noise=NOISE, rng=np.random.default_rng(0))
X_test, y_test = xor(4000, noise=NOISE, rng=np.random.default_rng(1))
p = 0.5 * (1 + math.erf(1 / NOISE / math.sqrt(2)))  # Φ(1/σ)
BAYES = p**2 + (1 - p) ** 2
print(f"베이즈 정확도: {BAYES:.3f}")


def train(width, reg=0.0, seed=0):
    """ReLU를 쓰는 MLP([2, width, 1])을 장의 신경망과 같은 방법(전체 배치, 모멘텀 0.9)으로 학습한다."""
    net = MLP([2, width, 1], rng=np.random.default_rng(seed))
    net.fit(X, y, loss="binary_cross_entropy", lr=0.5, epochs=3000, momentum=0.9, reg=reg)
    return net


def accuracy(net, X, y):
    return np.mean(net.predict(X) == y)


WIDTHS = (3, 6, 20)
nets = {width: train(width) for width in WIDTHS}
scores = {width: (accuracy(net, X, y), accuracy(net, X_test, y_test)) for width, net in nets.items()}
for width, (train_acc, test_acc) in scores.items():
    print(f"은닉 뉴런 {width:2d}개: 학습 {train_acc:.3f}  평가 {test_acc:.3f}"
          f"  차이 {train_acc - test_acc:.3f}")

# %%
sigmoid = get_activation("sigmoid")
tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
gx, gy = np.meshgrid(np.linspace(-3, 3, 120), np.linspace(-3, 3, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])


def draw_regions(ax, net, title):
    """클래스 1의 확률(배경색), 결정 경계 p = 0.5, 학습 데이터를 그린다."""
    prob = sigmoid.forward(net.forward(grid, train=False))[0].reshape(gx.shape)
    ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap=tint, alpha=0.45)
    ax.contour(gx, gy, prob, levels=[0.5], colors="black", linewidths=1.2)
    ax.scatter(*X[y == 0].T, s=8, marker="o", color=PALETTE[0])
    ax.scatter(*X[y == 1].T, s=10, marker="^", color=PALETTE[4])
    ax.set(xlim=(-3, 3), ylim=(-3, 3), aspect="equal", xticks=[-2, 0, 2], yticks=[-2, 0, 2])
    ax.set_title(title, fontsize=9)
    ax.grid(False)


fig, axes = plt.subplots(1, 3, figsize=(7, 2.9))
for ax, width in zip(axes, WIDTHS):
    train_acc, test_acc = scores[width]
    draw_regions(ax, nets[width], f"뉴런 {width}개\n학습 {train_acc:.0%}, 평가 {test_acc:.0%}")
fig.tight_layout()
show(fig, f"잡음 섞인 같은 XOR 학습 데이터(파란 원은 클래스 0, 주황 삼각형은 클래스 1) 위에 은닉 뉴런이 "
          f"3개, 6개, 20개인 신경망의 결정 영역을 그린 그림 세 개. 제목에는 학습 정확도와 평가 정확도를 적었다. "
          f"뉴런 3개는 사분면 하나를 통째로 틀리고, 6개는 네 사분면을 만들며, 20개는 가운데 근처에서 점 하나하나를 "
          f"돌아가도록 경계를 구부린다. 뉴런 20개의 학습 정확도 {scores[20][0]:.0%}는 어떤 분류기도 새 데이터에서 "
          f"기대할 수 있는 최선인 베이즈 정확도 {BAYES:.0%}보다 높다.")

# %% [markdown]
# **확인.** 뉴런 3개는 너무 적어서 사분면 하나를 통째로 놓친다. 뉴런이 많을수록 학습 데이터를 더 잘
# 맞히는데, 뉴런 20개짜리 신경망의 학습 정확도는 어떤 분류기도 새 데이터에서 넘을 수 없는 베이즈
# 정확도보다 훨씬 높다. 즉 이 신경망이 배운 것의 일부는 잡음이며, 학습 정확도와 평가 정확도의 차이도
# 뉴런 6개짜리보다 크다. 이것이 과적합(overfitting)이다.

# %%
train_acc = {width: s[0] for width, s in scores.items()}
gap = {width: s[0] - s[1] for width, s in scores.items()}
assert train_acc[3] < train_acc[6] < train_acc[20]
assert scores[3][1] < 0.75
assert train_acc[20] > BAYES + 0.05
assert gap[20] > gap[6] + 0.01

# %% [markdown]
# ## 2. 직접 해 보기: 뉴런을 줄이는 대신 규제하기
#
# 이번에는 뉴런을 덜어 내지 않고 20개를 모두 둔 채, L2 벌점 $\frac{\lambda}{2}\sum\lVert W\rVert^2$을
# 더한다. 규제 세기는 아래 `REG`로 정한다. $\lambda$가 적당하면 결정 경계가 매끄러워지고 가중치가
# 작아지며, 학습 정확도는 내려가고 평가 정확도는 베이즈 정확도 가까이로 올라간다. 0.001과 0.1도 넣어
# 보자. $\lambda$가 너무 크면 신경망이 과소적합(underfitting)한다.

# %%
# ✎ 바꿔 볼 값
REG = 0.01  # 뉴런 20개짜리 신경망의 L2 규제 세기 λ (1절에서는 0)

# %%
def weight_norm(net):
    """가중치 행렬 전체에 걸친 √(Σ‖W‖²), 즉 L2 규제가 벌점을 매기는 양."""
    return math.sqrt(sum(np.sum(net.params[name] ** 2) for name in ("W1", "W2")))


regularized = train(20, reg=REG)
results = {0.0: nets[20], REG: regularized}
for reg, net in results.items():
    print(f"λ = {reg:<6g} 학습 {accuracy(net, X, y):.3f}  평가 {accuracy(net, X_test, y_test):.3f}"
          f"  가중치 노름 {weight_norm(net):.1f}")

fig, (ax, ax_bar) = plt.subplots(1, 2, figsize=(7, 2.9), gridspec_kw={"width_ratios": [1, 1.3]})
draw_regions(ax, regularized, f"뉴런 20개, λ = {REG:g}")
positions = np.arange(len(results))
bars = ((-0.2, X, y, "학습", PALETTE[0], ""), (0.2, X_test, y_test, "평가", PALETTE[1], "//"))
for offset, data_X, data_y, label, color, hatch in bars:
    ax_bar.bar(positions + offset, [accuracy(net, data_X, data_y) for net in results.values()], width=0.4,
               label=label, color=color, hatch=hatch, edgecolor="white")
ax_bar.axhline(BAYES, color="black", linestyle=":", linewidth=1, label="베이즈 정확도")
ax_bar.set(xticks=positions, xticklabels=[f"λ = {reg:g}" for reg in results], ylim=(0.7, 1.0),
           ylabel="정확도", title="뉴런 20개, L2 규제가 있을 때와 없을 때")
ax_bar.legend(loc="upper right", fontsize=8)
fig.tight_layout()
show(fig, f"왼쪽: λ = {REG:g}인 L2 규제로 학습한 뉴런 20개 신경망의 결정 영역을 잡음 섞인 XOR 학습 데이터 "
          f"위에 그렸다. 오른쪽: λ = 0과 λ = {REG:g}에서 이 신경망의 학습 정확도(채운 막대)와 평가 정확도(빗금 "
          f"막대)를 비교했고, 점선은 베이즈 정확도 {BAYES:.1%}이다. 규제를 더하면 학습 정확도는 "
          f"{accuracy(nets[20], X, y):.1%}에서 {accuracy(regularized, X, y):.1%}로, 평가 정확도는 "
          f"{accuracy(nets[20], X_test, y_test):.1%}에서 {accuracy(regularized, X_test, y_test):.1%}로 바뀐다.")

# %% [markdown]
# **확인.** 벌점은 가중치를 줄이고 학습 정확도를 낮춘다. 신경망이 더는 점 하나하나를 돌아가도록 경계를
# 구부리지 않기 때문이다. 처음 주어진 $\lambda$에서는 평가 정확도가 규제 없는 신경망보다 높아져, 베이즈
# 정확도와의 차이가 2%p 안으로 좁혀진다.

# %%
plain = nets[20]
if REG > 0:
    assert weight_norm(regularized) < weight_norm(plain)
    assert accuracy(regularized, X, y) <= accuracy(plain, X, y)
if REG == 0.01:  # 처음 주어진 λ에 대한 문장
    assert accuracy(regularized, X_test, y_test) > accuracy(plain, X_test, y_test)
    assert abs(accuracy(regularized, X_test, y_test) - BAYES) < 0.02

# %% [markdown]
# ## 더 해 볼 것
#
# 문제마다 아래에 답을 접어 두었다. 먼저 직접 해 본 다음 펼쳐 보자.
#
# **1.** 뉴런 20개짜리 신경망을 다른 시드로 학습해 보자(`train(20, seed=1)`, …). 시드에 따라 정확도가
# 얼마나 달라질까?
#
# <details><summary>답</summary>
#
# 학습 정확도는 몇 %포인트에서 많게는 10%포인트 가까이 달라진다. 시드마다 결정 경계가 서로 다른
# 잡음 섞인 점들을 돌아 휘기 때문이다. 평가 정확도는 그보다 덜 달라지며, 어느 실행에서나 베이즈 정확도보다
# 낮다. 실행마다 외우는 점은 다르지만, 새 데이터에서 치르는 손해는 비슷하다. 같은 시드들에 `reg=0.01`을
# 더해 보면 실행들의 결과가 베이즈 정확도 근처에서 훨씬 가깝게 모인다. 규제를 걸면 결과가 시드에 덜
# 좌우되기도 한다.
#
# </details>
#
# **2.** 잡음을 `NOISE = 0.4`로 낮춰 보자. 뉴런 20개짜리 신경망이 여전히 과적합할까?
#
# <details><summary>답</summary>
#
# 거의 하지 않는다. 베이즈 정확도가 약 98.8%로 올라간다. 다른 클래스의 사분면으로 넘어가는 점이 80개에
# 하나꼴뿐이어서 외울 잡음이 거의 없기 때문이다. 뉴런 6개와 20개 신경망은 모두 학습 점을 전부 맞히고, 평가
# 정확도도 베이즈 정확도와 1%포인트 안팎밖에 차이 나지 않는다. 뉴런 20개 쪽이 조금 낮을 뿐이다. 뉴런
# 3개는 여전히 사분면 하나를 놓친다. 너무 적은 뉴런은 잡음이 적어도 부족하다. 1절의 확인 셀은 실패하는데,
# 학습 정확도가 98.8%보다 5%포인트나 높을 수는 없기 때문이다.
#
# </details>
#
# **3.** L2 규제 대신 에포크 수를 줄여 학습을 일찍 멈춰 보자. `train` 안에서 `epochs=300`으로 바꿔
# 비교한다.
#
# <details><summary>답</summary>
#
# 300 에포크에서 멈추면 뉴런 20개 신경망은 3000 에포크 때보다 학습 정확도가 낮고 평가 정확도가 높아서,
# $\lambda = 0.01$인 L2 규제를 걸었을 때와 비슷해진다. 결정 경계가 점 하나하나를 돌아 휠 시간이 아직
# 없었던 것이다. 학습을 일찍 멈추는 것도 규제다. 가중치는 작게 출발해서 학습하는 동안 커지므로, 갱신
# 횟수가 적으면 L2 벌점을 줄 때처럼 가중치가 작게 유지된다. 이때는 에포크 수가 $\lambda$와 같은
# 하이퍼파라미터가 되므로 검증 세트에서 골라야 한다. 실제로는 학습하는 동안 검증 세트의 손실을 지켜보다가,
# 손실이 가장 낮았던 에포크의 가중치를 남긴다.
#
# </details>
