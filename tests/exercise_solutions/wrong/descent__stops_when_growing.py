"""Wrong: stops as soon as |x| grows, taking it for divergence."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        x_new = x - learning_rate * df(x)
        if abs(x_new) > abs(x):
            break
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
