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
# # Lesson 7 — Training a network, and reading what it learned
#
# Everything is in place: neurons and layers (lessons 1–3), a loss to minimise (lesson 4),
# gradient descent to minimise it (lesson 5) and backpropagation to supply the gradient
# (lesson 6). This lesson puts them to work on real data, handwritten digits, and then
# opens the trained network up: where does it go wrong, and what did its hidden neurons
# learn to look for? We finish in two dimensions, where we can watch hidden units carve up
# the plane, and with the problem that started it all: XOR.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import linear_sum_assignment  # scipy comes with scikit-learn (the "datasets" extra)

from glassnet import CrossEntropy, NeuralNetwork, Sigmoid, datasets, plotting

np.set_printoptions(precision=3, suppress=True)

# %% [markdown]
# ## The data: 1797 small digits
#
# `datasets.digits()` loads 1797 handwritten digits of 8 × 8 pixels (they ship with
# scikit-learn, nothing is downloaded). Each image is one row of 64 numbers, the pixels row
# by row, scaled to $[0, 1]$; each label is the digit, 0 to 9.

# %%
X, y = datasets.digits()
print("X:", X.shape, " y:", y.shape, " pixel values from", X.min(), "to", X.max())
print("examples of each digit:", np.bincount(y))

fig, axes = plt.subplots(2, 10, figsize=(12, 2.8))
for ax, i in zip(axes.ravel(), range(20), strict=True):
    ax.imshow(X[i].reshape(8, 8), cmap="gray_r")
    ax.set_title(str(y[i]))
    ax.axis("off")
fig.suptitle("the first 20 digits and their labels")
plt.show()

# %% [markdown]
# ## Three sets: training, validation, test
#
# A network can memorise its training examples, so its score on them says little about new
# ones. We hold out two sets it never trains on:
#
# - a **test set** (20%), looked at once, at the very end, to report how well it does;
# - a **validation set** (15% of the rest), watched during training to see whether it is
#   still improving on unseen data, and to choose settings such as the number of epochs.
#
# Keeping the two apart matters: settings chosen by looking at the test set would make the
# test score optimistic. `stratify=True` keeps the ten digits in the same proportions in
# every set. (Note the order of what `train_test_split` returns: the training pair first,
# then the held-out pair.)

# %%
X_rest, y_rest, X_test, y_test = datasets.train_test_split(X, y, test_size=0.2, seed=0, stratify=True)
X_train, y_train, X_val, y_val = datasets.train_test_split(X_rest, y_rest, test_size=0.15, seed=0,
                                                           stratify=True)
print("training:", X_train.shape, " validation:", X_val.shape, " test:", X_test.shape)

# %% [markdown]
# ## The network and its training
#
# 64 inputs (one per pixel), a hidden layer of 30 sigmoid neurons and 10 sigmoid outputs,
# one per digit; the predicted digit is the output with the largest activation. The loss is
# the cross-entropy, so saturated outputs still learn fast (lesson 4). `fit` turns the labels
# into one-hot rows (digit 3 becomes $(0,0,0,1,0,0,0,0,0,0)$) and runs mini-batch SGD:
# 30 epochs, mini-batches of 10, learning rate 0.5, measuring the validation set after each
# epoch.

# %%
net = NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)
print(net)
history = net.fit(X_train, y_train, epochs=30, batch_size=10, learning_rate=0.5,
                  validation_data=(X_val, y_val))
print("\nlast epoch:", history.summary())
print(f"training time: {sum(history.epoch_time):.2f} s for {history.epochs} epochs")

# %% [markdown]
# The learning curves: the loss and the accuracy after every epoch, on the training set and
# on the validation set.

# %%
fig = plotting.plot_history(history)

# %% [markdown]
# Both losses fall quickly in the first few epochs, then level off. The training loss keeps
# creeping down while the validation loss flattens: from there on the network gets better at
# *its* examples rather than at digits in general, the beginning of **overfitting**. A gap
# of a few per cent between training and validation accuracy is normal for a network of this
# size trained on about 1200 images.
#
# Now, once, the test set:

# %%
y_pred = net.predict(X_test)
print(f"test accuracy: {net.score(X_test, y_test):.1%}  ({np.sum(y_pred == y_test)} of {len(y_test)})")

# %% [markdown]
# About 97% of digits it has never seen, with 30 hidden neurons and a fraction of a second of
# training.
#
# ## Where it goes wrong
#
# The **confusion matrix** counts, for each true digit (row), how often each digit was
# predicted (column). The diagonal holds the correct answers; everything else is a mistake,
# and *which* cell it lands in says which digits look alike to the network.

# %%
ax = plotting.plot_confusion_matrix(y_test, y_pred)

wrong = np.flatnonzero(y_pred != y_test)
print(f"{len(wrong)} mistakes (true → predicted):",
      ", ".join(f"{y_test[i]} → {y_pred[i]}" for i in wrong))

# %% [markdown]
# And the misclassified images themselves, each titled "true → predicted". Many are hard
# even for a person at 8 × 8 pixels.

# %%
fig = plotting.plot_misclassified(X_test, y_test, y_pred, image_shape=(8, 8), max_images=16)

# %% [markdown]
# ## What the hidden neurons learned
#
# Each hidden neuron $j$ computes $\sigma(x \cdot W_{:,j} + b_j)$: it takes a weighted sum of
# the 64 pixels. Its 64 weights are laid out like the pixels they multiply, so we can fold
# them back into an 8 × 8 picture. Blue pixels have positive weights (ink there makes the
# neuron fire), red ones negative (ink there silences it). Each neuron is a *template*: it
# responds to images that match its blue parts and avoid its red parts.

# %%
W1 = net.layers[0].W  # (64, 30): column j is hidden neuron j's weights
limit = np.abs(W1).max()
fig, axes = plt.subplots(3, 10, figsize=(13, 4.4))
for j, ax in enumerate(axes.ravel()):
    image = ax.imshow(W1[:, j].reshape(8, 8), cmap="RdBu", vmin=-limit, vmax=limit)
    ax.set_title(f"neuron {j + 1}", fontsize=9)
    ax.axis("off")
fig.colorbar(image, ax=axes, shrink=0.8, label="weight")
fig.suptitle("the 30 hidden neurons' weights, as 8 × 8 images")
plt.show()

# %% [markdown]
# They do not look like digits: no neuron is "the 3 detector". Most are blotches of stroke
# fragments, curves and bars in particular places, with a surround of the opposite sign. A
# digit is recognised by *which combination* of these fire, and that combination is what the
# output layer learned to read: output neuron $k$ adds up the hidden activations with the
# weights $W_2[:, k]$.
#
# Which hidden neuron votes most strongly for each digit, i.e. has the largest weight in
# column $k$ of $W_2$? One neuron can top the list for two digits, so to show ten different
# neurons we give each digit its own voter: the assignment of ten distinct neurons to the ten
# digits whose weights add up to the most (scipy's `linear_sum_assignment`). Most digits keep
# their strongest voter; the printout says which did not.

# %%
W2 = net.layers[1].W  # (30, 10): row j is how strongly hidden neuron j votes for each digit
strongest = W2.argmax(axis=0)  # (10,): each digit's strongest voter; may repeat
neurons, digits = linear_sum_assignment(W2, maximize=True)  # ten distinct neurons, one per digit
voter = dict(zip(digits.tolist(), neurons.tolist(), strict=True))
print("strongest voter of each digit:", {d: int(j) + 1 for d, j in enumerate(strongest)})
print("voters shown (all different):  ", {d: voter[d] + 1 for d in range(10)})
print("digits whose strongest voter was taken by another digit:",
      [d for d in range(10) if voter[d] != strongest[d]] or "none")

# %% [markdown]
# Below, for each digit, the average training image of that digit (top) and its voter with
# the weight of its vote (bottom). Read each pair together: the voter fires when there is
# ink on its blue pixels and none on its red ones, so its red parts often sit where this
# digit is blank but a look-alike has ink (the middle of a 0, for instance).

# %%
fig, axes = plt.subplots(2, 10, figsize=(13, 3.4))
for digit in range(10):
    j = voter[digit]
    axes[0, digit].imshow(X_train[y_train == digit].mean(axis=0).reshape(8, 8), cmap="gray_r")
    axes[0, digit].set_title(f"digit {digit}", fontsize=9)
    axes[1, digit].imshow(W1[:, j].reshape(8, 8), cmap="RdBu", vmin=-limit, vmax=limit)
    axes[1, digit].set_title(f"neuron {j + 1}\nw = {W2[j, digit]:.1f}", fontsize=9)
for ax in axes.ravel():
    ax.axis("off")
fig.suptitle("average image of each digit (top) and a hidden voter of its own (bottom)")
plt.show()

# %% [markdown]
# ## In two dimensions: hidden units you can see
#
# With two inputs, everything a network computes can be drawn over the plane. The "moons"
# data set has two interleaved half circles that no line separates. A network with one
# hidden layer of 6 tanh neurons and one sigmoid output:

# %%
X_moons, y_moons = datasets.moons(300, noise=0.2, seed=0)
moons_net = NeuralNetwork([2, 6, 1], activation="tanh", output_activation="sigmoid", loss="cross-entropy",
                          seed=0)
moons_history = moons_net.fit(X_moons, y_moons, epochs=200, batch_size=10, learning_rate=0.1)
print(f"moons: training accuracy {moons_net.score(X_moons, y_moons):.1%}, "
      f"final loss {moons_history.loss[-1]:.3f}")

fig, ax = plt.subplots(figsize=(6.5, 4.8))
plotting.plot_decision_regions(moons_net, X_moons, y_moons, ax=ax)
plt.show()

# %% [markdown]
# The shading is the network's output $a = P(y = 1)$, the dashed line its decision boundary
# $a = 0.5$: a curve, which no single perceptron could draw. Where does the curve come from?
# Each hidden neuron is a soft perceptron: over the plane, its activation changes from $-1$
# to $+1$ across one straight line. Here are the six:

# %%
fig = plotting.plot_hidden_units(moons_net, X_moons, y_moons)

# %% [markdown]
# Six tilted "soft steps", each splitting the plane along its own line. The output neuron
# adds them up with its weights and squashes the sum: a weighted vote of six half-planes,
# which bends into the boundary above. This is the universal approximation argument of
# lesson 3, learned instead of built by hand.
#
# ## XOR, at last
#
# Lesson 1 proved that no line separates XOR, and the perceptron gave up. A network with a
# hidden layer of three sigmoid neurons, trained by backpropagation on the four points:

# %%
X_xor, y_xor = datasets.xor()
xor_net = NeuralNetwork([2, 3, 1], activation=Sigmoid, loss=CrossEntropy, seed=0)
xor_history = xor_net.fit(X_xor, y_xor, epochs=2000, batch_size=4, learning_rate=2.0)
print("XOR inputs:\n", X_xor)
print("network outputs:", xor_net.run(X_xor).ravel())
print("XOR predictions:", xor_net.predict(X_xor), "  labels:", y_xor)
print(f"final loss {xor_history.loss[-1]:.4f} after {xor_history.epochs} epochs")

# %%
fig, ax = plt.subplots(figsize=(6.5, 4.8))
plotting.plot_decision_regions(xor_net, X_xor, y_xor, ax=ax, bounds=(-0.5, 1.5, -0.5, 1.5))
plt.show()

fig = plotting.plot_hidden_units(xor_net, X_xor, y_xor, bounds=(-0.5, 1.5, -0.5, 1.5))

# %% [markdown]
# Each hidden neuron is again a soft line across the square. In this run the first two
# switch on only near one class-1 corner each, $(1, 0)$ and $(0, 1)$, and the third is on
# everywhere except near $(1, 0)$; the output neuron weighs them so that it says 1 when a
# corner neuron fires, leaving a band of class 0 along the diagonal from $(0, 0)$ to
# $(1, 1)$. Two hidden neurons would be enough in principle (one acting like OR, one like
# AND: "OR but not AND" is XOR); with three, training finds a solution more reliably.
#
# ## Summary
#
# - Hold out a test set (used once) and a validation set (watched during training).
# - A 64-30-10 sigmoid network with cross-entropy learns the 8 × 8 digits to about 97% in a
#   second; its learning curves show when it starts to overfit.
# - The confusion matrix and the misclassified images show *which* mistakes it makes.
# - Hidden neurons learn templates (weights that can be viewed as images), and the output
#   layer reads combinations of them.
# - In 2-d each hidden neuron is a soft line; the output combines them into curved
#   boundaries, enough for the moons and for XOR.
#
# That is the whole track: from a single hyperplane to a network that reads handwriting,
# every step of it in code you can open and read.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                  # once, if you have not yet
# glassnet check xor my-work/xor.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check xor`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("xor", "my-work/xor.py")`.
#
# - **`xor`**: train a 2-3-1 sigmoid network on XOR with your `backprop` from lesson 6 and
#   plain gradient descent on all four points at once, until its output is above 0.5
#   exactly where XOR is 1. (It imports your `backprop.py`, so keep the two files in the
#   same folder.)
#
# The checker grades every exercise of the track the same way, from the first
# (`glassnet check perceptron_1d my-work/perceptron_1d.py`) to this one. Things to try here:
# change the number of hidden neurons of the digits network (10? 100?), the learning rate or
# the number of epochs, and watch the learning curves and the test accuracy; or train the
# moons network with two hidden neurons and look at its hidden units.
