"""Train mode and evaluation mode of batch normalization: the running averages, and how the
batch size spreads the train-mode output of one sample."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from ...batchnorm import BatchNormState, batchnorm_forward
from ..claims import claim, setting
from ..shared import shared
from . import SEED

# the feature stream whose statistics the running averages learn
RUNNING_MEAN = setting("training_setup.bnmode.true_mean", 3.0, fmt="g")
RUNNING_STD = setting("training_setup.bnmode.true_std", 2.0, fmt="g")
setting("training_setup.bnmode.true_var", RUNNING_STD**2, fmt="g")
RUNNING_BATCH = setting("training_setup.bnmode.batch", 32, fmt="d")
RUNNING_STEPS = setting("training_setup.bnmode.steps", 60, fmt="d")
# a fixed batch on which train and eval outputs are compared
RUNNING_PROBE = setting("training_setup.bnmode.probe", 256, fmt="d")
# the one sample whose train-mode output is followed
SPREAD_SAMPLE = setting("training_setup.bnmode.sample", 5.0, fmt="g")
SPREAD_SIZES = (2, 4, 8, 16, 32, 64, 128)
SPREAD_DRAWS = setting("training_setup.bnmode.draws", 200, fmt="d")


@dataclass(frozen=True)
class RunningRun:
    """The running averages of one batch-norm feature fed batches of N(RUNNING_MEAN, RUNNING_STD²).

    batch_mean, batch_var : ndarray of shape (S,), each step's batch mean and unbiased variance.
    running_mean, running_var : ndarray of shape (S + 1,), the state before step 1 … after step S.
    predicted_mean, predicted_var : ndarray of shape (S + 1,), μ + (1 − m)^n·(μ₀ − μ) with the
    true μ, σ² and the initial state μ₀ = 0, σ₀² = 1.
    gap : ndarray of shape (S + 1,), max |eval-mode output − train-mode output| on a fixed probe
    batch, with the state after each step.  momentum : m.
    """

    batch_mean: np.ndarray
    batch_var: np.ndarray
    running_mean: np.ndarray
    running_var: np.ndarray
    predicted_mean: np.ndarray
    predicted_var: np.ndarray
    gap: np.ndarray
    momentum: float


@functools.cache
def running_average_run(*, seed=SEED):
    """Feed RUNNING_STEPS batches of RUNNING_BATCH samples to nnnotes' batchnorm_forward (train
    mode, γ = 1, β = 0, one feature) and record its running state; a RunningRun."""
    rng = np.random.default_rng(seed + 3)
    gamma, beta = np.ones(1), np.zeros(1)
    state = BatchNormState.initial(1)
    probe = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((RUNNING_PROBE, 1))
    train_out, _, _ = batchnorm_forward(probe, gamma, beta, state, train=True)

    def gap(s):
        eval_out, _, _ = batchnorm_forward(probe, gamma, beta, s, train=False)
        return float(np.abs(eval_out - train_out).max())

    means, variances, gaps = [state.running_mean[0]], [state.running_var[0]], [gap(state)]
    batch_means, batch_vars = [], []
    for _ in range(RUNNING_STEPS):
        batch = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((RUNNING_BATCH, 1))
        batch_means.append(batch.mean())
        batch_vars.append(batch.var(ddof=1))
        _, _, state = batchnorm_forward(batch, gamma, beta, state, train=True)
        means.append(state.running_mean[0])
        variances.append(state.running_var[0])
        gaps.append(gap(state))
    m = state.momentum
    decay = (1 - m) ** np.arange(RUNNING_STEPS + 1)
    return RunningRun(np.array(batch_means), np.array(batch_vars), np.array(means), np.array(variances),
                      RUNNING_MEAN * (1 - decay), RUNNING_STD**2 + decay * (1 - RUNNING_STD**2), np.array(gaps), m)


def steps_to_fraction(momentum, fraction):
    """Steps n after which the initial state's weight (1 − m)^n drops below 1 − fraction."""
    return math.ceil(math.log(1 - fraction) / math.log(1 - momentum))


@shared
def batch_size_spread(*, seed=SEED):
    """Train-mode output of one sample x = SPREAD_SAMPLE normalized together with N − 1 random
    batch-mates drawn from N(RUNNING_MEAN, RUNNING_STD²), SPREAD_DRAWS times per N in SPREAD_SIZES.

    Returns (outputs, eval_output): outputs, ndarray of shape (len(SPREAD_SIZES), SPREAD_DRAWS);
    eval_output, the evaluation-mode output with the true statistics, (x − μ)/√(σ² + ε)."""
    rng = np.random.default_rng(seed + 4)
    gamma, beta = np.ones(1), np.zeros(1)
    state = BatchNormState.initial(1)
    outputs = np.empty((len(SPREAD_SIZES), SPREAD_DRAWS))
    for i, n in enumerate(SPREAD_SIZES):
        for k in range(SPREAD_DRAWS):
            mates = RUNNING_MEAN + RUNNING_STD * rng.standard_normal((n - 1, 1))
            batch = np.vstack([[[SPREAD_SAMPLE]], mates])
            out, _, _ = batchnorm_forward(batch, gamma, beta, state, train=True)
            outputs[i, k] = out[0, 0]
    true_state = BatchNormState(np.array([RUNNING_MEAN]), np.array([RUNNING_STD**2]))
    eval_out, _, _ = batchnorm_forward(np.array([[SPREAD_SAMPLE]]), gamma, beta, true_state, train=False)
    return outputs, float(eval_out[0, 0])


@claim("training_setup.bnmode.momentum", fmt="g", expect=lambda v: v == 0.1)
def bnmode_momentum():
    return running_average_run().momentum


@claim("training_setup.bnmode.share_after_10", fmt=".0%", expect=lambda v: abs(v - (1 - 0.9**10)) < 1e-12)
def bnmode_share_after_10():
    """The weight 1 − (1 − m)^10 that the batches carry in the running mean after 10 steps."""
    return 1 - (1 - running_average_run().momentum) ** 10


@claim("training_setup.bnmode.steps_to_99", fmt="d", expect=lambda v: v == 44)
def bnmode_steps_to_99():
    return steps_to_fraction(running_average_run().momentum, 0.99)


@claim("training_setup.bnmode.mean_after_10", fmt=".2f", expect=lambda v: abs(v - 3 * (1 - 0.9**10)) < 0.3)
def bnmode_mean_after_10():
    return float(running_average_run().running_mean[10])


@claim("training_setup.bnmode.predicted_after_10", fmt=".2f", expect=lambda v: abs(v - 3 * (1 - 0.9**10)) < 1e-9)
def bnmode_predicted_after_10():
    return float(running_average_run().predicted_mean[10])


@claim("training_setup.bnmode.mean_final", fmt=".2f", expect=lambda v: abs(v - 3) < 0.3)
def bnmode_mean_final():
    return float(running_average_run().running_mean[-1])


@claim("training_setup.bnmode.var_final", fmt=".2f", expect=lambda v: abs(v - 4) < 0.8)
def bnmode_var_final():
    return float(running_average_run().running_var[-1])


@claim("training_setup.bnmode.gap_start", fmt=".2f", expect=lambda v: v > 1)
def bnmode_gap_start():
    return float(running_average_run().gap[0])


@claim("training_setup.bnmode.gap_final", fmt=".2f", expect=lambda v: v < 0.2)
def bnmode_gap_final():
    return float(running_average_run().gap[-1])


@claim("training_setup.bnmode.eval_output", fmt=".2f", expect=lambda v: abs(v - 1) < 1e-3)
def bnmode_eval_output():
    return batch_size_spread()[1]


@claim("training_setup.bnmode.pair_unit_fraction", fmt=".0%", expect=lambda v: v > 0.95)
def bnmode_pair_unit_fraction():
    """With N = 2 a train-mode output is ±d/√(d² + 4ε) for the gap d between the two samples, so
    ±1 unless the two are closer than about √ε: the fraction of draws with | |out| − 1 | < 0.01."""
    outputs, _ = batch_size_spread()
    return float(np.mean(np.abs(np.abs(outputs[SPREAD_SIZES.index(2)]) - 1) < 0.01))


@claim("training_setup.bnmode.spread_4", fmt=".2f", expect=lambda v: v > 0.3)
def bnmode_spread_4():
    outputs, _ = batch_size_spread()
    return float(outputs[SPREAD_SIZES.index(4)].std())


@claim("training_setup.bnmode.spread_128", fmt=".2f", expect=lambda v: v < 0.15)
def bnmode_spread_128():
    outputs, _ = batch_size_spread()
    return float(outputs[SPREAD_SIZES.index(128)].std())


def _band_128():
    outputs, _ = batch_size_spread()
    return np.percentile(outputs[SPREAD_SIZES.index(128)], [10, 90])


@claim("training_setup.bnmode.band_128_low", fmt=".2f", expect=lambda v: 0.7 < v < bnmode_eval_output())
def bnmode_band_128_low():
    """10th percentile of the train-mode output with batches of 128: the band is narrow around the eval value."""
    return float(_band_128()[0])


@claim("training_setup.bnmode.band_128_high", fmt=".2f", expect=lambda v: bnmode_eval_output() < v < 1.3)
def bnmode_band_128_high():
    return float(_band_128()[1])
