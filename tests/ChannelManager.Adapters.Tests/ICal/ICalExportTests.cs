using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChannelManager.Adapters.ICal.Export;
using ChannelManager.Adapters.ICal.Import;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Calendar = Ical.Net.Calendar;

namespace ChannelManager.Adapters.Tests.ICal;

public sealed class ICalExportTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ConnectionId = Guid.Parse("0197a3c4-1111-7abc-8def-0123456789ab");
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static (ServiceProvider Provider, FakeLedger Ledger, FakeConnectionStore Store, FakeTimeProvider Time, ChannelConnection Connection) Setup()
    {
        var time = new FakeTimeProvider(Now);
        var ledger = new FakeLedger();
        ledger.Block(Today, Today.AddDays(3));
        ledger.Block(new DateOnly(2025, 6, 10), new DateOnly(2025, 6, 17));
        ledger.Block(new DateOnly(2025, 7, 4), new DateOnly(2025, 7, 5));
        var store = new FakeConnectionStore();
        var connection = ICalTestSupport.Connection("villa-1", id: ConnectionId, propertyId: Guid.Parse("0197a3c4-2222-7abc-8def-0123456789ab"));
        store.AddAsync(connection).GetAwaiter().GetResult();
        return (ICalTestSupport.Provider(time: time, ledger: ledger, store: store), ledger, store, time, connection);
    }

    private static string GoldenPath(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", "ICal", name);

    [Fact]
    public async Task Export_feed_matches_the_golden_file_byte_for_byte()
    {
        var (provider, _, _, _, connection) = Setup();
        await using var _ = provider;
        var feed = await provider.GetRequiredService<ICalFeedService>().RenderAsync(connection, TestContext.Current.CancellationToken);

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var source = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Golden", "ICal", "export-basic.ics");
            await File.WriteAllBytesAsync(source, feed.Content, TestContext.Current.CancellationToken);
        }

        var golden = await File.ReadAllBytesAsync(GoldenPath("export-basic.ics"), TestContext.Current.CancellationToken);
        Assert.Equal(Encoding.UTF8.GetString(golden), Encoding.UTF8.GetString(feed.Content));
        Assert.Equal(golden, feed.Content);
        Assert.Equal(3, feed.EventCount);
        Assert.Equal(Now, feed.LastModified);
    }

    [Fact]
    public async Task Export_feed_round_trips_through_Ical_Net_and_the_importer()
    {
        var (provider, _, _, _, connection) = Setup();
        await using var _ = provider;
        var feed = await provider.GetRequiredService<ICalFeedService>().RenderAsync(connection, TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(feed.Content);

        Assert.All(text.Split("\r\n")[..^1], line => Assert.DoesNotContain('\n', line));
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20250610\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20250617\r\n", text, StringComparison.Ordinal);

        var calendar = Calendar.Load(text)!;
        Assert.Equal("2.0", calendar.Version);
        Assert.Equal("GREGORIAN", calendar.Scale);
        Assert.Equal("-//ChannelManager//iCal feed 1.0//EN", calendar.ProductId);
        var events = calendar.Events.OrderBy(e => e.DtStart!.Date).ToArray();
        Assert.Equal(3, events.Length);
        Assert.All(events, e => Assert.False(e.DtStart!.HasTime));
        Assert.All(events, e => Assert.EndsWith("@channelmanager.ical", e.Uid, StringComparison.Ordinal));
        Assert.Equal(3, events.Select(e => e.Uid).Distinct().Count());
        Assert.Equal([(Today, Today.AddDays(3)), (new DateOnly(2025, 6, 10), new DateOnly(2025, 6, 17)), (new DateOnly(2025, 7, 4), new DateOnly(2025, 7, 5))],
            events.Select(e => (e.DtStart!.Date, e.DtEnd!.Date)).ToArray());
        Assert.All(events, e => Assert.Equal(new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc), e.DtStamp!.AsUtc));

        // Re-serialising what Ical.Net read gives the same document.
        Assert.Equal(text, new CalendarSerializer().SerializeToString(calendar));

        // Another ChannelManager importing the feed sees the same stays (ignoring nothing: other UID domain).
        var parsed = ICalFeedParser.Parse(text, Today, 100, "@elsewhere.example");
        Assert.Equal(events.Select(e => new DateRange(e.DtStart!.Date, e.DtEnd!.Date)), parsed.Select(p => p.Stay));

        // Our own importer skips its own exports (echo protection).
        Assert.Empty(ICalFeedParser.Parse(text, Today, 100, "@channelmanager.ical"));
    }

    [Fact]
    public async Task Unchanged_ledger_gives_the_same_bytes_and_ETag_and_a_grown_run_keeps_its_UID()
    {
        var (provider, ledger, _, time, connection) = Setup();
        await using var _ = provider;
        var service = provider.GetRequiredService<ICalFeedService>();
        var first = await service.RenderAsync(connection, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await service.RenderAsync(connection, TestContext.Current.CancellationToken);
        Assert.Equal(first.Content, second.Content);
        Assert.Equal(first.ETag, second.ETag);
        Assert.Equal(first.LastModified, second.LastModified);

        ledger.Block(new DateOnly(2025, 6, 17), new DateOnly(2025, 6, 19));
        var third = await service.RenderAsync(connection, TestContext.Current.CancellationToken);
        Assert.NotEqual(first.ETag, third.ETag);
        Assert.Equal(Now.AddMinutes(10), third.LastModified);
        var before = Calendar.Load(Encoding.UTF8.GetString(first.Content))!.Events.Single(e => e.DtStart!.Date == new DateOnly(2025, 6, 10));
        var after = Calendar.Load(Encoding.UTF8.GetString(third.Content))!.Events.Single(e => e.DtStart!.Date == new DateOnly(2025, 6, 10));
        Assert.Equal(before.Uid, after.Uid);
        Assert.Equal(new DateOnly(2025, 6, 19), after.DtEnd!.Date);
    }

    [Fact]
    public async Task Feed_endpoint_serves_the_right_token_and_answers_404_to_a_wrong_one()
    {
        var (provider, _, store, _, connection) = Setup();
        await using var _ = provider;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IInventoryLedger>(provider.GetRequiredService<IInventoryLedger>());
        builder.Services.AddSingleton<IChannelConnectionStore>(store);
        builder.Services.AddSingleton<TimeProvider>(provider.GetRequiredService<TimeProvider>());
        new Infrastructure.TestChannelManagerBuilder(builder.Services).AddICal(o =>
        {
            o.FeedSigningKey = ICalTestSupport.SigningKey;
            o.PollInterval = TimeSpan.Zero;
        });
        await using var app = builder.Build();
        app.MapChannelManagerICalFeeds();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient();
        var feeds = app.Services.GetRequiredService<ICalFeedService>();
        var url = feeds.GetFeedUrl(connection, new Uri(address, "/ical"));
        Assert.DoesNotContain(ICalTestSupport.SigningKey, url.AbsoluteUri, StringComparison.Ordinal);

        using var ok = await http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/calendar", ok.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(ok.Headers.ETag);
        Assert.Equal(Now, ok.Content.Headers.LastModified);
        var golden = await File.ReadAllBytesAsync(GoldenPath("export-basic.ics"), TestContext.Current.CancellationToken);
        Assert.Equal(golden, await ok.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(ok.Headers.ETag!);
        using var notModified = await http.SendAsync(conditional, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var sinceRequest = new HttpRequestMessage(HttpMethod.Get, url);
        sinceRequest.Headers.IfModifiedSince = Now;
        using var sinceResponse = await http.SendAsync(sinceRequest, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, sinceResponse.StatusCode);

        var path = url.AbsolutePath;
        var token = path[(path.LastIndexOf('/') + 1)..^4];
        var wrongToken = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        foreach (var bad in new[]
                 {
                     path.Replace(token, wrongToken, StringComparison.Ordinal),
                     path.Replace(token, "x", StringComparison.Ordinal),
                     path.Replace("tenant-1", "tenant-2", StringComparison.Ordinal),
                     path.Replace(ConnectionId.ToString("D"), Guid.NewGuid().ToString("D"), StringComparison.Ordinal),
                     $"/ical/tenant-1/{ConnectionId:D}.ics",
                 })
        {
            using var rejected = await http.GetAsync(new Uri(address, bad), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, rejected.StatusCode);
            Assert.DoesNotContain("BEGIN:VCALENDAR", await rejected.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // Rotating one connection's feed version revokes its old URL.
        await store.AddAsync(connection with { PlatformMetadata = new Dictionary<string, string> { ["ical_feed_version"] = "2" } }, TestContext.Current.CancellationToken);
        using var revoked = await http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
