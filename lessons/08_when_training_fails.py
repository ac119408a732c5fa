# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.16.0
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Lesson 8 — When training fails
#
# Lesson 7 trained a network that worked. Yours will not always. The loss sits still, or
# climbs, or falls on the training data while the validation data learn nothing, and the
# network gives no reason: it is all numbers. But every one of those numbers is in an equation
# we know, and each way of failing leaves its mark on one factor of one of them.
#
# This lesson breaks a network on purpose, eight times, in the ways learners' networks break:
# inputs a thousand times too large, weights started 25 times too large, biases that switch
# ReLUs off, a learning rate of 200, a start at zero, a derivative with a factor missing,
# labels that belong to other examples, and eight sigmoid layers in a row. For each we look
# at the learning curve, find the factor responsible, and fix it.
#
# Finding the factor by hand takes the checks an expert runs: the loss before training, the
# size of z and of δ in each layer, backprop against central differences, a short trial at a
# few learning rates, fitting a handful of examples. `glassnet.doctor` runs them all on a copy
# of your network, in a few seconds, and says what it found in the track's equations:
#
# ```python
# from glassnet.doctor import diagnose
# diagnosis = diagnose(net, X, y, learning_rate=0.5, batch_size=10)
# print(diagnosis)
# ```
#
# (`net.diagnose(X, y, ...)` does the same, and `glassnet doctor` does it from the shell.)

# %%
# %matplotlib inline
import textwrap

import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from glassnet import NeuralNetwork, datasets, gradcheck, plotting
from glassnet.doctor import diagnose
from glassnet.doctor.report import overview_figure

np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## The patient
#
# The digits of lesson 7, with a validation set held out, and the network of lesson 7 with a
# softmax output: 64 inputs, 30 sigmoid hidden units, 10 outputs, categorical cross-entropy,
# mini-batches of 10 at η = 0.5. Three helpers keep the rest of the lesson short: `digits_net`
# builds that network, `train` trains it for ten epochs and returns its `History`, and `report`
# prints what the doctor found, most serious first.

# %%
X, y = datasets.digits()
X_train, y_train, X_val, y_val = datasets.train_test_split(X, y, test_size=0.2, seed=0, stratify=True)


def digits_net(sizes=(64, 30, 10), activation="sigmoid", **options):
    return NeuralNetwork(list(sizes), activation=activation, output_activation="softmax",
                         loss="categorical-cross-entropy", seed=0, **options)


def train(net, learning_rate=0.5, inputs=X_train, labels=y_train, val_inputs=X_val, epochs=10):
    return net.fit(inputs, labels, epochs=epochs, batch_size=10, learning_rate=learning_rate,
                   validation_data=(val_inputs, y_val), seed=0)


def report(diagnosis):
    print(diagnosis.summary())
    for f in diagnosis.findings:
        where = f" (layer {f.layer})" if f.layer else ""
        print(f"\n{f.severity.upper()} {f.code}{where}")
        print(textwrap.fill(f.message, 100, initial_indent="  ", subsequent_indent="  "))


def curves(histories, title):
    """Validation accuracy per epoch of each run, on one plot."""
    ax = plotting.plot_curves({name: h.val_accuracy for name, h in histories.items()},
                              ylabel="validation accuracy", title=title)
    ax.set_ylim(0, 1)
    plt.show()
    for name, h in histories.items():
        print(f"{name:<28} validation accuracy after {h.epochs} epochs: {h.val_accuracy[-1]:.1%}")


# %%
healthy = digits_net()
report(diagnose(healthy, X_train, y_train, learning_rate=0.5, batch_size=10))
healthy_history = train(healthy)
print(f"healthy: validation accuracy after 10 epochs {healthy_history.val_accuracy[-1]:.1%}")

# %% [markdown]
# Nothing to report, and about 95% of the validation digits right after ten epochs: that is
# the yardstick for the broken networks below.
#
# ## Inputs ×1000
#
# A common slip: pixels left at 0 … 16000 instead of scaled to [0, 1] (here: the digits times
# 1000). Nothing in the code is wrong. But the first layer computes z = x · W₁ + b₁, and with
# inputs a thousand times larger, z is a thousand times larger too.

# %%
X_big = X_train * 1000
big = digits_net()
big_history = train(big, inputs=X_big, val_inputs=X_val * 1000)
report(diagnose(big, X_big, y_train, learning_rate=0.5, batch_size=10))

# %% [markdown]
# Two findings, and the first explains the second. With |z| in the hundreds, every sigmoid of
# the hidden layer sits on one of its flat ends, where σ′(z) is 0 to the last digit. BP2,
# δ = (δ_next W_nextᵀ) ⊙ σ′(z), then passes back no error, and the layer stops learning (lesson
# 2's saturation). The network guesses. The fix is one line: scale every feature to mean 0 and
# standard deviation 1 with the training rows' statistics, and scale new data the same way.

# %%
X_scaled, X_val_scaled, mean, std = datasets.standardize(X_train, X_val)
fixed_history = train(digits_net(), inputs=X_scaled, val_inputs=X_val_scaled)
curves({"inputs × 1000": big_history, "standardised": fixed_history}, "inputs × 1000, and fixed")

# %% [markdown]
# ## A ×25 start
#
# Now the weights: the same network with every weight started 25 times larger than Glorot's
# start (the output layer too, so it starts from random weights rather than 0). z grows with
# the weights exactly as it grew with the inputs.

# %%
big_start = digits_net(init="glorot")
for layer in big_start.layers:
    layer.W *= 25
big_start_report = diagnose(big_start, X_train, y_train, learning_rate=0.5, batch_size=10)
report(big_start_report)
big_start_history = train(big_start)

# %% [markdown]
# Before a single step, the loss is many times ln 10 ≈ 2.30, the loss of a network that
# knows nothing and says so (uniform probabilities 1/10). A loss far above that is a network
# that is *confidently wrong*: the first steps go into undoing the start. The hidden layer is
# saturated as well. Under ReLU the same ×25 start does something else: ReLU′ = 1 where a unit
# is active, so nothing flattens and the error grows instead, by the factor Wᵀ of BP2 at every
# layer it passes:

# %%
relu_big = digits_net((64, 64, 64, 64, 10), activation="relu", init="glorot")
for layer in relu_big.layers:
    layer.W *= 25
relu_report = diagnose(relu_big, X_train, y_train, learning_rate=0.1, batch_size=10)
print(relu_report.codes)
flow = next(f for f in relu_report.findings if f.code == "exploding-gradient")
print("mean |δ| per layer, layer 1 first:", np.array(flow.evidence["delta_sizes"]))

# %% [markdown]
# The fix for both is the default start (`init` left out), which keeps |z| near 1 in every layer:

# %%
curves({"×25 start": big_start_history, "default start": healthy_history}, "a ×25 start, and fixed")

# %% [markdown]
# ## Biases at −6
#
# A ReLU network whose first layer's biases start at −6. Digit pixels lie in [0, 1] and the
# weights are small, so x · w never climbs over 6: every z of the layer is negative, for every
# image.

# %%
dead = digits_net(activation="relu")
dead.layers[0].b[...] = -6.0
report(diagnose(dead, X_train, y_train, learning_rate=0.1, batch_size=10))
dead_history = train(dead, learning_rate=0.1)

# %% [markdown]
# ReLU′(z) = 0 for z ≤ 0, so BP2 passes no error back through those units, and BP4 gives the
# weights after them nothing either, since their input a = ReLU(z) is 0. They are *dead*:
# no step will ever wake them. The whole layer being dead, the network can only learn the
# output biases, the class frequencies, which is where its loss stays. A learning rate that
# throws z below 0 for good does the same to a healthy start. The fix: biases at 0.

# %%
alive = digits_net(activation="relu")
curves({"biases at −6": dead_history, "biases at 0": train(alive, learning_rate=0.1)},
       "biases at −6 under ReLU, and fixed")

# %% [markdown]
# ## A learning rate of 200
#
# Lesson 5 walked down f(x) = (x − 2)² with learning rates too small, right and too large: at
# η = 1.05 each step jumped over the minimum and landed further out. A network's loss is the
# same walk in two thousand dimensions.

# %%
steep = digits_net()
steep_report = diagnose(steep, X_train, y_train, learning_rate=200, batch_size=10)
report(steep_report)
steep_history = train(steep, learning_rate=200)
print("training loss per epoch:", np.array(steep_history.loss))

# %% [markdown]
# The loss climbs instead of falling. The doctor tried the same recipe at rates ten, a
# hundred and a thousand times smaller and says which did best. The *update/weight ratio*
# ‖ΔW‖ / ‖W‖ of a step (about 1e-3 is healthy: each step changes the weights by a thousandth)
# says the same thing from the other side. Take the suggested rate:

# %%
suggested = steep_report.findings[0].evidence["suggested"]
curves({"η = 200": steep_history, f"η = {suggested:g}": train(digits_net(), learning_rate=suggested)},
       "η = 200, and the rate the doctor suggests")

# %% [markdown]
# ## A zero start
#
# Every weight and bias at 0, as one might start a linear model. All 30 hidden units then
# compute the same z, the same a, and (their outgoing weights being equal too) receive the
# same δ from BP2 and the same step from BP4. They start as copies, and copies they stay.

# %%
zero = digits_net()
for layer in zero.layers:
    layer.W[...] = 0.0
    layer.b[...] = 0.0
report(diagnose(zero, X_train, y_train, learning_rate=0.5, batch_size=10))
zero_history = train(zero)
print("hidden weights after training: the 30 columns of W₁ are",
      "all equal" if np.allclose(zero.layers[0].W, zero.layers[0].W[:, :1]) else "different")

# %% [markdown]
# A hidden layer of one unit repeated 30 times: that is all the network can be. Random
# starts break the symmetry (the output layer alone may start at 0, as glassnet's softmax
# output does: the random hidden layer below it already tells its units apart).

# %%
curves({"zero start": zero_history, "default start": healthy_history}, "a zero start, and fixed")

# %% [markdown]
# ## A prime that forgot (1 − s)
#
# The first exercise of lesson 2 asks for σ′(z) = σ(z)(1 − σ(z)). Here is a learner's version
# that forgot the second factor. It runs, it trains, nothing raises: only the gradients are
# wrong.

# %%
class Sigmoid:
    """A learner's sigmoid: fn is right, prime forgot the (1 - s)."""

    @staticmethod
    def fn(z):
        return 1 / (1 + np.exp(-z))

    @staticmethod
    def prime(z):
        return Sigmoid.fn(z)  # should be Sigmoid.fn(z) * (1 - Sigmoid.fn(z))


learner = digits_net(activation=Sigmoid)
report(diagnose(learner, X_train, y_train, learning_rate=0.5, batch_size=10))
learner_history = train(learner)

# %% [markdown]
# The doctor compares backprop with central differences, as `gradcheck` did in lesson 6, and
# compares each activation's `prime` with the slope of its own `fn`: that names the class and
# the layer. With the factor put back, gradcheck agrees to ten digits:

# %%
class FixedSigmoid(Sigmoid):
    @staticmethod
    def prime(z):
        s = FixedSigmoid.fn(z)
        return s * (1 - s)


fixed_learner = digits_net(activation=FixedSigmoid)
print("gradcheck, wrong prime:", f"{gradcheck(learner, X_train[:10], y_train[:10]).max_error:.1e}")
print("gradcheck, fixed prime:", f"{gradcheck(fixed_learner, X_train[:10], y_train[:10]).max_error:.1e}")
curves({"prime without (1 − s)": learner_history, "prime fixed": train(fixed_learner)},
       "a wrong derivative, and fixed")

# %% [markdown]
# The wrong prime still learns something (it points roughly downhill), which is what makes
# this mistake hard to see from the curve alone.
#
# ## Shuffled labels
#
# The labels shuffled on their own, as happens when X and y are shuffled separately: each
# image now carries another image's label.

# %%
shuffled = np.random.default_rng(1).permutation(y_train)
report(diagnose(digits_net(), X_train, shuffled, learning_rate=0.5, batch_size=10))
shuffled_net = digits_net()
shuffled_history = train(shuffled_net, labels=shuffled, epochs=30)
print(f"training loss: {shuffled_history.loss[0]:.3f} → {shuffled_history.loss[-1]:.3f};  validation loss: "
      f"{shuffled_history.val_loss[0]:.3f} → {shuffled_history.val_loss[-1]:.3f}")

# %% [markdown]
# Given long enough the network memorises some of its training examples, so the training loss
# falls, while on the validation digits it stays at chance (10%, a loss of ln 10 ≈ 2.30). No
# network can do better, so the doctor trains a reference network of its own beside yours: when
# that one cannot beat chance either, the labels are the suspect. Nothing in the network needs
# fixing; the data do.

# %%
fig = plotting.plot_history(shuffled_history)

# %% [markdown]
# ## Eight sigmoid layers
#
# Lesson 6 showed the error shrinking on its way back through sigmoid layers: σ′(z) is at
# most ¼, and BP2 multiplies by it at every layer. Eight of them, with sigmoid outputs as in
# lesson 6 (so that the output layer starts from random weights and passes an error back at once):

# %%
deep = NeuralNetwork([64] + [30] * 7 + [10], activation="sigmoid", loss="cross-entropy", seed=0)
deep_report = diagnose(deep, X_train, y_train, learning_rate=0.5, batch_size=10)
report(deep_report)
deep_history = train(deep)

# %%
flow = deep_report.findings[0]
sizes = np.array(flow.evidence["delta_sizes"])
print("mean |δ| per layer, layer 1 first:", sizes)
print(f"the first layer's δ is {sizes[-1] / sizes[0]:,.0f} times smaller than the output layer's")
ax = plotting.plot_delta_sizes(sizes, title="mean |δ| of each layer of the eight-layer sigmoid network")
plt.show()

# %% [markdown]
# BP2's two factors are Wᵀ (about 1 per layer with Glorot's start) and σ′(z) (about 0.2): the
# doctor says which one does it. Eight ReLU layers, whose slope is 1 wherever they are active,
# pass the error back intact, provided their start keeps the signal's size from layer to layer.
# glassnet's default ReLU start, chosen for one or two hidden layers, shrinks it at every layer
# (the doctor finds dead units and a vanishing error); He's start, N(0, 2/n_in), keeps it:

# %%
for init in (None, "he"):
    deep_relu = NeuralNetwork([64] + [30] * 7 + [10], activation="relu", output_activation="sigmoid",
                              loss="cross-entropy", init=init, seed=0)
    found = diagnose(deep_relu, X_train, y_train, learning_rate=0.1, batch_size=10)
    print(f"eight ReLU layers, init={init}: {found.summary()} {found.codes}")
curves({"eight sigmoid layers": deep_history, "eight ReLU layers, He's start": train(deep_relu, learning_rate=0.1)},
       "eight layers: sigmoid, and ReLU")

# %% [markdown]
# ## Too small to fit
#
# Last, a network that is simply too small: two hidden units for ten digits. Karpathy's
# check ("overfit one batch") catches it: any network worth training can drive the loss on a
# handful of examples to nearly 0. This one cannot, and with nothing above to blame, the
# doctor says what it depends on.

# %%
small = digits_net((64, 2, 10))
report(diagnose(small, X_train, y_train, learning_rate=0.5, batch_size=10))
curves({"2 hidden units": train(small), "30 hidden units": healthy_history}, "too small, and fixed")

# %% [markdown]
# ## The doctor's page
#
# `diagnosis.to_html(path)` writes every finding with its numbers and a figure, and the
# measurements behind them: the z of each layer (the saturation band shaded), the mean |δ|
# of each layer, the trial at each learning rate, and the update/weight ratios. The page holds
# its figures, so it can be opened or sent as one file. Here is its overview for the ×25 start:

# %%
display(overview_figure(big_start_report.measurements))

# %% [markdown]
# ## Summary
#
# | what went wrong | what it looks like | the factor responsible | the fix |
# |---|---|---|---|
# | inputs ×1000 | guessing; loss at ln 10 | z = x · W₁ + b₁ huge: σ′(z) ≈ 0 (BP2) | standardise |
# | a ×25 start | loss far above ln 10 at the start | z huge: σ′ ≈ 0, or Wᵀ growing δ (ReLU) | the default start |
# | biases at −6 under ReLU | stuck at the class frequencies | ReLU′(z) = 0 (BP2), a = 0 (BP4) | biases at 0 |
# | η = 200 | the loss climbs | the step η ∂C/∂θ overshoots (lesson 5) | a smaller rate |
# | a zero start | a few useful units at best | equal units get equal δ (BP2) and steps (BP4) | a random start |
# | a prime without (1 − s) | learns, but badly | BP1/BP2 multiply by the wrong φ′ | fix the derivative, run gradcheck |
# | shuffled labels | training loss falls, validation stays at chance | no pattern to learn | fix the data |
# | eight sigmoid layers | the first layers do not learn | σ′ ≤ ¼ at each layer of BP2 | fewer layers, or ReLU |
# | too small | cannot fit even a few examples | not enough units | a larger network |
#
# The doctor's codes name these and a few more (labels that are unbalanced, a network that
# overfits, one that underfits); `glassnet.doctor.CODES` lists them with their equations.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                      # once, if you have not yet
# glassnet check saturation my-work/saturation.py
# glassnet check loss_at_init my-work/loss_at_init.py
# ```
#
# - **`saturation`**: write the doctor's saturation check for a sigmoid layer: given its
#   weighted inputs Z, the share of the values where σ′(z) is below a given share of its peak ¼.
# - **`loss_at_init`**: write the loss a network that knows nothing should start from: ln K
#   for K softmax classes, K ln 2 for K sigmoid outputs with cross-entropy, ½ Σ var(y) for the
#   mean squared error.
