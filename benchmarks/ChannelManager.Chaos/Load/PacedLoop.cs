namespace ChannelManager.Chaos.Load;

/// <summary>
/// Starts one piece of load at a steady rate until stopped (catching up after a slow start, never bursting beyond
/// it), then waits for everything it started.
/// </summary>
internal static class PacedLoop
{
    /// <summary>Calls <paramref name="startOne"/> <paramref name="perSecond"/> times a second until <paramref name="stop"/>.</summary>
    /// <param name="perSecond">The rate.</param>
    /// <param name="startOne">Starts one piece of load and returns its task (not awaited before the next one starts).</param>
    /// <param name="stop">Stops starting new ones.</param>
    /// <returns>A task that completes when every started piece has.</returns>
    public static async Task RunAsync(double perSecond, Func<Task> startOne, CancellationToken stop)
    {
        var inFlight = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / perSecond);
        var next = DateTime.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            inFlight.Add(startOne());
            inFlight.RemoveAll(t => t.IsCompleted);
            next += interval;
            var wait = next - DateTime.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(inFlight);
    }
}
