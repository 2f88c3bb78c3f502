namespace ChannelManager.Simulator.Faults;

/// <summary>How a simulated platform misbehaves.</summary>
public enum SimulatorFaultKind
{
    /// <summary>Answer with <see cref="SimulatorFault.StatusCode"/> (and <c>Retry-After</c> when set) without doing anything.</summary>
    HttpStatus = 1,

    /// <summary>Hang for <see cref="SimulatorFault.Delay"/> before handling the call (a client that gives up earlier sees a timeout).</summary>
    Timeout = 2,

    /// <summary>Handle the call, then write the response body in small pieces spread over <see cref="SimulatorFault.Delay"/>.</summary>
    SlowBody = 3,

    /// <summary>Handle the call, declare the full <c>Content-Length</c>, write only part of the body and drop the connection.</summary>
    TruncatedBody = 4,
}
