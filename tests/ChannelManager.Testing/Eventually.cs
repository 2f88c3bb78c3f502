namespace ChannelManager.Testing;

/// <summary>Waits for an asynchronous outcome, failing with a message after a timeout.</summary>
public static class Eventually
{
    /// <summary>The default time to wait.</summary>
    public const int DefaultTimeoutMs = 15_000;

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static Task TrueAsync(Func<bool> condition, string because, int timeoutMs = DefaultTimeoutMs) =>
        TrueAsync(() => Task.FromResult(condition()), () => because, timeoutMs);

    /// <summary>Polls <paramref name="condition"/> until it holds; the message is built only on failure.</summary>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static Task TrueAsync(Func<bool> condition, Func<string> because, int timeoutMs = DefaultTimeoutMs) =>
        TrueAsync(() => Task.FromResult(condition()), because, timeoutMs);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds.</summary>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutMs = DefaultTimeoutMs) =>
        TrueAsync(condition, () => because, timeoutMs);

    /// <summary>Polls an asynchronous <paramref name="condition"/> until it holds; the message is built only on failure.</summary>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static async Task TrueAsync(Func<Task<bool>> condition, Func<string> because, int timeoutMs = DefaultTimeoutMs)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutMs} ms waiting until {because()}.");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
