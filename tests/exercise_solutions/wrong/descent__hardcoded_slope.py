"""Wrong: uses the track's f'(x) = 2(x − 2) instead of df."""

def gradient_descent(df, x0, learning_rate, precision, max_iters):
    path = [x0]
    x = x0
    for _ in range(max_iters):
        x_new = x - learning_rate * 2 * (x - 2)
        path.append(x_new)
        if abs(x_new - x) <= precision:
            break
        x = x_new
    return path
