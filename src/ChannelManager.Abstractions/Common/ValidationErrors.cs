namespace ChannelManager.Common;

/// <summary>Collects field-level validation errors keyed by the field's wire name.</summary>
public sealed class ValidationErrors
{
    // Created on the first error: valid input (the hot path of every published event) allocates nothing here.
    private Dictionary<string, List<string>>? _errors;

    /// <summary>Whether any error was added.</summary>
    public bool HasErrors => _errors is { Count: > 0 };

    /// <summary>Adds an error for a field.</summary>
    /// <param name="field">The field's wire name, e.g. <c>platform_type</c>.</param>
    /// <param name="message">What is wrong, in a sentence a client developer can act on.</param>
    public void Add(string field, string message)
    {
        _errors ??= new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>Throws <see cref="ChannelManagerValidationException"/> when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new ChannelManagerValidationException(ToDictionary());
        }
    }

    /// <summary>The errors as a dictionary of field name to messages.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors is null
            ? new Dictionary<string, string[]>(StringComparer.Ordinal)
            : _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
}
