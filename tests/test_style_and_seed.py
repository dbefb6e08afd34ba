"""helpers.set_seed and helpers.set_style."""

import random

import matplotlib as mpl
import matplotlib.colors
import numpy as np
import pytest

from helpers import PALETTE, set_seed, set_style


def test_set_seed_makes_python_and_numpy_repeatable():
    set_seed(7)
    first = (random.random(), np.random.rand())
    set_seed(7)
    assert (random.random(), np.random.rand()) == first


@pytest.mark.parametrize("seed", [-1, 1.5, "42", None, True])
def test_set_seed_rejects_bad_seeds(seed):
    with pytest.raises(ValueError, match="non-negative integer"):
        set_seed(seed)


def test_set_style_uses_the_palette_and_an_opaque_background():
    set_style()
    assert mpl.rcParams["figure.facecolor"] == "white"
    assert mpl.rcParams["savefig.facecolor"] == "white"
    cycle = [mpl.colors.to_hex(c["color"]) for c in mpl.rcParams["axes.prop_cycle"]]
    assert cycle[:3] == [c.lower() for c in PALETTE[:3]]
    assert len(set(PALETTE)) == len(PALETTE) == 8


def test_set_seed_seeds_keras_once_it_is_imported():
    keras = pytest.importorskip("keras")
    set_seed(3)
    first = keras.ops.convert_to_numpy(keras.random.uniform((3,)))
    set_seed(3)
    again = keras.ops.convert_to_numpy(keras.random.uniform((3,)))
    np.testing.assert_array_equal(first, again)
