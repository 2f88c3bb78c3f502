using Microsoft.Extensions.Options;

namespace ChannelManager.SampleHost.Configuration;

/// <summary>
/// Refuses to start the sample host on development defaults in Production, and with malformed settings anywhere.
/// In Production (the default when <c>ASPNETCORE_ENVIRONMENT</c> is unset): the simulator only with
/// <c>SampleHost:DemoMode=true</c>; without the simulator at least one tenant API key, PostgreSQL (in-memory stores
/// lose connections and bookings on restart; its token encryption key is then required by the library) and at least
/// one platform. Messages name the settings, never their values.
/// </summary>
internal sealed class SampleHostStartupValidator : IValidateOptions<SampleHostStartupOptions>
{
    public ValidateOptionsResult Validate(string? name, SampleHostStartupOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.ConfigurationErrors);
        if (options.IsProduction && options.SimulatorEnabled && !options.DemoMode)
        {
            failures.Add(
                $"{SampleHostStartupOptions.SimulatorEnabledSetting} is true in Production: the platform simulator, its generated credentials and the printed demo API keys are for trying the sample. " +
                $"Set Simulator__Enabled=false and configure the platforms (see .env.example), or run the demo with ASPNETCORE_ENVIRONMENT=Development (what `dotnet run` does) or {SampleHostStartupOptions.DemoModeSetting}=true.");
        }

        if (options.IsProduction && !options.SimulatorEnabled)
        {
            if (!options.HasTenantApiKeys)
            {
                failures.Add($"{SampleHostStartupOptions.ApiKeysSetting} (env SampleHost__ApiKeys__<tenant>) is required in Production: without a tenant API key every management route answers 401. Set it to the SHA-256 hex of a key.");
            }

            if (!options.HasPostgres)
            {
                failures.Add($"{SampleHostConnections.PostgresConnectionString} (env ConnectionStrings__Postgres) or {SampleHostConnections.DatabaseUrl} is required in Production: the in-memory stores lose connections, bookings and the inbox on restart.");
            }

            if (options.EnabledPlatformCount == 0)
            {
                failures.Add($"No platform is configured in Production: set the credentials of at least one ({options.PlatformCredentialKeys}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
