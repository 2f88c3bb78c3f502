namespace ChannelManager.Adapters.BookingCom.Api;

/// <summary>The OTA message version written on every root element (Booking.com use 3.000).</summary>
internal static class OtaMessageVersion
{
    public const string Value = "3.000";
}
