using ChannelManager.Testing;
using ChannelManager.Bookings;
using ChannelManager.Inventory;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelManager.Storage.Tests;

/// <summary>
/// Two ledgers in separate containers with separate data sources (as two processes would have) apply conflicting
/// bookings to the same nights at the same time: the units booked add up, and exactly the bookings beyond the
/// property's units are flagged overbooked — never two bookings believing they got the last unit.
/// </summary>
public sealed class LedgerConcurrencyTests(PostgresDatabase db) : IClassFixture<PostgresDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(3, 1, 40)]
    [InlineData(5, 2, 30)]
    public async Task Parallel_processes_never_both_take_the_last_unit(int totalUnits, int unitsPerBooking, int bookings)
    {
        await using var first = Ledger();
        await using var second = Ledger();
        var ledgers = new[] { first.GetRequiredService<IInventoryLedger>(), second.GetRequiredService<IInventoryLedger>() };
        const string tenant = "race";
        var property = Guid.NewGuid();
        var start = new DateOnly(2026, 1, 10);
        await ledgers[0].SetAvailabilityAsync(tenant, property, new DateRange(start, start.AddDays(5)), new AvailabilityChange { TotalUnits = totalUnits }, Ct);

        // Every booking takes night 2 (start+2); stays differ so the transactions touch overlapping, not equal, rows.
        using var gate = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, bookings).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync(Ct);
            var from = start.AddDays(i % 3);
            var booking = new Booking { TenantId = tenant, BookingId = $"b{i}", PropertyId = property, Stay = new DateRange(from, start.AddDays(3)), Units = unitsPerBooking };
            return await ledgers[i % 2].ApplyBookingAsync(booking, Ct);
        }, Ct)).ToList();
        gate.Release(bookings);
        var results = await Task.WhenAll(tasks);

        var fits = totalUnits / unitsPerBooking;
        Assert.All(results, r => Assert.True(r.Changed));
        Assert.Equal(fits, results.Count(r => !r.Overbooked));
        Assert.Equal(bookings - fits, results.Count(r => r.Overbooked));

        // Every booking's units are counted on the contested night, and the stored flags agree with the results.
        var booked = await db.ScalarAsync<int>("select booked from channel_manager.ledger_nights where tenant_id = @t and property_id = @p and night = @n", ("t", tenant), ("p", property), ("n", start.AddDays(2)));
        Assert.Equal(bookings * unitsPerBooking, booked);
        Assert.Equal((long)(bookings - fits), await db.ScalarAsync<long>("select count(*) from channel_manager.ledger_bookings where tenant_id = @t and property_id = @p and overbooked", ("t", tenant), ("p", property)));
        var contested = (await ledgers[1].GetAriAsync(tenant, property, new DateRange(start.AddDays(2), start.AddDays(3)), Ct)).Single();
        Assert.Equal(0, contested.AvailableUnits);
        Assert.Equal(totalUnits, contested.TotalUnits);
    }

    [Fact]
    public async Task Parallel_modifications_and_cancellations_keep_the_counts_exact()
    {
        await using var first = Ledger();
        await using var second = Ledger();
        var ledgers = new[] { first.GetRequiredService<IInventoryLedger>(), second.GetRequiredService<IInventoryLedger>() };
        const string tenant = "moves";
        var property = Guid.NewGuid();
        var start = new DateOnly(2026, 2, 1);
        await ledgers[0].SetAvailabilityAsync(tenant, property, new DateRange(start, start.AddDays(20)), new AvailabilityChange { TotalUnits = 50 }, Ct);
        for (var i = 0; i < 20; i++)
        {
            await ledgers[0].ApplyBookingAsync(new Booking { TenantId = tenant, BookingId = $"m{i}", PropertyId = property, Stay = new DateRange(start, start.AddDays(2)), Version = 1 }, Ct);
        }

        // Both processes move every booking (versions 2 and 3 race) and cancel the even ones (version 4).
        using var gate = new SemaphoreSlim(0);
        var tasks = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"m{i}";
            var cancel = i % 2 == 0;
            foreach (var (ledger, version, stay) in new[] { (ledgers[0], 2L, new DateRange(start.AddDays(5), start.AddDays(8))), (ledgers[1], 3L, new DateRange(start.AddDays(10), start.AddDays(12))) })
            {
                tasks.Add(Task.Run(async () =>
                {
                    await gate.WaitAsync(Ct);
                    await ledger.ApplyBookingAsync(new Booking { TenantId = tenant, BookingId = id, PropertyId = property, Stay = stay, Version = version }, Ct);
                    if (cancel && version == 3)
                    {
                        await ledger.ApplyBookingAsync(new Booking { TenantId = tenant, BookingId = id, PropertyId = property, Stay = stay, Version = 4, Status = BookingStatus.Cancelled }, Ct);
                    }
                }, Ct));
            }
        }

        gate.Release(tasks.Count);
        await Task.WhenAll(tasks);

        // Whatever the interleaving: the old nights are free, version 2 lost (or was superseded), the odd bookings
        // hold the version-3 nights and the even ones are cancelled.
        var days = await ledgers[0].GetAriAsync(tenant, property, new DateRange(start, start.AddDays(12)), Ct);
        Assert.All(days.Where(d => d.Date < start.AddDays(10)), d => Assert.Equal(50, d.AvailableUnits));
        Assert.All(days.Where(d => d.Date >= start.AddDays(10)), d => Assert.Equal(40, d.AvailableUnits));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from channel_manager.ledger_nights where tenant_id = @t and property_id = @p and booked < 0", ("t", tenant), ("p", property)));
    }

    private ServiceProvider Ledger()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddChannelManager().UsePostgres(o =>
        {
            o.ConnectionString = db.ConnectionString;
            o.ApplyMigrationsOnStart = false;
        }).UseTokenEncryption(o => o.Keys.Add(TestTokenKeys.Current));
        return services.BuildServiceProvider();
    }
}
