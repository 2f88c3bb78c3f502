using ChannelManager.Connections;
using Polly;
using Polly.CircuitBreaker;

namespace ChannelManager.Engine.Resilience;

/// <summary>
/// Sits in front of a platform's own circuit breaker and refuses calls while another process reports the platform's
/// circuit open (<see cref="IPlatformCircuitStateShare"/>), with the same <see cref="BrokenCircuitException"/> the
/// local breaker throws, so callers handle both alike.
/// </summary>
internal sealed class SharedCircuitGateStrategy(Platform platform, IPlatformCircuitStateShare share, TimeProvider time) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        if (share.GetOpenUntil(platform) is { } until)
        {
            var remaining = until - time.GetUtcNow();
            if (remaining > TimeSpan.Zero)
            {
                return Outcome.FromException<TResult>(new BrokenCircuitException(
                    $"The circuit for {platform.ToWireName()} was opened by another worker process; calls resume in {remaining.TotalSeconds:0.#} s.",
                    remaining));
            }
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
