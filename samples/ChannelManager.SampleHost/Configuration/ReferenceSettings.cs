namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// The reference system's plain settings the sample host honours besides its own: <c>LOG_LEVEL</c> (Python's level
/// names or .NET's) as <c>Logging:LogLevel:Default</c>, and <c>ENVIRONMENT</c> as the host environment when neither
/// <c>ASPNETCORE_ENVIRONMENT</c> nor <c>DOTNET_ENVIRONMENT</c> is set.
/// </summary>
internal static class ReferenceSettings
{
    /// <summary>The log level setting.</summary>
    public const string LogLevel = "LOG_LEVEL";

    /// <summary>The environment setting (<c>production</c>, <c>development</c>, …).</summary>
    public const string Environment = "ENVIRONMENT";

    /// <summary>The .NET setting <see cref="LogLevel"/> maps to.</summary>
    public const string DefaultLogLevelKey = "Logging:LogLevel:Default";

    private static readonly Dictionary<string, string> LogLevels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TRACE"] = "Trace",
        ["DEBUG"] = "Debug",
        ["INFO"] = "Information",
        ["INFORMATION"] = "Information",
        ["WARN"] = "Warning",
        ["WARNING"] = "Warning",
        ["ERROR"] = "Error",
        ["CRITICAL"] = "Critical",
        ["FATAL"] = "Critical",
        ["NONE"] = "None",
    };

    /// <summary>
    /// The host environment named by <c>ENVIRONMENT</c>, or <see langword="null"/> when it is unset or the .NET
    /// variables name one (they win).
    /// </summary>
    /// <param name="variables">Reads an environment variable.</param>
    /// <returns>The environment name (<c>production</c> → <c>Production</c>), or <see langword="null"/>.</returns>
    public static string? EnvironmentName(Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (!string.IsNullOrWhiteSpace(variables("ASPNETCORE_ENVIRONMENT")) || !string.IsNullOrWhiteSpace(variables("DOTNET_ENVIRONMENT")))
        {
            return null;
        }

        var value = variables(Environment)?.Trim();
        return value?.ToLowerInvariant() switch
        {
            null or "" => null,
            "production" or "prod" => "Production",
            "development" or "dev" => "Development",
            "staging" => "Staging",
            _ => value,
        };
    }

    /// <summary>The .NET log level of a <c>LOG_LEVEL</c> value, or <see langword="null"/> when it names none.</summary>
    /// <param name="value">The value (<c>INFO</c>, <c>warning</c>, <c>Debug</c>, …).</param>
    /// <returns>The level's name as .NET configuration spells it.</returns>
    public static string? MapLogLevel(string value) => LogLevels.TryGetValue(value.Trim(), out var level) ? level : null;

    /// <summary>
    /// Applies <c>LOG_LEVEL</c> as <c>Logging:LogLevel:Default</c> (over appsettings); returns what is wrong with it, or
    /// <see langword="null"/>.
    /// </summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>An error naming the setting, or <see langword="null"/>.</returns>
    public static string? ApplyLogLevel(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[LogLevel] is not { } value || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (MapLogLevel(value) is not { } level)
        {
            return $"{LogLevel} must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL (or a .NET level: Trace, Debug, Information, Warning, Error, Critical, None).";
        }

        configuration.AddInMemoryCollection([new KeyValuePair<string, string?>(DefaultLogLevelKey, level)]);
        return null;
    }
}
