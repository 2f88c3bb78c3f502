using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Adapters.ICal;
using ChannelManager.Adapters.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Adapters.Tests.ICal;

internal static class ICalTestSupport
{
    public const string SigningKey = "ical-test-signing-key-0123456789abcdef";

    public static ChannelConnection Connection(string listingId, string? feedUrl = null, Guid? id = null, string tenantId = "tenant-1", Guid? propertyId = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        TenantId = tenantId,
        PropertyId = propertyId ?? Guid.NewGuid(),
        Platform = Platform.ICal,
        PlatformListingId = listingId,
        Credentials = new ChannelCredentials(string.Empty),
        PlatformMetadata = feedUrl is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["ical_url"] = feedUrl },
        CreatedAt = DateTimeOffset.UtcNow,
        UpdatedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A provider with AddICal registered the way a host does, on fake stores.</summary>
    public static ServiceProvider Provider(Action<ICalOptions>? configure = null, TimeProvider? time = null, FakeLedger? ledger = null, FakeConnectionStore? store = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton<IInventoryLedger>(ledger ?? new FakeLedger());
        services.AddSingleton<IChannelConnectionStore>(store ?? new FakeConnectionStore());
        new TestChannelManagerBuilder(services).AddICal(o =>
        {
            o.FeedSigningKey = SigningKey;
            o.AllowInsecureHttp = true;
            o.RequestTimeout = TimeSpan.FromSeconds(30); // generous: a loaded 2-core CI machine is slow, not broken
            o.PollInterval = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static IChannelAdapter Adapter(this IServiceProvider provider) =>
        provider.GetServices<IChannelAdapter>().Single(a => a.Platform == Platform.ICal);
}

/// <summary>A ledger whose nights are free except the ones blocked by a test.</summary>
internal sealed class FakeLedger : IInventoryLedger
{
    private readonly HashSet<DateOnly> _blocked = [];

    public void Block(DateOnly from, DateOnly toExclusive)
    {
        for (var d = from; d < toExclusive; d = d.AddDays(1))
        {
            lock (_blocked)
            {
                _blocked.Add(d);
            }
        }
    }

    public Task<IReadOnlyList<AriDay>> GetAriAsync(string tenantId, Guid propertyId, DateRange range, CancellationToken cancellationToken = default)
    {
        lock (_blocked)
        {
            IReadOnlyList<AriDay> days = range.EachNight().Select(d => new AriDay { Date = d, AvailableUnits = _blocked.Contains(d) ? 0 : 1, Rate = 100m }).ToArray();
            return Task.FromResult(days);
        }
    }

    public Task<BookingApplyResult> ApplyBookingAsync(Booking booking, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Booking?> GetBookingAsync(string tenantId, string bookingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DateRange>> SetRateAsync(string tenantId, Guid propertyId, DateRange range, RateChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<DateRange>> SetAvailabilityAsync(string tenantId, Guid propertyId, DateRange range, AvailabilityChange change, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}

/// <summary>A connection store holding the connections a test adds.</summary>
internal sealed class FakeConnectionStore : IChannelConnectionStore
{
    private readonly Dictionary<(string, Guid), ChannelConnection> _connections = [];

    public Task AddAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            _connections[(connection.TenantId, connection.Id)] = connection;
        }

        return Task.CompletedTask;
    }

    public Task<ChannelConnection?> GetAsync(string tenantId, Guid id, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            return Task.FromResult(_connections.TryGetValue((tenantId, id), out var c) ? c : null);
        }
    }

    public Task<IReadOnlyList<ChannelConnection>> ListSyncableAsync(Guid? afterId, int limit, CancellationToken cancellationToken = default)
    {
        lock (_connections)
        {
            IReadOnlyList<ChannelConnection> page = _connections.Values.Where(c => c.IsSyncable && (afterId is null || c.Id.CompareTo(afterId.Value) > 0)).OrderBy(c => c.Id).Take(limit).ToArray();
            return Task.FromResult(page);
        }
    }

    public Task<bool> UpdateAsync(ChannelConnection connection, long expectedVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Page<ChannelConnection>> ListAsync(ChannelConnectionQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ChannelConnection>> GetSyncableForPropertyAsync(string tenantId, Guid propertyId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ChannelConnection?> FindByListingAsync(Platform platform, string platformListingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ChannelConnection?> FindBySubListingOfAsync(Platform platform, string parentListingId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
