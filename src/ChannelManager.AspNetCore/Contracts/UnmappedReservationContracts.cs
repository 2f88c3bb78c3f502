namespace ChannelManager.AspNetCore.Contracts;

/// <summary>
/// An unmapped reservation on the wire: what an operator needs to act (listing, confirmation code, dates, amount),
/// never the guest's name or contact data.
/// </summary>
internal sealed record UnmappedReservationResponse(
    Guid Id,
    string Platform,
    string ListingId,
    string? ParentListingId,
    string? ConfirmationCode,
    string Source,
    Guid? FetchedViaConnectionId,
    string? TenantId,
    string State,
    string? ReservationStatus,
    DateOnly? CheckIn,
    DateOnly? CheckOut,
    int? NumberOfGuests,
    decimal? TotalAmount,
    string? Currency,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int TimesSeen,
    DateTimeOffset? ClosedAt,
    Guid? ImportedConnectionId);

/// <summary>A page of unmapped reservations.</summary>
internal sealed record UnmappedReservationListResponse(IReadOnlyList<UnmappedReservationResponse> Items, int Total, int Limit, int Offset, string? NextCursor);
