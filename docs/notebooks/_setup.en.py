# %%
# %config InlineBackend.figure_formats = ["png"]
import importlib.util
import io
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display
from matplotlib import font_manager
from PIL import Image

# NanumGothic from koreanize-matplotlib when it is installed (the plots here are in English)
spec = importlib.util.find_spec("koreanize_matplotlib")
font = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf" if spec else None
if font is not None and font.exists():
    font_manager.fontManager.addfont(str(font))
    plt.rcParams["font.family"] = ["NanumGothic", "DejaVu Sans"]
# Okabe–Ito color-blind-safe palette, as in the site's figures
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
plt.rcParams.update({
    "axes.unicode_minus": False, "figure.dpi": 85, "figure.figsize": (7, 3), "font.size": 9,
    "axes.prop_cycle": plt.cycler(color=PALETTE), "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "legend.frameon": False,
})


def show(fig, alt):
    """Display fig as a PNG of 64 colors (about a quarter of the bytes) and close it.

    alt, a text description of the plot, is the output's text/plain: the page's alt text.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    image = Image.open(buffer).convert("RGB").quantize(64, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", optimize=True)
    display({"image/png": buffer.getvalue(), "text/plain": alt}, raw=True)
