using System.Globalization;
using ChannelManager.Bookings;
using ChannelManager.Engine.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Inbound;

/// <summary>
/// Refuses platform reservations whose dates make no sense before anything is stored: check-out not after check-in,
/// a stay longer than <see cref="ChannelManagerOptions.MaxReservationNights"/>, an arrival more than
/// <see cref="ChannelManagerOptions.MaxReservationArrivalDaysAhead"/> days ahead, or a departure more than
/// <see cref="ChannelManagerOptions.MaxReservationDepartureDaysPast"/> days ago. Used on webhooks (refused with 422)
/// and on pulled reservations (skipped, not acknowledged).
/// </summary>
internal sealed class ReservationSanityCheck
{
    private readonly IOptions<ChannelManagerOptions> _options;

    public ReservationSanityCheck(IOptions<ChannelManagerOptions> options)
    {
        _options = options;
    }

    /// <summary>What is wrong with a reservation's dates, or <see langword="null"/> when they are plausible.</summary>
    /// <param name="reservation">The reservation.</param>
    /// <param name="now">The current time.</param>
    /// <returns>A message naming the problem (no guest data), or <see langword="null"/>.</returns>
    public string? FindProblem(PlatformReservation reservation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        var o = _options.Value;
        var stay = reservation.Stay;
        var code = reservation.ConfirmationCode;
        if (stay.End <= stay.Start)
        {
            return $"Reservation {code}: the check-out ({Day(stay.End)}) is not after the check-in ({Day(stay.Start)}).";
        }

        if (stay.Nights > o.MaxReservationNights)
        {
            return $"Reservation {code}: a stay of {stay.Nights} nights is longer than the {o.MaxReservationNights} accepted.";
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (stay.Start.DayNumber - today.DayNumber > o.MaxReservationArrivalDaysAhead)
        {
            return $"Reservation {code}: the check-in ({Day(stay.Start)}) is more than {o.MaxReservationArrivalDaysAhead} days ahead.";
        }

        if (today.DayNumber - stay.End.DayNumber > o.MaxReservationDepartureDaysPast)
        {
            return $"Reservation {code}: the check-out ({Day(stay.End)}) is more than {o.MaxReservationDepartureDaysPast} days in the past.";
        }

        return null;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
