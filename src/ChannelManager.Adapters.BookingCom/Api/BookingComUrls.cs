namespace ChannelManager.Adapters.BookingCom.Api;

/// <summary>The endpoints, relative to their host.</summary>
internal static class BookingComUrls
{
    public const string AvailNotif = "hotels/ota/OTA_HotelAvailNotif";
    public const string RateAmountNotif = "hotels/ota/OTA_HotelRateAmountNotif";
    public const string ResNotif = "hotels/ota/OTA_HotelResNotif";
    public const string ResModifyNotif = "hotels/ota/OTA_HotelResModifyNotif";
    public const string RoomRateAvailability = "hotels/xml/roomrateavailability";

    /// <summary>The base URL with a trailing slash, so that relative paths append to it.</summary>
    public static Uri Root(Uri baseUrl)
    {
        var text = baseUrl.AbsoluteUri;
        return text.EndsWith('/') ? baseUrl : new Uri(text + "/");
    }
}
