"""The tour: eight sections in the track's order, each number checked against arithmetic done here."""

import html
import math
import re

import pytest

from glassnet import datasets, tour
from glassnet.network import NeuralNetwork
from glassnet.perceptron import Perceptron


@pytest.fixture(scope="module")
def quick_tour():
    """The quick tour, run once: (the sections it returned, every line it echoed)."""
    lines = []
    sections = tour.run(quick=True, echo=lines.append)
    return sections, lines


@pytest.fixture(scope="module")
def numbers(quick_tour):
    """Section number (1..8) -> that section's numbers."""
    sections, _ = quick_tour
    return {i: s.numbers for i, s in enumerate(sections, 1)}


def text(quick_tour, i):
    """All the lines of section i (1..8) as one string."""
    return "\n".join(quick_tour[0][i - 1].lines)


def test_the_tour_has_eight_sections_in_the_tracks_order(quick_tour):
    sections, _ = quick_tour
    assert len(sections) == 8
    assert [s.title.split(".")[0] for s in sections] == [str(i) for i in range(1, 9)]
    topics = ["Linear models", "perceptron", "Activation functions", "feedforward network", "Loss functions",
              "Gradient descent", "Backpropagation", "Training"]
    for section, topic in zip(sections, topics, strict=True):
        assert topic in section.title


def test_the_tour_echoes_each_title_then_its_lines(quick_tour):
    sections, lines = quick_tour
    expected = []
    for s in sections:
        expected += [f"\n{s.title}\n{'-' * len(s.title)}", *s.lines]
    assert lines == expected
    assert all(s.lines for s in sections)  # no section is silent


def test_without_a_folder_the_tour_draws_no_figures(quick_tour):
    assert all(s.figures == [] for s in quick_tour[0])


def test_two_point_table(numbers):
    # w = (0, 1), b = -1.  u = (0, 2): w·u = 0·0 + 1·2 = 2, f = 2 - 1 = 1 > 0.
    #                      v = (1, 0): w·v = 0·1 + 1·0 = 0, f = 0 - 1 = -1 < 0.
    assert numbers[1]["wx"] == [2.0, 0.0]
    assert numbers[1]["f"] == [1.0, -1.0]
    assert numbers[1]["sign"] == [1, -1]


def test_the_perceptron_separates_seven_points_but_not_xor(numbers, quick_tour):
    X, y = datasets.seven_points()
    p = Perceptron(n_inputs=2).fit(X, y)  # the same fit, done here
    assert p.converged_ and numbers[2]["seven_epochs"] == p.n_epochs_
    assert numbers[2]["seven_accuracy"] == 1.0
    assert numbers[2]["xor_converged"] is False
    assert f"seven points: converged after {p.n_epochs_} epochs" in text(quick_tour, 2)
    assert "XOR: converged = False after 100 epochs" in text(quick_tour, 2)


def test_sigmoid_values_and_the_tanh_identity(numbers):
    z = [-5.0, -2.0, 0.0, 2.0, 5.0]
    assert numbers[3]["sigmoid"] == pytest.approx([1 / (1 + math.exp(-v)) for v in z], rel=1e-15)
    assert numbers[3]["tanh_gap"] < 1e-15  # tanh(z) = 2σ(2z) - 1 holds to rounding


def test_the_2_3_1_network_has_13_parameters(numbers):
    assert numbers[4]["n_params"] == 2 * 3 + 3 + 3 * 1 + 1


def test_loss_values_by_hand(numbers):
    # a = (0.9, 0.2, 0.6), y = (1, 0, 1)
    # MSE = 1/(2·3) (0.1² + 0.2² + 0.4²) = 0.21 / 6 = 0.035
    assert numbers[5]["mse"] == pytest.approx(0.035, rel=1e-12)
    # cross-entropy = -1/3 (ln 0.9 + ln 0.8 + ln 0.6) ≈ 0.2798
    assert numbers[5]["cross_entropy"] == pytest.approx(-(math.log(0.9) + math.log(0.8) + math.log(0.6)) / 3,
                                                       rel=1e-12)


def test_the_saturated_neuron_speedup_is_one_over_sigma_prime(numbers, quick_tour):
    # cross-entropy's delta is a - y; MSE's is (a - y) σ'(z). Their ratio at z = -5 is 1/σ'(-5),
    # and 1/σ'(z) = (1 + e^-z)² / e^-z = e^z + 2 + e^-z = 2 + 2 cosh 5 ≈ 150.4.
    s = 1 / (1 + math.exp(5))  # σ(-5)
    expected = 1 / (s * (1 - s))
    assert expected == pytest.approx(2 + 2 * math.cosh(5), rel=1e-12)
    assert numbers[5]["speedup"] == pytest.approx(expected, rel=1e-9)
    assert f"pushes {expected:.0f} times harder" in text(quick_tour, 5)


def test_the_descent_path_is_the_tracks(numbers, quick_tour):
    # x ← x - 0.01 · 2 (x - 2):  4 → 4 - 0.04 = 3.96 → 3.96 - 0.0392 = 3.9208 → 3.9208 - 0.038416 = 3.882384
    assert numbers[6]["path_from_4"] == pytest.approx([4, 3.96, 3.9208, 3.882384], rel=1e-14)
    # from 0: 0 + 0.04 = 0.04 → 0.04 + 0.0392 = 0.0792 → 0.0792 + 0.038416 = 0.117616
    assert numbers[6]["path_from_0"] == pytest.approx([0, 0.04, 0.0792, 0.117616], abs=1e-14)
    assert "from x0 = 4: 3.96, 3.9208, 3.882384, ..." in text(quick_tour, 6)


def test_backprop_agrees_with_central_differences_in_every_layer(numbers):
    errors_231, errors_4553 = numbers[7]["gradcheck_2-3-1"], numbers[7]["gradcheck_4-5-5-3"]
    assert len(errors_231) == 2 and len(errors_4553) == 3  # one relative error per layer
    assert max(errors_231 + errors_4553) < 1e-7


def test_the_xor_network_learns_xor(numbers):
    _, y = datasets.xor()
    assert numbers[8]["xor_predictions"] == y.tolist() == [0, 1, 1, 0]
    loss = numbers[8]["xor_loss"]
    assert len(loss) == 2000 and loss[-1] < loss[0] / 10


def test_quick_mode_trains_digits_for_five_epochs_above_80_percent(numbers, quick_tour):
    history, accuracy = numbers[8]["digits_history"], numbers[8]["digits_accuracy"]
    assert len(history.loss) == 5
    assert accuracy > 0.8
    assert history.val_accuracy[-1] == accuracy  # the test set was the validation set
    assert f"test accuracy {accuracy:.1%}" in text(quick_tour, 8)


# ---------------------------------------------------------------- the HTML report
@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """The quick tour written to a folder: (the folder, the sections, the page's text)."""
    folder = tmp_path_factory.mktemp("tour")
    sections = tour.run(quick=True, echo=lambda line: None, out=folder)
    return folder, sections, (folder / "index.html").read_text(encoding="utf-8")


def test_every_image_the_report_shows_is_a_png_beside_it(report):
    folder, sections, page = report
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == sum(len(s.figures) for s in sections) >= 15
    for name in sources:
        data = (folder / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, name


def test_every_section_is_in_the_report_in_order(report):
    _, sections, page = report
    positions = [page.index(html.escape(s.title)) for s in sections]
    assert positions == sorted(positions) and len(positions) == 8


def test_the_report_is_a_static_page_with_no_script_and_no_network(report):
    _, _, page = report
    assert "<script" not in page
    assert "http://" not in page and "https://" not in page


def test_the_reports_numbers_are_the_librarys(report):
    _, _, page = report
    # The perceptron on the seven points, trained here again.
    p = Perceptron(n_inputs=2).fit(*datasets.seven_points())
    assert f"mistakes per epoch {p.mistakes_}" in page
    # The digits network of the quick tour, trained here again: same data, seed and settings.
    X_train, y_train, X_test, y_test = datasets.load("digits", seed=0)
    net = NeuralNetwork([64, 30, 10], activation="sigmoid", loss="cross-entropy", seed=0)
    net.fit(X_train, y_train, epochs=5, batch_size=10, learning_rate=0.5)
    assert f"test accuracy {net.score(X_test, y_test):.1%}" in page
    # The track's descent iterates, written out by hand: 4 - 0.01·2·(4 - 2) = 3.96, ...
    assert "3.96, 3.9208, 3.882384" in page
