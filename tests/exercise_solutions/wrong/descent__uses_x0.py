"""Wrong: descent__uses_x0 (one realistic slip; see the test's table for its cause)."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for i in range(max_iters):
        x_new = x0 - learning_rate * df(x)
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
