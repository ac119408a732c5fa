"""Wrong: descent__stops_when_step_grows (an iterative slip; see the test's table for what is said)."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    last = float("inf")
    for _ in range(max_iters):
        x_new = x - learning_rate * df(x)
        path.append(x_new)
        step = abs(x_new - x)
        if step <= precision or step > last:
            break
        last = step
        x = x_new
    return path
