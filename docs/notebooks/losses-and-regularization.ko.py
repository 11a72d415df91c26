# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 손실 함수와 규제
#
# 손실 함수는 신경망이 무엇을 맞혀야 하는지를 정하고, 규제는 그와 함께 어떤 해를 더 선호할지를
# 정한다. 이 노트북에서는 [손실 함수와 규제](../../losses-and-regularization/) 장에 나오는 여섯 가지
# 주장을 `nnnotes` 코드 몇 줄로 하나씩 확인한다.
#
# 1. 다중 클래스 SVM의 손실은 마진이 채워지면 0이 되지만, 소프트맥스 교차 엔트로피는 끝까지 0이 되지 않는다.
# 2. 식을 그대로 계산하면 오버플로가 일어나는 큰 점수에서도, 로그-합-지수 기법을 쓰면 소프트맥스 교차
#    엔트로피를 계산할 수 있다.
# 3. 이상치 하나가 L2 손실로 맞춘 직선은 크게 끌어당기지만, L1 손실이나 후버 손실로 맞춘 직선은 거의
#    건드리지 못한다.
# 4. L1 규제는 많은 가중치를 0(또는 0에 아주 가까운 값)으로 만들고, L2 규제는 가중치를 작게 만들 뿐이다.
# 5. 역 드롭아웃은 활성값의 기댓값을 그대로 두므로 평가할 때 따로 배율을 맞출 필요가 없다.
# 6. 최대 노름 제약을 걸면, 제약 없이는 학습이 흔들리는 높은 학습률에서도 안정적으로 학습된다.
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
# ## 1. 같은 점수에 대한 SVM 손실과 소프트맥스 손실
#
# 클래스 0에 속하는 샘플 하나가 점수 세 개를 받았다고 하자. 다중 클래스 SVM(multiclass SVM)의 손실인
# 힌지 손실(hinge loss)은 정답이 아닌 클래스 *j*마다 `max(0, s_j − s_y + Δ)`를 더하며, 마진(margin)은
# Δ = 1로 둔다. 제곱 힌지 손실(squared hinge loss)은 이 항을 하나하나 제곱하고, 소프트맥스 교차
# 엔트로피는 `−log(exp(s_y) / Σ_j exp(s_j))`이다. 나머지 두 클래스의 점수는 2와 0에 고정하고,
# 정답 클래스의 점수 *s*₀만 −4에서 8까지 움직여 본다([SVM과 소프트맥스 비교](../../losses-and-regularization/#svm-vs-softmax) 참고).

# %%
from nnnotes.losses import multiclass_hinge, multiclass_squared_hinge, softmax_cross_entropy

y0 = np.array([0])
s0 = np.linspace(-4, 8, 241)
LOSSES = {"힌지 손실": multiclass_hinge, "제곱 힌지 손실": multiclass_squared_hinge,
          "소프트맥스 교차 엔트로피": softmax_cross_entropy}
curves, slopes = {}, {}
for name, loss in LOSSES.items():
    values = [loss(np.array([[s, 2.0, 0.0]]), y0) for s in s0]
    curves[name] = np.array([value for value, _ in values])
    slopes[name] = np.array([dscores[0, 0] for _, dscores in values])

scores = np.array([[10.0, -2.0, 3.0]])
for name, loss in LOSSES.items():
    print(f"점수 {scores[0]}: {name} = {loss(scores, y0)[0]:.5f}")

fig, (ax, ax_slope) = plt.subplots(1, 2, figsize=(7, 2.9))
for (name, curve), style in zip(curves.items(), ("-", "--", ":")):
    ax.plot(s0, curve, style, label=name, linewidth=1.8)
    ax_slope.plot(s0, slopes[name], style, label=name, linewidth=1.8)
for a in (ax, ax_slope):
    a.axvline(3, color="gray", linewidth=0.8)
    a.set_xlabel("정답 클래스 점수 $s_0$ (나머지는 2와 0)")
ax.set(ylim=(0, 12), ylabel="손실", title="손실")
ax_slope.set(ylim=(-4.5, 0.5), ylabel=r"$\partial L / \partial s_0$", title="$s_0$에 대한 미분")
ax.legend(fontsize=8)
fig.tight_layout()
show(fig, "왼쪽: 나머지 두 점수를 2와 0에 고정하고 정답 클래스 점수를 −4에서 8까지 움직이며 샘플 하나의 "
          "힌지 손실, 제곱 힌지 손실, 소프트맥스 교차 엔트로피를 그렸다. 회색 선은 마진 1이 채워지는 s0 = 3이다. "
          "두 힌지 손실은 여기서 정확히 0이 되고 그 뒤로도 0이다. 소프트맥스 교차 엔트로피는 0을 향해 계속 "
          "줄어들 뿐 0에 닿지 않는다. 오른쪽: s0에 대한 미분이다. 힌지 손실의 미분은 −2, −1을 거쳐 0이 되고, "
          "제곱 힌지 손실의 미분은 그림 아래 바깥에서 직선을 따라 올라와 s0 = 3에서 0이 되며, 소프트맥스 교차 "
          "엔트로피의 미분은 어디서나 음수다.")

# %% [markdown]
# **확인.** *s*₀가 나머지 두 점수보다 모두 마진 이상 높으면(여기서는 *s*₀ ≥ 3) 두 힌지 손실과 그
# 기울기가 정확히 0이 된다. 이 샘플은 더 이상 SVM 손실에 영향을 주지 않는다. 소프트맥스 교차 엔트로피는
# 여전히 양수이고, *s*₀가 이미 아무리 커도 경사 하강법은 계속 *s*₀를 위로 민다. 점수 (10, −2, 3)에서도 SVM
# 손실은 0이지만 소프트맥스 손실은 0이 아니다.

# %%
met = s0 >= 3
for name in ("힌지 손실", "제곱 힌지 손실"):
    assert np.all(curves[name][met] == 0) and np.all(slopes[name][met] == 0)
    assert np.all(curves[name][~met] > 0)
assert np.all(curves["소프트맥스 교차 엔트로피"] > 0) and np.all(np.diff(curves["소프트맥스 교차 엔트로피"]) < 0)
assert np.all(slopes["소프트맥스 교차 엔트로피"] < 0)
assert multiclass_hinge(scores, y0)[0] == 0 < softmax_cross_entropy(scores, y0)[0]

# %% [markdown]
# ## 2. 로그-합-지수 기법
#
# 소프트맥스 교차 엔트로피를 계산하려면 `log Σ_j exp(s_j)`가 필요하다. 이 식을 그대로 계산하면
# float64에서 *e*¹⁰⁰⁰이 오버플로를 일으킨다(float64의 최댓값은 약 1.8 · 10³⁰⁸, 즉 *e*의 709.8제곱쯤이다).
# 가장 큰 점수 `m = max_j s_j`를 먼저 빼면 `log Σ_j exp(s_j) = m + log Σ_j exp(s_j − m)`이므로
# 값은 수학적으로 같고, 지수는 모두 0 이하가 된다([로그-합-지수](../../losses-and-regularization/#log-sum-exp) 참고).

# %%
big = np.array([[1000.0, 1001.0, 1002.0]])
with np.errstate(over="ignore"):
    naive = np.log(np.sum(np.exp(big))) - big[0, 0]
m = big.max()
shifted = m + np.log(np.sum(np.exp(big - m))) - big[0, 0]
library = softmax_cross_entropy(big, y0)[0]
print(f"식 그대로: {naive}")
print(f"가장 큰 점수를 뺀 식: {shifted:.6f}")
print(f"nnnotes의 softmax_cross_entropy: {library:.6f}")
print(f"모든 점수에서 1000을 뺀 경우: {softmax_cross_entropy(big - 1000, y0)[0]:.6f}")

# %% [markdown]
# **확인.** 식을 그대로 계산하면 무한대가 나오지만, 가장 큰 점수를 뺀 식은 유한한 손실을 내며 그 값은
# `softmax_cross_entropy`의 결과와 같다. 점수 (0, 1, 2)의 손실과도 같은데, 모든 점수에 같은 상수를
# 더해도 소프트맥스는 변하지 않기 때문이다.

# %%
assert np.isinf(naive)
assert np.isfinite(shifted) and abs(shifted - library) < 1e-12
assert abs(library - softmax_cross_entropy(big - 1000, y0)[0]) < 1e-12

# %% [markdown]
# ## 3. 이상치 하나와 L2, L1, 후버 손실
#
# 직선 *t* = 2*x* 근처에 점 20개가 있는데, 마지막 점만 직선보다 10만큼 아래로 옮겨 이상치(outlier)로
# 만든다. 은닉층이 없는 선형 모델 `MLP([1, 1])`, 즉 직선 *t* = *wx* + *b*를 전체 배치 경사 하강법으로 세 번
# 학습하는데, 손실로는 차례로 L2 손실, L1 손실, 후버 손실(Huber loss)을 쓴다(`loss=`에는 `"mse"`, `"mae"`,
# `"huber"`를 넣고, 후버 손실의 δ는 1이다). L2 손실은
# 오차의 제곱으로 커지므로 이상치가 멀수록 더 세게 당긴다. L1 손실은 점이 얼마나 멀든 같은 힘으로 당기고,
# 후버 손실은 오차가 작을 때는 이차 함수, δ를 넘으면 일차 함수다([이상치](../../losses-and-regularization/#outliers) 참고).

# %%
from nnnotes import MLP

x = np.linspace(-1, 1, 20)[:, None]
t = 2 * x[:, 0] + 0.1 * np.random.default_rng(0).standard_normal(20)
t[-1] -= 10  # 이상치
fits = {}
for loss in ("mse", "mae", "huber"):
    line = MLP([1, 1], rng=np.random.default_rng(0))
    line.fit(x, t, loss=loss, lr=0.1, epochs=2000)
    fits[loss] = line
    print(f"{loss:>5}: w {line.params['W1'][0, 0]:.3f}, b {line.params['b1'][0]:.3f}")

fig, ax = plt.subplots(figsize=(5.5, 3.2))
ax.scatter(x[:-1, 0], t[:-1], s=14, color="black", label="데이터")
ax.scatter(x[-1, 0], t[-1], s=40, marker="x", color=PALETTE[4], label="이상치")
names = {"mse": "L2 손실", "mae": "L1 손실", "huber": "후버 손실"}
for (loss, line), style in zip(fits.items(), ("-", "--", ":")):
    ax.plot(x[:, 0], line.forward(x, train=False)[:, 0], style, linewidth=1.8, label=names[loss])
ax.set(xlabel="x", ylabel="t")
ax.legend(fontsize=8)
show(fig, f"직선 t = 2x 근처의 점 20개와 세 손실로 맞춘 직선을 그렸다. 마지막 점(x 표시)은 직선보다 10만큼 "
          f"아래로 옮긴 이상치다. L2 손실로 맞춘 직선은 이상치 쪽으로 끌려 내려가 w가 "
          f"{fits['mse'].params['W1'][0, 0]:.2f}이다. L1 손실로 맞춘 직선은 나머지 점들을 따라가며 w가 "
          f"{fits['mae'].params['W1'][0, 0]:.2f}이다. 후버 손실로 맞춘 직선은 둘 사이에서 L1 쪽에 가깝고 "
          f"w가 {fits['huber'].params['W1'][0, 0]:.2f}이다.")

# %% [markdown]
# **확인.** 이상치 하나 때문에 L2 손실로 맞춘 직선의 *w*는 참값 2의 절반에도 못 미친다. L1 손실과 후버 손실로
# 맞춘 직선의 *w*는 참값 2와 0.3도 차이 나지 않으며, 그중 L1 쪽이 더 가깝다.

# %%
slope = {loss: line.params["W1"][0, 0] for loss, line in fits.items()}
assert slope["mse"] < 1.5
assert abs(slope["mae"] - 2) < abs(slope["huber"] - 2) < 0.3 < abs(slope["mse"] - 2)

# %% [markdown]
# ## 4. L1 규제는 가중치를 희소하게, L2 규제는 작게 만든다
#
# 입력 특성 100개로 클래스 다섯 개를 가르는 선형 소프트맥스 분류기 `MLP([100, 5])`를 학습한다. 데이터는
# MNIST를 흉내 낸 `digit_standin`이다. 클래스마다 원형(prototype)이 하나씩 있는데, 원형은 특성의 5분의 1에서만 0이
# 아니므로 대부분의 특성은 클래스에 대해 아무것도 알려 주지 않는다. 이 분류기를 L1 벌점
# λΣ|*W*|(`l1=`)로 한 번, L2 벌점 (λ/2)Σ*W*²(`reg=`)으로 한 번 학습하고,
# 절댓값이 0.01보다 작은 가중치를 센다([L1 규제](../../losses-and-regularization/#l1) 참고).

# %%
from matplotlib.ticker import FuncFormatter, NullFormatter

from nnnotes.datasets import digit_standin

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 10^-6의 마이너스 기호는 ASCII 하이픈으로 쓴다(수식 글꼴에 U+2212가 없다)


def log_ticks(axis):
    axis.set_major_formatter(POWERS_OF_TEN)
    axis.set_minor_formatter(NullFormatter())


X, y = digit_standin(300, 100, 5, rng=np.random.default_rng(0))
penalties = {"L1, λ = 0.01": {"l1": 0.01}, "L2, λ = 0.01": {"reg": 0.01}}
weights, train_acc = {}, {}
for name, penalty in penalties.items():
    classifier = MLP([100, 5], rng=np.random.default_rng(1))
    classifier.fit(X, y, lr=0.5, epochs=300, **penalty)
    weights[name] = classifier.params["W1"].ravel()
    train_acc[name] = np.mean(classifier.predict(X) == y)
small = {name: np.mean(np.abs(w) < 0.01) for name, w in weights.items()}
for name in penalties:
    print(f"{name}: 0.01보다 작은 가중치 {small[name]:.1%}, 학습 정확도 {train_acc[name]:.1%}")

fig, axes = plt.subplots(1, 2, figsize=(7, 2.7), sharey=True)
bins = np.logspace(-6, 0.5, 40)
for ax, (name, w), color in zip(axes, weights.items(), (PALETTE[0], PALETTE[1])):
    ax.hist(np.maximum(np.abs(w), 1e-6), bins=bins, color=color)
    ax.axvline(0.01, color="black", linestyle=":", linewidth=1)
    ax.set(xscale="log", xlabel="|가중치| (로그 눈금)", title=f"{name}: 0.01 미만 {small[name]:.0%}")
    log_ticks(ax.xaxis)
axes[0].set_ylabel("가중치 수")
fig.tight_layout()
show(fig, f"가중치 500개의 절댓값을 로그 축 위에 히스토그램으로 그렸고, 점선은 0.01이다. 왼쪽은 L1 규제다. "
          f"가중치의 {small['L1, λ = 0.01']:.0%}가 0.01 바로 아래, 0.001 근처에 높이 쌓여 있고, 나머지는 대략 "
          f"0.05와 1 사이에 작은 무리를 이룬다. 오른쪽은 L2 규제다. 가중치가 대략 0.001과 1 사이에 봉우리 하나를 "
          f"이루며, 0.01보다 작은 "
          f"가중치는 {small['L2, λ = 0.01']:.0%}뿐이다.")

# %% [markdown]
# **확인.** 규제 세기가 같아도 L1 규제는 가중치 대부분을 (거의) 0으로 만들지만 L2 규제는 일부만 그렇게
# 만들며, 두 분류기 모두 학습 데이터를 잘 맞힌다. 이유는 기울기에 있다. L2 벌점의 기울기 λ*w*는
# 가중치가 작아질수록 함께 작아지므로 가중치를 줄이기만 할 뿐 0까지 밀지는 못한다. L1 벌점의 기울기
# λ·sign(*w*)는 0 근처에서도 멀리서와 똑같이 세므로, 필요 없는 가중치를 0까지 밀어낸다.
# 다만 이 기울기로 경사 하강법을 하면 가중치가 정확히 0에 머물지 않고 lr·λ 정도의
# 폭으로 0 주위를 오간다.

# %%
assert small["L1, λ = 0.01"] > 0.5 > 0.2 > small["L2, λ = 0.01"]
assert min(train_acc.values()) > 0.95

# %% [markdown]
# ## 5. 역 드롭아웃은 기댓값을 바꾸지 않는다
#
# 이 사이트에서 드롭아웃 확률 *p*는 유닛을 **버릴** 확률이다(CS231n 노트의 코드에서는 p가 남길 확률이므로
# 주의한다). 학습할 때 `dropout_forward(h, p, train=True, rng=…)`는 `h`의 원소마다 독립적으로 확률 *p*로
# 0으로 만들고, 남은 원소는 1 − *p*로 나눈다. 그러면 각 원소는 확률 1 − *p*로 *h*/(1 − *p*), 나머지 경우에는 0이므로
# 기댓값이 *h*이고, 평가할 때(`train=False`)는 *h*를 그대로 내보내면 된다
# ([역 드롭아웃](../../losses-and-regularization/#inverted-dropout) 참고). 활성값 한 행에 마스크를 여러 번
# 뽑아 씌우고 평균을 내 보자.

# %%
from nnnotes.layers import dropout_forward

# ✎ 바꿔 볼 값
P_DROP = 0.5  # 유닛을 버릴 확률, 0 ≤ p < 1

# %%
DRAWS = 20000
h = np.array([[0.5, 1.0, 1.5, 2.0]])
out, _ = dropout_forward(np.repeat(h, DRAWS, axis=0), P_DROP, train=True, rng=np.random.default_rng(0))
evaluation, _ = dropout_forward(h, P_DROP, train=False, rng=None)
print(f"활성값 h:                  {h[0]}")
print(f"버려진 비율:               {np.mean(out == 0):.3f}")
print(f"마스크 {DRAWS}개의 평균:  {out.mean(axis=0).round(3)}")
print(f"평가할 때의 출력:          {evaluation[0]}")

net = MLP([2, 64, 3], dropout=P_DROP, rng=np.random.default_rng(0))
point = np.array([[0.3, -0.7]])
trained_mode = net.forward(np.repeat(point, DRAWS, axis=0), train=True, rng=np.random.default_rng(1))
print(f"MLP(dropout={P_DROP})의 점수, 학습 모드 순전파 {DRAWS}번의 평균: {trained_mode.mean(axis=0).round(3)}")
print(f"MLP(dropout={P_DROP})의 점수, 평가할 때:                     {net.forward(point, train=False)[0].round(3)}")

# %% [markdown]
# **확인.** 원소의 약 *p*가 버려지고, 마스크들의 평균과 *h*의 차이는 표준 오차
# `h · √(p / ((1 − p) · draws))`의 몇 배 이내이며, 평가할 때는 *h*가 그대로 나온다. 은닉층이
# 하나인 신경망에서는 점수가 드롭아웃을 거친 활성값의 일차 함수이므로, 학습 모드에서 얻은 점수의 평균도
# 평가할 때의 점수와 일치한다.

# %%
standard_error = h * np.sqrt(P_DROP / ((1 - P_DROP) * DRAWS))
assert abs(np.mean(out == 0) - P_DROP) < 0.01
assert np.all(np.abs(out.mean(axis=0) - h) < 4 * standard_error + 1e-12)
assert np.array_equal(evaluation, h)
spread = trained_mode.std(axis=0) / np.sqrt(DRAWS)
assert np.all(np.abs(trained_mode.mean(axis=0) - net.forward(point, train=False)[0]) < 4 * spread + 1e-12)

# %% [markdown]
# ## 6. 높은 학습률에서의 최대 노름 제약
#
# 최대 노름 제약(max-norm constraint)은 갱신할 때마다 각 유닛으로 들어오는 가중치 벡터 **w**의
# 길이가 *c*를 넘지 않도록 다시 맞춘다. 즉 `w ← w · min(1, c / ‖w‖)`이며,
# `fit(max_norm=c)`로 쓴다. 그러면 갱신이 아무리 커도 가중치 벡터가 *c*보다 길어질 수 없다. 팔이 세 개인
# 나선 데이터로 `MLP([2, 50, 50, 3])`을 학습하는데, 모멘텀은 0.9, 학습률은 이 신경망에는 높은 값인 1로
# 두고 제약을 걸 때와 걸지 않을 때를 비교한다([최대 노름 제약](../../losses-and-regularization/#max-norm) 참고).

# %%
from nnnotes.datasets import spirals

X, y = spirals(300, rng=np.random.default_rng(0))
runs, largest = {}, {}
for c in (None, 2.0):
    spiral_net = MLP([2, 50, 50, 3], rng=np.random.default_rng(1))
    runs[c] = spiral_net.fit(X, y, lr=1.0, epochs=200, momentum=0.9, max_norm=c)
    largest[c] = max(np.linalg.norm(spiral_net.params[f"W{i}"], axis=0).max() for i in (1, 2, 3))
    print(f"max_norm = {c}: 처음 손실 {runs[c].loss[0]:.3f}, 최대 {runs[c].loss.max():.2f}, "
          f"마지막 {runs[c].loss[-1]:.3f}, 학습 정확도 {runs[c].accuracy[-1]:.1%}, "
          f"가장 긴 가중치 벡터의 길이 {largest[c]:.1f}")

fig, ax = plt.subplots(figsize=(5.5, 3))
ax.plot(runs[None].loss, "-", label="제약 없음")
ax.plot(runs[2.0].loss, "--", label="최대 노름 제약, c = 2")
ax.set(yscale="log", xlabel="에포크", ylabel="학습 손실 (로그 눈금)")
log_ticks(ax.yaxis)
ax.legend(fontsize=8)
show(fig, f"같은 신경망, 같은 학습률에서 에포크별 학습 손실을 로그 축에 그렸다. 제약이 없으면 손실이 여러 "
          f"번 튀어 올라 가장 높을 때 {runs[None].loss.max():.1f}에 이르고, 마지막에는 "
          f"{runs[None].loss[-1]:.2f}이다. 최대 노름 제약(c = 2)을 걸면 초반에 처음 값보다 낮은 범위에서 조금 출렁일 뿐 손실이 줄어 마지막에 "
          f"{runs[2.0].loss[-1]:.3f}까지 내려간다.")

# %% [markdown]
# **확인.** 제약이 없으면 손실이 처음 값보다 훨씬 높이 튀어 오르는 일이 여러 번 생기고 가중치 벡터도
# 길어진다.
# 최대 노름 제약을 걸면 손실이 처음 값보다 높아지는 일이 없고 마지막 손실도 훨씬 낮으며, 길이가 *c*를
# 넘는 가중치 벡터도 없다.

# %%
free, capped = runs[None], runs[2.0]
assert free.loss.max() > 5 * free.loss[0] and np.sum(free.loss[1:] > 2 * free.loss[:-1]) >= 3
assert capped.loss.max() <= capped.loss[0] + 1e-9
assert capped.loss[-1] < 0.1 < free.loss[-1]
assert largest[2.0] <= 2.0 + 1e-9 < 10 < largest[None]

# %% [markdown]
# ## 더 해 볼 것
#
# 문제마다 아래에 답을 접어 두었다. 먼저 직접 해 본 다음 펼쳐 보자.
#
# **1.** 1절에서 나머지 두 클래스의 점수를 2와 0 대신 2와 2.5로 바꿔 보자(회색 선도 옮긴다). 힌지 손실은
# 이제 어디서 0이 되고, 소프트맥스 쪽은 무엇이 달라질까?
#
# <details><summary>답</summary>
#
# 힌지 손실이 0이 되려면 *s*₀가 나머지 점수 가운데 *가장 큰* 것보다 마진 이상 높아야 하므로, 이제는
# *s*₀ = 3.5에서 0이 된다. *s*₀ ≥ 3이 되면 점수 2는 더 이상 손실에 영향을 주지 않는다. 소프트맥스 교차
# 엔트로피는 나머지 점수를 모두 반영하므로 곡선 전체가 조금씩 올라가며, 여전히 0에 닿지 않는다.
#
# </details>
#
# **2.** 3절에서 이상치를 10 대신 50만큼 아래로 옮겨 보자. 어느 직선이 달라질까?
#
# <details><summary>답</summary>
#
# L2 손실로 맞춘 직선은 훨씬 더 끌려 내려가 *w*가 음수가 된다. 이상치가 멀어질수록 당기는 힘도 커지기
# 때문이다. L1 손실과 후버 손실로 맞춘 직선은 전혀 움직이지 않는다(출력되는 *w*가 똑같다). 점 하나가
# 당기는 힘에는 상한이 있는데(미분의 크기가 L1 손실에서는 1, 후버 손실에서는 δ를 넘지 않는다), 이상치는
# 10만큼 옮겼을 때부터 이미 그 상한에 걸려 있었기 때문이다. 3절의 확인 셀도 그대로 통과한다.
#
# </details>
#
# **3.** 4절에서 `l1=0.01, reg=0.01`을 함께 주어 학습해 보자(엘라스틱 넷). 0.01보다 작은 가중치는
# 얼마나 될까?
#
# <details><summary>답</summary>
#
# L1 규제만 걸었을 때와 비슷하다. L1 항은 여전히 필요 없는 가중치를 0으로 밀고, L2 항은 남은 가중치를
# 추가로 줄인다. 엘라스틱 넷을 쓰는 이유가 여기에 있다. L1 규제처럼 희소하면서도 남은 가중치는 L2 규제처럼
# 부드럽게 줄인다.
#
# </details>
#
# **4.** `P_DROP = 0.9`로 두고 5절을 다시 실행해 보자. 평균이 여전히 *h*와 일치할까? 이번에는 신경망에
# 은닉층을 하나 더 넣어 `MLP([2, 64, 64, 3], …)`로 바꿔 보자. 학습 모드 점수의 평균이 평가할 때의 점수와
# 여전히 일치할까?
#
# <details><summary>답</summary>
#
# *p* = 0.9에서도 평균은 *h*와 일치한다. 다만 남은 원소가 *h*의 10배가 되어 출력이 훨씬 크게 흩어지므로,
# 같은 정밀도를 얻으려면 마스크를 더 많이 뽑아야 한다. 은닉층이 둘이면 대부분의 점에서 확인이 실패한다.
# 둘째 층의 ReLU는 일차 함수가 아니어서, 잡음 섞인 입력에 ReLU를 적용한 값의 평균이 평균에 ReLU를 적용한
# 값과 같지 않기 때문이다. 따라서 모든 유닛을 써서 평가한 결과는 솎아 낸 신경망 전체의 평균에 대한
# 근사일 뿐이다. 이 장의 [앙상블로 본 드롭아웃](../../losses-and-regularization/#dropout-ensemble) 절에서 바로
# 이 점을 다룬다.
#
# </details>
#
# **5.** 6절에서 `max_norm=0.5`와 `max_norm=10`을 넣어 보자. 어떻게 될까?
#
# <details><summary>답</summary>
#
# *c* = 0.5이면 제약이 너무 엄격하다. 나선을 가르는 데 필요한 크기까지 가중치가 자라지 못해 학습 손실이
# 높게 머문다(과소적합). *c* = 10이면 학습 초반에는 제약이 거의 작동하지 않아서, 손실이 튀어 오르는 등
# 제약이 없을 때와 비슷하게 진행된다. 벌점의 규제 세기 λ처럼 *c*도 검증 세트에서 고르는
# 하이퍼파라미터이며, 문헌에서는 3에서 4 사이의 값을 흔히 쓴다.
#
# </details>
