"""Wrong: tests a step that starts at 0, so the loop never runs."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    step = 0.0
    iters = 0
    while abs(step) > precision and iters < max_iters:
        step = learning_rate * df(x)
        x = x - step
        path.append(x)
        iters += 1
    return path
