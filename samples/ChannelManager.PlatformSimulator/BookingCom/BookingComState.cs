using System.Globalization;
using System.Security.Cryptography;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.BookingCom;

/// <summary>
/// The simulated Booking.com's machine-account tokens and reservations, with the reservation queue's semantics
/// (platforms.md §1): a new reservation is served by <c>OTA_HotelResNotif</c> until acknowledged there; a change made
/// before that acknowledgement stays a new reservation; a later change or cancellation is served by
/// <c>OTA_HotelResModifyNotif</c> until acknowledged there. A hotel has any number of rooms: each room's calendar is
/// kept under the listing key <c>{hotel}:{room}</c> (<see cref="ListingKey"/>), and a reservation may book several of
/// them (one <c>RoomStay</c> each). Thread-safe.
/// </summary>
public sealed class BookingComState
{
    private readonly SimulatorState _owner;
    private readonly Dictionary<string, BookingComReservation> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ratePlans = new(StringComparer.Ordinal);
    private int _tokenExchanges;

    internal BookingComState(SimulatorState owner) => _owner = owner;

    /// <summary>How many token exchanges succeeded.</summary>
    public int TokenExchanges => Volatile.Read(ref _tokenExchanges);

    /// <summary>Every reservation, by id.</summary>
    public IReadOnlyList<BookingComReservation> Reservations
    {
        get
        {
            lock (_owner.Gate)
            {
                return _reservations.Values.OrderBy(r => r.ReservationId, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>The simulator's listing key of a room (for <see cref="SimulatorState.GetDay"/>): <c>{hotel}:{room}</c>.</summary>
    /// <param name="hotelId">The hotel.</param>
    /// <param name="roomId">The room type.</param>
    /// <returns>The key.</returns>
    public static string ListingKey(string hotelId, string roomId) => hotelId + ":" + roomId;

    /// <summary>Gets a reservation.</summary>
    /// <param name="reservationId">The <c>ResID_Value</c>.</param>
    /// <returns>The reservation, or <see langword="null"/>.</returns>
    public BookingComReservation? GetReservation(string reservationId)
    {
        lock (_owner.Gate)
        {
            return _reservations.GetValueOrDefault(reservationId);
        }
    }

    /// <summary>Makes every token issued so far invalid (as if they had expired): the next call with one answers 401.</summary>
    public void ExpireTokens()
    {
        lock (_owner.Gate)
        {
            _tokens.Clear();
        }
    }

    /// <summary>
    /// Books a room (or several room types, <see cref="BookingComReservationRequest.AdditionalRoomIds"/>): the reservation
    /// enters the new-reservations queue and takes one room of each night of each of its room types.
    /// </summary>
    /// <param name="request">The booking.</param>
    /// <returns>The reservation.</returns>
    /// <exception cref="ArgumentException">When the request is invalid.</exception>
    /// <exception cref="InvalidOperationException">When the id exists.</exception>
    public BookingComReservation Create(BookingComReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        lock (_owner.Gate)
        {
            var id = request.ReservationId ?? NewId();
            if (_reservations.ContainsKey(id))
            {
                throw new InvalidOperationException($"A reservation {id} exists already.");
            }

            var total = request.TotalAmount ?? request.AdditionalRoomIds.Prepend(request.RoomId)
                .Sum(room => Nights(request.Arrival, request.Departure).Sum(d => _owner.DayUnderLock(Platform.BookingCom, ListingKey(request.HotelId, room), d).DailyPrice ?? 100m));
            var now = Now();
            var reservation = new BookingComReservation
            {
                ReservationId = id,
                HotelId = request.HotelId,
                RoomId = request.RoomId,
                AdditionalRoomIds = request.AdditionalRoomIds.ToArray(),
                RatePlanId = request.RatePlanId,
                Arrival = request.Arrival,
                Departure = request.Departure,
                NumberOfGuests = request.NumberOfGuests,
                GuestFirstName = request.GuestFirstName,
                GuestLastName = request.GuestLastName,
                GuestEmail = request.GuestEmail,
                GuestPhone = request.GuestPhone,
                TotalAmount = total,
                Currency = request.Currency,
                CreatedAt = now,
                LastModifiedAt = now,
                PendingNew = true,
            };
            _reservations[id] = reservation;
            Hold(reservation);
            return reservation;
        }
    }

    /// <summary>Cancels a reservation and gives its rooms back.</summary>
    /// <param name="reservationId">The reservation.</param>
    /// <returns>The cancelled reservation.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When already cancelled.</exception>
    public BookingComReservation Cancel(string reservationId)
    {
        lock (_owner.Gate)
        {
            var current = Existing(reservationId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The reservation {reservationId} is already cancelled.");
            }

            Release(current);
            return Changed(current with { ResStatus = "Cancel" });
        }
    }

    /// <summary>Moves a reservation to new dates.</summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="arrival">The new arrival.</param>
    /// <param name="departure">The new departure.</param>
    /// <returns>The modified reservation.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When cancelled.</exception>
    public BookingComReservation Modify(string reservationId, DateOnly arrival, DateOnly departure)
    {
        if (departure <= arrival)
        {
            throw new ArgumentException("The departure must be after the arrival.", nameof(departure));
        }

        lock (_owner.Gate)
        {
            var current = Existing(reservationId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The reservation {reservationId} is cancelled and cannot be modified.");
            }

            Release(current);
            var modified = Changed(current with { ResStatus = "Modify", Arrival = arrival, Departure = departure });
            Hold(modified);
            return modified;
        }
    }

    internal string IssueToken(TimeSpan lifetime)
    {
        var now = _owner.TimeProvider.GetUtcNow();
        var expires = now + lifetime;
        var header = Base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        var payload = Base64Url(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"sub\":\"machine-account\",\"aud\":\"supply-xml\",\"iss\":\"urn://connectivity-modern-auth/v1\",\"iat\":{now.ToUnixTimeSeconds()},\"exp\":{expires.ToUnixTimeSeconds()},\"jti\":\"{Guid.NewGuid():N}\"}}"));
        var token = header + "." + payload + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        lock (_owner.Gate)
        {
            _tokens[token] = expires;
        }

        Interlocked.Increment(ref _tokenExchanges);
        return token;
    }

    internal bool IsTokenValid(string token)
    {
        lock (_owner.Gate)
        {
            return _tokens.TryGetValue(token, out var expires) && _owner.TimeProvider.GetUtcNow() < expires && _owner.IsTokenValid(token);
        }
    }

    /// <summary>The reservations a queue serves now, filtered as the <c>hotel_ids</c> and <c>id</c> parameters ask.</summary>
    internal IReadOnlyList<BookingComReservation> Pending(bool modifyQueue, IReadOnlyCollection<string>? hotelIds, string? id)
    {
        lock (_owner.Gate)
        {
            return _reservations.Values
                .Where(r => modifyQueue ? r.PendingModify : r.PendingNew)
                .Where(r => hotelIds is null || hotelIds.Contains(r.HotelId))
                .Where(r => id is null || r.ReservationId == id)
                .OrderBy(r => r.LastModifiedAt).ThenBy(r => r.ReservationId, StringComparer.Ordinal)
                .ToArray();
        }
    }

    /// <summary>Acknowledges reservations on one queue; all or nothing.</summary>
    /// <returns>An error (wrong type / unknown id), or <see langword="null"/> with the ids that were not pending any more.</returns>
    internal string? Acknowledge(bool modifyQueue, IReadOnlyList<string> ids, out IReadOnlyList<string> alreadyAcknowledged)
    {
        lock (_owner.Gate)
        {
            var already = new List<string>();
            foreach (var id in ids)
            {
                if (!_reservations.TryGetValue(id, out var r))
                {
                    alreadyAcknowledged = [];
                    return $"Unknown reservation {id}.";
                }

                var pendingHere = modifyQueue ? r.PendingModify : r.PendingNew;
                var pendingThere = modifyQueue ? r.PendingNew : r.PendingModify;
                if (!pendingHere && pendingThere)
                {
                    alreadyAcknowledged = [];
                    return $"Hotel reservation has transaction message of the wrong type ({id}).";
                }

                if (!pendingHere)
                {
                    already.Add(id);
                }
            }

            foreach (var id in ids.Except(already))
            {
                var r = _reservations[id];
                _reservations[id] = (modifyQueue ? r with { PendingModify = false } : r with { PendingNew = false }) with { Acknowledgements = r.Acknowledgements + 1 };
            }

            alreadyAcknowledged = already;
            return null;
        }
    }

    /// <summary>The rate plan last pushed for a room (the simulator keeps one rate plan per room).</summary>
    /// <param name="listingKey">The room's key, <c>{hotel}:{room}</c>.</param>
    /// <returns>The rate plan id, or <see langword="null"/>.</returns>
    public string? RatePlanOf(string listingKey)
    {
        lock (_owner.Gate)
        {
            return _ratePlans.GetValueOrDefault(listingKey);
        }
    }

    internal void RememberRatePlanUnderLock(string listingKey, string ratePlanId) => _ratePlans[listingKey] = ratePlanId;

    /// <summary>Forgets everything; the caller holds the state's lock.</summary>
    internal void ClearUnderLock()
    {
        _reservations.Clear();
        _tokens.Clear();
        _ratePlans.Clear();
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IEnumerable<DateOnly> Nights(DateOnly arrival, DateOnly departure) =>
        Enumerable.Range(0, departure.DayNumber - arrival.DayNumber).Select(arrival.AddDays);

    /// <summary>Stores a change: before the first acknowledgement it stays a new reservation, after it it is a modification.</summary>
    private BookingComReservation Changed(BookingComReservation reservation)
    {
        var now = Now();
        var updated = reservation with
        {
            LastModifiedAt = now > reservation.LastModifiedAt ? now : reservation.LastModifiedAt.AddSeconds(1),
            PendingModify = !reservation.PendingNew,
        };
        _reservations[updated.ReservationId] = updated;
        return updated;
    }

    private BookingComReservation Existing(string id) =>
        _reservations.TryGetValue(id, out var r) ? r : throw new KeyNotFoundException($"Reservation {id} was not found.");

    private void Hold(BookingComReservation reservation)
    {
        foreach (var key in reservation.ListingKeys)
        {
            foreach (var night in Nights(reservation.Arrival, reservation.Departure))
            {
                var day = _owner.DayUnderLock(Platform.BookingCom, key, night);
                _owner.SetDayUnderLock(Platform.BookingCom, key, day with { AvailableCount = Math.Max(0, (day.AvailableCount ?? 1) - 1), ReservationCode = reservation.ReservationId });
            }
        }
    }

    private void Release(BookingComReservation reservation)
    {
        foreach (var key in reservation.ListingKeys)
        {
            foreach (var night in Nights(reservation.Arrival, reservation.Departure))
            {
                var day = _owner.DayUnderLock(Platform.BookingCom, key, night);
                _owner.SetDayUnderLock(
                    Platform.BookingCom,
                    key,
                    day with { AvailableCount = (day.AvailableCount ?? 0) + 1, ReservationCode = day.ReservationCode == reservation.ReservationId ? null : day.ReservationCode });
            }
        }
    }

    private string NewId()
    {
        while (true)
        {
            var id = (4_000_000_000L + RandomNumberGenerator.GetInt32(0, int.MaxValue)).ToString(CultureInfo.InvariantCulture);
            if (!_reservations.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Now, to the second (OTA date-times carry seconds).</summary>
    private DateTimeOffset Now()
    {
        var now = _owner.TimeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
