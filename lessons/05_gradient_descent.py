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
# # Lesson 5 — Gradient descent
#
# A loss function (lesson 4) scores a network's weights with one number. Training is the
# search for weights that make that number small. The workhorse of that search, in every
# deep-learning library, is **gradient descent**: stand somewhere, find the direction in
# which the loss goes down fastest, take a small step that way, repeat.
#
# This lesson runs it by hand on a parabola (reproducing the track's numbers), shows what
# the learning rate does, goes to two dimensions and to functions with several minima, and
# ends with the step from "minimise a function" to "train a network": stochastic gradient
# descent on mini-batches, and its two popular refinements, momentum and Adam.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from glassnet import NeuralNetwork, datasets, gradient_descent, plotting

np.set_printoptions(precision=6, suppress=True)

# %% [markdown]
# ## The idea: walk downhill
#
# Picture the loss as a landscape and yourself standing on it in fog. You cannot see the
# lowest valley, but you can feel the slope under your feet. The sensible move is a step in
# the steepest downhill direction, and then another from wherever you land.
#
# The slope is the **gradient** $\nabla f(x)$: the vector of partial derivatives, which
# points in the direction of steepest *ascent* (for a function of one number, it is just the
# derivative $f'(x)$). So we step against it:
#
# $$x \leftarrow x - \eta\, \nabla f(x).$$
#
# $\eta$ is the **learning rate** (the track also writes it $\epsilon$). It sets the size of
# the steps. Note what we are after: not the lowest *value* of $f$, but the *place* $x$ where
# it is lowest, because for a network $x$ is the weights.
#
# We stop when the steps become negligible (shorter than some `precision`), or after a
# maximum number of steps.
#
# ## By hand: a parabola
#
# Take $f(x) = (x - 2)^2$. Its derivative is $f'(x) = 2(x - 2)$, and its minimum is at
# $x = 2$: $f$ is a square, so it is never negative, and $f(2) = 0$. Start at $x_0 = 4$ with
# $\eta = 0.01$:
#
# $$\begin{aligned}
# x_1 &= 4 - 0.01 \cdot 2\,(4 - 2) = 4 - 0.04 = 3.96 \\
# x_2 &= 3.96 - 0.01 \cdot 2\,(3.96 - 2) = 3.96 - 0.0392 = 3.9208 \\
# x_3 &= 3.9208 - 0.01 \cdot 2\,(3.9208 - 2) = 3.9208 - 0.038416 = 3.882384
# \end{aligned}$$
#
# and from $x_0 = 0$ the walk comes from the other side, upwards:
#
# $$x_1 = 0 - 0.01 \cdot 2\,(0 - 2) = 0.04, \qquad x_2 = 0.0792, \qquad x_3 = 0.117616 .$$
#
# There is a pattern: each step multiplies the distance to the minimum by the same factor,
# $x_{k+1} - 2 = (x_k - 2) - 2\eta(x_k - 2) = (1 - 2\eta)(x_k - 2)$, here $0.98$. The walk
# approaches 2 geometrically, quickly at first and ever more slowly.
#
# `glassnet.gradient_descent(df, x0, learning_rate, precision, max_iters)` takes the
# derivative and returns where it ended, the whole `path` and the number of steps:

# %%
def f(x):
    return (x - 2) ** 2


def df(x):
    return 2 * (x - 2)


from_4 = gradient_descent(df, x0=4, learning_rate=0.01, precision=1e-4, max_iters=1000)
from_0 = gradient_descent(df, x0=0, learning_rate=0.01, precision=1e-4, max_iters=1000)
print("from 4, first steps:", [round(float(x), 6) for x in from_4.path[:4]])
print("from 0, first steps:", [round(float(x), 6) for x in from_0.path[:4]])
for name, result in (("from 4", from_4), ("from 0", from_0)):
    print(f"{name}: stopped at x = {result.x:.6f} after {result.n_iters} steps "
          f"(converged: {result.converged}), distance to 2: {abs(result.x - 2):.2e}")

# %% [markdown]
# Both walks end near 2, the minimum, from opposite sides. They stop at a distance of
# about 0.005 rather than exactly at 2 because the stopping rule looks at the step size:
# a step is $2\eta\,|x - 2| = 0.02\,|x - 2|$, which drops below the precision $10^{-4}$ once
# $|x - 2| < 0.005$. A smaller `precision` buys more accuracy with more steps.

# %%
fig, ax = plt.subplots(figsize=(7, 4))
plotting.plot_descent_1d(f, from_4, ax=ax, function="(x − 2)²")  # the title gives f, η and the outcome
plt.show()

# %% [markdown]
# ## Choosing the learning rate
#
# The factor $1 - 2\eta$ tells the whole story for this parabola:
#
# - $\eta$ **too small** ($0.01$): the factor is $0.98$, tiny steps, hundreds of them.
# - $\eta$ **well chosen** ($0.1$): factor $0.8$, a few dozen steps. ($\eta = 0.5$ makes
#   the factor 0 and lands on the minimum in one step; real losses are never that kind.)
# - $\eta$ **large** ($0.9$): factor $-0.8$. Each step jumps *over* the minimum to the
#   other side; the jumps still shrink, so the walk zig-zags in.
# - $\eta$ **too large** ($1.05$): factor $-1.1$, $|1 - 2\eta| > 1$. Every jump lands further
#   away than it started, and the walk **diverges**.

# %%
print(f"{'η':>6} {'steps':>6} {'last x':>14}  converged")
for eta in (0.01, 0.1, 0.5, 0.9, 1.05):
    result = gradient_descent(df, x0=4, learning_rate=eta, precision=1e-4, max_iters=1000)
    print(f"{eta:>6} {result.n_iters:>6} {result.x:>14.6g}  {result.converged}")

# %%
fig = plotting.plot_learning_rates(f, df, 4, learning_rates=(0.01, 0.1, 0.9, 1.05), max_iters=50,
                                   function="(x − 2)²")

# %% [markdown]
# In practice the good learning rate is found by experiment (common values lie between
# about $10^{-4}$ and 1, depending on the problem and the method). The rule of thumb: the
# loss should go down at (almost) every step. If it stalls, try a larger $\eta$; if it
# oscillates or explodes, a smaller one.
#
# ## Two dimensions
#
# Nothing changes when $x$ is a vector: the gradient is a vector too, and the step follows
# it. Take the bowl $f(x_1, x_2) = x_1^2 + 5x_2^2$ (the one the tour draws), with gradient
# $\nabla f = (2x_1,\ 10x_2)$. It is five times steeper along $x_2$ than along $x_1$, a
# common shape for real losses. The gradient
# does not point at the minimum but across the steep walls, so a large step zig-zags
# across the valley while a small one crawls along its floor:

# %%
def bowl(p):
    return p[0] ** 2 + 5 * p[1] ** 2


def bowl_gradient(p):
    return np.array([2 * p[0], 10 * p[1]])


fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
for ax, eta in zip(axes, (0.02, 0.18), strict=True):
    result = gradient_descent(bowl_gradient, x0=np.array([-4.0, 2.0]), learning_rate=eta, precision=1e-4)
    print(f"η = {eta}: {result.n_iters} steps, ended at {result.x}")
    plotting.plot_descent_2d(bowl, result, ax=ax, function="x₁² + 5x₂²")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Local minima
#
# A parabola has one minimum. Most functions have several, and gradient descent only ever
# sees the slope where it stands: it finds *a* minimum, the one whose valley it started in,
# not necessarily the lowest one. Take $f(x) = x^4 - 3x^2 + x$, which has two valleys:

# %%
def two_valleys(x):
    return x**4 - 3 * x**2 + x


def two_valleys_derivative(x):
    return 4 * x**3 - 6 * x + 1


xs = np.linspace(-2.1, 2.1, 400)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(xs, two_valleys(xs), color="grey", lw=2, label="f(x) = x⁴ − 3x² + x")
for x0, color in ((-2.0, "C0"), (2.0, "C1")):
    result = gradient_descent(two_valleys_derivative, x0=x0, learning_rate=0.01, precision=1e-6)
    print(f"start {x0:+}: ends at x = {result.x:.4f}, f(x) = {two_valleys(result.x):.4f} "
          f"after {result.n_iters} steps")
    ax.plot(result.path, two_valleys(result.path), "o-", color=color, ms=3,
            label=f"from x₀ = {x0:+g}: ends at {result.x:.2f}")
    ax.plot(result.x, two_valleys(result.x), "*", color=color, ms=15, markeredgecolor="white")
ax.set(xlabel="x", ylabel="f(x)", title="two starts, two different minima")
ax.legend()
plt.show()

# %% [markdown]
# Started at $-2$ the walk finds the global minimum ($f \approx -3.51$); started at $+2$ it
# settles in the shallower valley ($f \approx -1.07$), a **local minimum**, and has no way of
# knowing that a better one exists. For neural networks this turns out to be less of a
# problem than it sounds: their losses have huge numbers of minima, most of them about
# equally good.
#
# ## Why not just solve $f'(x) = 0$?
#
# In a calculus course one finds minima by setting the derivative to zero and solving. For
# $(x - 2)^2$ that is instant. For a network's loss, a function of thousands or millions
# of weights, the equations $\nabla C = 0$ have no formula for their solution, while the
# gradient at one point can be computed cheaply (lesson 6 shows how). So we walk.
#
# ## From descent to training a network
#
# For a network, the point $x$ is the list of all weights and biases, and the function is
# the loss averaged over the training examples:
#
# $$C = \frac1n \sum_{i=1}^n C_{x_i}, \qquad W \leftarrow W - \eta\,\frac{\partial C}{\partial W},
#   \quad b \leftarrow b - \eta\,\frac{\partial C}{\partial b}\quad\text{for every layer.}$$
#
# Computing the exact gradient means a pass over all $n$ examples for every single step.
# **Stochastic gradient descent** (SGD) estimates it instead from a small random
# **mini-batch** of $m$ examples, which is much cheaper and, on average, points the same
# way:
#
# 1. shuffle the training examples;
# 2. cut them into mini-batches of $m$;
# 3. for each mini-batch, compute the gradient of its average loss;
# 4. step every weight against it.
#
# One pass through all the mini-batches is an **epoch**; training runs for many epochs.
# `NeuralNetwork.fit` is exactly this loop. Here it is on the "moons" data set (two
# interleaved half circles), with the whole training set as one batch versus mini-batches of
# 10, for the same 50 epochs. We compare the ways of descending on a **validation** part
# carved out of the training data; the test part stays untouched (lesson 7 explains why a
# choice made by looking at the test set makes its score optimistic).

# %%
X_rest, y_rest, X_test, y_test = datasets.load("moons", n_samples=400, noise=0.2, seed=0)
X_train, y_train, X_val, y_val = datasets.train_test_split(X_rest, y_rest, test_size=0.15, seed=0, stratify=True)
print("training:", X_train.shape, " validation:", X_val.shape, " test (not used here):", X_test.shape)


def moons_network():
    return NeuralNetwork([2, 8, 1], activation="tanh", output_activation="sigmoid",
                         loss="cross-entropy", seed=0)


runs = {}
for label, batch_size in (("full batch", len(X_train)), ("mini-batches of 10", 10)):
    net = moons_network()
    runs[label] = net.fit(X_train, y_train, epochs=50, batch_size=batch_size, learning_rate=0.1)
    steps = 50 * int(np.ceil(len(X_train) / batch_size))
    print(f"{label:<20} {steps:>5} steps   final loss {runs[label].loss[-1]:.3f}   "
          f"validation accuracy {net.score(X_val, y_val):.1%}")

# %% [markdown]
# In the same number of epochs, mini-batches take one step per batch of 10 (the step counts
# above) where the full batch takes one per epoch, each almost as good a guess at the downhill
# direction, and they get much further.
#
# ### Momentum and Adam
#
# Plain SGD has two weaknesses we have already seen: it crawls along gentle slopes, and it
# zig-zags in narrow valleys. The two most used refinements, both in `glassnet.optimizers`:
#
# - **Momentum** keeps a velocity $v$, a running sum of past steps:
#   $v \leftarrow \mu v - \eta\, g$, then $\theta \leftarrow \theta + v$ (with $g$ the
#   gradient and $\mu \approx 0.9$). Consistent directions build up speed; zig-zags cancel.
# - **Adam** keeps running averages of the gradient and of its square for every parameter
#   and divides one by the square root of the other, so every parameter gets a step of
#   sensible size whatever the scale of its gradient.
#
# `fit` takes them by name:

# %%
for label, optimizer, learning_rate in (("momentum", "momentum", 0.1), ("adam", "adam", 0.01)):
    net = moons_network()
    runs[label] = net.fit(X_train, y_train, epochs=50, batch_size=10, learning_rate=learning_rate,
                          optimizer=optimizer)
    print(f"{label:<20} final loss {runs[label].loss[-1]:.3f}   validation accuracy {net.score(X_val, y_val):.1%}")

fig, ax = plt.subplots(figsize=(7, 4))
for label, history in runs.items():
    ax.plot(range(1, history.epochs + 1), history.loss, label=label)
ax.set(xlabel="epoch", ylabel="training loss", title="the same network, four ways to descend")
ax.legend()
plt.show()

# %% [markdown]
# Comparisons like this depend on the learning rates chosen, so read it as "all of them
# work, and the refinements often get there sooner", not as a ranking.
#
# ## Summary
#
# - Gradient descent: $x \leftarrow x - \eta \nabla f(x)$, until the steps become tiny.
# - On $(x - 2)^2$ from 4 with $\eta = 0.01$: 3.96, 3.9208, 3.882384, ... towards 2.
# - Too small an $\eta$ crawls; a large one zig-zags; one too large ($|1 - 2\eta| > 1$ here)
#   diverges.
# - It finds the minimum of the valley it starts in, which may be only local.
# - Training a network is gradient descent on the loss over all weights; SGD estimates the
#   gradient from mini-batches; momentum and Adam refine the step.
#
# The one missing piece is how to get $\partial C / \partial W$ for every weight of a network
# efficiently. That is backpropagation, the next lesson.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                       # once, if you have not yet
# glassnet check descent my-work/descent.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check descent`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("descent", "my-work/descent.py")`.
#
# - **`descent`**: write gradient descent for a function of one variable, given its
#   derivative, a start, a learning rate, a precision and a maximum number of steps, and
#   return the list of points it visited, like `result.path` above. On $(x - 2)^2$ from 4
#   the list must begin 4, 3.96, 3.9208, 3.882384.
#
# (The first exercise is checked with `glassnet check perceptron_1d my-work/perceptron_1d.py`;
# every other one the same way.)
