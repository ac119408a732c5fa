"""Right: a while loop with a counter, the step kept apart."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    x = x0
    path = [x]
    steps = 0
    step = float("inf")
    while steps < max_iters and abs(step) > precision:
        step = learning_rate * df(x)
        x = x - step
        path.append(x)
        steps += 1
    return path
