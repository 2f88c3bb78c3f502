using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Telemetry;

/// <summary>Validates <see cref="ChannelManagerTelemetryOptions"/> at start-up.</summary>
internal sealed class ChannelManagerTelemetryOptionsValidator : IValidateOptions<ChannelManagerTelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, ChannelManagerTelemetryOptions options) =>
        options.GaugeRefreshInterval < TimeSpan.FromMilliseconds(100) || options.GaugeRefreshInterval > TimeSpan.FromHours(1)
            ? ValidateOptionsResult.Fail("ChannelManager:Telemetry:GaugeRefreshInterval must be between 0.1 s and 1 hour.")
            : ValidateOptionsResult.Success;
}
