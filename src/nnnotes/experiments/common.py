"""What several chapters' experiments share: the points of a line in the plane, the best
line through a labelled sample found by exhaustive search, and the best possible accuracy on
noisy XOR."""

from __future__ import annotations

import math

import numpy as np


def line_points(w, b, t):
    """Points x(t) = −b·w/‖w‖² + t·w⊥/‖w‖ of the line w·x + b = 0 in the plane.

    w : ndarray of shape (2,), the line's normal.  b : float.  t : ndarray of shape (K,), the
    signed distance along the line from its point nearest the origin. Returns ndarray (K, 2).
    """
    w = np.asarray(w, dtype=np.float64)
    foot = -b * w / (w @ w)
    along = np.array([-w[1], w[0]]) / np.linalg.norm(w)
    return foot + t[:, None] * along


def best_line(X, y, n_directions=3600):
    """The most accurate linear rule [u·x > t] for 2-D points X (N, 2) with labels y (N,) in {0, 1}.

    Exhaustive search: unit normals u = (cos θ, sin θ), θ = 2πk/n_directions, and for each
    every threshold t halfway between consecutive projections u·x or beyond all of them.
    Among the most accurate rules it keeps the one whose line is farthest from its nearest
    point (distances rounded to 1e-9), and among those the first found.
    Returns (u of shape (2,), t, accuracy).
    """
    best, best_key = None, (-1.0, -1.0)
    for theta in np.arange(n_directions) * (2 * np.pi / n_directions):
        u = np.array([np.cos(theta), np.sin(theta)])
        s = X @ u
        p = np.sort(s)
        cuts = np.concatenate([[p[0] - 1], (p[:-1] + p[1:]) / 2, [p[-1] + 1]])
        accuracy = np.mean((s[None, :] > cuts[:, None]) == y[None, :], axis=1)
        margin = np.round(np.abs(s[None, :] - cuts[:, None]).min(axis=1), 9)
        k = np.lexsort((-np.arange(cuts.size), margin, accuracy))[-1]  # the first of the largest keys
        key = (float(accuracy[k]), float(margin[k]))
        if key > best_key:
            best, best_key = (u, float(cuts[k]), float(accuracy[k])), key
    return best


def xor_bayes_accuracy(noise):
    """Best possible accuracy on ``nnnotes.datasets.xor`` data of noise σ: p² + (1 − p)² with p = Φ(1/σ).

    The optimal rule predicts from the signs of the two coordinates. Each sign matches its
    corner's with probability p = Φ(1/σ); the label comes out right when both match or both flip.
    """
    p = 0.5 * (1 + math.erf(1 / noise / math.sqrt(2)))
    return p * p + (1 - p) ** 2
