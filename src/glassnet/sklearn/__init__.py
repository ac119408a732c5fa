"""glassnet inside scikit-learn: ``GlassnetClassifier`` and ``GlassnetRegressor``. Lesson: 07 training.

Two scikit-learn estimators that build and train a glassnet ``NeuralNetwork`` through its public
API (``NeuralNetwork(...)``, ``fit``, ``run``, ``predict``, ``predict_proba``), so that a network
sits in a ``Pipeline``, a ``GridSearchCV`` or ``cross_val_score`` like any other model:

    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> clf = make_pipeline(StandardScaler(), GlassnetClassifier(hidden_layer_sizes=(30,)))
    >>> clf.fit(X, y).score(X_test, y_test)

Parameters keep the names scikit-learn's ``MLPClassifier`` gives to the same things
(``hidden_layer_sizes``, ``activation``, ``alpha``, ``batch_size``, ``learning_rate_init``,
``max_iter``, ``tol``, ``n_iter_no_change``, ``early_stopping``, ``validation_fraction``,
``momentum``, ``nesterovs_momentum``, ``beta_1``, ``beta_2``, ``epsilon``, ``random_state``,
``warm_start``, ``verbose``) and the same defaults; glassnet's own are ``optimizer`` (in place of
``solver``: ``"sgd"``, ``"momentum"`` or ``"adam"``), ``loss``, ``init`` and ``dtype``.

The output layer follows the task, as ``MLPClassifier`` and ``MLPRegressor`` choose it: one
sigmoid output with binary cross-entropy for two classes, a softmax with categorical
cross-entropy for more, and identity outputs with the track's MSE, C = 1/(2n) Σ‖y - a‖², for
regression (one output per target column).

scikit-learn is an optional dependency (the ``sklearn`` extra); ``import glassnet`` does not load it.
"""

from glassnet._validation import import_optional

import_optional("sklearn", "scikit-learn", "sklearn", "glassnet.sklearn")

from glassnet.sklearn.estimators import GlassnetClassifier, GlassnetRegressor  # noqa: E402

__all__ = ["GlassnetClassifier", "GlassnetRegressor"]
