namespace ChannelManager.Adapters.Google;

/// <summary>
/// The keys of <see cref="Connections.ChannelConnection.PlatformMetadata"/> the adapter reads. The connection's
/// <see cref="Connections.ChannelConnection.PlatformListingId"/> is the Google partner property id (<c>HotelCode</c>).
/// </summary>
public static class GoogleMetadataKeys
{
    /// <summary>The room id (<c>InvTypeCode</c>). Optional: vacation rentals use the <c>HotelCode</c> (one unit per listing).</summary>
    public const string RoomId = "room_id";

    /// <summary>The package / rate plan id (<c>RatePlanCode</c>) defined in the Property Data transaction. Required to push rates or restrictions.</summary>
    public const string RatePlanId = "rate_plan_id";

    /// <summary>The listing's currency (ISO 4217), used for nights whose rate carries none.</summary>
    public const string Currency = "currency";

    /// <summary>Optional <c>NumberOfGuests</c> of the pushed price.</summary>
    public const string NumberOfGuests = "number_of_guests";
}
