"""Wrong: runs max_iters − 1 steps."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters - 1):
        x_new = x - learning_rate * df(x)
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
