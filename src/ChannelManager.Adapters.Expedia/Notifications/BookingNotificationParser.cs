using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Adapters.Expedia.Api;
using ChannelManager.Adapters.Expedia.Reservations;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;

namespace ChannelManager.Adapters.Expedia.Notifications;

/// <summary>
/// Maps a verified Booking Notification (<c>OTA_HotelResNotifRQ</c> in a SOAP envelope) to the whole reservation, the
/// same way Booking Retrieval maps the booking (confirmation code = Expedia booking id, listing = <c>{property}:{room type}</c>
/// from <c>BasicPropertyInfo@HotelCode</c> and the first <c>RoomTypes/RoomType@RoomTypeCode</c> that is not <c>0</c>, or the
/// property alone when none names a room type, as on cancellations),
/// so that a pulled and a pushed copy of one booking deduplicate in the importer:
/// <c>@ResStatus</c> (of <c>HotelReservation</c>, else of the root) <c>Commit</c>/<c>Book</c> → created,
/// <c>Modify</c> → modified, <c>Cancel</c> → cancelled; <c>UniqueID@ID</c> (else <c>HotelReservationID</c> with
/// <c>ResID_Type</c> 8); per <c>RoomStay</c> <c>TimeSpan@Start/@End</c> (End = check-out), <c>GuestCount@Count</c>
/// (<c>AgeQualifyingCode</c> 10 adults, 8 children), <c>Total@AmountAfterTax/@CurrencyCode</c>,
/// <c>BasicPropertyInfo@HotelCode</c>; the first <c>ResGuest</c>'s <c>Customer</c> (<c>PersonName/GivenName</c>,
/// <c>Surname</c>, <c>Email</c>, <c>Telephone</c>). The delivery id is <c>PayloadInfo@RequestId</c>.
/// </summary>
internal static class BookingNotificationParser
{
    /// <summary><c>HotelReservationID@ResID_Type</c> of Expedia's booking id (OTA code list UIT 8).</summary>
    public const string ExpediaIdType = "8";

    public static WebhookNotification Parse(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        BookingNotificationEnvelope envelope;
        try
        {
            envelope = BookingNotificationEnvelope.Read(request.Body);
        }
        catch (XmlException ex)
        {
            throw new WebhookFormatException($"The Expedia Booking Notification is not well-formed XML: {ex.Message}", ex);
        }
        catch (FormatException ex)
        {
            throw new WebhookFormatException($"The Expedia Booking Notification is not a valid SOAP message: {ex.Message}", ex);
        }

        try
        {
            var (status, resStatus, reservation) = Map(envelope);
            var kind = status switch
            {
                "Modify" => WebhookNotificationKind.ReservationModified,
                "Cancel" => WebhookNotificationKind.ReservationCancelled,
                _ => WebhookNotificationKind.ReservationCreated,
            };
            return new WebhookNotification
            {
                Platform = Platform.Expedia,
                DeliveryId = envelope.RequestId,
                Kind = kind,
                ListingId = reservation.ListingId,
                ConfirmationCode = reservation.ConfirmationCode,
                Reservation = reservation,
                PlatformEventName = BookingNotificationXml.RequestRoot + ":" + resStatus,
            };
        }
        catch (FormatException ex)
        {
            throw new WebhookFormatException($"The Expedia Booking Notification is not a valid reservation: {ex.Message}", ex);
        }
    }

    /// <summary>The Expedia booking id of a notification's reservation.</summary>
    /// <exception cref="FormatException">When it names none.</exception>
    public static string BookingIdOf(XElement reservation) =>
        reservation.Children("UniqueID").Select(u => u.Attr("ID")).FirstOrDefault(id => id is not null)
        ?? reservation.Child("ResGlobalInfo").Child("HotelReservationIDs")?.Children("HotelReservationID")
            .Where(h => h.Attr("ResID_Type") == ExpediaIdType).Select(h => h.Attr("ResID_Value")).FirstOrDefault(id => id is not null)
        ?? throw new FormatException("The reservation has no UniqueID@ID (nor a HotelReservationID of ResID_Type 8).");

    /// <summary>The single <c>HotelReservation</c> of a notification.</summary>
    /// <exception cref="FormatException">When there is none, or more than one.</exception>
    public static XElement ReservationOf(BookingNotificationEnvelope envelope)
    {
        var body = envelope.Body ?? throw new FormatException($"The SOAP body holds no {BookingNotificationXml.RequestRoot}.");
        var reservations = body.Child("HotelReservations")?.Children("HotelReservation").ToArray() ?? [];
        return reservations.Length switch
        {
            1 => reservations[0],
            0 => throw new FormatException("There is no HotelReservations/HotelReservation."),
            _ => throw new FormatException($"There are {reservations.Length} reservations; Expedia sends one per notification."),
        };
    }

    private static (string Status, string ResStatus, PlatformReservation Reservation) Map(BookingNotificationEnvelope envelope)
    {
        var body = envelope.Body!;
        var element = ReservationOf(envelope);
        var id = BookingIdOf(element);
        var resStatus = element.Attr("ResStatus") ?? body.Attr("ResStatus") ?? throw new FormatException($"Reservation {id} has no ResStatus.");
        var (status, bookingStatus) = resStatus switch
        {
            "Commit" or "Book" => ("Book", BookingStatus.Confirmed),
            "Modify" => ("Modify", BookingStatus.Confirmed),
            "Cancel" => ("Cancel", BookingStatus.Cancelled),
            _ => throw new FormatException($"Reservation {id} has the unknown ResStatus '{resStatus}' (Commit, Book, Modify or Cancel)."),
        };

        var stays = element.Child("RoomStays")?.Children("RoomStay").ToArray() ?? [];
        if (stays.Length == 0)
        {
            throw new FormatException($"Reservation {id} has no RoomStays/RoomStay.");
        }

        var spans = stays.Select(s => Span(s, id)).ToArray();
        var stay = new DateRange(spans.Min(s => s.Start), spans.Max(s => s.End));
        var guests = stays.Sum(s => s.Child("GuestCounts")?.Children("GuestCount").Sum(g => Count(g, id)) ?? 0);
        var global = element.Child("ResGlobalInfo");
        var hotel = stays.Select(s => s.Child("BasicPropertyInfo").Attr("HotelCode")).FirstOrDefault(h => h is not null)
            ?? global.Child("BasicPropertyInfo").Attr("HotelCode")
            ?? envelope.DistributorHotelId
            ?? throw new FormatException($"Reservation {id} names no property (BasicPropertyInfo@HotelCode).");
        var roomType = stays.SelectMany(s => s.Child("RoomTypes")?.Children("RoomType") ?? [])
            .Select(r => r.Attr("RoomTypeCode"))
            .FirstOrDefault(code => code is not null && code != ExpediaListingIds.NoRoomType);
        var totals = stays.Select(s => s.Child("Total")).OfType<XElement>().ToArray();
        var (amount, currency) = totals.Length == stays.Length
            ? Sum(totals, id)
            : global.Child("Total") is { } globalTotal ? Sum([globalTotal], id) : (null, null);
        var updatedAt = Time(element.Attr("LastModifyDateTime"), id, "LastModifyDateTime")
            ?? Time(element.Attr("CreateDateTime"), id, "CreateDateTime")
            ?? Time(body.Attr("TimeStamp"), id, "TimeStamp");
        var reservation = new PlatformReservation
        {
            Platform = Platform.Expedia,
            ConfirmationCode = id,
            ListingId = ExpediaListingIds.OfMessage(hotel, roomType),
            Stay = stay,
            Status = bookingStatus,
            NumberOfGuests = Math.Max(1, guests),
            Guest = Guest(element),
            TotalAmount = amount,
            Currency = currency,
            UpdatedAt = updatedAt,
        };
        return (status, resStatus, reservation);
    }

    private static (DateOnly Start, DateOnly End) Span(XElement stay, string id)
    {
        var span = stay.Child("TimeSpan");
        var start = Date(span.Attr("Start"), id, "TimeSpan@Start");
        var end = Date(span.Attr("End"), id, "TimeSpan@End");
        return end > start ? (start, end) : throw new FormatException($"Reservation {id}: the check-out ({span.Attr("End")}) is not after the check-in ({span.Attr("Start")}).");
    }

    private static int Count(XElement guestCount, string id) =>
        guestCount.Attr("Count") is not { } text ? 0
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 999 ? n
        : throw new FormatException($"Reservation {id} has the invalid GuestCount@Count '{text}'.");

    private static (decimal? Amount, string? Currency) Sum(IReadOnlyList<XElement> totals, string id)
    {
        decimal sum = 0;
        string? currency = null;
        foreach (var total in totals)
        {
            var text = total.Attr("AmountAfterTax");
            if (text is null)
            {
                return (null, totals.Select(t => t.Attr("CurrencyCode")).FirstOrDefault(c => c is not null));
            }

            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
            {
                throw new FormatException($"Reservation {id} has the invalid Total@AmountAfterTax '{text}'.");
            }

            var code = total.Attr("CurrencyCode");
            if (currency is not null && code is not null && code != currency)
            {
                throw new FormatException($"Reservation {id} has room stays in different currencies ({currency}, {code}).");
            }

            currency ??= code;
            sum += amount;
        }

        return (sum, currency);
    }

    private static GuestDetails? Guest(XElement reservation)
    {
        var customer = reservation.Child("ResGuests")?.Children("ResGuest")
            .Select(g => g.Child("Profiles")?.Children("ProfileInfo").Select(p => p.Child("Profile").Child("Customer")).FirstOrDefault(c => c is not null))
            .FirstOrDefault(c => c is not null);
        if (customer is null)
        {
            return null;
        }

        var name = customer.Child("PersonName");
        var phone = customer.Child("Telephone");
        return new GuestDetails(
            Text(name.Child("GivenName")),
            Text(name.Child("Surname")),
            Text(customer.Child("Email")),
            GuestPhone.Format(phone.Attr("CountryAccessCode"), phone.Attr("AreaCityCode"), phone.Attr("PhoneNumber"), phone.Attr("Extension")));
    }

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static DateOnly Date(string? text, string id, string what) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Reservation {id} has no valid {what} (YYYY-MM-DD).");

    private static DateTimeOffset? Time(string? text, string id, string what) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time
        : throw new FormatException($"Reservation {id} has the invalid {what} '{text}'.");
}
