"""glassnet.sklearn: scikit-learn's own estimator checks, pipelines, model selection, labels, partial_fit."""

import copy
import pickle
import subprocess
import sys
from unittest import SkipTest

import numpy as np
import pytest

from conftest import need, required_in_ci
from learners import ExerciseSigmoid

need("sklearn", "the scikit-learn estimators")

from sklearn.datasets import load_iris, make_classification, make_regression  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.utils.estimator_checks import parametrize_with_checks  # noqa: E402

from glassnet.activations import Identity, ReLU, Sigmoid, Softmax, Tanh  # noqa: E402
from glassnet.losses import MSE, CategoricalCrossEntropy, CrossEntropy  # noqa: E402
from glassnet.network import NeuralNetwork  # noqa: E402
from glassnet.optimizers import Adam  # noqa: E402
from glassnet.sklearn import GlassnetClassifier, GlassnetRegressor  # noqa: E402
from glassnet.training import EarlyStopping  # noqa: E402

# Like MLPClassifier, the estimators warn when max_iter ends training before the loss settles; the
# short trainings here do that on purpose (tests that are about the warning catch it with pytest.warns).
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")

# Every check of scikit-learn's suite applies to these estimators; none is declared as an expected
# failure (the dict would go here, check name -> reason, if one ever had to be).
EXPECTED_FAILED_CHECKS: dict[str, str] = {}


@parametrize_with_checks(
    [GlassnetClassifier(random_state=0), GlassnetRegressor(random_state=0)],
    expected_failed_checks=lambda estimator: EXPECTED_FAILED_CHECKS,
    xfail_strict=True,
)
def test_scikit_learn_estimator_checks(estimator, check, monkeypatch):
    # check_array_api_input runs only where SciPy's array-API switch is set (scikit-learn's own CI
    # sets it); with it set here the check runs instead of being skipped.
    monkeypatch.setenv("SCIPY_ARRAY_API", "1")
    try:
        check(estimator)
    except SkipTest as skip:  # e.g. pandas missing: fine on a laptop, but CI must run every check
        if required_in_ci():
            pytest.fail(f"scikit-learn skipped this check ({skip}); CI requires every check to run.")
        raise


@pytest.fixture(scope="module")
def iris():
    X, y = load_iris(return_X_y=True)
    return train_test_split(X, y, test_size=0.3, random_state=0, stratify=y)


def test_parameters_are_mlpclassifiers_names_with_its_defaults_plus_glassnets_own():
    ours, theirs = GlassnetClassifier().get_params(), MLPClassifier().get_params()
    shared = {"hidden_layer_sizes", "activation", "alpha", "batch_size", "learning_rate_init", "max_iter",
              "tol", "n_iter_no_change", "early_stopping", "validation_fraction", "momentum",
              "nesterovs_momentum", "beta_1", "beta_2", "epsilon", "random_state", "warm_start", "verbose"}
    assert shared <= set(theirs)
    assert {name: ours[name] for name in shared} == {name: theirs[name] for name in shared}
    assert set(ours) - shared == {"optimizer", "loss", "init", "dtype"}
    assert set(GlassnetRegressor().get_params()) == set(ours)
    assert shared <= set(MLPRegressor().get_params())


def test_in_a_pipeline_with_a_scaler_it_learns_iris_as_well_as_mlpclassifier(iris):
    X_train, X_test, y_train, y_test = iris
    model = make_pipeline(StandardScaler(), GlassnetClassifier(random_state=0)).fit(X_train, y_train)
    peer = make_pipeline(StandardScaler(), MLPClassifier(random_state=0)).fit(X_train, y_train)
    assert model.score(X_test, y_test) >= max(0.9, peer.score(X_test, y_test) - 0.05)
    assert model.predict(X_test).shape == y_test.shape
    np.testing.assert_allclose(model.predict_proba(X_test).sum(axis=1), 1.0)


def test_grid_search_picks_among_the_grid_and_refits(iris):
    X_train, X_test, y_train, y_test = iris
    grid = {"glassnetclassifier__hidden_layer_sizes": [(5,), (20,)],
            "glassnetclassifier__learning_rate_init": [0.01, 0.05]}
    model = make_pipeline(StandardScaler(), GlassnetClassifier(max_iter=50, random_state=0))
    search = GridSearchCV(model, grid, cv=3).fit(X_train, y_train)
    assert len(search.cv_results_["params"]) == 4
    assert search.best_params_["glassnetclassifier__hidden_layer_sizes"] in [(5,), (20,)]
    assert search.best_score_ >= 0.85
    assert search.score(X_test, y_test) >= 0.85
    assert search.best_estimator_[-1].network_.sizes[1] == search.best_params_[
        "glassnetclassifier__hidden_layer_sizes"][0]


def test_cross_val_score_gives_one_good_score_per_fold():
    X, y = make_classification(n_samples=300, n_features=6, n_informative=4, random_state=0)
    model = make_pipeline(StandardScaler(), GlassnetClassifier(hidden_layer_sizes=(10,), max_iter=100,
                                                               learning_rate_init=0.01, random_state=0))
    scores = cross_val_score(model, X, y, cv=5)
    assert scores.shape == (5,)
    assert scores.min() >= 0.75


def _three_blobs(labels, n=90, seed=0):
    rng = np.random.default_rng(seed)
    centres = np.array([[0, 4], [4, 0], [-4, -4]])
    index = np.arange(n) % len(labels)
    X = centres[index] + rng.normal(scale=0.7, size=(n, 2))
    return X, np.asarray(labels)[index]


@pytest.mark.parametrize("labels", [["cat", "dog", "emu"], [9, 3, 7]], ids=["strings", "non-contiguous"])
def test_any_labels_come_back_as_given(labels):
    X, y = _three_blobs(labels)
    clf = GlassnetClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.05, max_iter=100, random_state=0)
    clf.fit(X, y)
    assert clf.classes_.tolist() == sorted(labels)
    assert clf.predict(X).dtype == np.asarray(labels).dtype
    assert clf.score(X, y) >= 0.95
    # several classes: a softmax output per class and categorical cross-entropy
    assert clf.network_.sizes[-1] == 3 and clf.network_.layers[-1].activation is Softmax
    assert clf.network_.loss is CategoricalCrossEntropy


def test_two_classes_use_one_sigmoid_output_whose_value_is_the_second_class_probability():
    X, y = _three_blobs([-1, 1])
    clf = GlassnetClassifier(hidden_layer_sizes=(4,), learning_rate_init=0.05, max_iter=60,
                             random_state=0).fit(X, y)
    assert clf.network_.sizes[-1] == 1 and clf.network_.layers[-1].activation is Sigmoid
    assert clf.network_.loss is CrossEntropy
    a = clf.network_.run(X)[:, 0]
    np.testing.assert_array_equal(clf.predict_proba(X), np.column_stack([1 - a, a]))
    np.testing.assert_array_equal(clf.predict(X), np.where(a > 0.5, 1, -1))
    assert clf.score(X, y) >= 0.95


def test_fit_is_glassnets_fit_with_mlpclassifiers_parameters_mapped():
    """The estimator trains exactly the network NeuralNetwork.fit would, given the same settings."""
    X, y = _three_blobs([0, 1, 2])
    clf = GlassnetClassifier(hidden_layer_sizes=(5,), activation="tanh", optimizer="sgd", alpha=0.0,
                             learning_rate_init=0.1, batch_size=16, max_iter=7, random_state=3)
    with pytest.warns(ConvergenceWarning, match="max_iter=7"):
        clf.fit(X, y)
    seed = int(np.random.RandomState(3).randint(np.iinfo(np.int32).max))
    net = NeuralNetwork([2, 5, 3], activation=Tanh, output_activation=Softmax, loss=CategoricalCrossEntropy,
                        seed=seed)
    history = net.fit(X, y, epochs=7, batch_size=16, learning_rate=0.1, optimizer="sgd", seed=seed,
                      early_stopping=EarlyStopping(patience=10, min_delta=1e-4, restore_best=False))
    for ours, theirs in zip(clf.network_.layers, net.layers, strict=True):
        np.testing.assert_array_equal(ours.W, theirs.W)
    assert clf.loss_curve_ == history.loss and clf.n_iter_ == 7


def test_logistic_is_mlpclassifiers_name_for_the_sigmoid():
    X, y = _three_blobs([0, 1])
    nets = [GlassnetClassifier(hidden_layer_sizes=(3,), activation=name, max_iter=2, random_state=0)
            for name in ("logistic", "sigmoid", Sigmoid)]
    with pytest.warns(ConvergenceWarning):
        weights = [clf.fit(X, y).network_.layers[0].W for clf in nets]
    assert nets[0].network_.layers[0].activation is Sigmoid
    np.testing.assert_array_equal(weights[0], weights[1])
    np.testing.assert_array_equal(weights[0], weights[2])


def test_regression_with_several_targets_predicts_every_column():
    X, Y = make_regression(n_samples=200, n_features=4, n_targets=2, noise=1.0, random_state=0)
    X, Y = StandardScaler().fit_transform(X), Y / Y.std(axis=0)
    reg = GlassnetRegressor(hidden_layer_sizes=(16,), learning_rate_init=0.01, max_iter=300,
                            random_state=0).fit(X, Y)
    assert reg.network_.sizes[-1] == 2 and reg.network_.layers[-1].activation is Identity
    assert reg.network_.loss is MSE
    assert reg.predict(X).shape == (200, 2)
    assert reg.score(X, Y) >= 0.95
    one = GlassnetRegressor(hidden_layer_sizes=(16,), learning_rate_init=0.01, max_iter=50, random_state=0)
    with pytest.warns(ConvergenceWarning):
        one.fit(X, Y[:, 0])
    assert one.predict(X).shape == (200,)


def test_partial_fit_trains_one_epoch_per_call_and_keeps_the_history():
    X, y = _three_blobs(["a", "b", "c"])
    clf = GlassnetClassifier(hidden_layer_sizes=(8,), learning_rate_init=0.05, random_state=0)
    with pytest.raises(ValueError, match="first call to partial_fit needs classes="):
        clf.partial_fit(X, y)
    for call in range(1, 31):
        clf.partial_fit(X[:45], y[:45], classes=["a", "b", "c"])
        clf.partial_fit(X[45:], y[45:])
        assert len(clf.loss_curve_) == clf.n_iter_ == clf.history_.epochs == 2 * call
    assert clf.loss_curve_[-1] < clf.loss_curve_[0]
    assert clf.score(X, y) >= 0.95
    with pytest.raises(ValueError, match=r"labels \['z'\] that are not in classes"):
        clf.partial_fit(X[:2], ["a", "z"])


def test_regressor_partial_fit_continues_the_same_network():
    X, y = make_regression(n_samples=100, n_features=3, noise=0.5, random_state=1)
    X, y = StandardScaler().fit_transform(X), y / y.std()
    reg = GlassnetRegressor(hidden_layer_sizes=(8,), learning_rate_init=0.01, random_state=0)
    reg.partial_fit(X, y)
    network = reg.network_
    for _ in range(20):
        reg.partial_fit(X, y)
    assert reg.network_ is network and reg.n_iter_ == 21
    assert reg.loss_curve_[-1] < reg.loss_curve_[0]


def test_warm_start_continues_where_the_last_fit_ended():
    X, y = _three_blobs([0, 1])
    clf = GlassnetClassifier(hidden_layer_sizes=(4,), max_iter=3, warm_start=True, random_state=0)
    with pytest.warns(ConvergenceWarning):
        clf.fit(X, y)
        network, first = clf.network_, list(clf.loss_curve_)
        clf.fit(X, y)
    assert clf.network_ is network and clf.loss_curve_[:3] == first and clf.n_iter_ == 6


def test_early_stopping_holds_out_validation_data_and_stops_on_its_loss():
    X, y = make_classification(n_samples=400, n_features=5, random_state=0)
    clf = GlassnetClassifier(hidden_layer_sizes=(10,), early_stopping=True, validation_fraction=0.2,
                             n_iter_no_change=3, learning_rate_init=0.05, max_iter=500, random_state=0)
    clf.fit(X, y)
    history = clf.history_
    assert history.stopped_early and len(history.val_loss) == clf.n_iter_ < 500
    assert history.val_loss[history.best_epoch] == min(history.val_loss)


def test_alpha_is_an_l2_penalty_that_shrinks_the_weights():
    X, y = _three_blobs([0, 1])
    norms = []
    for alpha in (0.0, 10.0):
        clf = GlassnetClassifier(hidden_layer_sizes=(6,), alpha=alpha, learning_rate_init=0.05, max_iter=50,
                                 n_iter_no_change=50, random_state=0)
        with pytest.warns(ConvergenceWarning):
            clf.fit(X, y)
        norms.append(sum(np.sum(layer.W**2) for layer in clf.network_.layers))
    assert norms[1] < 0.5 * norms[0]


def test_an_optimizer_instance_is_copied_and_left_as_given():
    X, y = _three_blobs([0, 1])
    adam = Adam(learning_rate=0.01)
    before = pickle.dumps(adam)
    clf = GlassnetClassifier(hidden_layer_sizes=(4,), optimizer=adam, max_iter=5, random_state=0)
    with pytest.warns(ConvergenceWarning):
        clf.fit(X, y)
    assert pickle.dumps(adam) == before and adam.t == 0


def test_float32_end_to_end():
    X, y = _three_blobs([0, 1, 2])
    clf = GlassnetClassifier(hidden_layer_sizes=(4,), dtype="float32", learning_rate_init=0.05, max_iter=80,
                             random_state=0)
    clf.fit(X, y)
    assert clf.network_.dtype == np.float32
    assert clf.predict_proba(X).dtype == np.float32
    assert clf.score(X, y) >= 0.95


def test_a_learners_own_activation_class_trains_in_the_estimator():
    X, y = _three_blobs([0, 1])
    clf = GlassnetClassifier(hidden_layer_sizes=(4,), activation=ExerciseSigmoid, learning_rate_init=0.05,
                             max_iter=100, random_state=0).fit(X, y)
    assert clf.network_.layers[0].activation.wrapped is ExerciseSigmoid
    assert clf.score(X, y) >= 0.95


def test_hidden_layer_sizes_can_be_one_int_or_empty():
    X, y = _three_blobs([0, 1])
    with pytest.warns(ConvergenceWarning):
        assert GlassnetClassifier(hidden_layer_sizes=7, max_iter=2).fit(X, y).network_.sizes == [2, 7, 1]
        assert GlassnetClassifier(hidden_layer_sizes=(), max_iter=2).fit(X, y).network_.sizes == [2, 1]
    assert GlassnetClassifier(hidden_layer_sizes=(3, 2), activation=ReLU).get_params()["activation"] is ReLU


@pytest.mark.parametrize(("params", "message"), [
    ({"hidden_layer_sizes": (4, 0)}, r"'hidden_layer_sizes' parameter of \w+ must hold integers >= 1. Got \(4, 0\)"),
    ({"hidden_layer_sizes": 10.0}, r"'hidden_layer_sizes' parameter of \w+ must be an array-like or an int in "
                                   r"the range \[1, inf\). Got 10.0 instead"),
    ({"hidden_layer_sizes": None}, r"'hidden_layer_sizes' parameter .* Got None instead"),
    ({"optimizer": "lbfgs"}, r"'optimizer' parameter of \w+ must be a str among .* Got 'lbfgs' instead"),
    ({"dtype": "int8"}, r"'dtype' parameter of \w+ must be float32 or float64. Got 'int8' instead"),
    ({"dtype": "float65"}, r"'dtype' parameter of \w+ must be float32 or float64. Got 'float65' instead"),
    ({"batch_size": "big"}, r"'batch_size' parameter of \w+ must be a str among \{'auto'\} or an int"),
    ({"activation": "relu6"}, r"Unknown activation 'relu6'; choose one of: identity, relu"),
    ({"activation": None}, r"'activation' parameter of \w+ must be an instance of 'str' or an object implementing "
                           r"'fn' and 'prime'. Got None instead"),
    ({"warm_start": "no"}, r"'warm_start' parameter of \w+ must be an instance of 'bool'.* Got 'no' instead"),
    ({"early_stopping": "no"}, r"'early_stopping' parameter .* Got 'no' instead"),
    ({"max_iter": 0}, r"'max_iter' parameter of \w+ must be an int in the range \[1, inf\). Got 0 instead"),
    ({"max_iter": 2.5}, r"'max_iter' parameter of \w+ must be an int in the range \[1, inf\). Got 2.5 instead"),
    ({"learning_rate_init": -0.1}, r"'learning_rate_init' parameter .* range \(0.0, inf\). Got -0.1 instead"),
    ({"validation_fraction": 1.0}, r"'validation_fraction' parameter .* range \(0.0, 1.0\). Got 1.0 instead"),
    ({"beta_2": 1.5}, r"'beta_2' parameter .* range \[0.0, 1.0\). Got 1.5 instead"),
    ({"alpha": -1}, r"'alpha' parameter .* range \[0.0, inf\). Got -1 instead"),
    ({"loss": 3}, r"'loss' parameter of \w+ must be None, an instance of 'str' or an object implementing 'fn' and "
                  r"'derivative'. Got 3 instead"),
])
def test_bad_parameters_are_named_at_fit_as_scikit_learn_names_them(params, message):
    X, y = _three_blobs([0, 1])
    clf = GlassnetClassifier(**params)  # scikit-learn's rule: __init__ stores, fit checks
    with pytest.raises(ValueError, match=message):
        clf.fit(X, y)
    with pytest.raises(ValueError, match=message):
        GlassnetRegressor(**params).partial_fit(X, y)


def test_a_parameter_of_the_wrong_type_is_scikit_learns_invalid_parameter_error():
    from sklearn.utils._param_validation import InvalidParameterError

    X, y = _three_blobs([0, 1])
    with pytest.raises(InvalidParameterError) as err:
        GlassnetClassifier(max_iter=2.5).fit(X, y)
    assert isinstance(err.value, TypeError) and isinstance(err.value, ValueError)


@pytest.mark.parametrize(("change", "message"), [
    ({"activation": "tanh"}, r"built with activation='relu'; activation is now 'tanh'. Set warm_start=False"),
    ({"dtype": "float32"}, r"built with dtype=dtype\('float64'\); dtype is now dtype\('float32'\)"),
    ({"hidden_layer_sizes": (5,)}, r"built with hidden_layer_sizes=\[3\]; hidden_layer_sizes is now \[5\]"),
])
def test_a_warm_start_refuses_parameters_the_fitted_network_cannot_take(change, message):
    X, y = _three_blobs([0, 1])
    clf = GlassnetClassifier(hidden_layer_sizes=(3,), max_iter=3, warm_start=True, random_state=0)
    with pytest.warns(ConvergenceWarning):
        clf.fit(X, y)
    clf.set_params(**change)
    with pytest.raises(ValueError, match=message):
        clf.fit(X, y)
    clf.set_params(warm_start=False)
    with pytest.warns(ConvergenceWarning):
        clf.fit(X, y)  # a new network, with the new parameter
    assert clf.get_params()[next(iter(change))] == next(iter(change.values()))


def test_one_class_is_refused_by_name():
    X, _ = _three_blobs([0, 1])
    with pytest.raises(ValueError, match=r"y has only one class \('spam'\)"):
        GlassnetClassifier().fit(X, ["spam"] * len(X))


def test_a_batch_larger_than_the_data_is_clipped_with_a_warning():
    X, y = _three_blobs([0, 1], n=20)
    clf = GlassnetClassifier(hidden_layer_sizes=(3,), batch_size=64, max_iter=2, random_state=0)
    with pytest.warns(UserWarning, match="batch_size=64 is outside 1..20"):
        clf.fit(X, y)


def test_clone_of_a_fitted_estimator_is_unfitted_and_deep_copy_predicts_the_same():
    from sklearn.base import clone

    X, y = _three_blobs([0, 1])
    clf = GlassnetClassifier(hidden_layer_sizes=(3,), max_iter=20, learning_rate_init=0.05,
                             random_state=0).fit(X, y)
    assert not hasattr(clone(clf), "network_")
    np.testing.assert_array_equal(copy.deepcopy(clf).predict_proba(X), clf.predict_proba(X))


def test_without_scikit_learn_the_import_names_the_extra_to_install():
    code = ("import sys; sys.modules['sklearn'] = None\n"
            "try:\n    import glassnet.sklearn\nexcept ImportError as err:\n    print(err)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "glassnet.sklearn needs the optional package scikit-learn" in result.stdout
    assert 'pip install "glassnet[sklearn]"' in result.stdout


def test_the_output_layer_follows_glassnets_one_rule_for_the_task():
    X, y = _three_blobs([0, 1])
    with pytest.warns(ConvergenceWarning):
        two = GlassnetClassifier(hidden_layer_sizes=(3,), max_iter=2, loss="categorical-cross-entropy").fit(X, y)
    # a softmax over both classes: categorical cross-entropy on one sigmoid output would ignore class 0
    assert two.network_.sizes == [2, 3, 2] and two.network_.layers[-1].activation.name == "softmax"
    assert two.predict_proba(X).shape == (len(X), 2)
