using System.Security.Cryptography;
using ChannelManager.Connections;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// The simulated Airbnb's reservations. A reservation and the nights it holds change together, under the
/// state's lock. Thread-safe.
/// </summary>
public sealed class AirbnbState
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private readonly SimulatorState _owner;
    private readonly Dictionary<string, AirbnbReservation> _reservations = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Refresh token → the access token it last issued, and the host's user id.</summary>
    private readonly Dictionary<string, (string AccessToken, long UserId)> _grants = new(StringComparer.Ordinal);

    /// <summary>Access tokens issued here → when they expire. Tokens not issued here never expire (any token is accepted).</summary>
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private int _tokenRefreshes;
    private long _nextUserId = 10_000_000;

    internal AirbnbState(SimulatorState owner) => _owner = owner;

    /// <summary>How many refreshes <c>POST /v2/oauth2/authorizations</c> granted.</summary>
    public int TokenRefreshes => Volatile.Read(ref _tokenRefreshes);

    /// <summary>
    /// Issues a grant as if a host had connected: an access token that expires after <paramref name="lifetime"/> and a
    /// refresh token the token endpoint exchanges. Revoke either with <see cref="SimulatorState.RevokeToken"/>.
    /// </summary>
    /// <param name="lifetime">How long the access token lives (zero or less: it has expired already).</param>
    /// <returns>The tokens.</returns>
    public AirbnbTokenGrant IssueTokens(TimeSpan lifetime)
    {
        lock (_owner.Gate)
        {
            var grant = new AirbnbTokenGrant(NewToken("atk"), NewToken("rtk"), _owner.TimeProvider.GetUtcNow() + lifetime, Interlocked.Increment(ref _nextUserId));
            _grants[grant.RefreshToken] = (grant.AccessToken, grant.UserId);
            _expiries[grant.AccessToken] = grant.ExpiresAt;
            return grant;
        }
    }

    /// <summary>Makes an access token expire now: calls with it answer 401 until it is refreshed.</summary>
    /// <param name="accessToken">The token (issued here or not).</param>
    public void ExpireAccessToken(string accessToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        lock (_owner.Gate)
        {
            _expiries[accessToken] = _owner.TimeProvider.GetUtcNow();
        }
    }

    /// <summary>Whether calls with an access token are authorised: not revoked and, if issued here, not expired.</summary>
    /// <param name="accessToken">The token.</param>
    /// <param name="expired">Whether it was refused because it expired.</param>
    /// <returns><see langword="true"/> when authorised.</returns>
    internal bool IsAccessTokenValid(string accessToken, out bool expired)
    {
        expired = false;
        if (!_owner.IsTokenValid(accessToken))
        {
            return false;
        }

        lock (_owner.Gate)
        {
            expired = _expiries.TryGetValue(accessToken, out var expiresAt) && _owner.TimeProvider.GetUtcNow() >= expiresAt;
            return !expired;
        }
    }

    /// <summary>
    /// Exchanges a refresh token this simulator issued and nobody revoked for a new access token; the access token it
    /// issued before stops working. <see langword="null"/> for an unknown or revoked refresh token.
    /// </summary>
    internal AirbnbTokenGrant? Refresh(string refreshToken, TimeSpan lifetime, bool rotate)
    {
        if (!_owner.IsTokenValid(refreshToken))
        {
            return null;
        }

        lock (_owner.Gate)
        {
            if (!_grants.TryGetValue(refreshToken, out var previous))
            {
                return null;
            }

            _owner.RevokeToken(previous.AccessToken);
            _expiries.Remove(previous.AccessToken);
            var grant = new AirbnbTokenGrant(NewToken("atk"), rotate ? NewToken("rtk") : refreshToken, _owner.TimeProvider.GetUtcNow() + lifetime, previous.UserId);
            if (rotate)
            {
                _grants.Remove(refreshToken);
            }

            _grants[grant.RefreshToken] = (grant.AccessToken, grant.UserId);
            _expiries[grant.AccessToken] = grant.ExpiresAt;
            Interlocked.Increment(ref _tokenRefreshes);
            return grant;
        }
    }

    /// <summary>Every reservation, most recently changed first.</summary>
    public IReadOnlyList<AirbnbReservation> Reservations
    {
        get
        {
            lock (_owner.Gate)
            {
                return Ordered(_reservations.Values);
            }
        }
    }

    /// <summary>Gets a reservation by confirmation code.</summary>
    /// <param name="confirmationCode">The code.</param>
    /// <returns>The reservation, or <see langword="null"/>.</returns>
    public AirbnbReservation? GetReservation(string confirmationCode)
    {
        lock (_owner.Gate)
        {
            return _reservations.GetValueOrDefault(confirmationCode);
        }
    }

    /// <summary>The reservations of one listing, most recently changed first.</summary>
    /// <param name="listingId">The listing.</param>
    /// <returns>The reservations.</returns>
    public IReadOnlyList<AirbnbReservation> GetReservations(string listingId)
    {
        lock (_owner.Gate)
        {
            return Ordered(_reservations.Values.Where(r => r.ListingId == listingId));
        }
    }

    internal AirbnbReservation Create(AirbnbReservationRequest request)
    {
        request.Validate();
        lock (_owner.Gate)
        {
            if (!_owner.ListingExists(Platform.Airbnb, request.ListingId))
            {
                throw new KeyNotFoundException($"Listing {request.ListingId} was not found.");
            }

            var code = request.ConfirmationCode ?? NewCode();
            if (_reservations.ContainsKey(code))
            {
                throw new InvalidOperationException($"A reservation {code} exists already.");
            }

            var nights = Nights(request.StartDate, request.Nights).Select(d => _owner.DayUnderLock(Platform.Airbnb, request.ListingId, d)).ToArray();
            if (request.RequireAvailability && nights.FirstOrDefault(n => !n.IsAvailable) is { } taken)
            {
                throw new InvalidOperationException($"The night {taken.Date:yyyy-MM-dd} is not available.");
            }

            var basePrice = request.ListingBasePrice ?? nights.Sum(n => n.DailyPrice ?? 100m);
            var now = Now();
            var reservation = new AirbnbReservation
            {
                ConfirmationCode = code,
                ListingId = request.ListingId,
                StartDate = request.StartDate,
                Nights = request.Nights,
                NumberOfGuests = request.NumberOfGuests,
                GuestFirstName = request.GuestFirstName,
                GuestLastName = request.GuestLastName,
                GuestEmail = request.GuestEmail,
                GuestPhoneNumbers = request.GuestPhoneNumbers.ToArray(),
                ListingBasePrice = basePrice,
                ExpectedPayoutAmount = request.ExpectedPayoutAmount ?? decimal.Round(basePrice * 0.97m, 2, MidpointRounding.AwayFromZero),
                Currency = request.Currency,
                CreatedAt = now,
                UpdatedAt = now,
            };
            _reservations[code] = reservation;
            Hold(reservation);
            return reservation;
        }
    }

    internal AirbnbReservation Cancel(string confirmationCode)
    {
        lock (_owner.Gate)
        {
            var current = Existing(confirmationCode);
            if (!current.IsAccepted)
            {
                throw new InvalidOperationException($"The reservation {current.ConfirmationCode} is already cancelled.");
            }

            var cancelled = current with { StatusType = AirbnbReservationStatus.Cancelled, UpdatedAt = Later(current.UpdatedAt) };
            _reservations[current.ConfirmationCode] = cancelled;
            Release(current);
            return cancelled;
        }
    }

    internal AirbnbReservation Alter(string confirmationCode, DateOnly newStartDate, int newNights)
    {
        if (newNights is < 1 or > 365)
        {
            throw new ArgumentException("A reservation has 1 to 365 nights.", nameof(newNights));
        }

        lock (_owner.Gate)
        {
            var current = Existing(confirmationCode);
            if (!current.IsAccepted)
            {
                throw new InvalidOperationException($"The reservation {current.ConfirmationCode} is cancelled and cannot be altered.");
            }

            var altered = current with { StartDate = newStartDate, Nights = newNights, UpdatedAt = Later(current.UpdatedAt) };
            _reservations[current.ConfirmationCode] = altered;
            Release(current);
            Hold(altered);
            return altered;
        }
    }

    /// <summary>Forgets every reservation, grant and token expiry; the caller holds the state's lock.</summary>
    internal void ClearUnderLock()
    {
        _reservations.Clear();
        _grants.Clear();
        _expiries.Clear();
        Volatile.Write(ref _tokenRefreshes, 0);
    }

    private static string NewToken(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    private static IReadOnlyList<AirbnbReservation> Ordered(IEnumerable<AirbnbReservation> reservations) =>
        reservations.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.ConfirmationCode, StringComparer.Ordinal).ToArray();

    private static IEnumerable<DateOnly> Nights(DateOnly start, int nights) => Enumerable.Range(0, nights).Select(start.AddDays);

    private AirbnbReservation Existing(string confirmationCode) =>
        _reservations.TryGetValue(confirmationCode, out var r) ? r : throw new KeyNotFoundException($"Reservation {confirmationCode} was not found.");

    private void Hold(AirbnbReservation reservation)
    {
        foreach (var night in Nights(reservation.StartDate, reservation.Nights))
        {
            var day = _owner.DayUnderLock(Platform.Airbnb, reservation.ListingId, night);
            _owner.SetDayUnderLock(Platform.Airbnb, reservation.ListingId, day with { IsAvailable = false, BusySubtype = null, ReservationCode = reservation.ConfirmationCode });
        }
    }

    /// <summary>Frees the nights the reservation held, unless another accepted reservation also holds them (an overbooking).</summary>
    private void Release(AirbnbReservation reservation)
    {
        foreach (var night in Nights(reservation.StartDate, reservation.Nights))
        {
            var day = _owner.DayUnderLock(Platform.Airbnb, reservation.ListingId, night);
            if (!string.Equals(day.ReservationCode, reservation.ConfirmationCode, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var other = _reservations.Values.FirstOrDefault(r =>
                r.IsAccepted && r.ListingId == reservation.ListingId && r.ConfirmationCode != reservation.ConfirmationCode &&
                night >= r.StartDate && night < r.EndDate);
            _owner.SetDayUnderLock(
                Platform.Airbnb,
                reservation.ListingId,
                other is null
                    ? day with { IsAvailable = true, BusySubtype = null, ReservationCode = null }
                    : day with { ReservationCode = other.ConfirmationCode });
        }
    }

    private string NewCode()
    {
        while (true)
        {
            var code = "HM" + new string(RandomNumberGenerator.GetItems<char>(CodeAlphabet, 8));
            if (!_reservations.ContainsKey(code))
            {
                return code;
            }
        }
    }

    private DateTimeOffset Now()
    {
        var now = _owner.TimeProvider.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    /// <summary>Now, but strictly after <paramref name="previous"/>, so that every change supersedes the one before.</summary>
    private DateTimeOffset Later(DateTimeOffset previous)
    {
        var now = Now();
        return now > previous ? now : previous.AddMilliseconds(1);
    }
}
