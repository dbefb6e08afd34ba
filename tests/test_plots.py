"""helpers.plots, checked through the Axes each function returns."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

from helpers.plots import (
    plot_actual_vs_predicted,
    plot_confusion_matrix,
    plot_decision_boundary,
    plot_history,
    plot_roc,
)


def legend_texts(ax):
    return [text.get_text() for text in ax.get_legend().get_texts()]


# ---------------------------------------------------------------- plot_history

HISTORY = {"loss": [1.0, 0.6, 0.4, 0.3], "val_loss": [1.1, 0.7, 0.65, 0.9]}


class FakeKerasHistory:
    def __init__(self, history):
        self.history = history


@pytest.mark.parametrize(
    "history",
    [HISTORY, pd.DataFrame(HISTORY), FakeKerasHistory(HISTORY)],
    ids=["dict", "frame", "keras"],
)
def test_plot_history_draws_train_and_validation_and_marks_the_best_epoch(history):
    ax = plot_history(history)
    assert isinstance(ax, Axes)
    texts = legend_texts(ax)
    assert texts[:2] == ["training loss", "validation loss"]
    assert texts[2] == "lowest val_loss 0.65 at epoch 3 (weights not restored)"
    assert not [line for line in ax.lines if line.get_linestyle() == ":"]
    assert list(ax.lines[0].get_xdata()) == [1, 2, 3, 4]
    assert ax.get_xlabel() == "epoch"


def test_plot_history_maximises_accuracy_and_works_without_validation():
    ax = plot_history({"accuracy": [0.5, 0.9, 0.8]}, metric="accuracy")
    assert legend_texts(ax) == [
        "training accuracy",
        "highest accuracy 0.9 at epoch 2 (weights not restored)",
    ]


def test_plot_history_draws_the_kept_epoch_only_when_its_weights_were_restored():
    ax = plot_history(HISTORY, restored=True)
    assert legend_texts(ax)[2] == "kept: best epoch 3 (val_loss 0.65)"
    dotted = [line for line in ax.lines if line.get_linestyle() == ":"]
    assert len(dotted) == 1 and list(dotted[0].get_xdata()) == [3, 3]


def test_plot_history_names_a_boosting_round_a_round():
    ax = plot_history(
        {"rmse": [0.9, 0.5, 0.6], "val_rmse": [1.0, 0.6, 0.7]}, "rmse", step="round", restored=True
    )
    assert ax.get_xlabel() == "round"
    assert legend_texts(ax)[-1] == "kept: best round 2 (val_rmse 0.6)"


def test_plot_history_labels_whole_epochs_only():
    ax = plot_history({"loss": [0.9, 0.5, 0.4], "val_loss": [1.0, 0.6, 0.5]})
    ax.figure.canvas.draw()
    ticks = [t for t in ax.get_xticks() if 1 <= t <= 3]
    assert ticks and all(float(t).is_integer() for t in ticks)


def test_plot_history_draws_on_the_given_axes():
    _, (left, right) = plt.subplots(1, 2)
    assert plot_history(HISTORY, ax=right) is right
    assert not left.lines


@pytest.mark.parametrize(
    ("history", "kwargs", "message"),
    [
        (HISTORY, {"metric": "mae"}, "has no 'mae'"),
        ({"loss": [1.0, 2.0], "val_loss": [1.0]}, {}, "one value per epoch"),
        ({"loss": []}, {}, "empty"),
        ([1.0, 0.5], {}, "Keras History"),
        (HISTORY, {"mode": "lowest"}, "mode must be"),
        ({"loss": [np.nan, np.nan]}, {}, "diverged"),
        (HISTORY, {"step": ""}, "step names one row"),
    ],
)
def test_plot_history_rejects_bad_input(history, kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_history(history, **kwargs)


# -------------------------------------------------------------------- plot_roc


def test_plot_roc_binary_has_auc_chance_line_and_threshold_annotations():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 2, 300)
    score = np.clip(y_true * 0.3 + rng.normal(0.35, 0.25, 300), 0, 1)
    ax = plot_roc(y_true, score, name="model A", n_thresholds=4)
    texts = legend_texts(ax)
    assert texts[0].startswith("model A (AUC = 0.")
    assert any("Chance" in t for t in texts)
    annotations = [child for child in ax.texts if child.get_text().startswith("t = ")]
    assert len(annotations) == 4

    assert ax.get_xlabel() == "False positive rate"
    assert ax.get_title() == "ROC curve, positive class: 1"
    for text in annotations:  # labels near the right edge are drawn to the left of their point
        assert (text.get_ha() == "right") == (text.xy[0] > 0.7)


def test_plot_roc_threshold_labels_never_read_the_same():
    """Scores crowded near 1 still get distinct labels (more decimals where needed)."""
    rng = np.random.default_rng(1)
    y_true = rng.integers(0, 2, 400)
    score = np.where(y_true == 1, rng.uniform(0.994, 1, 400), rng.uniform(0.99, 0.998, 400))
    ax = plot_roc(y_true, score, n_thresholds=5)
    labels = [child.get_text() for child in ax.texts if child.get_text().startswith("t = ")]
    assert len(labels) == len(set(labels)) >= 2


def test_plot_roc_multiclass_draws_one_curve_per_class():
    rng = np.random.default_rng(1)
    y_true = np.repeat(["a", "b", "c"], 30)
    proba = rng.dirichlet([1, 1, 1], 90)
    ax = plot_roc(y_true, proba, class_names=["Adelie", "Chinstrap", "Gentoo"])
    texts = legend_texts(ax)
    assert [t.split(" (")[0] for t in texts[:3]] == [
        "Adelie vs rest",
        "Chinstrap vs rest",
        "Gentoo vs rest",
    ]
    assert ax.get_title() == "ROC curve, one-vs-rest"


def test_plot_roc_compares_models_on_one_axes_with_one_chance_line():
    y_true = [0, 0, 1, 1, 0, 1]
    ax = plot_roc(y_true, [0.1, 0.4, 0.35, 0.8, 0.2, 0.9], name="a", n_thresholds=0)
    plot_roc(y_true, [0.3, 0.2, 0.6, 0.7, 0.1, 0.4], name="b", n_thresholds=0, ax=ax)
    texts = legend_texts(ax)
    assert [t.split(" (")[0] for t in texts if not t.startswith("Chance")] == ["a", "b"]
    assert sum(t.startswith("Chance") for t in texts) == 1
    assert not [t for t in ax.texts if t.get_text().startswith("t = ")]


def test_plot_roc_accepts_two_probability_columns():
    proba = np.array([[0.8, 0.2], [0.3, 0.7], [0.6, 0.4], [0.1, 0.9]])
    ax = plot_roc([0, 1, 0, 1], proba)
    assert legend_texts(ax)[0] == "model (AUC = 1.00)"


@pytest.mark.parametrize(
    ("y_true", "y_score", "kwargs", "message"),
    [
        ([0, 1, 1], [0.2, 0.8], {}, "y_true has 3 and y_score has 2"),
        ([1, 1, 1], [0.2, 0.8, 0.4], {}, "only one class"),
        ([0, 1, 1], [0.2, np.nan, 0.4], {}, "NaN"),
        ([0, 1, 2], [0.2, 0.8, 0.4], {}, "one column per class"),
        ([0, 1, 1], [0.2, 0.8, 0.4], {"class_names": ["a", "b", "c"]}, "class_names has 3"),
        ([0, 1], np.zeros((2, 2, 2)), {}, "1-D .binary. or 2-D"),
    ],
)
def test_plot_roc_rejects_bad_input(y_true, y_score, kwargs, message):
    with pytest.raises(ValueError, match=message):
        plot_roc(y_true, y_score, **kwargs)


# ---------------------------------------------------- plot_actual_vs_predicted


def test_plot_actual_vs_predicted_has_identity_line_and_labels():
    y = np.linspace(0, 10, 50)
    ax = plot_actual_vs_predicted(y, y + 0.5, name="ridge", units="USD")
    assert sorted(legend_texts(ax)) == ["perfect prediction (y = x)", "ridge"]
    identity = ax.lines[0]
    np.testing.assert_allclose(identity.get_xdata(), identity.get_ydata())
    assert ax.get_xlabel() == "Actual (USD)"
    assert ax.get_ylabel() == "Predicted (USD)"


def test_plot_actual_vs_predicted_subsamples_large_inputs():
    y = np.arange(5000, dtype=float)
    ax = plot_actual_vs_predicted(y, y, subsample=300)
    assert len(ax.collections[0].get_offsets()) == 300


def test_plot_actual_vs_predicted_rejects_bad_input():
    with pytest.raises(ValueError, match="y_true has 2 and y_pred has 3"):
        plot_actual_vs_predicted([1, 2], [1, 2, 3])
    with pytest.raises(ValueError, match="NaN"):
        plot_actual_vs_predicted([1, np.nan], [1, 2])


# -------------------------------------------------------- plot_confusion_matrix


def test_plot_confusion_matrix_shows_counts_and_class_names():
    ax = plot_confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], class_names=["x", "y", "z"])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    cell_values = sorted(t.get_text() for t in ax.texts)
    assert cell_values == sorted(["1", "1", "0", "0", "1", "0", "1", "0", "2"])
    assert ax.get_ylabel() == "True class"


def test_plot_confusion_matrix_normalises_rows():
    ax = plot_confusion_matrix(["a", "a", "b", "b"], ["a", "b", "b", "b"], normalize="true")
    assert "0.50" in [t.get_text() for t in ax.texts]


def test_plot_confusion_matrix_rejects_bad_input():
    with pytest.raises(ValueError, match="class_names has 2 names but the labels have 3"):
        plot_confusion_matrix([0, 1, 2], [0, 1, 2], class_names=["a", "b"])
    with pytest.raises(ValueError, match="y_true has 3 and y_pred has 2"):
        plot_confusion_matrix([0, 1, 2], [0, 1])


# ------------------------------------------------------- plot_decision_boundary


@pytest.fixture
def blobs():
    rng = np.random.default_rng(2)
    X = np.vstack([rng.normal(0, 1, (40, 2)), rng.normal(4, 1, (40, 2))])
    y = np.repeat(["left", "right"], 40)
    return X, y


def test_plot_decision_boundary_shades_regions_and_draws_points(blobs):
    X, y = blobs
    model = LogisticRegression().fit(X, y)
    ax = plot_decision_boundary(model, X, y, feature_names=["bill length (mm)", "bill depth (mm)"])
    assert legend_texts(ax) == ["left", "right"]
    assert ax.get_xlabel() == "bill length (mm)"
    assert len(ax.collections) >= 3  # the filled regions and one scatter per class


def test_plot_decision_boundary_uses_dataframe_columns(blobs):
    X, y = blobs
    frame = pd.DataFrame(X, columns=["length", "depth"])
    model = DecisionTreeClassifier(random_state=0).fit(frame, y)
    ax = plot_decision_boundary(model, frame, y)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("length", "depth")


def test_plot_decision_boundary_accepts_probability_outputs(blobs):
    X, _ = blobs

    class SigmoidNet:  # predicts a probability per row, like a Keras model
        def predict(self, grid, verbose=0):
            return (1 / (1 + np.exp(-(grid[:, :1] - 2)))).astype("float32")

    ax = plot_decision_boundary(SigmoidNet(), X, grid_resolution=20)
    assert ax.get_title() == "Decision regions of SigmoidNet"


def test_plot_decision_boundary_rejects_bad_input(blobs):
    X, y = blobs
    model = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="exactly 2 columns"):
        plot_decision_boundary(model, np.hstack([X, X]), y)
    with pytest.raises(ValueError, match="X has 80 and y has 3"):
        plot_decision_boundary(model, X, y[:3])
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        plot_decision_boundary(model, bad, y)
    with pytest.raises(ValueError, match="no predict method"):
        plot_decision_boundary(object(), X, y)
