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
# # Lesson 1 — Linear models and the perceptron
#
# A neural network is built out of many small units, and each unit starts life as a
# *linear model*: multiply the inputs by weights, add them up, add a constant. This lesson
# looks closely at that one unit. We will
#
# 1. see what "linear" means and write the equation of a line so that it works in any number
#    of dimensions (a *hyperplane*);
# 2. use the side of the hyperplane a point falls on to classify it;
# 3. meet the **perceptron**, which learns such a hyperplane from labelled examples;
# 4. watch the perceptron fail on XOR, and see why no amount of training could fix that.
#
# Everything runs on `glassnet`, so each formula below is also a line of code you can open
# and read (`glassnet/linear.py` and `glassnet/perceptron.py`).

# %%
# %matplotlib inline
import warnings

import matplotlib.pyplot as plt
import numpy as np

from glassnet import ConvergenceWarning, Perceptron, datasets, plotting
from glassnet.linear import add_bias_column, decision, fold_bias, hyperplane

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## What makes a model linear
#
# A *linear model* is a sum in which every term is either a constant or a **parameter times
# a variable**. The word "linear" is about the parameters, not about the shape of the curve:
#
# - $a x + b$ is linear: $a$ multiplies $x$, and $b$ is a constant.
# - $a x^2 + b x + c$ is linear too. It bends as a function of $x$, but each parameter
#   still only multiplies something. Call $u = x^2$ and it reads $a u + b x + c$: a plain
#   weighted sum of the two inputs $u$ and $x$.
#
# What a linear model can **not** do is put a parameter inside a nonlinear function,
# like $\sin(a x)$ or $1/(1 + e^{-a x})$. Those nonlinear pieces are exactly what lesson 2
# adds, and they are what gives neural networks their power. First we need the linear part
# to be completely clear.

# %% [markdown]
# ## From a line to a hyperplane
#
# Take the line $y = -2x$. Move everything to one side and it becomes $2x + y = 0$, which is
# a dot product set to zero:
#
# $$[2, 1] \cdot [x, y] = 0 .$$
#
# This line passes through the origin. To move it anywhere else we add a constant, the
# **bias**. For example
#
# $$[2, 1]\cdot[x, y] - 1 = 0 \iff 2x + y = 1 \iff y = -2x + 1$$
#
# are three ways of writing the same line. With a weight vector $w$ and a bias $b$ the form
# is the same in any number of dimensions:
#
# $$w \cdot x + b = w_1 x_1 + w_2 x_2 + \dots + w_n x_n + b = 0 .$$
#
# (The track writes the dot product as $w^T x$, treating $w$ and $x$ as column vectors; it
# is the same number.) The set of points that satisfy this equation is a **hyperplane**: a
# flat piece of dimension $n - 1$ inside $n$-dimensional space.
#
# | space | the hyperplane $w \cdot x + b = 0$ is |
# |---|---|
# | 1-d (a number line) | a single point |
# | 2-d (the plane) | a line |
# | 3-d (space) | a plane |
# | $n$-d | an $(n-1)$-d "flat" we can no longer draw |
#
# `glassnet.linear.hyperplane(x, w, b)` computes $f(x) = w \cdot x + b$. Points on the line
# $y = -2x + 1$ should all give $f = 0$:

# %%
w_line, b_line = np.array([2.0, 1.0]), -1.0
xs = np.array([-1.0, 0.0, 0.5, 2.0])
on_line = np.column_stack([xs, -2 * xs + 1])  # points (x, -2x + 1)
print("points on y = -2x + 1:\n", on_line)
print("f(x) = w·x + b at those points:", hyperplane(on_line, w_line, b_line))

# %% [markdown]
# Here is one hyperplane of each kind. In 1-d, $2x - 1 = 0$ is the point $x = 0.5$; in 2-d,
# $2x + y - 1 = 0$ is our line; in 3-d, $x_1 + x_2 + x_3 - 1 = 0$ is a tilted plane. In every
# case the hyperplane splits the space into two halves.

# %%
positive, negative = plotting.REGION_COLORS[1], plotting.REGION_COLORS[0]  # glassnet's class colours
fig = plt.figure(figsize=(13, 4))

ax = fig.add_subplot(1, 3, 1)
ax.axhline(0, color="grey", lw=1)
ax.plot([0.5], [0], "o", color="black", ms=10, label="2x − 1 = 0")
ax.fill_betweenx([-0.3, 0.3], -1, 0.5, color=negative, label="2x − 1 < 0")
ax.fill_betweenx([-0.3, 0.3], 0.5, 2, color=positive, label="2x − 1 > 0")
ax.set(xlim=(-1, 2), ylim=(-1, 1), yticks=[], xlabel="x", title="1-d: a point")
ax.legend(loc="upper left", fontsize=8)

ax = fig.add_subplot(1, 3, 2)
grid = np.linspace(-1, 2, 50)
ax.plot(grid, -2 * grid + 1, color="black", label="2x + y − 1 = 0")
ax.fill_between(grid, -2 * grid + 1, 4, color=positive, label="f > 0")
ax.fill_between(grid, -3, -2 * grid + 1, color=negative, label="f < 0")
ax.set(xlim=(-1, 2), ylim=(-3, 4), xlabel="x", ylabel="y", title="2-d: a line")
ax.legend(loc="upper right", fontsize=8)

ax = fig.add_subplot(1, 3, 3, projection="3d")
g1, g2 = np.meshgrid(np.linspace(-0.5, 1.5, 10), np.linspace(-0.5, 1.5, 10))
ax.plot_surface(g1, g2, 1 - g1 - g2, color="C0", alpha=0.4)
ax.set(xlabel="$x_1$", ylabel="$x_2$", zlabel="$x_3$", title="3-d: a plane")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## Classifying with a hyperplane
#
# Define $f : \mathbb{R}^n \to \mathbb{R}$ by
#
# $$f(x) = w \cdot x + b .$$
#
# $f$ is zero on the hyperplane, positive on one side and negative on the other. So two
# points $x_1, x_2$ lie on opposite sides exactly when their values have opposite signs:
# $f(x_1) < 0 < f(x_2)$ or $f(x_2) < 0 < f(x_1)$. That gives a classifier for two classes
# in one line, the **decision function**
#
# $$\operatorname{sign}\big(f(x)\big) \in \{-1, 0, +1\}.$$
#
# ### Worked example: two points
#
# Two labelled points:
#
# $$u = (0, 2),\ y(u) = 1 \qquad v = (1, 0),\ y(v) = 0 .$$
#
# We want $f(u) > 0$ and $f(v) < 0$. Writing the dot products out,
#
# $$f(u) = 0\cdot w_1 + 2 w_2 + b > 0 \iff 2 w_2 + b > 0, \qquad
#   f(v) = 1\cdot w_1 + 0 \cdot w_2 + b < 0 \iff w_1 + b < 0 .$$
#
# Many choices work; one is $w = (0, 1)$ and $b = -1$ (the horizontal line $x_2 = 1$). Let
# glassnet fill in the table: `hyperplane` gives $w \cdot x$ (with $b = 0$) and
# $w \cdot x + b$, and `decision` gives the sign.

# %%
X2, y2 = datasets.two_points()
w, b = np.array([0.0, 1.0]), -1.0

dot = hyperplane(X2, w)  # w·x, no bias
f = hyperplane(X2, w, b)  # w·x + b
sign = decision(X2, w, b)  # sign(f(x))

print(f"{'point':<10}{'label':>6}{'w·x':>8}{'w·x + b':>10}{'sign':>6}")
for name, x, label, d, fx, s in zip("uv", X2, y2, dot, f, sign, strict=True):
    point = f"{name}=({x[0]:g}, {x[1]:g})"
    print(f"{point:<10}{label:>6}{d:>8g}{fx:>10g}{'+' if s > 0 else '−':>6}")

# %% [markdown]
# $u$ gets $+$ and $v$ gets $-$: the line $x_2 = 1$ separates them. Finding such a $w$ and
# $b$ by hand was easy for two points. For many points in many dimensions we want an
# algorithm to do it, and that is the perceptron.

# %% [markdown]
# ## The perceptron
#
# A **perceptron** is a single artificial neuron with a yes/no output. It computes $f(x)$
# and passes it through a step:
#
# $$\text{output}(x) = \begin{cases} 1 & \text{if } w \cdot x + b > 0 \\
#                                   0 & \text{otherwise.} \end{cases}$$
#
# A point exactly on the hyperplane ($f(x) = 0$) counts as class 0. glassnet uses this one
# rule everywhere, while learning and while predicting, so the perceptron you train is the
# perceptron you use.
#
# `Perceptron(w=..., b=...)` builds one with given weights. With a single number as `w` it
# is the one-input perceptron of the first exercise; with a vector it takes points of any
# dimension.

# %%
p1 = Perceptron(w=2.0, b=-1.0)  # one input: fires when 2x - 1 > 0, i.e. x > 0.5
print("1-d perceptron on 0.3, 0.5, 0.7:", p1.run(0.3), p1.run(0.5), p1.run(0.7))

p2 = Perceptron(w=[0, 1], b=-1)  # the line x2 = 1 from the table
print("2-d perceptron on u and v:", p2.run(X2))

# %% [markdown]
# Note that $x = 0.5$, exactly on the 1-d hyperplane, gives 0.
#
# ### The bias trick
#
# The bias can be hidden inside the weights. Append a constant 1 to every input and append
# $b$ to the weights:
#
# $$w' = (w_1, \dots, w_n, b), \qquad x' = (x_1, \dots, x_n, 1), \qquad
#   w' \cdot x' = w_1 x_1 + \dots + w_n x_n + b \cdot 1 = w \cdot x + b .$$
#
# Then the bias is just one more weight, the weight of an input that is always 1, and a rule
# that updates weights updates the bias for free. glassnet has both halves of the trick:

# %%
X2_ones = add_bias_column(X2)  # (2, 2) -> (2, 3): a column of ones appended
w_folded = fold_bias(w, b)  # (0, 1) and -1 -> (0, 1, -1)
print("inputs with a 1 appended:\n", X2_ones)
print("folded weights:", w_folded)
print("w'·x' =", X2_ones @ w_folded, "  w·x + b =", hyperplane(X2, w, b))

# %% [markdown]
# ## How a perceptron learns
#
# Training means: start with some $w, b$ (glassnet starts at zero), and repair them every
# time they get a training point wrong. For a point $x$ with label $y \in \{0, 1\}$ and the
# perceptron's current output $\hat y = \text{output}(x)$ there are three cases:
#
# 1. $\hat y = y$: no mistake, change nothing.
# 2. $\hat y = 1$ but $y = 0$: the point is on the positive side and should not be. Set
#    $w \leftarrow w - x$ (and $b \leftarrow b - 1$).
# 3. $\hat y = 0$ but $y = 1$: the other way round. Set $w \leftarrow w + x$ (and
#    $b \leftarrow b + 1$).
#
# On a mistake $y - \hat y$ is $-1$ in case 2 and $+1$ in case 3, and it is $0$ when there is
# no mistake, so all three cases are one formula, **Rosenblatt's rule**:
#
# $$w \leftarrow w + \eta\,(y - \hat y)\,x, \qquad b \leftarrow b + \eta\,(y - \hat y).$$
#
# Why does it help? After case 3, $f(x)$ grows by $\eta(\lVert x \rVert^2 + 1) > 0$: the
# hyperplane moved towards putting $x$ on the positive side. Case 2 is the mirror image.
# The bias update is the weight update for the constant input 1 of the bias trick.
#
# The algorithm, in words:
#
# ```text
# start with w = 0, b = 0
# repeat (each pass over the data is an epoch):
#     for each training point x with label y:
#         ŷ = 1 if w·x + b > 0 else 0
#         w = w + η (y - ŷ) x
#         b = b + η (y - ŷ)
# until an epoch makes no mistake (or a maximum number of epochs is reached)
# ```
#
# The **perceptron convergence theorem** says that if some hyperplane separates the two
# classes (the data are *linearly separable*), this loop stops after a finite number of
# mistakes.
#
# $\eta$ (eta) is the **learning rate**, the size of each repair. It is a
# **hyperparameter**: a number we choose before training, as opposed to the *parameters*
# $w$ and $b$ that training chooses. We come back to it below.
#
# ### One step by hand
#
# The track's seven training points, and what happens at the first three of them with
# $w = 0$, $b = 0$, $\eta = 1$:

# %%
X, y = datasets.seven_points()
print("X =\n", X, "\ny =", y)

w_hand, b_hand = np.zeros(2), 0.0
for x_i, y_i in zip(X[:3], y[:3], strict=True):
    y_hat = int(x_i @ w_hand + b_hand > 0)
    w_hand = w_hand + (y_i - y_hat) * x_i
    b_hand = b_hand + (y_i - y_hat)
    print(f"x={x_i}, y={y_i}: output {y_hat} ->", "mistake" if y_hat != y_i else "correct",
          f"  now w={w_hand}, b={b_hand:g}")

# %% [markdown]
# The first two points have label 0 and $f = 0$, which the step rule calls 0: correct. The
# third has label 1, so the rule adds it to $w$ and 1 to $b$.
#
# ### The whole run
#
# `Perceptron(n_inputs=2).fit(X, y)` runs the loop until an epoch is free of mistakes and
# records the number of mistakes in each epoch in `mistakes_`:

# %%
p = Perceptron(n_inputs=2).fit(X, y)
print("mistakes per epoch:", p.mistakes_)
print("epochs:", p.n_epochs_, "  converged:", p.converged_)
print("learned:", p)
print("training accuracy:", p.score(X, y))

# %% [markdown]
# Five epochs, and the last one made no mistake. The learned hyperplane and the regions it
# assigns to each class look like this (class 1 is blue with $+$ markers, class 0 red with $-$;
# the arrow $w$ points to the side where $w \cdot x + b > 0$):

# %%
fig, ax = plt.subplots(figsize=(5.5, 5))
plotting.plot_decision_regions(p, X, y, ax=ax, bounds=(0, 1, 0, 1))
plotting.plot_hyperplane(p, ax=ax)
ax.set_title("perceptron on the seven points")
plt.show()

# %% [markdown]
# ### `>` or `>=`: the track's own code
#
# The track's `train()` decides with `>=` (a point with $w \cdot x + b = 0$ counts as class 1)
# while its `predict()` uses `>` (such a point counts as 0). That small difference changes
# the result. At the very start $w = 0$ and $b = 0$, so $f = 0$ for every point: with `>=`
# the first point, $(0.8, 0.4)$ with label 0, is called 1, a mistake, and the weights move
# at once; with `>` it is called 0, correct, and nothing moves. From that first step on the
# two runs differ. Here is the track's `train()`, written out, against glassnet's `fit`
# (which uses `>` in training and in prediction alike):

# %%
def track_train(X, y, epochs=100):
    """The track's train(): w·x + b >= 0 counts as 1. Returns w, b and the epochs with a mistake."""
    w, b = np.zeros(X.shape[1]), 0.0
    epochs_with_mistakes = []
    for epoch in range(1, epochs + 1):
        mistakes = 0
        for x_i, y_i in zip(X, y, strict=True):
            y_hat = int(x_i @ w + b >= 0.0)  # the track's >=
            w, b = w + (y_i - y_hat) * x_i, b + (y_i - y_hat)
            mistakes += y_hat != y_i
        if mistakes:
            epochs_with_mistakes.append(epoch)
    return w, b, epochs_with_mistakes


w_ge, b_ge, epochs_ge = track_train(X, y)
clean_ge = epochs_ge[-1] + 1  # the first epoch without a mistake (the run goes on to 100)
print(f"track's train() with >=: w = ({w_ge[0]:g}, {w_ge[1]:g}), b = {b_ge:g}, "
      f"first epoch without a mistake: {clean_ge}")
print(f"glassnet's fit with >:   w = ({p.w[0]:g}, {p.w[1]:g}), b = {p.b:g}, "
      f"first epoch without a mistake: {p.n_epochs_}")
print("the track's predict() (>) with the >= weights on the seven points:", (X @ w_ge + b_ge > 0).astype(int),
      "  labels:", y)

# %% [markdown]
# Both lines separate the seven points, but they are different lines, found after a
# different number of epochs. Using one rule in both places, as glassnet does, means the
# perceptron you train is exactly the one you use; with two rules a point that lands exactly
# on the line would be counted right while training and wrong while predicting.

# %% [markdown]
# ### The learning rate, honestly
#
# One might expect a larger $\eta$ to move faster. For *this* perceptron it changes nothing
# but the scale: starting from $w = 0, b = 0$, every update is $\eta$ times a point (or
# $\pm\eta$), so after any number of steps $w$ and $b$ are exactly $\eta$ times what they would
# be with $\eta = 1$. Multiplying $w$ and $b$ by a positive number does not move the
# hyperplane $w \cdot x + b = 0$ and does not change any sign, so the same mistakes happen in
# the same order:

# %%
for eta in (0.1, 1.0, 10.0):
    p_eta = Perceptron(n_inputs=2).fit(X, y, learning_rate=eta)
    print(f"eta={eta:<5} mistakes per epoch {p_eta.mistakes_}  w={p_eta.w}  b={p_eta.b:g}")

# %% [markdown]
# The learning rate starts to matter as soon as the weights do not start at zero, and it
# matters a great deal for the smooth models of the next lessons, where each step follows a
# gradient: too small and training crawls, too large and it overshoots. Lesson 5 shows both.

# %% [markdown]
# ## Where the perceptron stops: XOR
#
# XOR ("exclusive or") is 1 when exactly one of two inputs is 1:
#
# | $x_1$ | $x_2$ | XOR |
# |---|---|---|
# | 0 | 0 | 0 |
# | 0 | 1 | 1 |
# | 1 | 0 | 1 |
# | 1 | 1 | 0 |
#
# Train a perceptron on it. `fit` stops after `max_epochs` (100 by default), sets
# `converged_` to False and warns with a `ConvergenceWarning`. We catch the warning so we can
# print it here:

# %%
X_xor, y_xor = datasets.xor()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    p_xor = Perceptron(n_inputs=2).fit(X_xor, y_xor)

for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("is it a ConvergenceWarning?", any(issubclass(w.category, ConvergenceWarning) for w in caught))
print("converged:", p_xor.converged_, "  epochs:", p_xor.n_epochs_)
print("mistakes in the first 8 epochs:", p_xor.mistakes_[:8], "... last:", p_xor.mistakes_[-1])
print("predictions:", p_xor.predict(X_xor), "  labels:", y_xor)

# %% [markdown]
# It never gets all four points right, and more epochs would not help. The reason is not
# the algorithm but the model: **no line separates XOR**. Suppose one did, with class 1
# where $w \cdot x + b > 0$. Then
#
# - $(0, 0)$ is class 0: $b \le 0$;
# - $(1, 0)$ and $(0, 1)$ are class 1: $w_1 + b > 0$ and $w_2 + b > 0$;
# - $(1, 1)$ is class 0: $w_1 + w_2 + b \le 0$.
#
# Adding the two middle inequalities gives $w_1 + w_2 + 2b > 0$, so
# $w_1 + w_2 + b > -b \ge 0$, contradicting the last line. The two classes sit on the
# diagonals of the square, and every line leaves points of both classes on one side. Here
# is where the perceptron stopped, the line $x_1 = 1$: it has $(1, 0)$ and $(1, 1)$ exactly on
# it ($f = 0$, so both count as class 0), which gets $(1, 1)$ right and $(1, 0)$ wrong, and
# $(0, 0)$ lies on the class-1 side:

# %%
fig, ax = plt.subplots(figsize=(5, 5))
plotting.plot_decision_regions(p_xor, X_xor, y_xor, ax=ax, bounds=(-0.5, 1.5, -0.5, 1.5))
plotting.plot_hyperplane(p_xor, ax=ax)
ax.set_title("XOR: the perceptron's last attempt")
plt.show()

# %% [markdown]
# This limit was made famous by Minsky and Papert's book *Perceptrons* (1969), and it is
# often blamed for the first "AI winter", when interest and funding for neural networks
# dried up. The way out is to combine several units and put a nonlinear function after
# each: the activation functions of lesson 2 and the layers of lesson 3. In lesson 7 a
# network with three hidden units learns XOR.
#
# ## Summary
#
# - A hyperplane is $w \cdot x + b = 0$: a point, a line, a plane, ... one dimension less
#   than the space.
# - The sign of $f(x) = w \cdot x + b$ says which side $x$ is on; that is a classifier.
# - The perceptron outputs 1 if $w \cdot x + b > 0$, else 0, and learns with
#   $w \leftarrow w + \eta (y - \hat y) x$, $b \leftarrow b + \eta (y - \hat y)$.
# - It always succeeds on linearly separable data and can never succeed on data like XOR.

# %% [markdown]
# ## Exercises
#
# Copy the exercises into a folder of your own and fill them in; the checker runs your code
# and explains what is wrong:
#
# ```bash
# glassnet exercises my-work                                # copies the exercise files
# glassnet check perceptron_1d my-work/perceptron_1d.py     # grades one exercise
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check perceptron_1d`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("perceptron_1d", "my-work/perceptron_1d.py")`.
#
# This lesson's exercises:
#
# - **`perceptron_1d`**: a perceptron with one weight and one bias, whose `run(x)` returns
#   0 or 1 for a number `x` (with the same "$> 0$" rule as above).
# - **`perceptron_nd`**: the same for inputs of any dimension, numpy only, running on one
#   point or on a whole batch of points at once.
# - **`perceptron_train`**: Rosenblatt's learning rule, `train(X, y)` returning the learned
#   `w` and `b`. Try it on the seven points (compare with `Perceptron.fit` above) and on XOR
#   (where only the limit on the number of epochs stops it).
