using ChannelManager.Connections;
using ChannelManager.Engine.Connections;
using ChannelManager.Engine.Events;
using ChannelManager.Engine.Storage.PostgreSql.Outbox;
using ChannelManager.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace ChannelManager.Integration.Tests;

/// <summary>
/// The production path under restarts: PMS → PostgreSQL outbox → Redis Streams → engine (PostgreSQL stores) →
/// platform. Whatever restarts, every event is handled and reaches the platform, and none is handled twice.
/// </summary>
public sealed class NothingLostTests : IClassFixture<FullStack>
{
    private const int Events = 300;
    private readonly FullStack _stack;

    public NothingLostTests(FullStack stack) => _stack = stack;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_Redis_restart_that_loses_the_stream_loses_no_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await _stack.NewDatabaseAsync();
        var adapter = new CalendarAdapter();
        CountingLedger? ledger = null;
        using var counted = await StartCountingAsync(db, adapter, l => ledger = l);
        var property = Guid.NewGuid();
        await counted.Services.GetRequiredService<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "R-1", AccessToken = "x" }, ct);

        var outbox = counted.Services.GetRequiredService<PostgresEventOutbox>();
        var events = counted.Services.GetRequiredService<EventService>();

        // The consumer falls behind, so that most events are still in the stream when Redis dies.
        ledger!.Close();
        for (var i = 0; i < Events; i++)
        {
            if (i == 2 * Events / 3)
            {
                // Wait until the relay has handed the first two thirds to Redis; then Redis dies (SIGKILL, no
                // persistence: every entry still in the stream is gone) and comes back empty.
                await Eventually.TrueAsync(() => Unpublished(db) == 0, () => "the relay published the events so far", 60_000);
                await _stack.Redis.KillAsync();
                await Task.Delay(300, ct);
                await _stack.Redis.StartAgainAsync();
                ledger.Open();
            }

            var night = Today.AddDays(10 + i);
            var payload = new PricingUpdated { From = night, To = night.AddDays(1), Rate = 100 + i, Currency = "EUR" };
            if (i % 2 == 0)
            {
                // Half as a PMS would in its own transaction, half through EventService (also durable with PostgreSQL).
                await using var connection = new NpgsqlConnection(db);
                await connection.OpenAsync(ct);
                await using var tx = await connection.BeginTransactionAsync(ct);
                await outbox.EnqueueAsync(tx, new EventEnvelope { EventId = Guid.NewGuid(), TenantId = "t", PropertyId = property, OccurredAt = DateTimeOffset.UtcNow, Payload = payload }, ct);
                await tx.CommitAsync(ct);
            }
            else
            {
                await events.PublishAsync("t", property, payload, cancellationToken: ct);
            }
        }

        await Eventually.TrueAsync(
            () => Enumerable.Range(0, Events).All(i => adapter.Calendar.TryGetValue(("R-1", Today.AddDays(10 + i)), out var d) && d.Rate == 100 + i),
            () => $"every price reached the platform ({Enumerable.Range(0, Events).Count(i => adapter.Calendar.TryGetValue(("R-1", Today.AddDays(10 + i)), out var d) && d.Rate == 100 + i)} of {Events})",
            60_000);
        Assert.All(Enumerable.Range(0, Events), i => Assert.Equal(1, ledger!.RateWrites.GetValueOrDefault(Today.AddDays(10 + i))));
    }

    [Fact]
    public async Task A_PostgreSQL_restart_during_a_run_loses_no_event()
    {
        var ct = TestContext.Current.CancellationToken;
        var db = await _stack.NewDatabaseAsync();
        var adapter = new CalendarAdapter();
        CountingLedger? ledger = null;
        using var host = await StartCountingAsync(db, adapter, l => ledger = l);
        var property = Guid.NewGuid();
        await host.Services.GetRequiredService<ChannelConnectionService>().CreateAsync("t", new NewChannelConnection { PropertyId = property, PlatformType = "airbnb", PlatformListingId = "P-1", AccessToken = "x" }, ct);
        var events = host.Services.GetRequiredService<EventService>();
        var published = 0;
        for (var i = 0; i < Events; i++)
        {
            if (i == Events / 3)
            {
                await _stack.Postgres.StopAsync();
                await Task.Delay(500, ct);
                await _stack.Postgres.StartAgainAsync();
            }

            var night = Today.AddDays(10 + i);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // The PMS retries a publish that failed (its own database was down too).
                    await events.PublishAsync("t", property, new PricingUpdated { From = night, To = night.AddDays(1), Rate = 500 + i, Currency = "EUR" }, new Guid(i, 0x4000, unchecked((short)0x8000), 1, 2, 3, 4, 5, 6, 7, 8), cancellationToken: ct);
                    published++;
                    break;
                }
                catch (NpgsqlException) when (attempt < 50)
                {
                    await Task.Delay(100, ct);
                }
            }
        }

        Assert.Equal(Events, published);
        await Eventually.TrueAsync(
            () => Enumerable.Range(0, Events).All(i => adapter.Calendar.TryGetValue(("P-1", Today.AddDays(10 + i)), out var d) && d.Rate == 500 + i),
            () => $"every price reached the platform ({Enumerable.Range(0, Events).Count(i => adapter.Calendar.TryGetValue(("P-1", Today.AddDays(10 + i)), out var d) && d.Rate == 500 + i)} of {Events})",
            60_000);

        // Every event was handled; one whose handling was cut off by the restart (applied, but not yet recorded as
        // handled) is handled again, which sets the same rate again. Events recorded as handled never come back.
        Assert.All(Enumerable.Range(0, Events), i => Assert.InRange(ledger!.RateWrites.GetValueOrDefault(Today.AddDays(10 + i)), 1, 2));
        var handledTwice = Enumerable.Range(0, Events).Count(i => ledger!.RateWrites.GetValueOrDefault(Today.AddDays(10 + i)) > 1);
        Assert.True(handledTwice <= 10, $"{handledTwice} events were handled twice: more than a restart's in-flight batch");
    }

    private long Unpublished(string db)
    {
        using var connection = new NpgsqlConnection(_stack.Postgres.SuperuserConnectionString(db));
        connection.Open();
        using var count = new NpgsqlCommand("select count(*) from channel_manager.outbox where published_at is null", connection);
        return (long)count.ExecuteScalar()!;
    }

    private Task<IHost> StartCountingAsync(string db, CalendarAdapter adapter, Action<CountingLedger> created) =>
        _stack.StartHostAsync(db, "it-" + Guid.NewGuid().ToString("N")[..8], "worker-" + Guid.NewGuid().ToString("N")[..6], adapter, services => CountingLedger.Decorate(services, created));
}
