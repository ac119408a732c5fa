"""Wrong: descent__momentum (an iterative slip; see the test's table for what is said)."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x, v = x0, 0.0
    for _ in range(max_iters):
        v = 0.5 * v - learning_rate * df(x)
        x_new = x + v
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
