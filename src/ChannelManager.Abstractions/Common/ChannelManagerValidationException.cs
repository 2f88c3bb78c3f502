namespace ChannelManager.Common;

/// <summary>Raised when input is invalid; nothing was changed. Maps to HTTP 400 with field errors.</summary>
public sealed class ChannelManagerValidationException : Exception
{
    /// <summary>Creates the exception from field errors.</summary>
    /// <param name="errors">Field name (wire name) to error messages.</param>
    public ChannelManagerValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("One or more fields are invalid: " + string.Join(", ", errors.Keys))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for a single field.</summary>
    /// <param name="field">The field's wire name.</param>
    /// <param name="message">What is wrong.</param>
    public ChannelManagerValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>Field name to error messages.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
