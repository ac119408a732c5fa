"""``GlassnetClassifier`` and ``GlassnetRegressor``: a glassnet network as a scikit-learn
classifier or regressor (see the package ``glassnet.sklearn``). Lesson: 07 training."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import ClassifierMixin, RegressorMixin
from sklearn.utils import Tags
from sklearn.utils.multiclass import check_classification_targets

from glassnet.sklearn.base import GlassnetEstimator


class GlassnetClassifier(ClassifierMixin, GlassnetEstimator):
    """A glassnet network as a scikit-learn classifier (labels of any type: strings, -1/1, 3/7/9...).

    Two classes: one sigmoid output a = P(classes_[1]), binary cross-entropy. More: a softmax
    over one output per class, categorical cross-entropy. ``classes_`` holds the sorted class
    labels. One label per sample (no multi-label y). The parameters and the other fitted
    attributes follow.
    """

    _task = "classification"

    def _n_classes(self) -> int:
        return len(self.classes_)

    def fit(self, X: Any, y: Any) -> GlassnetClassifier:
        """Train on ``X`` ``(n_samples, n_features)`` and class labels ``y`` ``(n_samples,)``; returns self."""
        X, y, shape = self._check_Xy(X, y, reset=not (self.warm_start and hasattr(self, "network_")))
        check_classification_targets(y)
        classes = np.unique(y)
        if self.warm_start and hasattr(self, "classes_"):
            self._check_same_classes(classes)
        else:
            self.classes_ = classes
        if len(self.classes_) < 2:
            raise ValueError(
                f"y has only one class ({self.classes_.tolist()[0]!r}); a classifier needs at least two classes."
            )
        self._train(X, np.searchsorted(self.classes_, y), 1, shape, incremental=False)
        return self

    def partial_fit(self, X: Any, y: Any, classes: Any = None) -> GlassnetClassifier:
        """One epoch over ``(X, y)``; the first call needs ``classes``, every label there can be.

        The optimizer starts clean at each call (glassnet's fit), so Adam's moments and the
        momentum's velocity do not carry over from one call to the next.
        """
        first = not hasattr(self, "classes_")
        if first and classes is None:
            raise ValueError("The first call to partial_fit needs classes=, every class label y can hold.")
        X, y, shape = self._check_Xy(X, y, reset=first)
        check_classification_targets(y)
        if first:
            self.classes_ = np.unique(np.asarray(classes))
            if len(self.classes_) < 2:
                raise ValueError(f"classes must hold at least two class labels, got {self.classes_!r}.")
        elif classes is not None:
            self._check_same_classes(np.unique(np.asarray(classes)))
        unknown = np.setdiff1d(y, self.classes_)
        if unknown.size:
            raise ValueError(f"y holds labels {unknown.tolist()} that are not in classes {self.classes_.tolist()}.")
        self._train(X, np.searchsorted(self.classes_, y), 1, shape, incremental=True)
        return self

    def _check_same_classes(self, classes: np.ndarray) -> None:
        if not np.array_equal(classes, self.classes_) and np.setdiff1d(classes, self.classes_).size:
            raise ValueError(
                f"classes {classes.tolist()} differ from those of the first fit, {self.classes_.tolist()}."
            )

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities ``(n_samples, n_classes)``, columns in the order of ``classes_``:
        [1 - a, a] for two classes, the softmax outputs for more."""
        X = self._check_X(X)
        return self.network_.predict_proba(X)

    def predict(self, X: Any) -> np.ndarray:
        """Class labels ``(n_samples,)``: a > 0.5 for two classes, else the largest output."""
        X = self._check_X(X)
        return self.classes_[self.network_.predict(X)]


class GlassnetRegressor(RegressorMixin, GlassnetEstimator):
    """A glassnet network as a scikit-learn regressor: identity outputs, one per target, and MSE.

    ``y`` is ``(n_samples,)`` or ``(n_samples, n_targets)`` (multi-output); ``predict`` returns
    ``(n_samples,)`` for one target, as MLPRegressor does. The parameters and the fitted
    attributes follow.
    """

    _task = "regression"

    def _y_checks(self) -> dict[str, Any]:
        return {"multi_output": True, "y_numeric": True}

    def fit(self, X: Any, y: Any) -> GlassnetRegressor:
        """Train on ``X`` ``(n_samples, n_features)`` and targets ``y``; returns self."""
        X, y, shape = self._check_Xy(X, y, reset=not (self.warm_start and hasattr(self, "network_")))
        Y = np.asarray(y, dtype=shape["dtype"]).reshape(len(y), -1)  # (n, n_targets)
        self._train(X, Y, Y.shape[1], shape, incremental=False)
        return self

    def partial_fit(self, X: Any, y: Any) -> GlassnetRegressor:
        """One epoch over ``(X, y)`` (the optimizer starts clean at each call, as glassnet's fit does)."""
        X, y, shape = self._check_Xy(X, y, reset=not hasattr(self, "network_"))
        Y = np.asarray(y, dtype=shape["dtype"]).reshape(len(y), -1)  # (n, n_targets)
        self._train(X, Y, Y.shape[1], shape, incremental=True)
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Predicted targets: ``(n_samples,)`` for one target, ``(n_samples, n_targets)`` for several."""
        X = self._check_X(X)
        A = self.network_.run(X)  # (n, n_targets)
        return A.ravel() if A.shape[1] == 1 else A

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True  # y may have several columns
        return tags


# Both estimators' docstrings end with the shared Parameters and Attributes (not under python -OO).
for _estimator in (GlassnetClassifier, GlassnetRegressor):
    if _estimator.__doc__ and GlassnetEstimator.__doc__:
        _estimator.__doc__ += GlassnetEstimator.__doc__.split("\n", 1)[1]
