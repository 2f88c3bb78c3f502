using ChannelManager.Connections;

namespace ChannelManager.Adapters;

/// <summary>
/// A platform call failed. <see cref="IsTransient"/> tells the engine's resilience pipeline whether retrying can help;
/// <see cref="RetryAfter"/> carries the platform's <c>Retry-After</c>, which retries honour.
/// The message never contains credentials.
/// </summary>
public sealed class PlatformCallException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="platform">The platform called.</param>
    /// <param name="message">What failed (no secrets).</param>
    /// <param name="isTransient">Whether a retry can succeed (429, 5xx, timeouts).</param>
    /// <param name="statusCode">The HTTP status code, if the platform answered.</param>
    /// <param name="retryAfter">How long the platform asked to wait.</param>
    /// <param name="innerException">The underlying error.</param>
    public PlatformCallException(Platform platform, string message, bool isTransient, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Platform = platform;
        IsTransient = isTransient;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    /// <summary>The platform called.</summary>
    public Platform Platform { get; }

    /// <summary>Whether a retry can succeed.</summary>
    public bool IsTransient { get; }

    /// <summary>The HTTP status code, if the platform answered.</summary>
    public int? StatusCode { get; }

    /// <summary>How long the platform asked to wait before the next call.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Classifies an HTTP status: 408, 425, 429 and 5xx are transient.</summary>
    /// <param name="statusCode">The status code.</param>
    /// <returns><see langword="true"/> when a retry can help.</returns>
    public static bool IsTransientStatus(int statusCode) =>
        statusCode is 408 or 425 or 429 || statusCode >= 500;
}
