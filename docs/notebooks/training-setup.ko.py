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
# 입력이 $n$개인 유닛은 입력의 분산(variance)에 $n\,\mathrm{Var}(w)$를 곱한다. 깊은 신경망에서는 이
# 인수가 층마다 한 번씩 곱해지므로, 처음 가중치의 크기가 활성값(activation)이 0으로 줄어들지, 폭발할지,
# 크기를 유지할지를 정한다. 이 노트북에서는 다음을 직접 해 본다.
#
# 1. 은닉층 10개인 신경망에 활성화 함수와 초기화(initialization)의 조합 다섯 가지로 배치 하나를
#    통과시켜, [학습 준비](../../training-setup/) 장에 있는 층별 표준편차 그림을 다시 그린다.
# 2. He 초기화의 가중치에 원하는 배율을 곱하고, 활성값이 층마다 정확히 그 배율만큼 커지거나 작아지는지
#    확인한다.
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
# ## 1. 초기화 다섯 가지, 순전파 한 번씩
#
# 입력은 $\mathcal{N}(0, 1)$에서 뽑은 값 500개짜리 샘플 500개다. 신경망마다 유닛 500개짜리 은닉층이
# 10개 있고 편향은 0이다. 순전파(forward pass)만 한 번 하고(더 빠르면서 여기서는 충분히 정확한
# float32로 계산한다), 은닉층마다 활성값의 표준편차를 `layer_statistics`로 얻는다. 설정은 다음과 같다.
# 가중치가 $0.01\cdot\mathcal{N}(0, 1)$(너무 작음)과 $1.0\cdot\mathcal{N}(0, 1)$(너무 큼)인 tanh,
# Xavier 초기화 $\mathrm{Var}(w) = 2/(n_\text{in} + n_\text{out})$를 쓴 tanh, 그리고 Xavier와 He
# 초기화 $\mathrm{Var}(w) = 2/n_\text{in}$를 쓴 ReLU다.

# %%
from nnnotes import MLP, get_initializer
from nnnotes.monitoring import factor_toward_output, layer_statistics

DEPTH, WIDTH = 10, 500
X = np.random.default_rng(0).standard_normal((500, WIDTH), dtype=np.float32)
SETTINGS = {  # 레이블: (활성화 함수, 초기화 함수)
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
    print(f"{label:18s} 표준편차 1층: {s[0]:.2e}  10층: {s[-1]:.2e}  층당 인수 {factor_toward_output(s):.3f}")

# %%
from matplotlib.ticker import FuncFormatter

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 수식 글꼴에는 빼기 기호가 있다
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v"), ((0, (5, 1, 1, 1)), "D")]
layers = np.arange(1, DEPTH + 1)

fig, ax = plt.subplots(figsize=(7, 3))
for (label, s), (style, marker) in zip(stds.items(), STYLES):
    ax.plot(layers, s, linestyle=style, marker=marker, markersize=4, label=label)
ax.set(yscale="log", xticks=layers, xlabel="은닉층", ylabel="활성값의 표준편차 (로그 축)",
       title="초기화 직후 층별 표준편차")
ax.yaxis.set_major_formatter(POWERS_OF_TEN)
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"은닉층 10개에서 초기화 직후 층별 활성값의 표준편차를 로그 축에 그린 것으로, 선은 0.01·N(0,1)을 "
          f"쓴 tanh, 1.0·N(0,1)을 쓴 tanh, Xavier를 쓴 tanh, Xavier를 쓴 ReLU, He를 쓴 ReLU이다. 0.01·N(0,1)에서는 "
          f"표준편차가 자릿수 단위로 줄어 10층에서 {stds['tanh, 0.01·N(0,1)'][-1]:.1e}까지 떨어지고, "
          f"1.0·N(0,1)의 tanh는 유닛이 포화되어 1 근처에 머물며, Xavier를 쓴 tanh와 ReLU는 꾸준히 줄되 ReLU가 더 "
          f"빨리 줄고, He를 쓴 ReLU는 평평하다.")

# %% [markdown]
# **확인.** 너무 작으면: $0.01\cdot\mathcal{N}(0, 1)$에서는 tanh 층마다 표준편차에
# $0.01\sqrt{500} \approx 0.22$가 곱해지므로(tanh는 0 근처에서 거의 항등 함수다) 몇 자릿수씩 떨어진다.
# 너무 크면: $\mathcal{N}(0, 1)$에서는 모든 층에서 tanh 출력의 대부분이 평평한 양 끝, 곧 $|h| > 0.99$에
# 있다. 유닛이 포화(saturation)된 것이다. Xavier를 쓴 ReLU는 필요한 분산의 절반만 가져서 층마다 약
# $\sqrt{1/2} \approx 0.71$배로 줄어든다. He를 쓴 ReLU는 10개 층 전체에서 표준편차를 2배 범위 안에
# 유지한다.

# %%
factor = {label: factor_toward_output(s) for label, s in stds.items()}
small = stds["tanh, 0.01·N(0,1)"]
saturated = [np.mean(np.abs(h) > 0.99) for _, h in nets["tanh, 1.0·N(0,1)"].hidden_layers(X)]
print(f"0.01·N(0,1): 10층 / 1층 = {small[-1] / small[0]:.1e};"
      f"  1.0·N(0,1): 가장 덜 포화된 층의 포화 비율 {min(saturated):.2f}")

assert abs(factor["tanh, 0.01·N(0,1)"] - 0.01 * np.sqrt(WIDTH)) < 0.1 * 0.01 * np.sqrt(WIDTH)
assert small[-1] / small[0] < 1e-4
assert min(saturated) > 0.85
assert 0.62 < factor["ReLU, Xavier"] < 0.8
he = stds["ReLU, He"]
assert he.max() / he.min() < 2

# %% [markdown]
# ## 2. 직접 해 보기: He 가중치의 배율 바꾸기
#
# ReLU 신경망의 모든 가중치에 `GAIN`을 곱한다. 그러면 $\mathrm{Var}(w)$가 He 초기화의 $2/n$의
# $\mathrm{GAIN}^2$배가 되므로, 층마다 활성값의 분산은 $\mathrm{GAIN}^2$배, 표준편차는 `GAIN`배가 되고,
# 아홉 층을 지나면 $\mathrm{GAIN}^9$배가 되어야 한다.
# `GAIN = 1`은 He 초기화이고, 이 정사각 층들에서 $\sqrt{1/2}$은 Xavier 초기화,
# $0.01\sqrt{500/2} \approx 0.16$은 $0.01\cdot\mathcal{N}(0, 1)$이다. 0.5, 1, 2도 넣어 본다.

# %%
# ✎ 이 값을 바꿔 본다
GAIN = 1.5  # 가중치 = GAIN × He 초기화의 가중치

# %%
from nnnotes.init import he_normal


def scaled_he(shape, *, rng, dtype=np.float64):
    return (GAIN * he_normal(shape, rng=rng, dtype=dtype)).astype(dtype)


scaled = np.array([s.std for s in layer_statistics(deep_net("relu", scaled_he), X)])
measured = factor_toward_output(scaled)
print(f"GAIN = {GAIN:g}: 층당 인수 {measured:.3f}, 10층 / 1층 = {scaled[-1] / scaled[0]:.3g}"
      f" (예측 {GAIN ** (DEPTH - 1):.3g})")

fig, ax = plt.subplots(figsize=(7, 2.8))
ax.plot(layers, he, linestyle="--", marker="s", markersize=4, color=PALETTE[0], label="He 초기화 (GAIN = 1)")
ax.plot(layers, scaled, linestyle="-", marker="o", markersize=4, color=PALETTE[4], label=f"GAIN = {GAIN:g}, 측정값")
ax.plot(layers, scaled[0] * GAIN ** (layers - 1), linestyle=":", color="black", label=r"1층 × GAIN$^{l-1}$")
ax.set(yscale="log", xticks=layers, xlabel="은닉층 l", ylabel="활성값의 표준편차 (로그 축)",
       title="층마다 크기에 GAIN이 곱해진다")
ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
fig.tight_layout()
show(fig, f"초기화 직후 은닉층별 활성값의 표준편차를 로그 축에 그린 것으로, He 초기화를 쓴 ReLU(GAIN = 1, "
          f"파선), He 가중치의 GAIN = {GAIN:g}배를 쓴 ReLU(실선), 예측값 1층 × GAIN^(l−1)(점선)이 있다. He의 선은 "
          f"평평하고, GAIN을 곱한 선은 층마다 {measured:.2f}배씩 바뀌며 예측을 따라간다.")

# %% [markdown]
# **확인.** 측정한 층당 인수는 `GAIN`과 10% 안에서 일치하고, 10층의 표준편차는 예측값인 1층의
# $\mathrm{GAIN}^9$배와 2배 범위 안에서 맞는다.

# %%
assert abs(measured - GAIN) < 0.1 * GAIN
assert 0.5 < (scaled[-1] / scaled[0]) / GAIN ** (DEPTH - 1) < 2

# %% [markdown]
# ## 더 해 볼 것
#
# - 2절에서 `"tanh"`를 쓴다. 활성값이 커져도 인수가 여전히 `GAIN`인가?
# - `WIDTH = 100`으로 바꾼다. $0.01\cdot\mathcal{N}(0, 1)$의 인수는 $0.01\sqrt{100}$이 되지만, Xavier와
#   He는 너비에 맞춰 가중치 크기를 정하므로 인수가 그대로다.
# - 같은 신경망들의 기울기를 `net.backward`로 잰다(층별 기울기 실습 참고).
