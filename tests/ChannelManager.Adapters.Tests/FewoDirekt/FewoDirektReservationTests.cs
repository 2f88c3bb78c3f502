using ChannelManager.Bookings;
using ChannelManager.Inventory;
using ChannelManager.Simulator.FewoDirekt;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

public sealed class FewoDirektReservationTests(FewoDirektFixture fixture) : IClassFixture<FewoDirektFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static FewoDirektReservationRequest Request(string listing, string advertiser) => new()
    {
        ListingId = listing,
        AdvertiserId = advertiser,
        BeginDate = new DateOnly(2030, 7, 10),
        EndDate = new DateOnly(2030, 7, 14),
        Adults = 2,
        Children = 1,
        Pets = 1,
        FirstName = "Jürgen",
        LastName = "Groß",
        Email = "j.gross@guest.example",
        Phone = "+49 30 1234567",
        Rent = 480.00m,
        CleaningFee = 60.50m,
        Currency = "EUR",
    };

    [Fact]
    public async Task A_new_booking_round_trips_with_every_field()
    {
        var listing = FewoDirektTestData.NewListingId();
        var advertiser = FewoDirektTestData.NewAdvertiserId();
        var created = fixture.Simulator.State.FewoDirekt.Create(Request(listing, advertiser));

        var pulled = await fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(listing, advertiser), new ReservationFetchRequest(), Ct);

        var r = Assert.Single(pulled);
        Assert.Equal(new PlatformReservation
        {
            Platform = Connections.Platform.FewoDirekt,
            ConfirmationCode = created.ReservationId,
            ListingId = listing,
            Stay = new DateRange(new DateOnly(2030, 7, 10), new DateOnly(2030, 7, 14)),
            Status = BookingStatus.Confirmed,
            NumberOfGuests = 3,
            Guest = new GuestDetails("Jürgen", "Groß", "j.gross@guest.example", "+49 30 1234567"),
            TotalAmount = 540.50m,
            Currency = "EUR",
            UpdatedAt = created.LastUpdatedAt,
        }, r);

        // The nights are closed in the listing's calendar, and the pull took the index plus one booking call.
        Assert.False(fixture.Simulator.State.GetDay(Connections.Platform.FewoDirekt, listing, new DateOnly(2030, 7, 13))!.IsAvailable);
        var byCode = await fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(listing), new ReservationFetchRequest(created.ReservationId), Ct);
        Assert.Equal(r, Assert.Single(byCode));
    }

    [Fact]
    public async Task Modified_and_cancelled_bookings_map_to_their_state()
    {
        var listing = FewoDirektTestData.NewListingId();
        var advertiser = FewoDirektTestData.NewAdvertiserId();
        var created = fixture.Simulator.State.FewoDirekt.Create(Request(listing, advertiser));
        var connection = FewoDirektTestData.Connection(listing, advertiser);

        fixture.Simulator.State.FewoDirekt.Modify(created.ReservationId, new DateOnly(2030, 7, 11), new DateOnly(2030, 7, 16));
        var modified = Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.Equal(BookingStatus.Confirmed, modified.Status);
        Assert.Equal(new DateRange(new DateOnly(2030, 7, 11), new DateOnly(2030, 7, 16)), modified.Stay);
        Assert.True(modified.UpdatedAt > created.LastUpdatedAt);

        fixture.Simulator.State.FewoDirekt.Cancel(created.ReservationId);
        var cancelled = Assert.Single(await fixture.Adapter.FetchReservationsAsync(connection, new ReservationFetchRequest(), Ct));
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.True(fixture.Simulator.State.GetDay(Connections.Platform.FewoDirekt, listing, new DateOnly(2030, 7, 12))!.IsAvailable);
    }

    [Fact]
    public async Task Only_the_connections_listing_is_returned_and_unknown_codes_are_empty()
    {
        var listing = FewoDirektTestData.NewListingId();
        var other = FewoDirektTestData.NewListingId();
        var advertiser = FewoDirektTestData.NewAdvertiserId();
        fixture.Simulator.State.FewoDirekt.Create(Request(other, advertiser));
        var mine = fixture.Simulator.State.FewoDirekt.Create(Request(listing, advertiser) with { BeginDate = new DateOnly(2030, 9, 1), EndDate = new DateOnly(2030, 9, 3) });

        var pulled = await fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(listing, advertiser), new ReservationFetchRequest(), Ct);

        Assert.Equal(mine.ReservationId, Assert.Single(pulled).ConfirmationCode);
        Assert.Equal(2, fixture.Simulator.State.CallsFor(Connections.Platform.FewoDirekt).Count(c => c.RequestBody.Contains(advertiser, StringComparison.Ordinal) || c.PathAndQuery.EndsWith(mine.ReservationId, StringComparison.Ordinal)));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(listing), new ReservationFetchRequest("HA-00000000"), Ct));
        Assert.Empty(await fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(other), new ReservationFetchRequest(mine.ReservationId), Ct));
    }

    [Fact]
    public async Task A_pull_without_advertiser_id_is_a_validation_error()
    {
        await Assert.ThrowsAsync<Common.ChannelManagerValidationException>(() =>
            fixture.Adapter.FetchReservationsAsync(FewoDirektTestData.Connection(FewoDirektTestData.NewListingId()), new ReservationFetchRequest(), Ct));
    }
}
