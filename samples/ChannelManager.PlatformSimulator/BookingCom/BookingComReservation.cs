namespace ChannelManager.Simulator.BookingCom;

/// <summary>A reservation held by the simulated Booking.com, and where it stands in the reservation queue.</summary>
public sealed record BookingComReservation
{
    /// <summary>The <c>ResID_Value</c>.</summary>
    public required string ReservationId { get; init; }

    /// <summary>The hotel (<c>HotelCode</c>).</summary>
    public required string HotelId { get; init; }

    /// <summary>The (first) room type (<c>RoomTypeCode</c>).</summary>
    public required string RoomId { get; init; }

    /// <summary>Further room types booked in the same reservation, for the same dates (a multi-room reservation).</summary>
    public IReadOnlyList<string> AdditionalRoomIds { get; init; } = [];

    /// <summary>Every room type of the reservation, one <c>RoomStay</c> each: <see cref="RoomId"/>, then <see cref="AdditionalRoomIds"/>.</summary>
    public IReadOnlyList<string> RoomIds => [RoomId, .. AdditionalRoomIds];

    /// <summary>The rate plan (<c>RatePlanCode</c>).</summary>
    public string? RatePlanId { get; init; }

    /// <summary>The arrival date.</summary>
    public required DateOnly Arrival { get; init; }

    /// <summary>The departure date (the last night is the day before).</summary>
    public required DateOnly Departure { get; init; }

    /// <summary>Adults.</summary>
    public int NumberOfGuests { get; init; } = 2;

    /// <summary>The booker's given name.</summary>
    public string? GuestFirstName { get; init; }

    /// <summary>The booker's surname.</summary>
    public string? GuestLastName { get; init; }

    /// <summary>The booker's e-mail.</summary>
    public string? GuestEmail { get; init; }

    /// <summary>The booker's phone.</summary>
    public string? GuestPhone { get; init; }

    /// <summary>The total after tax (of all rooms; each room stay carries its share, see <see cref="RoomTotal"/>).</summary>
    public decimal TotalAmount { get; init; }

    /// <summary>The currency of <see cref="TotalAmount"/>.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary><c>Commit</c>, <c>Modify</c> or <c>Cancel</c>.</summary>
    public string ResStatus { get; init; } = "Commit";

    /// <summary>When it was booked.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset LastModifiedAt { get; init; }

    /// <summary>Served by <c>OTA_HotelResNotif</c> until acknowledged there.</summary>
    public bool PendingNew { get; init; }

    /// <summary>Served by <c>OTA_HotelResModifyNotif</c> until acknowledged there.</summary>
    public bool PendingModify { get; init; }

    /// <summary>How many acknowledgements it received.</summary>
    public int Acknowledgements { get; init; }

    /// <summary>Whether the nights are sold.</summary>
    public bool IsActive => ResStatus != "Cancel";

    /// <summary>The simulator's calendar key of its (first) room: <c>{hotel}:{room}</c>.</summary>
    public string ListingKey => BookingComState.ListingKey(HotelId, RoomId);

    /// <summary>The calendar keys of all its rooms.</summary>
    public IReadOnlyList<string> ListingKeys => RoomIds.Select(room => BookingComState.ListingKey(HotelId, room)).ToArray();

    /// <summary>One room stay's share of <see cref="TotalAmount"/>: equal shares, the last one taking the rounding rest.</summary>
    /// <param name="index">The room stay's index in <see cref="RoomIds"/>.</param>
    /// <returns>The share.</returns>
    public decimal RoomTotal(int index)
    {
        var count = RoomIds.Count;
        var share = Math.Round(TotalAmount / count, 2, MidpointRounding.AwayFromZero);
        return index == count - 1 ? TotalAmount - (share * (count - 1)) : share;
    }
}
