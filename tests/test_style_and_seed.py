"""helpers.set_seed and helpers.set_style."""

import random

import matplotlib as mpl
import matplotlib.colors
import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import PALETTE, SPECIES_COLORS, set_seed, set_style
from helpers.style import describe_figure


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


# ------------------------------------------------------------------------ alt text


def test_describe_figure_reads_titles_and_axis_labels():
    fig, axes = plt.subplots(1, 2)
    fig.suptitle("Two models")
    axes[0].set(title="Training\nloss", xlabel="epoch", ylabel="MSE")
    axes[1].set_title("Residuals")
    assert describe_figure(fig) == (
        "Figure: Two models; Training loss (x: epoch; y: MSE); Residuals."
    )
    plt.close(fig)


def test_describe_figure_counts_untitled_images_and_skips_colorbars():
    fig, axes = plt.subplots(1, 3)
    for ax in axes:
        shown = ax.imshow(np.eye(3))
    fig.colorbar(shown, ax=axes)
    assert describe_figure(fig) == "Figure: 3 images."
    plt.close(fig)


def test_describe_figure_says_when_there_is_no_text():
    fig, _ = plt.subplots()
    assert describe_figure(fig) == "Figure with 1 panel and no titles."
    plt.close(fig)


@pytest.mark.parametrize("not_a_figure", [None, "figure", np.zeros((2, 2))])
def test_describe_figure_rejects_what_is_not_a_figure(not_a_figure):
    with pytest.raises(TypeError, match="matplotlib Figure"):
        describe_figure(not_a_figure)


def test_set_style_gives_displayed_figures_alt_metadata():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    try:
        set_style()
        fig, ax = plt.subplots()
        ax.set_title("Loss per epoch")
        data, metadata = shell.display_formatter.format(fig)
        assert "image/png" in data
        assert metadata["image/png"]["alt"] == "Figure: Loss per epoch."
        plt.close(fig)
    finally:
        InteractiveShell.clear_instance()


def test_each_penguin_species_has_its_own_palette_colour():
    assert sorted(SPECIES_COLORS) == ["Adelie", "Chinstrap", "Gentoo"]
    assert len(set(SPECIES_COLORS.values())) == 3
    assert set(SPECIES_COLORS.values()) <= set(PALETTE)
