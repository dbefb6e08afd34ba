"""Plots the chapters share, shaped like scikit-learn's and seaborn's axes-level API.

Every function takes ``ax=None`` (a new figure is made when it is missing), draws
on that Axes and returns it. None of them calls ``plt.show()`` or writes a file.
Where scikit-learn has a display object for the job, it draws the picture and
these functions add the course's labels and annotations.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import AutoLocator, MaxNLocator
from sklearn.metrics import (
    ConfusionMatrixDisplay,
    PredictionErrorDisplay,
    RocCurveDisplay,
    roc_curve,
)

from helpers._validation import as_1d, as_scores, same_length
from helpers.metrics import roc_auc
from helpers.style import PALETTE

__all__ = [
    "plot_actual_vs_predicted",
    "plot_confusion_matrix",
    "plot_decision_boundary",
    "plot_history",
    "plot_roc",
]

_HIGHER_IS_BETTER = ("acc", "auc", "precision", "recall", "f1", "r2")


def _axes(ax: Axes | None) -> Axes:
    return plt.subplots()[1] if ax is None else ax


def _history_table(history: Any) -> pd.DataFrame:
    if hasattr(history, "history") and isinstance(history.history, Mapping):
        history = history.history  # a keras.callbacks.History
    if isinstance(history, pd.DataFrame):
        table = history.reset_index(drop=True)
    elif isinstance(history, Mapping):
        lengths = {key: len(values) for key, values in history.items()}
        if len(set(lengths.values())) > 1:
            raise ValueError(
                f"Every metric in the history needs one value per epoch; got {lengths}."
            )
        table = pd.DataFrame({key: list(values) for key, values in history.items()})
    else:
        raise ValueError(
            "history must be a Keras History (what model.fit returns), a dict of "
            f"per-epoch lists, or a DataFrame; got a {type(history).__name__}."
        )
    if table.empty:
        raise ValueError("The history is empty: train for at least one epoch first.")
    return table


def plot_history(
    history: Any,
    metric: str = "loss",
    *,
    mode: str = "auto",
    ax: Axes | None = None,
    title: str | None = None,
    step: str = "epoch",
    restored: bool = False,
) -> Axes:
    """Plot a training curve: ``metric`` on the training and validation data per epoch.

    The best validation epoch (or best training epoch, without validation data) is
    marked, so overfitting shows as the gap that opens after it. The mark says only what
    happened: a dotted line and a filled dot labelled "kept" when the model was given that
    epoch's weights back (``restored=True``), otherwise a hollow ring labelled "weights not
    restored", because the model holds the last epoch's weights. Introduced in chapter 06.

    Parameters
    ----------
    history : keras.callbacks.History, dict or DataFrame
        ``model.fit(...)``'s return value, its ``.history`` dict, or a table with a
        column per metric (``loss``, ``val_loss``, ...) and a row per epoch.
    metric : str
        The metric to plot; its validation twin is ``"val_" + metric``.
    mode : {"auto", "min", "max"}
        Whether lower or higher is better; "auto" picks "max" for accuracy-like
        metrics (accuracy, AUC, precision, recall, F1, R²) and "min" otherwise.
    ax : matplotlib Axes, optional
    step : str
        What one row of the history is, for the x-axis label and the legend: "epoch" for
        a network, "round" for a booster (chapter 04), where one row is one tree added.
    restored : bool
        True when the model kept the best epoch's weights: Keras'
        ``EarlyStopping(restore_best_weights=True)`` sets them back at the end of
        training, and a booster with early stopping predicts with its best round.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_history({"loss": [1.0, 0.6, 0.5], "val_loss": [1.1, 0.7, 0.8]})
    >>> ax.get_legend().get_texts()[-1].get_text()
    'lowest val_loss 0.7 at epoch 2 (weights not restored)'
    >>> ax = plot_history({"loss": [1.0, 0.6], "val_loss": [1.1, 0.7]}, restored=True)
    >>> ax.get_legend().get_texts()[-1].get_text()
    'kept: best epoch 2 (val_loss 0.7)'
    """
    table = _history_table(history)
    if metric not in table.columns:
        raise ValueError(f"The history has no {metric!r}; it has {list(table.columns)}.")
    if mode == "auto":
        mode = "max" if any(key in metric.lower() for key in _HIGHER_IS_BETTER) else "min"
    if mode not in ("min", "max"):
        raise ValueError(f"mode must be 'auto', 'min' or 'max'; got {mode!r}.")
    if not isinstance(step, str) or not step.strip():
        raise ValueError(f"step names one row of the history, e.g. 'epoch'; got {step!r}.")
    ax = _axes(ax)
    epochs = np.arange(1, len(table) + 1)
    ax.plot(epochs, table[metric], marker="o", markersize=3, label=f"training {metric}")
    watched = f"val_{metric}" if f"val_{metric}" in table.columns else metric
    if watched != metric:
        ax.plot(epochs, table[watched], marker="o", markersize=3, label=f"validation {metric}")
    values = table[watched].to_numpy(dtype=float)
    if np.isnan(values).all():
        raise ValueError(f"Every value of {watched!r} is NaN: the training diverged.")
    best = int(np.nanargmin(values) if mode == "min" else np.nanargmax(values))
    extreme = "lowest" if mode == "min" else "highest"
    if restored:
        ax.axvline(epochs[best], color="0.4", linestyle=":", linewidth=1.5)
        ax.plot(
            epochs[best],
            values[best],
            "o",
            color="0.2",
            markersize=8,
            label=f"kept: best {step} {epochs[best]} ({watched} {values[best]:.3g})",
        )
    else:
        ax.plot(
            epochs[best],
            values[best],
            "o",
            markerfacecolor="none",
            markeredgecolor="0.2",
            markeredgewidth=1.5,
            markersize=9,
            label=f"{extreme} {watched} {values[best]:.3g} at {step} {epochs[best]} "
            "(weights not restored)",
        )
    ax.set(xlabel=step, ylabel=metric, title=title or f"Training curve: {metric}")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    return ax


def _threshold_points(fpr: np.ndarray, tpr: np.ndarray, count: int) -> list[int]:
    """Indices of ``count`` points spread evenly along the curve (by arc length)."""
    steps = np.hypot(np.diff(fpr), np.diff(tpr))
    arc = np.concatenate([[0.0], np.cumsum(steps)])
    targets = np.linspace(0, arc[-1], count + 2)[1:-1]
    indices = np.unique(np.clip(np.searchsorted(arc, targets), 1, len(arc) - 1))
    return [int(i) for i in indices]


def plot_roc(
    y_true: Any,
    y_score: Any,
    *,
    name: str | None = None,
    class_names: Sequence[str] | None = None,
    n_thresholds: int = 5,
    ax: Axes | None = None,
) -> Axes:
    """Plot ROC curves with the AUC in the legend and the chance diagonal.

    Binary problems (``y_score`` 1-D, or two probability columns) get one curve with
    ``n_thresholds`` decision thresholds annotated at even spacing along it.
    Multiclass problems (``y_score`` with one column per class, in sorted label
    order) get one one-vs-rest curve per class. Call it again with the same ``ax``
    to compare models; the chance diagonal is drawn once. Introduced in chapter 04.

    Raises
    ------
    ValueError
        Length mismatch, NaN, a single class in ``y_true``, scores whose number of
        columns does not match the classes, or a wrong number of ``class_names``.

    Examples
    --------
    >>> ax = plot_roc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], name="toy")
    >>> ax.get_legend().get_texts()[0].get_text()
    'toy (AUC = 0.75)'
    """
    y_true = as_1d(y_true, "y_true", numeric=False)
    scores = as_scores(y_score)
    same_length(y_true=y_true, y_score=scores)
    roc_auc(y_true, scores)  # validates classes against the score columns
    classes = np.unique(y_true)
    if class_names is not None and len(class_names) != len(classes):
        raise ValueError(
            f"class_names has {len(class_names)} names but y_true has {len(classes)} classes."
        )
    labels = [str(c) for c in (class_names if class_names is not None else classes)]
    ax = _axes(ax)
    # Several models on one Axes share one chance diagonal.
    needs_chance = not any(line.get_label().startswith("Chance") for line in ax.get_lines())
    if len(classes) == 2:
        positive = scores[:, 1] if scores.ndim == 2 else scores
        is_positive = y_true == classes[1]
        RocCurveDisplay.from_predictions(
            is_positive, positive, name=name or "model", ax=ax, plot_chance_level=needs_chance
        )
        fpr, tpr, thresholds = roc_curve(is_positive, positive)
        points = _threshold_points(fpr, tpr, n_thresholds)
        # Two decimals, or as many as it takes for no two labels to read the same.
        for decimals in (2, 3, 4, 6):
            texts = [f"t = {thresholds[index]:.{decimals}f}" for index in points]
            if len(set(texts)) == len(texts):
                break
        for index, text in zip(points, texts, strict=True):
            ax.plot(fpr[index], tpr[index], "o", color="0.2", markersize=5)
            right_edge = fpr[index] > 0.7  # keep the label inside the axes: below, left or right
            ax.annotate(
                text,
                (fpr[index], tpr[index]),
                xytext=(-10, -14) if right_edge else (10, -14),
                textcoords="offset points",
                ha="right" if right_edge else "left",
                fontsize="small",
            )
        subtitle = f"positive class: {labels[1]}"
    else:
        for position, (cls, label) in enumerate(zip(classes, labels, strict=True)):
            RocCurveDisplay.from_predictions(
                y_true == cls,
                scores[:, position],
                name=f"{label} vs rest",
                ax=ax,
                plot_chance_level=needs_chance and position == len(classes) - 1,
                curve_kwargs={"color": PALETTE[position % len(PALETTE)]},
            )
        subtitle = "one-vs-rest"
    ax.set(
        xlabel="False positive rate",
        ylabel="True positive rate (recall)",
        title=f"ROC curve, {subtitle}",
    )
    ax.legend(loc="lower right")
    return ax


def plot_actual_vs_predicted(
    y_true: Any,
    y_pred: Any,
    *,
    name: str | None = None,
    units: str | None = None,
    subsample: int | None = 2000,
    ax: Axes | None = None,
) -> Axes:
    """Scatter predictions against actual values, with the identity line ``y = x``.

    Points on the line are perfect predictions; points above it are over-estimates.
    At most ``subsample`` points are drawn (``None`` draws all), chosen with a fixed
    seed. Introduced in chapter 02.

    Examples
    --------
    >>> ax = plot_actual_vs_predicted([1, 2, 3], [1.1, 1.9, 3.2], name="toy")
    >>> ax.get_xlabel()
    'Actual'
    """
    y_true = as_1d(y_true, "y_true")
    y_pred = as_1d(y_pred, "y_pred")
    same_length(y_true=y_true, y_pred=y_pred)
    ax = _axes(ax)
    display = PredictionErrorDisplay.from_predictions(
        y_true,
        y_pred,
        kind="actual_vs_predicted",
        subsample=subsample,
        random_state=42,
        ax=ax,
        scatter_kwargs={"alpha": 0.4, "s": 12, "color": PALETTE[0]},
    )
    display.scatter_.set_label(name or "predictions")
    display.line_.set_label("perfect prediction (y = x)")
    for axis in (ax.xaxis, ax.yaxis):  # round tick values instead of the display's five
        axis.set_major_locator(AutoLocator())
    suffix = f" ({units})" if units else ""
    ax.set(
        xlabel=f"Actual{suffix}",
        ylabel=f"Predicted{suffix}",
        title=f"{name}: actual vs predicted" if name else "Actual vs predicted",
    )
    ax.legend(loc="upper left")
    return ax


def plot_confusion_matrix(
    y_true: Any,
    y_pred: Any,
    *,
    class_names: Sequence[str] | None = None,
    normalize: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a confusion matrix with class names: rows are true, columns predicted.

    ``normalize`` is passed to scikit-learn: ``"true"`` shows each row as
    proportions (per-class recall on the diagonal). Introduced in chapter 03.

    Examples
    --------
    >>> ax = plot_confusion_matrix(["a", "b", "b"], ["a", "b", "a"])
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['a', 'b']
    """
    y_true = as_1d(y_true, "y_true", numeric=False)
    y_pred = as_1d(y_pred, "y_pred", numeric=False)
    same_length(y_true=y_true, y_pred=y_pred)
    labels = np.unique(np.concatenate([y_true, y_pred]))
    if class_names is not None and len(class_names) != len(labels):
        raise ValueError(
            f"class_names has {len(class_names)} names but the labels have {len(labels)} "
            f"classes ({list(labels)})."
        )
    ax = _axes(ax)
    ConfusionMatrixDisplay.from_predictions(
        y_true,
        y_pred,
        labels=labels,
        display_labels=class_names,
        normalize=normalize,
        values_format=".2f" if normalize else "d",
        cmap="Blues",
        colorbar=False,
        ax=ax,
    )
    ax.set(xlabel="Predicted class", ylabel="True class", title="Confusion matrix")
    ax.grid(False)
    return ax


def _predict(model: Any, grid: Any) -> np.ndarray:
    predict = getattr(model, "predict", None)
    if predict is None:
        raise ValueError(f"The model ({type(model).__name__}) has no predict method.")
    try:
        quiet = "verbose" in inspect.signature(predict).parameters
    except (TypeError, ValueError):
        quiet = False
    output = np.asarray(predict(grid, verbose=0) if quiet else predict(grid))
    if output.ndim == 2 and output.shape[1] > 1:
        return output.argmax(axis=1)  # class probabilities, e.g. a softmax network
    output = output.reshape(len(output))
    if output.dtype.kind == "f" and not np.all(np.mod(output, 1) == 0):
        return (output >= 0.5).astype(int)  # a probability of the positive class
    return output


def plot_decision_boundary(
    model: Any,
    X: Any,
    y: Any | None = None,
    *,
    feature_names: Sequence[str] | None = None,
    class_names: Sequence[str] | None = None,
    grid_resolution: int = 200,
    alpha: float = 0.25,
    ax: Axes | None = None,
) -> Axes:
    """Shade the regions a fitted two-feature classifier assigns to each class.

    Works with any model whose ``predict`` takes an (n, 2) input: scikit-learn
    classifiers, XGBoost, and Keras networks (probabilities are turned into classes
    by argmax, or by a 0.5 threshold for one sigmoid output). The data points are
    drawn on top, coloured by ``y`` when given. Introduced in chapter 03.

    Raises
    ------
    ValueError
        If ``X`` does not have exactly two feature columns, contains NaN, or ``y``
        does not have one label per row.
    """
    columns = list(X.columns) if isinstance(X, pd.DataFrame) else None
    points = np.asarray(X, dtype=float)
    if points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(
            "plot_decision_boundary draws two features at a time, so X needs exactly "
            f"2 columns; got shape {points.shape}."
        )
    if np.isnan(points).any():
        raise ValueError("X contains NaN; drop or impute missing values first.")
    if grid_resolution < 2:
        raise ValueError(f"grid_resolution must be at least 2; got {grid_resolution}.")
    labels_true = None
    if y is not None:
        labels_true = as_1d(y, "y", numeric=False)
        same_length(X=points, y=labels_true)
    low, high = points.min(axis=0), points.max(axis=0)
    margin = 0.05 * np.where(high > low, high - low, 1.0)
    axis0 = np.linspace(low[0] - margin[0], high[0] + margin[0], grid_resolution)
    axis1 = np.linspace(low[1] - margin[1], high[1] + margin[1], grid_resolution)
    xx, yy = np.meshgrid(axis0, axis1)
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    predicted = _predict(model, pd.DataFrame(grid, columns=columns) if columns else grid)
    known = [predicted] if labels_true is None else [predicted, labels_true]
    classes = np.unique(np.concatenate(known))
    if class_names is not None and len(class_names) != len(classes):
        raise ValueError(
            f"class_names has {len(class_names)} names but there are {len(classes)} classes."
        )
    names = [str(c) for c in (class_names if class_names is not None else classes)]
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(classes))]
    codes = np.searchsorted(classes, predicted).reshape(xx.shape)
    ax = _axes(ax)
    ax.contourf(
        xx, yy, codes, levels=np.arange(len(classes) + 1) - 0.5, colors=colours, alpha=alpha
    )
    if labels_true is not None:
        for cls, name, colour in zip(classes, names, colours, strict=True):
            chosen = labels_true == cls
            ax.scatter(*points[chosen].T, color=colour, edgecolor="white", s=30, label=name)
        ax.legend(title="class")
    x_name, y_name = feature_names or columns or ("feature 0", "feature 1")
    ax.set(xlabel=x_name, ylabel=y_name, title=f"Decision regions of {type(model).__name__}")
    return ax
