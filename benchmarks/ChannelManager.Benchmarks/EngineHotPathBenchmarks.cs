using BenchmarkDotNet.Attributes;
using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Benchmarks;

/// <summary>
/// The engine's hot path on embedded defaults: an event applied to the inventory ledger and fanned out as dirty
/// ranges to every other connection of the property (the dispatcher is not running, so this measures the
/// in-process cost per event, without platform calls).
/// </summary>
[MemoryDiagnoser]
public class EngineHotPathBenchmarks
{
    private const string Tenant = "bench";
    private readonly Guid _property = Guid.NewGuid();
    private ServiceProvider _services = null!;
    private SyncEngine _engine = null!;
    private EventEnvelope[] _pricing = null!;
    private EventEnvelope[] _bookings = null!;
    private Guid _source;
    private int _next;

    /// <summary>Connections of the property (one per platform).</summary>
    [Params(5)]
    public int Connections { get; set; }

    /// <summary>Builds the engine with in-memory stores and the property's connections.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddChannelManager();
        _services = services.BuildServiceProvider();
        _engine = _services.GetRequiredService<SyncEngine>();
        var store = _services.GetRequiredService<IChannelConnectionStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Connections; i++)
        {
            var c = new ChannelConnection
            {
                Id = Guid.NewGuid(), TenantId = Tenant, PropertyId = _property, Platform = (Platform)(i % 6 + 1),
                PlatformListingId = "L" + i, Credentials = new ChannelCredentials("t"), CreatedAt = now, UpdatedAt = now,
            };
            store.AddAsync(c).GetAwaiter().GetResult();
            if (i == 0)
            {
                _source = c.Id;
            }
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        _pricing = Enumerable.Range(0, 4096).Select(i => Envelope(new PricingUpdated { From = today.AddDays(i % 300), To = today.AddDays(i % 300 + 7), Rate = 100 + (i % 50), Currency = "EUR" })).ToArray();
        _bookings = Enumerable.Range(0, 4096).Select(i => Envelope(new BookingConfirmed
        {
            BookingId = "b" + i, CheckIn = today.AddDays(i % 400), CheckOut = today.AddDays(i % 400 + 3), SourceConnectionId = _source,
        })).ToArray();
    }

    /// <summary>Disposes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>One <c>pricing.updated</c> for a week: ledger write + fan-out to every connection.</summary>
    /// <returns>Connections marked.</returns>
    [Benchmark]
    public Task<int> PricingUpdated() => _engine.HandleAsync(_pricing[_next++ & 4095]);

    /// <summary>One <c>booking.confirmed</c> from one channel: ledger booking + fan-out to the others.</summary>
    /// <returns>Connections marked.</returns>
    [Benchmark]
    public Task<int> BookingConfirmed() => _engine.HandleAsync(_bookings[_next++ & 4095]);

    private EventEnvelope Envelope(PmsEvent payload) => new()
    {
        EventId = Guid.NewGuid(), TenantId = Tenant, PropertyId = _property, OccurredAt = DateTimeOffset.UtcNow, Payload = payload,
    };
}
