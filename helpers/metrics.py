"""Metrics as named pandas objects, ready to print or to stack into tables.

Every function wraps scikit-learn's metrics (so the numbers are scikit-learn's),
validates its inputs, and returns a :class:`pandas.Series` named after the model,
so several results concatenate into a comparison table with :func:`compare`.

Introduced in chapter 01 (the workflow: choose a metric); used from chapter 02 on.

Examples
--------
>>> from helpers.metrics import regression_metrics
>>> regression_metrics([3.0, 5.0, 2.5], [2.5, 5.0, 3.0], name="toy").round(3)["rmse"]
np.float64(0.408)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as skm

from helpers._validation import as_1d, as_scores, same_length

__all__ = ["classification_metrics", "compare", "regression_metrics", "roc_auc"]

#: Metrics where a lower value is better; every other metric is higher-is-better.
LOWER_IS_BETTER = frozenset({"mse", "rmse", "mae", "log_loss"})


def regression_metrics(y_true: Any, y_pred: Any, *, name: str | None = None) -> pd.Series:
    """Return MSE, RMSE, MAE, R² and explained variance for a regression model.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted values; lists, arrays, Series and (n, 1) columns
        (what a Keras model's ``predict`` returns) are all accepted.
    name : str, optional
        Model name, used as the Series name (and the row label in :func:`compare`).

    Returns
    -------
    pandas.Series
        Index ``mse, rmse, mae, r2, explained_variance``.

    Raises
    ------
    ValueError
        If the inputs differ in length, are empty, not 1-D, or contain NaN.
    """
    y_true = as_1d(y_true, "y_true")
    y_pred = as_1d(y_pred, "y_pred")
    same_length(y_true=y_true, y_pred=y_pred)
    mse = skm.mean_squared_error(y_true, y_pred)
    return pd.Series(
        {
            "mse": mse,
            "rmse": skm.root_mean_squared_error(y_true, y_pred),
            "mae": skm.mean_absolute_error(y_true, y_pred),
            "r2": skm.r2_score(y_true, y_pred),
            "explained_variance": skm.explained_variance_score(y_true, y_pred),
        },
        name=name,
        dtype=float,
    )


def classification_metrics(
    y_true: Any,
    y_pred: Any,
    y_score: Any | None = None,
    *,
    average: str | None = None,
    name: str | None = None,
) -> pd.Series:
    """Return accuracy, precision, recall, F1 and (with scores) ROC AUC.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted class labels (numbers or strings).
    y_score : array-like, optional
        Scores for ROC AUC: shape (n_samples,) with the positive class's score for
        a binary problem, or (n_samples, n_classes) probabilities for a multiclass
        one (columns in sorted label order; AUC is then one-vs-rest, macro-averaged).
    average : {"binary", "macro", "weighted", "micro"}, optional
        How precision, recall and F1 combine classes: ``"binary"`` for two classes
        (the positive class is the larger label) and ``"macro"`` otherwise by default.
    name : str, optional
        Model name, used as the Series name.

    Raises
    ------
    ValueError
        Length mismatch, empty or NaN input, a single class in ``y_true`` when
        scores are given (ROC AUC needs both classes), or scores of the wrong shape.
    """
    y_true = as_1d(y_true, "y_true", numeric=False)
    y_pred = as_1d(y_pred, "y_pred", numeric=False)
    same_length(y_true=y_true, y_pred=y_pred)
    classes = np.unique(np.concatenate([y_true, y_pred]))
    if average is None:
        average = "binary" if len(classes) <= 2 else "macro"
    extra = {"pos_label": classes[-1]} if average == "binary" else {}
    result = {
        "accuracy": skm.accuracy_score(y_true, y_pred),
        "precision": skm.precision_score(y_true, y_pred, average=average, zero_division=0, **extra),
        "recall": skm.recall_score(y_true, y_pred, average=average, zero_division=0, **extra),
        "f1": skm.f1_score(y_true, y_pred, average=average, zero_division=0, **extra),
    }
    if y_score is not None:
        result["roc_auc"] = roc_auc(y_true, y_score)
    return pd.Series(result, name=name, dtype=float)


def roc_auc(y_true: Any, y_score: Any) -> float:
    """ROC AUC for binary scores or one-vs-rest (macro) for multiclass probabilities."""
    y_true = as_1d(y_true, "y_true", numeric=False)
    scores = as_scores(y_score)
    same_length(y_true=y_true, y_score=scores)
    classes = np.unique(y_true)
    if len(classes) < 2:
        raise ValueError(
            f"ROC AUC needs both positive and negative examples, but y_true has only "
            f"one class ({classes[0]!r}). Use a test set that contains every class."
        )
    if scores.ndim == 2 and scores.shape[1] == 2 and len(classes) == 2:
        scores = scores[:, 1]
    if scores.ndim == 1:
        if len(classes) > 2:
            raise ValueError(
                f"y_true has {len(classes)} classes, so y_score needs one column per class "
                "(for example model.predict_proba(X)), not a single column."
            )
        return float(skm.roc_auc_score(y_true, scores))
    if scores.shape[1] != len(classes):
        raise ValueError(
            f"y_score has {scores.shape[1]} columns but y_true has {len(classes)} classes; "
            "pass one probability column per class."
        )
    return float(skm.roc_auc_score(y_true, scores, multi_class="ovr", labels=classes))


def compare(
    results: Mapping[str, pd.Series] | Iterable[pd.Series],
    *,
    sort_by: str | None = None,
) -> pd.DataFrame:
    """Stack several models' metric Series into one table, a row per model.

    Parameters
    ----------
    results : mapping of name to Series, or iterable of named Series
        Typically the output of :func:`regression_metrics` or
        :func:`classification_metrics`.
    sort_by : str, optional
        Metric to sort by, best model first (ascending for errors such as ``rmse``,
        descending for scores such as ``accuracy``).

    Examples
    --------
    >>> a = regression_metrics([1, 2, 3], [1, 2, 4], name="a")
    >>> b = regression_metrics([1, 2, 3], [1, 2, 3], name="b")
    >>> list(compare([a, b], sort_by="rmse").index)
    ['b', 'a']
    """
    if isinstance(results, Mapping):
        series = [pd.Series(s, dtype=float).rename(n) for n, s in results.items()]
    else:
        series = list(results)
    if not series:
        raise ValueError("compare needs at least one model's metrics.")
    for position, s in enumerate(series):
        if not isinstance(s, pd.Series):
            raise ValueError(f"Item {position} is a {type(s).__name__}, not a metrics Series.")
        if s.name is None:
            raise ValueError(
                f"Item {position} has no model name; pass name=... when computing its "
                "metrics, or give compare a dict of {name: metrics}."
            )
    names = [s.name for s in series]
    if len(set(names)) != len(names):
        raise ValueError(f"Model names must be unique; got {names}.")
    table = pd.DataFrame(series)
    table.index.name = "model"
    if sort_by is not None:
        if sort_by not in table.columns:
            raise ValueError(f"Cannot sort by {sort_by!r}; the metrics are {list(table.columns)}.")
        table = table.sort_values(sort_by, ascending=sort_by in LOWER_IS_BETTER)
    return table
