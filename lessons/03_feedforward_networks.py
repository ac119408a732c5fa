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
# # Lesson 3 — Feedforward networks
#
# One neuron computes $h = \phi(w \cdot x + b)$. A **feedforward network** wires many of them
# together: neurons are grouped in *layers*, every neuron of a layer reads every output of
# the layer before, and information flows one way, from the inputs to the outputs, with no
# loops. ("Feedforward" is in contrast to *recurrent* networks, whose outputs are fed back in
# as inputs; they are not part of this track.)
#
# This lesson covers the structure of such a network and the shapes of the arrays that
# hold it, runs a small one, explains intuitively why layers give networks their power, and
# shows why the way the weights *start* matters more than one might think.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from glassnet import Dense, Identity, NeuralNetwork, Sigmoid, datasets, plotting
from glassnet.layers import default_init

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Layers
#
# - The **input layer** is the data itself, one value per feature. It has no weights; it
#   is drawn as a column of circles but computes nothing. A 32 × 32 grey image, for example,
#   is 1024 inputs, one per pixel.
# - Each **hidden layer** is a row of neurons. Every neuron takes a weighted sum of all the
#   values of the previous layer, adds its bias and applies the activation.
# - The **output layer** is the last row of neurons; its activations are the network's
#   answer. A yes/no question ("is this picture a dog?") needs one output neuron; a choice
#   among ten digits needs ten.
#
# The layers between input and output are "hidden" only because we never see their values
# in the data: the network decides what they should compute. When people count the layers
# of a network they usually count the layers with weights, so a network with inputs, one
# hidden layer and an output layer is a *two-layer* network.
#
# ## The arrays, batch first
#
# glassnet processes a whole **batch** of examples at once, one example per row:
#
# | array | shape | meaning |
# |---|---|---|
# | $X = A_0$ | $(n, n_\text{in})$ | $n$ examples, one per row |
# | $W_l$ | $(n_{l-1}, n_l)$ | column $j$ holds the weights of neuron $j$ of layer $l$ |
# | $b_l$ | $(n_l,)$ | one bias per neuron |
# | $Z_l = A_{l-1} W_l + b_l$ | $(n, n_l)$ | the weighted inputs, one row per example |
# | $A_l = \phi(Z_l)$ | $(n, n_l)$ | the activations, the next layer's input |
#
# Written for a single example $x$ as a row vector, neuron $j$ computes
# $z_j = \sum_k x_k W_{kj} + b_j$: exactly the $w \cdot x + b$ of lesson 1 with $w$ the
# $j$-th column of $W$.
#
# **One note on notation, made once.** The track (like Nielsen's book) writes a layer for one
# example as a column vector, $z^l = w^l a^{l-1} + b^l$, with a weight matrix $w^l$ of shape
# $(n_l, n_{l-1})$, one *row* per neuron. Our $W_l$ is that matrix transposed,
# $W_l = (w^l)^T$, so that a whole batch goes through in one matrix product `A_prev @ W + b`,
# and $n$ examples cost one call instead of $n$.
#
# ## A 3-4-5 network
#
# The track's example network has 3 inputs, a hidden layer of 4 neurons and an output layer
# of 5. `NeuralNetwork([3, 4, 5])` builds it from the list of layer sizes, inputs first:

# %%
net = NeuralNetwork([3, 4, 5], activation=Sigmoid, seed=0)
print(net)
for l, layer in enumerate(net.layers, start=1):
    print(f"layer {l}: W {layer.W.shape}, b {layer.b.shape}")
print("weights and biases in all:", net.n_params, "= (3·4 + 4) + (4·5 + 5)")

# %%
ax = plotting.plot_network(net)

# %% [markdown]
# Feed it a batch of 6 random examples. `run` returns the output layer's activations, one
# row per example; `trace(X)` returns every layer's `Z` and `A` for that batch, so we can look
# inside:

# %%
rng = np.random.default_rng(1)
X = rng.normal(size=(6, 3))  # 6 examples, 3 features
out = net.run(X)
hidden = net.trace(X)[0]  # the first layer's A_prev, Z and A
print("X:", X.shape, "-> hidden A:", hidden.A.shape, "-> output:", out.shape)
print("outputs (each in (0, 1), a sigmoid's range):\n", out)

# %% [markdown]
# Nothing is hidden: the same numbers come out of two lines of numpy, with the formulas of
# the table above. And for one example, the track's column form $z = w a + b$ with
# $w = W^T$ gives the same hidden layer:

# %%
(W1, b1), (W2, b2) = [(layer.W, layer.b) for layer in net.layers]
A1 = Sigmoid.fn(X @ W1 + b1)  # (6, 4)
A2 = Sigmoid.fn(A1 @ W2 + b2)  # (6, 5)
print("numpy matches net.run:", np.allclose(A2, out))

x0 = X[0].reshape(3, 1)  # one example as a column vector
w1 = W1.T  # the track's w^1, shape (4, 3)
z_column = w1 @ x0 + b1.reshape(4, 1)  # z = w a + b, shape (4, 1)
print("column form matches row form:", np.allclose(z_column.ravel(), (X @ W1 + b1)[0]))

# %% [markdown]
# ## Why layers?
#
# A single neuron draws one soft boundary. What can a *layer* of them, followed by an output
# neuron, represent? The **universal approximation theorem** answers: with one hidden layer
# of enough sigmoid neurons (and a linear output), a network can approximate any continuous
# function on a bounded region as closely as we like.
#
# The idea fits in a picture. A sigmoid neuron with a large weight $s$ is almost a step:
# $\sigma(s(x - c))$ jumps from 0 to 1 at $x = c$. Two such steps, at $c_1 < c_2$, subtracted
# from each other make a *bump* that is 1 between $c_1$ and $c_2$ and 0 elsewhere. Give each
# bump the height of the target function in its interval and add the bumps up in the output
# neuron: a staircase that follows the function. More neurons, narrower bumps, a closer
# fit.
#
# We can build this by hand, setting the weights ourselves, to approximate $\sin x$ on
# $[0, 2\pi]$: $k$ bumps need $2k$ hidden neurons.

# %%
def bump_network(k, f=np.sin, low=0.0, high=2 * np.pi):
    """A 1-(2k)-1 network whose output is k bumps of height f(middle of each interval)."""
    edges = np.linspace(low, high, k + 1)
    heights = f((edges[:-1] + edges[1:]) / 2)
    s = 60.0 * k / (high - low)  # steepness: each step is much narrower than a bump
    hidden, output = Dense(1, 2 * k, Sigmoid), Dense(2 * k, 1, Identity)
    hidden.W[0, 0::2], hidden.b[0::2] = s, -s * edges[:-1]  # steps up at the left edges
    hidden.W[0, 1::2], hidden.b[1::2] = s, -s * edges[1:]  # steps up at the right edges
    output.W[0::2, 0], output.W[1::2, 0] = heights, -heights  # up minus up = a bump
    output.b[:] = 0.0
    return NeuralNetwork([hidden, output])


xs = np.linspace(0, 2 * np.pi, 1000).reshape(-1, 1)
fig, axes = plt.subplots(1, 3, figsize=(13, 3.5), sharey=True)
for ax, k in zip(axes, (5, 20, 50), strict=True):
    approx = bump_network(k).run(xs).ravel()
    error = np.max(np.abs(approx - np.sin(xs.ravel())))
    print(f"{k:>2} bumps ({2 * k:>3} hidden neurons): largest error {error:.3f}")
    ax.plot(xs, np.sin(xs), color="grey", lw=3, alpha=0.5, label="sin x")
    ax.plot(xs, approx, color="C3", label="network")
    ax.set(title=f"{2 * k} hidden neurons", xlabel="x")
axes[0].legend()
plt.show()

# %% [markdown]
# The error shrinks in proportion to the width of the bumps. This construction is wasteful
# (training finds much better weights, with far fewer neurons), but it shows that nothing
# in principle limits what one hidden layer can express. Two more remarks:
#
# - The theorem says the weights *exist*; it does not say how many neurons are needed or how
#   to find them. Finding them is the job of the loss function, gradient descent and
#   backpropagation (lessons 4 to 6).
# - In practice, stacking several hidden layers often represents a function with far fewer
#   neurons than one very wide layer would need: later layers reuse what earlier layers
#   computed. How many layers and neurons to use is mostly decided by experiment.
#
# XOR, which defeated the perceptron, needs only two or three hidden neurons; lesson 7
# trains such a network.

# %% [markdown]
# ## How the weights start
#
# Training starts from random weights and improves them step by step. Two things about that
# start matter.
#
# **They must differ.** If every weight started at the same value, all the hidden neurons of
# a layer would compute the same thing, receive the same corrections, and stay identical
# forever. Randomness breaks that symmetry.
#
# **Their size matters.** The track only says that weights are "randomly initialized". The
# simplest choice, and the one in Nielsen's `network.py`, draws every weight and bias from
# the standard normal distribution $\mathcal N(0, 1)$; glassnet offers it as
# `init="normal"`. The trouble shows
# in a layer with many inputs: $z = \sum_k a_k w_k + b$ adds up $n_\text{in}$ random terms,
# so its spread grows like $\sqrt{n_\text{in}}$. With 100 inputs, $z$ is typically several
# units away from 0, far into the flat parts of the sigmoid. The neurons start **saturated**,
# and, as lesson 2 showed, a saturated neuron learns slowly.
#
# The fix is to shrink the weights as the number of inputs grows. glassnet's default is a
# scaled start chosen for the activation by measurement (`benchmarks/README.md`; the cell
# below prints the one for sigmoid):
#
# - **Glorot** (for sigmoid and tanh): $W \sim \mathcal U\big(-r, r\big)$ with
#   $r = \sqrt{6 / (n_\text{in} + n_\text{out})}$, biases 0;
# - **uniform** (for ReLU, PyTorch's start): $W$ and $b \sim \mathcal U\big(-1/\sqrt{n_\text{in}},
#   1/\sqrt{n_\text{in}}\big)$; He's larger $\mathcal N(0, 2 / n_\text{in})$ is `init="he"`;
# - **zeros** for a softmax output layer: it starts at equal probabilities for every class.
#
# Let's compare on a deeper sigmoid network, 64-100-100-100-100-10, fed 500 images of
# handwritten digits (64 pixels each, values in $[0, 1]$). For each layer: how many of the
# $z$ values are beyond $\pm 4$ (where $\sigma' < 0.018$), and the average slope $\sigma'(z)$
# (at most 0.25):

# %%
X_digits, _ = datasets.digits()
X_batch = X_digits[:500]
sizes = [64, 100, 100, 100, 100, 10]

nets = {
    "normal (N(0, 1), as in network.py)": NeuralNetwork(sizes, activation=Sigmoid, init="normal", seed=0),
    f"default ({default_init(Sigmoid)})": NeuralNetwork(sizes, activation=Sigmoid, seed=0),
}
for name, deep_net in nets.items():
    print(name)
    for l, layer in enumerate(deep_net.trace(X_batch), start=1):
        saturated = np.mean(np.abs(layer.Z) > 4)
        slope = Sigmoid.prime(layer.Z).mean()
        print(f"  layer {l}: |z| > 4 for {saturated:6.1%}   mean σ'(z) = {slope:.3f}   std of z = "
              f"{layer.Z.std():.2f}")

# %% [markdown]
# With the $\mathcal N(0, 1)$ start, a third to two thirds of the neurons begin saturated in every
# layer, and the average slope is a fraction of its possible 0.25. With the scaled start,
# none are, and the slopes are near their maximum. The histograms of the hidden activations
# say the same thing: the standard-normal network has most of its outputs piled up at 0 and
# 1, the scaled one keeps them in the sensitive middle.

# %%
fig, axes = plt.subplots(2, 4, figsize=(13, 5), sharex=True)
for r, (row, (name, deep_net)) in enumerate(zip(axes, nets.items(), strict=True)):
    for l, (ax, layer) in enumerate(zip(row, deep_net.trace(X_batch)[:4], strict=True), start=1):
        ax.hist(layer.A.ravel(), bins=40, range=(0, 1), color=("C3", "C2")[r])
        ax.set(title=f"hidden layer {l}", yticks=[])
    row[0].set_ylabel(name.split(" (")[0], fontsize=12)
for ax in axes[1]:
    ax.set_xlabel("activation a = σ(z)")
fig.suptitle(f"hidden activations at the start: N(0, 1) weights (top) vs {default_init(Sigmoid)} (bottom)")
plt.tight_layout()
plt.show()

# %% [markdown]
# Both networks compute *something*; neither has learned anything yet. But the second one
# starts where learning is fast. Lesson 6 comes back to this with the errors that flow
# backwards through the layers.
#
# ## Summary
#
# - A feedforward network is layers of neurons; each layer computes $A_l = \phi(A_{l-1} W_l + b_l)$.
# - Batch first: $X$ is $(n, n_\text{in})$, $W_l$ is $(n_{l-1}, n_l)$; the track's $w^l$ is
#   our $W_l^T$.
# - One hidden layer of enough neurons can approximate any continuous function; more layers
#   can do it with fewer neurons.
# - Weights start random and small enough to keep neurons out of saturation; the track's
#   $\mathcal N(0, 1)$ start (Nielsen's `network.py`; the track only says "random") is too
#   large for layers with many inputs.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                              # once, if you have not yet
# glassnet check two_layer my-work/two_layer.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check two_layer`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("two_layer", "my-work/two_layer.py")`.
#
# - **`two_layer`**: extend your one-layer network from lesson 2 to two layers (inputs → a
#   hidden layer → outputs), with weight matrices of the shapes in the table above, and a
#   `run(X)` that feeds a whole batch forward.
#
# Every exercise is checked the same way, e.g. `glassnet check perceptron_1d
# my-work/perceptron_1d.py` for the first one.
