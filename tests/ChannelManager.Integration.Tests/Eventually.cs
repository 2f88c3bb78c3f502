namespace ChannelManager.Integration.Tests;

internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, Func<string> because, int timeoutMs = 60_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeoutMs} ms waiting until {because()}.");
            }

            await Task.Delay(20);
        }
    }
}
