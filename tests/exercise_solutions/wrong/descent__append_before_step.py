"""Wrong: appends each point before stepping away from it."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        path.append(x)
        step = learning_rate * df(x)
        x = x - step
        if abs(step) <= precision:
            break
    return path
