"""helpers.metrics: equal to scikit-learn's numbers, clear errors for bad input."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn import metrics as skm

from helpers.metrics import classification_metrics, compare, regression_metrics, roc_auc

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@st.composite
def regression_pairs(draw):
    n = draw(st.integers(2, 50))
    return draw(arrays(float, n, elements=finite)), draw(arrays(float, n, elements=finite))


@settings(max_examples=60, deadline=None)
@given(regression_pairs())
def test_regression_metrics_equal_scikit_learn(pair):
    y_true, y_pred = pair
    result = regression_metrics(y_true, y_pred)
    assert list(result.index) == ["mse", "rmse", "mae", "r2", "explained_variance"]
    assert result["mse"] == pytest.approx(skm.mean_squared_error(y_true, y_pred))
    assert result["rmse"] == pytest.approx(np.sqrt(skm.mean_squared_error(y_true, y_pred)))
    assert result["mae"] == pytest.approx(skm.mean_absolute_error(y_true, y_pred))
    assert result["r2"] == pytest.approx(skm.r2_score(y_true, y_pred))
    expected_ev = skm.explained_variance_score(y_true, y_pred)
    assert result["explained_variance"] == pytest.approx(expected_ev)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_binary_classification_metrics_equal_scikit_learn(data):
    n = data.draw(st.integers(4, 60))
    y_true = data.draw(arrays(int, n, elements=st.integers(0, 1)))
    y_pred = data.draw(arrays(int, n, elements=st.integers(0, 1)))
    score = data.draw(arrays(float, n, elements=st.floats(0, 1)))
    y_true[:2] = [0, 1]  # ROC AUC needs both classes
    result = classification_metrics(y_true, y_pred, score, name="m")
    assert result.name == "m"
    assert result["accuracy"] == pytest.approx(skm.accuracy_score(y_true, y_pred))
    assert result["precision"] == pytest.approx(
        skm.precision_score(y_true, y_pred, zero_division=0)
    )
    assert result["recall"] == pytest.approx(skm.recall_score(y_true, y_pred, zero_division=0))
    assert result["f1"] == pytest.approx(skm.f1_score(y_true, y_pred, zero_division=0))
    assert result["roc_auc"] == pytest.approx(skm.roc_auc_score(y_true, score))


def test_multiclass_metrics_use_macro_average_and_ovr_auc():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 3, 200)
    proba = rng.dirichlet([1, 1, 1], 200)
    y_pred = proba.argmax(axis=1)
    result = classification_metrics(y_true, y_pred, proba)
    assert result["f1"] == pytest.approx(skm.f1_score(y_true, y_pred, average="macro"))
    assert result["roc_auc"] == pytest.approx(skm.roc_auc_score(y_true, proba, multi_class="ovr"))


def test_string_labels_and_keras_shaped_columns_are_accepted():
    y_true = pd.Series(["cat", "dog", "dog", "cat"])
    assert classification_metrics(y_true, ["cat", "dog", "cat", "cat"])["accuracy"] == 0.75
    column = np.array([[1.0], [2.0], [3.0]])  # what keras' model.predict returns
    assert regression_metrics([1, 2, 3], column)["rmse"] == 0.0


def test_two_probability_columns_give_the_binary_auc():
    y_true = [0, 0, 1, 1]
    proba = np.array([[0.9, 0.1], [0.6, 0.4], [0.65, 0.35], [0.2, 0.8]])
    assert roc_auc(y_true, proba) == pytest.approx(skm.roc_auc_score(y_true, proba[:, 1]))


@pytest.mark.parametrize(
    ("y_true", "y_pred", "message"),
    [
        ([1.0, 2.0, 3.0], [1.0, 2.0], "y_true has 3 and y_pred has 2"),
        ([1.0, np.nan], [1.0, 2.0], "NaN"),
        ([], [], "empty"),
        (np.ones((3, 2)), np.ones((3, 2)), "shape"),
        (["a", "b"], [1.0, 2.0], "numbers"),
    ],
)
def test_regression_metrics_reject_bad_input(y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        regression_metrics(y_true, y_pred)


def test_classification_metrics_reject_bad_input():
    with pytest.raises(ValueError, match="y_true has 3 and y_pred has 2"):
        classification_metrics([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match="only one class"):
        classification_metrics([1, 1, 1], [1, 0, 1], [0.9, 0.2, 0.8])
    with pytest.raises(ValueError, match="NaN"):
        classification_metrics([0, 1], [0, 1], [0.1, np.nan])
    with pytest.raises(ValueError, match="one column per class"):
        classification_metrics([0, 1, 2], [0, 1, 2], [0.1, 0.5, 0.9])
    with pytest.raises(ValueError, match="2 columns but y_true has 3 classes"):
        roc_auc([0, 1, 2], np.full((3, 2), 0.5))


def test_compare_builds_a_sorted_table():
    good = regression_metrics([1, 2, 3], [1, 2, 3], name="good")
    bad = regression_metrics([1, 2, 3], [3, 2, 1], name="bad")
    table = compare([bad, good], sort_by="rmse")
    assert list(table.index) == ["good", "bad"]
    assert table.index.name == "model"
    by_r2 = compare({"bad": bad, "good": good}, sort_by="r2")
    assert list(by_r2.index) == ["good", "bad"]


def test_compare_rejects_bad_input():
    unnamed = regression_metrics([1, 2], [1, 2])
    with pytest.raises(ValueError, match="no model name"):
        compare([unnamed])
    with pytest.raises(ValueError, match="at least one"):
        compare([])
    named = unnamed.rename("a")
    with pytest.raises(ValueError, match="unique"):
        compare([named, named])
    with pytest.raises(ValueError, match="Cannot sort by 'auc'"):
        compare([named], sort_by="auc")
    with pytest.raises(ValueError, match="not a metrics Series"):
        compare([{"rmse": 1.0}])
