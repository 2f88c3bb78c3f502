using System.Diagnostics.CodeAnalysis;

namespace ChannelManager.Connections;

/// <summary>The wire names of <see cref="Platform"/> values, as used in the API (<c>platform_type</c>) and webhook routes.</summary>
public static class PlatformNames
{
    private static readonly (Platform Platform, string Wire, string Slug)[] Names =
    [
        (Platform.Airbnb, "airbnb", "airbnb"),
        (Platform.BookingCom, "booking_com", "booking-com"),
        (Platform.Expedia, "expedia", "expedia"),
        (Platform.FewoDirekt, "fewo_direkt", "fewo-direkt"),
        (Platform.Google, "google", "google"),
        (Platform.ICal, "ical", "ical"),
    ];

    /// <summary>Every platform's wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Wire).ToArray();

    /// <summary>The API name of a platform, e.g. <c>booking_com</c>.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The lower-case wire name.</returns>
    public static string ToWireName(this Platform platform)
    {
        foreach (var n in Names)
        {
            if (n.Platform == platform)
            {
                return n.Wire;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform.");
    }

    /// <summary>The URL segment of a platform's webhook route, e.g. <c>booking-com</c>.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The route segment.</returns>
    public static string ToWebhookSlug(this Platform platform)
    {
        foreach (var n in Names)
        {
            if (n.Platform == platform)
            {
                return n.Slug;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(platform), platform, "Unknown platform.");
    }

    /// <summary>Parses a wire name or webhook slug (case-insensitive; <c>booking_com</c>, <c>booking-com</c> and <c>bookingcom</c> all work).</summary>
    /// <param name="value">The text to parse.</param>
    /// <param name="platform">The platform when the text names one.</param>
    /// <returns>Whether the text names a platform.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out Platform platform)
    {
        platform = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var normalized = value.Trim().Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal);
        foreach (var n in Names)
        {
            if (string.Equals(n.Wire.Replace("_", string.Empty, StringComparison.Ordinal), normalized, StringComparison.OrdinalIgnoreCase))
            {
                platform = n.Platform;
                return true;
            }
        }

        return false;
    }
}
