"""The tour: eight sections in the track's order, each number checked against arithmetic done here."""

import html
import math
import re
from pathlib import Path

import numpy as np
import pytest

from glassnet import datasets, gradient_descent, tour
from glassnet.network import NeuralNetwork
from glassnet.perceptron import Perceptron
from glassnet.tour import sections as tour_sections


@pytest.fixture(scope="module")
def quick_tour():
    """The quick tour, run once: (the sections it returned, every line it echoed)."""
    lines = []
    sections = tour.run(quick=True, echo=lines.append)
    return sections, lines


@pytest.fixture(scope="module")
def numbers(quick_tour):
    """Section number (1..9) -> that section's numbers."""
    sections, _ = quick_tour
    return {i: s.numbers for i, s in enumerate(sections, 1)}


def text(quick_tour, i):
    """All the lines of section i (1..9) as one string."""
    return "\n".join(quick_tour[0][i - 1].lines)


def test_the_tour_has_the_tracks_eight_sections_in_order_and_the_doctor_last(quick_tour):
    sections, _ = quick_tour
    assert len(sections) == 9
    assert [s.title.split(".")[0] for s in sections] == [str(i) for i in range(1, 10)]
    topics = ["Linear models", "perceptron", "Activation functions", "feedforward network", "Loss functions",
              "Gradient descent", "Backpropagation", "Training", "the doctor"]
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


def test_the_doctor_finds_nothing_in_part_8s_recipe_and_saturation_in_a_25_times_larger_start(numbers, quick_tour):
    assert numbers[9]["healthy_codes"] == []
    assert "saturated-units" in numbers[9]["broken_codes"]
    assert "the 64-30-10 digits network of part 8, η = 0.5, batch 10: no problem found" in text(quick_tour, 9)
    assert "  WARNING saturated-units (layer 1)" in text(quick_tour, 9)


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


def _neuron_outputs(loss, eta, steps):
    """The text's neuron by hand: input 1, w = b = -2.5 (z = -5), target 1; its output after each step.

    z = w·1 + b, and ∂C/∂w = ∂C/∂b = δ, so each step lowers both by η δ and z by 2 η δ;
    δ = (a - 1) σ'(z) for MSE, a - 1 for cross-entropy.
    """
    w = b = -2.5
    outputs = []
    for _ in range(steps):
        a = 1 / (1 + math.exp(-(w + b)))
        delta = (a - 1) * a * (1 - a) if loss == "mse" else a - 1
        w, b = w - eta * delta, b - eta * delta
        outputs.append(1 / (1 + math.exp(-(w + b))))
    return outputs


def test_the_saturated_neuron_figure_compares_the_outputs_of_the_texts_neuron(numbers):
    # Same neuron as the text (z = -5, y = 1), same quantity for both losses: its output a.
    eta = numbers[5]["saturated_eta"]
    for loss in ("mse", "cross-entropy"):
        by_hand = _neuron_outputs(loss, eta, 250)
        assert numbers[5]["saturated_outputs"][loss] == pytest.approx(by_hand, rel=1e-9)
        assert by_hand[0] == pytest.approx(1 / (1 + math.exp(5)), abs=0.02)  # starts near σ(-5)
        first = next(k + 1 for k, a in enumerate(by_hand) if a > 0.5)
        assert numbers[5]["steps_to_half"][loss] == first
    assert numbers[5]["steps_to_half"]["cross-entropy"] * 10 < numbers[5]["steps_to_half"]["mse"]


def test_the_descent_path_is_the_tracks(numbers, quick_tour):
    # x ← x - 0.01 · 2 (x - 2):  4 → 4 - 0.04 = 3.96 → 3.96 - 0.0392 = 3.9208 → 3.9208 - 0.038416 = 3.882384
    assert numbers[6]["path_from_4"] == pytest.approx([4, 3.96, 3.9208, 3.882384], rel=1e-14)
    # from 0: 0 + 0.04 = 0.04 → 0.04 + 0.0392 = 0.0792 → 0.0792 + 0.038416 = 0.117616
    assert numbers[6]["path_from_0"] == pytest.approx([0, 0.04, 0.0792, 0.117616], abs=1e-14)
    assert "from x0 = 4: 3.96, 3.9208, 3.882384, ..." in text(quick_tour, 6)


def test_the_learning_rate_called_too_large_diverges_on_the_function_drawn(numbers):
    # f(x) = (x - 2)²: x_k - 2 = (1 - 2η)^k (x_0 - 2), so a rate diverges exactly when |1 - 2η| > 1.
    assert numbers[6]["diverging_rates"] == [1.05]
    for eta in numbers[6]["diverging_rates"]:
        r = gradient_descent(lambda x: 2 * (x - 2), x0=4.0, learning_rate=eta, max_iters=50)
        assert np.all(np.diff(np.abs(r.path - 2)) > 0)
        assert abs(r.path[-1] - 2) == pytest.approx(2 * abs(1 - 2 * eta) ** 50)


def test_the_tour_and_lesson_5_draw_one_bowl():
    lesson = (Path(__file__).resolve().parents[1] / "lessons" / "05_gradient_descent.py").read_text("utf-8")
    assert "f(x_1, x_2) = x_1^2 + 5x_2^2" in lesson and tour.BOWL == "x₁² + 5x₂²"
    p = np.array([1.5, -0.5])
    assert tour.bowl(p) == 1.5**2 + 5 * 0.5**2
    np.testing.assert_array_equal(tour.bowl_gradient(p), [3.0, -5.0])


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
    assert len(history.loss) == len(history.val_loss) == 5
    assert accuracy > 0.8
    assert f"test accuracy, measured once after training: {accuracy:.1%}" in text(quick_tour, 8)


def test_validation_is_carved_out_of_the_training_digits_and_the_test_set_is_kept_apart(numbers):
    X_rest, y_rest, X_test, _ = datasets.load("digits", seed=0)
    n_train, n_val, n_test = numbers[8]["digits_sizes"]
    assert n_train + n_val == len(X_rest) and n_test == len(X_test)
    assert n_val == math.ceil(tour.VALIDATION_SIZE * len(X_rest))
    # the validation curve is the network's on those validation rows, never on the test rows
    X_train, y_train, X_val, y_val = datasets.train_test_split(X_rest, y_rest, test_size=tour.VALIDATION_SIZE,
                                                               seed=0, stratify=True)
    net = NeuralNetwork([64, 30, 10], activation="sigmoid", loss="cross-entropy", seed=0)
    history = net.fit(X_train, y_train, epochs=5, batch_size=10, learning_rate=0.5, validation_data=(X_val, y_val))
    assert numbers[8]["digits_history"].val_loss == pytest.approx(history.val_loss, rel=1e-12)
    y_test = datasets.load("digits", seed=0)[3]
    assert numbers[8]["digits_accuracy"] == net.score(X_test, y_test)


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
    assert positions == sorted(positions) and len(positions) == 9


def test_the_report_is_a_static_page_with_no_script_and_no_network(report):
    _, _, page = report
    assert "<script" not in page
    assert "http://" not in page and "https://" not in page


def test_the_reports_numbers_are_the_librarys(report):
    _, _, page = report
    # The perceptron on the seven points, trained here again.
    p = Perceptron(n_inputs=2).fit(*datasets.seven_points())
    assert f"mistakes per epoch {p.mistakes_}" in page
    # The digits network of the quick tour, trained here again: same data, split, seed and settings.
    X_rest, y_rest, X_test, y_test = datasets.load("digits", seed=0)
    X_train, y_train, _, _ = datasets.train_test_split(X_rest, y_rest, test_size=tour.VALIDATION_SIZE, seed=0,
                                                       stratify=True)
    net = NeuralNetwork([64, 30, 10], activation="sigmoid", loss="cross-entropy", seed=0)
    net.fit(X_train, y_train, epochs=5, batch_size=10, learning_rate=0.5)
    assert f"test accuracy, measured once after training: {net.score(X_test, y_test):.1%}" in page
    # The track's descent iterates, written out by hand: 4 - 0.01·2·(4 - 2) = 3.96, ...
    assert "3.96, 3.9208, 3.882384" in page


# ---------------------------------------------------------------- what each figure's caption claims
def _caption(sections, name):
    return next(caption for s in sections for file, caption in s.figures if file == f"{name}.png")


def test_the_xor_figure_draws_the_perceptrons_last_line_and_names_the_points_on_it(report):
    _, sections, _ = report
    X, _ = datasets.xor()
    numbers = sections[1].numbers
    w, b = np.array(numbers["xor_w"]), numbers["xor_b"]
    on_line = [tuple(int(v) for v in x) for x in X if x @ w + b == 0]  # f = 0 exactly
    assert numbers["xor_on_line"] == on_line and len(on_line) == 2
    caption = _caption(sections, "perceptron_xor")
    assert f"passes exactly through {on_line[0]} and {on_line[1]}" in caption
    assert "its w" in caption


def test_the_xor_figure_is_drawn_with_the_hyperplane_and_w_of_the_xor_perceptron(tmp_path, monkeypatch):
    # plot_hyperplane draws the line w·x + b = 0 and the arrow w (test_plotting checks that);
    # here: the tour calls it for the XOR figure, with the perceptron it trained on XOR.
    from glassnet import plotting

    drawn = []
    real = plotting.plot_hyperplane

    def spy(perceptron, ax=None, **options):
        drawn.append((Path(options["path"]).name, np.ravel(perceptron.w).tolist(), float(perceptron.b)))
        return real(perceptron, ax=ax, **options)

    monkeypatch.setattr(plotting, "plot_hyperplane", spy)
    section = tour.Section("2", tmp_path)
    tour_sections.perceptron(section, quick=True)
    xor = [(w, b) for name, w, b in drawn if name == "perceptron_xor.png"]
    assert xor == [(section.numbers["xor_w"], section.numbers["xor_b"])]


def test_delta_claim_says_only_what_the_numbers_show():
    ordered = np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [2.0, 1.5, 3.0], [2.0, 1.5, 3.0]])
    claim, lasts = tour_sections.delta_claim(ordered)
    assert lasts == 2 and "in epochs 1–2" in claim and "at epoch 3 two lines cross" in claim
    assert "does not come back" in claim
    assert tour_sections.delta_claim(ordered[:2]) == ("in all 2 epochs shown, the nearer a layer is to the input, "
                                              "the smaller its δ", 2)
    back = np.vstack([ordered, [[1.0, 2.0, 3.0]]])
    assert "the order is back in 1 of the 3 later epochs" in tour_sections.delta_claim(back)[0]


def test_the_delta_figure_caption_holds_on_the_data_it_draws(report):
    _, sections, _ = report
    sizes, lasts = sections[6].numbers["delta_sizes"], sections[6].numbers["delta_ordered_until"]
    assert sizes.shape == (5, 4)  # quick: 5 epochs, 4 layers of weights
    for epoch, row in enumerate(sizes, start=1):  # checked here, row by row: δ grows towards the output
        grows = bool(row[0] < row[1] < row[2] < row[3])
        if epoch <= lasts:
            assert grows, epoch
        elif epoch == lasts + 1:
            assert not grows, epoch
    caption = _caption(sections, "delta_sizes")
    assert "64-30-30-30-10 sigmoid network" in caption and "N(0, 1)" in caption
    assert "track" not in caption
    if lasts == len(sizes):
        assert f"in all {lasts} epochs shown" in caption
    else:
        assert f"in epochs 1–{lasts}" in caption


def test_no_figure_or_line_says_the_track_draws_weights_from_a_normal(report):
    _, _, page = report
    text = html.unescape(page)
    assert "N(0, 1)" in text  # the start is named ...
    assert "track's N(0, 1)" not in text and "the track draws" not in text  # ... and not given to the track


def test_the_report_is_written_whole_or_not_at_all(tmp_path):
    """write_report goes through glassnet.atomic: a path it may not replace leaves nothing behind."""
    target = tmp_path / "index.html"
    target.mkdir()
    with pytest.raises(ValueError, match="it is a directory, not a regular file"):
        tour.write_report(target, [tour.Section("1. A title")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html"] and not any(target.iterdir())
    page = tmp_path / "page.html"
    page.write_text("the old page")
    page.chmod(0o600)
    tour.write_report(page, [tour.Section("1. A title")])
    assert "A title" in page.read_text() and (page.stat().st_mode & 0o777) == 0o600  # replaced, mode kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.html", "page.html"]
