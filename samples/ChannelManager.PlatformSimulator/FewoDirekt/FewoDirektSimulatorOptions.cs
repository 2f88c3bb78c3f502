namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// Settings of the simulated Vrbo / FeWo-direkt, which pulls the partner's feeds and posts bookings to the partner.
/// Read at every call, so they may be changed after start.
/// </summary>
public sealed class FewoDirektSimulatorOptions
{
    /// <summary>The partner's advertisers index, e.g. <c>http://host/fewo-direkt/advertisers</c>; nothing is polled when unset.</summary>
    public Uri? FeedUrl { get; set; }

    /// <summary>Where <c>bookingRequest</c> documents are posted (e.g. the host's <c>/webhooks/fewo-direkt</c>); none are sent when unset.</summary>
    public Uri? BookingUrl { get; set; }

    /// <summary>The HTTP Basic user name the partner issued to Vrbo (sent on feed reads and booking posts).</summary>
    public string? PartnerUsername { get; set; }

    /// <summary>The HTTP Basic password the partner issued to Vrbo.</summary>
    public string? PartnerPassword { get; set; }

    /// <summary>How often the feeds are polled on their own; <see cref="TimeSpan.Zero"/> (the default) polls only on demand.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.Zero;

    /// <summary>How long one call to the partner may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>User-Agent</c> Vrbo's calls carry.</summary>
    public string UserAgent { get; set; } = "ChannelManager-Simulator-Vrbo/1.0";
}
