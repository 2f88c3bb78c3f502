using System.Globalization;
using System.Text;
using ChannelManager.Inventory;
using ChannelManager.Simulator.State;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// The fields of a night on Airbnb that the adapter sets, either as the simulator holds them or as the Airbnb adapter
/// maps a ledger night (see <c>AirbnbCalendarOperationBuilder</c>): available when the night is bookable, else blocked
/// by the host; <c>available_count</c> = max(0, available units); the price only where the ledger has a rate; min and
/// max nights only where they are at least 1; closed to arrival/departure as they are.
/// </summary>
internal sealed record AirbnbNight(
    bool IsAvailable,
    string? BusySubtype,
    int? AvailableCount,
    decimal? DailyPrice,
    int? MinNights,
    int? MaxNights,
    bool ClosedToArrival,
    bool ClosedToDeparture)
{
    private const string BlockedByHost = "BLOCKED_BY_HOST";

    /// <summary>What Airbnb should hold for a ledger night once the adapter has pushed it.</summary>
    public static AirbnbNight ExpectedFor(AriDay day) => new(
        day.IsBookable,
        day.IsBookable ? null : BlockedByHost,
        Math.Max(0, day.AvailableUnits),
        day.Rate,
        day.MinStay >= 1 ? day.MinStay : null,
        day.MaxStay >= 1 ? day.MaxStay : null,
        day.ClosedToArrival,
        day.ClosedToDeparture);

    /// <summary>What the simulator holds; null for a night nobody ever set.</summary>
    public static AirbnbNight? HeldAs(SimulatedDay? day) => day is null
        ? null
        : new(day.IsAvailable, day.BusySubtype, day.AvailableCount, day.DailyPrice, day.MinNights, day.MaxNights, day.ClosedToArrival, day.ClosedToDeparture);

    public override string ToString()
    {
        var s = new StringBuilder(IsAvailable ? "available" : "unavailable");
        if (BusySubtype is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $" ({BusySubtype})");
        }

        s.Append(CultureInfo.InvariantCulture, $" count={AvailableCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        s.Append(CultureInfo.InvariantCulture, $" price={DailyPrice?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        s.Append(CultureInfo.InvariantCulture, $" min={MinNights?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        s.Append(CultureInfo.InvariantCulture, $" max={MaxNights?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        if (ClosedToArrival)
        {
            s.Append(" cta");
        }

        if (ClosedToDeparture)
        {
            s.Append(" ctd");
        }

        return s.ToString();
    }
}
