"""Shared helpers for the course *Modeling in Python, from statistics to deep learning*.

- :mod:`helpers.datasets`: one loader per course dataset, backed by a verified cache.
- :mod:`helpers.metrics`: regression and classification metrics as named Series,
  and :func:`~helpers.metrics.compare` to stack them into a table.
- :mod:`helpers.plots`: training curves, ROC curves, actual vs predicted, confusion
  matrices and decision boundaries, each drawn on an ``ax`` and returning it.
- :func:`set_seed` and :func:`set_style`: every notebook's setup cell.
- :func:`stopwatch`: wall-clock and CPU seconds of a block (the cost of a model).
"""

from helpers import datasets, metrics, plots
from helpers.reproducibility import set_seed
from helpers.style import PALETTE, SPECIES_COLORS, set_style
from helpers.timing import stopwatch

__all__ = [
    "PALETTE",
    "SPECIES_COLORS",
    "datasets",
    "metrics",
    "plots",
    "set_seed",
    "set_style",
    "stopwatch",
]
__version__ = "0.1.0"
