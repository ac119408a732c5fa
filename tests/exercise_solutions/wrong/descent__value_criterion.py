"""Wrong: stops when x itself is small."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        x = x - learning_rate * df(x)
        path.append(x)
        if abs(x) <= precision:
            break
    return path
