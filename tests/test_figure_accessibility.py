"""Figures for readers who cannot see them, or not all of their colours.

* every ``<img>`` on a built page has alt text in the page's language: with Hangul on Korean
  pages, without on English ones (and not nbconvert's "No description has been provided");
* the figure palette (``figstyle.PALETTE``) stays distinguishable under simulated protanopia,
  deuteranopia and tritanopia: every pair of its colours is at least ``MIN_DELTA_E`` apart
  (CIEDE2000) after the Machado et al. (2009) simulation at full severity. All of PALETTE is
  compared, because figures do use it all together (plot_symmetry.py draws eight units).
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
from sitebuild.figstyle import PALETTE

HANGUL = re.compile(r"[\uac00-\ud7a3]")
NO_DESCRIPTION = "No description has been provided for this image"  # nbconvert's stand-in


# --- alt text ---------------------------------------------------------------------------

class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.alts: list[tuple[str, str | None]] = []  # (src, alt)

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attrs = dict(attrs)
            self.alts.append((attrs.get("src", ""), attrs.get("alt")))


def test_every_image_has_alt_text_in_its_pages_language(site):
    checked, wrong = 0, []
    for page in sorted(site.rglob("*.html")):
        english = page.relative_to(site).parts[0] == "en"
        images = Images()
        images.feed(page.read_text(encoding="utf-8"))
        for src, alt in images.alts:
            checked += 1
            alt = (alt or "").strip()
            if not alt or alt == NO_DESCRIPTION or bool(HANGUL.search(alt)) == english:
                wrong.append(f"{page.relative_to(site)}: {src[:60]} alt={alt[:60]!r}")
    assert checked > 0
    assert wrong == []


# --- colour-blind-safe palette ----------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear sRGB (the matrices Chrome's
# DevTools uses to emulate vision deficiencies).
MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
# Ten times the just-noticeable difference (about 1 in CIEDE2000): told apart at a glance, even
# as thin lines. The figures also vary line styles and markers, so colour is never the only cue.
MIN_DELTA_E = 10.0
SRGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])


def linear_rgb(hex_colour: str) -> np.ndarray:
    srgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def cielab(linear: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear sRGB colour."""
    t = (SRGB_TO_XYZ @ linear) / (SRGB_TO_XYZ @ np.ones(3))
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference, as written out by Sharma, Wu & Dalal (2005)."""
    (L1, a1, b1), (L2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    dH = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    L_mean, c_mean = (L1 + L2) / 2, (c1 + c2) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    s_L = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_C, s_H = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    r_T = (-2 * np.sqrt(c_mean**7 / (c_mean**7 + 25**7))
           * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))))
    dL, dC = (L2 - L1) / s_L, (c2 - c1) / s_C
    dH = dH / s_H
    return float(np.sqrt(dL**2 + dC**2 + dH**2 + r_T * dC * dH))


def test_ciede2000_matches_sharmas_published_pairs():
    # pairs 1, 7 and 17 of the 34 test pairs in Sharma, Wu & Dalal (2005), Table 1
    assert round(ciede2000(np.array([50, 2.6772, -79.7751]), np.array([50, 0, -82.7485])), 4) == 2.0425
    assert round(ciede2000(np.array([50, 0, 0]), np.array([50, -1, 2])), 4) == 2.3669
    assert round(ciede2000(np.array([50, 2.5, 0]), np.array([73, 25, -18])), 4) == 27.1492


def test_the_figure_palette_stays_distinguishable_under_colour_blindness():
    too_close = []
    for name, matrix in MACHADO.items():
        seen = {c: cielab(np.clip(np.array(matrix) @ linear_rgb(c), 0, 1)) for c in PALETTE}
        for c1, c2 in itertools.combinations(PALETTE, 2):
            if (delta := ciede2000(seen[c1], seen[c2])) < MIN_DELTA_E:
                too_close.append(f"{name}: {c1} and {c2} are {delta:.1f} apart")
    assert too_close == []
