"""Right: every point a Python float."""


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [float(x0)]
    for _ in range(max_iters):
        new = path[-1] - learning_rate * float(df(path[-1]))
        moved = abs(new - path[-1])
        path.append(new)
        if moved <= precision:
            break
    return path
