namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>A booking on the simulated FeWo-direkt.</summary>
public sealed record FewoDirektReservation
{
    /// <summary>The <c>reservationId</c>.</summary>
    public required string ReservationId { get; init; }

    /// <summary>The <c>advertiserAssignedId</c>.</summary>
    public required string AdvertiserId { get; init; }

    /// <summary>The <c>listingExternalId</c> (the simulator's calendar key).</summary>
    public required string ListingId { get; init; }

    /// <summary>The <c>unitExternalId</c>.</summary>
    public required string UnitId { get; init; }

    /// <summary>Check-in.</summary>
    public required DateOnly BeginDate { get; init; }

    /// <summary>Check-out.</summary>
    public required DateOnly EndDate { get; init; }

    /// <summary>Adults.</summary>
    public int Adults { get; init; } = 2;

    /// <summary>Children.</summary>
    public int Children { get; init; }

    /// <summary>Pets.</summary>
    public int Pets { get; init; }

    /// <summary>Inquirer's first name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Inquirer's last name.</summary>
    public string? LastName { get; init; }

    /// <summary>Inquirer's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>Inquirer's phone.</summary>
    public string? Phone { get; init; }

    /// <summary>The RENTAL order item's total.</summary>
    public required decimal Rent { get; init; }

    /// <summary>A MISC (cleaning) order item's total, if any.</summary>
    public decimal? CleaningFee { get; init; }

    /// <summary>The traveller service fee (<c>olbMeta/serviceFee</c>), not part of the partner's total.</summary>
    public decimal ServiceFee { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public required string Currency { get; init; }

    /// <summary><c>BOOKED</c>, <c>MODIFIED</c> or <c>CANCELLED</c>.</summary>
    public string Status { get; init; } = "BOOKED";

    /// <summary><c>reservationOriginationDate</c>.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>lastUpdatedDate</c>.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Whether it holds its nights.</summary>
    public bool IsActive => Status != "CANCELLED";

    /// <summary>The total of the order items.</summary>
    public decimal Total => Rent + (CleaningFee ?? 0m);
}

/// <summary>What a guest books on the simulated FeWo-direkt.</summary>
public sealed record FewoDirektReservationRequest
{
    /// <summary>The <c>listingExternalId</c>.</summary>
    public required string ListingId { get; init; }

    /// <summary>The <c>unitExternalId</c>; the listing id when unset.</summary>
    public string? UnitId { get; init; }

    /// <summary>The <c>advertiserAssignedId</c>.</summary>
    public string AdvertiserId { get; init; } = "advertiser-1";

    /// <summary>Check-in.</summary>
    public required DateOnly BeginDate { get; init; }

    /// <summary>Check-out.</summary>
    public required DateOnly EndDate { get; init; }

    /// <summary>Adults.</summary>
    public int Adults { get; init; } = 2;

    /// <summary>Children.</summary>
    public int Children { get; init; }

    /// <summary>Pets.</summary>
    public int Pets { get; init; }

    /// <summary>Inquirer's first name.</summary>
    public string? FirstName { get; init; } = "Erika";

    /// <summary>Inquirer's last name.</summary>
    public string? LastName { get; init; } = "Mustermann";

    /// <summary>Inquirer's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>Inquirer's phone.</summary>
    public string? Phone { get; init; }

    /// <summary>The rent; the nights' prices (100 when unset) when omitted.</summary>
    public decimal? Rent { get; init; }

    /// <summary>A cleaning fee.</summary>
    public decimal? CleaningFee { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>A chosen <c>reservationId</c>; generated when unset.</summary>
    public string? ReservationId { get; init; }
}
