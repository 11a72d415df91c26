# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 죽은 ReLU 유닛
#
# 첫 번째 은닉층(hidden layer)의 ReLU 유닛(unit)은 모든 학습 데이터에서 입력이 0 이하이면 어디서나 0을
# 내보내고 기울기(gradient)도 받지 못한다. 그러니 학습으로는 이 유닛을 되살릴 수 없다. 이런 유닛을
# *죽은 유닛*이라고 한다. 이 노트북에서는 두 가지를 해 본다.
#
# 1. 작은 ReLU 신경망을 학습률(learning rate) 13가지로 학습하고 죽은 유닛을 세어,
#    [ReLU 실전](../../relu-in-practice/) 장의 죽은 유닛 그림을 다시 그린다(함수 자체의 정의는
#    [활성화 함수의 종류](../../activations/) 장에 있다).
# 2. 학습률 하나를 골라, 학습하는 동안 죽은 유닛의 비율이 어떻게 변하는지 따라가 보고 죽은 유닛의
#    직선이 입력 평면의 어디에 놓이는지 살펴본다.
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
# ## 1. 학습률에 따른 죽은 유닛
#
# 설정은 장과 같다. 데이터는 서로 엇갈린 나선 세 개(학습용 200점, 평가용 200점)이고, 신경망은 가중치를
# He 정규분포로, 편향을 0으로 초기화한 `MLP([2, 50, 3])`이다. 손실은 소프트맥스 교차 엔트로피이고, 전체
# 배치 경사 하강법으로 200 에포크(epoch) 동안 학습한다. 학습률마다 초기화 시드(0, 1, 2)만 다른 신경망
# 세 개를 학습하고, 학습 데이터에서 은닉 유닛의 몇 %가 죽었는지 `layer_statistics`로 확인한다.

# %%
from nnnotes import MLP
from nnnotes.datasets import spirals
from nnnotes.monitoring import layer_statistics

X, y = spirals(200, rng=np.random.default_rng(0))
X_test, y_test = spirals(200, rng=np.random.default_rng(100))
WIDTH, EPOCHS, SEEDS = 50, 200, (0, 1, 2)
LRS = 10 ** np.linspace(-1, 1, 13)  # 0.1부터 10까지, 10배마다 6개

dead_at_init = [layer_statistics(MLP([2, WIDTH, 3], rng=np.random.default_rng(s)), X)[0].dead_fraction
                for s in SEEDS]
dead = np.zeros((len(LRS), len(SEEDS)))
held_out = np.zeros_like(dead)
for i, lr in enumerate(LRS):
    for j, seed in enumerate(SEEDS):
        net = MLP([2, WIDTH, 3], rng=np.random.default_rng(seed))
        net.fit(X, y, lr=lr, epochs=EPOCHS)
        dead[i, j] = layer_statistics(net, X)[0].dead_fraction
        held_out[i, j] = np.mean(net.predict(X_test) == y_test)

print("학습률            ", " ".join(f"{lr:5.2f}" for lr in LRS))
print("죽은 비율 (평균)  ", " ".join(f"{d:5.2f}" for d in dead.mean(axis=1)))
print("평가 정확도       ", " ".join(f"{a:5.2f}" for a in held_out.mean(axis=1)))

# %%
fig, (ax_dead, ax_acc) = plt.subplots(1, 2, figsize=(7, 2.8), sharex=True)
for ax, values, label in ((ax_dead, dead, "죽은 유닛 비율"), (ax_acc, held_out, "평가 정확도")):
    ax.fill_between(LRS, values.min(axis=1), values.max(axis=1), color=PALETTE[0], alpha=0.2, linewidth=0,
                    label="시드 3개의 범위" if ax is ax_dead else None)
    ax.plot(LRS, values.mean(axis=1), color=PALETTE[0], marker="o", markersize=3,
            label="시드 3개의 평균" if ax is ax_dead else None)
    ax.set(xscale="log", xlabel="학습률 (로그 눈금)", ylabel=label, ylim=(-0.03, 1.03))
ax_acc.axhline(1 / 3, color="black", linestyle=":", linewidth=1, label="무작위로 고를 때 (1/3)")
ax_acc.set_xticks([0.1, 0.3, 1, 3, 10], ["0.1", "0.3", "1", "3", "10"])
ax_dead.legend(loc="upper left")
ax_acc.legend(loc="lower left")
fig.suptitle("죽은 ReLU 유닛은 학습률이 지나치게 클 때만 생긴다", fontsize=10)
fig.tight_layout()
show(fig, f"학습률(로그 눈금, 0.1부터 10까지)에 따른 은닉층의 죽은 유닛 비율(왼쪽)과 평가 정확도(오른쪽)를 "
          f"시드 3개의 평균(선)과 범위(띠)로 그렸다. 오른쪽의 점선은 무작위로 고를 때의 정확도(1/3)이다. 학습률 "
          f"1까지는 죽은 유닛이 없고, 학습률 {LRS[-1]:g}에서는 죽은 비율이 {dead[-1].mean():.2f}에 이르며 "
          f"정확도는 무작위로 고르는 수준에 가까운 {held_out[-1].mean():.2f}까지 떨어진다.")

# %% [markdown]
# **확인.** 초기화 직후에는 죽은 유닛이 없다. 편향이 0이면 모든 유닛의 직선이 원점을 지나는데, 원점은
# 데이터 구름 안에 있기 때문이다. 학습률 1까지는 어느 시드에서도 죽는 유닛이 없고, 평가 정확도가 가장
# 높은 학습률도 이 안전한 범위 안이나 그 바로 위에 있다. 가장 큰 학습률들에서는 대부분의 유닛이 죽고
# 정확도가 무작위로 고르는 수준까지 떨어진다.

# %%
best = LRS[held_out.mean(axis=1).argmax()]
print(f"평가 정확도가 가장 높은 학습률 {best:.2f}, 가장 큰 학습률에서 죽은 비율 {dead[-1].mean():.2f}")

assert max(dead_at_init) == 0
assert dead[LRS <= 1].max() == 0
assert best <= 3.2
assert dead[-1].mean() > 0.9 and held_out[-1].mean() < 0.45

# %% [markdown]
# ## 2. 직접 해 보기: 학습률 하나를 골라 시간에 따라 지켜보기
#
# 아래에서 `LR`을 정한다. 시드 0인 신경망을 그 학습률로 학습하고, 비교하려고 안전한 학습률 1로도
# 학습한다. `record_stats=True`를 주면 학습 기록에 에포크마다 죽은 유닛의 비율이 남는다. 처음 주어진
# 학습률에서는 학습이 진행되는 내내 유닛이 계속 죽어 나가는 것을 볼 수 있다. 오른쪽 그림에는 죽은
# 유닛마다 그 직선 $\mathbf{w}_j \cdot \mathbf{x} + b_j = 0$을 그렸다. 이 직선들은 모두 데이터 구름
# 바깥에 있어서, 모든 점이 유닛이 꺼지는 쪽에 놓인다. 3, 6, 10도 넣어 보자.

# %%
# ✎ 바꿔 볼 값
LR = 4.6  # 따라가 볼 학습의 학습률 (1절에서는 학습률 1까지 죽은 유닛이 없었다)

# %%
runs, histories = {}, {}
for lr in (1.0, LR):
    net = MLP([2, WIDTH, 3], rng=np.random.default_rng(0))
    histories[lr] = net.fit(X, y, lr=lr, epochs=EPOCHS, record_stats=True).dead_fraction[:, 0]
    runs[lr] = net
    print(f"학습률 {lr:<4g} 10, 50, 200 에포크 뒤 죽은 비율: "
          + ", ".join(f"{histories[lr][e - 1]:.2f}" for e in (10, 50, 200))
          + f"   평가 정확도 {np.mean(net.predict(X_test) == y_test):.2f}")

fig, (ax_time, ax_plane) = plt.subplots(1, 2, figsize=(7, 3.1), gridspec_kw={"width_ratios": [1.3, 1]})
for (lr, history), style, marker in zip(histories.items(), ("-", "--"), ("o", "s")):
    ax_time.plot(np.arange(1, EPOCHS + 1), history, linestyle=style, marker=marker, markevery=25,
                 markersize=4, label=f"학습률 {lr:g}")
ax_time.set(xlabel="에포크", ylabel="죽은 유닛 비율", title="유닛은 계속 죽어 나간다")
ax_time.legend()

W, b = runs[LR].params["W1"], runs[LR].params["b1"]
is_dead = (X @ W + b).max(axis=0) <= 0
for j in np.flatnonzero(is_dead):  # 죽은 유닛마다 직선 w·x + b = 0을 그린다
    w = W[:, j]
    foot, along = -b[j] * w / (w @ w), np.array([-w[1], w[0]]) / np.linalg.norm(w)
    ax_plane.plot(*(foot + np.array([-6.0, 6.0])[:, None] * along).T, color=PALETTE[4], linestyle="--")
ax_plane.scatter(*X.T, s=3, color="black", zorder=3)
ax_plane.set(xlim=(-2, 2), ylim=(-2, 2), aspect="equal", xlabel="$x_1$", ylabel="$x_2$",
             title=f"학습률 {LR:g}: 죽은 유닛 {is_dead.sum()}개의 직선")
ax_plane.grid(False)
fig.tight_layout()
show(fig, f"왼쪽: 학습률 1(실선)과 학습률 {LR:g}(파선)에서 {EPOCHS} 에포크 동안 죽은 유닛의 비율을 그렸다. "
          f"비율은 한 번도 줄지 않고, 마지막에 각각 {histories[1.0][-1]:.2f}, {histories[LR][-1]:.2f}이다. 오른쪽: "
          f"세 나선의 학습 데이터(검은 점) 위에 학습률 {LR:g}에서 죽은 유닛 {is_dead.sum()}개의 직선 "
          f"w·x + b = 0(파선)을 그렸다. 직선이 모두 점구름을 비껴가므로, 모든 점이 유닛의 출력이 0인 쪽에 "
          f"놓인다.")

# %% [markdown]
# **확인.** 학습하는 동안 죽은 유닛의 비율은 한 번도 줄지 않는다. 첫 번째 은닉층의 유닛이 모든 점에서
# 꺼져 있으면 기울기가 정확히 0이어서 그 상태 그대로 남기 때문이다. 20 에포크를 더 학습한 뒤 죽은
# 유닛의 가중치를 비트 단위로 비교해 이를 확인한다. 처음 주어진 학습률에서는 유닛의 상당수가 죽으며,
# 학습률 1일 때보다 훨씬 많다.

# %%
net = runs[LR]
W1, b1, W2 = net.params["W1"], net.params["b1"], net.params["W2"]
is_dead = (X @ W1 + b1).max(axis=0) <= 0
frozen = W1[:, is_dead].copy(), b1[is_dead].copy(), W2[is_dead].copy()
net.fit(X, y, lr=LR, epochs=20)
print(f"학습률 {LR:g}에서 죽은 유닛 {is_dead.sum()}개, 20 에포크를 더 학습해도 그대로인가: "
      f"{np.array_equal(W1[:, is_dead], frozen[0]) and np.array_equal(W2[is_dead], frozen[2])}")

assert all(np.all(np.diff(h) >= 0) for h in histories.values())
assert np.array_equal(W1[:, is_dead], frozen[0]) and np.array_equal(b1[is_dead], frozen[1])
assert np.array_equal(W2[is_dead], frozen[2])
if LR == 4.6:  # 처음 주어진 학습률에 대한 문장
    assert histories[LR][-1] > 0.2 > histories[1.0][-1]
    assert histories[LR][-1] > histories[LR][9]

# %% [markdown]
# ## 더 해 볼 것
#
# - 2절에서 `MLP([2, WIDTH, 3], activation="leaky_relu")`를 써 보자. 그러면 직선이 데이터 구름을 벗어난
#   유닛도 작은 기울기를 받는다. 죽은 비율이 여전히 늘기만 하는가?
#
#   <details><summary>답</summary>
#
#   그렇지 않다. `layer_statistics`가 알려 주는 비율은 모든 점에서 활성화 전 값이 0 이하인 유닛의
#   비율이다. Leaky ReLU에서 이런 유닛은 죽은 것이 아니라 꺼져 있을 뿐이다. 음수 쪽의 미분계수가 0.01이므로
#   기울기의 1%를 여전히 받고, 그래서 직선이 다시 구름을 가로지르도록 끌려올 수 있다. 처음 주어진
#   학습률에서 이 비율은 이제 올라가기도 하고 내려가기도 하며, 학습이 끝났을 때 꺼져 있는 유닛도
#   ReLU보다 적다(이 실행에서는 절반쯤이다). 이때 확인 셀은 실패하는데, 그것이 맞는 결과다. 이 셀이
#   확인하는 문장, 즉 비율이 줄지 않으며 꺼진 유닛의 가중치가 비트 하나까지 그대로라는 문장은 ReLU에서만
#   성립하기 때문이다. 다만 기울기가 조금이라도 있다고 해서 유닛이 반드시 되살아나는 것은 아니다. 꺼진
#   Leaky ReLU 유닛은 살아 있는 유닛보다 백 배 느리게 움직이며, 많은 유닛이 끝까지 꺼진 채로 남는다.
#
#   </details>
#
# - 학습하기 전에 은닉층의 편향을 모두 0.01로 놓고(`net.params["b1"][...] = 0.01`) 1절의 죽은 비율과
#   비교해 보자.
#
#   <details><summary>답</summary>
#
#   학습률 2.15까지는 아무것도 달라지지 않는다. 어느 쪽에서도 죽는 유닛이 없고, 평가 정확도의 차이도
#   1%포인트 안팎이다. 그보다 높은 학습률에서는 두 경우 모두 죽은 유닛이 늘어나 학습률 10에서는 모든
#   유닛이 죽는다. 그 사이의 4.6에서는 이 세 시드의 경우 편향 0.01로 시작한 신경망에서 죽은 유닛이 더
#   적지만, 그 차이는 시드끼리의 차이와 비슷한 크기다. 시드 5개로 측정한 장에서는 이 차이가 시드 사이의
#   차이보다 작았다. 이유는 직선이 움직이는 거리에 있다. 편향 0.01은 각 유닛의 직선을 입력 평면에서 0.01
#   정도 옮길 뿐이지만, 너무 큰 갱신은 직선을 구름의 반지름보다 더 멀리 옮긴다.
#
#   ```python
#   net = MLP([2, WIDTH, 3], rng=np.random.default_rng(seed))
#   net.params["b1"][...] = 0.01
#   net.fit(X, y, lr=lr, epochs=EPOCHS)
#   ```
#
#   </details>
#
# - 처음부터 유닛의 20%를 일부러 죽여 놓고 학습률 1로 학습해 보자. 정확도를 얼마나 잃는가?
#
#   <details><summary>답</summary>
#
#   거의 잃지 않는다. 평가 정확도가 1%포인트쯤 낮아질 뿐이다. 장에서 한 것처럼 유닛 50개 가운데
#   10개의 직선을 구름 바로 바깥으로 옮긴 뒤 학습해 보면, 이 10개는 죽은 채로 남고 학습률 1에서는 다른
#   유닛이 더 죽지 않는다. 나선 데이터에는 남은 유닛 40개로도 충분하므로, 죽은 유닛은 그저 없는 유닛과
#   같다. 1절의 높은 학습률에서는 정확도가 훨씬 더 떨어졌는데, 그 손해의 대부분은 그 학습률이 죽인
#   유닛이 아니라 학습률 자체에서 온다.
#
#   ```python
#   net = MLP([2, WIDTH, 3], rng=np.random.default_rng(0))
#   W1, b1 = net.params["W1"], net.params["b1"]
#   for j in range(WIDTH // 5):
#       b1[j] = -(X @ W1[:, j]).max() - 0.1
#   net.fit(X, y, lr=1.0, epochs=EPOCHS)
#   print(layer_statistics(net, X)[0].dead_fraction, np.mean(net.predict(X_test) == y_test))
#   ```
#
#   </details>
