"""Wrong: computes the derivative once, at x0."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    g = df(x0)
    for _ in range(max_iters):
        x_new = x - learning_rate * g
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
