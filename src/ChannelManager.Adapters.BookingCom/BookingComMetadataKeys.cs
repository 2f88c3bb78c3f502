namespace ChannelManager.Adapters.BookingCom;

/// <summary>
/// The keys of <see cref="Connections.ChannelConnection.PlatformMetadata"/> the adapter reads. The connection's
/// <see cref="Connections.ChannelConnection.PlatformListingId"/> is the hotel and room type, <c>{hotel id}:{room id}</c>
/// (<see cref="BookingComListingIds"/>).
/// </summary>
public static class BookingComMetadataKeys
{
    /// <summary>
    /// The room type id (<c>InvTypeCode</c> / <c>room@id</c>). Optional: the room is the listing id's; when given, it
    /// must equal it.
    /// </summary>
    public const string RoomId = "room_id";

    /// <summary>The rate plan id (<c>RatePlanCode</c>). Required to push rates or restrictions.</summary>
    public const string RatePlanId = "rate_plan_id";

    /// <summary>The hotel's currency (ISO 4217), used for nights whose rate carries none.</summary>
    public const string Currency = "currency";

    /// <summary>Optional <c>NumberOfGuests</c> of the pushed price (occupancy-based pricing).</summary>
    public const string NumberOfGuests = "number_of_guests";
}
