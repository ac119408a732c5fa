"""Wrong: tests the step before taking it, with <."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        if abs(learning_rate * df(x)) < precision:
            break
        x = x - learning_rate * df(x)
        path.append(x)
    return path
