using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Inbound;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Engine.Tests.CrashSafety;

/// <summary>
/// "A crash at any step loses nothing": a platform booking arrives by webhook (the inbox fetches it and
/// <see cref="BookingImporter"/> imports it: publish the booking event, write the ledger, call the PMS sink, mark the
/// version imported, mark the inbox entry done), and one step fails once. Afterwards the ledger holds the version once,
/// the event was published and fanned out (the other platform shows the nights closed, the old nights of a
/// modification open), and the sink received the version's idempotency key exactly once. Versions: an older version
/// arriving late changes nothing; a modification and a cancellation supersede.
/// </summary>
public sealed class ImportCrashSafetyTests
{
    private const string Tenant = "t";
    private const string SourceListing = "A";
    private const string OtherListing = "E";

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(EngineHost Host, RecordingAdapter Source, RecordingAdapter Other, CountingPmsBookingSink Sink, InjectedImportFaults Faults, ChannelConnection Connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Host.DisposeAsync();
    }

    private static async Task<Setup> StartAsync()
    {
        var source = new RecordingAdapter(Platform.Airbnb);
        var other = new RecordingAdapter(Platform.Expedia);
        var sink = new CountingPmsBookingSink();
        var faults = new InjectedImportFaults();
        var host = await EngineHost.StartAsync(
            o => o.InboxPollInterval = TimeSpan.FromMilliseconds(50),
            [source, other],
            s => s.AddSingleton<IPmsBookingSink>(sink),
            faults.Decorate);
        var service = host.Get<ChannelConnectionService>();
        var property = Guid.NewGuid();
        var connection = await service.CreateAsync(Tenant, new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = SourceListing, AccessToken = "x" }, Ct);
        await service.CreateAsync(Tenant, new NewChannelConnection { PropertyId = property, PlatformType = "expedia", PlatformListingId = OtherListing, AccessToken = "x" }, Ct);
        await Eventually.TrueAsync(() => other.IsOpen(OtherListing, Today.AddDays(20)) && source.IsOpen(SourceListing, Today.AddDays(20)), "both platforms got their initial calendar");
        return new Setup(host, source, other, sink, faults, connection);
    }

    private static PlatformReservation Version(string code, int firstNight, int nights, int minutes, BookingStatus status = BookingStatus.Confirmed) => new()
    {
        Platform = Platform.Airbnb,
        ConfirmationCode = code,
        ListingId = SourceListing,
        Stay = new DateRange(Today.AddDays(firstNight), Today.AddDays(firstNight + nights)),
        Status = status,
        UpdatedAt = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero).AddMinutes(minutes),
    };

    private static string KeyOf(PlatformReservation r) =>
        $"{BookingImporter.BookingIdOf(r)}:{r.UpdatedAt!.Value.ToUnixTimeMilliseconds()}:{r.Status}:{r.Stay.Start:yyyyMMdd}-{r.Stay.End:yyyyMMdd}";

    private static Guid ProcessedIdOf(string step, PlatformReservation r) => BookingImporter.DeterministicGuid($"{step}:{Tenant}:{KeyOf(r)}");

    /// <summary>The platform now serves this version of the reservation, and notifies it (a webhook that names it).</summary>
    private static async Task NotifyAsync(Setup s, PlatformReservation version, string delivery, WebhookIngestionOutcome expected = WebhookIngestionOutcome.Accepted)
    {
        lock (s.Source.Reservations)
        {
            s.Source.Reservations.RemoveAll(r => r.ConfirmationCode == version.ConfirmationCode);
            s.Source.Reservations.Add(version);
        }

        var request = new WebhookRequest
        {
            Headers = new Dictionary<string, string> { ["X-Test-Secret"] = "s3cret", ["X-Delivery"] = delivery },
            Body = System.Text.Encoding.UTF8.GetBytes($"{SourceListing}|{version.ConfirmationCode}"),
            ReceivedAt = DateTimeOffset.UtcNow,
        };
        var result = await s.Host.Get<WebhookIngestionService>().IngestAsync(Platform.Airbnb, request, Ct);
        Assert.Equal(expected, result.Outcome);
    }

    private static async Task<bool> InboxIsEmptyAsync(Setup s) =>
        (await s.Host.Get<IWebhookInbox>().GetBacklogAsync(Ct)).Values.Sum() == 0;

    private static bool ClosedOnOther(Setup s, DateRange stay) => Nights(stay).All(n => s.Other.IsClosed(OtherListing, n));

    private static bool OpenOnOther(Setup s, DateRange stay) => Nights(stay).All(n => s.Other.IsOpen(OtherListing, n));

    private static IEnumerable<DateOnly> Nights(DateRange stay)
    {
        for (var n = stay.Start; n < stay.End; n = n.AddDays(1))
        {
            yield return n;
        }
    }

    private static void Arm(Setup s, ImportFault fault, PlatformReservation version)
    {
        switch (fault)
        {
            case ImportFault.PublishFails: s.Faults.FailPublishOnce(); break;
            case ImportFault.LedgerWriteFails: s.Faults.FailLedgerWriteOnce(); break;
            case ImportFault.StopAfterLedgerWrite: s.Faults.StopAfterLedgerWriteOnce(); break;
            case ImportFault.SinkThrows: s.Sink.FailNext(1); break;
            case ImportFault.StopBeforeMarkedImported: s.Faults.FailMarkOnce(ProcessedIdOf("import", version)); break;
            case ImportFault.StopBeforeInboxEntryDone: s.Faults.FailInboxDoneOnce(); break;
        }
    }

    [Theory]
    [InlineData(ImportFault.PublishFails)]
    [InlineData(ImportFault.LedgerWriteFails)]
    [InlineData(ImportFault.StopAfterLedgerWrite)]
    [InlineData(ImportFault.SinkThrows)]
    [InlineData(ImportFault.StopBeforeMarkedImported)]
    [InlineData(ImportFault.StopBeforeInboxEntryDone)]
    public async Task A_new_booking_interrupted_at_any_step_is_imported_once_after_the_retry(ImportFault fault)
    {
        await using var s = await StartAsync();
        var v1 = Version("HMNEW" + (int)fault, 10, 3, 0);
        Arm(s, fault, v1);

        await NotifyAsync(s, v1, "d-1");

        await Eventually.TrueAsync(async () => await InboxIsEmptyAsync(s) && ClosedOnOther(s, v1.Stay) && s.Sink.CallsFor(BookingImporter.BookingIdOf(v1)).Count > 0, "the retried import completed and fanned out", 15_000);
        await AssertImportedOnceAsync(s, v1);
        await Eventually.TrueAsync(() => Nights(v1.Stay).All(n => !s.Source.IsOpen(SourceListing, n)), "the source platform is told the nights it sold are closed, like every other");
    }

    [Theory]
    [InlineData(ImportFault.PublishFails)]
    [InlineData(ImportFault.LedgerWriteFails)]
    [InlineData(ImportFault.StopAfterLedgerWrite)]
    [InlineData(ImportFault.SinkThrows)]
    [InlineData(ImportFault.StopBeforeMarkedImported)]
    [InlineData(ImportFault.StopBeforeInboxEntryDone)]
    public async Task A_modification_interrupted_at_any_step_still_moves_the_closed_nights(ImportFault fault)
    {
        await using var s = await StartAsync();
        var v1 = Version("HMMOD" + (int)fault, 10, 3, 0);
        await NotifyAsync(s, v1, "d-1");
        await Eventually.TrueAsync(async () => await InboxIsEmptyAsync(s) && ClosedOnOther(s, v1.Stay), "the booking was imported");

        var v2 = Version(v1.ConfirmationCode, 20, 2, 5);
        Arm(s, fault, v2);
        await NotifyAsync(s, v2, "d-2");

        await Eventually.TrueAsync(async () => await InboxIsEmptyAsync(s) && ClosedOnOther(s, v2.Stay) && OpenOnOther(s, v1.Stay), "the old nights reopened and the new ones closed on the other platform", 15_000);
        await AssertImportedOnceAsync(s, v2);
        Assert.Single(s.Sink.CallsFor(BookingImporter.BookingIdOf(v1)), c => c.IdempotencyKey == KeyOf(v1));
    }

    [Fact]
    public async Task A_stop_between_the_sink_and_its_record_delivers_the_version_again_with_the_same_key()
    {
        await using var s = await StartAsync();
        var v1 = Version("HMWINDOW", 10, 2, 0);
        s.Faults.FailMarkOnce(ProcessedIdOf("sink", v1));

        await NotifyAsync(s, v1, "d-1");

        await Eventually.TrueAsync(async () => await InboxIsEmptyAsync(s) && s.Sink.CallsFor(BookingImporter.BookingIdOf(v1)).Count == 2, "the version was delivered again after the stop", 15_000);
        var calls = s.Sink.CallsFor(BookingImporter.BookingIdOf(v1));
        Assert.Equal([KeyOf(v1), KeyOf(v1)], calls.Select(c => c.IdempotencyKey));
        Assert.Equal(calls[0] with { Reservation = calls[1].Reservation }, calls[1]);
        Assert.Equal(v1.Stay, (await s.Host.Get<IInventoryLedger>().GetBookingAsync(Tenant, BookingImporter.BookingIdOf(v1), Ct))!.Stay);
    }

    [Fact]
    public async Task The_same_webhook_delivered_five_times_imports_once()
    {
        await using var s = await StartAsync();
        var v1 = Version("HMFIVE", 10, 2, 0);
        for (var i = 0; i < 5; i++)
        {
            // The platform's retries of one delivery, and four other deliveries of the same news: one inbox entry, then repeats the importer drops.
            await NotifyAsync(s, v1, i < 3 ? "d-same" : "d-" + i, i is 1 or 2 ? WebhookIngestionOutcome.Duplicate : WebhookIngestionOutcome.Accepted);
        }

        await Eventually.TrueAsync(async () => await InboxIsEmptyAsync(s) && ClosedOnOther(s, v1.Stay), "imported");
        await AssertImportedOnceAsync(s, v1);
    }

    [Fact]
    public async Task Versions_supersede_in_order_and_a_late_older_version_changes_nothing()
    {
        await using var s = await StartAsync();
        var importer = s.Host.Get<BookingImporter>();
        var ledger = s.Host.Get<IInventoryLedger>();
        var v1 = Version("HMVERS", 10, 3, 0);
        var v2 = Version(v1.ConfirmationCode, 20, 2, 5);
        var v3 = Version(v1.ConfirmationCode, 20, 2, 9, BookingStatus.Cancelled);
        var id = BookingImporter.BookingIdOf(v1);

        Assert.True(await importer.ImportAsync(s.Connection, v1, "test", Ct));
        await Eventually.TrueAsync(() => ClosedOnOther(s, v1.Stay), "confirmed: closed on the other platform");

        Assert.True(await importer.ImportAsync(s.Connection, v2, "test", Ct));
        await Eventually.TrueAsync(() => ClosedOnOther(s, v2.Stay) && OpenOnOther(s, v1.Stay), "modified: the closed nights moved");

        Assert.False(await importer.ImportAsync(s.Connection, v1, "test", Ct));
        Assert.Equal(v2.Stay, (await ledger.GetBookingAsync(Tenant, id, Ct))!.Stay);

        Assert.True(await importer.ImportAsync(s.Connection, v3, "test", Ct));
        await Eventually.TrueAsync(() => OpenOnOther(s, v2.Stay) && OpenOnOther(s, v1.Stay), "cancelled: every night open again");

        Assert.False(await importer.ImportAsync(s.Connection, v2, "test", Ct));
        Assert.False(await importer.ImportAsync(s.Connection, v1, "test", Ct));
        var stored = (await ledger.GetBookingAsync(Tenant, id, Ct))!;
        Assert.Equal((BookingStatus.Cancelled, v3.UpdatedAt!.Value.ToUnixTimeMilliseconds()), (stored.Status, stored.Version));
        await Task.Delay(200, Ct);
        Assert.True(OpenOnOther(s, v2.Stay), "the late versions reopened or closed nothing");
        Assert.Equal([KeyOf(v1), KeyOf(v2), KeyOf(v3)], s.Sink.CallsFor(id).Select(c => c.IdempotencyKey));
    }

    private static async Task AssertImportedOnceAsync(Setup s, PlatformReservation version)
    {
        var id = BookingImporter.BookingIdOf(version);
        var stored = await s.Host.Get<IInventoryLedger>().GetBookingAsync(Tenant, id, Ct);
        Assert.NotNull(stored);
        Assert.Equal((version.Stay, version.Status, version.UpdatedAt!.Value.ToUnixTimeMilliseconds()), (stored.Stay, stored.Status, stored.Version));

        // The ledger counts the booking once: each of its nights has exactly one unit taken.
        var days = await s.Host.Get<IInventoryLedger>().GetAriAsync(Tenant, s.Connection.PropertyId, version.Stay, Ct);
        Assert.All(days, d => Assert.Equal(d.TotalUnits - 1, d.AvailableUnits));

        var eventId = ProcessedIdOf("event", version);
        Assert.True(s.Faults.Published.ContainsKey(eventId), "the booking event was published");
        Assert.True(await s.Host.Get<ChannelManager.Events.IProcessedEventStore>().IsProcessedAsync(eventId, Ct), "and handled");
        Assert.Single(s.Sink.CallsFor(id), c => c.IdempotencyKey == KeyOf(version));
    }
}
