using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Unmapped;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IUnmappedReservationStore"/> must do; run against each implementation.</summary>
public abstract class UnmappedReservationStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<IUnmappedReservationStore> CreateStoreAsync();

    private static UnmappedReservation Sighting(double at, string listing = "77:2", string code = "R1", string? tenant = null) => new()
    {
        Id = Guid.NewGuid(),
        Platform = Platform.BookingCom,
        ListingId = listing,
        DedupeKey = "reservation:" + code,
        ConfirmationCode = code,
        Source = UnmappedReservationSource.Webhook,
        TenantId = tenant,
        FirstSeenAt = TestTime.At(at),
        LastSeenAt = TestTime.At(at),
    };

    private ChannelConnection Connection(string tenant) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenant,
        PropertyId = Guid.NewGuid(),
        Platform = Platform.BookingCom,
        PlatformListingId = "77:2",
        Status = ConnectionStatus.Active,
        Credentials = new ChannelCredentials("x", null, null),
        CreatedAt = TestTime.At(0),
        UpdatedAt = TestTime.At(0),
    };

    [Fact]
    public async Task A_record_is_opened_once_and_later_sightings_are_counted_on_it_with_every_field_kept()
    {
        var store = await CreateStoreAsync();
        var reservation = new PlatformReservation
        {
            Platform = Platform.BookingCom,
            ConfirmationCode = "R1",
            ListingId = "77:2",
            Stay = new DateRange(new DateOnly(2026, 8, 1), new DateOnly(2026, 8, 4)),
            Status = BookingStatus.Confirmed,
            NumberOfGuests = 2,
            Guest = new GuestDetails("Ada", "Guest", "ada@example.com", "+49 30 1234"),
            TotalAmount = 312.5m,
            Currency = "EUR",
            UpdatedAt = TestTime.At(0),
        };
        var first = Sighting(1) with { ParentListingId = "77", Source = UnmappedReservationSource.Pull, FetchedViaConnectionId = Guid.NewGuid() };

        var opened = await store.RecordSightingAsync(first, Ct);
        Assert.True(opened.Opened);
        Assert.Equal(first, opened.Record);

        var again = await store.RecordSightingAsync(first with { FirstSeenAt = TestTime.At(5), LastSeenAt = TestTime.At(5), Reservation = reservation, TenantId = _tenant }, Ct);
        Assert.False(again.Opened);
        Assert.Equal(2, again.Record.TimesSeen);
        Assert.Equal(TestTime.At(1), again.Record.FirstSeenAt);
        Assert.Equal(TestTime.At(5), again.Record.LastSeenAt);
        Assert.Equal(_tenant, again.Record.TenantId);
        Assert.Equal(reservation, again.Record.Reservation);

        var third = await store.RecordSightingAsync(first with { FirstSeenAt = TestTime.At(3), LastSeenAt = TestTime.At(3), TenantId = "someone-else" }, Ct);
        Assert.Equal(3, third.Record.TimesSeen);
        Assert.Equal(TestTime.At(5), third.Record.LastSeenAt);
        Assert.Equal(_tenant, third.Record.TenantId);
        Assert.Equal(reservation, third.Record.Reservation);
        Assert.Equal(third.Record, await store.GetAsync(null, first.Id, Ct));
        Assert.Equal(third.Record, await store.GetAsync(_tenant, first.Id, Ct));
        Assert.Null(await store.GetAsync("someone-else", first.Id, Ct));
    }

    [Fact]
    public async Task Importing_closes_an_open_record_for_the_connections_tenant_and_a_new_sighting_reopens_it()
    {
        var store = await CreateStoreAsync();
        var record = (await store.RecordSightingAsync(Sighting(1), Ct)).Record;
        var connection = Connection(_tenant);

        Assert.True(await store.MarkImportedAsync(record.Id, connection, TestTime.At(2), Ct));
        Assert.False(await store.MarkImportedAsync(record.Id, connection, TestTime.At(3), Ct), "only an open record is imported");
        Assert.False(await store.MarkImportedAsync(Guid.NewGuid(), connection, TestTime.At(3), Ct));
        var imported = (await store.GetAsync(_tenant, record.Id, Ct))!;
        Assert.Equal(UnmappedReservationState.Imported, imported.State);
        Assert.Equal(connection.Id, imported.ImportedConnectionId);
        Assert.Equal(TestTime.At(2), imported.ClosedAt);
        Assert.Empty(await store.ListOpenForListingsAsync(Platform.BookingCom, ["77:2"], 10, Ct));

        var reopened = await store.RecordSightingAsync(Sighting(4) with { Id = record.Id }, Ct);
        Assert.True(reopened.Opened);
        Assert.Equal(UnmappedReservationState.Open, reopened.Record.State);
        Assert.Null(reopened.Record.ClosedAt);
        Assert.Null(reopened.Record.ImportedConnectionId);
    }

    [Fact]
    public async Task Dismissing_is_scoped_to_the_tenant_and_a_dismissed_record_stays_dismissed()
    {
        var store = await CreateStoreAsync();
        var mine = (await store.RecordSightingAsync(Sighting(1, tenant: _tenant), Ct)).Record;
        var nobodys = (await store.RecordSightingAsync(Sighting(2, listing: "999"), Ct)).Record;

        Assert.Null(await store.DismissAsync("someone-else", mine.Id, TestTime.At(3), Ct));
        Assert.Null(await store.DismissAsync(_tenant, nobodys.Id, TestTime.At(3), Ct));
        Assert.Equal(UnmappedReservationState.Open, (await store.GetAsync(null, mine.Id, Ct))!.State);

        var dismissed = (await store.DismissAsync(_tenant, mine.Id, TestTime.At(3), Ct))!;
        Assert.Equal(UnmappedReservationState.Dismissed, dismissed.State);
        Assert.Equal(TestTime.At(3), dismissed.ClosedAt);
        Assert.Equal(TestTime.At(3), (await store.DismissAsync(null, mine.Id, TestTime.At(9), Ct))!.ClosedAt);
        Assert.Equal(UnmappedReservationState.Dismissed, (await store.DismissAsync(null, nobodys.Id, TestTime.At(4), Ct))!.State);

        var seen = await store.RecordSightingAsync(Sighting(5, tenant: _tenant) with { Id = mine.Id }, Ct);
        Assert.False(seen.Opened);
        Assert.Equal(UnmappedReservationState.Dismissed, seen.Record.State);
        Assert.False(await store.MarkImportedAsync(mine.Id, Connection(_tenant), TestTime.At(6), Ct));
    }

    [Fact]
    public async Task Lists_are_tenant_scoped_or_span_all_tenants_filter_by_platform_and_state_and_page_by_keyset()
    {
        var store = await CreateStoreAsync();
        var records = new List<UnmappedReservation>();
        for (var i = 0; i < 5; i++)
        {
            records.Add((await store.RecordSightingAsync(Sighting(i, code: "R" + i, tenant: i < 3 ? _tenant : null), Ct)).Record);
        }

        var airbnb = (await store.RecordSightingAsync(Sighting(10, listing: "555", code: "HM1") with { Platform = Platform.Airbnb, TenantId = _tenant }, Ct)).Record;
        await store.DismissAsync(null, records[0].Id, TestTime.At(20), Ct);

        var mine = await store.ListAsync(_tenant, new UnmappedReservationQuery(), new PageRequest(), Ct);
        Assert.Equal([airbnb.Id, records[2].Id, records[1].Id, records[0].Id], mine.Items.Select(r => r.Id));
        Assert.Equal(4, mine.Total);
        Assert.Empty((await store.ListAsync("someone-else", new UnmappedReservationQuery(), new PageRequest(), Ct)).Items);

        var all = await store.ListAsync(null, new UnmappedReservationQuery(Platform.BookingCom), new PageRequest(Limit: 2), Ct);
        Assert.Equal([records[4].Id, records[3].Id], all.Items.Select(r => r.Id));
        Assert.Equal(5, all.Total);
        var next = await store.ListAsync(null, new UnmappedReservationQuery(Platform.BookingCom), new PageRequest(Limit: 2, Cursor: all.NextCursor), Ct);
        Assert.Equal([records[2].Id, records[1].Id], next.Items.Select(r => r.Id));
        var last = await store.ListAsync(null, new UnmappedReservationQuery(Platform.BookingCom), new PageRequest(Limit: 2, Cursor: next.NextCursor), Ct);
        Assert.Equal([records[0].Id], last.Items.Select(r => r.Id));
        Assert.Null(last.NextCursor);

        Assert.Equal([records[0].Id], (await store.ListAsync(null, new UnmappedReservationQuery(State: UnmappedReservationState.Dismissed), new PageRequest(), Ct)).Items.Select(r => r.Id));
        Assert.Equal(4, (await store.ListAsync(null, new UnmappedReservationQuery(Platform.BookingCom, UnmappedReservationState.Open), new PageRequest(), Ct)).Total);
        Assert.Equal([records[2].Id], (await store.ListAsync(_tenant, new UnmappedReservationQuery(Platform.BookingCom, UnmappedReservationState.Open), new PageRequest(Limit: 1), Ct)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task The_open_records_of_some_listings_are_found_across_tenants_oldest_first()
    {
        var store = await CreateStoreAsync();
        var room = (await store.RecordSightingAsync(Sighting(2, listing: "88:1", code: "A"), Ct)).Record;
        var hotelAlert = (await store.RecordSightingAsync(Sighting(1, listing: "88", code: "B", tenant: _tenant), Ct)).Record;
        await store.RecordSightingAsync(Sighting(3, listing: "88:2", code: "C"), Ct);
        var dismissed = (await store.RecordSightingAsync(Sighting(4, listing: "88:1", code: "D"), Ct)).Record;
        await store.DismissAsync(null, dismissed.Id, TestTime.At(5), Ct);

        var open = await store.ListOpenForListingsAsync(Platform.BookingCom, ["88:1", "88"], 10, Ct);
        Assert.Equal([hotelAlert.Id, room.Id], open.Select(r => r.Id));
        Assert.Single(await store.ListOpenForListingsAsync(Platform.BookingCom, ["88:1", "88"], 1, Ct));
        Assert.Empty(await store.ListOpenForListingsAsync(Platform.Airbnb, ["88:1"], 10, Ct));
    }
}
