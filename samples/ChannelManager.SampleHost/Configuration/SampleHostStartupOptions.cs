namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// What the sample host decided at start from its configuration, checked by <see cref="SampleHostStartupValidator"/>
/// when the host starts (<c>ValidateOnStart</c>): every problem is reported at once, naming the setting.
/// </summary>
internal sealed class SampleHostStartupOptions
{
    /// <summary>The setting that lets the demo (simulator, generated credentials and keys) run in Production.</summary>
    public const string DemoModeSetting = "SampleHost:DemoMode";

    /// <summary>The setting that runs the platform simulator in the process.</summary>
    public const string SimulatorEnabledSetting = "Simulator:Enabled";

    /// <summary>The settings that hold tenants' API key hashes.</summary>
    public const string ApiKeysSetting = "SampleHost:ApiKeys:{tenant}";

    /// <summary>Whether the host environment is Production (also when <c>ASPNETCORE_ENVIRONMENT</c> is unset).</summary>
    public bool IsProduction { get; set; }

    /// <summary>Whether the platform simulator runs in the process.</summary>
    public bool SimulatorEnabled { get; set; }

    /// <summary>Whether <see cref="DemoModeSetting"/> is true.</summary>
    public bool DemoMode { get; set; }

    /// <summary>Whether at least one tenant's API key is configured.</summary>
    public bool HasTenantApiKeys { get; set; }

    /// <summary>Whether PostgreSQL is configured (a usable connection string).</summary>
    public bool HasPostgres { get; set; }

    /// <summary>How many platforms are enabled.</summary>
    public int EnabledPlatformCount { get; set; }

    /// <summary>The settings that would enable a platform, for the message when none is.</summary>
    public string PlatformCredentialKeys { get; set; } = string.Empty;

    /// <summary>Problems found while reading configuration (a malformed URL, an unknown log level), each naming its setting.</summary>
    public IList<string> ConfigurationErrors { get; } = [];

    /// <summary>Copies every value to <paramref name="target"/> (the options instance the host validates).</summary>
    /// <param name="target">The options to fill.</param>
    public void CopyTo(SampleHostStartupOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.IsProduction = IsProduction;
        target.SimulatorEnabled = SimulatorEnabled;
        target.DemoMode = DemoMode;
        target.HasTenantApiKeys = HasTenantApiKeys;
        target.HasPostgres = HasPostgres;
        target.EnabledPlatformCount = EnabledPlatformCount;
        target.PlatformCredentialKeys = PlatformCredentialKeys;
        foreach (var error in ConfigurationErrors)
        {
            target.ConfigurationErrors.Add(error);
        }
    }
}
