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
# 역전파(backpropagation)는 기울기(gradient)를 입력 쪽으로 보내면서 층(layer)을 하나 지날 때마다 인수를
# 하나씩 곱한다. 그래서 전형적인 인수가 1보다 작으면 기울기가 사라지고(기울기 소실), 1보다 크면
# 폭발한다(기울기 폭발). 이 노트북에서는 두 가지를 해 본다.
#
# 1. 초기화 직후의 깊은 신경망 네 개에서 은닉층마다 도착하는 기울기를 측정해
#    [기울기 흐름](../../gradient-flow/) 장의 첫 그림을 다시 그린다.
# 2. 신경망을 더 깊게 만들고, 어느 신경망이 여전히 첫 층까지 쓸 만한 기울기를 전달하는지 살펴본다.
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
# ## 1. 초기화 직후의 은닉층 10개
#
# 데이터는 장에서 MNIST 대신 쓴 합성 데이터(`digit_standin`)다. 샘플은 1000개이고, 샘플마다 $[0, 1]$
# 범위의 값이 784개 있으며, 클래스는 10개다. 신경망마다 유닛 100개짜리 은닉층과 출력 10개가 있고, 손실은
# 소프트맥스 교차 엔트로피, 편향은 0이다. 순전파(forward pass)와 역전파를 한 번씩 하면 모든 편향 벡터의
# 기울기를 얻는다. 그 노름(norm) $\lVert\partial L/\partial b_l\rVert$를 보면 층 $l$이 얼마나 세게
# 밀리는지 알 수 있다. 활성화 함수마다 그 함수에 맞게 설계된 초기화를 쓰고(시그모이드와 tanh에는 Xavier,
# ReLU에는 He), 여기에 짝이 어긋난 경우를 하나 더한다. 분산이 He의 절반인 Xavier를 ReLU에 쓴 경우다.

# %%
from nnnotes import MLP, get_loss
from nnnotes.datasets import digit_standin
from nnnotes.monitoring import factor_toward_input

X, y = digit_standin(rng=np.random.default_rng(0))
cross_entropy = get_loss("softmax_cross_entropy")
SETTINGS = [("sigmoid", "xavier_normal"), ("tanh", "xavier_normal"), ("relu", "he_normal"), ("relu", "xavier_normal")]
INIT_NAMES = {"xavier_normal": "Xavier", "he_normal": "He"}
STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "v")]  # 설정마다 다른 선 모양과 표식


def bias_gradient_norms(activation, init, depth, width=100, seed=0):
    """새로 만든 신경망의 은닉층 l = 1, …, depth마다 계산한 ‖∂L/∂b_l‖ (인덱스 0이 입력 쪽 층)."""
    net = MLP([X.shape[1]] + [width] * depth + [10], activation, init=init, rng=np.random.default_rng(seed))
    _, dscores = cross_entropy(net.forward(X, train=True), y)
    grads = net.backward(dscores)
    return np.array([np.linalg.norm(grads[f"b{l}"]) for l in range(1, depth + 1)])


norms = {setting: bias_gradient_norms(*setting, depth=10) for setting in SETTINGS}
for (activation, init), g in norms.items():
    print(f"{activation:8s} {init:14s} 10층: {g[-1]:.1e}  1층: {g[0]:.1e}"
          f"  층마다 곱해지는 인수 {factor_toward_input(g):.3f}")


# %%
from matplotlib.ticker import FuncFormatter, MaxNLocator

POWERS_OF_TEN = FuncFormatter(lambda v, _: f"$10^{{{np.log10(v):.0f}}}$")  # 수식 글꼴에는 빼기 기호(−)가 있다


def plot_norms(ax, norms, title):
    for ((activation, init), g), (style, marker) in zip(norms.items(), STYLES):
        ax.plot(np.arange(1, len(g) + 1), g, linestyle=style, marker=marker, markersize=4,
                label=f"{activation}, {INIT_NAMES[init]}")
    g = norms[SETTINGS[0]]  # 시그모이드 신경망의 맨 위층에서 시작해 한 층 내려갈 때마다 1/4배가 되는 기준선
    layers = np.arange(1, len(g) + 1)
    ax.plot(layers, g[-1] * 0.25 ** (len(g) - layers), color="black", linewidth=0.8, linestyle=(0, (1, 3)),
            label="층마다 1/4배")
    ax.set(yscale="log", xlabel="은닉층 l (1 = 입력 쪽)", title=title,
           ylabel=r"$\|\partial L/\partial b_l\|$ (로그 축)")
    ax.yaxis.set_major_formatter(POWERS_OF_TEN)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)


fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, norms, "초기화 직후의 층별 기울기 (은닉층 10개)")
fig.tight_layout()
show(fig, f"초기화 직후 은닉층 10개(1층이 입력 쪽)의 층별 편향 기울기 노름을 로그 축에 그렸다. 선은 Xavier를 "
          f"쓴 시그모이드, Xavier를 쓴 tanh, He를 쓴 ReLU, Xavier를 쓴 ReLU이고, 점선은 층마다 1/4배가 되는 "
          f"기준선이다. 시그모이드 선은 점선을 따라 내려가서 1층의 기울기가 10층의 "
          f"{norms[SETTINGS[0]][0] / norms[SETTINGS[0]][-1]:.1e}배가 된다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 "
          f"평평하고, Xavier를 쓴 ReLU는 입력 쪽으로 갈수록 천천히 줄어든다.")

# %% [markdown]
# **확인.** 시그모이드의 도함수는 $1/4$을 넘지 않으므로, Xavier의 $n\,\mathrm{Var}(w) = 1$에서는 층을 하나
# 지날 때마다 기울기에 많아야 약 $1/4$이 곱해진다. 아홉 층을 내려가면 첫 층은 열 번째 층이 받는
# 기울기의 만분의 일도 받지 못한다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 인수가 1에 가깝다. Xavier를 쓴
# ReLU에서는 기울기가 층마다 약 $\sqrt{1/2} \approx 0.71$배로 줄어든다. ReLU가 유닛의 절반에서만
# 기울기를 전달하기 때문이다.

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
# 아래에서 `DEPTH`를 정하고 다시 측정한다. 시그모이드 층이 하나 늘 때마다 기울기가 약 4분의 1로 더
# 줄어들므로, 첫 층의 기울기는 몇 자릿수씩 떨어진다. 반면 Xavier를 쓴 tanh와 He를 쓴 ReLU는 깊이와
# 상관없이 평평하게 유지된다. 3, 20, 40도 넣어 보자.

# %%
# ✎ 바꿔 볼 값
DEPTH = 20  # 은닉층 수 (1절에서는 10개)

# %%
deep = {setting: bias_gradient_norms(*setting, depth=DEPTH) for setting in SETTINGS}
for (activation, init), g in deep.items():
    print(f"{activation:8s} {init:14s} 1층 / {DEPTH}층: {g[0] / g[-1]:.1e}"
          f"  층마다 곱해지는 인수 {factor_toward_input(g):.3f}")

fig, ax = plt.subplots(figsize=(7, 3))
plot_norms(ax, deep, f"초기화 직후의 층별 기울기 (은닉층 {DEPTH}개)")
fig.tight_layout()
show(fig, f"초기화 직후 은닉층 {DEPTH}개(1층이 입력 쪽)의 층별 편향 기울기 노름을 로그 축에 그렸다. 선은 "
          f"위와 같은 네 신경망이고, 점선은 층마다 1/4배가 되는 기준선이다. 시그모이드 선은 여전히 점선을 따라 "
          f"내려가서 1층 / {DEPTH}층의 비가 {deep[SETTINGS[0]][0] / deep[SETTINGS[0]][-1]:.1e}이다. Xavier를 쓴 "
          f"tanh와 He를 쓴 ReLU는 평평하고, Xavier를 쓴 ReLU는 입력 쪽으로 갈수록 꾸준히 줄어든다.")

# %% [markdown]
# **확인.** 깊이가 바뀌어도 층마다 곱해지는 인수는 그대로이고, 그 인수가 곱해지는 횟수만 달라진다.
# 시그모이드는 여전히 층마다 기울기가 약 4분의 1로 줄어든다. Xavier를 쓴 tanh와 He를 쓴 ReLU는 인수가
# 1에 가깝고, 모든 층의 기울기가 맨 위층의 5배 범위 안에 머문다.

# %%
deep_factors = {setting: factor_toward_input(g) for setting, g in deep.items()}
assert deep_factors[("sigmoid", "xavier_normal")] < 0.26
for setting in [("tanh", "xavier_normal"), ("relu", "he_normal")]:
    assert 0.8 < deep_factors[setting] < 1.25
    assert 0.2 < deep[setting].min() / deep[setting][-1] and deep[setting].max() / deep[setting][-1] < 5

# %% [markdown]
# ## 더 해 볼 것
#
# - He 초기화의 가중치에 2를 곱해 보자(`from nnnotes.init import he_normal` 뒤
#   `init=lambda shape, *, rng, dtype=np.float64: 2 * he_normal(shape, rng=rng, dtype=dtype)`).
#   이번에는 ReLU의 기울기가 입력 쪽으로 갈수록 커진다.
#
#   <details><summary>답</summary>
#
#   층을 하나 내려갈 때마다 기울기가 약 2배씩 커진다. 장에서 구한 인수
#   $r = \sqrt{n\,\mathrm{Var}(w)\,\mathbb{E}[f'(z)^2]}$가 예측하는 그대로다. 표준편차가 He의 두 배이면
#   분산은 네 배이므로 $r = \sqrt{4 \cdot 2 \cdot 1/2} = 2$이다. 은닉층이 10개이면 1층이 받는 기울기가
#   10층의 수백 배가 되고, 20개이면 약 $2 \times 10^5$배가 된다. ReLU는 그대로이고 가중치의 크기만
#   바뀌었을 뿐이다. `plot_norms`는 초기화의 이름을 찾아 범례를 붙이므로, 그림을 그리는 대신 수치를
#   출력해 보자.
#
#   ```python
#   from nnnotes.init import he_normal
#
#   def he_twice(shape, *, rng, dtype=np.float64):
#       return 2 * he_normal(shape, rng=rng, dtype=dtype)
#
#   g = bias_gradient_norms("relu", he_twice, depth=10)
#   print(f"{per_layer_factor(g):.2f} {g[0] / g[-1]:.0f}")
#   ```
#
#   </details>
#
# - 편향의 기울기 대신 $\lVert\partial L/\partial W_l\rVert$를 계산해 보자.
#
#   <details><summary>답</summary>
#
#   `bias_gradient_norms`에서 `grads[f"b{l}"]`를 `grads[f"W{l}"]`로 바꾸면 된다. 시그모이드 신경망은
#   전과 같이 층마다 약 1/4배가 된다. 가중치의 기울기는 $\partial L/\partial W_l = h_{l-1}^\top \delta_l$인데,
#   시그모이드의 출력 $h$는 모두 $1/2$ 근처에 있으므로 이 기울기는 $\delta_l$을 그대로 따라간다. 평평하던
#   신경망들에서는 이제 1층이 도드라진다. 1층의 입력은 유닛 100개짜리 은닉층이 아니라 값 784개로 된 데이터
#   자체이기 때문이다. 눈여겨볼 것은 Xavier를 쓴 ReLU다. 편향의 기울기는 입력 쪽으로 갈수록 줄어드는데
#   가중치의 기울기는 거의 평평하다. 순전파에서는 위층으로 올라갈수록 활성값 $h$가 층마다 줄어드는데, 그
#   비율이 $\delta$가 커지는 비율과 거의 같아서 곱 $h_{l-1}^\top \delta_l$에서는 두 변화가 서로 가려진다.
#   편향의 기울기는 $\delta_l$만 반영하므로 장에서는 이것을 측정했다.
#
#   </details>
#
# - 은닉층이 10개인 시그모이드 신경망을 `fit(..., record_stats=True)`로 몇 에포크 학습하고
#   `history.grad_norm`을 확인해 보자. 앞쪽 층이 뒤쪽 층을 따라잡는가?
#
#   <details><summary>답</summary>
#
#   따라잡지 못한다. 기본 학습률 0.1로 학습하면 1층 가중치의 기울기는 학습 내내 $10^{-6}$ 근처에 머물고,
#   10층의 기울기는 위쪽 층들이 맞출 수 있는 만큼 맞추면서 줄어든다. 두 값의 비는 커지지만, 아래층이
#   빨라져서가 아니라 위층이 느려졌기 때문이다. 손실은 $\ln 10 \approx 2.303$ 근처에 머물고 학습
#   정확도는 0.1 그대로다. 이 신경망은 모든 클래스에 확률 $1/10$을 주는 것 말고는 아무것도 배우지 못했다.
#
#   ```python
#   net = MLP([X.shape[1]] + [100] * 10 + [10], "sigmoid", init="xavier_normal",
#             rng=np.random.default_rng(0))
#   history = net.fit(X, y, lr=0.1, epochs=20, record_stats=True)
#   print(history.grad_norm[:, [0, 9]])
#   print(history.loss[-1], history.accuracy[-1])
#   ```
#
#   </details>
