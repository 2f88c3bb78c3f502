using BenchmarkDotNet.Attributes;
using ChannelManager.Benchmarks.Burst;
using ChannelManager.Connections;
using ChannelManager.Engine.Sync;
using ChannelManager.Events;
using ChannelManager.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChannelManager.Benchmarks;

/// <summary>
/// Engine throughput in process: <see cref="SyncEngine.HandleAsync"/> of 10,000 random ARI changes (the burst
/// command's mix, see <see cref="AriChangeGenerator"/>) on one property with 3 connections, on embedded defaults:
/// ledger apply plus persisted dirty marks plus dirty-range coalescing per connection. The dispatcher is not
/// running. Split over 1 or 2 threads. Mean is per change (OperationsPerInvoke), so changes/s = 1 / Mean.
/// Each iteration gets fresh changes with newer versions (so every change is applied, none is stale) and starts
/// from an empty dirty-mark store and queue, as after a push.
/// </summary>
[MemoryDiagnoser]
public class EngineThroughputBenchmarks
{
    private const int ChangesPerInvoke = 10_000;
    private const int WindowNights = 500;
    private const string Tenant = "bench";
    private readonly Guid _property = Guid.NewGuid();
    private readonly List<Guid> _connectionIds = [];
    private ServiceProvider _services = null!;
    private SyncEngine _engine = null!;
    private DirtyRangeQueue _queue = null!;
    private IDirtyRangeStore _dirtyStore = null!;
    private AriChangeGenerator _generator = null!;
    private EventEnvelope[] _changes = null!;
    private long _version;

    /// <summary>Threads calling <c>HandleAsync</c> at once (the machine has 2 cores).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the engine with in-memory stores and the property's 3 connections.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddChannelManager();
        _services = services.BuildServiceProvider();
        _engine = _services.GetRequiredService<SyncEngine>();
        _queue = _services.GetRequiredService<DirtyRangeQueue>();
        _dirtyStore = _services.GetRequiredService<IDirtyRangeStore>();
        var store = _services.GetRequiredService<IChannelConnectionStore>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            var connection = new ChannelConnection
            {
                Id = Guid.NewGuid(), TenantId = Tenant, PropertyId = _property, Platform = Platform.Airbnb,
                PlatformListingId = "L" + i, Credentials = new ChannelCredentials("t"), CreatedAt = now, UpdatedAt = now,
            };
            store.AddAsync(connection).GetAwaiter().GetResult();
            _connectionIds.Add(connection.Id);
        }

        _generator = new AriChangeGenerator(DateOnly.FromDateTime(DateTime.UtcNow), WindowNights, 20261130);
    }

    /// <summary>Fresh changes with newer versions; the dirty marks of the previous iteration cleared, as a push would.</summary>
    [IterationSetup]
    public void NextChanges()
    {
        foreach (var id in _connectionIds)
        {
            _dirtyStore.ClearAllAsync(Tenant, id).GetAwaiter().GetResult();
            _queue.Forget(new ConnectionKey(Tenant, id));
        }

        while (_queue.Ready.TryRead(out _))
        {
        }

        var now = DateTimeOffset.UtcNow;
        _changes = Array.ConvertAll(_generator.Next(ChangesPerInvoke), payload => new EventEnvelope
        {
            EventId = Guid.CreateVersion7(), TenantId = Tenant, PropertyId = _property, OccurredAt = now, Version = ++_version, Payload = payload,
        });
    }

    /// <summary>Disposes the engine.</summary>
    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>10,000 changes through <c>HandleAsync</c>, split evenly over <see cref="Threads"/> threads.</summary>
    /// <returns>A task that completes when every change is handled.</returns>
    [Benchmark(OperationsPerInvoke = ChangesPerInvoke)]
    public Task HandleChanges()
    {
        if (Threads == 1)
        {
            return HandleSliceAsync(0, ChangesPerInvoke);
        }

        var slices = new Task[Threads];
        var size = ChangesPerInvoke / Threads;
        for (var t = 0; t < Threads; t++)
        {
            var from = t * size;
            var to = t == Threads - 1 ? ChangesPerInvoke : from + size;
            slices[t] = Task.Run(() => HandleSliceAsync(from, to));
        }

        return Task.WhenAll(slices);
    }

    private async Task HandleSliceAsync(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            await _engine.HandleAsync(_changes[i]).ConfigureAwait(false);
        }
    }
}
