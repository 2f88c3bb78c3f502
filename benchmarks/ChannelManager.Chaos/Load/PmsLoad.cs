using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using ChannelManager.Chaos.Hosting;

namespace ChannelManager.Chaos.Load;

/// <summary>
/// The PMS side of the load: price changes and the PMS's own bookings for random nights of random properties,
/// published through <c>POST /pms/events</c> with an event id chosen here. A publish is retried (same id) until a
/// worker acknowledges it with a 2xx; only then is it counted as published.
/// </summary>
internal sealed class PmsLoad
{
    private readonly WorkerApi _api;
    private readonly IReadOnlyList<ChaosProperty> _properties;
    private readonly ChaosOptions _options;
    private readonly Random _random;
    private readonly DateOnly _firstNight;
    private readonly ConcurrentDictionary<Guid, string> _acknowledged = new();
    private long _refused;
    private int _bookings;

    public PmsLoad(WorkerApi api, IReadOnlyList<ChaosProperty> properties, ChaosOptions options, DateOnly firstNight)
    {
        _api = api;
        _properties = properties;
        _options = options;
        _random = new Random(options.Seed * 31 + 7);
        _firstNight = firstNight;
    }

    /// <summary>Every event id a worker acknowledged, with its type.</summary>
    public IReadOnlyDictionary<Guid, string> Acknowledged => _acknowledged;

    /// <summary>Publishes answered 4xx (a bug in the load: counted, never expected).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Publishes at the configured rate until <paramref name="stop"/>, then waits for the ones in flight.</summary>
    /// <param name="stop">Stops publishing new events.</param>
    /// <returns>A task that completes when every started publish is acknowledged.</returns>
    public Task RunAsync(CancellationToken stop) =>
        PacedLoop.RunAsync(_options.PmsEventsPerSecond, () => PublishAsync(NextEvent()), stop);

    private object NextEvent()
    {
        var property = _properties[_random.Next(_properties.Count)];
        var start = _firstNight.AddDays(_random.Next(_options.WindowDays - 14));
        var id = Guid.CreateVersion7();
        if (_random.NextDouble() < 0.15)
        {
            var nights = _random.Next(1, 5);
            var n = Interlocked.Increment(ref _bookings);
            return new Dictionary<string, object>
            {
                ["event_id"] = id.ToString(),
                ["type"] = "booking.confirmed",
                ["property_id"] = property.PropertyId.ToString(),
                ["version"] = 1,
                ["payload"] = new Dictionary<string, object>
                {
                    ["booking_id"] = "pms-" + n.ToString(CultureInfo.InvariantCulture),
                    ["check_in"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["check_out"] = start.AddDays(nights).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    ["status"] = "confirmed",
                },
            };
        }

        return new Dictionary<string, object>
        {
            ["event_id"] = id.ToString(),
            ["type"] = "pricing.updated",
            ["property_id"] = property.PropertyId.ToString(),
            ["payload"] = new Dictionary<string, object>
            {
                ["from"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["to"] = start.AddDays(_random.Next(1, 14)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["rate"] = 80m + _random.Next(0, 2200) / 10m,
                ["currency"] = "EUR",
            },
        };
    }

    private async Task PublishAsync(object body)
    {
        var payload = (Dictionary<string, object>)body;
        var id = Guid.Parse((string)payload["event_id"]);
        var (status, text) = await _api.SendAsync(HttpMethod.Post, "pms/events", body, TimeSpan.FromMinutes(10), CancellationToken.None);
        if (status == HttpStatusCode.Accepted || (int)status is >= 200 and < 300)
        {
            _acknowledged[id] = (string)payload["type"];
        }
        else
        {
            Interlocked.Increment(ref _refused);
            await Console.Error.WriteLineAsync($"publish {id} refused: {(int)status} {text}");
        }
    }
}
