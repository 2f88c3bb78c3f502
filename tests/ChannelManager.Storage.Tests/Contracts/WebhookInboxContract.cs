using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;

namespace ChannelManager.Storage.Tests.Contracts;

/// <summary>What every <see cref="IWebhookInbox"/> must do; run against each implementation (each test on an empty inbox).</summary>
public abstract class WebhookInboxContract
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IWebhookInbox> CreateStoreAsync();

    [Fact]
    public async Task Duplicates_are_refused_per_platform_and_key()
    {
        var inbox = await CreateStoreAsync();
        Assert.True(await inbox.TryAddAsync(Entry(Platform.Airbnb, "delivery-1"), Ct));
        Assert.False(await inbox.TryAddAsync(Entry(Platform.Airbnb, "delivery-1"), Ct));
        Assert.True(await inbox.TryAddAsync(Entry(Platform.BookingCom, "delivery-1"), Ct));
        Assert.True(await inbox.TryAddAsync(Entry(Platform.Airbnb, "delivery-2"), Ct));

        Assert.Equal(3, (await inbox.GetDueAsync(100, TestTime.At(1_000), Ct)).Count);
    }

    [Fact]
    public async Task Due_entries_are_pending_ones_whose_time_has_come_oldest_first()
    {
        var inbox = await CreateStoreAsync();
        var third = Entry(Platform.Airbnb, "c", receivedAt: TestTime.At(30));
        var first = Entry(Platform.Airbnb, "a", receivedAt: TestTime.At(10));
        var later = Entry(Platform.Airbnb, "later", receivedAt: TestTime.At(5)) with { NextAttemptAt = TestTime.At(500) };
        var second = Entry(Platform.Expedia, "b", receivedAt: TestTime.At(20));
        foreach (var e in new[] { third, first, later, second })
        {
            Assert.True(await inbox.TryAddAsync(e, Ct));
        }

        Assert.Equal([first.Id, second.Id, third.Id], (await inbox.GetDueAsync(10, TestTime.At(100), Ct)).Select(e => e.Id));
        Assert.Equal([first.Id, second.Id], (await inbox.GetDueAsync(2, TestTime.At(100), Ct)).Select(e => e.Id));
        Assert.Equal([later.Id, first.Id, second.Id, third.Id], (await inbox.GetDueAsync(10, TestTime.At(500), Ct)).Select(e => e.Id));
        Assert.Empty(await inbox.GetDueAsync(10, TestTime.At(0), Ct));
    }

    [Fact]
    public async Task The_notification_round_trips_with_its_reservation()
    {
        var inbox = await CreateStoreAsync();
        var entry = Entry(Platform.BookingCom, "full") with
        {
            Notification = new WebhookNotification
            {
                Platform = Platform.BookingCom,
                DeliveryId = "full",
                Kind = WebhookNotificationKind.ReservationModified,
                ListingId = "hotel-1/room-2",
                ConfirmationCode = "BK-42",
                PlatformEventName = "reservation_modified",
                Reservation = new PlatformReservation
                {
                    Platform = Platform.BookingCom,
                    ConfirmationCode = "BK-42",
                    ListingId = "hotel-1/room-2",
                    Stay = new DateRange(new DateOnly(2025, 8, 1), new DateOnly(2025, 8, 4)),
                    Status = BookingStatus.Cancelled,
                    NumberOfGuests = 3,
                    Guest = new GuestDetails("Zoë", "Müller", "z@example.com", "+49 1"),
                    TotalAmount = 412.50m,
                    Currency = "EUR",
                    UpdatedAt = new DateTimeOffset(2025, 7, 1, 9, 30, 15, 123, TimeSpan.FromHours(-5)).AddTicks(4567),
                },
            },
        };
        Assert.True(await inbox.TryAddAsync(entry, Ct));

        var stored = Assert.Single(await inbox.GetDueAsync(10, TestTime.At(1_000), Ct));
        Assert.Equal(entry, stored);
        Assert.Equal(entry.Notification.Reservation!.Stay, stored.Notification.Reservation!.Stay);
    }

    [Fact]
    public async Task Processed_entries_leave_the_due_list_and_still_deduplicate()
    {
        var inbox = await CreateStoreAsync();
        var entry = Entry(Platform.Airbnb, "once") with { Attempts = 2, LastError = "earlier failure" };
        Assert.True(await inbox.TryAddAsync(entry, Ct));

        await inbox.MarkProcessedAsync(entry.Id, "tenant-of-the-listing", Ct);

        Assert.Empty(await inbox.GetDueAsync(10, TestTime.At(1e9), Ct));
        Assert.False(await inbox.TryAddAsync(Entry(Platform.Airbnb, "once"), Ct));
        Assert.Empty(await inbox.GetBacklogAsync(Ct));
    }

    [Fact]
    public async Task A_failed_entry_counts_the_attempt_and_waits_until_its_next_attempt()
    {
        var inbox = await CreateStoreAsync();
        var entry = Entry(Platform.Airbnb, "retry");
        Assert.True(await inbox.TryAddAsync(entry, Ct));

        await inbox.MarkFailedAsync(entry.Id, "no connection yet", TestTime.At(60_000), Ct);
        Assert.Empty(await inbox.GetDueAsync(10, TestTime.At(59_999), Ct));
        var due = Assert.Single(await inbox.GetDueAsync(10, TestTime.At(60_000), Ct));
        Assert.Equal(entry with { Attempts = 1, LastError = "no connection yet", NextAttemptAt = TestTime.At(60_000) }, due);

        await inbox.MarkFailedAsync(entry.Id, "still failing", TestTime.At(120_000), Ct);
        Assert.Equal(2, Assert.Single(await inbox.GetDueAsync(10, TestTime.At(120_000), Ct)).Attempts);
        Assert.Equal(1, (await inbox.GetBacklogAsync(Ct))[Platform.Airbnb]);
    }

    [Fact]
    public async Task A_parked_entry_waits_for_its_recheck_until_its_unmapped_reservation_requeues_it()
    {
        var inbox = await CreateStoreAsync();
        var parked = Entry(Platform.Airbnb, "parked");
        var other = Entry(Platform.Airbnb, "other");
        var done = Entry(Platform.Airbnb, "done");
        foreach (var e in new[] { parked, other, done })
        {
            Assert.True(await inbox.TryAddAsync(e, Ct));
        }

        var record = Guid.NewGuid();
        await inbox.ParkAsync(parked.Id, record, "no connection", TestTime.At(3_600_000), Ct);
        await inbox.ParkAsync(other.Id, Guid.NewGuid(), "no connection", TestTime.At(3_600_000), Ct);
        await inbox.ParkAsync(done.Id, record, "no connection", TestTime.At(3_600_000), Ct);
        await inbox.MarkProcessedAsync(done.Id, "t", Ct);
        Assert.Empty(await inbox.GetDueAsync(10, TestTime.At(60_000), Ct));
        Assert.Equal(2, (await inbox.GetBacklogAsync(Ct))[Platform.Airbnb]);

        Assert.Equal(1, await inbox.RequeueParkedAsync(record, TestTime.At(60_000), Ct));
        var due = Assert.Single(await inbox.GetDueAsync(10, TestTime.At(60_000), Ct));
        Assert.Equal(parked with { Attempts = 1, LastError = "no connection", NextAttemptAt = TestTime.At(60_000), ParkedFor = record }, due);
        Assert.Equal(0, await inbox.RequeueParkedAsync(Guid.NewGuid(), TestTime.At(60_000), Ct));
        await inbox.ParkAsync(Guid.NewGuid(), record, "unknown entry", TestTime.At(1), Ct);
    }

    [Fact]
    public async Task The_backlog_counts_pending_entries_per_platform()
    {
        var inbox = await CreateStoreAsync();
        var done = Entry(Platform.Airbnb, "done");
        foreach (var e in new[] { Entry(Platform.Airbnb, "1"), Entry(Platform.Airbnb, "2") with { NextAttemptAt = TestTime.At(99_999) }, done, Entry(Platform.Google, "3") })
        {
            await inbox.TryAddAsync(e, Ct);
        }

        await inbox.MarkProcessedAsync(done.Id, "t", Ct);

        var backlog = await inbox.GetBacklogAsync(Ct);
        Assert.Equal(2, backlog.Count);
        Assert.Equal(2, backlog[Platform.Airbnb]);
        Assert.Equal(1, backlog[Platform.Google]);
    }

    [Fact]
    public async Task Marking_an_unknown_entry_does_nothing()
    {
        var inbox = await CreateStoreAsync();
        await inbox.MarkProcessedAsync(Guid.NewGuid(), null, Ct);
        await inbox.MarkFailedAsync(Guid.NewGuid(), "x", TestTime.At(1), Ct);
        Assert.Empty(await inbox.GetBacklogAsync(Ct));
    }

    protected static WebhookInboxEntry Entry(Platform platform, string key, DateTimeOffset? receivedAt = null) => new()
    {
        Id = Guid.CreateVersion7(),
        Platform = platform,
        DedupeKey = key,
        Notification = new WebhookNotification { Platform = platform, Kind = WebhookNotificationKind.ReservationCreated, ListingId = "l-1", ConfirmationCode = "C-" + key, DeliveryId = key },
        ReceivedAt = receivedAt ?? TestTime.At(0),
        NextAttemptAt = receivedAt ?? TestTime.At(0),
    };
}
