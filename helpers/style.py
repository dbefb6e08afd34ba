"""The course plot style: one colour-blind-safe palette, readable on a projector.

Introduced in chapter 00; every chapter's setup cell calls :func:`set_style`.
"""

from __future__ import annotations

import matplotlib as mpl
import seaborn as sns

__all__ = ["PALETTE", "set_style"]

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion,
#: purple, sky blue, yellow, black), in an order that keeps neighbours distinct.
PALETTE: list[str] = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]


def set_style(font_scale: float = 1.15) -> None:
    """Apply the course style to matplotlib and seaborn.

    White, opaque figure backgrounds (readable in JupyterLab's dark theme and on
    slides), the :data:`PALETTE` colours, a light grid and fonts sized for a
    projector. Call it once, in a notebook's setup cell.

    Examples
    --------
    >>> from helpers.style import set_style
    >>> set_style()
    """
    sns.set_theme(style="whitegrid", palette=PALETTE, font_scale=font_scale)
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 5),
            "figure.dpi": 100,
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "savefig.bbox": "tight",
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "image.cmap": "viridis",
            "legend.framealpha": 0.9,
        }
    )
