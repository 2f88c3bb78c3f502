namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>Settings of the simulated Vrbo / FeWo-direkt. Read at every call, so they may be changed after start.</summary>
public sealed class FewoDirektSimulatorOptions
{
    /// <summary>The partner user name HTTP Basic must carry; any non-empty one when unset.</summary>
    public string? ClientId { get; set; }

    /// <summary>The partner password HTTP Basic must carry; any non-empty one when unset.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where booking notifications are posted (e.g. the host's <c>/webhooks/fewo-direkt</c>); none are sent when unset.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The secret notifications are signed with (see <see cref="FewoDirektWebhookSigner"/>); unsigned when unset.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long to wait for the notification receiver.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
