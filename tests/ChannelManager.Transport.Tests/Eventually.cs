namespace ChannelManager.Transport.Tests;

/// <summary>Waits for an asynchronous outcome, failing with a message after a timeout.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting until {because}.");
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, string because, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting until {because}.");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
