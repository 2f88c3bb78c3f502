namespace ChannelManager.Simulator.BookingCom;

/// <summary>A guest books a room on the simulated Booking.com.</summary>
public sealed record BookingComReservationRequest
{
    /// <summary>The hotel.</summary>
    public required string HotelId { get; init; }

    /// <summary>The room type.</summary>
    public required string RoomId { get; init; }

    /// <summary>Further room types booked in the same reservation, for the same dates (each takes one room of each night).</summary>
    public IReadOnlyList<string> AdditionalRoomIds { get; init; } = [];

    /// <summary>The rate plan.</summary>
    public string? RatePlanId { get; init; }

    /// <summary>The arrival date.</summary>
    public required DateOnly Arrival { get; init; }

    /// <summary>The departure date.</summary>
    public required DateOnly Departure { get; init; }

    /// <summary>Adults.</summary>
    public int NumberOfGuests { get; init; } = 2;

    /// <summary>The booker's given name.</summary>
    public string? GuestFirstName { get; init; } = "Jane";

    /// <summary>The booker's surname.</summary>
    public string? GuestLastName { get; init; } = "Doe";

    /// <summary>The booker's e-mail.</summary>
    public string? GuestEmail { get; init; }

    /// <summary>The booker's phone.</summary>
    public string? GuestPhone { get; init; }

    /// <summary>The total after tax; by default the sum of the nights' prices (100 for a night without one).</summary>
    public decimal? TotalAmount { get; init; }

    /// <summary>The currency.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>The <c>ResID_Value</c>; generated (10 digits) when omitted.</summary>
    public string? ReservationId { get; init; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(HotelId) || string.IsNullOrWhiteSpace(RoomId))
        {
            throw new ArgumentException("hotel_id and room_id are required.");
        }

        if (AdditionalRoomIds.Any(string.IsNullOrWhiteSpace) || AdditionalRoomIds.Append(RoomId).Distinct(StringComparer.Ordinal).Count() != AdditionalRoomIds.Count + 1)
        {
            throw new ArgumentException("additional_room_ids must be distinct room ids other than room_id.");
        }

        if (Departure <= Arrival || Departure.DayNumber - Arrival.DayNumber > 365)
        {
            throw new ArgumentException("The departure must be 1 to 365 days after the arrival.");
        }

        if (NumberOfGuests is < 1 or > 99)
        {
            throw new ArgumentException("number_of_guests must be 1 to 99.");
        }

        if (TotalAmount is < 0)
        {
            throw new ArgumentException("total_amount cannot be negative.");
        }
    }
}
