"""Input checks shared by the helpers, with messages a student can act on."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd


def as_1d(values: Any, name: str, *, numeric: bool = True) -> np.ndarray:
    """Return ``values`` (list, array, Series, (n, 1) column) as a 1-D array.

    Raises ``ValueError`` for empty input, more than one column, or NaN.
    """
    if isinstance(values, (pd.Series, pd.DataFrame, pd.Index)):
        values = values.to_numpy()
    array = np.asarray(values)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be one value per sample (a 1-D list, array or Series); "
            f"got an array of shape {array.shape}."
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    if numeric:
        try:
            array = array.astype(float)
        except (TypeError, ValueError):
            raise ValueError(
                f"{name} must hold numbers; got values of type {array.dtype}."
            ) from None
    if _has_missing(array):
        raise ValueError(
            f"{name} contains NaN or missing values; drop or impute them before computing this."
        )
    return array


def _has_missing(array: np.ndarray) -> bool:
    if array.dtype.kind == "f":
        return bool(np.isnan(array).any())
    if array.dtype.kind == "O":
        return bool(pd.isna(array).any())
    return False


def same_length(**arrays: np.ndarray) -> None:
    """Raise ``ValueError`` unless all arrays have the same number of samples."""
    lengths = {name: len(array) for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        described = " and ".join(f"{name} has {n}" for name, n in lengths.items())
        raise ValueError(f"Inputs must have one value per sample each, but {described}.")


def as_scores(values: Any, name: str = "y_score") -> np.ndarray:
    """Return scores as a float array: 1-D for binary, 2-D (n, k) for k classes."""
    if isinstance(values, (pd.Series, pd.DataFrame)):
        values = values.to_numpy()
    array = np.asarray(values)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim not in (1, 2):
        raise ValueError(
            f"{name} must be 1-D (binary) or 2-D (one column per class); got shape {array.shape}."
        )
    if array.shape[0] == 0:
        raise ValueError(f"{name} is empty; pass at least one sample.")
    try:
        array = array.astype(float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must hold numbers (scores or probabilities).") from None
    if np.isnan(array).any():
        raise ValueError(f"{name} contains NaN; check the model's predictions.")
    return array
