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

    /// <summary>The partner client id the token endpoint expects in HTTP Basic auth; any non-empty one when unset.</summary>
    public string? ClientId { get; set; }

    /// <summary>The partner client secret the token endpoint expects in HTTP Basic auth; any non-empty one when unset.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long an access token issued by the token endpoint (or <see cref="AirbnbSimulator.IssueTokens"/>) lives. Default 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether every refresh also issues a new refresh token (the old one stops working), as <c>reset_refresh_token=1</c> asks.</summary>
    public bool RotateRefreshTokens { get; set; }
}
