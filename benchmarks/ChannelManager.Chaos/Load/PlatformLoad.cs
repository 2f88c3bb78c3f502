using System.Collections.Concurrent;
using System.Globalization;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.BookingCom;
using ChannelManager.Simulator.Expedia;
using ChannelManager.Simulator.FewoDirekt;

namespace ChannelManager.Chaos.Load;

/// <summary>
/// The platform side of the load: guests book random nights of random listings on Airbnb (signed webhook),
/// Booking.com (left in its reservation queue, which the workers pull), Expedia (every other one also pushed as a
/// Booking Notification, the rest found by Booking Retrieval) and Vrbo (a <c>bookingRequest</c> posted to the
/// workers). The simulated platforms take a booking whatever their calendar says, as a real one does when a close
/// has not reached it yet, so some of them overbook (and must be recorded as conflicts).
/// </summary>
internal sealed class PlatformLoad
{
    private static readonly Platform[] BookablePlatforms = [Platform.Airbnb, Platform.BookingCom, Platform.Expedia, Platform.FewoDirekt];

    private readonly PlatformSimulator _simulator;
    private readonly IReadOnlyList<ChaosProperty> _properties;
    private readonly ChaosOptions _options;
    private readonly Random _random;
    private readonly DateOnly _firstNight;
    private readonly ConcurrentQueue<PlatformBooking> _created = new();
    private int _sequence;

    public PlatformLoad(PlatformSimulator simulator, IReadOnlyList<ChaosProperty> properties, ChaosOptions options, DateOnly firstNight)
    {
        _simulator = simulator;
        _properties = properties;
        _options = options;
        _random = new Random(options.Seed * 17 + 3);
        _firstNight = firstNight;
    }

    /// <summary>Every reservation the platforms hold.</summary>
    public IReadOnlyCollection<PlatformBooking> Created => _created;

    /// <summary>Books at the configured rate until <paramref name="stop"/>, then waits for the bookings in flight.</summary>
    /// <param name="stop">Stops new bookings.</param>
    /// <returns>A task that completes when every started booking was made (and its delivery attempted).</returns>
    public Task RunAsync(CancellationToken stop) =>
        PacedLoop.RunAsync(
            _options.PlatformBookingsPerSecond,
            () =>
            {
                var platform = BookablePlatforms[_random.Next(BookablePlatforms.Length)];
                var property = _properties[_random.Next(_properties.Count)];
                var checkIn = _firstNight.AddDays(_random.Next(_options.WindowDays - 5));
                var checkOut = checkIn.AddDays(_random.Next(1, 5));
                return BookAsync(platform, property, checkIn, checkOut, Interlocked.Increment(ref _sequence));
            },
            stop);

    private async Task BookAsync(Platform platform, ChaosProperty property, DateOnly checkIn, DateOnly checkOut, int n)
    {
        try
        {
            switch (platform)
            {
                case Platform.Airbnb:
                    var code = "CHAOS" + n.ToString("D6", CultureInfo.InvariantCulture);
                    var airbnb = _simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest
                    {
                        ListingId = property.ListingOf(platform), StartDate = checkIn, Nights = checkOut.DayNumber - checkIn.DayNumber, ConfirmationCode = code, Currency = "EUR",
                    });
                    try
                    {
                        await airbnb;
                    }
                    finally
                    {
                        if (_simulator.State.Airbnb.GetReservation(code) is not null)
                        {
                            _created.Enqueue(new PlatformBooking(platform, code, property.Index, checkIn, checkOut, "webhook"));
                        }
                    }

                    break;
                case Platform.BookingCom:
                    var bookingCom = _simulator.State.BookingCom.Create(new BookingComReservationRequest
                    {
                        HotelId = property.Hotel, RoomId = ChaosProperty.BookingComRoom, Arrival = checkIn, Departure = checkOut,
                    });
                    _created.Enqueue(new PlatformBooking(platform, bookingCom.ReservationId, property.Index, checkIn, checkOut, "queue"));
                    break;
                case Platform.Expedia:
                    var expedia = _simulator.State.Expedia.Create(new ExpediaReservationRequest
                    {
                        HotelId = property.Hotel, RoomTypeId = ChaosProperty.ExpediaRoomType, Arrival = checkIn, Departure = checkOut,
                    });
                    var notify = n % 2 == 0;
                    _created.Enqueue(new PlatformBooking(platform, expedia.BookingId, property.Index, checkIn, checkOut, notify ? "booking notification" : "booking retrieval"));
                    if (notify)
                    {
                        await _simulator.ExpediaBookingNotifications.SendAsync(expedia.BookingId);
                    }

                    break;
                case Platform.FewoDirekt:
                    var id = "chaos-vrbo-" + n.ToString("D6", CultureInfo.InvariantCulture);
                    var vrbo = _simulator.FewoDirekt.CreateReservationAsync(new FewoDirektReservationRequest
                    {
                        ListingId = property.ListingOf(platform), AdvertiserId = property.AdvertiserId, BeginDate = checkIn, EndDate = checkOut, ReservationId = id,
                    });
                    try
                    {
                        await vrbo;
                    }
                    finally
                    {
                        if (_simulator.State.FewoDirekt.GetReservation(id) is not null)
                        {
                            _created.Enqueue(new PlatformBooking(platform, id, property.Index, checkIn, checkOut, "bookingRequest"));
                        }
                    }

                    break;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // The reservation exists on the platform; its delivery failed (the front proxy retried for 90 s). Bookings
            // still arrive through the platforms' pulls where they have one; the verdict says what is missing.
            await Console.Error.WriteLineAsync($"{platform} booking {n}: delivery failed: {ex.GetType().Name}: {ex.Message}");
        }
    }
}
