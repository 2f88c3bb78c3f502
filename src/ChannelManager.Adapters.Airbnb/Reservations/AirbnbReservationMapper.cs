using System.Globalization;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Airbnb.Reservations;

/// <summary>
/// Maps Airbnb's reservation to <see cref="PlatformReservation"/>: stay = <c>start_date</c> + <c>nights</c>;
/// <c>accepted</c> → confirmed, <c>cancelled</c>/<c>canceled</c>/<c>denied</c> → cancelled; the total is
/// <c>expected_payout_amount_accurate</c> (what the host is paid; Airbnb's guest total is not in the schema),
/// else <c>listing_base_price_accurate</c>; the guest's first phone number.
/// </summary>
internal static class AirbnbReservationMapper
{
    /// <summary>Whether the status is one a reservation holds or released nights in (others, e.g. pending requests, are not bookings).</summary>
    public static BookingStatus? StatusOf(string? statusType) => statusType?.Trim().ToLowerInvariant() switch
    {
        "accepted" => BookingStatus.Confirmed,
        "cancelled" or "canceled" or "denied" => BookingStatus.Cancelled,
        _ => null,
    };

    /// <summary>Maps a reservation.</summary>
    /// <param name="dto">Airbnb's reservation.</param>
    /// <param name="status">The status to use; from <c>status_type</c> when omitted.</param>
    /// <exception cref="AirbnbReservationFormatException">When a required field is missing or invalid.</exception>
    public static PlatformReservation Map(AirbnbReservationDto dto, BookingStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(dto);
        if (string.IsNullOrWhiteSpace(dto.ConfirmationCode))
        {
            throw new AirbnbReservationFormatException("reservation.confirmation_code is missing.");
        }

        if (string.IsNullOrWhiteSpace(dto.ListingId))
        {
            throw new AirbnbReservationFormatException("reservation.listing_id is missing.");
        }

        if (dto.StartDate is null ||
            !DateOnly.TryParseExact(dto.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkIn))
        {
            throw new AirbnbReservationFormatException("reservation.start_date is missing or not YYYY-MM-DD.");
        }

        if (dto.Nights is not { } nights)
        {
            throw new AirbnbReservationFormatException("reservation.nights is missing.");
        }

        if (nights < 1 || checkIn.DayNumber + nights > DateOnly.MaxValue.DayNumber)
        {
            throw new AirbnbReservationFormatException("reservation: the check-out must be after the check-in (nights must be at least 1).");
        }

        var resolvedStatus = status ?? StatusOf(dto.StatusType)
            ?? throw new AirbnbReservationFormatException($"reservation.status_type \"{dto.StatusType}\" is not accepted or cancelled.");
        if (dto.NumberOfGuests is < 1)
        {
            throw new AirbnbReservationFormatException("reservation.number_of_guests must be at least 1.");
        }

        var phone = dto.GuestPhoneNumbers?.FirstOrDefault(p => !string.IsNullOrWhiteSpace(p));
        var hasGuest = dto.GuestFirstName is not null || dto.GuestLastName is not null || dto.GuestEmail is not null || phone is not null;
        return new PlatformReservation
        {
            Platform = Platform.Airbnb,
            ConfirmationCode = dto.ConfirmationCode.Trim(),
            ListingId = dto.ListingId,
            Stay = new DateRange(checkIn, checkIn.AddDays(nights)),
            Status = resolvedStatus,
            NumberOfGuests = dto.NumberOfGuests ?? 1,
            Guest = hasGuest ? new GuestDetails(dto.GuestFirstName, dto.GuestLastName, dto.GuestEmail, phone) : null,
            TotalAmount = dto.ExpectedPayoutAmountAccurate ?? dto.ListingBasePriceAccurate,
            Currency = string.IsNullOrWhiteSpace(dto.Currency) ? null : dto.Currency.Trim().ToUpperInvariant(),
            UpdatedAt = dto.UpdatedAt,
        };
    }
}
