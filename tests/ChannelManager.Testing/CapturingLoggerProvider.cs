using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Testing;

/// <summary>
/// Captures everything logged through it, at every level and category (add it with a Trace filter): each line with
/// its structured values, the scopes around it and its exception's full text, and each scope as it opens.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every entry so far, in order.</summary>
    public IReadOnlyList<CapturedLogEntry> Entries => _entries.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Describe(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={Value(p.Value)}")) : string.Empty;

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => s,
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Value)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static string Describe(Exception? exception)
    {
        if (exception is null)
        {
            return string.Empty;
        }

        var data = exception.Data.Count == 0 ? string.Empty : " data: " + string.Join(", ", exception.Data.Cast<DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));
        return exception + data + (exception.InnerException is null ? string.Empty : " inner: " + Describe(exception.InnerException));
    }

    private List<KeyValuePair<string, string?>> CurrentScope()
    {
        var scope = new List<KeyValuePair<string, string?>>();
        _scopes.ForEachScope(
            (s, list) =>
            {
                if (s is IEnumerable<KeyValuePair<string, object?>> fields)
                {
                    list.AddRange(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value is null ? null : Value(f.Value))));
                }
                else
                {
                    list.Add(new KeyValuePair<string, string?>("(text)", s?.ToString()));
                }
            },
            scope);
        return scope;
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            provider._entries.Enqueue(new CapturedLogEntry(category, LogLevel.None, default, state.ToString() ?? string.Empty, Describe(state), provider.CurrentScope(), string.Empty, IsScope: true));
            return provider._scopes.Push(state);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider._entries.Enqueue(new CapturedLogEntry(category, logLevel, eventId, formatter(state, exception), Describe(state), provider.CurrentScope(), Describe(exception), IsScope: false));
    }
}
