"""Wrong: checks the step before appending, so the last point is lost."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        x_new = x - learning_rate * df(x)
        if abs(x_new - x) <= precision:
            break
        path.append(x_new)
        x = x_new
    return path
