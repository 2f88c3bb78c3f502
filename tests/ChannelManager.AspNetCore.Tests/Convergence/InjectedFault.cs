namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>How the simulated Airbnb misbehaves on the next calendar call(s) after a step's event is first delivered.</summary>
internal enum InjectedFault
{
    /// <summary>No fault.</summary>
    None,

    /// <summary>One 503 (the call's own retry succeeds).</summary>
    Unavailable,

    /// <summary>Three 503s in a row (more than the call's retries: the dispatcher retries the push later).</summary>
    UnavailableThrice,

    /// <summary>A 429 with <c>Retry-After: 0</c>.</summary>
    TooManyRequests,

    /// <summary>A 429 with <c>Retry-After: 1</c> (the retry waits a second).</summary>
    TooManyRequestsRetryAfterOneSecond,

    /// <summary>The call is applied and its answer is written slowly (150 ms).</summary>
    SlowBody,

    /// <summary>The call is applied and its answer is cut off (the client sees a failure of a call that landed).</summary>
    TruncatedBody,
}
