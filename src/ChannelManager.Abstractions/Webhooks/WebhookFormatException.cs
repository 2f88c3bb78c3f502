namespace ChannelManager.Webhooks;

/// <summary>A webhook body is not a valid notification. Maps to HTTP 400; nothing is imported.</summary>
public sealed class WebhookFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the body.</param>
    /// <param name="innerException">The parser's error.</param>
    public WebhookFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
