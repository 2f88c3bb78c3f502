namespace ChannelManager.Adapters.Expedia.Reservations;

/// <summary>
/// One phone format for both delivery modes, so that Booking Retrieval and Booking Notification of the same booking
/// map to the same guest: <c>+{country} {area} {number}[ ext. {extension}]</c>, e.g. <c>+49 30 1234567 ext. 12</c>.
/// </summary>
internal static class GuestPhone
{
    /// <summary>Formats the parts; <see langword="null"/> without a number.</summary>
    public static string? Format(string? countryCode, string? areaCode, string? number, string? extension)
    {
        if (number is null)
        {
            return null;
        }

        var parts = new List<string>(4);
        if (countryCode is not null)
        {
            parts.Add("+" + countryCode.TrimStart('+'));
        }

        if (areaCode is not null)
        {
            parts.Add(areaCode);
        }

        parts.Add(number);
        if (extension is not null)
        {
            parts.Add("ext. " + extension);
        }

        return string.Join(' ', parts);
    }
}
