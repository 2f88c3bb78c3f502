namespace ChannelManager.Simulator.Expedia;

/// <summary>A guest books a room type on the simulated Expedia.</summary>
public sealed record ExpediaReservationRequest
{
    /// <summary>The property.</summary>
    public required string HotelId { get; init; }

    /// <summary>The room type.</summary>
    public required string RoomTypeId { get; init; }

    /// <summary>The rate plan; the one last pushed for the room type (or <c>1</c>) when omitted.</summary>
    public string? RatePlanId { get; init; }

    /// <summary>The arrival date.</summary>
    public required DateOnly Arrival { get; init; }

    /// <summary>The departure (check-out) date.</summary>
    public required DateOnly Departure { get; init; }

    /// <summary>Adults.</summary>
    public int Adults { get; init; } = 2;

    /// <summary>The ages of the children.</summary>
    public IReadOnlyList<int> ChildAges { get; init; } = [];

    /// <summary>The primary guest's given name.</summary>
    public string? GivenName { get; init; } = "Jane";

    /// <summary>The primary guest's surname.</summary>
    public string? Surname { get; init; } = "Doe";

    /// <summary>The primary guest's e-mail.</summary>
    public string? Email { get; init; }

    /// <summary>The primary guest's phone country code.</summary>
    public string? PhoneCountryCode { get; init; }

    /// <summary>The primary guest's phone area code.</summary>
    public string? PhoneAreaCode { get; init; }

    /// <summary>The primary guest's phone number.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>The total after taxes; by default the sum of the nights' prices (100 for a night without one).</summary>
    public decimal? TotalAmount { get; init; }

    /// <summary>The taxes in the total.</summary>
    public decimal Taxes { get; init; }

    /// <summary>The currency.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>The point of sale.</summary>
    public string Source { get; init; } = "Expedia";

    /// <summary>A special request.</summary>
    public string? SpecialRequest { get; init; }

    /// <summary>The booking id; generated (9 digits) when omitted.</summary>
    public string? BookingId { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(HotelId) || string.IsNullOrWhiteSpace(RoomTypeId))
        {
            throw new ArgumentException("hotel_id and room_type_id are required.");
        }

        if (Departure <= Arrival || Departure.DayNumber - Arrival.DayNumber > 365)
        {
            throw new ArgumentException("The departure must be 1 to 365 days after the arrival.");
        }

        if (Adults is < 1 or > 99 || ChildAges.Any(a => a is < 0 or > 17))
        {
            throw new ArgumentException("adults must be 1 to 99 and child ages 0 to 17.");
        }

        if (TotalAmount is < 0 || Taxes < 0)
        {
            throw new ArgumentException("total_amount and taxes cannot be negative.");
        }
    }
}
