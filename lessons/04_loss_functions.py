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
# # Lesson 4 — Loss functions
#
# A network maps inputs to outputs. To *train* it we first need to say, with one number,
# how wrong its outputs are: that number is the **loss** (also called the *cost*, written
# $C$). Training will then be the search for weights that make $C$ small (lesson 5), and the
# derivatives of $C$ are what tells every weight which way to move (lesson 6).
#
# This lesson defines the two losses of the track, the mean squared error and the
# cross-entropy, computes them by hand and with glassnet, and then shows the one property
# that makes the choice between them matter: how fast a badly wrong neuron learns.

# %%
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from glassnet import MSE, CategoricalCrossEntropy, CrossEntropy, Dense, NeuralNetwork, Sigmoid, Softmax

np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# ## What a loss must do
#
# Write $a(x)$ for the network's output on an input $x$ and $y(x)$ for the label we wanted.
# A loss compares them over all $n$ examples and returns one number, with:
#
# - $C \ge 0$, and $C$ close to 0 when every $a(x)$ is close to its $y(x)$;
# - $C$ larger when the outputs are further from the labels;
# - $C$ smooth in the weights, so that it has derivatives to follow.
#
# (Accuracy, the fraction of correct answers, is what we care about in the end, but it is a
# poor loss: it changes in jumps, and a small weight change usually leaves it unchanged,
# so it gives no direction to move in.)
#
# ## Mean squared error
#
# $$C_\text{MSE} = \frac{1}{2n} \sum_x \lVert y(x) - a(x) \rVert^2 .$$
#
# For each example, square the distance between output and label (summed over all output
# neurons, $\lVert v \rVert^2 = \sum_j v_j^2$), then average over the $n$ examples. The extra
# $\tfrac12$ is a convenience: it cancels the 2 of the derivative, so that for one example
#
# $$\frac{\partial C_x}{\partial a} = a - y .$$
#
# A small example by hand: three examples with one output each,
# $a = (0.8, 0.3, 0.6)$ and $y = (1, 0, 1)$. The squared errors are $0.04$, $0.09$ and
# $0.16$, their sum is $0.29$, and $C = 0.29 / (2 \cdot 3) \approx 0.048333$.
#
# glassnet's losses take batches shaped like the network's output: one row per example, one
# column per output neuron. `fn(a, y)` is the loss and `derivative(a, y)` is
# $\partial C_x / \partial a$ for each example.

# %%
a = np.array([[0.8], [0.3], [0.6]])  # (n, 1): three examples, one output each
y = np.array([[1.0], [0.0], [1.0]])
print(f"by hand:  {0.29 / 6:.6f}")
print(f"MSE.fn:   {MSE.fn(a, y):.6f}")
print("MSE.derivative (a - y):", MSE.derivative(a, y).ravel())

# %% [markdown]
# With several outputs, the squared distance runs over all of them. A network that says
# $(0.1, 0.7, 0.2)$ when the answer is "class 1 of three", written one-hot as $(0, 1, 0)$,
# has squared distance $0.01 + 0.09 + 0.04 = 0.14$ and, alone in its batch, $C = 0.07$:

# %%
print("MSE of one 3-output example:", MSE.fn(np.array([[0.1, 0.7, 0.2]]), np.array([[0.0, 1.0, 0.0]])))

# %% [markdown]
# ## Cross-entropy
#
# For outputs that are probabilities in $(0, 1)$ (a sigmoid output) and labels 0 or 1:
#
# $$C_\text{CE} = -\frac{1}{n} \sum_x \Big[ y \ln a + (1 - y) \ln (1 - a) \Big]$$
#
# (summed over the output neurons too, if there are several). Only one of the two terms is
# alive for each label: if $y = 1$ the example costs $-\ln a$, if $y = 0$ it costs
# $-\ln(1 - a)$. Either way it is minus the log of the probability the network gave to the
# right answer. Saying "99% sure" of the right answer costs $-\ln 0.99 \approx 0.01$;
# saying "1% sure" of it costs $-\ln 0.01 \approx 4.6$. Confident mistakes are expensive.
#
# Same three examples: $C = -\tfrac13(\ln 0.8 + \ln 0.7 + \ln 0.6) \approx 0.363548$.

# %%
by_hand = -(np.log(0.8) + np.log(1 - 0.3) + np.log(0.6)) / 3
print(f"by hand:          {by_hand:.6f}")
print(f"CrossEntropy.fn:  {CrossEntropy.fn(a, y):.6f}")
print("derivative (a - y) / (a (1 - a)):", CrossEntropy.derivative(a, y).ravel())

# %% [markdown]
# Why "entropy"? In information theory, the cross-entropy between the true distribution of
# the labels and the network's predicted distribution is the average number of bits (here
# nats, because of $\ln$) needed to write down the true labels with a code built from the
# predicted probabilities. It is smallest when the prediction matches the truth; how far it
# lies above that minimum is the price of predicting wrongly.
#
# For more than two classes with a **softmax** output (outputs that are positive and sum to
# 1), the same idea is the *categorical* cross-entropy,
# $C = -\frac1n \sum_x \sum_j y_j \ln a_j$, which glassnet has as `CategoricalCrossEntropy`:

# %%
scores = np.array([[2.0, 1.0, 0.1]])  # a network's last weighted inputs z
probabilities = Softmax.fn(scores)
print("softmax:", probabilities, " sums to", probabilities.sum())
print("categorical cross-entropy if class 0 is right:",
      round(CategoricalCrossEntropy.fn(probabilities, np.array([[1.0, 0.0, 0.0]])), 4),
      "= -ln", round(float(probabilities[0, 0]), 4))

# %% [markdown]
# ## The two properties, checked
#
# Both losses are never negative and go to 0 as the output approaches the label. For a single
# example with label $y = 1$ and with label $y = 0$, over a grid of outputs $a$:

# %%
def per_example(loss, a, y):
    """The loss of each row on its own (loss.fn averages over the batch)."""
    return np.array([loss.fn(a[i:i + 1], y[i:i + 1]) for i in range(len(a))])


grid = np.linspace(0.001, 0.999, 999).reshape(-1, 1)  # 999 outputs, one example each
for label in (1.0, 0.0):
    target = np.full_like(grid, label)
    mse, ce = per_example(MSE, grid, target), per_example(CrossEntropy, grid, target)
    best = grid.ravel()[np.argmin(ce)]
    print(f"y = {label:g}: smallest MSE {mse.min():.2e}, smallest CE {ce.min():.2e} (at a = {best:.3f});"
          f" all >= 0: {bool((mse >= 0).all() and (ce >= 0).all())}")

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
for ax, label in zip(axes, (1.0, 0.0), strict=True):
    a_values = grid.ravel()
    ax.plot(a_values, 0.5 * (label - a_values) ** 2, label="MSE  ½(y − a)²")
    ax.plot(a_values, -(label * np.log(a_values) + (1 - label) * np.log(1 - a_values)),
            label="cross-entropy")
    ax.set(xlabel="output a", title=f"one example with label y = {label:g}", ylim=(0, 5))
axes[0].set_ylabel("loss")
axes[0].legend()
plt.show()

# %% [markdown]
# The picture also shows the difference: MSE never charges more than $\tfrac12$ for one output
# in $(0, 1)$, however wrong, while cross-entropy grows without bound as the output
# approaches the wrong extreme.
#
# One precision on "tends to 0": that holds for labels 0 and 1, the usual case. With a soft
# label such as $y = 0.3$, cross-entropy is still smallest at $a = y$, but its smallest value
# is $-[0.3 \ln 0.3 + 0.7 \ln 0.7] \approx 0.61$ (the entropy of the label), not 0:

# %%
soft = np.full_like(grid, 0.3)
ce_soft = per_example(CrossEntropy, grid, soft)
print(f"y = 0.3: smallest CE {ce_soft.min():.4f} at a = {grid.ravel()[np.argmin(ce_soft)]:.3f}")

# %% [markdown]
# ## Which loss learns faster?
#
# Both losses are zero when the network is right. They differ in what happens when it is
# wrong, and that difference is in their derivatives. Training (lessons 5 and 6) moves each
# weight by an amount proportional to $\partial C / \partial w$; for an output neuron
# $a = \sigma(z)$ with $z = w x + b$ the chain rule gives
#
# $$\frac{\partial C}{\partial w} = \frac{\partial C}{\partial a}\,\sigma'(z)\,x .$$
#
# The product $\delta = \frac{\partial C}{\partial a}\sigma'(z)$ is the neuron's **error**
# (lesson 6 calls it $\delta$ and builds everything on it). For the two losses:
#
# - **MSE**: $\delta = (a - y)\,\sigma'(z)$. When the neuron is saturated, $\sigma'(z)$ is
#   tiny (lesson 2), so $\delta$ is tiny *even if $a$ is completely wrong*.
# - **Cross-entropy**: $\frac{\partial C}{\partial a} = \frac{a - y}{a(1 - a)}$ and
#   $\sigma'(z) = a(1 - a)$, so they cancel: $\delta = a - y$. The error is simply how wrong
#   the output is, with no $\sigma'$ to slow it down.
#
# ### The experiment
#
# One sigmoid neuron with one input. We want it to output $y = 0$ for the input $x = 1$, and
# start it badly wrong and saturated: $w = 2$, $b = 2$, so $z = 4$ and $a = \sigma(4) \approx
# 0.98$. Here are the two errors at the start:

# %%
X1, Y1 = np.array([[1.0]]), np.array([[0.0]])


def saturated_neuron(loss):
    """One sigmoid neuron, 1 input -> 1 output, started at w = 2, b = 2."""
    net = NeuralNetwork([Dense(1, 1, Sigmoid)], loss=loss)
    net.layers[0].W[...] = 2.0
    net.layers[0].b[...] = 2.0
    return net


start = {}
for loss in (MSE, CrossEntropy):
    (layer_trace,) = saturated_neuron(loss).trace(X1, Y1)  # one layer, so one trace
    start[loss] = layer_trace.dC_dW.item()
    print(f"{loss.name:<14} a = {layer_trace.A.item():.4f}   delta = {layer_trace.delta.item():.4f}   "
          f"dC/dw = {layer_trace.dC_dW.item():.4f}")
print(f"cross-entropy's gradient is {start[CrossEntropy] / start[MSE]:.1f} times MSE's")

# %% [markdown]
# The cross-entropy neuron starts with a gradient more than 50 times larger. Now train both the
# same way, 300 steps of gradient descent with learning rate $\eta = 0.15$ (each step:
# $w \leftarrow w - \eta\,\partial C/\partial w$, $b \leftarrow b - \eta\,\partial C/\partial b$),
# recording after every step the neuron's output and its gradient $|\partial C/\partial w|$.
# Each plot compares the same quantity for the two losses (their loss values are on
# different scales, so they are not drawn against each other):

# %%
def recorder(net, outputs, gradients):
    """A callback for fit: after each epoch, append the output for x = 1 and |dC/dw| there."""
    def record(epoch, logs):
        (layer_trace,) = net.trace(X1, Y1)
        outputs.append(layer_trace.A.item())
        gradients.append(abs(layer_trace.dC_dW.item()))
    return record


curves = {}
for loss in (MSE, CrossEntropy):
    net = saturated_neuron(loss)
    outputs, gradients = [], []
    net.fit(X1, Y1, epochs=300, batch_size=1, learning_rate=0.15, callbacks=[recorder(net, outputs, gradients)])
    curves[loss.name] = (outputs, gradients)
    below = next((i + 1 for i, value in enumerate(outputs) if value < 0.5), None)
    print(f"{loss.name:<14} output after 300 steps: {outputs[-1]:.3f};  first below 0.5 at step {below}")

fig, axes = plt.subplots(1, 2, figsize=(12, 3.8))
steps = np.arange(1, 301)
for name, (outputs, gradients) in curves.items():
    axes[0].plot(steps, outputs, label=name)
    axes[1].plot(steps, gradients, label=name)
axes[0].set(xlabel="step", ylabel="output a (target 0)", title="the neuron's output")
axes[1].set(xlabel="step", ylabel="|∂C/∂w|", yscale="log", title="the size of its gradient")
axes[0].legend()
plt.show()

# %% [markdown]
# With MSE the neuron barely moves for the first 150 or so steps: it is stuck on the flat
# top of the sigmoid, and the flatness shrinks every correction. With cross-entropy it heads
# straight for the target, fastest at the start, when it is most wrong. That is the
# behaviour we want: learn most from the biggest mistakes. It is why a sigmoid (or softmax)
# output is almost always trained with cross-entropy, and why glassnet uses the shortcut
# $\delta = a - y$ for those pairs.
#
# MSE is still the natural loss for *regression*, where the output neuron is linear
# ($\phi(z) = z$, $\phi' = 1$) and there is no flat region to get stuck on.
#
# ## Summary
#
# - MSE: $C = \frac{1}{2n}\sum_x \lVert y - a \rVert^2$, derivative $a - y$.
# - Cross-entropy: $C = -\frac1n \sum_x [y \ln a + (1 - y)\ln(1 - a)]$, derivative
#   $\frac{a - y}{a(1 - a)}$.
# - Both are $\ge 0$ and go to 0 as $a \to y$ (for labels 0 and 1).
# - After a sigmoid, MSE's error is $(a - y)\sigma'(z)$ and cross-entropy's is $a - y$: a
#   saturated, wrong neuron learns slowly with MSE and quickly with cross-entropy.

# %% [markdown]
# ## Exercises
#
# ```bash
# glassnet exercises my-work                     # once, if you have not yet
# glassnet check losses my-work/losses.py
# ```
#
# Or check it in a notebook cell: run `%load_ext glassnet` once, then write the exercise in a
# cell whose first line is `%%check losses`; the cell is checked (not run), with the same
# report. From Python: `glassnet.check("losses", "my-work/losses.py")`.
#
# - **`losses`**: write `mse(a, y)` (with its $\frac{1}{2n}$) and `cross_entropy(a, y)`,
#   each returning the batch's loss, and `mse_derivative(a, y)` and
#   `cross_entropy_derivative(a, y)`, returning $\partial C / \partial a$ for each example
#   (not divided by $n$). Mind $\ln 0$ when an output is exactly 0 or 1.
#
# The checker explains what it finds; the same command checks every exercise, e.g.
# `glassnet check perceptron_1d my-work/perceptron_1d.py`.
