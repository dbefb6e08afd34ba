"""The course plot style: one colour-blind-safe palette, readable on a projector.

Introduced in chapter 00; every chapter's setup cell calls :func:`set_style`.
"""

from __future__ import annotations

from functools import partial

import matplotlib as mpl
import seaborn as sns
from matplotlib.figure import Figure

__all__ = ["PALETTE", "SPECIES_COLORS", "describe_figure", "set_style"]

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

#: One colour per penguin species in every figure of every chapter (chapters 01 and 03):
#: pass ``palette=SPECIES_COLORS`` to seaborn, or look a species up for matplotlib.
SPECIES_COLORS: dict[str, str] = {
    "Adelie": PALETTE[0],
    "Chinstrap": PALETTE[1],
    "Gentoo": PALETTE[2],
}


def set_style(font_scale: float = 1.15) -> None:
    """Apply the course style to matplotlib and seaborn.

    White, opaque figure backgrounds (readable in JupyterLab's dark theme and on
    slides), the :data:`PALETTE` colours, a light grid and fonts sized for a
    projector. Call it once, in a notebook's setup cell.

    In a Jupyter kernel it also gives every figure a text alternative: each PNG a figure
    displays carries :func:`describe_figure`'s text as ``alt`` metadata, which the
    course's slides and pages put in the image's ``alt`` attribute for screen readers.

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
    _describe_figures_in_jupyter()


def _text(artist) -> str:
    return " ".join(artist.get_text().split()) if artist is not None else ""


def describe_figure(fig: Figure) -> str:
    """A text alternative for a figure, from its titles and axis labels.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> ax.set(title="Loss per epoch", xlabel="epoch", ylabel="loss")  # doctest: +ELLIPSIS
    [...]
    >>> describe_figure(fig)
    'Figure: Loss per epoch (x: epoch; y: loss).'
    >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"describe_figure needs a matplotlib Figure, not {type(fig).__name__}.")
    panels, images = [], 0
    for ax in fig.axes:
        if ax.get_label() == "<colorbar>":
            continue
        title = " ".join(" ".join(ax.get_title(loc) for loc in ("left", "center", "right")).split())
        axes = [
            f"{name}: {label}"
            for name in "xy"
            if (label := _text(getattr(ax, f"{name}axis").label))
        ]
        if title or axes:
            panels.append(title + (f" ({'; '.join(axes)})" if axes else ""))
        elif ax.images:
            images += 1
    heading = " ".join(
        filter(None, [fig.get_suptitle()] + [sub.get_suptitle() for sub in fig.subfigs])
    )
    parts = [heading] if heading else []
    parts += [p.strip() for p in panels]
    if images:
        parts.append(f"{images} image{'s' if images > 1 else ''}")
    if not parts:
        return (
            f"Figure with {len(fig.axes)} panel{'s' if len(fig.axes) != 1 else ''} and no titles."
        )
    return "Figure: " + "; ".join(parts) + "."


def _png_with_alt(fig: Figure, **kwargs) -> tuple[str, dict[str, str]]:
    from IPython.core.pylabtools import print_figure

    return print_figure(fig, "png", base64=True, **kwargs), {"alt": describe_figure(fig)}


def _describe_figures_in_jupyter() -> None:
    """Make the kernel's PNG of every figure carry describe_figure() as alt metadata."""
    try:
        from IPython import get_ipython
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # plain Python: nothing displays figures as PNG
        return
    shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    kwargs = dict(InlineBackend.instance(parent=shell).print_figure_kwargs)
    png = shell.display_formatter.formatters["image/png"]
    png.for_type(Figure, partial(_png_with_alt, **kwargs))
