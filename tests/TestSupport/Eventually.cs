namespace SampleMind.TestSupport;

/// <summary>
/// Polls a condition until it holds or a deadline passes; the failure names what was awaited.
/// This is the only waiting tests do: no sleeps stand in for synchronisation.
/// </summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        HoldsAsync(condition, timeout, () => what);

    /// <summary>As above; <paramref name="describe"/> is called at the deadline, so the failure can say how things stood then.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for: {describe()}");
            }

            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, what);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan timeout, Func<string> describe) =>
        HoldsAsync(() => Task.FromResult(condition()), timeout, describe);
}
