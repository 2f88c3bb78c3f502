using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.FewoDirekt;

/// <summary>Credentials, ids and connections of the FeWo-direkt tests.</summary>
internal static class FewoDirektTestData
{
    public const string FeedUsername = "vrbo-pull";
    public const string FeedPassword = "feed-password-0123456789";

    public static readonly DateTimeOffset Now = new(2030, 2, 25, 8, 30, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static ChannelConnection Connection(string listingId, string? advertiserId = "adv-1", string tenantId = "tenant-a", Guid? propertyId = null, string? unitId = null, string? currency = "EUR", DateTimeOffset? createdAt = null)
    {
        var metadata = new Dictionary<string, string>();
        if (advertiserId is not null)
        {
            metadata[FewoDirektMetadataKeys.AdvertiserId] = advertiserId;
        }

        if (unitId is not null)
        {
            metadata[FewoDirektMetadataKeys.UnitExternalId] = unitId;
        }

        if (currency is not null)
        {
            metadata[FewoDirektMetadataKeys.Currency] = currency;
        }

        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            PropertyId = propertyId ?? Guid.NewGuid(),
            Platform = Platform.FewoDirekt,
            PlatformListingId = listingId,
            Credentials = new ChannelCredentials("unused"),
            PlatformMetadata = metadata,
            CreatedAt = createdAt ?? Now.AddDays(-1),
            UpdatedAt = createdAt ?? Now.AddDays(-1),
        };
    }

    public static AuthenticationHeaderValue Basic(string user = FeedUsername, string password = FeedPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));

    public static WebhookRequest Webhook(string body, string? authorization = null) => new()
    {
        Headers = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization },
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = "application/xml",
        ReceivedAt = Now,
    };
}

/// <summary>A ledger holding the nights a test sets per tenant and property; untouched nights are free, without rate.</summary>
internal sealed class FewoLedger : IInventoryLedger
{
    private readonly Dictionary<(string Tenant, Guid Property, DateOnly Date), AriDay> _days = [];

    public void Set(string tenantId, Guid propertyId, AriDay day)
    {
        lock (_days)
        {
            _days[(tenantId, propertyId, day.Date)] = day;
        }
    }

    public void Close(string tenantId, Guid propertyId, DateOnly from, DateOnly toExclusive)
    {
        for (var d = from; d < toExclusive; d = d.AddDays(1))
        {
            lock (_days)
            {
                var day = _days.GetValueOrDefault((tenantId, propertyId, d)) ?? new AriDay { Date = d, AvailableUnits = 1 };
                _days[(tenantId, propertyId, d)] = day with { AvailableUnits = 0 };
            }
        }
    }

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default)
    {
        lock (_days)
        {
            IReadOnlyList<AriDay> days = range.EachNight().Select(d => _days.GetValueOrDefault((tenantId, propertyId, d)) ?? new AriDay { Date = d, AvailableUnits = 1 }).ToArray();
            return Task.FromResult(days);
        }
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A connection store over the connections a test adds, with the engine's cross-tenant lookups.</summary>
internal sealed class FewoConnectionStore : IChannelConnectionStore
{
    private readonly List<ChannelConnection> _connections = [];

    public Task AddAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return Task.CompletedTask;
    }

    public Task<ChannelConnection?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            return Task.FromResult(_connections.FirstOrDefault(c => c.TenantId == tenantId && c.Id == id));
        }
    }

    public Task<IReadOnlyList<ChannelConnection>> ListSyncableAsync(Guid? afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            IReadOnlyList<ChannelConnection> page = _connections.Where(c => c.IsSyncable && (afterId is null || c.Id.CompareTo(afterId.Value) > 0)).OrderBy(c => c.Id).Take(limit).ToArray();
            return Task.FromResult(page);
        }
    }

    public Task<ChannelConnection?> FindBySubListingOfAsync(Platform platform, string parentListingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ChannelConnection?> FindByListingAsync(Platform platform, string platformListingId, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            return Task.FromResult(_connections.Where(c => c.Platform == platform && c.PlatformListingId == platformListingId && c.DeletedAt is null)
                .OrderByDescending(c => c.IsSyncable).ThenBy(c => c.CreatedAt).FirstOrDefault());
        }
    }

    public Task<bool> UpdateAsync(ChannelConnection connection, long expectedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ChannelConnection>> GetSyncableForPropertyAsync(string tenantId, Guid propertyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>
/// A host on loopback with the FeWo-direkt adapter registered and its feeds mapped the way a host does it, plus
/// <c>POST /webhooks/fewo-direkt</c> doing what the engine's webhook endpoint does with the adapter (verify, parse,
/// reply). Fake clock, fake ledger and connection store.
/// </summary>
internal sealed class FewoFeedHost : IAsyncDisposable
{
    private FewoFeedHost(WebApplication app, Uri baseAddress, FewoLedger ledger, FewoConnectionStore store, FakeTimeProvider time, List<WebhookNotification> received)
    {
        App = app;
        BaseAddress = baseAddress;
        Ledger = ledger;
        Store = store;
        Time = time;
        Received = received;
        Client = new HttpClient { BaseAddress = baseAddress };
        Client.DefaultRequestHeaders.Authorization = FewoDirektTestData.Basic();
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public FewoLedger Ledger { get; }

    public FewoConnectionStore Store { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>A client with the right credentials.</summary>
    public HttpClient Client { get; }

    public IChannelAdapter Adapter => App.Services.GetServices<IChannelAdapter>().Single();

    public Uri FeedUrl => new(BaseAddress, "fewo-direkt/advertisers");

    public Uri WebhookUrl => new(BaseAddress, "webhooks/fewo-direkt");

    /// <summary>The notifications <c>POST /webhooks/fewo-direkt</c> accepted.</summary>
    public List<WebhookNotification> Received { get; }

    public static async Task<FewoFeedHost> StartAsync(Action<FewoDirektOptions>? configure = null)
    {
        var ledger = new FewoLedger();
        var store = new FewoConnectionStore();
        var time = new FakeTimeProvider(FewoDirektTestData.Now);
        var received = new List<WebhookNotification>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IInventoryLedger>(ledger);
        builder.Services.AddSingleton<IChannelConnectionStore>(store);
        builder.Services.AddSingleton<TimeProvider>(time);
        new TestChannelManagerBuilder(builder.Services).AddFewoDirekt(o =>
        {
            o.FeedUsername = FewoDirektTestData.FeedUsername;
            o.FeedPassword = FewoDirektTestData.FeedPassword;
            configure?.Invoke(o);
        });
        var app = builder.Build();
        app.MapChannelManagerFewoDirektFeeds();
        app.MapPost("/webhooks/fewo-direkt", async (HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var request = new WebhookRequest
            {
                Headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                Body = body.ToArray(),
                ReceivedAt = FewoDirektTestData.Now,
            };
            var adapter = http.RequestServices.GetServices<IChannelAdapter>().Single();
            if (!adapter.VerifyWebhook(request).IsAuthentic)
            {
                return Results.StatusCode(401);
            }

            var notification = adapter.ParseWebhook(request);
            lock (received)
            {
                received.Add(notification);
            }

            var reply = ((IWebhookReplyWriter)adapter).CreateReply(request, duplicate: false)!;
            return Results.Text(reply.Content, reply.ContentType);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        return new FewoFeedHost(app, new Uri(address.TrimEnd('/') + "/"), ledger, store, time, received);
    }

    public async Task<ChannelConnection> AddAsync(ChannelConnection connection)
    {
        await Store.AddAsync(connection);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
