"""Measuring what a model costs: wall-clock and CPU seconds of a block of code.

Introduced in chapter 10 (the cost of training each model) and used again in chapter 11
(the same network in NumPy, JAX, PyTorch and Keras).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["Stopwatch", "stopwatch"]


@dataclass
class Stopwatch:
    """Seconds measured by :func:`stopwatch`, filled in when its block ends.

    Attributes
    ----------
    seconds : float
        Wall-clock seconds, what you wait for.
    cpu_seconds : float
        CPU seconds of this process, summed over all its threads: a model that keeps
        two cores busy for one second uses two CPU seconds. This is what energy
        estimates start from.
    """

    seconds: float = float("nan")
    cpu_seconds: float = float("nan")


@contextmanager
def stopwatch() -> Iterator[Stopwatch]:
    """Measure the wall-clock and CPU seconds of the code inside a ``with`` block.

    CPU seconds come from :func:`time.process_time`, so they count every thread of
    this process (NumPy, XGBoost and TensorFlow all use several) but not other
    processes. The times are set even when the block raises.

    Examples
    --------
    >>> with stopwatch() as clock:
    ...     total = sum(range(1_000_000))
    >>> clock.seconds > 0 and clock.cpu_seconds >= 0
    True
    """
    clock = Stopwatch()
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    try:
        yield clock
    finally:
        clock.seconds = time.perf_counter() - wall_start
        clock.cpu_seconds = time.process_time() - cpu_start
