namespace ChannelManager.Simulator.Airbnb;

/// <summary>Settings of the simulated Airbnb. They are read at every webhook, so they may be changed after start
/// (e.g. once the receiving host knows its own address).</summary>
public sealed class AirbnbSimulatorOptions
{
    /// <summary>Where reservation webhooks are posted (e.g. the host's <c>/webhooks/airbnb</c>); none are sent when unset.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The secret webhooks are signed with (see <see cref="AirbnbWebhookSigner"/>); unsigned when unset.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long to wait for the webhook receiver.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
