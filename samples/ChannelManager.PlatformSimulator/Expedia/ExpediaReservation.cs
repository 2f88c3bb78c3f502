namespace ChannelManager.Simulator.Expedia;

/// <summary>A booking held by the simulated Expedia: its latest message (Book, Modify or Cancel) and where it stands.</summary>
public sealed record ExpediaReservation
{
    /// <summary>The Expedia booking id.</summary>
    public required string BookingId { get; init; }

    /// <summary>The property (<c>Hotel@id</c>).</summary>
    public required string HotelId { get; init; }

    /// <summary>The room type.</summary>
    public required string RoomTypeId { get; init; }

    /// <summary>The rate plan.</summary>
    public required string RatePlanId { get; init; }

    /// <summary>The arrival date.</summary>
    public required DateOnly Arrival { get; init; }

    /// <summary>The departure (check-out) date.</summary>
    public required DateOnly Departure { get; init; }

    /// <summary>Adults.</summary>
    public int Adults { get; init; } = 2;

    /// <summary>The ages of the children.</summary>
    public IReadOnlyList<int> ChildAges { get; init; } = [];

    /// <summary>The primary guest's given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>The primary guest's surname.</summary>
    public string? Surname { get; init; }

    /// <summary>The primary guest's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>The primary guest's phone country code.</summary>
    public string? PhoneCountryCode { get; init; }

    /// <summary>The primary guest's phone area code.</summary>
    public string? PhoneAreaCode { get; init; }

    /// <summary>The primary guest's phone number.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The base rate of each night, in stay order.</summary>
    public IReadOnlyList<decimal> NightlyRates { get; init; } = [];

    /// <summary>The total after taxes.</summary>
    public decimal TotalAmount { get; init; }

    /// <summary>The taxes in <see cref="TotalAmount"/>.</summary>
    public decimal Taxes { get; init; }

    /// <summary>The currency.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>The point of sale (<c>Booking@source</c>), e.g. <c>Expedia</c> or <c>Hotels.com</c>.</summary>
    public string Source { get; init; } = "Expedia";

    /// <summary>A special request of the guest, if any.</summary>
    public string? SpecialRequest { get; init; }

    /// <summary><c>Book</c>, <c>Modify</c> or <c>Cancel</c>: the latest message.</summary>
    public string Type { get; init; } = "Book";

    /// <summary><c>pending</c> (not retrieved), <c>retrieved</c> or <c>confirmed</c>.</summary>
    public string Status { get; init; } = "pending";

    /// <summary>When the latest message was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The partner's confirmation number, once confirmed.</summary>
    public string? ConfirmNumber { get; init; }

    /// <summary>How many confirmations it received.</summary>
    public int Confirmations { get; init; }

    /// <summary>Whether the nights are sold.</summary>
    public bool IsActive => Type != "Cancel";

    /// <summary>The simulator's calendar key of its room type: <c>{hotel}:{room type}</c>.</summary>
    public string ListingKey => ExpediaState.ListingKey(HotelId, RoomTypeId);
}
