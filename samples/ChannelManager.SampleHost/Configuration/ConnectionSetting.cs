namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// A connection string the sample host resolved from configuration: the value (or none), the setting it came from,
/// and, for a malformed URL, what is wrong (naming the variable, never the password).
/// </summary>
/// <param name="ConnectionString">The connection string, or <see langword="null"/> when none is configured or it is malformed.</param>
/// <param name="Source">The setting it came from, or <see langword="null"/>.</param>
/// <param name="Error">What is wrong with the configured URL, or <see langword="null"/>.</param>
internal sealed record ConnectionSetting(string? ConnectionString, string? Source, string? Error)
{
    /// <summary>Whether a usable connection string is configured.</summary>
    public bool IsConfigured => ConnectionString is not null;
}
