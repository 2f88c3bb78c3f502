using System.Collections.Concurrent;
using ChannelManager.Adapters;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;

namespace ChannelManager.Engine.Tests.Properties;

/// <summary>
/// One platform for the property tests. Per listing it keeps the calendar the platform holds: each push overwrites
/// the fields of its scope (availability: total/available units and stop-sell; rates: rate and currency;
/// restrictions: min/max stay, min stay through, closed to arrival/departure), and the platform's own bookings change
/// its available units itself (rooms-to-sell: a booking made on the platform takes units, its cancellation gives them
/// back), as real platforms do without being told. Calls can be made to fail with 503/429 on a fixed rhythm.
/// </summary>
internal sealed class FakePlatform(Platform platform) : IChannelAdapter
{
    private readonly ConcurrentDictionary<string, Listing> _listings = new();
    private int _inFlight;
    private long _calls;

    public Platform Platform { get; } = platform;

    /// <summary>Calls being served right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Calls ever started.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Starts a listing: every <paramref name="failEvery"/>-th call to it fails (0: none).</summary>
    public void Open(string listingId, int failEvery) => _listings[listingId] = new Listing(failEvery);

    /// <summary>Forgets a listing once its case is over.</summary>
    public void Close(string listingId) => _listings.TryRemove(listingId, out _);

    /// <summary>The platform's own booking changes: <paramref name="units"/> taken (negative: given back) on each night.</summary>
    public void ApplyOwnBooking(string listingId, DateRange stay, int units)
    {
        var listing = _listings[listingId];
        lock (listing)
        {
            foreach (var night in stay.EachNight())
            {
                var day = listing.Calendar.GetValueOrDefault(night) ?? new PlatformNight();
                listing.Calendar[night] = day with { AvailableUnits = day.AvailableUnits - units };
            }

            listing.History.Add($"own booking {(units > 0 ? "takes" : "gives back")} {Math.Abs(units)} on {stay}");
        }
    }

    /// <summary>What the platform shows for a night, as an <see cref="AriDay"/> (available units never below 0); null if never told.</summary>
    public AriDay? Shows(string listingId, DateOnly night)
    {
        var listing = _listings[listingId];
        lock (listing)
        {
            if (!listing.Calendar.TryGetValue(night, out var d))
            {
                return null;
            }

            return new AriDay
            {
                Date = night,
                TotalUnits = d.TotalUnits,
                AvailableUnits = Math.Max(0, d.AvailableUnits),
                StopSell = d.StopSell,
                Rate = d.Rate,
                Currency = d.Currency,
                MinStay = d.MinStay,
                MinStayThrough = d.MinStayThrough,
                MaxStay = d.MaxStay,
                ClosedToArrival = d.ClosedToArrival,
                ClosedToDeparture = d.ClosedToDeparture,
            };
        }
    }

    /// <summary>What happened to a listing's calendar, in order (pushes with their available units, own bookings).</summary>
    public string HistoryOf(string listingId)
    {
        var listing = _listings[listingId];
        lock (listing)
        {
            return string.Join(Environment.NewLine, listing.History.Select(h => "    " + h));
        }
    }

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Increment(ref _inFlight);
        try
        {
            var listing = _listings[request.Connection.PlatformListingId];
            var call = Interlocked.Increment(ref listing.Calls);
            if (listing.FailEvery > 0 && call % listing.FailEvery == 0)
            {
                await Task.Yield();
                var status = call / listing.FailEvery % 2 == 0 ? 503 : 429;
                throw new PlatformCallException(Platform, "injected platform failure", isTransient: true, statusCode: status, retryAfter: status == 429 ? TimeSpan.FromMilliseconds(1) : null);
            }

            lock (listing)
            {
                foreach (var d in request.Days)
                {
                    var night = listing.Calendar.GetValueOrDefault(d.Date) ?? new PlatformNight();
                    if (request.Scope.HasFlag(AriPushScope.Availability))
                    {
                        night = night with { TotalUnits = d.TotalUnits, AvailableUnits = d.AvailableUnits, StopSell = d.StopSell };
                    }

                    if (request.Scope.HasFlag(AriPushScope.Rates))
                    {
                        night = night with { Rate = d.Rate, Currency = d.Currency };
                    }

                    if (request.Scope.HasFlag(AriPushScope.Restrictions))
                    {
                        night = night with
                        {
                            MinStay = d.MinStay,
                            MinStayThrough = d.MinStayThrough,
                            MaxStay = d.MaxStay,
                            ClosedToArrival = d.ClosedToArrival,
                            ClosedToDeparture = d.ClosedToDeparture,
                        };
                    }

                    listing.Calendar[d.Date] = night;
                }

                listing.History.Add($"push {request.Scope} {request.Days[0].Date:MM-dd}..{request.Days[^1].Date:MM-dd}: " + string.Join(' ', request.Days.Select(d => d.AvailableUnits)));
            }

            return new AriPushResult(1);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PlatformReservation>>([]);

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) => WebhookVerificationResult.Rejected("not used");

    public WebhookNotification ParseWebhook(WebhookRequest request) => throw new WebhookFormatException("not used");

    public Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult(new ConnectionTestResult(true, "fake"));

    private sealed class Listing(int failEvery)
    {
        public int Calls;

        public int FailEvery { get; } = failEvery;

        public Dictionary<DateOnly, PlatformNight> Calendar { get; } = [];

        public List<string> History { get; } = [];
    }

    private sealed record PlatformNight
    {
        public int TotalUnits { get; init; } = 1;

        public int AvailableUnits { get; init; } = 1;

        public bool StopSell { get; init; }

        public decimal? Rate { get; init; }

        public string? Currency { get; init; }

        public int? MinStay { get; init; }

        public int? MinStayThrough { get; init; }

        public int? MaxStay { get; init; }

        public bool ClosedToArrival { get; init; }

        public bool ClosedToDeparture { get; init; }
    }
}
