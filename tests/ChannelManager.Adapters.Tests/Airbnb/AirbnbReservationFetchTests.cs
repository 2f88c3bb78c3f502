using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Airbnb;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Airbnb;

public sealed class AirbnbReservationFetchTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reservation_fetched_by_code_round_trips_every_field()
    {
        var listing = TestData.NewListingId();
        var created = await fixture.Simulator.CreateAirbnbReservationAsync(
            new AirbnbReservationRequest
            {
                ListingId = listing,
                StartDate = new DateOnly(2030, 7, 1),
                Nights = 4,
                NumberOfGuests = 3,
                GuestFirstName = "Jördis",
                GuestLastName = "Müller-Łukasz",
                GuestEmail = "jordis.m@guest.airbnb.example",
                GuestPhoneNumbers = ["+49 30 1234567", "+49 170 7654321"],
                ListingBasePrice = 540.00m,
                ExpectedPayoutAmount = 512.30m,
                Currency = "EUR",
            },
            Ct);
        Assert.Null(created.Webhook); // no webhook URL configured in this fixture
        var code = created.Reservation.ConfirmationCode;
        Assert.Matches("^HM[A-Z0-9]{8}$", code);

        var fetched = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(ConfirmationCode: code), Ct);

        var r = Assert.Single(fetched);
        Assert.Equal(Platform.Airbnb, r.Platform);
        Assert.Equal(code, r.ConfirmationCode);
        Assert.Equal(listing, r.ListingId);
        Assert.Equal(new DateRange(new DateOnly(2030, 7, 1), new DateOnly(2030, 7, 5)), r.Stay);
        Assert.Equal(4, r.Stay.Nights);
        Assert.Equal(BookingStatus.Confirmed, r.Status);
        Assert.Equal(3, r.NumberOfGuests);
        Assert.Equal(new GuestDetails("Jördis", "Müller-Łukasz", "jordis.m@guest.airbnb.example", "+49 30 1234567"), r.Guest);
        Assert.Equal(512.30m, r.TotalAmount);
        Assert.Equal("EUR", r.Currency);
        Assert.Equal(created.Reservation.UpdatedAt, r.UpdatedAt);

        var call = Assert.Single(fixture.CallsFor(code));
        Assert.Equal("GET", call.Method);
        Assert.Equal($"/airbnb/v2/reservations/{code}", call.PathAndQuery);
    }

    [Fact]
    public async Task The_list_returns_the_listings_bookings_with_their_status_and_no_other_listings()
    {
        var listing = TestData.NewListingId();
        var other = TestData.NewListingId();
        var a = await Book(listing, new DateOnly(2030, 8, 1), 2);
        var b = await Book(listing, new DateOnly(2030, 8, 10), 3);
        await Book(other, new DateOnly(2030, 8, 1), 2);
        await fixture.Simulator.CancelAirbnbReservationAsync(b.ConfirmationCode, cancellationToken: Ct);

        var fetched = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(), Ct);

        Assert.Equal(2, fetched.Count);
        Assert.All(fetched, r => Assert.Equal(listing, r.ListingId));
        Assert.Equal(BookingStatus.Confirmed, fetched.Single(r => r.ConfirmationCode == a.ConfirmationCode).Status);
        var cancelled = fetched.Single(r => r.ConfirmationCode == b.ConfirmationCode);
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal(new DateRange(new DateOnly(2030, 8, 10), new DateOnly(2030, 8, 13)), cancelled.Stay);
        Assert.Contains(fixture.CallsFor(listing), c => c.PathAndQuery == $"/airbnb/v2/reservations?listing_id={listing}&_limit=100&_offset=0");
    }

    [Fact]
    public async Task The_list_follows_pages_and_stops_at_MaxResults()
    {
        var listing = TestData.NewListingId();
        var start = new DateOnly(2031, 1, 1);
        for (var i = 0; i < 105; i++)
        {
            await Book(listing, start.AddDays(i * 2), 1);
        }

        var all = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(MaxResults: 500), Ct);
        var listCalls = fixture.CallsFor(listing).Where(c => c.Path == "/airbnb/v2/reservations").ToArray();

        Assert.Equal(105, all.Count);
        Assert.Equal(105, all.Select(r => r.ConfirmationCode).Distinct().Count());
        Assert.Equal(2, listCalls.Length);
        Assert.EndsWith("_offset=100", listCalls[1].PathAndQuery, StringComparison.Ordinal);

        fixture.Simulator.State.ClearCalls();
        var ten = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(MaxResults: 10), Ct);
        Assert.Equal(10, ten.Count);
        Assert.Single(fixture.CallsFor(listing));
    }

    [Fact]
    public async Task ChangedSince_keeps_only_reservations_changed_since_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var simulator = await PlatformSimulator.StartAsync(new PlatformSimulatorOptions { TimeProvider = clock }, Ct);
        await using var scope = AdapterScope.Create(simulator.AirbnbBaseAddress);
        var listing = TestData.NewListingId();
        var old = await simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 3, 1), Nights = 2 }, Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var since = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        var recent = await simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest { ListingId = listing, StartDate = new DateOnly(2030, 4, 1), Nights = 2 }, Ct);

        var fetched = await scope.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(ChangedSince: since), Ct);

        Assert.Equal(recent.Reservation.ConfirmationCode, Assert.Single(fetched).ConfirmationCode);
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 13, 1, 0, TimeSpan.Zero), fetched[0].UpdatedAt);

        clock.Advance(TimeSpan.FromMinutes(1));
        await simulator.CancelAirbnbReservationAsync(old.Reservation.ConfirmationCode, cancellationToken: Ct);
        var afterCancel = await scope.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(ChangedSince: since), Ct);
        Assert.Equal(2, afterCancel.Count);
        Assert.Equal(BookingStatus.Cancelled, afterCancel.Single(r => r.ConfirmationCode == old.Reservation.ConfirmationCode).Status);
    }

    [Fact]
    public async Task An_unknown_code_or_another_listings_code_gives_nothing()
    {
        var listing = TestData.NewListingId();
        var other = await Book(TestData.NewListingId(), new DateOnly(2030, 9, 1), 2);

        var unknown = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(ConfirmationCode: "HMNOSUCH00"), Ct);
        var foreign = await fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(ConfirmationCode: other.ConfirmationCode), Ct);

        Assert.Empty(unknown);
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task Listing_a_removed_listing_fails_permanently_with_404()
    {
        var listing = TestData.NewListingId();
        fixture.Simulator.State.RemoveListing(Platform.Airbnb, listing);

        var ex = await Assert.ThrowsAsync<PlatformCallException>(() =>
            fixture.Adapter.FetchReservationsAsync(TestData.Connection(listing), new ReservationFetchRequest(), Ct));

        Assert.Equal(404, ex.StatusCode);
        Assert.False(ex.IsTransient);
        Assert.Equal(Platform.Airbnb, ex.Platform);
    }

    [Fact]
    public async Task A_booking_closes_its_nights_and_a_cancellation_reopens_them()
    {
        var listing = TestData.NewListingId();
        var r = await Book(listing, new DateOnly(2030, 11, 5), 3);
        var state = fixture.Simulator.State;

        Assert.All(new[] { 5, 6, 7 }, d =>
        {
            var day = state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 11, d))!;
            Assert.False(day.IsAvailable);
            Assert.Null(day.BusySubtype);
            Assert.Equal(r.ConfirmationCode, day.ReservationCode);
        });
        Assert.Null(state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 11, 8))); // check-out day untouched

        var altered = await fixture.Simulator.AlterAirbnbReservationAsync(r.ConfirmationCode, new DateOnly(2030, 11, 6), 4, cancellationToken: Ct);
        Assert.True(altered.Reservation.UpdatedAt > r.UpdatedAt);
        Assert.True(state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 11, 5))!.IsAvailable);
        Assert.False(state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 11, 9))!.IsAvailable);

        await fixture.Simulator.CancelAirbnbReservationAsync(r.ConfirmationCode, cancellationToken: Ct);
        Assert.All(Enumerable.Range(5, 5), d => Assert.True(state.GetDay(Platform.Airbnb, listing, new DateOnly(2030, 11, d))?.IsAvailable ?? true));
    }

    private async Task<AirbnbReservation> Book(string listing, DateOnly start, int nights) =>
        (await fixture.Simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest { ListingId = listing, StartDate = start, Nights = nights }, Ct)).Reservation;
}
