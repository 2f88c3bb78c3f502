using ChannelManager.Connections;
using ChannelManager.Simulator.Faults;

namespace ChannelManager.Simulator.Calls;

/// <summary>One call a client made to a simulated platform, faulted or not.</summary>
/// <param name="Platform">The platform called.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The full path (including the platform's mount, e.g. <c>/airbnb/v2/…</c>) and query string.</param>
/// <param name="RequestBody">The request body as text (empty when there was none).</param>
/// <param name="RequestHeaders">The request headers (names as sent; multiple values joined by commas).</param>
/// <param name="StatusCode">The status answered; 499 when the client gave up before the answer started.</param>
/// <param name="Timestamp">When the call arrived.</param>
/// <param name="Duration">How long the simulator took to answer.</param>
/// <param name="Fault">The fault injected into the call, if any.</param>
public sealed record RecordedCall(
    Platform Platform,
    string Method,
    string PathAndQuery,
    string RequestBody,
    IReadOnlyDictionary<string, string> RequestHeaders,
    int StatusCode,
    DateTimeOffset Timestamp,
    TimeSpan Duration,
    SimulatorFaultKind? Fault)
{
    /// <summary>The path without the query string.</summary>
    public string Path => PathAndQuery.Split('?', 2)[0];
}
