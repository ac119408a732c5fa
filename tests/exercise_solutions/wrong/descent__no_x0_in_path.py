"""Wrong: the path leaves x0 out."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = []
    x = x0
    for _ in range(max_iters):
        new = x - learning_rate * df(x)
        path.append(new)
        if abs(new - x) <= precision:
            break
        x = new
    return path
