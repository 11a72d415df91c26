"""The chapter's data: a synthetic stand-in for Nielsen's first 1000 MNIST training images."""

from __future__ import annotations

import functools

import numpy as np

from ...datasets import digit_standin
from ..claims import setting
from ..shared import read_only
from . import SEED

STANDIN_SAMPLES = setting("gradient_flow.nielsen.samples", 1000, fmt="d")


@functools.cache
def standin_data(seed=SEED):
    """``digit_standin`` of ``nnnotes.datasets`` with STANDIN_SAMPLES samples and ``default_rng(seed)``:
    X (1000, 784), y (1000,). Shared by every experiment of the chapter; read-only."""
    return read_only(digit_standin(STANDIN_SAMPLES, rng=np.random.default_rng(seed)))
