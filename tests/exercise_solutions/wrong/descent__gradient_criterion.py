"""Wrong: stops when the derivative is small, before the step."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        g = df(x)
        if abs(g) <= precision:
            break
        x = x - learning_rate * g
        path.append(x)
    return path
