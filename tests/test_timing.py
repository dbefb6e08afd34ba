"""helpers.stopwatch: wall-clock and CPU seconds of a block."""

import math
import time

import numpy as np
import pytest

from helpers import stopwatch


def test_measures_waiting_as_wall_time_not_cpu_time():
    with stopwatch() as clock:
        time.sleep(0.2)
    assert clock.seconds >= 0.2
    assert clock.cpu_seconds < 0.1


def test_measures_work_as_cpu_time():
    with stopwatch() as clock:
        matrix = np.random.default_rng(0).random((300, 300))
        for _ in range(50):
            matrix = np.tanh(matrix @ matrix / 300)
    assert clock.cpu_seconds > 0
    assert clock.seconds > 0


def test_times_are_unset_inside_the_block_and_set_after_an_error():
    with pytest.raises(ZeroDivisionError), stopwatch() as clock:
        assert math.isnan(clock.seconds)
        1 / 0  # noqa: B018
    assert clock.seconds >= 0 and clock.cpu_seconds >= 0
