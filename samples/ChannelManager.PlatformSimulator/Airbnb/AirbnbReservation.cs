namespace ChannelManager.Simulator.Airbnb;

/// <summary>A reservation held by the simulated Airbnb. Its wire form is written by <see cref="AirbnbWire"/>.</summary>
public sealed record AirbnbReservation
{
    /// <summary>The confirmation code, e.g. <c>HMABCD1234</c>.</summary>
    public required string ConfirmationCode { get; init; }

    /// <summary>The listing booked.</summary>
    public required string ListingId { get; init; }

    /// <summary>The first night (check-in day).</summary>
    public required DateOnly StartDate { get; init; }

    /// <summary>How many nights.</summary>
    public required int Nights { get; init; }

    /// <summary>The check-out day (<see cref="StartDate"/> + <see cref="Nights"/>).</summary>
    public DateOnly EndDate => StartDate.AddDays(Nights);

    /// <summary>How many guests.</summary>
    public int NumberOfGuests { get; init; } = 1;

    /// <summary><c>accepted</c> or <c>cancelled</c>.</summary>
    public string StatusType { get; init; } = AirbnbReservationStatus.Accepted;

    /// <summary>Whether the reservation holds its nights.</summary>
    public bool IsAccepted => StatusType == AirbnbReservationStatus.Accepted;

    /// <summary>The guest's first name.</summary>
    public string? GuestFirstName { get; init; }

    /// <summary>The guest's last name.</summary>
    public string? GuestLastName { get; init; }

    /// <summary>The guest's e-mail (on Airbnb, a relay address).</summary>
    public string? GuestEmail { get; init; }

    /// <summary>The guest's phone numbers.</summary>
    public IReadOnlyList<string> GuestPhoneNumbers { get; init; } = [];

    /// <summary>What the host is paid.</summary>
    public decimal ExpectedPayoutAmount { get; init; }

    /// <summary>The price of the nights before fees.</summary>
    public decimal ListingBasePrice { get; init; }

    /// <summary>The ISO 4217 currency of the amounts.</summary>
    public string Currency { get; init; } = "USD";

    /// <summary>When the reservation was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the reservation last changed (strictly increasing per reservation).</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
