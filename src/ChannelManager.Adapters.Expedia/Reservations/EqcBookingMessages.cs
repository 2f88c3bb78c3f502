using System.Globalization;
using System.Xml.Linq;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.Expedia.Reservations;

/// <summary>A booking message read from <c>BookingRetrievalRS</c>, before it is matched to a connection.</summary>
/// <param name="BookingId">The Expedia booking id.</param>
/// <param name="BookingType"><c>Book</c>, <c>Modify</c> or <c>Cancel</c> (echoed by the confirmation).</param>
/// <param name="HotelId">The property.</param>
/// <param name="RoomTypeId">The room type (<c>0</c> on cancellations).</param>
/// <param name="Reservation">The mapped reservation (listing <c>{property}:{room type}</c>, or the property alone when the message names no room type).</param>
internal sealed record RetrievedBooking(string BookingId, string BookingType, string HotelId, string RoomTypeId, PlatformReservation Reservation);

/// <summary>A booking to confirm with <c>BookingConfirmRQ</c>.</summary>
internal sealed record BookingToConfirm(string BookingId, string BookingType, string ConfirmNumber);

/// <summary>
/// Writes <c>BookingRetrievalRQ</c> and <c>BookingConfirmRQ</c>, and reads <c>BookingRetrievalRS</c>
/// (platforms.md §3): <c>Bookings/Booking[@id @type @createDateTime @source @status]</c> → <c>Hotel@id</c>,
/// <c>RoomStay[@roomTypeID @ratePlanID]</c> (<c>StayDate@arrival/@departure</c>, <c>GuestCount@adult/@child</c>,
/// <c>Total@amountAfterTaxes/@currency</c>), <c>PrimaryGuest</c> (<c>Name@givenName/@surname</c>, <c>Phone</c>,
/// <c>Email</c>).
/// </summary>
internal static class EqcBookingMessages
{
    /// <summary>The booking statuses a pull asks for: not yet retrieved, and retrieved but not confirmed.</summary>
    public static readonly string[] UnconfirmedStatuses = ["pending", "retrieved"];

    /// <summary>
    /// A retrieval for one property: one booking by id, the bookings of the last <paramref name="daysInPast"/> days,
    /// or (neither) the bookings with the <see cref="UnconfirmedStatuses"/>.
    /// </summary>
    public static byte[] Retrieval(string username, string password, string hotelId, string? bookingId = null, int? daysInPast = null)
    {
        const string Ns = EqcXml.BrNamespace;
        return EqcXml.Write(w =>
        {
            w.WriteStartElement("BookingRetrievalRQ", Ns);
            EqcXml.WriteAuthentication(w, Ns, username, password);
            w.WriteStartElement("Hotel", Ns);
            w.WriteAttributeString("id", hotelId);
            w.WriteEndElement();
            w.WriteStartElement("ParamSet", Ns);
            if (bookingId is not null)
            {
                w.WriteStartElement("Booking", Ns);
                w.WriteAttributeString("id", bookingId);
                w.WriteEndElement();
            }
            else if (daysInPast is { } days)
            {
                w.WriteStartElement("NbDaysInPast", Ns);
                w.WriteString(EqcXml.Int(days));
                w.WriteEndElement();
            }
            else
            {
                foreach (var status in UnconfirmedStatuses)
                {
                    w.WriteStartElement("Status", Ns);
                    w.WriteAttributeString("value", status);
                    w.WriteEndElement();
                }
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    /// <summary>A confirmation of bookings of one property, all confirmed at <paramref name="confirmTime"/>.</summary>
    public static byte[] Confirmation(string username, string password, string hotelId, IReadOnlyList<BookingToConfirm> bookings, DateTimeOffset confirmTime)
    {
        const string Ns = EqcXml.BcNamespace;
        return EqcXml.Write(w =>
        {
            w.WriteStartElement("BookingConfirmRQ", Ns);
            EqcXml.WriteAuthentication(w, Ns, username, password);
            w.WriteStartElement("Hotel", Ns);
            w.WriteAttributeString("id", hotelId);
            w.WriteEndElement();
            w.WriteStartElement("BookingConfirmNumbers", Ns);
            foreach (var booking in bookings)
            {
                w.WriteStartElement("BookingConfirmNumber", Ns);
                w.WriteAttributeString("bookingID", booking.BookingId);
                w.WriteAttributeString("bookingType", booking.BookingType);
                w.WriteAttributeString("confirmNumber", booking.ConfirmNumber);
                w.WriteAttributeString("confirmTime", EqcXml.Timestamp(confirmTime));
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
    }

    /// <summary>Reads every booking of a <c>BookingRetrievalRS</c>.</summary>
    /// <exception cref="FormatException">When a booking lacks a required value.</exception>
    public static IReadOnlyList<RetrievedBooking> Parse(XElement root) =>
        root.Child("Bookings")?.Children("Booking").Select(ParseOne).ToArray() ?? [];

    private static RetrievedBooking ParseOne(XElement booking)
    {
        var id = booking.Attr("id") ?? throw new FormatException("A booking has no id.");
        var type = booking.Attr("type") ?? throw new FormatException($"Booking {id} has no type.");
        var status = type switch
        {
            "Book" or "Modify" => BookingStatus.Confirmed,
            "Cancel" => BookingStatus.Cancelled,
            _ => throw new FormatException($"Booking {id} has the unknown type '{type}'."),
        };
        var hotel = booking.Child("Hotel").Attr("id") ?? throw new FormatException($"Booking {id} names no hotel (Hotel@id).");
        var stay = booking.Child("RoomStay") ?? throw new FormatException($"Booking {id} has no RoomStay.");
        var dates = stay.Child("StayDate");
        var arrival = Date(dates.Attr("arrival"), id, "StayDate@arrival");
        var departure = Date(dates.Attr("departure"), id, "StayDate@departure");
        if (departure <= arrival)
        {
            throw new FormatException($"Booking {id} departs ({EqcXml.Date(departure)}) before it arrives ({EqcXml.Date(arrival)}).");
        }

        var count = stay.Child("GuestCount");
        var guests = Int(count.Attr("adult"), id, "GuestCount@adult") + Int(count.Attr("child"), id, "GuestCount@child");
        var total = stay.Child("Total");
        decimal? amount = total.Attr("amountAfterTaxes") is { } text
            ? decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) ? a : throw new FormatException($"Booking {id} has the invalid Total@amountAfterTaxes '{text}'.")
            : null;
        var currency = total.Attr("currency") ?? stay.Child("PerDayRates").Attr("currency");
        var created = booking.Attr("createDateTime") is { } created1
            ? DateTimeOffset.TryParse(created1, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : throw new FormatException($"Booking {id} has the invalid createDateTime '{created1}'.")
            : (DateTimeOffset?)null;
        var primary = booking.Child("PrimaryGuest");
        var name = primary.Child("Name");
        GuestDetails? guest = primary is null ? null : new GuestDetails(name.Attr("givenName"), name.Attr("surname"), primary.Child("Email")?.Value.Trim() is { Length: > 0 } email ? email : null, Phone(primary.Child("Phone")));
        var roomType = stay.Attr("roomTypeID") ?? ExpediaListingIds.NoRoomType;
        var reservation = new PlatformReservation
        {
            Platform = Platform.Expedia,
            ConfirmationCode = id,
            ListingId = ExpediaListingIds.OfMessage(hotel, roomType),
            Stay = new DateRange(arrival, departure),
            Status = status,
            NumberOfGuests = Math.Max(1, guests),
            Guest = guest,
            TotalAmount = amount,
            Currency = currency,
            UpdatedAt = created,
        };
        return new RetrievedBooking(id, type, hotel, roomType, reservation);
    }

    /// <summary><c>Phone@countryCode @cityAreaCode @number @extension</c> as <c>+49 30 1234567 ext. 12</c>.</summary>
    private static string? Phone(XElement? phone) =>
        GuestPhone.Format(phone.Attr("countryCode"), phone.Attr("cityAreaCode"), phone.Attr("number"), phone.Attr("extension"));

    private static DateOnly Date(string? text, string id, string what) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Booking {id} has no valid {what} (YYYY-MM-DD).");

    private static int Int(string? text, string id, string what) =>
        text is null ? 0 : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException($"Booking {id} has the invalid {what} '{text}'.");
}
