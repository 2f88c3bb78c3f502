using System.Globalization;
using System.Text;

namespace ChannelManager.Testing.PmsHistories;

/// <summary>
/// One step of a random PMS history, in the order the PMS (or a platform) made the changes, with how its event is
/// delivered: <see cref="Delay"/> places late (0: in order; later: overtaken by later events, i.e. reordered, or
/// dropped and redelivered later) and, when <see cref="DuplicateAfter"/> is set, delivered once more that many places
/// after the first delivery. Nights are offsets from the first night of the case's date range. A suite that perturbs
/// delivery further derives from it.
/// </summary>
public record PmsStep
{
    public PmsChangeKind Kind { get; init; }

    public BookingAction Action { get; init; }

    /// <summary>Which booking (per origin: the PMS, or each connection).</summary>
    public int Booking { get; init; }

    /// <summary>The platform connection a platform booking comes from (modulo the case's connection count).</summary>
    public int Connection { get; init; }

    public int Start { get; init; }

    public int Nights { get; init; } = 1;

    public int Units { get; init; } = 1;

    public decimal Rate { get; init; }

    public int? TotalUnits { get; init; }

    public bool? StopSell { get; init; }

    public int? MinStay { get; init; }

    public int? MinStayThrough { get; init; }

    public int? MaxStay { get; init; }

    public bool? ClosedToArrival { get; init; }

    public bool? ClosedToDeparture { get; init; }

    /// <summary>Only these days of the week; null for every night.</summary>
    public IReadOnlyList<DayOfWeek>? Weekdays { get; init; }

    public int Delay { get; init; }

    public int? DuplicateAfter { get; init; }

    public override string ToString()
    {
        var s = new StringBuilder();
        var nights = string.Create(CultureInfo.InvariantCulture, $"nights {Start}..{Start + Nights - 1}");
        switch (Kind)
        {
            case PmsChangeKind.PmsBooking:
                s.Append(CultureInfo.InvariantCulture, $"pms {Action} b{Booking} {nights} x{Units}");
                break;
            case PmsChangeKind.PlatformBooking:
                s.Append(CultureInfo.InvariantCulture, $"platform c{Connection} {Action} b{Booking} {nights} x{Units}");
                break;
            case PmsChangeKind.Price:
                s.Append(CultureInfo.InvariantCulture, $"price {nights} = {Rate}");
                break;
            case PmsChangeKind.Availability:
                s.Append(CultureInfo.InvariantCulture, $"availability {nights}");
                Field("units", TotalUnits);
                Field("stop-sell", StopSell);
                Field("min", MinStay);
                Field("min-through", MinStayThrough);
                Field("max", MaxStay);
                Field("cta", ClosedToArrival);
                Field("ctd", ClosedToDeparture);
                break;
        }

        if (Weekdays is not null && Kind is PmsChangeKind.Price or PmsChangeKind.Availability)
        {
            s.Append(" only ").Append(string.Join('/', Weekdays.Select(d => d.ToString()[..3])));
        }

        if (Delay > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" [delivered {Delay} later]");
        }

        if (DuplicateAfter is { } again)
        {
            s.Append(CultureInfo.InvariantCulture, $" [again {again} later]");
        }

        return s.ToString();

        void Field<T>(string name, T? value)
            where T : struct
        {
            if (value is { } v)
            {
                s.Append(' ').Append(name).Append('=').Append(Convert.ToString(v, CultureInfo.InvariantCulture)!.ToLowerInvariant());
            }
        }
    }
}
