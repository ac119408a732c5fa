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
# # Lesson 6 — Backpropagation
#
# Gradient descent (lesson 5) needs $\partial C / \partial w$ and $\partial C / \partial b$ for
# every weight and bias of the network. **Backpropagation** computes all of them with one
# pass forward through the network and one pass backward. It is the algorithm that makes
# training neural networks practical at all.
#
# This lesson explains why a faster method is needed, states the four equations of
# backpropagation and what each one means, turns them into an algorithm, and then uses
# glassnet to look at every quantity in them, to check them against brute-force derivatives,
# to time the difference, and to see which neurons learn slowly and why.

# %%
# %matplotlib inline
import time

import matplotlib.pyplot as plt
import numpy as np

from glassnet import MSE, CrossEntropy, NeuralNetwork, Sigmoid, datasets, gradcheck, plotting
from glassnet.gradcheck import numerical_gradients

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Why not just nudge each weight?
#
# The obvious way to find $\partial C / \partial w$ for one weight: change that weight a
# little, run the network again, and see how much the loss changed,
#
# $$\frac{\partial C}{\partial w} \approx \frac{C(w + \varepsilon) - C(w - \varepsilon)}{2\varepsilon}.$$
#
# It works, but follow what one nudge does: it changes the weighted input of one neuron,
# hence that neuron's activation, hence *every* activation of the next layer, and of the
# layer after that, all the way to the loss. Each nudge costs a complete forward pass (two,
# for the symmetric version above). A network with a million weights would need millions
# of forward passes for **one** gradient step.
#
# Backpropagation gets the same million derivatives from one forward and one backward pass,
# and the backward pass costs only about twice the forward one (two matrix products per
# layer instead of one). We will measure the difference below.
#
# ## Notation
#
# Layers are numbered $l = 1, \dots, L$; layer 0 is the input. For a batch of $n$ examples,
# batch first (lesson 3):
#
# $$A_0 = X, \qquad Z_l = A_{l-1} W_l + b_l, \qquad A_l = \phi(Z_l),$$
#
# with $W_l$ of shape $(n_{l-1}, n_l)$. The central quantity is the **error** of each neuron,
# the derivative of the loss with respect to its weighted input,
#
# $$\delta_l = \frac{\partial C}{\partial Z_l}\quad\text{(one row per example, one column per neuron).}$$
#
# It measures how much the loss would change if that neuron's $z$ changed: a large
# $|\delta|$ means the neuron has a strong say in the current mistake.
#
# ## The four equations
#
# The track, following Nielsen's book, writes them for one example as column vectors, with
# weight matrices $w^l$ of shape $(n_l, n_{l-1})$ and feedforward $z^l = w^l a^{l-1} + b^l$.
# Our $W_l$ is $(w^l)^T$, so each equation has a row form that processes the whole batch at
# once. Both side by side ($\odot$ is the entry-by-entry product):
#
# | | the track (one example, columns) | glassnet (a batch, rows) |
# |---|---|---|
# | **BP1** | $\delta^L = \nabla_a C \odot \sigma'(z^L)$ | `delta = dC_dA * prime(Z)` |
# | **BP2** | $\delta^l = ((w^{l+1})^T \delta^{l+1})\odot\sigma'(z^l)$ | `delta = (delta_next @ W_next.T) * prime(Z)` |
# | **BP3** | $\partial C / \partial b^l_j = \delta^l_j$ | `dC_db = delta.mean(axis=0)` |
# | **BP4** | $\partial C / \partial w^l_{jk} = a^{l-1}_k \delta^l_j$ | `dC_dW = A_prev.T @ delta / n` |
#
# In formulas, the row form is
#
# $$\begin{aligned}
# \textbf{BP1}\quad & \delta_L = \frac{\partial C}{\partial A_L} \odot \phi'(Z_L) \\
# \textbf{BP2}\quad & \delta_l = \big(\delta_{l+1} W_{l+1}^T\big) \odot \phi'(Z_l) \\
# \textbf{BP3}\quad & \frac{\partial C}{\partial b_l} = \text{the mean over the batch of } \delta_l \\
# \textbf{BP4}\quad & \frac{\partial C}{\partial W_l} = \frac1n\, A_{l-1}^T \delta_l
# \end{aligned}$$
#
# The deltas are per example; the average over the batch happens only in BP3 and BP4,
# because the loss is the batch's average.
#
# **What they say.**
#
# - **BP1, the output error.** Two factors: how fast the loss changes with the output
#   activation, and how fast the activation changes with its weighted input. If the output
#   neuron is saturated, $\phi'$ is near 0 and so is its error, however wrong it is. That is
#   the slow MSE neuron of lesson 4; with cross-entropy after a sigmoid, the factors cancel
#   and $\delta_L = A_L - Y$.
# - **BP2, passing the error back.** The error of a layer is the next layer's error sent
#   backwards through the same weights (multiplying by $W^T$ is the forward step run in
#   reverse: each neuron collects the errors of the neurons it feeds, weighted by how
#   strongly it feeds them), then scaled by the layer's own slope $\phi'$.
# - **BP3, biases.** A bias shifts $z$ one to one, so its derivative *is* the error.
# - **BP4, weights.** A weight's derivative is the activation coming **in** times the error
#   going **out**: $\partial C / \partial w = a_\text{in}\, \delta_\text{out}$. A weight
#   fed by an activation near zero hardly changes.
#
# All four are the chain rule. For instance BP2 for one example: $z^{l+1}_k$ depends on
# $z^l_j$ through $a^l_j = \sigma(z^l_j)$ with $\partial z^{l+1}_k / \partial z^l_j =
# w^{l+1}_{kj}\,\sigma'(z^l_j)$, so
# $\delta^l_j = \sum_k \delta^{l+1}_k w^{l+1}_{kj} \sigma'(z^l_j)$, which is BP2 written
# out entry by entry.
#
# ## The algorithm
#
# 1. **Input.** Set the activations of the input layer: $a^0 = x$ (a batch: $A_0 = X$).
# 2. **Feedforward.** For each layer $l = 1, 2, \dots, L$ compute $z^l = w^l a^{l-1} + b^l$
#    and $a^l = \sigma(z^l)$ (in rows: $Z_l = A_{l-1} W_l + b_l$, $A_l = \phi(Z_l)$), keeping
#    every $z^l$ and $a^l$.
# 3. **Output error.** Compute $\delta^L$ with BP1.
# 4. **Backpropagate.** For $l = L - 1, \dots, 1$ compute $\delta^l$ from $\delta^{l+1}$
#    with BP2.
# 5. **Output the gradient.** $\partial C / \partial b^l$ and $\partial C / \partial w^l$
#    for every layer from BP3 and BP4.
#
# Step 4 runs from the last layer to the first; that is where the name comes from.
# `NeuralNetwork.backprop(X, Y)` does these five steps (read `backpropagate` in
# `glassnet/network.py` for steps 1 to 4 and `Dense.gradients` in `glassnet/layers.py` for step
# 5: each line is tagged with its equation).
#
# ## Looking inside: `trace`
#
# `net.trace(X, Y)` runs backpropagation on one batch and keeps, for every layer, its `Z`,
# `A`, `delta` and its gradients `dC_dW`, `dC_db`. A small 2-3-2 sigmoid network with the MSE
# loss and a batch of four examples:

# %%
rng = np.random.default_rng(0)
X = rng.normal(size=(4, 2))  # 4 examples, 2 features
Y = rng.uniform(size=(4, 2))  # 4 targets, 2 outputs each

net = NeuralNetwork([2, 3, 2], activation=Sigmoid, loss=MSE, seed=0)
trace = net.trace(X, Y)
for l, layer_trace in enumerate(trace, start=1):
    print(f"layer {l}: Z {layer_trace.Z.shape}  A {layer_trace.A.shape}  delta {layer_trace.delta.shape}  "
          f"dC_dW {layer_trace.dC_dW.shape}  dC_db {layer_trace.dC_db.shape}")
print("\nthe output layer's errors, one row per example:\n", trace[-1].delta)

# %% [markdown]
# Every equation can now be checked with one line of numpy on the traced arrays. For MSE,
# $\partial C / \partial A_L = A_L - Y$:

# %%
n = len(X)
hidden, output = trace
W_out = net.layers[1].W

bp1 = (output.A - Y) * Sigmoid.prime(output.Z)  # BP1
bp2 = (output.delta @ W_out.T) * Sigmoid.prime(hidden.Z)  # BP2
bp3 = hidden.delta.mean(axis=0)  # BP3, hidden layer
bp4 = X.T @ hidden.delta / n  # BP4, hidden layer: A_0 = X
bp4_out = hidden.A.T @ output.delta / n  # BP4, output layer

print("BP1 output delta      :", np.allclose(bp1, output.delta))
print("BP2 hidden delta      :", np.allclose(bp2, hidden.delta))
print("BP3 hidden dC/db      :", np.allclose(bp3, hidden.dC_db))
print("BP4 hidden dC/dW      :", np.allclose(bp4, hidden.dC_dW))
print("BP4 output dC/dW      :", np.allclose(bp4_out, output.dC_dW))

# %% [markdown]
# With cross-entropy after a sigmoid output, BP1 simplifies to $\delta_L = A_L - Y$, which
# glassnet uses directly:

# %%
net_ce = NeuralNetwork([2, 3, 2], activation=Sigmoid, loss=CrossEntropy, seed=0)
output_ce = net_ce.trace(X, Y)[-1]
print("cross-entropy output delta equals A - Y:", np.allclose(output_ce.delta, output_ce.A - Y))

# %% [markdown]
# ## Checking against brute force: gradcheck
#
# Equations checked against equations prove little if both sides share a mistake. The
# independent check is the slow method from the start of the lesson: nudge each weight both
# ways and measure the change of the loss. `glassnet.gradcheck(net, X, Y)` does that for
# every weight and bias and reports, per layer, the relative error
#
# $$\frac{\lVert g_\text{bp} - g_\text{num} \rVert}{\lVert g_\text{bp} \rVert + \lVert g_\text{num} \rVert}$$
#
# ($g_\text{bp}$ from backprop, $g_\text{num}$ from the nudges),
#
# which is 0 for a perfect match and about 1 for unrelated numbers. Here on a 64-30-10
# network and ten handwritten digits:

# %%
X_digits, y_digits = datasets.digits()
digits_net = NeuralNetwork([64, 30, 10], activation=Sigmoid, loss=CrossEntropy, seed=0)
report = gradcheck(digits_net, X_digits[:10], y_digits[:10])
print(report)
print("passed (every error < 1e-7):", report.passed())

# %% [markdown]
# (The report numbers the layers as this lesson does: its layer 1 holds $W_1, b_1$, the
# hidden layer, and layer 2 holds $W_2, b_2$, the output layer. In Python, `net.layers[0]` is
# layer 1.)
#
# Agreement to about ten significant digits. A check is only worth something if it catches
# mistakes, so here is a classic one: forgetting the $\phi'(Z)$ factor in BP2. The output
# layer's gradient is still right, the hidden layer's is not, and gradcheck says which:

# %%
hidden_t, output_t = digits_net.trace(X_digits[:10], y_digits[:10])
W2 = digits_net.layers[1].W
wrong_delta = output_t.delta @ W2.T  # BP2 without "* Sigmoid.prime(hidden_t.Z)"
wrong_grads = [(X_digits[:10].T @ wrong_delta / 10, wrong_delta.mean(axis=0)),
               (output_t.dC_dW, output_t.dC_db)]
bad_report = gradcheck(digits_net, X_digits[:10], y_digits[:10], grads=wrong_grads)
print(bad_report)
print("passed:", bad_report.passed())

# %% [markdown]
# ## How much faster?
#
# Time both ways of getting the full gradient of that 64-30-10 network (2260 weights and
# biases) on a batch of 100 digits. Backpropagation is fast enough that we average over
# many runs; the numerical gradient takes several forward passes per parameter.

# %%
X_batch, y_batch = X_digits[:100], y_digits[:100]

repeats = 200
start = time.perf_counter()
for _ in range(repeats):
    digits_net.backprop(X_batch, y_batch)
backprop_seconds = (time.perf_counter() - start) / repeats

start = time.perf_counter()
numerical_gradients(digits_net, X_batch, y_batch)
numerical_seconds = time.perf_counter() - start

print(f"parameters:            {digits_net.n_params}")
print(f"backpropagation:       {backprop_seconds * 1e3:8.3f} ms")
print(f"numerical gradient:    {numerical_seconds * 1e3:8.1f} ms")
print(f"backprop is about {numerical_seconds / backprop_seconds:,.0f} times faster")

# %% [markdown]
# Thousands of times faster for a network with a couple of thousand parameters, and the gap
# grows with the number of parameters: the numerical cost is (parameters) × (forward pass),
# the backprop cost a small multiple of one forward pass. (glassnet's numerical gradient
# uses four forward passes per parameter, for extra accuracy; the exact ratio depends on your
# machine.)
#
# ## Who learns slowly
#
# The equations also tell us *which* weights learn slowly, since a weight's step is
# proportional to its gradient $a_\text{in}\, \delta_\text{out}$ (BP4).
#
# **Small inputs.** If the activation feeding a weight is 0, that weight's gradient is
# exactly 0. Some pixels are blank (0) in every one of the 1797 digit images; the weights
# leaving those pixels can never learn anything:

# %%
always_blank = np.flatnonzero((X_digits == 0).all(axis=0))
full_trace = digits_net.trace(X_digits, y_digits)
print("pixels that are 0 in every image:", always_blank)
print("largest |dC/dW| on the weights leaving them:", np.abs(full_trace[0].dC_dW[always_blank]).max())
print("mean |dC/dW| on the other first-layer weights:",
      f"{np.abs(np.delete(full_trace[0].dC_dW, always_blank, axis=0)).mean():.2e}")

# %% [markdown]
# **Saturated neurons.** Through BP1 and BP2, a neuron whose $\phi'(z)$ is near 0 has a small
# error and learns slowly. BP2 has a consequence for deep networks: every layer the error
# passes backwards through multiplies it by $W^T$ and by $\phi'(Z)$, and the sigmoid's slope
# is at most $1/4$. Through several sigmoid layers the error shrinks layer after layer, so
# the first layers learn far more slowly than the last: the **vanishing gradient** problem.
#
# `plotting.delta_sizes(net, X, Y)` measures the average $|\delta|$ of each layer on a batch.
# Take a deep network, 64-30-30-30-30-10, once with sigmoid hidden layers and once with ReLU
# hidden layers (whose slope is 1 wherever they are active), both with sigmoid outputs. At
# the start:

# %%
deep_sizes = [64, 30, 30, 30, 30, 10]
X_probe, y_probe = X_digits[:200], y_digits[:200]  # the batch the deltas are measured on
X_rest, y_rest = X_digits[200:], y_digits[200:]  # the examples the networks train on
deep_nets = {
    "sigmoid": NeuralNetwork(deep_sizes, activation="sigmoid", loss=CrossEntropy, seed=0),
    "relu": NeuralNetwork(deep_sizes, activation="relu", output_activation="sigmoid", loss=CrossEntropy,
                          seed=0),
}
for name, deep_net in deep_nets.items():
    sizes = plotting.delta_sizes(deep_net, X_probe, y_probe)
    print(f"{name:<8} mean |delta| per layer, first to last:", "  ".join(f"{size:.1e}" for size in sizes))

# %% [markdown]
# In the sigmoid network the error of the first layer is hundreds of times smaller than the
# output layer's: each layer back divides it by about four. With ReLU it stays about the
# same size. What that does to learning shows when we train both for 15 epochs (learning
# rates 0.5 and 0.1), measuring the deltas after every epoch with a callback:

# %%
records = {}
fig, axes = plt.subplots(1, 2, figsize=(12, 4), sharey=True)
for ax, (name, deep_net), learning_rate in zip(axes, deep_nets.items(), (0.5, 0.1), strict=True):
    records[name] = []

    def measure(epoch, logs, net=deep_net, record=records[name]):
        record.append(plotting.delta_sizes(net, X_probe, y_probe))

    history = deep_net.fit(X_rest, y_rest, epochs=15, batch_size=10, learning_rate=learning_rate,
                           callbacks=[measure], seed=0)
    print(f"{name:<8} training accuracy after 5, 10 and 15 epochs: "
          + ", ".join(f"{history.accuracy[e]:.0%}" for e in (4, 9, 14)))
    plotting.plot_delta_sizes(records[name], ax=ax)
    ax.set_title(f"{name} hidden layers")
plt.show()

# %% [markdown]
# The ReLU network learns the digits within a few epochs. The sigmoid network, identical
# but for its activation, is still at chance level (10%) after ten epochs: its first layers
# receive almost no error to learn from. It does get going eventually: watch the lines of
# its first layers climb until the errors of all layers are about the same size, and only
# then does its accuracy rise.
# This is one of the main reasons deep networks use ReLU-like hidden layers, and why
# lesson 3's careful initialisation matters: it keeps the $\phi'$ factors as large as they
# can be at the start.
#
# ## Summary
#
# - Nudging each weight costs a forward pass per weight; backpropagation gets every
#   derivative from one forward and one backward pass.
# - The error $\delta_l = \partial C / \partial Z_l$ is computed at the output (BP1) and
#   passed backwards (BP2); the gradients follow from it (BP3: biases, BP4: weights).
# - Row form: $\delta_L = \partial C/\partial A_L \odot \phi'(Z_L)$,
#   $\delta_l = (\delta_{l+1} W_{l+1}^T) \odot \phi'(Z_l)$,
#   $\partial C / \partial b_l = \operatorname{mean}(\delta_l)$,
#   $\partial C / \partial W_l = A_{l-1}^T \delta_l / n$. The track's $w^l$ is our $W_l^T$.
# - gradcheck compares backprop with central differences: agreement to ~$10^{-10}$ means
#   the implementation is right.
# - Weights fed by zero inputs, and neurons that are saturated, learn slowly; in deep sigmoid
#   networks the error shrinks layer by layer.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                         # once, if you have not yet
# glassnet check backprop my-work/backprop.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check backprop`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("backprop", "my-work/backprop.py")`.
#
# - **`backprop`**: implement the five steps for a sigmoid network with the MSE loss, given
#   as lists of weight matrices and bias vectors: feedforward keeping every $Z$ and $A$, BP1
#   at the output, BP2 backwards, and the gradients from BP3 and BP4. The checker compares
#   your gradients with central differences, as `gradcheck` did above.
# - **`xor`** (with lesson 7): use your `backprop` and gradient descent to train a 2-3-1
#   network on XOR, the function the perceptron could not learn.
#
# All exercises are checked the same way, e.g. `glassnet check perceptron_1d
# my-work/perceptron_1d.py`.
