# ---
# jupyter:
#   kernelspec:
#     name: python3
#     display_name: Python 3
#     language: python
# ---

# %% [markdown]
# # 실습: 층별 기울기
#
# 역전파(backpropagation)는 기울기(gradient)를 입력 쪽으로 보내면서 층(layer)마다 인수 하나씩을
# 곱한다. 전형적인 인수가 1보다 작으면 기울기가 사라지고(기울기 소실), 1보다 크면 폭발한다(기울기
# 폭발). 이 노트북에서는 다음을 직접 해 본다.
#
# 1. 초기화 직후의 깊은 신경망 네 개에서 은닉층마다 도착하는 기울기를 재어,
#    [기울기 흐름](../../gradient-flow/) 장의 첫 그림을 다시 그린다.
# 2. 신경망을 더 깊게 만들고, 어느 신경망이 여전히 첫 층까지 쓸 만한 기울기를 보내는지 본다.
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
# ## 1. 초기화 직후의 은닉층 10개
#
# 데이터는 장에서 MNIST 대신 쓴 합성 데이터(`digit_standin`)다. 샘플 1000개, 샘플마다 $[0, 1]$ 범위의
# 값 784개, 클래스 10개다. 신경망마다 유닛 100개짜리 은닉층과 출력 10개가 있고, 손실은 소프트맥스
# 교차 엔트로피, 편향은 0이다. 순전파(forward pass)와 역전파를 한 번씩 하면 모든 편향 벡터의 기울기가
# 나온다. 그 노름(norm) $\lVert\partial L/\partial b_l\rVert$는 층 $l$이 얼마나 세게 밀리는지를
# 말해 준다. 활성화 함수마다 그 함수를 위해 만든 초기화를 쓴다(시그모이드와 tanh에는 Xavier, ReLU에는
# He). 여기에 어긋난 짝 하나를 더한다. He의 절반인 분산을 주는 Xavier를 ReLU에 쓴 경우다.

# %%
from nnnotes import MLP, get_loss
from nnnotes.datasets import digit_standin
from nnnotes.monitoring import factor_toward_input

X, y = digit_standin(rng=np.random.default_rng(0))
cross_entropy = get_loss("softmax_cross_entropy")
SETTINGS = [("sigmoid", "xavier_normal"), ("tanh", "xavier_normal"), ("relu", "he_normal"), ("relu", "xavier_normal")]
INIT_NAMES = {"xavier_normal": "Xavier", "he_normal": "He"}
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v")]  # 설정마다 선 모양과 표식


def bias_gradient_norms(activation, init, depth, width=100, seed=0):
    """새로 만든 신경망의 은닉층 l = 1 … depth마다 ‖∂L/∂b_l‖ (인덱스 0 = 입력 쪽 층)."""
    net = MLP([X.shape[1]] + [width] * depth + [10], activation, init=init, rng=np.random.default_rng(seed))
    _, dscores = cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(1, depth + 1)])


norms = {setting: bias_gradient_norms(*setting, depth=10) for setting in SETTINGS}
for (activation, init), g in norms.items():
    print(f"{activation:8s} {init:14s} 10층: {g[-1]:.1e}  1층: {g[0]:.1e}"
          f"  층당 인수 {factor_toward_input(g):.3f}")


# %%
from matplotlib.ticker import FuncFormatter, MaxNLocator

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 수식 글꼴에는 빼기 기호가 있다


def plot_norms(ax, norms, title):
    for ((activation, init), g), (style, marker) in zip(norms.items(), STYLES):
        ax.plot(np.arange(1, len(g) + 1), g, linestyle=style, marker=marker, markersize=4,
                label=f"{activation}, {INIT_NAMES[init]}")
    g = norms[SETTINGS[0]]  # 시그모이드 신경망: 맨 위층에서 시작해 한 층 내려갈 때마다 × 1/4인 기준선
    layers = np.arange(1, len(g) + 1)
    ax.plot(layers, g[-1] * 0.25 ** (len(g) - layers), color="black", linewidth=0.8, linestyle=(0, (1, 3)),
            label="층마다 × 1/4")
    ax.set(yscale="log", xlabel="은닉층 l (1 = 입력 쪽)", title=title,
           ylabel=r"$\|\partial L/\partial b_l\|$ (로그 축)")
    ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)


fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, norms, "초기화 직후 층별 기울기, 은닉층 10개")
fig.tight_layout()
show(fig, f"은닉층 10개(1층이 입력 쪽)에서 초기화 직후 층별 편향 기울기의 노름을 로그 축에 그린 것으로, "
          f"Xavier를 쓴 시그모이드, Xavier를 쓴 tanh, He를 쓴 ReLU, Xavier를 쓴 ReLU와 층마다 1/4씩 줄어드는 "
          f"점선이 있다. 시그모이드 선은 점선을 따라 내려가 1층의 기울기가 10층의 "
          f"{norms[SETTINGS[0]][0] / norms[SETTINGS[0]][-1]:.1e}배가 되고, Xavier를 쓴 tanh와 He를 쓴 ReLU는 "
          f"평평하며, Xavier를 쓴 ReLU는 입력 쪽으로 천천히 줄어든다.")

# %% [markdown]
# **확인.** 시그모이드의 도함수는 $1/4$을 넘지 않으므로, Xavier의 $n\,\mathrm{Var}(w) = 1$에서는
# 층마다 기울기에 많아야 약 $1/4$이 곱해진다. 아홉 층을 내려가면 첫 층은 열 번째 층이 받는 기울기의
# 만분의 일도 받지 못한다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 인수가 1에 가깝다. Xavier를 쓴 ReLU는
# 층마다 약 $\sqrt{1/2} \approx 0.71$배로 줄어든다. ReLU는 유닛의 절반에서만 기울기를 전달하기
# 때문이다.

# %%
factors = {setting: factor_toward_input(g) for setting, g in norms.items()}
sigmoid = norms[("sigmoid", "xavier_normal")]
print(f"시그모이드: 1층의 기울기는 10층의 {sigmoid[0] / sigmoid[-1]:.1e}배")

assert 0.15 < factors[("sigmoid", "xavier_normal")] < 0.26
assert sigmoid[0] / sigmoid[-1] < 1e-4
assert 0.8 < factors[("tanh", "xavier_normal")] < 1.25
assert 0.8 < factors[("relu", "he_normal")] < 1.25
assert 0.6 < factors[("relu", "xavier_normal")] < 0.85

# %% [markdown]
# ## 2. 직접 해 보기: 신경망을 더 깊게
#
# 아래 `DEPTH`를 정하고 다시 잰다. 시그모이드 층이 하나 늘 때마다 기울기가 약 4배씩 더 줄어들므로
# 첫 층의 기울기는 몇 자릿수씩 떨어져야 한다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 깊이와 상관없이
# 평평하게 유지되어야 한다. 3, 20, 40도 넣어 본다.

# %%
# ✎ 이 값을 바꿔 본다
DEPTH = 20  # 은닉층 수 (1절에서는 10)

# %%
deep = {setting: bias_gradient_norms(*setting, depth=DEPTH) for setting in SETTINGS}
for (activation, init), g in deep.items():
    print(f"{activation:8s} {init:14s} 1층 / {DEPTH}층: {g[0] / g[-1]:.1e}"
          f"  층당 인수 {factor_toward_input(g):.3f}")

fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, deep, f"초기화 직후 층별 기울기, 은닉층 {DEPTH}개")
fig.tight_layout()
show(fig, f"은닉층 {DEPTH}개(1층이 입력 쪽)에서 초기화 직후 층별 편향 기울기의 노름을 로그 축에 그린 것으로, "
          f"선은 위와 같은 네 신경망과 층마다 1/4씩 줄어드는 점선이다. 시그모이드 선은 여전히 점선을 따라 내려가 "
          f"1층 / {DEPTH}층의 비율이 {deep[SETTINGS[0]][0] / deep[SETTINGS[0]][-1]:.1e}이고, Xavier를 쓴 tanh와 "
          f"He를 쓴 ReLU는 평평하며, Xavier를 쓴 ReLU는 입력 쪽으로 꾸준히 줄어든다.")

# %% [markdown]
# **확인.** 깊이는 층당 인수를 바꾸지 않는다. 그 인수가 곱해지는 횟수를 바꿀 뿐이다. 시그모이드는
# 여전히 층마다 약 4배씩 잃는다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 인수가 1에 가깝고, 모든 층이 맨
# 위층의 5배 범위 안에 머문다.

# %%
deep_factors = {setting: factor_toward_input(g) for setting, g in deep.items()}
assert deep_factors[("sigmoid", "xavier_normal")] < 0.26
for setting in [("tanh", "xavier_normal"), ("relu", "he_normal")]:
    assert 0.8 < deep_factors[setting] < 1.25
    assert 0.2 < deep[setting].min() / deep[setting][-1] and deep[setting].max() / deep[setting][-1] < 5

# %% [markdown]
# ## 더 해 볼 것
#
# - He 초기화의 가중치에 2를 곱한다(`from nnnotes.init import he_normal` 뒤
#   `init=lambda shape, *, rng, dtype=np.float64: 2 * he_normal(shape, rng=rng, dtype=dtype)`).
#   이제 ReLU의 기울기는 입력 쪽으로 갈수록 커진다.
# - 편향의 기울기 대신 $\lVert\partial L/\partial W_l\rVert$를 잰다.
# - 은닉층 10개인 시그모이드 신경망을 `fit(..., record_stats=True)`로 몇 에포크 학습하고
#   `history.grad_norm`을 읽는다. 앞쪽 층이 따라잡는가?
