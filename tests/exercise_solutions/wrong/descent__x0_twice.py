"""Wrong: descent__x0_twice (see the test's table for what is said)."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    x = x0
    path = [x, x]
    step = float("inf")
    iters = 0
    while step > precision and iters < max_iters:
        x_new = x - learning_rate * df(x)
        step = abs(x_new - x)
        x = x_new
        path.append(x)
        iters += 1
    return path
