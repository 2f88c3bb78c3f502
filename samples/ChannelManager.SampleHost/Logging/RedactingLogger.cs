namespace ChannelManager.SampleHost.Logging;

/// <summary>A logger that redacts each entry and scope (<see cref="LogSecretRedactor"/>) before its inner logger sees it.</summary>
/// <param name="inner">The logger.</param>
internal sealed class RedactingLogger(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull =>
        RedactedLogState.Of(state, state.ToString() ?? string.Empty) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        var safeException = RedactedException.Of(exception);
        if (RedactedLogState.Of(state, formatter(state, exception)) is { } redacted)
        {
            inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.Text);
        }
        else
        {
            inner.Log(logLevel, eventId, state, safeException, formatter);
        }
    }
}
