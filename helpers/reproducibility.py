"""Seeding, so that every run of a notebook gives the same numbers.

Introduced in chapter 00; every chapter's setup cell calls :func:`set_seed`.
"""

from __future__ import annotations

import os
import random
import sys

import numpy as np

__all__ = ["set_seed"]


def set_seed(seed: int = 42) -> None:
    """Seed Python's ``random``, NumPy and, if imported, Keras/TensorFlow.

    Call it after importing Keras, so its generators are seeded too
    (``keras.utils.set_random_seed`` seeds Python, NumPy and the backend).
    scikit-learn and XGBoost take ``random_state=42`` per estimator instead.

    Raises
    ------
    ValueError
        If ``seed`` is not a non-negative integer.

    Examples
    --------
    >>> import numpy as np
    >>> set_seed(42); a = np.random.rand()
    >>> set_seed(42); b = np.random.rand()
    >>> a == b
    True
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer such as 42; got {seed!r}.")
    seed = int(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 (seeds the global generator that libraries use)
    if "keras" in sys.modules:
        sys.modules["keras"].utils.set_random_seed(seed)
    elif "tensorflow" in sys.modules:
        sys.modules["tensorflow"].random.set_seed(seed)
