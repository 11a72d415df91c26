"""Compute cost: measured times of forward + backward per element and operation counts.

Timings vary between machines, runs and the machine's load, so the prose states no single run's
ratio: it states bounds on the ratio to ReLU and in how many of COST_ROUNDS rounds (each a median
of COST_REPEATS runs) they held; the figure draws the same rounds (median and range)."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time

import numpy as np

from ...activations import _lookup, maxout_backward, maxout_forward, prelu_backward, prelu_forward
from ...init import get_initializer
from ...layers import affine_backward, affine_forward
from ..claims import claim, setting
from ..shared import shared
from . import SEED

COST_ROWS = setting("activations.cost.rows", 512, fmt="d")
COST_COLS = setting("activations.cost.fan_in", 256, fmt="d")
COST_REPEATS = setting("activations.cost.repeats", 15, fmt="d")  # runs per round, median taken
COST_ROUNDS = setting("activations.cost.rounds", 5, fmt="d")
# Bounds on the time over ReLU's, chosen well clear of what was measured, so that a round disturbed
# by the machine's load does not flip a verdict. In 95 rounds (Dec 6, 40 of them with the other
# core busy): Leaky ReLU 0.70–1.17, PReLU and ELU 2.33–3.85, the sigmoid and tanh 1.06–1.99 (a
# bound of 1.5 on these failed in about one round in six, and with it a build now and then).
LIKE_BOUND = setting("activations.cost.like_bound", 2, fmt="g")  # "as cheap as ReLU, nearly": below it
PRELU_ELU_BOUND = setting("activations.cost.prelu_elu_bound", 2, fmt="g")  # at least this
LIKE_RELU = ("leaky_relu",)
PRELU_ELU = ("prelu", "elu")
SIGMOID_TANH = ("sigmoid", "tanh")  # longer than ReLU
ELEMENTWISE_COST = ("relu", "leaky_relu", "tanh", "sigmoid", "prelu", "elu")
COST_NAMES = ELEMENTWISE_COST + ("maxout", "affine")
ONE_BLAS_THREAD = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")


def _cost_ops(x, dout, names, rng):
    """name -> a zero-argument callable running one forward + backward pass on x, for ``names``."""
    ops = {}
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "elu"):
        # the unchecked pair the MLP's training loop runs (no argument checks)
        act = _lookup(name, {}, checked=False)
        ops[name] = functools.partial(lambda act: act.backward(dout, act.forward(x)[1]), act)
    alpha = np.full(x.shape[1], 0.25)
    ops["prelu"] = lambda: prelu_backward(dout, prelu_forward(x, alpha)[1])
    d = x.shape[1]
    W = get_initializer("xavier_normal")((2, d, d), rng=rng)
    b = np.zeros((2, d))
    ops["maxout"] = lambda: maxout_backward(dout, maxout_forward(x, W, b)[1])
    ops["affine"] = lambda: affine_backward(dout, affine_forward(x, W[0], b[0])[1])
    return {name: ops[name] for name in names}


@shared
def activation_costs(names=COST_NAMES, rows=COST_ROWS, cols=COST_COLS, repeats=COST_REPEATS, rounds=COST_ROUNDS,
                     *, seed=SEED):
    """Measured time of forward + backward per output element, in nanoseconds: dict name -> list
    of ``rounds`` values (each the median of ``repeats`` runs).

    ``time_costs`` run in a fresh Python process with one BLAS thread, so that the measurement
    does not depend on which process asks for it or how its NumPy was started; shared
    (``@shared``): the figure and the claims read one measurement.
    """
    env = {**os.environ, **ONE_BLAS_THREAD, "PYTHONPATH": os.pathsep.join(filter(None, sys.path))}
    script = f"import json, sys; from {__name__} import time_costs; print(json.dumps(time_costs(*json.loads(sys.argv[1]))))"
    call = json.dumps([list(names), rows, cols, repeats, seed, rounds])
    done = subprocess.run([sys.executable, "-c", script, call], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"timing the activations failed:\n{done.stderr}")
    return json.loads(done.stdout)


def time_costs(names, rows, cols, repeats, seed, rounds=1):
    """Time forward + backward per output element, in nanoseconds, in this process: dict name ->
    list of ``rounds`` values.

    Every function runs on x of shape (rows, cols) with an upstream gradient of ones. 'maxout' is
    a k = 2 Maxout layer cols → cols (its two affine pieces included); 'affine' is one fully
    connected layer cols → cols (x·W + b and its backward: three matrix products), for scale.
    Each op is warmed up 3 times, then the ops are timed in turn, ``rounds × repeats`` times;
    each round's value is the median of its ``repeats`` times divided by rows·cols. Timings differ between machines and runs
    (and the matrix products with the number of BLAS threads and the machine's load).
    """
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, cols))
    dout = np.ones((rows, cols))
    ops = _cost_ops(x, dout, names, rng)
    # Allocate and free one array larger than any temporary: glibc's malloc then raises its
    # mmap threshold, so the timed temporaries reuse heap memory instead of fresh pages
    # (page faults would otherwise add a few ns per element, more for functions that allocate more).
    np.ones(8 * x.size).sum()
    for _ in range(3):
        for op in ops.values():
            op()
    times = {name: [] for name in ops}
    for _ in range(rounds * repeats):
        for name, op in ops.items():
            start = time.perf_counter()
            op()
            times[name].append(time.perf_counter() - start)
    per_round = {name: np.median(np.reshape(times[name], (rounds, repeats)), axis=1) * 1e9 / x.size for name in names}
    return {name: [float(v) for v in per_round[name]] for name in names}


def ratios_to_relu():
    """Each op's time over ReLU's, round by round: dict name -> ndarray (COST_ROUNDS,)."""
    costs = activation_costs()
    relu = np.asarray(costs["relu"])
    return {name: np.asarray(values) / relu for name, values in costs.items()}


def rounds_where(names, holds):
    """In how many rounds ``holds(ratio)`` (vectorized over the rounds) is true for each of ``names``,
    ratio being its time over ReLU's."""
    ratios = ratios_to_relu()
    return int(np.count_nonzero(np.all([holds(ratios[name]) for name in names], axis=0)))


@claim("activations.cost.like_relu_rounds", fmt="d", expect=lambda v: v >= COST_ROUNDS - 1)
def cost_like_relu_rounds():
    """Rounds in which Leaky ReLU took less than LIKE_BOUND times ReLU's time (its forward is one
    np.where instead of one np.maximum). The page says "in v of COST_ROUNDS rounds"; one round may
    be disturbed by the machine's load."""
    return rounds_where(LIKE_RELU, lambda ratio: ratio < LIKE_BOUND)


@claim("activations.cost.prelu_elu_rounds", fmt="d", expect=lambda v: v >= COST_ROUNDS - 1)
def cost_prelu_elu_rounds():
    """Rounds in which PReLU and ELU each took at least PRELU_ELU_BOUND times ReLU's time (ELU's
    exponential; PReLU's extra passes over the array)."""
    return rounds_where(PRELU_ELU, lambda ratio: ratio >= PRELU_ELU_BOUND)


@claim("activations.cost.sigmoid_tanh_rounds", fmt="d", expect=lambda v: v >= COST_ROUNDS - 1)
def cost_sigmoid_tanh_rounds():
    """Rounds in which the sigmoid and tanh each took longer than ReLU (an exponential per entry)."""
    return rounds_where(SIGMOID_TANH, lambda ratio: ratio > 1)


@claim("activations.cost.affine_rounds", fmt="d", expect=lambda v: v >= COST_ROUNDS - 1)
def cost_affine_rounds():
    """Rounds in which the fully connected layer took longer than every elementwise function."""
    costs = activation_costs()
    affine = np.asarray(costs["affine"])
    return int(np.count_nonzero(np.all([affine > np.asarray(costs[name]) for name in ELEMENTWISE_COST], axis=0)))


def affine_macs_per_output(d=COST_COLS, m=COST_COLS, n=COST_ROWS):
    """Multiply-adds per output element of a fully connected layer d → m, forward + backward:
    x·W (n·d·m), dout·Wᵀ (n·m·d) and xᵀ·dout (d·n·m), divided by the n·m outputs: 3·d."""
    return (n * d * m + n * m * d + d * n * m) // (n * m)


setting("activations.cost.affine_macs_per_output", affine_macs_per_output(), fmt="d")
