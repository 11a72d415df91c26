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

# koreanize-matplotlib에 들어 있는 나눔고딕 글꼴을 패키지를 import하지 않고 등록한다
spec = importlib.util.find_spec("koreanize_matplotlib")
font = Path(spec.origin).parent / "fonts" / "NanumGothic.ttf" if spec else None
if font is not None and font.exists():
    font_manager.fontManager.addfont(str(font))
    plt.rcParams["font.family"] = ["NanumGothic", "DejaVu Sans"]
# 사이트의 그림과 같은 Okabe–Ito 팔레트 (색각 이상이 있어도 색을 구별할 수 있다)
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000")
plt.rcParams.update({
    "axes.unicode_minus": False, "figure.dpi": 85, "figure.figsize": (7, 3), "font.size": 9,
    "axes.prop_cycle": plt.cycler(color=PALETTE), "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "legend.frameon": False,
})


def show(fig, alt):
    """fig를 64색 PNG로 바꿔(용량은 약 4분의 1) 보여 준 뒤 닫는다.

    alt는 그림을 글로 설명한 대체 텍스트다. 출력의 text/plain에 들어가 페이지에서 그림의 대체 텍스트가 된다.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(fig)
    image = Image.open(buffer).convert("RGB").quantize(64, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    image.save(buffer, format="png", optimize=True)
    display({"image/png": buffer.getvalue(), "text/plain": alt}, raw=True)
