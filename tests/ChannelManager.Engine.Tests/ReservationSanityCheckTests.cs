using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.DependencyInjection;
using ChannelManager.Engine.Inbound;
using ChannelManager.Inventory;
using Microsoft.Extensions.Options;

namespace ChannelManager.Engine.Tests;

public sealed class ReservationSanityCheckTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2030, 6, 1);

    private static readonly ReservationSanityCheck Check = new(Options.Create(new ChannelManagerOptions()));

    [Theory]
    [InlineData(0, 3)]
    [InlineData(-5, 1)]
    [InlineData(1100, 366)]
    [InlineData(-366, 1)]
    public void Plausible_stays_pass(int startInDays, int nights) =>
        Assert.Null(Check.FindProblem(Reservation(Today.AddDays(startInDays), nights), Now));

    [Theory]
    [InlineData(0, 367, "367 nights")]
    [InlineData(1101, 2, "days ahead")]
    [InlineData(365 * 40, 2, "days ahead")]
    [InlineData(-400, 2, "in the past")]
    public void Implausible_stays_name_the_problem(int startInDays, int nights, string expected) =>
        Assert.Contains(expected, Check.FindProblem(Reservation(Today.AddDays(startInDays), nights), Now), StringComparison.Ordinal);

    [Fact]
    public void A_stay_without_nights_is_refused() =>
        Assert.Contains("check-out", Check.FindProblem(Reservation(default, 0) with { Stay = default }, Now), StringComparison.Ordinal);

    [Fact]
    public void The_limits_are_validated_at_start()
    {
        var result = new ChannelManagerOptionsValidator().Validate(null, new ChannelManagerOptions { MaxReservationNights = 0, MaxReservationArrivalDaysAhead = -1, MaxReservationDepartureDaysPast = -1 });
        Assert.True(result.Failed);
        Assert.Contains("MaxReservationNights", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxReservationArrivalDaysAhead", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxReservationDepartureDaysPast", result.FailureMessage, StringComparison.Ordinal);
    }

    private static PlatformReservation Reservation(DateOnly start, int nights) => new()
    {
        Platform = Platform.Airbnb,
        ConfirmationCode = "HM1",
        ListingId = "1",
        Stay = nights > 0 ? new DateRange(start, start.AddDays(nights)) : default,
        Status = BookingStatus.Confirmed,
    };
}
