namespace ChannelManager.Adapters.Expedia;

/// <summary>
/// The keys of <see cref="Connections.ChannelConnection.PlatformMetadata"/> the adapter reads. The connection's
/// <see cref="Connections.ChannelConnection.PlatformListingId"/> is <c>{property id}:{room type id}</c>
/// (<see cref="ExpediaListingIds"/>).
/// </summary>
public static class ExpediaMetadataKeys
{
    /// <summary>
    /// The Expedia room type id (<c>RoomType@id</c>, <c>RoomStay@roomTypeID</c>). Optional: the room type is the
    /// listing id's; when given it must equal it.
    /// </summary>
    public const string RoomTypeId = "room_type_id";

    /// <summary>The Expedia rate plan id (<c>RatePlan@id</c>, e.g. <c>201547528A</c>). Required to push rates or restrictions.</summary>
    public const string RatePlanId = "rate_plan_id";

    /// <summary>The property's currency (ISO 4217), used for nights whose rate carries none.</summary>
    public const string Currency = "currency";
}
