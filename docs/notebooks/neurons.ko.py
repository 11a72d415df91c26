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
# 입력이 둘인 뉴런(neuron) 하나만으로도 선형 분류기(linear classifier)가 된다. 이 노트북에서는
# 다음 두 가지를 직접 해 본다.
#
# 1. 같은 뉴런을 교차 엔트로피(cross-entropy, 로지스틱 회귀)와 힌지 손실(hinge loss, 이진 SVM)로
#    각각 학습하고, [뉴런](../../neurons/) 장의 그림을 다시 그린다.
# 2. L2 규제(regularization)의 강도 $\lambda$를 키우고, 결정 경계(decision boundary)는 그대로인데
#    가중치(weight) 벡터 $\mathbf{w}$만 짧아지는 것을 확인한다.
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
# ## 1. 뉴런 하나, 손실 두 가지
#
# 데이터는 장에서 쓴 두 점구름(`two_clouds`)이다. 평면 위의 점 200개가 두 클래스에 절반씩 있고,
# 두 구름은 조금 겹친다. `MLP([2, 1])`에는 은닉층(hidden layer)이 없다. 점수
# $s = \mathbf{w}^\top\mathbf{x} + b$를 내는 뉴런 하나이므로 가중치 2개와 편향(bias) 1개가 전부다.
# 같은 규제 강도 `REG`로, 손실마다 한 번씩 전체 배치 경사 하강법(full-batch gradient descent)으로
# 학습한다.

# %%
from nnnotes import MLP, get_activation, get_loss
from nnnotes.datasets import two_clouds

SEED = 0
LR, EPOCHS, REG = 0.5, 2000, 0.01  # 장에서 쓴 학습률, 스텝 수, λ
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
# 왼쪽은 로지스틱 뉴런의 확률 $\sigma(s)$를 색 띠로 칠하고, 그 결정 경계 $\sigma(s) = 1/2$와 힌지
# 뉴런의 결정 경계 $s = 0$, 그리고 힌지의 마진(margin) $s = \pm 1$을 함께 그린다. 오른쪽은 점 하나의
# 손실을 마진 $t \cdot s$의 함수로 그린 것이다. $t = \pm 1$은 정답의 부호이고, 손실 값은
# `nnnotes.losses`가 계산한다.

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
show(fig, f"왼쪽: 파란 원(클래스 0)과 주황 삼각형(클래스 1)의 두 점구름 위에 로지스틱 뉴런의 확률을 색 띠로 "
          f"칠하고 로지스틱 결정 경계(검은 실선), 힌지 결정 경계(초록 파선), 힌지의 마진 s = ±1(초록 점선)을 "
          f"그렸으며, λ = {REG:g}에서 학습한 두 경계는 거의 겹친다. 오른쪽: 마진 t·s에 따른 점 하나의 손실로, "
          f"힌지 손실(초록 파선)은 마진 1부터 정확히 0이고 교차 엔트로피(검은 실선)는 0에 다가가기만 한다.")

# %% [markdown]
# **확인.** 두 점구름이 겹치므로 두 뉴런 모두 대부분의 점을 맞히지만 전부는 맞히지 못한다. 두 결정
# 경계의 방향은 거의 같은데, 로지스틱 뉴런의 $\mathbf{w}$가 더 길다. 로지스틱 결정 경계 위에서
# $\sigma$는 정확히 $1/2$이다. 힌지 손실은 마진 1부터 정확히 0이고, 교차 엔트로피는 0에 다가가기만
# 한다.

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
# ## 3. 직접 해 보기: L2 규제 강도 바꾸기
#
# 경사 하강법은 스텝마다 모든 가중치에 먼저 $1 - \mathrm{lr}\cdot\lambda$를 곱해 줄이고, 그다음
# 데이터가 요구하는 만큼 다시 고친다. 아래 `NEW_REG`를 정하고 로지스틱 뉴런을 다시 학습한다.
# $\lambda$를 키우면 $\mathbf{w}$는 짧아지고, 정확도는 거의 그대로이며, 뉴런이 확신하지 못하는
# 띠가 넓어져야 한다. 확률이 0.1에서 0.9로 바뀌는 데 걸리는 거리가 $2\ln 9 / \lVert\mathbf{w}\rVert$이기
# 때문이다. 0.001, 0.1, 1.9도 넣어 본다($\mathrm{lr}\cdot\lambda < 1$을 지킨다).

# %%
# ✎ 이 값을 바꿔 본다
NEW_REG = 1.0  # 두 번째 학습의 L2 강도 λ (첫 번째 학습은 REG를 썼다)

# %%
strong = MLP([2, 1], rng=np.random.default_rng(SEED))
strong.fit(X, y, loss="binary_cross_entropy", lr=LR, epochs=EPOCHS, reg=NEW_REG)
runs = {REG: logistic, NEW_REG: strong}
summary = {}
for reg, net in runs.items():
    w = net.params["W1"][:, 0]
    _, dscores = get_loss("binary_cross_entropy")(net.forward(X, train=False), y)
    pull = net.backward(dscores)["W1"][:, 0] + reg * w  # 손실 + L2 벌점의 기울기
    summary[reg] = {"norm": np.linalg.norm(w), "accuracy": np.mean(net.predict(X) == y),
                    "band": 2 * np.log(9) / np.linalg.norm(w), "residual": np.linalg.norm(pull)}
    print(f"λ = {reg:<6g} ‖w‖ = {summary[reg]['norm']:.2f}  정확도 {summary[reg]['accuracy']:.3f}"
          f"  0.1–0.9 띠의 폭 {summary[reg]['band']:.2f}")

fig, ax = plt.subplots(figsize=(7, 2.8))
distance = np.linspace(-5, 5, 201)  # 각 뉴런의 결정 경계에서 잰 부호 있는 거리
for (reg, net), style in zip(runs.items(), ("-", "--")):
    w, b = net.params["W1"][:, 0], net.params["b1"][0]
    points = -b * w / (w @ w) + distance[:, None] * w / np.linalg.norm(w)
    p = sigmoid.forward(net.forward(points, train=False))[0][:, 0]
    ax.plot(distance, p, linestyle=style, label=f"λ = {reg:g}")
for level in (0.1, 0.9):
    ax.axhline(level, color="grey", linestyle=":", linewidth=1)
ax.set(xlabel="결정 경계로부터의 거리", ylabel="σ(s) = P(클래스 1)",
       title="L2가 강할수록 경계는 그대로, 확신은 줄어든다")
ax.legend()
fig.tight_layout()
show(fig, f"결정 경계로부터의 거리에 따른 로지스틱 뉴런의 클래스 1 확률 σ(s)로, 실선은 λ = {REG:g}, 파선은 "
          f"λ = {NEW_REG:g}에서 학습한 것이고 점선은 0.1과 0.9이다. 두 곡선 모두 경계에서 0.5를 지나고 λ가 "
          f"큰 쪽이 더 완만해서, 0.1에서 0.9까지의 띠의 폭은 차례로 {summary[REG]['band']:.2f}, "
          f"{summary[NEW_REG]['band']:.2f}이다.")

# %% [markdown]
# **확인.** $\lambda$가 크면 $\mathbf{w}$가 짧아지고(작으면 길어지고), 정확도는 거의 변하지 않는다.
# 두 학습 모두 손실과 벌점을 더한 것의 기울기(gradient)가 0인 곳에서 멈췄다. 그곳에서는 가중치를
# 줄이는 힘 $\lambda\mathbf{w}$와 데이터가 당기는 힘이 서로 상쇄되므로, 데이터가 쓰는 가중치는
# 잊히지 않는다.

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
#   그 가중치를 1로 놓는다. $t$ 스텝 뒤 그 값은 $(1 - \mathrm{lr}\cdot\lambda)^t$와 같다.
# - 힌지 뉴런도 `NEW_REG`로 다시 학습하고 $\lVert\mathbf{w}\rVert$를 로지스틱 뉴런과 비교한다.
# - 힌지 뉴런에서 마진 $t \cdot s \ge 1$인 점을 세어 본다. 이 점들은 기울기를 전혀 받지 않는다.
