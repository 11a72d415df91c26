# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 파라미터 세기와 XOR
#
# 완전 연결 신경망(fully connected network)은 층 크기의 목록 하나로 정해진다. 이 노트북에서는 다음을
# 직접 해 본다.
#
# 1. [신경망 구조](../../architecture/) 장에 그려진 두 신경망의 뉴런 수와 파라미터(parameter) 수를
#    식으로 한 번, 모델 객체에서 한 번 센다.
# 2. XOR 데이터에 로지스틱 회귀(logistic regression)와 은닉층 하나인 신경망을 학습시켜 장의 XOR
#    그림을 다시 그린다.
# 3. 은닉층의 너비를 바꿔 가며 XOR를 푸는 가장 좁은 은닉층을 찾는다.
#
# **직접 실행하려면.** nnnotes 저장소를 내려받은 폴더에서 `pip install .`을 실행하면 `nnnotes`와
# NumPy가 설치된다. 여기에 `pip install matplotlib jupyter`를 더하고, 그림의 한글 글자를 보려면
# `koreanize-matplotlib`도 설치한다. 그다음 셀을 위에서부터 차례로 실행한다. 첫 번째 코드 셀은
# 그림만 준비한다. 글꼴과 색을 정하고, 그림을 용량이 작은 PNG로 보여 주는 함수를 만든다.
#
# 실험마다 끝에 `assert` 문으로 된 **확인** 셀이 있다. 이 assert들은 노트북에 적힌 값에서 성립한다.
# 설정을 바꾼 뒤 어느 하나가 실패한다면, 그 assert가 확인하는 문장이 바꾼 설정에서는 더 이상 참이
# 아니라는 뜻이다.

# %% [markdown]
# ## 1. 뉴런과 파라미터
#
# 층 크기가 $[n_0, n_1, \dots, n_L]$이면 층 $l$에는 원소가 $n_{l-1} \times n_l$개인 가중치 행렬과
# 편향 $n_l$개가 있다. 입력은 뉴런이 아니므로 신경망의 뉴런은 $\sum_{l \ge 1} n_l$개, 파라미터는
# $\sum_{l \ge 1} (n_{l-1} + 1)\, n_l$개다.

# %%
from nnnotes import MLP


def count(sizes):
    """완전 연결 신경망의 (뉴런 수, 파라미터 수)를 식으로 센다."""
    return sum(sizes[1:]), sum((n_in + 1) * n_out for n_in, n_out in zip(sizes, sizes[1:]))


for sizes in ([3, 4, 2], [3, 4, 4, 1]):
    net = MLP(sizes, rng=np.random.default_rng(0))
    shapes = ", ".join(f"{name} {p.shape}" for name, p in net.parameters().items())
    print(f"{sizes}: 식 {count(sizes)}, 모델 ({net.n_neurons}, {net.n_parameters});  {shapes}")

# %% [markdown]
# **확인.** 모델이 가진 배열의 원소를 더하면 식과 같고, 두 신경망 모두 CS231n 강의 노트에 적힌 개수와
# 같다(아래 셀의 마지막 줄).

# %%
for sizes in ([3, 4, 2], [3, 4, 4, 1]):
    net = MLP(sizes, rng=np.random.default_rng(0))
    assert (net.n_neurons, net.n_parameters) == count(sizes)
    assert net.n_parameters == sum(p.size for p in net.parameters().values())
assert count([3, 4, 2]) == (6, 26) and count([3, 4, 4, 1]) == (9, 41)

# %% [markdown]
# ## 2. XOR: 직선 하나와 은닉층 하나
#
# XOR 데이터는 꼭짓점 $(\pm 1, \pm 1)$ 주위에 잡음이 섞인 점 200개를 놓는다. 두 좌표의 부호가 다르면
# 레이블이 1이다. 어떤 직선도 두 클래스를 가르지 못한다. 로지스틱 회귀는 `MLP([2, 1])`, 곧 뉴런 하나,
# 직선 하나다. 두 번째 신경망은 그 사이에 tanh 뉴런 4개짜리 은닉층을 넣은 `MLP([2, 4, 1])`이다. 둘 다
# 이진 교차 엔트로피, Xavier 가중치, 전체 배치 경사 하강법을 쓴다. 따로 뽑은 점 1000개로 신경망이 본
# 적 없는 데이터에서의 정확도(검증 정확도)를 잰다.

# %%
from matplotlib.colors import LinearSegmentedColormap

from nnnotes import get_activation
from nnnotes.datasets import xor

X, y = xor(200, noise=0.3, rng=np.random.default_rng(0))
X_test, y_test = xor(1000, noise=0.3, rng=np.random.default_rng(1))
LR, EPOCHS = 0.5, 1000


def train(hidden, seed=0):
    """tanh를 쓰는 MLP([2, *hidden, 1])을 XOR 표본으로 학습하고, 신경망과 마지막 손실을 돌려준다."""
    net = MLP([2, *hidden, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    history = net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)
    return net, history.loss[-1]


def accuracy(net, X, y):
    return np.mean(net.predict(X) == y)


logistic, logistic_loss = train([])
hidden4, hidden4_loss = train([4])
for name, net, loss in (("로지스틱 회귀", logistic, logistic_loss), ("은닉층 하나 (뉴런 4개)", hidden4, hidden4_loss)):
    print(f"{name:22s} 손실 {loss:.3f}  학습 정확도 {accuracy(net, X, y):.3f}"
          f"  검증 정확도 {accuracy(net, X_test, y_test):.3f}")

# %%
sigmoid = get_activation("sigmoid")
tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
gx, gy = np.meshgrid(np.linspace(-2.2, 2.2, 120), np.linspace(-2.2, 2.2, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])


def draw_probability(ax, net, title):
    """클래스 1의 예측 확률(배경색), 결정 경계 p = 0.5, 데이터를 그린다."""
    p = sigmoid.forward(net.forward(grid, train=False))[0].reshape(gx.shape)
    ax.contourf(gx, gy, p, levels=np.linspace(0, 1, 11), cmap=tint, alpha=0.45)
    if p.min() < 0.5 < p.max():
        ax.contour(gx, gy, p, levels=[0.5], colors="black")
    ax.scatter(*X[y == 0].T, s=8, marker="o", color=PALETTE[0])
    ax.scatter(*X[y == 1].T, s=10, marker="^", color=PALETTE[4])
    ax.set(xlim=(-2.2, 2.2), ylim=(-2.2, 2.2), aspect="equal", title=title)
    ax.grid(False)


fig, axes = plt.subplots(1, 2, figsize=(7, 3.3))
draw_probability(axes[0], logistic, f"로지스틱 회귀: 정확도 {accuracy(logistic, X, y):.0%}")
draw_probability(axes[1], hidden4, f"tanh 뉴런 4개: 정확도 {accuracy(hidden4, X, y):.0%}")
axes[0].scatter([], [], marker="o", color=PALETTE[0], label="클래스 0")
axes[0].scatter([], [], marker="^", color=PALETTE[4], label="클래스 1")
axes[0].plot([], [], color="black", label="결정 경계 p = 0.5")
fig.legend(loc="lower center", ncol=3)
fig.tight_layout(rect=(0, 0.07, 1, 1))
show(fig, f"같은 XOR 학습 데이터(파란 원은 클래스 0으로 (1, 1)과 (−1, −1) 근처, 주황 삼각형은 클래스 1로 "
          f"(−1, 1)과 (1, −1) 근처)에 클래스 1의 예측 확률을 배경색으로 칠하고 결정 경계 p = 0.5를 검은 선으로 "
          f"그린 그림 두 개이다. 왼쪽의 로지스틱 회귀는 거의 한 가지 옅은 색인 배경 위의 직선 경계 하나로 정확도가 "
          f"{accuracy(logistic, X, y):.0%}, 동전 던지기 수준이고, 오른쪽의 tanh 은닉 뉴런 4개는 휘어진 경계로 "
          f"네 꼭짓점을 갈라 정확도가 {accuracy(hidden4, X, y):.0%}이다.")

# %% [markdown]
# **확인.** 로지스틱 회귀는 동전 던지기보다 나을 게 없고, 손실은 모든 점에 $1/2$이라고 답할 때의
# 손실인 $\ln 2$에 머문다. 네 꼭짓점의 기울기가 서로 상쇄되기 때문이다. 은닉층이 하나인 신경망은 학습
# 데이터도, 새 데이터도 거의 모두 맞힌다.

# %%
assert accuracy(logistic, X, y) < 0.6 and abs(logistic_loss - np.log(2)) < 0.01
assert accuracy(hidden4, X, y) > 0.98 and accuracy(hidden4, X_test, y_test) > 0.95

# %% [markdown]
# ## 3. 직접 해 보기: 은닉층은 얼마나 넓어야 하나?
#
# 아래 `HIDDEN`을 정한다. 은닉 뉴런 하나하나는 선형 유닛이어서, 입력이 0이 되는 곳이 직선 하나다(그림의
# 점선). 뉴런이 하나뿐이면 출력은 그 직선 하나를 통해서만 $\mathbf{x}$에 의존하므로, 결정 경계는 여전히
# 직선이고 정확도는 가장 좋은 직선이 낼 수 있는 값(꼭짓점 네 개 가운데 세 개) 근처에 머문다. 뉴런이 둘
# 이상이면 직선들이 마주 보는 두 꼭짓점을 따로 잘라 낼 수 있다. 1, 2, 3, 8을 넣어 본다.

# %%
# ✎ 이 값을 바꿔 본다
HIDDEN = 1  # 은닉층의 뉴런 수 (2절에서는 4)

# %%
net, loss = train([HIDDEN])
print(f"MLP([2, {HIDDEN}, 1]): 파라미터 {net.n_parameters}개, 손실 {loss:.3f}, 학습 정확도 "
      f"{accuracy(net, X, y):.3f}, 검증 정확도 {accuracy(net, X_test, y_test):.3f}")

fig, ax = plt.subplots(figsize=(5.5, 3.3))
draw_probability(ax, net, f"tanh 뉴런 {HIDDEN}개: 정확도 {accuracy(net, X, y):.0%}")
W1, b1 = net.params["W1"], net.params["b1"]
t = np.linspace(-4, 4, 2)
for j in range(HIDDEN):  # 은닉 뉴런 j의 입력이 0인 직선
    w = W1[:, j]
    line = -b1[j] * w / (w @ w) + t[:, None] * np.array([-w[1], w[0]]) / np.linalg.norm(w)
    ax.plot(*line.T, color=PALETTE[2], linestyle=":", linewidth=1.5, label="은닉 뉴런의 직선" if j == 0 else None)
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
fig.tight_layout()
show(fig, f"XOR 학습 데이터 위에 tanh 은닉 뉴런이 {HIDDEN}개인 신경망의 클래스 1 예측 확률을 배경색으로 "
          f"칠하고, 결정 경계 p = 0.5를 검은 선으로, 은닉 뉴런마다 입력이 0인 직선을 초록 점선으로 그렸으며, "
          f"정확도는 {accuracy(net, X, y):.0%}이다. 뉴런이 하나이면 결정 경계는 그 뉴런의 직선과 평행한 직선이라 "
          f"꼭짓점을 적어도 하나 틀리고, 뉴런이 둘 이상이면 직선들이 마주 보는 두 꼭짓점을 잘라 낼 수 있다.")

# %% [markdown]
# **확인.** 파라미터 수는 1절의 식을 따른다. 은닉 뉴런 하나는 직선 하나만 그어 꼭짓점을 적어도 하나
# 놓치고, 뉴런이 둘 이상이면 XOR를 푼다.

# %%
assert net.n_parameters == count([2, HIDDEN, 1])[1]
if HIDDEN == 1:
    assert accuracy(net, X, y) < 0.8 and accuracy(net, X_test, y_test) < 0.8
else:
    assert accuracy(net, X, y) > 0.95 and accuracy(net, X_test, y_test) > 0.95

# %% [markdown]
# ## 더 해 볼 것
#
# - `train`에서 `activation="relu"`(와 `init="he_normal"`)를 쓴다. XOR에는 ReLU 뉴런이 몇 개 필요한가?
# - `MLP([2, 4, 1])`을 `activation="identity"`로 학습한다. 비선형 함수가 없으면 은닉층은 아무것도
#   더하지 못하고, 결과는 로지스틱 회귀와 비슷해진다.
# - 데이터의 잡음을 키우고(`noise=0.7`) 학습 정확도와 검증 정확도를 비교한다.
