using ChannelManager.Common;
using ChannelManager.Connections;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IChannelConnectionStore"/> must do; run against each implementation.</summary>
public abstract class ConnectionStoreContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _tenant = "tenant-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _otherTenant = "other-" + Guid.NewGuid().ToString("N")[..8];

    protected abstract Task<IChannelConnectionStore> CreateStoreAsync();

    [Fact]
    public async Task Add_then_get_returns_every_field()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant) with
        {
            Status = ConnectionStatus.Error,
            Credentials = new ChannelCredentials("access-ü", "refresh", TestTime.At(5_000)),
            PlatformMetadata = new Dictionary<string, string> { ["listing_id"] = "x", ["currency"] = "EUR" },
            UpdatedAt = TestTime.At(10),
            LastSyncAt = TestTime.At(20),
            LastError = "HTTP 503",
            Version = 7,
        };
        await store.AddAsync(c, Ct);

        AssertSame(c, await store.GetAsync(_tenant, c.Id, Ct));
    }

    [Fact]
    public async Task Get_is_tenant_scoped_and_sees_soft_deleted_connections()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);

        Assert.Null(await store.GetAsync(_otherTenant, c.Id, Ct));
        Assert.Null(await store.GetAsync(_tenant, Guid.NewGuid(), Ct));

        var deleted = c with { DeletedAt = TestTime.At(50), Version = 2 };
        Assert.True(await store.UpdateAsync(deleted, 1, Ct));
        AssertSame(deleted, await store.GetAsync(_tenant, c.Id, Ct));
    }

    [Fact]
    public async Task A_live_listing_can_be_connected_only_once_even_across_tenants()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);

        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => store.AddAsync(NewConnection(_otherTenant, listing: c.PlatformListingId), Ct));
        Assert.Contains(c.PlatformListingId, ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ResourceConflictException>(() => store.AddAsync(NewConnection(_tenant, listing: c.PlatformListingId), Ct));
        Assert.Equal(1, (await store.ListAsync(new ChannelConnectionQuery(_tenant), Ct)).Total);
        Assert.Equal(0, (await store.ListAsync(new ChannelConnectionQuery(_otherTenant), Ct)).Total);
    }

    [Fact]
    public async Task Each_room_of_a_booking_com_hotel_is_its_own_connection_and_a_room_cannot_be_connected_twice()
    {
        var store = await CreateStoreAsync();
        var hotel = Random.Shared.NextInt64(1_000_000, 9_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var roomA = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":101", createdAt: TestTime.At(1));
        var roomB = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":102", createdAt: TestTime.At(2));
        await store.AddAsync(roomA, Ct);
        await store.AddAsync(roomB, Ct);

        // The same room again, by this tenant or another: refused, whatever the property.
        var ex = await Assert.ThrowsAsync<ResourceConflictException>(() => store.AddAsync(NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":101"), Ct));
        Assert.Contains(hotel + ":101", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ResourceConflictException>(() => store.AddAsync(NewConnection(_otherTenant, platform: Platform.BookingCom, listing: hotel + ":102"), Ct));

        // Moving one room's connection onto the other room is refused too.
        await Assert.ThrowsAsync<ResourceConflictException>(() => store.UpdateAsync(roomB with { PlatformListingId = hotel + ":101", Version = 2 }, 1, Ct));
        Assert.Equal(hotel + ":102", (await store.GetAsync(_tenant, roomB.Id, Ct))!.PlatformListingId);

        Assert.Equal(roomA.Id, (await store.FindByListingAsync(Platform.BookingCom, hotel + ":101", Ct))?.Id);
        Assert.Equal(roomB.Id, (await store.FindByListingAsync(Platform.BookingCom, hotel + ":102", Ct))?.Id);
        Assert.Null(await store.FindByListingAsync(Platform.BookingCom, hotel, Ct));
        Assert.Equal(2, (await store.ListAsync(new ChannelConnectionQuery(_tenant, Platform: Platform.BookingCom), Ct)).Total);
    }

    [Fact]
    public async Task A_notification_naming_only_the_hotel_finds_a_live_connection_of_one_of_its_rooms()
    {
        var store = await CreateStoreAsync();
        var hotel = Random.Shared.NextInt64(1_000_000, 9_000_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(await store.FindBySubListingOfAsync(Platform.BookingCom, hotel, Ct));

        var paused = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":101", createdAt: TestTime.At(1)) with { Status = ConnectionStatus.Paused };
        var deleted = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":102", createdAt: TestTime.At(0)) with { DeletedAt = TestTime.At(3) };
        var active = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + ":103", createdAt: TestTime.At(2));
        var longerHotel = NewConnection(_tenant, platform: Platform.BookingCom, listing: hotel + "9:101", createdAt: TestTime.At(0));
        foreach (var c in new[] { paused, deleted, active, longerHotel })
        {
            await store.AddAsync(c, Ct);
        }

        Assert.Equal(active.Id, (await store.FindBySubListingOfAsync(Platform.BookingCom, hotel, Ct))?.Id);
        Assert.Null(await store.FindBySubListingOfAsync(Platform.Airbnb, hotel, Ct));
        Assert.True(await store.UpdateAsync(active with { DeletedAt = TestTime.At(4), Version = 2 }, 1, Ct));
        Assert.Equal(paused.Id, (await store.FindBySubListingOfAsync(Platform.BookingCom, hotel, Ct))?.Id);
    }

    [Fact]
    public async Task A_listing_can_be_connected_again_after_a_soft_delete_and_on_another_platform()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);
        await store.AddAsync(NewConnection(_tenant, platform: Platform.BookingCom, listing: c.PlatformListingId), Ct);

        Assert.True(await store.UpdateAsync(c with { DeletedAt = TestTime.At(1), Version = 2 }, 1, Ct));
        var again = NewConnection(_otherTenant, listing: c.PlatformListingId);
        await store.AddAsync(again, Ct);

        Assert.Equal(again.Id, (await store.FindByListingAsync(Platform.Airbnb, c.PlatformListingId, Ct))?.Id);
    }

    [Fact]
    public async Task Adding_an_existing_id_is_a_conflict()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);

        await Assert.ThrowsAsync<ResourceConflictException>(() => store.AddAsync(NewConnection(_tenant) with { Id = c.Id }, Ct));
        Assert.Equal(c.PlatformListingId, (await store.GetAsync(_tenant, c.Id, Ct))?.PlatformListingId);
    }

    [Fact]
    public async Task Update_applies_only_at_the_expected_version()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);

        var first = c with { Status = ConnectionStatus.Paused, Version = 2, UpdatedAt = TestTime.At(100) };
        Assert.True(await store.UpdateAsync(first, 1, Ct));

        // A writer that read version 1 lost the race: nothing changes.
        var stale = c with { LastError = "stale", Version = 2 };
        Assert.False(await store.UpdateAsync(stale, 1, Ct));
        AssertSame(first, await store.GetAsync(_tenant, c.Id, Ct));

        var second = first with { PlatformMetadata = new Dictionary<string, string> { ["a"] = "b" }, Credentials = new ChannelCredentials("new"), Version = 3 };
        Assert.True(await store.UpdateAsync(second, 2, Ct));
        AssertSame(second, await store.GetAsync(_tenant, c.Id, Ct));
    }

    [Fact]
    public async Task Update_by_another_tenant_or_of_an_unknown_id_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant);
        await store.AddAsync(c, Ct);

        Assert.False(await store.UpdateAsync(c with { TenantId = _otherTenant, Status = ConnectionStatus.Paused, Version = 2 }, 1, Ct));
        Assert.False(await store.UpdateAsync(NewConnection(_tenant) with { Version = 2 }, 1, Ct));
        AssertSame(c, await store.GetAsync(_tenant, c.Id, Ct));
    }

    [Fact]
    public async Task Moving_to_a_listing_connected_elsewhere_is_a_conflict()
    {
        var store = await CreateStoreAsync();
        var a = NewConnection(_tenant);
        var b = NewConnection(_otherTenant);
        await store.AddAsync(a, Ct);
        await store.AddAsync(b, Ct);

        await Assert.ThrowsAsync<ResourceConflictException>(() => store.UpdateAsync(a with { PlatformListingId = b.PlatformListingId, Version = 2 }, 1, Ct));
        AssertSame(a, await store.GetAsync(_tenant, a.Id, Ct));
    }

    [Fact]
    public async Task List_filters_and_never_shows_deleted_connections_or_other_tenants()
    {
        var store = await CreateStoreAsync();
        var p1 = Guid.NewGuid();
        var p2 = Guid.NewGuid();
        var a = NewConnection(_tenant, p1, createdAt: TestTime.At(1));
        var b = NewConnection(_tenant, p1, Platform.BookingCom, createdAt: TestTime.At(2)) with { Status = ConnectionStatus.Paused };
        var c = NewConnection(_tenant, p2, createdAt: TestTime.At(3));
        var deleted = NewConnection(_tenant, p1, createdAt: TestTime.At(4));
        var foreign = NewConnection(_otherTenant, p1, createdAt: TestTime.At(5));
        foreach (var x in new[] { a, b, c, deleted, foreign })
        {
            await store.AddAsync(x, Ct);
        }

        Assert.True(await store.UpdateAsync(deleted with { DeletedAt = TestTime.At(6), Version = 2 }, 1, Ct));

        Assert.Equal([a.Id, b.Id, c.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_tenant), Ct)));
        Assert.Equal([a.Id, b.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_tenant, PropertyId: p1), Ct)));
        Assert.Equal([b.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_tenant, Platform: Platform.BookingCom), Ct)));
        Assert.Equal([a.Id, c.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_tenant, Status: ConnectionStatus.Active), Ct)));
        Assert.Equal([a.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_tenant, p1, Platform.Airbnb, ConnectionStatus.Active), Ct)));
        var page = await store.ListAsync(new ChannelConnectionQuery(_tenant, PropertyId: p1), Ct);
        Assert.Equal(2, page.Total);
        Assert.Null(page.NextCursor);
        Assert.Equal([foreign.Id], Ids(await store.ListAsync(new ChannelConnectionQuery(_otherTenant), Ct)));
    }

    [Fact]
    public async Task Cursor_paging_visits_every_connection_once_in_creation_then_id_order()
    {
        var store = await CreateStoreAsync();
        var expected = await AddManyAsync(store, 23);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Limit: 5, Cursor: cursor)), Ct);
            Assert.Equal(23, page.Total);
            Assert.True(page.Items.Count is > 0 and <= 5);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Offset_paging_skips_takes_and_counts()
    {
        var store = await CreateStoreAsync();
        var expected = await AddManyAsync(store, 12);

        var middle = await store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Limit: 4, Offset: 4)), Ct);
        Assert.Equal(expected.Skip(4).Take(4), Ids(middle));
        Assert.Equal(12, middle.Total);
        Assert.NotNull(middle.NextCursor);

        // The cursor of an offset page continues right after it.
        var next = await store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Limit: 100, Cursor: middle.NextCursor)), Ct);
        Assert.Equal(expected.Skip(8), Ids(next));
        Assert.Null(next.NextCursor);

        var last = await store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Limit: 4, Offset: 8)), Ct);
        Assert.Equal(expected.Skip(8), Ids(last));
        Assert.Null(last.NextCursor);

        var beyond = await store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Limit: 4, Offset: 40)), Ct);
        Assert.Empty(beyond.Items);
        Assert.Null(beyond.NextCursor);
        Assert.Equal(12, beyond.Total);
    }

    [Fact]
    public async Task A_malformed_cursor_is_a_validation_error()
    {
        var store = await CreateStoreAsync();
        var ex = await Assert.ThrowsAsync<ChannelManagerValidationException>(() => store.ListAsync(new ChannelConnectionQuery(_tenant, Page: new PageRequest(Cursor: "not-a-cursor")), Ct));
        Assert.Contains("cursor", ex.Errors.Keys);
    }

    [Fact]
    public async Task Syncable_connections_of_a_property_exclude_paused_deleted_other_properties_and_tenants()
    {
        var store = await CreateStoreAsync();
        var p = Guid.NewGuid();
        var active = NewConnection(_tenant, p, createdAt: TestTime.At(2));
        var error = NewConnection(_tenant, p, Platform.Expedia, createdAt: TestTime.At(1)) with { Status = ConnectionStatus.Error };
        var paused = NewConnection(_tenant, p, createdAt: TestTime.At(3)) with { Status = ConnectionStatus.Paused };
        var deleted = NewConnection(_tenant, p, createdAt: TestTime.At(4));
        var otherProperty = NewConnection(_tenant, Guid.NewGuid(), createdAt: TestTime.At(5));
        var otherTenant = NewConnection(_otherTenant, p, createdAt: TestTime.At(6));
        foreach (var x in new[] { active, error, paused, deleted, otherProperty, otherTenant })
        {
            await store.AddAsync(x, Ct);
        }

        Assert.True(await store.UpdateAsync(deleted with { DeletedAt = TestTime.At(7), Version = 2 }, 1, Ct));

        var syncable = await store.GetSyncableForPropertyAsync(_tenant, p, Ct);
        Assert.Equal([error.Id, active.Id], syncable.Select(c => c.Id));
        Assert.Equal([otherTenant.Id], (await store.GetSyncableForPropertyAsync(_otherTenant, p, Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task Syncable_connections_of_every_tenant_are_paged_in_id_order_without_paused_or_deleted_ones()
    {
        var store = await CreateStoreAsync();
        var live = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            var c = NewConnection(i % 2 == 0 ? _tenant : _otherTenant, createdAt: TestTime.At(i));
            await store.AddAsync(c, Ct);
            live.Add(c.Id);
        }

        var paused = NewConnection(_tenant, createdAt: TestTime.At(10)) with { Status = ConnectionStatus.Paused };
        var deleted = NewConnection(_otherTenant, createdAt: TestTime.At(11));
        await store.AddAsync(paused, Ct);
        await store.AddAsync(deleted, Ct);
        Assert.True(await store.UpdateAsync(deleted with { DeletedAt = TestTime.At(12), Version = 2 }, 1, Ct));

        var seen = new List<Guid>();
        Guid? after = null;
        while (true)
        {
            var page = await store.ListSyncableAsync(after, 2, Ct);
            seen.AddRange(page.Select(c => c.Id));
            if (page.Count < 2)
            {
                break;
            }

            after = page[^1].Id;
        }

        live.Sort();
        Assert.Equal(live, seen.Where(live.Contains));
        Assert.DoesNotContain(paused.Id, seen);
        Assert.DoesNotContain(deleted.Id, seen);
        Assert.Equal(seen.Order(), seen);
    }

    [Fact]
    public async Task Find_by_listing_ignores_deleted_connections_and_finds_a_paused_one()
    {
        var store = await CreateStoreAsync();
        var c = NewConnection(_tenant) with { Status = ConnectionStatus.Paused };
        await store.AddAsync(c, Ct);

        var found = await store.FindByListingAsync(Platform.Airbnb, c.PlatformListingId, Ct);
        AssertSame(c, found);
        Assert.Null(await store.FindByListingAsync(Platform.BookingCom, c.PlatformListingId, Ct));
        Assert.Null(await store.FindByListingAsync(Platform.Airbnb, c.PlatformListingId + "-x", Ct));

        Assert.True(await store.UpdateAsync(c with { DeletedAt = TestTime.At(9), Version = 2 }, 1, Ct));
        Assert.Null(await store.FindByListingAsync(Platform.Airbnb, c.PlatformListingId, Ct));
    }

    private static IReadOnlyList<Guid> Ids(Page<ChannelConnection> page) => page.Items.Select(c => c.Id).ToList();

    /// <summary>Adds connections, some sharing a creation time (ordered by id then), with ids on both sides of the
    /// byte order's midpoint; returns their ids in the expected list order.</summary>
    private async Task<List<Guid>> AddManyAsync(IChannelConnectionStore store, int count)
    {
        var all = new List<ChannelConnection>();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid();
            var bytes = id.ToByteArray(bigEndian: true);
            bytes[0] = (byte)(i % 2 == 0 ? 0x1F : 0xF1);
            all.Add(NewConnection(_tenant, createdAt: TestTime.At(i / 3)) with { Id = new Guid(bytes, bigEndian: true) });
        }

        // Added in a shuffled order: the list order must come from the data.
        foreach (var c in all.OrderBy(_ => Guid.NewGuid()))
        {
            await store.AddAsync(c, Ct);
        }

        return all.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).Select(c => c.Id).ToList();
    }

    internal static ChannelConnection NewConnection(string tenant, Guid? property = null, Platform platform = Platform.Airbnb, string? listing = null, DateTimeOffset? createdAt = null) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenant,
        PropertyId = property ?? Guid.NewGuid(),
        Platform = platform,
        PlatformListingId = listing ?? "listing-" + Guid.NewGuid().ToString("N"),
        Credentials = new ChannelCredentials("token"),
        CreatedAt = createdAt ?? TestTime.At(0),
        UpdatedAt = createdAt ?? TestTime.At(0),
    };

    internal static void AssertSame(ChannelConnection expected, ChannelConnection? actual)
    {
        Assert.NotNull(actual);

        // Records compare dictionaries by reference: compare the metadata by content, the rest as a record.
        Assert.Equal(expected.PlatformMetadata.OrderBy(kv => kv.Key), actual.PlatformMetadata.OrderBy(kv => kv.Key));
        Assert.Equal(expected, actual with { PlatformMetadata = expected.PlatformMetadata });
    }
}
