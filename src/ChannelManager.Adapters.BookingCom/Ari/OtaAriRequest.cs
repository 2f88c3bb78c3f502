namespace ChannelManager.Adapters.BookingCom.Ari;

/// <summary>Which OTA message a request is.</summary>
internal enum OtaAriKind
{
    /// <summary><c>OTA_HotelAvailNotifRQ</c>.</summary>
    Availability = 1,

    /// <summary><c>OTA_HotelRateAmountNotifRQ</c>.</summary>
    RateAmount = 2,
}

/// <summary>One OTA request body: one hotel, one calendar month.</summary>
/// <param name="Kind">The message.</param>
/// <param name="Month">The first day of the month its dates fall in.</param>
/// <param name="Messages">How many <c>AvailStatusMessage</c>/<c>RateAmountMessage</c> elements it holds.</param>
/// <param name="Body">The UTF-8 XML.</param>
internal sealed record OtaAriRequest(OtaAriKind Kind, DateOnly Month, int Messages, byte[] Body);
