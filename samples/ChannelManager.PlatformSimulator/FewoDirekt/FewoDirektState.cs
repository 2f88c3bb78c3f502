using System.Globalization;
using System.Security.Cryptography;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// The simulated Vrbo's bookings and calendars. A listing's calendar (<see cref="SimulatorState.GetDay"/> with
/// <see cref="Platform.FewoDirekt"/> and the <c>listingExternalId</c>) holds what the last poll of the partner's feeds
/// read, and a booking made here closes its nights at once. Thread-safe.
/// </summary>
public sealed class FewoDirektState
{
    private readonly SimulatorState _owner;
    private readonly Dictionary<string, FewoDirektReservation> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _contentVersions = new(StringComparer.Ordinal);

    internal FewoDirektState(SimulatorState owner) => _owner = owner;

    /// <summary>Every booking, by id.</summary>
    public IReadOnlyList<FewoDirektReservation> Reservations
    {
        get
        {
            lock (_owner.Gate)
            {
                return _reservations.Values.OrderBy(r => r.ReservationId, StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>Gets a booking.</summary>
    /// <param name="reservationId">The id.</param>
    /// <returns>The booking, or <see langword="null"/>.</returns>
    public FewoDirektReservation? GetReservation(string reservationId)
    {
        lock (_owner.Gate)
        {
            return _reservations.GetValueOrDefault(reservationId);
        }
    }

    /// <summary>Books: the nights close (even when already taken: the simulator does not refuse overbookings).</summary>
    /// <param name="request">The booking.</param>
    /// <returns>The booking.</returns>
    /// <exception cref="ArgumentException">When the dates are invalid.</exception>
    /// <exception cref="InvalidOperationException">When the id exists.</exception>
    public FewoDirektReservation Create(FewoDirektReservationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ListingId);
        if (request.EndDate <= request.BeginDate)
        {
            throw new ArgumentException("The end date (check-out) must be after the begin date.", nameof(request));
        }

        lock (_owner.Gate)
        {
            var id = request.ReservationId ?? NewId();
            if (_reservations.ContainsKey(id))
            {
                throw new InvalidOperationException($"A reservation {id} exists already.");
            }

            var now = Now();
            var rent = request.Rent ?? Nights(request.BeginDate, request.EndDate).Sum(d => _owner.DayUnderLock(Platform.FewoDirekt, request.ListingId, d).DailyPrice ?? 100m);
            var reservation = new FewoDirektReservation
            {
                ReservationId = id,
                AdvertiserId = request.AdvertiserId,
                ListingId = request.ListingId,
                UnitId = request.UnitId ?? request.ListingId,
                BeginDate = request.BeginDate,
                EndDate = request.EndDate,
                Adults = request.Adults,
                Children = request.Children,
                Pets = request.Pets,
                FirstName = request.FirstName,
                LastName = request.LastName,
                Email = request.Email,
                Phone = request.Phone,
                Rent = rent,
                CleaningFee = request.CleaningFee,
                ServiceFee = Math.Round(rent * 0.08m, 2),
                Currency = request.Currency,
                CreatedAt = now,
                LastUpdatedAt = now,
            };
            _reservations[id] = reservation;
            Hold(reservation);
            return reservation;
        }
    }

    /// <summary>Cancels a booking and reopens its nights.</summary>
    /// <param name="reservationId">The id.</param>
    /// <returns>The cancelled booking.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When already cancelled.</exception>
    public FewoDirektReservation Cancel(string reservationId)
    {
        lock (_owner.Gate)
        {
            var current = Existing(reservationId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The reservation {reservationId} is already cancelled.");
            }

            Release(current);
            return Store(current with { Status = "CANCELLED" });
        }
    }

    /// <summary>Moves a booking to new dates.</summary>
    /// <param name="reservationId">The id.</param>
    /// <param name="beginDate">The new check-in.</param>
    /// <param name="endDate">The new check-out.</param>
    /// <returns>The modified booking.</returns>
    /// <exception cref="KeyNotFoundException">When unknown.</exception>
    /// <exception cref="InvalidOperationException">When cancelled.</exception>
    public FewoDirektReservation Modify(string reservationId, DateOnly beginDate, DateOnly endDate)
    {
        if (endDate <= beginDate)
        {
            throw new ArgumentException("The end date (check-out) must be after the begin date.", nameof(endDate));
        }

        lock (_owner.Gate)
        {
            var current = Existing(reservationId);
            if (!current.IsActive)
            {
                throw new InvalidOperationException($"The reservation {reservationId} is cancelled and cannot be modified.");
            }

            Release(current);
            var modified = Store(current with { Status = "MODIFIED", BeginDate = beginDate, EndDate = endDate });
            Hold(modified);
            return modified;
        }
    }

    /// <summary>The <c>lastUpdatedDate</c> of the content last read from a URL.</summary>
    internal DateTimeOffset? ContentVersion(Uri contentUrl)
    {
        lock (_owner.Gate)
        {
            return _contentVersions.TryGetValue(contentUrl.AbsoluteUri, out var v) ? v : null;
        }
    }

    /// <summary>Remembers the <c>lastUpdatedDate</c> of the content read from a URL.</summary>
    internal void SetContentVersion(Uri contentUrl, DateTimeOffset lastUpdated)
    {
        lock (_owner.Gate)
        {
            _contentVersions[contentUrl.AbsoluteUri] = lastUpdated;
        }
    }

    /// <summary>Applies a unit availability feed to the listing's calendar (a night held by a booking here stays closed).</summary>
    internal void ApplyAvailability(string listingId, IReadOnlyList<FewoDirektWire.AvailabilityDay> days)
    {
        lock (_owner.Gate)
        {
            foreach (var d in days)
            {
                var day = _owner.DayUnderLock(Platform.FewoDirekt, listingId, d.Date);
                var held = day.ReservationCode is { } code && _reservations.TryGetValue(code, out var r) && r.IsActive;
                _owner.SetDayUnderLock(Platform.FewoDirekt, listingId, day with
                {
                    IsAvailable = !held && (d.Available ?? day.IsAvailable),
                    ClosedToArrival = d.ClosedToArrival ?? day.ClosedToArrival,
                    ClosedToDeparture = d.ClosedToDeparture ?? day.ClosedToDeparture,
                    MinNights = d.MinStay is null ? day.MinNights : d.MinStay > 0 ? d.MinStay : null,
                    MaxNights = d.MaxStay is null ? day.MaxNights : d.MaxStay > 0 ? d.MaxStay : null,
                });
            }
        }
    }

    /// <summary>Applies a lodging rate feed to the listing's calendar.</summary>
    internal void ApplyRates(string listingId, IReadOnlyList<(DateOnly Date, decimal Rate)> rates)
    {
        lock (_owner.Gate)
        {
            foreach (var (date, rate) in rates)
            {
                var day = _owner.DayUnderLock(Platform.FewoDirekt, listingId, date);
                _owner.SetDayUnderLock(Platform.FewoDirekt, listingId, day with { DailyPrice = rate });
            }
        }
    }

    internal void ClearUnderLock()
    {
        _reservations.Clear();
        _contentVersions.Clear();
    }

    private static IEnumerable<DateOnly> Nights(DateOnly begin, DateOnly end) =>
        Enumerable.Range(0, end.DayNumber - begin.DayNumber).Select(begin.AddDays);

    private FewoDirektReservation Store(FewoDirektReservation reservation)
    {
        var now = Now();
        var stored = reservation with { LastUpdatedAt = now > reservation.LastUpdatedAt ? now : reservation.LastUpdatedAt.AddSeconds(1) };
        _reservations[stored.ReservationId] = stored;
        return stored;
    }

    private FewoDirektReservation Existing(string id) =>
        _reservations.TryGetValue(id, out var r) ? r : throw new KeyNotFoundException($"Reservation {id} was not found.");

    private void Hold(FewoDirektReservation reservation)
    {
        foreach (var night in Nights(reservation.BeginDate, reservation.EndDate))
        {
            var day = _owner.DayUnderLock(Platform.FewoDirekt, reservation.ListingId, night);
            _owner.SetDayUnderLock(Platform.FewoDirekt, reservation.ListingId, day with { IsAvailable = false, ReservationCode = reservation.ReservationId });
        }
    }

    private void Release(FewoDirektReservation reservation)
    {
        foreach (var night in Nights(reservation.BeginDate, reservation.EndDate))
        {
            var day = _owner.DayUnderLock(Platform.FewoDirekt, reservation.ListingId, night);
            if (day.ReservationCode == reservation.ReservationId)
            {
                _owner.SetDayUnderLock(Platform.FewoDirekt, reservation.ListingId, day with { IsAvailable = true, ReservationCode = null });
            }
        }
    }

    private string NewId()
    {
        while (true)
        {
            var id = "HA-" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
            if (!_reservations.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>Now, to the second (the documents carry seconds).</summary>
    private DateTimeOffset Now()
    {
        var now = _owner.TimeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
