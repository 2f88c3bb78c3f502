using ChannelManager.Inventory;

namespace ChannelManager.Conflicts;

/// <summary>
/// A booking that took nights with no unit left: it was imported all the same (the guest has paid the platform), and
/// this record stays open until someone resolves it (relocates the guest, adds a unit, cancels one booking).
/// </summary>
public sealed record OverbookingConflict
{
    /// <summary>Opaque id (the same for every detection of one booking's conflict, so recording it twice is harmless).</summary>
    public required Guid Id { get; init; }

    /// <summary>The tenant the booking belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The property whose nights were oversold.</summary>
    public required Guid PropertyId { get; init; }

    /// <summary>The booking that found no free unit.</summary>
    public required string BookingId { get; init; }

    /// <summary>The booking's nights.</summary>
    public required DateRange Stay { get; init; }

    /// <summary>Units the booking takes per night.</summary>
    public int Units { get; init; } = 1;

    /// <summary>Where the booking came from (a platform's wire name, <c>direct</c>, …), when known.</summary>
    public string? Source { get; init; }

    /// <summary>The connection the booking came through, when known.</summary>
    public Guid? SourceConnectionId { get; init; }

    /// <summary>The platform's confirmation code, when known.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>When the conflict was detected.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>When it was resolved; <see langword="null"/> while open.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>How it was resolved (free text from whoever resolved it).</summary>
    public string? Resolution { get; init; }

    /// <summary>Whether the conflict is still open.</summary>
    public bool IsOpen => ResolvedAt is null;
}
