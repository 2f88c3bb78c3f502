using System.Globalization;
using System.Text;

namespace ChannelManager.AspNetCore.Tests.Convergence;

/// <summary>
/// One step of a random history, in the order the PMS made the changes, with how its event is delivered:
/// <see cref="Delay"/> places late (overtaken by later events), and when <see cref="DuplicateAfter"/> is set once more
/// that many places after the first delivery (with the same event id, or with a new one when
/// <see cref="DuplicateWithNewId"/>). <see cref="Fault"/> is injected into the simulator just before the first
/// delivery. Nights are offsets from the first night of the case's date range.
/// </summary>
internal sealed record ConvergenceStep
{
    public ConvergenceStepKind Kind { get; init; }

    public BookingChange Change { get; init; }

    /// <summary>Which of the PMS's bookings (0-3).</summary>
    public int Booking { get; init; }

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

    public bool DuplicateWithNewId { get; init; }

    public InjectedFault Fault { get; init; }

    public override string ToString()
    {
        var s = new StringBuilder();
        var nights = string.Create(CultureInfo.InvariantCulture, $"nights {Start}..{Start + Nights - 1}");
        switch (Kind)
        {
            case ConvergenceStepKind.Booking:
                s.Append(CultureInfo.InvariantCulture, $"pms {Change} b{Booking} {nights} x{Units}");
                break;
            case ConvergenceStepKind.Price:
                s.Append(CultureInfo.InvariantCulture, $"price {nights} = {Rate}");
                break;
            case ConvergenceStepKind.Availability:
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

        if (Weekdays is not null && Kind != ConvergenceStepKind.Booking)
        {
            s.Append(" only ").Append(string.Join('/', Weekdays.Select(d => d.ToString()[..3])));
        }

        if (Delay > 0)
        {
            s.Append(CultureInfo.InvariantCulture, $" [delivered {Delay} later]");
        }

        if (DuplicateAfter is { } again)
        {
            s.Append(CultureInfo.InvariantCulture, $" [again {again} later{(DuplicateWithNewId ? ", new event id" : string.Empty)}]");
        }

        if (Fault != InjectedFault.None)
        {
            s.Append(CultureInfo.InvariantCulture, $" [airbnb: {Fault}]");
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
