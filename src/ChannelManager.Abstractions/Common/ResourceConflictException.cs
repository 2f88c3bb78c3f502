namespace ChannelManager.Common;

/// <summary>Raised when a request conflicts with the current state (duplicate listing, paused connection). Maps to HTTP 409.</summary>
public sealed class ResourceConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What conflicts, in a sentence a client developer can act on.</param>
    public ResourceConflictException(string message)
        : base(message)
    {
    }
}
