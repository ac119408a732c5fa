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
# # Lesson 2 — Activation functions
#
# Lesson 1 ended with a wall: one linear unit can only draw one straight boundary, so it
# cannot learn XOR. This lesson introduces the ingredient that gets us over the wall, a
# nonlinear **activation function** $\phi$ applied to the output of each linear unit:
#
# $$h = \phi(w \cdot x + b).$$
#
# We will see why the nonlinearity is essential, meet the three classic choices (sigmoid,
# tanh and ReLU) with their derivatives, and look at *saturation*, the flat regions of an
# activation that will come back to haunt training in lessons 4 and 6.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from glassnet import Dense, Identity, NeuralNetwork, Perceptron, ReLU, Sigmoid, Tanh, datasets, plotting

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## Why a nonlinearity
#
# Suppose we simply stacked linear units: a first layer computes $z_1 = x W_1 + b_1$, a
# second computes $z_2 = z_1 W_2 + b_2$ from it. Substituting,
#
# $$z_2 = (x W_1 + b_1) W_2 + b_2 = x\,(W_1 W_2) + (b_1 W_2 + b_2),$$
#
# which is again *one* linear unit, with weights $W_1 W_2$ and bias $b_1 W_2 + b_2$. However
# many linear layers we stack, the result is a single hyperplane, and XOR stays out of
# reach. (Here $x$ is a row vector and $W$ has one column per unit; lesson 3 explains this
# layout.)
#
# glassnet's `Identity` activation is "no activation at all", so we can check this with a
# real two-layer network:

# %%
linear_net = NeuralNetwork([Dense(2, 3, Identity, seed=0), Dense(3, 1, Identity, seed=1)])
first, second = linear_net.layers
W_single = first.W @ second.W  # (2, 1): the two layers folded into one
b_single = first.b @ second.W + second.b  # (1,)

X_xor, y_xor = datasets.xor()
print("two linear layers:  ", linear_net.run(X_xor).ravel())
print("one folded layer:   ", (X_xor @ W_single + b_single).ravel())

# %% [markdown]
# Identical. A nonlinear $\phi$ between the layers is what stops this collapse.
#
# There is a second reason, which matters for learning. The perceptron's step function
# jumps from 0 to 1: a small change of a weight either changes nothing at all or flips the
# output completely. Learning by small corrections, which is what gradient descent does
# (lesson 5), needs the output to respond *smoothly* to small changes. So the activations
# below are smooth (or, for ReLU, smooth almost everywhere) versions of a threshold.
#
# ### A loose biological analogy
#
# The names come from neuroscience. A biological neuron collects signals from other
# neurons through its *dendrites*; the strength of each connection (the *synapse*) weights
# that signal; if the combined input is strong enough, the neuron *fires* voltage spikes
# down its *axon*. How often it fires, its *firing rate*, rises with the input and levels off
# at a maximum. An artificial neuron keeps only this skeleton:
#
# | biological neuron | artificial neuron |
# |---|---|
# | strength of each synapse | a weight $w_i$ |
# | signal arriving from another neuron | an input $x_i$ |
# | total stimulation | $z = w \cdot x + b$ |
# | firing rate as a function of stimulation | the activation $\phi(z)$ |
#
# The analogy stops there; real neurons are far more complicated, and nothing below
# depends on it.

# %% [markdown]
# ## Three activation functions
#
# Each activation in glassnet is a class with two static methods: `fn(z)` is $\phi(z)$ and
# `prime(z)` is its derivative $\phi'(z)$, both applied entry by entry to an array.
#
# ### The logistic sigmoid
#
# $$\sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma'(z) = \sigma(z)\,\big(1 - \sigma(z)\big).$$
#
# It squashes any real number into the open interval $(0, 1)$: very negative $z$ gives
# almost 0, very positive $z$ almost 1, and $\sigma(0) = 1/2$. It is a smoothed step,
# and its output can be read as a probability. The derivative follows from the chain rule:
# $\sigma'(z) = e^{-z}/(1 + e^{-z})^2$, and $1 - \sigma(z) = e^{-z}/(1 + e^{-z})$, so
# $\sigma'(z) = \sigma(z)(1 - \sigma(z))$. Its largest value is $\sigma'(0) = 1/4$.
#
# ### The hyperbolic tangent
#
# $$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}, \qquad \tanh'(z) = 1 - \tanh^2(z).$$
#
# Same S shape, but its range is $(-1, 1)$ and it is centred at zero: $\tanh(0) = 0$ and
# $\tanh(-z) = -\tanh(z)$. In fact tanh *is* a sigmoid, stretched and shifted. Multiply the
# top and bottom of the fraction by $e^{-z}$:
#
# $$\tanh(z) = \frac{1 - e^{-2z}}{1 + e^{-2z}}
#            = \frac{2 - (1 + e^{-2z})}{1 + e^{-2z}}
#            = \frac{2}{1 + e^{-2z}} - 1
#            = 2\,\sigma(2z) - 1 .$$
#
# Its derivative peaks at $\tanh'(0) = 1$, four times the sigmoid's.
#
# ### The rectified linear unit
#
# $$\operatorname{ReLU}(z) = \max(0, z), \qquad
#   \operatorname{ReLU}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z < 0 \end{cases}$$
#
# (At $z = 0$ there is a corner and no derivative; glassnet uses 0 there.) ReLU needs no
# exponential, so it is cheap, and for positive inputs it never flattens out. Its weakness
# is the other side: a unit whose $z$ is negative for every input outputs 0 and has
# derivative 0, so it stops learning (a "dead" unit).
#
# Let's evaluate all three at a few points, and check the tanh identity on a fine grid:

# %%
z = np.array([-5.0, -1.0, 0.0, 1.0, 5.0])
for act in (Sigmoid, Tanh, ReLU):
    print(f"{act.__name__:<8} fn   {act.fn(z)}")
    print(f"{'':<8} prime {act.prime(z)}")

grid = np.linspace(-6, 6, 1201)
gap = np.max(np.abs(Tanh.fn(grid) - (2 * Sigmoid.fn(2 * grid) - 1)))
print(f"\nlargest |tanh(z) - (2σ(2z) - 1)| on [-6, 6]: {gap:.1e}")

# %% [markdown]
# The identity holds to the last bits of float64 (about $10^{-16}$). The derivatives can be
# checked the same way, against the slope measured by nudging $z$ a little both ways,
# $\big(\phi(z + \varepsilon) - \phi(z - \varepsilon)\big) / 2\varepsilon$. We stay away from
# ReLU's corner at 0:

# %%
eps = 1e-5
zs = np.linspace(-4, 4, 400)  # an even count, so 0 itself is not on the grid
for act in (Sigmoid, Tanh, ReLU):
    slope = (act.fn(zs + eps) - act.fn(zs - eps)) / (2 * eps)
    print(f"{act.__name__:<8} max |prime - measured slope| = {np.max(np.abs(act.prime(zs) - slope)):.1e}")

# %% [markdown]
# The three functions side by side, with their derivatives (the shaded stretches are
# explained in the next section):

# %%
fig = plotting.plot_activations(("sigmoid", "tanh", "relu"))

# %% [markdown]
# ## Saturation
#
# Far from zero the sigmoid and tanh become flat: their output barely moves when $z$ moves,
# so their derivative is tiny. A unit in that regime is **saturated**. The numbers:

# %%
print(f"{'z':>4}  {'σ(z)':>10}  {'σ′(z)':>10}  {'tanh′(z)':>10}")
for z_value in (0.0, 1.0, 2.0, 5.0, 10.0):
    print(f"{z_value:>4g}  {Sigmoid.fn(z_value):>10.6f}  {Sigmoid.prime(z_value):>10.2e}  "
          f"{Tanh.prime(z_value):>10.2e}")

# %% [markdown]
# At $z = 5$ the sigmoid's slope is about $0.0066$, almost 40 times smaller than at 0; at
# $z = 10$ it is $4.5 \times 10^{-5}$. Why this matters: the derivative is the factor by which
# a change of $z$ shows up in the output. When training adjusts weights by following
# derivatives (lessons 5 and 6), a saturated unit passes almost nothing back, so it learns
# very slowly, however wrong it is. Shaded below are the regions where $\sigma'(z)$ is below
# 0.05, a fifth of its peak (the threshold glassnet's plots use for "saturated"):

# %%
zz = np.linspace(-10, 10, 801)
fig, ax = plt.subplots(figsize=(8, 4))
ax.plot(zz, Sigmoid.fn(zz), label="σ(z)")
ax.plot(zz, Sigmoid.prime(zz), label="σ′(z)")
ax.plot(zz, Tanh.prime(zz), "--", label="tanh′(z)")
flat = Sigmoid.prime(zz) < plotting.SATURATION
ax.fill_between(zz, 0, 1, where=flat, color="grey", alpha=0.2, label=f"σ′ < {plotting.SATURATION}: saturated")
ax.set(xlabel="z", ylim=(0, 1.05), title="saturation: where the sigmoid goes flat")
ax.legend(loc="center right")
plt.show()

# %% [markdown]
# ReLU does not saturate for $z > 0$ (its slope stays 1), one of the reasons it became the
# default for the hidden layers of deep networks. Its zero side is a kind of total
# saturation, though.

# %% [markdown]
# ## One neuron: a perceptron with a smooth output
#
# Now put lesson 1 and this lesson together. Take a perceptron's linear part and, instead of
# the step, apply an activation:
#
# $$h = \phi(w \cdot x + b).$$
#
# That is one artificial **neuron**, the building block of every network in this track. In
# glassnet it is a `Dense` layer with a single output. Here are the two points of lesson 1
# with the same weights $w = (0, 1)$, $b = -1$, pushed through the step and through each
# activation:

# %%
X2, y2 = datasets.two_points()
w, b = np.array([0.0, 1.0]), -1.0
print("step (perceptron):", Perceptron(w=w, b=b).run(X2))
for act in (Sigmoid, Tanh, ReLU):
    neuron = Dense(2, 1, act)
    neuron.W[:, 0], neuron.b[:] = w, b  # the perceptron's weights, shape (2, 1) and (1,)
    Z, A = neuron.forward(X2)
    print(f"{act.__name__:<8} neuron:", A.ravel())

# %% [markdown]
# The sigmoid neuron says $\sigma(1) \approx 0.73$ for $u$ and $\sigma(-1) \approx 0.27$ for
# $v$: the same decision as the perceptron if we read "above 1/2" as class 1, but now with a
# degree of confidence. And that confidence changes smoothly with the weights. Below, the
# output for $u$ as the weight $w_2$ varies: the perceptron jumps, the sigmoid neuron slides.
# A learning rule can follow a slide; it cannot follow a jump.

# %%
w2_values = np.linspace(-1, 2, 301)
u = X2[0]
step_out = [Perceptron(w=[0.0, w2], b=b).run(u) for w2 in w2_values]
sigmoid_out = Sigmoid.fn(u[1] * w2_values + b)
fig, ax = plt.subplots(figsize=(7, 3.5))
ax.plot(w2_values, step_out, label="perceptron (step)")
ax.plot(w2_values, sigmoid_out, label="sigmoid neuron")
ax.set(xlabel="weight $w_2$", ylabel="output for u = (0, 2)", title="a jump versus a slide")
ax.legend()
plt.show()

# %% [markdown]
# ## Summary
#
# - Without a nonlinearity, layers of linear units collapse into one linear unit.
# - $\sigma(z) = 1/(1 + e^{-z})$ maps into $(0, 1)$, $\sigma' = \sigma(1 - \sigma) \le 1/4$.
# - $\tanh(z) = 2\sigma(2z) - 1$ maps into $(-1, 1)$, $\tanh' = 1 - \tanh^2 \le 1$.
# - $\operatorname{ReLU}(z) = \max(0, z)$ is cheap and does not saturate for $z > 0$.
# - Sigmoid and tanh saturate for large $|z|$: their derivatives almost vanish there, which
#   slows learning.
# - One neuron is $h = \phi(w \cdot x + b)$.

# %% [markdown]
# ## Exercises
#
# If you have not yet copied the exercises, do it once (`glassnet exercises my-work`); then
# check each file as you go, for example
#
# ```bash
# glassnet check activations my-work/activations.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check activations`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("activations", "my-work/activations.py")`.
#
# This lesson's exercises:
#
# - **`activations`**: write `Sigmoid`, `Tanh` and `ReLU`, each with a static `fn(z)` (and
#   its derivative `prime(z)`), in numpy, working on whole arrays at once.
# - **`one_layer`**: a one-layer network: several neurons side by side, each a weighted sum
#   passed through an activation of your choice. Its `run(X)` computes `fn(X @ W + b)` for a
#   whole batch, with `W` of shape `(n_inputs, n_outputs)` (lesson 3 explains this layout).
#
# The checker of lesson 1 works the same way: `glassnet check perceptron_1d
# my-work/perceptron_1d.py`.
