using Microsoft.Extensions.Logging;

namespace ChannelManager.Testing;

/// <summary>
/// One log entry as <see cref="CapturingLoggerProvider"/> saw it: the formatted message, every structured state value,
/// the fields of every scope it was written in, and the exception's full text. A scope opened is an entry of its own
/// (<see cref="IsScope"/>), so a scope that no line is written in is still seen.
/// </summary>
/// <param name="Category">The logger's category.</param>
/// <param name="Level">The level (<see cref="LogLevel.None"/> for a scope entry).</param>
/// <param name="EventId">The event id.</param>
/// <param name="Message">The formatted message (a scope entry: the scope's text).</param>
/// <param name="State">Every structured value of the state, <c>key=value</c>.</param>
/// <param name="Scope">The fields of the scopes around the entry (scopes without fields as <c>(text)</c>).</param>
/// <param name="Exception">The exception's full text (message, inner exceptions, stack, data), or empty.</param>
/// <param name="IsScope">Whether the entry is a scope being opened rather than a line.</param>
public sealed record CapturedLogEntry(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    string State,
    IReadOnlyList<KeyValuePair<string, string?>> Scope,
    string Exception,
    bool IsScope)
{
    /// <summary>Everything in the entry as one string (for searching it, e.g. for secrets).</summary>
    public string Text =>
        $"{Level} {Category}[{EventId}]: {Message} {{{State}}} | {string.Join(", ", Scope.Select(s => s.Key + "=" + s.Value))} {Exception}";

    /// <summary>The innermost scope value under <paramref name="key"/>.</summary>
    public string? ScopeValue(string key) => Scope.LastOrDefault(s => s.Key == key).Value;
}
