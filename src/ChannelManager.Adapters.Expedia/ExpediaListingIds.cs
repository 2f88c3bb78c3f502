using ChannelManager.Adapters.Shared.Listings;

namespace ChannelManager.Adapters.Expedia;

/// <summary>
/// The one spelling of an Expedia connection's <see cref="Connections.ChannelConnection.PlatformListingId"/>:
/// <c>{property id}:{room type id}</c>, both positive integers without leading zeros or blanks (e.g.
/// <c>1234567:201357</c>). An Expedia connection is one room type of a property, so every room type of a property can
/// be its own connection (its own PMS property), and the stores' uniqueness of the listing id keeps one room type from
/// being connected twice.
/// </summary>
public static class ExpediaListingIds
{
    /// <summary>The separator of property and room type.</summary>
    public const char Separator = NumericListingIds.Separator;

    /// <summary>The room type id Expedia writes where a message names none (cancellations).</summary>
    internal const string NoRoomType = "0";

    /// <summary>The listing id of a property's room type.</summary>
    /// <param name="propertyId">The Expedia property id (<c>Hotel@id</c>, <c>HotelCode</c>).</param>
    /// <param name="roomTypeId">The room type id (<c>RoomType@id</c>, <c>RoomStay@roomTypeID</c>, <c>RoomTypeCode</c>).</param>
    /// <returns><c>{propertyId}:{roomTypeId}</c>.</returns>
    /// <exception cref="ArgumentException">When either id is not a positive integer without leading zeros.</exception>
    public static string Of(string propertyId, string roomTypeId) =>
        NumericListingIds.Of(propertyId, roomTypeId, "property id", "room type id", nameof(propertyId), nameof(roomTypeId));

    /// <summary>Splits a listing id written <c>{property id}:{room type id}</c>; any other spelling is refused.</summary>
    /// <param name="listingId">The listing id.</param>
    /// <param name="propertyId">The property id.</param>
    /// <param name="roomTypeId">The room type id.</param>
    /// <returns>Whether the listing id has the one accepted form.</returns>
    public static bool TryParse(string? listingId, out string propertyId, out string roomTypeId) =>
        NumericListingIds.TryParse(listingId, out propertyId, out roomTypeId);

    /// <summary>
    /// The listing a message names: <c>{property}:{room type}</c>, or the property alone when the message names no room
    /// type (a cancellation's <c>roomTypeID="0"</c>): the engine then imports it under the connection that holds the
    /// booking.
    /// </summary>
    /// <param name="propertyId">The property id.</param>
    /// <param name="roomTypeId">The room type id, <c>0</c> or <see langword="null"/>.</param>
    /// <returns>The listing id.</returns>
    /// <exception cref="FormatException">When an id is not a positive integer.</exception>
    internal static string OfMessage(string propertyId, string? roomTypeId)
    {
        if (!NumericListingIds.IsId(propertyId))
        {
            throw new FormatException($"The Expedia property id '{propertyId}' is not a positive integer.");
        }

        if (roomTypeId is null || roomTypeId == NoRoomType)
        {
            return propertyId;
        }

        return NumericListingIds.IsId(roomTypeId)
            ? propertyId + Separator + roomTypeId
            : throw new FormatException($"The Expedia room type id '{roomTypeId}' is not a positive integer.");
    }

    /// <summary>The property of a listing id: the part before the separator, or the whole id.</summary>
    /// <param name="listingId">The listing id.</param>
    /// <returns>The property id.</returns>
    internal static string PropertyOf(string listingId)
    {
        var at = listingId.IndexOf(Separator, StringComparison.Ordinal);
        return at < 0 ? listingId : listingId[..at];
    }

    /// <summary>Whether an Expedia id (property, room type) is a positive integer of at most 18 digits without leading zeros.</summary>
    internal static bool IsId(string? text) => NumericListingIds.IsId(text);
}
