namespace ChannelManager.Simulator.BookingCom;

/// <summary>Settings of the simulated Booking.com.</summary>
public sealed class BookingComSimulatorOptions
{
    /// <summary>The machine account's client id the token exchange accepts; any non-empty one when unset.</summary>
    public string? ClientId { get; set; }

    /// <summary>The machine account's client secret the token exchange accepts; any non-empty one when unset.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>How long an issued token is valid. Default 1 hour (Booking.com's documented lifetime).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
