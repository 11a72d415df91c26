"""Compute cost: measured times of forward + backward per element (they vary between machines
and runs) and operation counts."""

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

COST_ROWS = 512
COST_COLS = setting("activations.cost.fan_in", 256, fmt="d")
COST_REPEATS = 15
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
def activation_costs(names=COST_NAMES, rows=COST_ROWS, cols=COST_COLS, repeats=COST_REPEATS, *, seed=SEED):
    """Measured time of forward + backward per output element, in nanoseconds: dict name -> ns.

    ``time_costs`` run in a fresh Python process with one BLAS thread, so that the measurement
    does not depend on which process asks for it or how its NumPy was started; shared
    (``@shared``): the figure and the claims read one measurement.
    """
    env = {**os.environ, **ONE_BLAS_THREAD, "PYTHONPATH": os.pathsep.join(filter(None, sys.path))}
    script = f"import json, sys; from {__name__} import time_costs; print(json.dumps(time_costs(*json.loads(sys.argv[1]))))"
    call = json.dumps([list(names), rows, cols, repeats, seed])
    done = subprocess.run([sys.executable, "-c", script, call], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"timing the activations failed:\n{done.stderr}")
    return json.loads(done.stdout)


def time_costs(names, rows, cols, repeats, seed):
    """Time forward + backward per output element, in nanoseconds, in this process: dict name -> ns.

    Every function runs on x of shape (rows, cols) with an upstream gradient of ones. 'maxout' is
    a k = 2 Maxout layer cols → cols (its two affine pieces included); 'affine' is one fully
    connected layer cols → cols (x·W + b and its backward: three matrix products), for scale.
    Each op is warmed up 3 times, then the ops are timed in turn, ``repeats`` rounds, and the
    median of each op's times is divided by rows·cols. Timings differ between machines and runs
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
    for _ in range(repeats):
        for name, op in ops.items():
            start = time.perf_counter()
            op()
            times[name].append(time.perf_counter() - start)
    return {name: float(np.median(times[name])) * 1e9 / x.size for name in names}


@claim("activations.cost.elu_over_relu", fmt=".0f", expect=lambda v: v > 1.5)
def cost_elu_over_relu():
    """Measured: ELU (an exp on the negative side) costs clearly more than ReLU (a comparison);
    the figure's measurement."""
    costs = activation_costs()
    return costs["elu"] / costs["relu"]


@claim("activations.cost.sigmoid_over_relu", fmt=".1f", expect=lambda v: v > 1.0)
def cost_sigmoid_over_relu():
    """Measured: the sigmoid (an exp per entry) costs more than ReLU, but not by much; the
    figure's measurement."""
    costs = activation_costs()
    return costs["sigmoid"] / costs["relu"]


def affine_macs_per_output(d=COST_COLS, m=COST_COLS, n=COST_ROWS):
    """Multiply-adds per output element of a fully connected layer d → m, forward + backward:
    x·W (n·d·m), dout·Wᵀ (n·m·d) and xᵀ·dout (d·n·m), divided by the n·m outputs: 3·d."""
    return (n * d * m + n * m * d + d * n * m) // (n * m)


setting("activations.cost.affine_macs_per_output", affine_macs_per_output(), fmt="d")
