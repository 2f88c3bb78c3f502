namespace ChannelManager.Connections;

/// <summary>The outcome of a connection health test (token validation plus one cheap platform call).</summary>
/// <param name="Healthy">Whether the platform accepted the credentials and answered.</param>
/// <param name="Message">A human-readable explanation (never contains secrets).</param>
/// <param name="LatencyMs">How long the platform took to answer, in milliseconds.</param>
public sealed record ConnectionTestResult(bool Healthy, string Message, double LatencyMs = 0);
