"""nnnotes: the NumPy building blocks behind every figure and number on the nnnotes site."""

from .activations import Activation, get_activation
from .batchnorm import BatchNormState, batchnorm_backward, batchnorm_forward
from .gradcheck import check_backward, numerical_gradient, rel_error
from .init import get_initializer
from .layers import (
    affine_backward,
    affine_forward,
    dropout_backward,
    dropout_forward,
    vanilla_dropout_backward,
    vanilla_dropout_forward,
)
from .losses import elastic_net_penalty, get_loss, l1_penalty, l2_penalty
from .model import MLP, History
from .optim import SGD, project_max_norm

__all__ = [
    "MLP",
    "SGD",
    "Activation",
    "BatchNormState",
    "History",
    "affine_backward",
    "affine_forward",
    "batchnorm_backward",
    "batchnorm_forward",
    "check_backward",
    "dropout_backward",
    "dropout_forward",
    "elastic_net_penalty",
    "get_activation",
    "get_initializer",
    "get_loss",
    "l1_penalty",
    "l2_penalty",
    "numerical_gradient",
    "project_max_norm",
    "rel_error",
    "vanilla_dropout_backward",
    "vanilla_dropout_forward",
]
