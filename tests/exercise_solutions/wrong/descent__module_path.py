"""Wrong: descent__module_path (state kept between calls or objects; see the test's table for its cause)."""

path = []


def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path.append(x0)
    x = x0
    for _ in range(max_iters):
        x_new = x - learning_rate * df(x)
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return list(path)
