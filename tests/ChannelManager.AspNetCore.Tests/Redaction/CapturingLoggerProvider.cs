using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChannelManager.AspNetCore.Tests.Redaction;

/// <summary>
/// Captures everything logged through it, at every level and category: the formatted message, every structured state
/// value, every scope's state (formatted and its values) and the exception's full text (message, inner exceptions,
/// stack, data).
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every entry so far, one string each.</summary>
    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static string Describe(object? state)
    {
        if (state is null)
        {
            return string.Empty;
        }

        var text = state.ToString();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            text += " {" + string.Join(", ", pairs.Select(p => $"{p.Key}={Value(p.Value)}")) + "}";
        }

        return text ?? string.Empty;
    }

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

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            entries.Enqueue($"scope {category}: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue($"{logLevel} {category}[{eventId}]: {formatter(state, exception)} {Describe(state)} {Describe(exception)}");
    }
}
