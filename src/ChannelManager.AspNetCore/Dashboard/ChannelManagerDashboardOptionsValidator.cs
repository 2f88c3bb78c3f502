using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Dashboard;

/// <summary>Validates <see cref="ChannelManagerDashboardOptions"/> at start-up, naming the configuration key of each bad setting.</summary>
internal sealed class ChannelManagerDashboardOptionsValidator : IValidateOptions<ChannelManagerDashboardOptions>
{
    private const string Section = "ChannelManager:Dashboard";

    public ValidateOptionsResult Validate(string? name, ChannelManagerDashboardOptions options)
    {
        var failures = new List<string>();
        if (options.HeartbeatInterval < TimeSpan.FromSeconds(1) || options.HeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:{nameof(options.HeartbeatInterval)} must be between 00:00:01 and 00:05:00.");
        }

        if (options.SubscriberBufferCapacity is < 16 or > 100_000)
        {
            failures.Add($"{Section}:{nameof(options.SubscriberBufferCapacity)} must be between 16 and 100000.");
        }

        if (options.MaxSubscribers is < 1 or > 100_000)
        {
            failures.Add($"{Section}:{nameof(options.MaxSubscribers)} must be between 1 and 100000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
