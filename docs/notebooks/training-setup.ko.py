# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 깊은 신경망의 초기화
#
# 입력이 $n$개인 유닛은 입력의 분산(variance)에 $n\,\mathrm{Var}(w)$를 곱해 내보낸다. 깊은 신경망에서는
# 이 인수가 층마다 한 번씩 곱해지므로, 처음 가중치의 크기에 따라 활성값(activation)이 0으로 줄어들지,
# 폭발할지, 크기를 유지할지가 정해진다. 이 노트북에서는 두 가지를 해 본다.
#
# 1. 은닉층이 10개인 신경망에 활성화 함수와 초기화(initialization)의 조합 다섯 가지로 배치 하나를
#    통과시켜, [학습 준비](../../training-setup/) 장에 있는 층별 표준편차 그림을 다시 그린다.
# 2. He 초기화의 가중치에 원하는 배율을 곱하고, 활성값이 층마다 정확히 그 배율만큼 커지거나 작아지는지
#    확인한다.
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
# ## 1. 초기화 다섯 가지, 순전파 한 번씩
#
# 입력은 $\mathcal{N}(0, 1)$에서 뽑은 값 500개로 된 샘플 500개다. 신경망마다 유닛 500개짜리 은닉층이
# 10개 있고 편향은 0이다. 순전파(forward pass)만 한 번 하고(계산은 더 빠르면서 여기서는 정밀도도 충분한
# float32로 한다), 은닉층마다 활성값의 표준편차를 `layer_statistics`로 구한다. 비교하는 설정은 다섯
# 가지다. 가중치가 $0.01\cdot\mathcal{N}(0, 1)$인 tanh(너무 작음)와 $1.0\cdot\mathcal{N}(0, 1)$인
# tanh(너무 큼), Xavier 초기화 $\mathrm{Var}(w) = 2/(n_\text{in} + n_\text{out})$를 쓴 tanh, 그리고 Xavier
# 초기화와 He 초기화 $\mathrm{Var}(w) = 2/n_\text{in}$를 각각 쓴 ReLU다.

# %%
from nnnotes import MLP, get_initializer
from nnnotes.monitoring import factor_toward_output, layer_statistics

DEPTH, WIDTH = 10, 500
X = np.random.default_rng(0).standard_normal((500, WIDTH), dtype=np.float32)
SETTINGS = {  # 범례 이름: (활성화 함수, 초기화 함수)
    "tanh, 0.01·N(0,1)": ("tanh", get_initializer("small_random", scale=0.01)),
    "tanh, 1.0·N(0,1)": ("tanh", get_initializer("small_random", scale=1.0)),
    "tanh, Xavier": ("tanh", get_initializer("xavier_normal")),
    "ReLU, Xavier": ("relu", get_initializer("xavier_normal")),
    "ReLU, He": ("relu", get_initializer("he_normal")),
}


def deep_net(activation, init, seed=1):
    return MLP([WIDTH] * (DEPTH + 1) + [10], activation, init=init, rng=np.random.default_rng(seed),
               dtype=np.float32)


nets = {label: deep_net(*setting) for label, setting in SETTINGS.items()}
stds = {label: np.array([s.std for s in layer_statistics(net, X)]) for label, net in nets.items()}
for label, s in stds.items():
    print(f"{label:18s} 표준편차 1층: {s[0]:.2e}  10층: {s[-1]:.2e}  층마다 곱해지는 인수 {factor_toward_output(s):.3f}")

# %%
from matplotlib.ticker import FuncFormatter

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 수식 글꼴에는 빼기 기호(−)가 있다
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v"), ((0, (5, 1, 1, 1)), "D")]
layers = np.arange(1, DEPTH + 1)

fig, ax = plt.subplots(figsize=(7, 3))
for (label, s), (style, marker) in zip(stds.items(), STYLES):
    ax.plot(layers, s, linestyle=style, marker=marker, markersize=4, label=label)
ax.set(yscale="log", xticks=layers, xlabel="은닉층", ylabel="활성값의 표준편차 (로그 축)",
       title="초기화 직후 층별 활성값의 표준편차")
ax.yaxis.set_major_formatter(POWERS_OF_TEN)
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"초기화 직후 은닉층 10개의 층별 활성값 표준편차를 로그 축에 그렸다. 선은 0.01·N(0,1)을 쓴 tanh, "
          f"1.0·N(0,1)을 쓴 tanh, Xavier를 쓴 tanh, Xavier를 쓴 ReLU, He를 쓴 ReLU이다. 0.01·N(0,1)에서는 "
          f"표준편차가 몇 자릿수씩 줄어 10층에서 {stds['tanh, 0.01·N(0,1)'][-1]:.1e}까지 떨어진다. 1.0·N(0,1)을 쓴 "
          f"tanh는 유닛이 포화되어 1 근처에 머문다. Xavier를 쓴 tanh와 ReLU는 꾸준히 줄어드는데 ReLU 쪽이 더 빨리 "
          f"줄고, He를 쓴 ReLU는 평평하다.")

# %% [markdown]
# **확인.** 가중치가 너무 작은 $0.01\cdot\mathcal{N}(0, 1)$에서는 tanh 층을 지날 때마다 표준편차에
# $0.01\sqrt{500} \approx 0.22$가 곱해지므로(tanh는 0 근처에서 항등 함수에 가깝다) 몇 자릿수씩
# 떨어진다. 가중치가 너무 큰 $\mathcal{N}(0, 1)$에서는 모든 층에서 tanh 출력의 대부분이 평평한 양 끝,
# 즉 $|h| > 0.99$인 곳에 몰린다. 유닛이 포화(saturation)된 것이다. Xavier를 쓴 ReLU는 필요한 분산의
# 절반밖에 갖지 못해 층마다 약 $\sqrt{1/2} \approx 0.71$배로 줄어든다. He를 쓴 ReLU는 10개 층 전체에서
# 표준편차가 2배 범위를 벗어나지 않는다.

# %%
factor = {label: factor_toward_output(s) for label, s in stds.items()}
small = stds["tanh, 0.01·N(0,1)"]
saturated = [np.mean(np.abs(h) > 0.99) for _, h in nets["tanh, 1.0·N(0,1)"].hidden_layers(X)]
print(f"0.01·N(0,1): 10층 / 1층 = {small[-1] / small[0]:.1e};"
      f"  1.0·N(0,1): 가장 덜 포화된 층에서 포화된 출력의 비율 {min(saturated):.2f}")

assert abs(factor["tanh, 0.01·N(0,1)"] - 0.01 * np.sqrt(WIDTH)) < 0.1 * 0.01 * np.sqrt(WIDTH)
assert small[-1] / small[0] < 1e-4
assert min(saturated) > 0.85
assert 0.62 < factor["ReLU, Xavier"] < 0.8
he = stds["ReLU, He"]
assert he.max() / he.min() < 2

# %% [markdown]
# ## 2. 직접 해 보기: He 가중치의 배율 바꾸기
#
# ReLU 신경망의 모든 가중치에 `GAIN`을 곱한다. 그러면 $\mathrm{Var}(w)$가 He 초기화의 $2/n$보다
# $\mathrm{GAIN}^2$배 커지므로, 층을 하나 지날 때마다 활성값의 분산은 $\mathrm{GAIN}^2$배, 표준편차는
# `GAIN`배가 되고, 아홉 층을 지나면 $\mathrm{GAIN}^9$배가 된다. `GAIN = 1`이면 He 초기화 그대로이고, 이
# 신경망처럼 정사각 층에서는 $\sqrt{1/2}$이 Xavier 초기화, $0.01\sqrt{500/2} \approx 0.16$이
# $0.01\cdot\mathcal{N}(0, 1)$에 해당한다. 0.5, 1, 2도 넣어 보자.

# %%
# ✎ 바꿔 볼 값
GAIN = 1.5  # 가중치 = GAIN × He 초기화의 가중치

# %%
from nnnotes.init import he_normal


def scaled_he(shape, *, rng, dtype=np.float64):
    return (GAIN * he_normal(shape, rng=rng, dtype=dtype)).astype(dtype)


scaled = np.array([s.std for s in layer_statistics(deep_net("relu", scaled_he), X)])
measured = factor_toward_output(scaled)
print(f"GAIN = {GAIN:g}: 층마다 곱해지는 인수 {measured:.3f}, 10층 / 1층 = {scaled[-1] / scaled[0]:.3g}"
      f" (예측 {GAIN ** (DEPTH - 1):.3g})")

fig, ax = plt.subplots(figsize=(7, 2.8))
ax.plot(layers, he, linestyle="--", marker="s", markersize=4, color=PALETTE[0], label="He 초기화 (GAIN = 1)")
ax.plot(layers, scaled, linestyle="-", marker="o", markersize=4, color=PALETTE[4], label=f"GAIN = {GAIN:g}, 측정값")
ax.plot(layers, scaled[0] * GAIN ** (layers - 1), linestyle=":", color="black", label=r"1층 × GAIN$^{l-1}$")
ax.set(yscale="log", xticks=layers, xlabel="은닉층 l", ylabel="활성값의 표준편차 (로그 축)",
       title="층을 지날 때마다 크기에 GAIN이 곱해진다")
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"초기화 직후 은닉층별 활성값의 표준편차를 로그 축에 그렸다. 파선은 He 초기화를 쓴 ReLU(GAIN = 1), "
          f"실선은 He 가중치에 GAIN을 곱한 ReLU(GAIN = {GAIN:g}), 점선은 예측값 1층 × GAIN^(l−1)이다. He의 선은 "
          f"평평하고, GAIN을 곱한 선은 층마다 {measured:.2f}배씩 바뀌며 예측을 따라간다.")

# %% [markdown]
# **확인.** 측정한 층마다의 인수는 `GAIN`과 10% 안에서 일치하고, 10층의 표준편차는 예측값인 1층의
# $\mathrm{GAIN}^9$배와 2배 범위 안에서 맞는다.

# %%
assert abs(measured - GAIN) < 0.1 * GAIN
assert 0.5 < (scaled[-1] / scaled[0]) / GAIN ** (DEPTH - 1) < 2

# %% [markdown]
# ## 더 해 볼 것
#
# 문제마다 아래에 답을 접어 두었다. 먼저 직접 해 본 다음 펼쳐 보자.
#
# **1.** 2절에서 `"tanh"`를 써 보자(`deep_net("tanh", scaled_he)`). 활성값이 커져도 인수가 여전히
# `GAIN`일까?
#
# <details><summary>답</summary>
#
# 그렇지 않다. 활성값이 작을 때조차 인수는 `GAIN`이 아니다. tanh는 0 근처에서 항등 함수에 가까우므로 층
# 하나가 표준편차에 $\mathrm{GAIN}\cdot\sqrt{2}$를 곱한다. He 초기화의 가중치에는 음수 절반을 잃는 ReLU에만
# 필요한 인수 2가 들어 있기 때문이다. `GAIN = 0.5`이면 층마다 약 0.7배가 된다. 활성값이 1 정도에 이르면
# tanh가 포화한다. 출력이 $(-1, 1)$을 벗어날 수 없으므로 표준편차는 더 커지지 못하고 1보다 작은 어떤
# 값(`GAIN = 1.5`이면 약 0.75)에 머물며, 층마다의 인수는 1에 가까워진다. "크기가 층마다 일정한 배율로
# 변한다"는 규칙은 입력이 놓이는 범위에서 선형이거나, ReLU처럼 구간별로 선형인 유닛에서만 성립한다. 확인
# 셀은 실패한다.
#
# </details>
#
# **2.** `WIDTH = 100`으로 바꿔 보자. $0.01\cdot\mathcal{N}(0, 1)$의 인수는 $0.01\sqrt{100}$이 되지만,
# Xavier와 He는 너비에 맞춰 가중치 크기를 정하므로 인수가 그대로다.
#
# <details><summary>답</summary>
#
# $0.01\cdot\mathcal{N}(0, 1)$의 인수는 약 0.22에서 약 0.1로 떨어지므로, 아홉 층을 지나면 활성값이 훨씬
# 더 작아진다. Xavier와 He는 무작위 신경망의 흔들림 정도를 빼면 유닛이 500개일 때와 같은 인수를 출력한다.
# 분산이 $1/n$이나 $2/n$이어서 $n\,\mathrm{Var}(w)$가 너비에 의존하지 않기 때문이며, 입력 수로 크기를
# 맞추는 까닭이 바로 여기에 있다. $1.0\cdot\mathcal{N}(0, 1)$은 여전히 포화한다. 입력의 표준편차
# $\sqrt{100} = 10$도 tanh의 평평한 꼬리 깊숙이 들어가는 값이기 때문이다.
#
# </details>
#
# **3.** 같은 신경망들의 기울기를 `net.backward`로 계산해 보자(층별 기울기 실습 참고).
#
# <details><summary>답</summary>
#
# 장의 "같은 신경망에서의 기울기" 절처럼, 모든 신경망에 같은 무작위 기울기를 점수 쪽에서 넣고 역전파를 한
# 번씩 한다.
#
# ```python
# G = np.random.default_rng(0).standard_normal((500, 10)).astype(np.float32) / 500
# for label, net in nets.items():
#     net.forward(X, train=True)
#     grads = net.backward(G)
#     print(f"{label:18s}", [f"{np.linalg.norm(grads[f'W{l}']):.1e}" for l in (1, DEPTH)])
# ```
#
# 장의 그림과 같은 모습이 나온다. $0.01\cdot\mathcal{N}(0, 1)$에서는 1층과 10층의 가중치 기울기가 비슷한
# 크기지만 둘 다 아주 작아서, 신경망 전체가 거의 학습하지 못한다. $1.0\cdot\mathcal{N}(0, 1)$에서는 1층의
# 기울기가 10층의 기울기보다 몇 자릿수나 크다. 입력 쪽으로 갈수록 기울기가 폭발하는 것이다. tanh에
# Xavier, ReLU에 He를 쓰면 두 기울기가 비슷하고 쓸 만한 크기다. (작은 가중치에서 입력 쪽으로 갈수록
# 사라지는 것은 각 층에 도달하는 기울기 `grads[f"b{l}"]`이다. 가중치 기울기는 사라지지 않는데, 도달하는
# 기울기가 작아지는 만큼 그 층의 입력이 커지기 때문이다.)
#
# </details>
