using System.Globalization;
using System.Security.Cryptography;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Expedia;

/// <summary>
/// The simulated Expedia's bookings, with Booking Retrieval / Confirmation semantics (platforms.md §3): a new,
/// modified or cancelled booking is <c>pending</c>; a status retrieval makes it <c>retrieved</c>; a confirmation of
/// its current type makes it <c>confirmed</c>. Only the latest message of a booking is kept. A room type's calendar is
/// kept under the listing key <c>{hotel}:{room type}</c> (<see cref="ListingKey"/>). Thread-safe.
/// </summary>
public sealed class ExpediaState
{
    private readonly SimulatorState _owner;
    private readonly Dictionary<string, ExpediaReservation> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ratePlans = new(StringComparer.Ordinal);

    internal ExpediaState(SimulatorState owner) => _owner = owner;

    /// <summary>Every booking, by id.</summary>
    public IReadOnlyList<ExpediaReservation> Reservations
    {
        get
        {
            lock (_owner.Gate)
            {
                return _reservations.Values.OrderBy(r => r.BookingId, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The simulator's listing key of a room type (for <see cref="SimulatorState.GetDay"/>): <c>{hotel}:{room type}</c>.</summary>
    /// <param name="hotelId">The property.</param>
    /// <param name="roomTypeId">The room type.</param>
    /// <returns>The key.</returns>
    public static string ListingKey(string hotelId, string roomTypeId) => hotelId + ":" + roomTypeId;

    /// <summary>Gets a booking.</summary>
    /// <param name="bookingId">The booking id.</param>
    /// <returns>The booking, or <see langword="null"/>.</returns>
    public ExpediaReservation? GetReservation(string bookingId)
    {
        lock (_owner.Gate)
        {
            return _reservations.GetValueOrDefault(bookingId);
        }
    }

    /// <summary>The rate plan last pushed for a room type.</summary>
    /// <param name="listingKey">The room type's key, <c>{hotel}:{room type}</c>.</param>
    /// <returns>The rate plan id, or <see langword="null"/>.</returns>
    public string? RatePlanOf(string listingKey)
    {
        lock (_owner.Gate)
        {
            return _ratePlans.GetValueOrDefault(listingKey);
        }
    }

    /// <summary>Books a room type: the booking is pending and takes one unit of each night.</summary>
    /// <param name="request">The booking.</param>
    /// <returns>The booking.</returns>
    /// <exception cref="ArgumentException">When the request is invalid.</exception>
    /// <exception cref="InvalidOperationException">When the id exists.</exception>
    public ExpediaReservation Create(ExpediaReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        lock (_owner.Gate)
        {
            var id = request.BookingId ?? NewId();
            if (_reservations.ContainsKey(id))
            {
                throw new InvalidOperationException($"A booking {id} exists already.");
            }

            var key = ListingKey(request.HotelId, request.RoomTypeId);
            var rates = Nights(request.Arrival, request.Departure).Select(d => _owner.DayUnderLock(Platform.Expedia, key, d).DailyPrice ?? 100m).ToArray();
            var reservation = new ExpediaReservation
            {
                BookingId = id,
                HotelId = request.HotelId,
                RoomTypeId = request.RoomTypeId,
                RatePlanId = request.RatePlanId ?? _ratePlans.GetValueOrDefault(key) ?? "1",
                Arrival = request.Arrival,
                Departure = request.Departure,
                Adults = request.Adults,
                ChildAges = request.ChildAges.ToArray(),
                GivenName = request.GivenName,
                Surname = request.Surname,
                Email = request.Email,
                PhoneCountryCode = request.PhoneCountryCode,
                PhoneAreaCode = request.PhoneAreaCode,
                PhoneNumber = request.PhoneNumber,
                NightlyRates = rates,
                TotalAmount = request.TotalAmount ?? rates.Sum() + request.Taxes,
                Taxes = request.Taxes,
                Currency = request.Currency,
                Source = request.Source,
                SpecialRequest = request.SpecialRequest,
                CreatedAt = Now(),
            };
            _reservations[id] = reservation;
            Hold(reservation);
            return reservation;
        }
    }

    /// <summary>Moves a booking to new dates: a pending <c>Modify</c> message.</summary>
    /// <param name="bookingId">The booking.</param>
    /// <param name="arrival">The new arrival.</param>
    /// <param name="departure">The new departure.</param>
    /// <returns>The modified booking.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When cancelled.</exception>
    public ExpediaReservation Modify(string bookingId, DateOnly arrival, DateOnly departure)
    {
        if (departure <= arrival)
        {
            throw new ArgumentException("The departure must be after the arrival.", nameof(departure));
        }

        lock (_owner.Gate)
        {
            var current = Existing(bookingId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The booking {bookingId} is cancelled and cannot be modified.");
            }

            Release(current);
            var rate = current.NightlyRates.Count > 0 ? current.NightlyRates[0] : 100m;
            var nights = departure.DayNumber - arrival.DayNumber;
            var modified = Changed(current with
            {
                Type = "Modify",
                Arrival = arrival,
                Departure = departure,
                NightlyRates = Enumerable.Repeat(rate, nights).ToArray(),
                TotalAmount = (rate * nights) + current.Taxes,
            });
            Hold(modified);
            return modified;
        }
    }

    /// <summary>Cancels a booking and gives its nights back: a pending <c>Cancel</c> message.</summary>
    /// <param name="bookingId">The booking.</param>
    /// <returns>The cancelled booking.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When already cancelled.</exception>
    public ExpediaReservation Cancel(string bookingId)
    {
        lock (_owner.Gate)
        {
            var current = Existing(bookingId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The booking {bookingId} is already cancelled.");
            }

            Release(current);
            return Changed(current with { Type = "Cancel" });
        }
    }

    /// <summary>
    /// The bookings a retrieval serves: one by id; those created in the last <paramref name="daysInPast"/> days; or
    /// those with one of <paramref name="statuses"/> (default: pending), which then become <c>retrieved</c>.
    /// </summary>
    internal IReadOnlyList<ExpediaReservation> Retrieve(string? hotelId, string? bookingId, int? daysInPast, IReadOnlyCollection<string> statuses)
    {
        lock (_owner.Gate)
        {
            var query = _reservations.Values.Where(r => hotelId is null || r.HotelId == hotelId);
            if (bookingId is not null)
            {
                return query.Where(r => r.BookingId == bookingId).ToArray();
            }

            if (daysInPast is { } days)
            {
                var since = Now().AddDays(-days);
                return query.Where(r => r.CreatedAt >= since).OrderBy(r => r.CreatedAt).ToArray();
            }

            var wanted = statuses.Count == 0 ? ["pending"] : statuses;
            var served = query.Where(r => wanted.Contains(r.Status)).OrderBy(r => r.CreatedAt).ThenBy(r => r.BookingId, StringComparer.Ordinal).Take(125).ToArray();
            foreach (var r in served.Where(r => r.Status == "pending"))
            {
                _reservations[r.BookingId] = r with { Status = "retrieved" };
            }

            return served;
        }
    }

    /// <summary>Confirms bookings of one property; a confirmation of another type than the booking's latest message is skipped with a warning.</summary>
    /// <returns>An error (unknown booking, other property), or <see langword="null"/> with the warnings.</returns>
    internal string? Confirm(string hotelId, IReadOnlyList<(string Id, string Type, string ConfirmNumber)> confirmations, out IReadOnlyList<string> warnings)
    {
        lock (_owner.Gate)
        {
            var skipped = new List<string>();
            foreach (var (id, _, _) in confirmations)
            {
                if (!_reservations.TryGetValue(id, out var r) || r.HotelId != hotelId)
                {
                    warnings = [];
                    return $"Booking {id} was not found for hotel {hotelId}.";
                }
            }

            foreach (var (id, type, number) in confirmations)
            {
                var r = _reservations[id];
                if (r.Type != type)
                {
                    skipped.Add($"Booking {id} is now of type {r.Type}, not {type}: not confirmed.");
                    continue;
                }

                _reservations[id] = r with { Status = "confirmed", ConfirmNumber = number, Confirmations = r.Confirmations + 1 };
            }

            warnings = skipped;
            return null;
        }
    }

    /// <summary>A Booking Notification of the booking's <paramref name="type"/> message was answered with Success: confirmed, as BC would.</summary>
    internal void ConfirmByNotification(string bookingId, string type, string? confirmNumber)
    {
        lock (_owner.Gate)
        {
            if (_reservations.TryGetValue(bookingId, out var r) && r.Type == type)
            {
                _reservations[bookingId] = r with { Status = "confirmed", ConfirmNumber = confirmNumber ?? r.ConfirmNumber, Confirmations = r.Confirmations + 1 };
            }
        }
    }

    internal void RememberRatePlanUnderLock(string listingKey, string ratePlanId) => _ratePlans[listingKey] = ratePlanId;

    /// <summary>Forgets everything; the caller holds the state's lock.</summary>
    internal void ClearUnderLock()
    {
        _reservations.Clear();
        _ratePlans.Clear();
    }

    private static IEnumerable<DateOnly> Nights(DateOnly arrival, DateOnly departure) =>
        Enumerable.Range(0, departure.DayNumber - arrival.DayNumber).Select(arrival.AddDays);

    private ExpediaReservation Changed(ExpediaReservation reservation)
    {
        var now = Now();
        var updated = reservation with { Status = "pending", CreatedAt = now > reservation.CreatedAt ? now : reservation.CreatedAt.AddSeconds(1) };
        _reservations[updated.BookingId] = updated;
        return updated;
    }

    private ExpediaReservation Existing(string id) =>
        _reservations.TryGetValue(id, out var r) ? r : throw new KeyNotFoundException($"Booking {id} was not found.");

    private void Hold(ExpediaReservation reservation)
    {
        foreach (var night in Nights(reservation.Arrival, reservation.Departure))
        {
            var day = _owner.DayUnderLock(Platform.Expedia, reservation.ListingKey, night);
            _owner.SetDayUnderLock(Platform.Expedia, reservation.ListingKey, day with { AvailableCount = Math.Max(0, (day.AvailableCount ?? 1) - 1), ReservationCode = reservation.BookingId });
        }
    }

    private void Release(ExpediaReservation reservation)
    {
        foreach (var night in Nights(reservation.Arrival, reservation.Departure))
        {
            var day = _owner.DayUnderLock(Platform.Expedia, reservation.ListingKey, night);
            _owner.SetDayUnderLock(
                Platform.Expedia,
                reservation.ListingKey,
                day with { AvailableCount = (day.AvailableCount ?? 0) + 1, ReservationCode = day.ReservationCode == reservation.BookingId ? null : day.ReservationCode });
        }
    }

    private string NewId()
    {
        while (true)
        {
            var id = RandomNumberGenerator.GetInt32(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);
            if (!_reservations.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Now, to the second (EQC date-times carry seconds).</summary>
    private DateTimeOffset Now()
    {
        var now = _owner.TimeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
