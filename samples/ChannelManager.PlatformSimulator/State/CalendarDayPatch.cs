namespace ChannelManager.Simulator.State;

/// <summary>
/// A change to nights of a calendar: only the fields that are set change (a platform call that names only the
/// price leaves the availability as it was).
/// </summary>
internal sealed record CalendarDayPatch
{
    public bool? IsAvailable { get; init; }

    /// <summary>Applied together with <see cref="IsAvailable"/> = false; cleared when a night becomes available.</summary>
    public string? BusySubtype { get; init; }

    public decimal? DailyPrice { get; init; }

    public int? AvailableCount { get; init; }

    public int? MinNights { get; init; }

    public int? MaxNights { get; init; }

    public bool? ClosedToArrival { get; init; }

    public bool? ClosedToDeparture { get; init; }

    public string? Notes { get; init; }

    /// <summary>
    /// Applies the patch. A night held by a reservation stays unavailable: the reservation, not a calendar call,
    /// owns its availability (as on the real platforms, which refuse to open a booked night).
    /// </summary>
    public SimulatedDay ApplyTo(SimulatedDay day)
    {
        var result = day;
        if (IsAvailable is { } available && day.ReservationCode is null)
        {
            result = result with { IsAvailable = available, BusySubtype = available ? null : BusySubtype };
        }

        return result with
        {
            DailyPrice = DailyPrice ?? result.DailyPrice,
            AvailableCount = AvailableCount ?? result.AvailableCount,
            MinNights = MinNights ?? result.MinNights,
            MaxNights = MaxNights ?? result.MaxNights,
            ClosedToArrival = ClosedToArrival ?? result.ClosedToArrival,
            ClosedToDeparture = ClosedToDeparture ?? result.ClosedToDeparture,
            Notes = Notes ?? result.Notes,
        };
    }
}
