using ChannelManager.Bookings;
using ChannelManager.Connections;

namespace ChannelManager.Webhooks;

/// <summary>A verified webhook, normalized by the platform's adapter.</summary>
public sealed record WebhookNotification
{
    /// <summary>The platform.</summary>
    public required Platform Platform { get; init; }

    /// <summary>The platform's delivery id, where it sends one; otherwise the inbox deduplicates by body hash.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>What the webhook tells.</summary>
    public required WebhookNotificationKind Kind { get; init; }

    /// <summary>The listing it concerns.</summary>
    public string? ListingId { get; init; }

    /// <summary>The reservation's confirmation code.</summary>
    public string? ConfirmationCode { get; init; }

    /// <summary>The reservation, when the webhook carries it whole; otherwise the worker fetches it.</summary>
    public PlatformReservation? Reservation { get; init; }

    /// <summary>The platform's own name for the notification (e.g. <c>reservation_acceptance_confirmation</c>).</summary>
    public string? PlatformEventName { get; init; }
}
