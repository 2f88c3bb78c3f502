namespace ChannelManager.Adapters.Google.Api;

/// <summary>The endpoints, relative to their root (platforms.md §5).</summary>
internal static class GoogleUrls
{
    public const string InvCountNotif = "ota/hotel_inv_count_notif";
    public const string AvailNotif = "ota/hotel_avail_notif";
    public const string RateAmountNotif = "ota/hotel_rate_amount_notif";

    /// <summary>The base URL with a trailing slash, so that relative paths append to it.</summary>
    public static Uri Root(Uri baseUrl) => GoogleOptions.GoogleRoot(baseUrl);

    /// <summary>The Travel Partner API's list of one property's hotel views (the connection test's cheap call).</summary>
    public static Uri HotelView(Uri travelPartnerBaseUrl, string accountId, string hotelCode) =>
        new(Root(travelPartnerBaseUrl), $"v3/accounts/{Uri.EscapeDataString(accountId)}/hotelViews?filter={Uri.EscapeDataString($"partnerHotelId=\"{hotelCode}\"")}&pageSize=1");
}
