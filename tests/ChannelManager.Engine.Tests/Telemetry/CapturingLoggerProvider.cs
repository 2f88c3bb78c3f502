using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Engine.Tests.Telemetry;

/// <summary>Keeps every log line with the structured scopes it was written in.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One line: its category, message, and every scope field around it (by key; scopes without fields by their text).</summary>
    public sealed record Entry(string Category, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, string?>> Scope)
    {
        public string? ScopeValue(string key) => Scope.LastOrDefault(s => s.Key == key).Value;

        public string Text => Message + " | " + string.Join(", ", Scope.Select(s => s.Key + "=" + s.Value));
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scope = new List<KeyValuePair<string, string?>>();
            provider._scopes.ForEachScope(
                (s, list) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object?>> fields)
                    {
                        list.AddRange(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value?.ToString())));
                    }
                    else
                    {
                        list.Add(new KeyValuePair<string, string?>("(text)", s?.ToString()));
                    }
                },
                scope);
            provider.Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception), scope));
        }
    }
}
