using ChannelManager.Adapters.Shared.Listings;

namespace ChannelManager.Adapters.BookingCom;

/// <summary>
/// The one spelling of a Booking.com connection's <see cref="Connections.ChannelConnection.PlatformListingId"/>:
/// <c>{hotel id}:{room id}</c>, both positive integers without leading zeros or blanks (e.g. <c>1234567:123456701</c>).
/// A Booking.com connection is one room type of a hotel, so every room of a hotel can be its own connection (its own
/// PMS property), and the stores' uniqueness of the listing id keeps one room from being connected twice.
/// </summary>
public static class BookingComListingIds
{
    /// <summary>The separator of hotel and room.</summary>
    public const char Separator = NumericListingIds.Separator;

    /// <summary>The listing id of a hotel's room type.</summary>
    /// <param name="hotelId">The hotel id (<c>HotelCode</c>).</param>
    /// <param name="roomId">The room type id (<c>InvTypeCode</c> / <c>RoomTypeCode</c>).</param>
    /// <returns><c>{hotelId}:{roomId}</c>.</returns>
    /// <exception cref="ArgumentException">When either id is not a positive integer without leading zeros.</exception>
    public static string Of(string hotelId, string roomId) =>
        NumericListingIds.Of(hotelId, roomId, "hotel id", "room id", nameof(hotelId), nameof(roomId));

    /// <summary>Splits a listing id written <c>{hotel id}:{room id}</c>; any other spelling is refused.</summary>
    /// <param name="listingId">The listing id.</param>
    /// <param name="hotelId">The hotel id.</param>
    /// <param name="roomId">The room type id.</param>
    /// <returns>Whether the listing id has the one accepted form.</returns>
    public static bool TryParse(string? listingId, out string hotelId, out string roomId) =>
        NumericListingIds.TryParse(listingId, out hotelId, out roomId);

    /// <summary>Whether a Booking.com id (hotel, room, rate plan) is a positive integer of at most 18 digits without leading zeros.</summary>
    internal static bool IsId(string? text) => NumericListingIds.IsId(text);
}
