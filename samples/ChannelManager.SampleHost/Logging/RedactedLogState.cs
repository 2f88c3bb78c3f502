namespace ChannelManager.SampleHost.Logging;

/// <summary>A log entry's or scope's state with its text and every value redacted (<see cref="LogSecretRedactor"/>).</summary>
/// <param name="Text">The formatted text, redacted.</param>
/// <param name="Values">The structured values, string forms redacted.</param>
internal sealed record RedactedLogState(string Text, IReadOnlyList<KeyValuePair<string, object?>> Values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <inheritdoc />
    public int Count => Values.Count;

    /// <inheritdoc />
    public KeyValuePair<string, object?> this[int index] => Values[index];

    /// <summary>Redacts a state: <see langword="null"/> when it holds nothing to redact (then log it as it is).</summary>
    /// <param name="state">The state.</param>
    /// <param name="text">Its formatted text.</param>
    /// <returns>The redacted state, or <see langword="null"/>.</returns>
    public static RedactedLogState? Of(object? state, string text)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>>;
        var redactedText = LogSecretRedactor.Redact(text);
        var changed = !ReferenceEquals(redactedText, text);
        var redactedValues = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in values ?? [])
        {
            var valueText = value switch
            {
                null => null,
                string s => s,
                IFormattable => null, // numbers, dates, ids: nothing secret
                System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>()),
                _ => value.ToString(),
            };
            if (valueText is not null && LogSecretRedactor.Redact(valueText) is var redactedValue && !ReferenceEquals(redactedValue, valueText))
            {
                redactedValues.Add(new(key, redactedValue));
                changed = true;
            }
            else
            {
                redactedValues.Add(new(key, value));
            }
        }

        return changed ? new RedactedLogState(redactedText, redactedValues) : null;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Values.GetEnumerator();

    /// <inheritdoc />
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public override string ToString() => Text;
}
