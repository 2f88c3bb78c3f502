namespace ChannelManager.Connections;

/// <summary>A booking platform (channel) ChannelManager can connect a property to.</summary>
public enum Platform
{
    /// <summary>Airbnb (API for software partners).</summary>
    Airbnb = 1,

    /// <summary>Booking.com (Connectivity APIs, OTA XML).</summary>
    BookingCom = 2,

    /// <summary>Expedia Group (EQC / Lodging Supply API).</summary>
    Expedia = 3,

    /// <summary>Vrbo / FeWo-direkt (Expedia Group's vacation-rental brands).</summary>
    FewoDirekt = 4,

    /// <summary>Google Vacation Rentals / Hotel Center.</summary>
    Google = 5,

    /// <summary>Any platform that only exchanges iCalendar feeds.</summary>
    ICal = 6,
}
