using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Bookings;

/// <summary>A stay that consumes units of a property, as the inventory ledger records it.</summary>
public sealed record Booking
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The booking's id: the PMS's id, or <c>{platform}:{confirmation code}</c> for an imported booking.</summary>
    public required string BookingId { get; init; }

    /// <summary>The property.</summary>
    public required Guid PropertyId { get; init; }

    /// <summary>The nights of the stay.</summary>
    public required DateRange Stay { get; init; }

    /// <summary>How many units the stay takes (1 for a holiday home).</summary>
    public int Units { get; init; } = 1;

    /// <summary>Confirmed or cancelled.</summary>
    public BookingStatus Status { get; init; } = BookingStatus.Confirmed;

    /// <summary>Where the booking was made: <c>direct</c> (the PMS) or a platform's wire name.</summary>
    public string Source { get; init; } = "direct";

    /// <summary>The connection the booking came from; fan-out skips it.</summary>
    public Guid? SourceConnectionId { get; init; }

    /// <summary>The platform's confirmation code, for imported bookings.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>The platform, for imported bookings.</summary>
    public Platform? Platform { get; init; }

    /// <summary>The version of the booking; a version not newer than the stored one changes nothing.</summary>
    public long Version { get; init; }

    /// <summary>When the booking last changed at its source.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether this booking was accepted for nights that had no unit left.</summary>
    public bool Overbooked { get; init; }
}
