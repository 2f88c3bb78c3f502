using System.Globalization;
using ChannelManager.Connections;

namespace ChannelManager.Chaos.Load;

/// <summary>One PMS property (one unit) and its listing on each of the five platforms.</summary>
/// <param name="Index">The property's number in the run.</param>
/// <param name="PropertyId">The PMS property id.</param>
internal sealed record ChaosProperty(int Index, Guid PropertyId)
{
    /// <summary>The property's Booking.com hotel and Expedia property number.</summary>
    public string Hotel => (7_000_000 + Index).ToString(CultureInfo.InvariantCulture);

    public const string BookingComRoom = "101";

    public const string ExpediaRoomType = "201";

    public string AdvertiserId => "chaos-adv-" + Index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The platform listing id of the property's connection on a platform (as the simulator keys its calendar).</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The listing id.</returns>
    public string ListingOf(Platform platform) => platform switch
    {
        Platform.Airbnb => "chaos-air-" + Index.ToString(CultureInfo.InvariantCulture),
        Platform.BookingCom => Hotel + ":" + BookingComRoom,
        Platform.Expedia => Hotel + ":" + ExpediaRoomType,
        Platform.Google => "chaos-g-" + Index.ToString(CultureInfo.InvariantCulture),
        Platform.FewoDirekt => "chaos-fewo-" + Index.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    /// <summary>The connection's platform metadata.</summary>
    /// <param name="platform">The platform.</param>
    /// <returns>The metadata.</returns>
    public Dictionary<string, string> MetadataOf(Platform platform) => platform switch
    {
        Platform.Airbnb => new() { ["listing_id"] = ListingOf(platform) },
        Platform.BookingCom => new() { ["rate_plan_id"] = "987654", ["currency"] = "EUR" },
        Platform.Expedia => new() { ["rate_plan_id"] = "200154A", ["currency"] = "EUR" },
        Platform.Google => new() { ["rate_plan_id"] = "standard", ["currency"] = "EUR" },
        Platform.FewoDirekt => new() { ["advertiser_id"] = AdvertiserId, ["currency"] = "EUR" },
        _ => throw new ArgumentOutOfRangeException(nameof(platform)),
    };

    /// <summary>The five platforms every property is connected to.</summary>
    public static IReadOnlyList<Platform> Platforms { get; } = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.Google, Platform.FewoDirekt];
}
