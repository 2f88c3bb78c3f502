using System.Net;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.FewoDirekt;
using ChannelManager.Simulator.Google;

namespace ChannelManager.Simulator;

/// <summary>Settings of a <see cref="PlatformSimulator"/>.</summary>
public sealed class PlatformSimulatorOptions
{
    /// <summary>The TCP port; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>The loopback address to listen on (127.0.0.1 by default; <see cref="IPAddress.IPv6Loopback"/> also works).</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The clock for timestamps of calls, reservations and webhooks (the system clock by default).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Adds logging providers (none by default, so that tests stay quiet).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Settings of the simulated Airbnb.</summary>
    public AirbnbSimulatorOptions Airbnb { get; set; } = new();

    /// <summary>Settings of the simulated Booking.com.</summary>
    public BookingComSimulatorOptions BookingCom { get; set; } = new();

    /// <summary>Settings of the simulated Expedia EQC.</summary>
    public Expedia.ExpediaSimulatorOptions Expedia { get; set; } = new();

    /// <summary>Settings of the simulated FeWo-direkt.</summary>
    public FewoDirektSimulatorOptions FewoDirekt { get; set; } = new();

    /// <summary>Settings of the simulated Google.</summary>
    public GoogleSimulatorOptions Google { get; set; } = new();

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be between 0 and 65535.");
        }

        ArgumentNullException.ThrowIfNull(ListenAddress);
        if (!IPAddress.IsLoopback(ListenAddress))
        {
            throw new ArgumentException("The simulator listens on a loopback address only.", nameof(ListenAddress));
        }

        ArgumentNullException.ThrowIfNull(Airbnb);
        ArgumentNullException.ThrowIfNull(BookingCom);
        ArgumentNullException.ThrowIfNull(Expedia);
        ArgumentNullException.ThrowIfNull(FewoDirekt);
        ArgumentNullException.ThrowIfNull(Google);
        if (Google.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The Google token lifetime must be positive.", nameof(Google));
        }
        if (BookingCom.TokenLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("The Booking.com token lifetime must be positive.", nameof(BookingCom));
        }

        if (Airbnb.WebhookUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The Airbnb webhook URL must be absolute.", nameof(Airbnb));
        }

        if (Expedia.BookingNotificationUrl is { IsAbsoluteUri: false })
        {
            throw new ArgumentException("The Expedia Booking Notification URL must be absolute.", nameof(Expedia));
        }

        if (Expedia.BookingNotificationTimeout <= TimeSpan.Zero || Expedia.BookingNotificationAttempts < 1 || Expedia.BookingNotificationRetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("The Expedia Booking Notification timeout must be positive, the attempts at least 1 and the retry delay not negative.", nameof(Expedia));
        }

        if (Airbnb.WebhookTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The Airbnb webhook timeout must be positive.", nameof(Airbnb));
        }
    }
}
