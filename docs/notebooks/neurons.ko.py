# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 뉴런 하나
#
# 입력이 둘인 뉴런(neuron) 하나만 있어도 어엿한 선형 분류기(linear classifier)가 된다. 이 노트북에서는
# 두 가지를 해 본다.
#
# 1. 같은 뉴런을 교차 엔트로피(cross-entropy)로 학습해 로지스틱 회귀를, 힌지 손실(hinge loss)로 학습해
#    이진 SVM을 만들고, [뉴런](../../neurons/) 장의 그림을 다시 그린다.
# 2. L2 규제(regularization)의 세기 $\lambda$를 키우면서, 결정 경계(decision boundary)는 제자리에 있고
#    가중치(weight) 벡터 $\mathbf{w}$만 짧아지는 것을 확인한다.
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
# ## 1. 뉴런 하나, 손실 두 가지
#
# 데이터는 장에서 쓴 두 점구름(`two_clouds`)이다. 평면 위의 점 200개가 두 클래스에 절반씩 나뉘어 있고,
# 두 구름은 조금 겹친다. `MLP([2, 1])`에는 은닉층(hidden layer)이 없다. 점수
# $s = \mathbf{w}^\top\mathbf{x} + b$를 내는 뉴런 하나가 전부이므로 파라미터도 가중치 2개와 편향(bias)
# 1개뿐이다. 이 뉴런을 손실마다 한 번씩, 같은 규제 세기 `REG`를 주고 전체 배치 경사 하강법(full-batch
# gradient descent)으로 학습한다.

# %%
from nnnotes import MLP, get_activation, get_loss
from nnnotes.datasets import two_clouds

SEED = 0
LR, EPOCHS, REG = 0.5, 2000, 0.01  # 장과 같은 학습률, 갱신 횟수, λ
X, y = two_clouds(200, rng=np.random.default_rng(SEED))

neurons = {}
for loss in ("binary_cross_entropy", "binary_hinge"):
    net = MLP([2, 1], rng=np.random.default_rng(SEED))
    net.fit(X, y, loss=loss, lr=LR, epochs=EPOCHS, reg=REG)
    neurons[loss] = net
    w = net.params["W1"][:, 0]
    print(f"{loss:21s} 파라미터 {net.n_parameters}개  정확도 {np.mean(net.predict(X) == y):.3f}"
          f"  ‖w‖ = {np.linalg.norm(w):.2f}")

# %% [markdown]
# ## 2. 그림: 결정 경계, 마진, 두 손실
#
# 왼쪽 그림에서는 로지스틱 뉴런이 내는 확률 $\sigma(s)$를 색 띠로 칠하고, 그 결정 경계
# $\sigma(s) = 1/2$와 함께 힌지 뉴런의 결정 경계 $s = 0$과 힌지의 마진(margin) $s = \pm 1$을 그린다.
# 오른쪽 그림은 점 하나의 손실을 마진 $t \cdot s$의 함수로 나타낸다. 여기서 $t = \pm 1$은 정답의
# 부호이고, 손실 값은 `nnnotes.losses`로 계산한다.

# %%
from matplotlib.colors import LinearSegmentedColormap

sigmoid = get_activation("sigmoid")
logistic, svm = neurons["binary_cross_entropy"], neurons["binary_hinge"]
gx, gy = np.meshgrid(np.linspace(-3.2, 4.2, 150), np.linspace(-3.2, 2.6, 120))
grid = np.column_stack([gx.ravel(), gy.ravel()])
p_grid = sigmoid.forward(logistic.forward(grid, train=False))[0].reshape(gx.shape)
s_svm = svm.forward(grid, train=False).reshape(gx.shape)

margin = np.linspace(-3, 4, 141)
one = np.ones(1, dtype=int)  # 클래스 1인 점 하나: t = 1이므로 s = 마진
curves = {name: np.array([get_loss(name)(np.array([m]), one)[0] for m in margin])
          for name in ("binary_cross_entropy", "binary_hinge")}

tint = LinearSegmentedColormap.from_list("tint", [PALETTE[0], "white", PALETTE[4]])
fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(7, 3.4), gridspec_kw={"width_ratios": [1.35, 1]})
ax.contourf(gx, gy, p_grid, levels=[0, 0.1, 0.25, 0.5, 0.75, 0.9, 1], cmap=tint, alpha=0.35)
ax.scatter(*X[y == 0].T, s=9, marker="o", color=PALETTE[0], label="클래스 0")
ax.scatter(*X[y == 1].T, s=11, marker="^", color=PALETTE[4], label="클래스 1")
ax.contour(gx, gy, p_grid, levels=[0.5], colors="black", linestyles="-")
ax.contour(gx, gy, s_svm, levels=[-1, 0, 1], colors=PALETTE[2], linestyles=[":", "--", ":"])
ax.plot([], [], color="black", label="로지스틱: σ = 0.5")
ax.plot([], [], color=PALETTE[2], linestyle="--", label="힌지: s = 0 (점선: s = ±1)")
ax.set(xlim=(-3.2, 4.2), ylim=(-3.2, 2.6), aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
       title="뉴런 하나의 결정 경계")
ax.grid(False)
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, fontsize=7)
ax_loss.plot(margin, curves["binary_cross_entropy"], color="black", label="교차 엔트로피")
ax_loss.plot(margin, curves["binary_hinge"], color=PALETTE[2], linestyle="--", label="힌지")
ax_loss.set(xlabel="마진 t·s", ylabel="점 하나의 손실", title="마진에 따른 손실")
ax_loss.legend()
fig.tight_layout()
show(fig, f"왼쪽: 파란 원(클래스 0)과 주황 삼각형(클래스 1)으로 된 두 점구름 위에 로지스틱 뉴런의 확률을 "
          f"색 띠로 칠하고, 로지스틱 결정 경계(검은 실선), 힌지 결정 경계(초록 파선), 힌지의 마진 s = ±1(초록 "
          f"점선)을 그렸다. λ = {REG:g}에서 학습한 두 경계는 거의 겹친다. 오른쪽: 점 하나의 손실을 마진 t·s에 "
          f"따라 그렸다. 힌지 손실(초록 파선)은 마진 1부터 정확히 0이고, 교차 엔트로피(검은 실선)는 0에 "
          f"가까워지기만 한다.")

# %% [markdown]
# **확인.** 두 점구름이 겹치므로 두 뉴런 모두 대부분의 점을 맞히지만 전부 맞히지는 못한다. 두 결정
# 경계는 거의 같은 방향을 향하는데, $\mathbf{w}$는 로지스틱 뉴런 쪽이 더 길다. 로지스틱 결정 경계
# 위에서 $\sigma$는 정확히 $1/2$이다. 힌지 손실은 마진 1부터 정확히 0이지만, 교차 엔트로피는 0에
# 가까워지기만 한다.

# %%
w_log, b_log = logistic.params["W1"][:, 0], logistic.params["b1"][0]
w_svm = svm.params["W1"][:, 0]
accuracy = {name: np.mean(net.predict(X) == y) for name, net in neurons.items()}
angle = np.degrees(np.arccos(w_log @ w_svm / (np.linalg.norm(w_log) * np.linalg.norm(w_svm))))
ratio = np.linalg.norm(w_log) / np.linalg.norm(w_svm)
foot = -b_log * w_log / (w_log @ w_log)  # 결정 경계에서 원점에 가장 가까운 점
along = np.array([-w_log[1], w_log[0]])  # 결정 경계를 따라가는 방향
on_boundary = foot + np.linspace(-3, 3, 7)[:, None] * along
p_boundary = sigmoid.forward(on_boundary @ w_log + b_log)[0]
print(f"두 w 사이의 각도: {angle:.1f}°, ‖w‖ 로지스틱 / 힌지: {ratio:.2f}")

assert all(0.9 < a < 1 for a in accuracy.values())
assert angle < 5
assert ratio > 1.2
assert np.allclose(p_boundary, 0.5, rtol=0, atol=1e-12)
assert np.all(curves["binary_hinge"][margin >= 1] == 0) and np.all(curves["binary_cross_entropy"] > 0)

# %% [markdown]
# ## 3. 직접 해 보기: L2 규제 세기 바꾸기
#
# L2 규제가 있으면 경사 하강법은 갱신할 때마다 먼저 모든 가중치에 $1 - \mathrm{lr}\cdot\lambda$를 곱해
# 줄이고, 그다음 데이터가 요구하는 만큼 되돌린다. 아래에서 `NEW_REG`를 정하고 로지스틱 뉴런을 다시
# 학습해 보자. $\lambda$를 키우면 $\mathbf{w}$는 짧아지고 정확도는 거의 그대로지만, 뉴런이 확신하지
# 못하는 띠는 넓어진다. 확률이 0.1에서 0.9로 바뀌는 데 필요한 거리가 $2\ln 9 / \lVert\mathbf{w}\rVert$이기
# 때문이다. 0.001, 0.1, 1.9도 넣어 보자($\mathrm{lr}\cdot\lambda < 1$은 지켜야 한다).

# %%
# ✎ 바꿔 볼 값
NEW_REG = 1.0  # 두 번째 학습의 L2 규제 세기 λ (첫 번째 학습에는 REG를 썼다)

# %%
strong = MLP([2, 1], rng=np.random.default_rng(SEED))
strong.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS, reg=NEW_REG)
runs = {REG: logistic, NEW_REG: strong}
summary = {}
for reg, net in runs.items():
    w = net.params["W1"][:, 0]
    _, dscores = get_loss("binary_cross_entropy")(net.forward(X, train=False), y)
    pull = net.backward(dscores)["W1"][:, 0] + reg * w  # 손실과 L2 벌점을 더한 값의 기울기
    summary[reg] = {"norm": np.linalg.norm(w), "accuracy": np.mean(net.predict(X) == y),
                    "band": 2 * np.log(9) / np.linalg.norm(w), "residual": np.linalg.norm(pull)}
    print(f"λ = {reg:<6g} ‖w‖ = {summary[reg]['norm']:.2f}  정확도 {summary[reg]['accuracy']:.3f}"
          f"  0.1–0.9 띠의 폭 {summary[reg]['band']:.2f}")

fig, ax = plt.subplots(figsize=(7, 2.8))
distance = np.linspace(-5, 5, 201)  # 각 뉴런의 결정 경계로부터의 부호 있는 거리
for (reg, net), style in zip(runs.items(), ("-", "--")):
    w, b = net.params["W1"][:, 0], net.params["b1"][0]
    points = -b * w / (w @ w) + distance[:, None] * w / np.linalg.norm(w)
    p = sigmoid.forward(net.forward(points, train=False))[0][:, 0]
    ax.plot(distance, p, linestyle=style, label=f"λ = {reg:g}")
for level in (0.1, 0.9):
    ax.axhline(level, color="grey", linestyle=":", linewidth=1)
ax.set(xlabel="결정 경계로부터의 거리", ylabel="σ(s) = P(클래스 1)",
       title="L2 규제가 강해져도 경계는 그대로, 확신만 줄어든다")
ax.legend()
fig.tight_layout()
show(fig, f"로지스틱 뉴런이 내는 클래스 1의 확률 σ(s)를 결정 경계로부터의 거리에 따라 그렸다. 실선은 "
          f"λ = {REG:g}, 파선은 λ = {NEW_REG:g}에서 학습한 뉴런이고, 점선은 0.1과 0.9 높이의 선이다. 두 곡선 "
          f"모두 경계에서 0.5를 지나며 λ가 큰 쪽이 더 완만하다. 확률이 0.1에서 0.9까지 바뀌는 띠의 폭은 차례로 "
          f"{summary[REG]['band']:.2f}, {summary[NEW_REG]['band']:.2f}이다.")

# %% [markdown]
# **확인.** $\lambda$를 키우면 $\mathbf{w}$가 짧아지고(줄이면 길어지고) 정확도는 거의 변하지 않는다. 두
# 학습 모두 손실과 벌점을 더한 값의 기울기(gradient)가 0인 곳에서 멈췄다. 그곳에서는 가중치를 줄이는
# 힘 $\lambda\mathbf{w}$와 데이터가 당기는 힘이 서로 상쇄되므로, 데이터가 실제로 쓰는 가중치는 잊히지
# 않는다.

# %%
old, new = summary[REG], summary[NEW_REG]
if NEW_REG != REG:
    assert (new["norm"] < old["norm"]) == (NEW_REG > REG)
    assert (new["band"] > old["band"]) == (NEW_REG > REG)
assert abs(new["accuracy"] - old["accuracy"]) < 0.05
assert old["residual"] < 1e-3 and new["residual"] < 1e-3

# %% [markdown]
# ## 더 해 볼 것
#
# - 모든 점에서 0인 세 번째 입력을 붙이고(`np.column_stack([X, np.zeros(len(X))])`, `MLP([3, 1])`)
#   그 가중치를 1로 놓아 보자. $t$번 갱신한 뒤 이 가중치는 $(1 - \mathrm{lr}\cdot\lambda)^t$와 같다.
#
#   <details><summary>답</summary>
#
#   반올림 오차를 빼면 정확히 같다. 세 번째 입력은 모든 점에서 0이므로 데이터가 이 가중치에 주는
#   기울기는 정확히 0이고, L2 항만 작용한다. 그래서 갱신할 때마다 가중치에 $1 - 0.5 \cdot 0.01 = 0.995$가
#   곱해지며, `EPOCHS`에 따라 2000번 갱신하고 나면 $0.995^{2000} \approx 4.4 \times 10^{-5}$만 남는다.
#   나머지 두 가중치는 세 번째 입력이 없을 때와 똑같은 값에서 멈춘다. 데이터가 쓰지 않는 가중치는 다른
#   가중치에 아무 영향도 주지 않는 것이다. `reg=NEW_REG`로 학습하면 배율이 0.5이므로 수십 번만 갱신해도
#   이 가중치는 사라진다.
#
#   ```python
#   X3 = np.column_stack([X, np.zeros(len(X))])
#   net3 = MLP([3, 1], rng=np.random.default_rng(SEED))
#   net3.params["W1"][2, 0] = 1.0
#   net3.fit(X3, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS, reg=REG)
#   print(net3.params["W1"][2, 0], (1 - LR * REG) ** EPOCHS)
#   ```
#
#   </details>
#
# - 힌지 뉴런도 `NEW_REG`로 다시 학습하고, 그 $\lVert\mathbf{w}\rVert$를 로지스틱 뉴런과 비교해 보자.
#
#   <details><summary>답</summary>
#
#   `NEW_REG = 1`에서는 순서가 뒤바뀐다. $\lambda = 0.01$에서는 힌지 뉴런의 $\mathbf{w}$가 더
#   짧았지만(장의 그림), 이번에는 로지스틱 뉴런의 $\mathbf{w}$보다 두 배쯤 길다. 두 뉴런은 모두 데이터가
#   당기는 힘과 감쇠 $\lambda\mathbf{w}$가 균형을 이루는 곳에서 멈춘다. $\lambda$가 크면 $\mathbf{w}$가
#   짧게 유지되므로 거의 모든 점의 점수가 $-1$과 $1$ 사이에 놓인다. 마진 안쪽에서 힌지 손실은 점마다
#   크기가 1인 기울기 $-t$를 그대로 주지만, 교차 엔트로피가 주는 기울기 $\sigma(s) - y$는 $s = 0$
#   근처에서 $\pm 1/2$ 정도에 그친다. 당기는 힘이 더 세므로 힌지 뉴런은 더 긴 $\mathbf{w}$에서 감쇠와
#   균형을 이룬다. 두 뉴런의 정확도는 여전히 비슷하다.
#
#   ```python
#   svm_strong = MLP([2, 1], rng=np.random.default_rng(SEED))
#   svm_strong.fit(X, y, loss="binary_hinge", lr=LR, epochs=EPOCHS, reg=NEW_REG)
#   print(np.linalg.norm(svm_strong.params["W1"]), summary[NEW_REG]["norm"])
#   ```
#
#   </details>
#
# - 힌지 뉴런에서 마진이 $t \cdot s \ge 1$인 점을 세어 보자. 이 점들은 기울기를 전혀 받지 않는다.
#
#   <details><summary>답</summary>
#
#   1절의 힌지 뉴런에서는 점 200개 가운데 170개, 즉 장에서 말한 85%가 이런 점이다. 나머지 30개가
#   서포트 벡터(support vector)로, 22개는 마진 안쪽에, 8개는 결정 경계의 틀린 쪽에 있다. 경계를 미는 것은
#   이 30개뿐이다. 나머지 170개는 마진 바깥에 머무는 한 어디로 옮기더라도 학습이 도달하는 최솟값이
#   달라지지 않는다. `reg=NEW_REG`로 학습하면 입력 평면에서 마진의 폭이 넓어져 대부분의 점이 마진
#   안쪽으로 들어온다.
#
#   ```python
#   t = 2 * y - 1
#   margin = t * svm.forward(X, train=False)[:, 0]
#   print((margin >= 1).sum(), ((margin >= 0) & (margin < 1)).sum(), (margin < 0).sum())
#   ```
#
#   </details>
