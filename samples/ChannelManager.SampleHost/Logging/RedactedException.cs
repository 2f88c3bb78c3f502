namespace ChannelManager.SampleHost.Logging;

/// <summary>Stands in for a logged exception whose text carried a secret: its type, and its full text redacted.</summary>
/// <param name="original">The exception.</param>
internal sealed class RedactedException(Exception original)
    : Exception($"{original.GetType().FullName}: {LogSecretRedactor.Redact(original.ToString())}")
{
    /// <summary>The exception to log instead of <paramref name="exception"/>: itself, unless its text holds a secret.</summary>
    /// <param name="exception">The exception, or none.</param>
    /// <returns>The exception or its redacted stand-in.</returns>
    public static Exception? Of(Exception? exception) =>
        exception is null || exception is RedactedException || !LogSecretRedactor.ContainsSecret(exception.ToString()) ? exception : new RedactedException(exception);

    /// <inheritdoc />
    public override string ToString() => Message;
}
