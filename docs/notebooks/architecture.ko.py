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
# 완전 연결 신경망(fully connected network)은 층 크기의 목록 하나로 정해진다. 이 노트북에서는 세 가지를
# 해 본다.
#
# 1. [신경망 구조](../../architecture/) 장에 그려진 두 신경망의 뉴런 수와 파라미터(parameter) 수를 한
#    번은 식으로, 한 번은 모델 객체에서 센다.
# 2. XOR 데이터로 로지스틱 회귀(logistic regression)와 은닉층이 하나인 신경망을 학습해 장의 XOR 그림을
#    다시 그린다.
# 3. 은닉층의 너비를 바꿔 가며, XOR을 풀 수 있는 가장 좁은 은닉층을 찾는다.
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
# ## 1. 뉴런과 파라미터
#
# 층 크기가 $[n_0, n_1, \dots, n_L]$이면 층 $l$에는 원소가 $n_{l-1} \times n_l$개인 가중치 행렬과 편향
# $n_l$개가 있다. 입력은 뉴런으로 세지 않으므로 신경망의 뉴런은 $\sum_{l \ge 1} n_l$개, 파라미터는
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
# **확인.** 모델이 가진 배열의 원소 수를 모두 더하면 식으로 센 값과 같고, 두 신경망 모두 CS231n 강의
# 노트에 적힌 개수와 일치한다(아래 셀의 마지막 줄).

# %%
for sizes in ([3, 4, 2], [3, 4, 4, 1]):
    net = MLP(sizes, rng=np.random.default_rng(0))
    assert (net.n_neurons, net.n_parameters) == count(sizes)
    assert net.n_parameters == sum(p.size for p in net.parameters().values())
assert count([3, 4, 2]) == (6, 26) and count([3, 4, 4, 1]) == (9, 41)

# %% [markdown]
# ## 2. XOR: 직선 하나와 은닉층 하나
#
# XOR 데이터는 꼭짓점 $(\pm 1, \pm 1)$ 주위에 잡음 섞인 점 200개를 흩어 놓은 것으로, 두 좌표의 부호가
# 다르면 레이블이 1이다. 어떤 직선으로도 두 클래스를 가를 수 없다. 로지스틱 회귀는 `MLP([2, 1])`, 즉
# 뉴런 하나가 긋는 직선 하나다. 두 번째 신경망 `MLP([2, 4, 1])`은 입력과 출력 사이에 tanh 뉴런 4개로 된
# 은닉층을 넣은 것이다. 둘 다 이진 교차 엔트로피, Xavier 가중치, 전체 배치 경사 하강법을 쓴다. 신경망이
# 본 적 없는 데이터에서의 정확도(평가 정확도)는 따로 뽑은 점 1000개로 측정한다.

# %%
from matplotlib.colors import LinearSegmentedColormap

from nnnotes import get_activation
from nnnotes.datasets import xor

X, y = xor(200, noise=0.3, rng=np.random.default_rng(0))
X_test, y_test = xor(1000, noise=0.3, rng=np.random.default_rng(1))
LR, EPOCHS = 0.5, 1000


def train(hidden, seed=0):
    """tanh를 쓰는 MLP([2, *hidden, 1])을 XOR 데이터로 학습하고, 신경망과 마지막 손실을 돌려준다."""
    net = MLP([2, *hidden, 1], activation="tanh", init="xavier_normal", rng=np.random.default_rng(seed))
    history = net.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS)
    return net, history.loss[-1]


def accuracy(net, X, y):
    return np.mean(net.predict(X) == y)


logistic, logistic_loss = train([])
hidden4, hidden4_loss = train([4])
for name, net, loss in (("로지스틱 회귀", logistic, logistic_loss), ("은닉층 하나 (뉴런 4개)", hidden4, hidden4_loss)):
    print(f"{name:22s} 손실 {loss:.3f}  학습 정확도 {accuracy(net, X, y):.3f}"
          f"  평가 정확도 {accuracy(net, X_test, y_test):.3f}")

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
show(fig, f"같은 XOR 학습 데이터로 그린 그림 두 개. 파란 원(클래스 0)은 (1, 1)과 (−1, −1) 근처에, 주황 "
          f"삼각형(클래스 1)은 (−1, 1)과 (1, −1) 근처에 있다. 배경색은 클래스 1의 예측 확률이고, 검은 선은 결정 "
          f"경계 p = 0.5이다. 왼쪽의 로지스틱 회귀는 거의 한 가지 옅은 색인 배경 위에 직선 경계 하나를 긋고, "
          f"정확도는 동전 던지기 수준인 {accuracy(logistic, X, y):.0%}이다. 오른쪽의 tanh 은닉 뉴런 4개는 휘어진 "
          f"경계로 네 꼭짓점을 갈라 정확도가 {accuracy(hidden4, X, y):.0%}이다.")

# %% [markdown]
# **확인.** 로지스틱 회귀는 동전 던지기보다 나을 것이 없고, 손실도 모든 점에 $1/2$이라고 답할 때의
# 손실인 $\ln 2$에 머문다. 네 꼭짓점이 만드는 기울기가 서로 상쇄되기 때문이다. 은닉층이 하나인 신경망은
# 학습 데이터와 새 데이터를 모두 거의 완벽하게 맞힌다.

# %%
assert accuracy(logistic, X, y) < 0.6 and abs(logistic_loss - np.log(2)) < 0.01
assert accuracy(hidden4, X, y) > 0.98 and accuracy(hidden4, X_test, y_test) > 0.95

# %% [markdown]
# ## 3. 직접 해 보기: 은닉층은 얼마나 넓어야 하나?
#
# 아래에서 `HIDDEN`을 정한다. 은닉 뉴런은 저마다 입력이 0이 되는 직선 하나를 갖는다(그림의 점선). 뉴런이
# 하나뿐이면 출력은 그 직선 하나를 통해서만 $\mathbf{x}$에 의존하므로 결정 경계는 여전히 직선이고,
# 정확도는 가장 좋은 직선이 낼 수 있는 값(꼭짓점 네 개 가운데 세 개) 근처에 머문다. 뉴런이 둘 이상이면
# 직선들이 마주 보는 두 꼭짓점을 따로 잘라 낼 수 있다. 1, 2, 3, 8을 넣어 보자.

# %%
# ✎ 바꿔 볼 값
HIDDEN = 1  # 은닉층의 뉴런 수 (2절에서는 4개)

# %%
net, loss = train([HIDDEN])
print(f"MLP([2, {HIDDEN}, 1]): 파라미터 {net.n_parameters}개, 손실 {loss:.3f}, 학습 정확도 "
      f"{accuracy(net, X, y):.3f}, 평가 정확도 {accuracy(net, X_test, y_test):.3f}")

fig, ax = plt.subplots(figsize=(5.5, 3.3))
draw_probability(ax, net, f"tanh 뉴런 {HIDDEN}개: 정확도 {accuracy(net, X, y):.0%}")
W1, b1 = net.params["W1"], net.params["b1"]
t = np.linspace(-4, 4, 2)
for j in range(HIDDEN):  # 은닉 뉴런 j의 입력이 0이 되는 직선
    w = W1[:, j]
    line = -b1[j] * w / (w @ w) + t[:, None] * np.array([-w[1], w[0]]) / np.linalg.norm(w)
    ax.plot(*line.T, color=PALETTE[2], linestyle=":", linewidth=1.5, label="은닉 뉴런의 직선" if j == 0 else None)
ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1))
fig.tight_layout()
show(fig, f"XOR 학습 데이터 위에 tanh 은닉 뉴런이 {HIDDEN}개인 신경망이 예측한 클래스 1의 확률을 배경색으로 "
          f"칠했다. 검은 선은 결정 경계 p = 0.5이고, 초록 점선은 은닉 뉴런마다 입력이 0이 되는 직선이다. 정확도는 "
          f"{accuracy(net, X, y):.0%}이다. 뉴런이 하나면 결정 경계는 그 뉴런의 직선과 평행한 직선이어서 꼭짓점을 "
          f"적어도 하나 틀리고, 뉴런이 둘 이상이면 직선들이 마주 보는 두 꼭짓점을 잘라 낼 수 있다.")

# %% [markdown]
# **확인.** 파라미터 수는 1절의 식과 같다. 은닉 뉴런이 하나면 직선 하나만 그을 수 있어 꼭짓점을 적어도
# 하나 놓치고, 둘 이상이면 XOR을 푼다.

# %%
assert net.n_parameters == count([2, HIDDEN, 1])[1]
if HIDDEN == 1:
    assert accuracy(net, X, y) < 0.8 and accuracy(net, X_test, y_test) < 0.8
else:
    assert accuracy(net, X, y) > 0.95 and accuracy(net, X_test, y_test) > 0.95

# %% [markdown]
# ## 더 해 볼 것
#
# 문제마다 아래에 답을 접어 두었다. 먼저 직접 해 본 다음 펼쳐 보자.
#
# **1.** `train`에서 tanh와 Xavier 대신 `activation="relu"`와 `init="he_normal"`을 써 보자. XOR을
# 풀려면 ReLU 뉴런이 몇 개 필요할까?
#
# <details><summary>답</summary>
#
# 이론으로는 두 개면 된다. $h_1 = \mathrm{relu}(x_1 - x_2)$, $h_2 = \mathrm{relu}(x_2 - x_1)$로 두면 점수
# $h_1 + h_2 - 1$은 $|x_1 - x_2| > 1$인 곳, 즉 클래스 1의 두 꼭짓점에서만 양수다. 그러나 학습해 보면
# 여기서는 ReLU가 tanh보다 불안정하다. 너비와 시드에 따라 XOR을 풀기도 하고, 꼭짓점 네 개 가운데 세 개만
# 맞힌 채, 즉 직선 하나로 낼 수 있는 최선인 75% 근처의 정확도에서 멈추기도 한다. 이렇게 멈춘 신경망을
# 보면 틀린 꼭짓점에서 은닉층의 ReLU가 모두 꺼져 있다. 그래서 그 꼭짓점에서는 출력이 상수이고, 그
# 꼭짓점의 점들은 첫째 층에 기울기를 전혀 보내지 못하므로 어떤 직선도 그쪽으로 옮겨 가지 않는다.
# `train([HIDDEN], seed=...)`로 시드를 몇 개 바꿔 보자. 뉴런이 많을수록 어느 꼭짓점에서든 켜진 유닛이
# 있을 가능성이 커지지만, 그렇다는 보장은 없다. tanh 유닛은 정확히 꺼지는 일이 없으므로 두 개만으로도
# XOR을 안정적으로 푼다.
#
# </details>
#
# **2.** `MLP([2, 4, 1])`을 `activation="identity"`로 학습해 보자. 비선형 함수가 없으면 은닉층은 아무것도
# 보태지 못하고, 결과는 로지스틱 회귀와 비슷해진다.
#
# <details><summary>답</summary>
#
# 2절의 로지스틱 회귀처럼 손실은 $\ln 2 \approx 0.693$ 근처에 머물고 정확도는 절반 정도다. 활성화 함수가
# 없으면 두 층을 곱해 아핀 변환 하나 $\mathbf{x}W_1W_2 + (\mathbf{b}_1W_2 + \mathbf{b}_2)$로 합칠 수 있다.
# 즉 이 신경망은 가중치 벡터를 두 행렬의 곱으로 쓴 로지스틱 회귀 그 자체다. 장에서는 활성화 함수 없이
# 층을 쌓는 절에서 격자 위의 점들로 같은 현상을 보여 준다.
#
# </details>
#
# **3.** 데이터의 잡음을 키우고(두 `xor` 호출 모두 `noise=0.7`로) 학습 정확도와 평가 정확도를 비교해 보자.
#
# <details><summary>답</summary>
#
# 이제 많은 점이 축을 넘어가고, 그런 점에서는 가장 좋은 분류기도 틀린다. 이 잡음에서는 어떤 분류기도 새
# 데이터에서 평균적으로 약 86%보다 높은 정확도를 낼 수 없다([표현력과 크기](../../capacity/#overfitting)
# 장의 베이즈 정확도). 은닉 뉴런이 4개인 신경망은 더 이상 학습 점을 모두 맞히지 못하고, 평가 정확도는 이
# 값 근처까지 떨어져 학습 정확도보다 몇 %포인트 낮아진다. 그 차이는 신경망이 학습 데이터의 잡음까지 학습한
# 몫이다. 로지스틱 회귀는 여전히 동전 던지기 수준이다. 확인 셀의 assert는 잡음이 0.3일 때 성립하는 문장을
# 확인하므로 실패한다.
#
# </details>
