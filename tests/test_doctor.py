"""The doctor: planted faults are named (code, and layer where it sits in one), healthy recipes get
no warning, the user's network and optimizer are left as they were, bad arguments are refused."""

import ast
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from conftest import need
from glassnet import Dense, NeuralNetwork, Sigmoid, Tanh, datasets
from glassnet.doctor import CODES, SEVERITIES, Diagnosis, diagnose
from glassnet.doctor.checks import SATURATED_SLOPE, saturation_edge
from glassnet.doctor.probe import activation_kind
from glassnet.doctor.start_loss import LOSS_EXCESS_NATS, output_excess
from glassnet.doctor.trial import RATIO_TOO_LOW
from glassnet.doctor.trial_checks import OVERFIT_SHARE, validation_rise
from glassnet.optimizers import Adam
from learners import ExerciseSigmoid, SigmoidForgotOneMinus, TanhForgotSquare

need("sklearn", "the digits")

DOCTOR = Path(__file__).resolve().parents[1] / "src" / "glassnet" / "doctor"


@pytest.fixture(scope="module")
def digits():
    return datasets.digits()


@pytest.fixture(scope="module")
def moons():
    return datasets.moons(300, noise=0.2, seed=0)


def digits_net(**options):
    return NeuralNetwork([64, 30, 10], activation="sigmoid", output_activation="softmax",
                         loss="categorical-cross-entropy", seed=0, **options)


def small_table(name):
    """One of scikit-learn's bundled tables (iris, wine, breast_cancer), standardised."""
    from sklearn import datasets as sk

    X, y = getattr(sk, f"load_{name}")(return_X_y=True)
    return (X - X.mean(axis=0)) / X.std(axis=0), y


def flagged(diagnosis: Diagnosis) -> dict[str, list]:
    """code -> the layers of its problems and warnings (notes left out)."""
    found: dict[str, list] = {}
    for f in diagnosis.findings:
        if f.severity != "note":
            found.setdefault(f.code, []).append(f.layer)
    return found


# ---------------------------------------------------------------- healthy recipes
def test_the_issues_digits_recipe_gets_no_problem_and_no_warning(digits):
    diagnosis = diagnose(digits_net(), *digits, learning_rate=0.5, batch_size=10)
    assert diagnosis.healthy, str(diagnosis)
    assert "no problem found" in str(diagnosis)


def test_moons_with_relu_gets_no_problem_and_no_warning(moons):
    net = NeuralNetwork([2, 16, 16, 1], activation="relu", output_activation="sigmoid", loss="cross-entropy",
                        seed=0)
    diagnosis = diagnose(net, *moons, learning_rate=0.1, batch_size=10)
    assert diagnosis.healthy, str(diagnosis)


def test_adam_at_its_default_rate_gets_no_problem_and_no_warning(digits):
    net = NeuralNetwork([64, 64, 10], activation="relu", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    assert diagnose(net, *digits, optimizer="adam", learning_rate=0.001).healthy


def test_a_float32_network_is_compared_with_central_differences_in_float64(digits):
    net = digits_net(dtype=np.float32)
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    assert "gradient-mismatch" not in diagnosis.codes  # float32's rounding is not a wrong derivative
    assert max(diagnosis.measurements.gradients.errors) < 1e-6
    assert net.layers[0].W.dtype == np.float32


# ---------------------------------------------------------------- planted faults
def test_a_zero_start_is_named_symmetry_in_layer_1(digits):
    net = digits_net()
    for layer in net.layers:
        layer.W[...], layer.b[...] = 0.0, 0.0
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    assert flagged(diagnosis)["symmetry"] == [1]
    symmetry = diagnosis.findings[0]
    assert (symmetry.code, symmetry.severity) == ("symmetry", "problem")
    assert symmetry.evidence["works_like"] == 1 and symmetry.evidence["forever"]


def test_biases_at_minus_6_under_relu_are_dead_units_in_that_layer(moons):
    net = NeuralNetwork([2, 16, 16, 1], activation="relu", output_activation="sigmoid", loss="cross-entropy",
                        seed=0)
    net.layers[1].b[...] = -6.0
    diagnosis = diagnose(net, *moons, learning_rate=0.1, batch_size=10)
    assert flagged(diagnosis)["dead-units"] == [2]
    dead = next(f for f in diagnosis.findings if f.code == "dead-units")
    assert dead.evidence["dead_units"] == 16 and dead.severity == "problem"


def test_a_prime_that_forgot_one_minus_s_is_a_gradient_mismatch_named_by_class_and_layer(digits):
    net = NeuralNetwork([64, 30, 10], activation=SigmoidForgotOneMinus, output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    mismatch = diagnosis.findings[0]
    assert (mismatch.code, mismatch.layer, mismatch.severity) == ("gradient-mismatch", 1, "problem")
    assert "SigmoidForgotOneMinus" in mismatch.message
    assert mismatch.evidence["activation_errors"][1] > 0.1  # prime(z) against the slope of fn(z)
    assert mismatch.evidence["layer_errors"][1] < 1e-6  # the softmax layer above it is right


def test_a_wrong_prime_in_one_middle_layer_is_named_at_that_layer(moons):
    rng = np.random.default_rng(0)
    net = NeuralNetwork([Dense(2, 8, Tanh, seed=rng), Dense(8, 8, TanhForgotSquare, seed=rng),
                         Dense(8, 1, Sigmoid, seed=rng)], loss="cross-entropy")
    assert flagged(diagnose(net, *moons, learning_rate=0.1, batch_size=10))["gradient-mismatch"] == [2]


def test_a_learners_own_correct_sigmoid_is_no_mismatch(digits):
    net = NeuralNetwork([64, 30, 10], activation=ExerciseSigmoid, output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    assert diagnosis.healthy, str(diagnosis)
    assert diagnosis.measurements.gradients.activation_errors[1] < 1e-6


def test_inputs_times_1000_are_named_and_their_features_listed(digits):
    X, y = digits
    diagnosis = diagnose(digits_net(), X * 1000, y, learning_rate=0.5, batch_size=10)
    first = diagnosis.findings[0]
    assert first.code == "inputs-unscaled"
    assert first.evidence["z_inputs"] > 100 * first.evidence["z_inputs_scaled"]
    assert max(first.evidence["rms"]) > 500


def test_a_learning_rate_of_200_is_too_high_and_a_smaller_one_is_suggested(digits):
    diagnosis = diagnose(digits_net(), *digits, learning_rate=200, batch_size=10)
    assert diagnosis.codes == ["learning-rate-too-high"]
    assert diagnosis.findings[0].evidence["suggested"] < 200


def test_a_learning_rate_of_1e_4_is_too_low(digits):
    diagnosis = diagnose(digits_net(), *digits, learning_rate=1e-4, batch_size=10)
    assert flagged(diagnosis) == {"learning-rate-too-low": [None]}
    assert diagnosis.findings[0].evidence["suggested"] > 1e-4


@pytest.mark.parametrize("optimizer, rate", [("sgd", 1e-7), ("momentum", 1e-7), ("adam", 1e-7)])
def test_steps_far_too_short_to_move_the_weights_are_a_learning_rate_too_low(moons, optimizer, rate):
    # the shorter runs at rates up to η × 10⁴ cannot rescue these (they were missed): the update/weight
    # ratio alone shows it, and the search then goes on to η × 10⁶ for a rate to suggest
    net = NeuralNetwork([2, 16, 1], activation="tanh", output_activation="sigmoid", loss="cross-entropy", seed=0)
    diagnosis = diagnose(net, *moons, optimizer=optimizer, learning_rate=rate, batch_size=10)
    assert flagged(diagnosis) == {"learning-rate-too-low": [None]}
    evidence = diagnosis.findings[0].evidence
    assert 0 < evidence["largest_ratio"] < RATIO_TOO_LOW and evidence["progress"] < 0.1
    assert evidence["suggested"] >= 1e4 * rate


def test_a_zero_output_layer_does_not_hide_a_tiny_rate(digits):
    # a softmax output starts at W = 0: its own ratio counts its steps, not their size, so it is left out
    diagnosis = diagnose(digits_net(), *digits, learning_rate=1e-6, batch_size=10)
    assert flagged(diagnosis) == {"learning-rate-too-low": [None]}
    assert diagnosis.findings[0].evidence["largest_ratio"] < RATIO_TOO_LOW


def test_shuffled_labels_are_unlearnable(digits):
    X, y = digits
    shuffled = np.random.default_rng(1).permutation(y)
    assert "labels-unlearnable" in flagged(diagnose(digits_net(), X, shuffled, learning_rate=0.5, batch_size=10))


def test_eight_sigmoid_layers_have_a_vanishing_gradient_and_phi_prime_does_it(digits):
    net = NeuralNetwork([64] + [30] * 7 + [10], activation="sigmoid", loss="cross-entropy", seed=0)
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    vanishing = diagnosis.findings[0]
    assert vanishing.code == "vanishing-gradient"
    assert vanishing.evidence["gain"] < 1e-3
    assert "here φ′ does it" in vanishing.message
    sizes = vanishing.evidence["delta_sizes"]
    assert all(a < b for a, b in pairwise(sizes))  # smaller towards the input


def test_an_output_that_starts_confidently_wrong_is_a_loss_at_init(digits):
    net = NeuralNetwork([64, 30, 10], activation="sigmoid", loss="cross-entropy", seed=0)
    net.layers[1].b[...] = 8.0  # every sigmoid output says "yes" at the start
    diagnosis = diagnose(net, *digits, learning_rate=0.5, batch_size=10)
    assert flagged(diagnosis) == {"loss-at-init": [None]}
    assert diagnosis.findings[0].evidence["excess_nats"] > LOSS_EXCESS_NATS


@pytest.mark.parametrize("classes", [3, 10, 20])
def test_one_class_favoured_by_a_bias_of_10_is_a_loss_at_init_whatever_the_number_of_classes(classes):
    # ln K grows slowly with K: at K = 10 and 20 this start is under 5 times ln K (it was missed)
    X, y = datasets.gaussians(50 * classes, n_classes=classes, noise=0.3, seed=0)
    net = NeuralNetwork([2, 32, classes], activation="relu", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    net.layers[-1].b[1] = 10.0
    diagnosis = diagnose(net, X, y, learning_rate=0.1, batch_size=10)
    assert "loss-at-init" in flagged(diagnosis)
    found = next(f for f in diagnosis.findings if f.code == "loss-at-init")
    assert found.evidence["excess_nats"] > LOSS_EXCESS_NATS and found.evidence["output"] is None
    assert "class 1" in found.message
    start = diagnosis.measurements.start
    assert (start.loss / np.log(classes) < 5) == (classes >= 10)


def test_a_single_sigmoid_output_started_at_minus_10_is_a_loss_at_init_naming_the_output():
    X, y = small_table("breast_cancer")
    net = NeuralNetwork([30, 16, 1], activation="tanh", output_activation="sigmoid", loss="cross-entropy", seed=0)
    net.layers[-1].b[0] = -10.0
    found = next(f for f in diagnose(net, X, y, learning_rate=0.1, batch_size=10).findings if f.code == "loss-at-init")
    assert found.evidence["output"] == 0 and found.evidence["excess_nats"] > LOSS_EXCESS_NATS


@pytest.mark.parametrize("init", ["he", "scaled"])
def test_a_drawn_output_layer_is_no_loss_at_init(digits, init):
    net = NeuralNetwork([64, 64, 10], activation="relu", output_activation="softmax",
                        loss="categorical-cross-entropy", init=init, seed=0)
    diagnosis = diagnose(net, *digits, learning_rate=0.05, batch_size=10)
    assert "loss-at-init" not in diagnosis.codes
    assert output_excess(diagnosis.measurements)[0] < LOSS_EXCESS_NATS


def test_one_hidden_unit_cannot_fit_xor():
    net = NeuralNetwork([2, 1, 1], activation="sigmoid", loss="cross-entropy", seed=0)
    assert "cannot-fit-small-batch" in flagged(diagnose(net, *datasets.xor(), learning_rate=2.0, batch_size=4))


def test_one_class_holding_most_examples_is_named_with_its_baseline(moons):
    X, y = moons
    keep = (y == 0) | (np.arange(len(y)) % 10 == 0)
    net = NeuralNetwork([2, 8, 1], activation="tanh", output_activation="sigmoid", loss="cross-entropy", seed=0)
    imbalance = next(f for f in diagnose(net, X[keep], y[keep], learning_rate=0.1, batch_size=10).findings
                     if f.code == "class-imbalance")
    assert imbalance.evidence["baseline"] == pytest.approx(np.mean(y[keep] == 0))
    assert f"{100 * imbalance.evidence['baseline']:.0f}%" in imbalance.message


def test_a_validation_rise_within_the_noise_of_36_examples_is_not_overfitting():
    # wine: the validation loss rises from about 0.03 to 0.07 after epoch 3, carried by the one
    # example the network gets wrong; 97% validation accuracy throughout (it was a warning)
    net = NeuralNetwork([13, 32, 3], activation="relu", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    diagnosis = diagnose(net, *small_table("wine"), optimizer="adam", learning_rate=0.01, batch_size=10)
    assert diagnosis.healthy, str(diagnosis)
    rise = validation_rise(diagnosis.measurements)
    assert rise.relative > 1 and rise.share < OVERFIT_SHARE  # large against its best, small against chance


def test_a_wide_network_on_60_noisy_points_overfits_and_says_how_sure_it_is():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((60, 5))
    y = X[:, 0] + np.sin(2 * X[:, 1]) + 0.5 * rng.standard_normal(60)
    net = NeuralNetwork([5, 64, 64, 1], activation="tanh", output_activation="identity", loss="mse", seed=0)
    diagnosis = diagnose(net, X, y, optimizer="adam", learning_rate=0.01, batch_size=10)
    assert flagged(diagnosis) == {"overfitting": [None]}
    evidence = diagnosis.findings[0].evidence
    assert evidence["z"] >= 1 and evidence["share_of_chance"] >= OVERFIT_SHARE and evidence["gap"] > 5
    assert f"measured on {len(diagnosis.measurements.data.val)} examples" in diagnosis.findings[0].message


def test_a_tiny_mnist1d_training_set_under_a_wide_network_overfits():
    need("mnist1d", "MNIST-1D")
    X, y, _, _ = datasets.mnist1d()
    net = NeuralNetwork([40, 512, 10], activation="relu", output_activation="softmax",
                        loss="categorical-cross-entropy", seed=0)
    diagnosis = diagnose(net, X[:100], y[:100], optimizer="adam", learning_rate=0.01, batch_size=10)
    assert "overfitting" in flagged(diagnosis)


# ---------------------------------------------------------------- what diagnose leaves alone
def test_the_network_and_the_optimizer_given_are_left_as_they_were(digits):
    net = digits_net()
    weights = [(layer.W.copy(), layer.b.copy()) for layer in net.layers]
    optimizer = Adam(0.01)
    diagnose(net, *digits, optimizer=optimizer, batch_size=32)
    for layer, (W, b) in zip(net.layers, weights, strict=True):
        np.testing.assert_array_equal(layer.W, W)
        np.testing.assert_array_equal(layer.b, b)
    assert optimizer.state == {} and optimizer.t == 0 and optimizer.learning_rate == 0.01
    assert not hasattr(net, "history_")


def test_the_same_seed_gives_the_same_findings_and_numbers(moons):
    net = NeuralNetwork([2, 1], output_activation="sigmoid", loss="cross-entropy", seed=0)
    first, second = (diagnose(net, *moons, learning_rate=0.5, batch_size=10) for _ in range(2))
    assert [(f.code, f.message.split(" (in ")[0], f.evidence) for f in first.findings] == \
           [(f.code, f.message.split(" (in ")[0], f.evidence) for f in second.findings]
    assert first.codes  # (a logistic regression on the moons: there is something to find)


def test_the_method_on_the_network_is_the_doctors_diagnose(moons):
    net = NeuralNetwork([2, 1], output_activation="sigmoid", loss="cross-entropy", seed=0)
    assert net.diagnose(*moons, learning_rate=0.5, batch_size=10).codes == \
           diagnose(net, *moons, learning_rate=0.5, batch_size=10).codes


# ---------------------------------------------------------------- the report in words
def test_findings_are_sorted_most_serious_first_and_carry_their_codes_equation_and_lesson(digits):
    X, y = digits
    diagnosis = diagnose(digits_net(), X * 1000, y, learning_rate=0.5, batch_size=10)
    ranks = [SEVERITIES.index(f.severity) for f in diagnosis.findings]
    assert ranks == sorted(ranks) and len(ranks) >= 2
    text = str(diagnosis)
    for f in diagnosis.findings:
        assert f.code in CODES
        assert (f.equation, f.lesson) == CODES[f.code]
        assert f"{f.severity.upper()}: {f.code}" in text


def test_every_code_has_an_equation_and_a_lesson_whose_sections_exist():
    lessons = {path.stem[:2]: path.read_text(encoding="utf-8") for path in (DOCTOR.parents[2] / "lessons").glob("*.py")}
    for code, (equation, lesson) in CODES.items():
        assert equation and lesson, code
        for part in lesson.split("; "):  # "06 backpropagation: Who learns slowly"
            number, section = part[:2], part.split(": ", 1)[1]
            assert number in lessons, (code, part)
            assert f"# ## {section}\n" in lessons[number] or f"# ### {section}\n" in lessons[number], (code, part)


# ---------------------------------------------------------------- measurements
@pytest.mark.parametrize(("activation", "kind"), [("sigmoid", "saturating"), ("tanh", "saturating"),
                                                 ("relu", "one-sided"), ("identity", "linear"),
                                                 ("softmax", "mixing"), (SigmoidForgotOneMinus, "saturating")])
def test_an_activations_kind_is_read_from_the_slope_of_its_fn(activation, kind):
    from glassnet.activations import get_activation

    assert activation_kind(get_activation(activation)) == kind


def test_the_saturation_edge_is_where_the_slope_falls_below_its_share_of_the_peak():
    edge = saturation_edge(Sigmoid)
    assert Sigmoid.prime(edge) == pytest.approx(SATURATED_SLOPE * 0.25, rel=0.02)  # σ'(z) = 0.03 × σ'(0)
    assert saturation_edge(Tanh) == pytest.approx(edge / 2, rel=0.02)  # tanh(z) = 2σ(2z) − 1


# ---------------------------------------------------------------- bad arguments
@pytest.mark.parametrize(("args", "kwargs", "error", "match"), [
    (("not a network", np.zeros((5, 64)), np.zeros(5)), {}, TypeError, "net must be a glassnet NeuralNetwork, got str"),
    ((None, np.zeros((5, 64)), np.zeros(4, dtype=int)), {}, ValueError, "same number of samples, got 5 in X and 4"),
    ((None, np.zeros((5, 3)), np.zeros(5, dtype=int)), {}, ValueError, "3 features, but 64"),
    ((None, np.full((5, 64), np.nan), np.zeros(5, dtype=int)), {}, ValueError, "NaN|finite"),
    ((None, np.zeros(64), np.zeros(1, dtype=int)), {}, ValueError, "several examples"),
    ((None,), {"batch_size": 0}, ValueError, "batch_size must be >= 1"),
    ((None,), {"learning_rate": "fast"}, TypeError, "learning_rate must be a number"),
    ((None,), {"learning_rate": -1}, ValueError, "learning_rate must be > 0"),
    ((None,), {"optimizer": "rmsprop"}, ValueError, "Unknown optimizer 'rmsprop'"),
    ((None,), {"optimizer": Adam(0.1), "learning_rate": 0.5}, TypeError, "Give the learning rate to the optimizer"),
])
def test_bad_arguments_are_refused_saying_what_was_expected(digits, args, kwargs, error, match):
    net = digits_net()
    X, y = digits
    args = (net, X[:50], y[:50]) if args == (None,) else args if args[0] is not None else (net, *args[1:])
    with pytest.raises(error, match=match):
        diagnose(*args, **kwargs)


def test_no_module_of_the_doctor_imports_the_network_module():
    """NeuralNetwork.diagnose imports the doctor; the doctor builds its copies with type(net)."""
    for path in DOCTOR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module] if isinstance(node, ast.ImportFrom) else
                     [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            assert "glassnet.network" not in names, path.name
