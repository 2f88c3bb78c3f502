using BenchmarkDotNet.Attributes;
using ChannelManager.Bookings;
using ChannelManager.Engine.Storage.InMemory;
using ChannelManager.Inventory;

namespace ChannelManager.Benchmarks;

/// <summary>
/// The embedded-default ledger (<see cref="InMemoryInventoryLedger"/>) applying one change, on a property whose
/// 500 nights already exist. Every call carries a newer version and a value other than the night holds, so each
/// call really changes every night of its range (no stale or equal update short-cuts the work).
/// </summary>
[MemoryDiagnoser]
public class InventoryLedgerBenchmarks
{
    private const string Tenant = "bench";
    private readonly Guid _property = Guid.NewGuid();
    private readonly DateOnly _firstNight = new(2027, 1, 1);
    private InMemoryInventoryLedger _ledger = null!;
    private DateRange _range;
    private Booking _confirmed = null!;
    private Booking _cancelled = null!;
    private long _version;

    /// <summary>Nights of the range a rate or availability change covers.</summary>
    [Params(7, 30, 365)]
    public int Nights { get; set; }

    /// <summary>Creates the ledger and the property's nights.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _ledger = new InMemoryInventoryLedger();
        var window = new DateRange(_firstNight, _firstNight.AddDays(500));
        _ledger.SetRateAsync(Tenant, _property, window, new RateChange(100, "EUR") { Version = ++_version }).GetAwaiter().GetResult();
        _ledger.SetAvailabilityAsync(Tenant, _property, window, new AvailabilityChange { TotalUnits = 1, MinStay = 1, Version = ++_version }).GetAwaiter().GetResult();
        _range = new DateRange(_firstNight.AddDays(10), _firstNight.AddDays(10 + Nights));
        var stay = new DateRange(_firstNight.AddDays(20), _firstNight.AddDays(20 + Math.Min(Nights, 14)));
        _confirmed = new Booking { TenantId = Tenant, BookingId = "bench-booking", PropertyId = _property, Stay = stay, Status = BookingStatus.Confirmed };
        _cancelled = _confirmed with { Status = BookingStatus.Cancelled };
    }

    /// <summary><c>SetRateAsync</c> over the range (every night's rate changes).</summary>
    /// <returns>The changed nights.</returns>
    [Benchmark]
    public Task<IReadOnlyList<DateRange>> SetRate()
    {
        var version = ++_version;
        return _ledger.SetRateAsync(Tenant, _property, _range, new RateChange(100 + (version & 1), "EUR") { Version = version });
    }

    /// <summary><c>SetAvailabilityAsync</c> with restrictions over the range (min/max stay, CTA, CTD change on every night).</summary>
    /// <returns>The changed nights.</returns>
    [Benchmark]
    public Task<IReadOnlyList<DateRange>> SetAvailability()
    {
        var version = ++_version;
        var odd = (version & 1) == 1;
        return _ledger.SetAvailabilityAsync(Tenant, _property, _range, new AvailabilityChange
        {
            MinStay = odd ? 2 : 3, MaxStay = odd ? 14 : 21, ClosedToArrival = odd, ClosedToDeparture = !odd, Version = version,
        });
    }

    /// <summary><c>ApplyBookingAsync</c> twice: a booking of up to 14 nights of the range is confirmed, then cancelled (Mean is for the pair).</summary>
    /// <returns>The cancellation's result.</returns>
    [Benchmark]
    public async Task<BookingApplyResult> ConfirmThenCancelBooking()
    {
        await _ledger.ApplyBookingAsync(_confirmed with { Version = ++_version }).ConfigureAwait(false);
        return await _ledger.ApplyBookingAsync(_cancelled with { Version = ++_version }).ConfigureAwait(false);
    }
}
