"""Time nnnotes against PyTorch (CPU), side by side, when PyTorch is importable.

Rows: one SGD training step (forward + backward + update) of an MLP 784-256-256-10 with ReLU
at batch 128, then forward + backward of each activation on 10^6 entries; in float32 and
float64. Each time is the median of repeated runs after a warm-up; the two libraries are timed in
alternating blocks so that machine noise hits both alike. Not a test: it prints a table.

Usage: python scripts/bench_nnnotes.py [--repeats N] [--threads N]
"""

import argparse
import itertools
import os
import statistics
import sys
import time


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=100, help="timed runs of the MLP step (activations: 20)")
    parser.add_argument("--threads", type=int, help="threads for both libraries (default: each library's own)")
    return parser.parse_args(argv)


ARGS = parse_args(sys.argv[1:]) if __name__ == "__main__" else None
if ARGS is not None and ARGS.threads:
    # OpenBLAS reads its thread count once, when numpy is imported
    os.environ["OPENBLAS_NUM_THREADS"] = os.environ["OMP_NUM_THREADS"] = str(ARGS.threads)

import numpy as np  # noqa: E402

from nnnotes import MLP, SGD, get_activation  # noqa: E402
from nnnotes.activations import prelu_backward, prelu_forward  # noqa: E402
from nnnotes.losses import softmax_cross_entropy  # noqa: E402

try:
    import torch
except ImportError:
    torch = None

SIZES = [784, 256, 256, 10]
BATCH = 128
N_ELEMENTS = 10**6
ELEMENTWISE = ("sigmoid", "tanh", "relu", "leaky_relu", "elu")
DTYPES = ("float32", "float64")


def timings(fn, repeats):
    """Wall-clock seconds of ``repeats`` calls of ``fn``, one by one."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def compare(ours, theirs, repeats, rounds=5, warmup=3):
    """Median seconds of ``ours`` and ``theirs`` (None without PyTorch), timed in alternating
    blocks so that a busy moment of the machine hits both sides alike."""
    runs = [fn for fn in (ours, theirs) if fn is not None]
    samples = [[] for _ in runs]
    for fn in runs:
        timings(fn, warmup)
    for _ in range(rounds):
        for fn, kept in zip(runs, samples, strict=True):
            kept += timings(fn, max(1, repeats // rounds))
    medians = [statistics.median(kept) for kept in samples]
    return medians[0], (medians[1] if theirs is not None else None)


def numpy_mlp_step(dtype):
    rng = np.random.default_rng(0)
    net = MLP(SIZES, activation="relu", rng=rng, dtype=dtype)
    optimizer = SGD(lr=0.01)
    x = rng.standard_normal((BATCH, SIZES[0]), dtype=dtype)
    y = rng.integers(0, SIZES[-1], BATCH)

    def step():
        scores = net.forward(x, train=True)
        _, dscores = softmax_cross_entropy(scores, y)
        grads = net.backward(dscores)
        optimizer.step(net.parameters(), grads)
        return scores, grads

    scores, grads = step()
    kept = {scores.dtype, *(g.dtype for g in grads.values()), *(p.dtype for p in net.parameters().values())}
    assert kept == {np.dtype(dtype)}, f"a {dtype} step produced dtypes {kept}"
    return step


def numpy_activation(name, dtype):
    x = np.random.default_rng(0).standard_normal(N_ELEMENTS, dtype=dtype)
    dout = np.ones_like(x)
    if name == "prelu":
        x = x.reshape(1000, 1000)
        alpha = np.full(1000, 0.25, dtype)

        def run():
            _, cache = prelu_forward(x, alpha)
            return prelu_backward(dout.reshape(1000, 1000), cache)

        return run
    act = get_activation(name)

    def run():
        out, cache = act.forward(x)
        dx = act.backward(dout, cache)
        assert out.dtype == dx.dtype == x.dtype, f"{name} changed the dtype {x.dtype}"
        return dx

    return run


def torch_mlp_step(dtype):
    torch.manual_seed(0)
    layers = []
    for i, (fan_in, fan_out) in enumerate(itertools.pairwise(SIZES)):
        layers.append(torch.nn.Linear(fan_in, fan_out, dtype=getattr(torch, dtype)))
        if i < len(SIZES) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.01)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.randn(BATCH, SIZES[0], dtype=getattr(torch, dtype))
    y = torch.randint(0, SIZES[-1], (BATCH,))

    def step():
        optimizer.zero_grad()
        loss_fn(net(x), y).backward()
        optimizer.step()

    return step


def torch_activation(name, dtype):
    functions = {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": torch.relu,
        "leaky_relu": lambda t: torch.nn.functional.leaky_relu(t, 0.01),
        "elu": lambda t: torch.nn.functional.elu(t, 1.0),
    }
    x = torch.randn(N_ELEMENTS, dtype=getattr(torch, dtype)).requires_grad_()
    dout = torch.ones_like(x)
    if name == "prelu":
        x = torch.randn(1000, 1000, dtype=getattr(torch, dtype)).requires_grad_()
        alpha = torch.full((1000,), 0.25, dtype=getattr(torch, dtype)).requires_grad_()
        dout = dout.reshape(1000, 1000)
        functions["prelu"] = lambda t: torch.nn.functional.prelu(t, alpha)
    f = functions[name]

    def run():
        x.grad = None
        f(x).backward(dout)

    return run


def main(args):
    if torch is not None and args.threads:
        torch.set_num_threads(args.threads)
    rows = [("MLP 784-256-256-10 step, batch 128", numpy_mlp_step, torch_mlp_step, args.repeats)]
    rows += [(f"{name} fwd+bwd, 10^6", _bind(numpy_activation, name), _bind(torch_activation, name), 20)
             for name in (*ELEMENTWISE, "prelu")]
    header = f"{'case':<36} {'dtype':<8} {'nnnotes ms':>11}"
    if torch is not None:
        header += f" {'torch ms':>9} {'ratio':>6}"
        print(f"numpy {np.__version__}, torch {torch.__version__} ({torch.get_num_threads()} threads)")
    else:
        print(f"numpy {np.__version__}; PyTorch not importable: nnnotes times only")
    blas_env = {key: os.environ.get(key, "unset") for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS")}
    print(", ".join(f"{key}={value}" for key, value in blas_env.items()))
    print(header)
    print("-" * len(header))
    for label, make_numpy, make_torch, repeats in rows:
        for dtype in DTYPES:
            theirs = make_torch(dtype) if torch is not None else None
            ours_s, theirs_s = compare(make_numpy(dtype), theirs, repeats)
            line = f"{label:<36} {dtype:<8} {ours_s * 1e3:>11.2f}"
            if theirs is not None:
                line += f" {theirs_s * 1e3:>9.2f} {ours_s / theirs_s:>6.2f}"
            print(line, flush=True)


def _bind(make, name):
    return lambda dtype: make(name, dtype)


if __name__ == "__main__":
    main(ARGS)
