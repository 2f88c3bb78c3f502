using System.Globalization;
using System.Text.Json;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>
/// The JSON shapes of the simulated Airbnb (snake_case, as in platforms.md §2).
/// <para>
/// ASSUMED fields, in no public Airbnb source: <c>currency</c>, <c>updated_at</c> and <c>created_at</c> of a
/// reservation; the values <c>accepted</c>/<c>cancelled</c> of <c>status_type</c>; the per-night
/// <c>min_nights</c>, <c>max_nights</c>, <c>closed_to_arrival</c>, <c>closed_to_departure</c> of calendar operations
/// and of the calendar read-back; <c>reservation_confirmation_code</c> of a read-back night.
/// </para>
/// </summary>
internal static class AirbnbWire
{
    /// <summary>A listing id as Airbnb writes it: a JSON number when it is one, else a string.</summary>
    public static object ListingId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) &&
        n.ToString(CultureInfo.InvariantCulture) == id ? n : id;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static object Reservation(AirbnbReservation r) => new
    {
        confirmation_code = r.ConfirmationCode,
        listing_id = ListingId(r.ListingId),
        start_date = Date(r.StartDate),
        nights = r.Nights,
        number_of_guests = r.NumberOfGuests,
        status_type = r.StatusType,
        guest_first_name = r.GuestFirstName,
        guest_last_name = r.GuestLastName,
        guest_email = r.GuestEmail,
        guest_phone_numbers = r.GuestPhoneNumbers,
        expected_payout_amount_accurate = r.ExpectedPayoutAmount.ToString(CultureInfo.InvariantCulture),
        listing_base_price_accurate = r.ListingBasePrice.ToString(CultureInfo.InvariantCulture),
        currency = r.Currency,
        created_at = Timestamp(r.CreatedAt),
        updated_at = Timestamp(r.UpdatedAt),
    };

    public static object Day(SimulatedDay d) => new
    {
        date = Date(d.Date),
        availability = d.IsAvailable ? "available" : "unavailable",
        daily_price = d.DailyPrice,
        available_count = d.AvailableCount,
        min_nights = d.MinNights,
        max_nights = d.MaxNights,
        closed_to_arrival = d.ClosedToArrival,
        closed_to_departure = d.ClosedToDeparture,
        busy_subtype = d.BusySubtype,
        notes = d.Notes,
        reservation_confirmation_code = d.ReservationCode,
    };

    public static byte[] WebhookBody(string action, AirbnbReservation? reservation) =>
        JsonSerializer.SerializeToUtf8Bytes(
            reservation is null ? new { action } : (object)new { action, reservation = Reservation(reservation) },
            SimulatorJson.Options);
}
