using System.Globalization;
using System.Xml.Linq;
using ChannelManager.Adapters.BookingCom.Api;
using ChannelManager.Adapters.Shared.Ota;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.BookingCom.Reservations;

/// <summary>Which queue a reservation was served from, and so where its acknowledgement goes.</summary>
internal enum ReservationQueue
{
    /// <summary><c>OTA_HotelResNotif</c>: new reservations (and changes made before their first acknowledgement).</summary>
    New = 1,

    /// <summary><c>OTA_HotelResModifyNotif</c>: modifications and cancellations.</summary>
    Modify = 2,
}

/// <summary>A reservation read from the queue, split into one part per room type.</summary>
/// <param name="ResId">The <c>ResID_Value</c>.</param>
/// <param name="HotelId">The hotel.</param>
/// <param name="Parts">One reservation per room type of its room stays (see <see cref="OtaReservationParser"/> for the codes).</param>
internal sealed record QueuedReservation(string ResId, string HotelId, IReadOnlyList<PlatformReservation> Parts);

/// <summary>
/// Reads <c>OTA_HotelResNotifRQ</c> (<c>HotelReservations/HotelReservation</c>) and <c>OTA_HotelResModifyNotifRQ</c>
/// (<c>HotelResModifies/HotelResModify</c>): <c>@ResStatus</c> Commit|Modify|Cancel, <c>ResGlobalInfo/HotelReservationIDs/
/// HotelReservationID/@ResID_Value</c>, per <c>RoomStay</c> the room type, <c>TimeSpan @Start/@End</c> (arrival and
/// departure), <c>GuestCounts</c>, <c>Total</c> and <c>BasicPropertyInfo/@HotelCode</c>, and the first
/// <c>ResGuest</c>'s <c>Customer</c> (name, e-mail, phone). A reservation becomes one <see cref="PlatformReservation"/>
/// per room type of its room stays, for the listing <c>{hotel}:{room}</c>: with one room type its confirmation code is
/// the <c>ResID_Value</c>; with several, each part's code is <c>{ResID_Value}-{room id}</c> (stable whatever the order
/// of the room stays). Several stays of one room type are one part (the hull of their dates, their guests summed).
/// </summary>
internal static class OtaReservationParser
{
    public static IReadOnlyList<QueuedReservation> Parse(XDocument document)
    {
        var root = document.Root ?? throw new FormatException("The document is empty.");
        var elements = root.DescendantsNamed("HotelReservation").Concat(root.DescendantsNamed("HotelResModify"));
        return elements.Select(ParseOne).ToArray();
    }

    private static QueuedReservation ParseOne(XElement reservation)
    {
        var resId = reservation.Child("ResGlobalInfo")?.Child("HotelReservationIDs")?.Children("HotelReservationID").Select(e => e.Attr("ResID_Value")).FirstOrDefault(v => v is not null)
            ?? reservation.DescendantsNamed("UniqueID").Select(e => e.Attr("ID")).FirstOrDefault(v => v is not null)
            ?? throw new FormatException("A reservation has no ResID_Value.");
        var status = reservation.Attr("ResStatus") switch
        {
            null or "Commit" or "Book" or "Modify" => BookingStatus.Confirmed,
            "Cancel" or "Cancelled" => BookingStatus.Cancelled,
            var other => throw new FormatException($"Reservation {resId} has the unknown ResStatus '{other}'."),
        };
        var stays = reservation.Child("RoomStays")?.Children("RoomStay").ToArray() ?? [];
        var hotel = stays.Select(s => s.Child("BasicPropertyInfo").Attr("HotelCode")).FirstOrDefault(h => h is not null)
            ?? reservation.Child("ResGlobalInfo")?.Child("BasicPropertyInfo").Attr("HotelCode")
            ?? throw new FormatException($"Reservation {resId} names no hotel (BasicPropertyInfo/@HotelCode).");
        var updatedAt = Time(reservation.Attr("LastModifyDateTime"), resId) ?? Time(reservation.Attr("CreateDateTime"), resId);
        var guest = Guest(reservation);
        var globalTotal = Total(reservation.Child("ResGlobalInfo")?.Child("Total"), resId);
        var roomIds = stays.Select(RoomOf).Where(r => r is not null).Select(r => r!).Distinct(StringComparer.Ordinal).ToArray();

        PlatformReservation Map(string roomId)
        {
            var mine = stays.Where(s => RoomOf(s) == roomId).ToArray();
            var spans = mine.Select(s => Span(s, resId)).ToArray();
            var stay = new DateRange(spans.Min(s => s.Start), spans.Max(s => s.End));
            var guests = mine.Sum(s => s.Child("GuestCounts")?.Children("GuestCount").Sum(g => int.TryParse(g.Attr("Count"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0) ?? 0);
            var total = mine.Length == stays.Length && globalTotal is not null ? globalTotal : Sum(mine.Select(s => Total(s.Child("Total"), resId)).ToArray());
            return new PlatformReservation
            {
                Platform = Platform.BookingCom,
                ConfirmationCode = roomIds.Length == 1 ? resId : PartCode(resId, roomId),
                ListingId = hotel + BookingComListingIds.Separator + roomId,
                Stay = stay,
                Status = status,
                NumberOfGuests = Math.Max(1, guests),
                Guest = guest,
                TotalAmount = total?.Amount,
                Currency = total?.Currency,
                UpdatedAt = updatedAt,
            };
        }

        return new QueuedReservation(resId, hotel, roomIds.Select(Map).ToArray());
    }

    /// <summary>The confirmation code of one room type's part of a reservation with several: <c>{resId}-{roomId}</c>.</summary>
    public static string PartCode(string resId, string roomId) => resId + "-" + roomId;

    /// <summary>The <c>ResID_Value</c> of a confirmation code (a part's code is <c>{resId}-{roomId}</c>).</summary>
    public static string ResIdOf(string confirmationCode)
    {
        var dash = confirmationCode.LastIndexOf('-');
        return dash > 0 && BookingComListingIds.IsId(confirmationCode[(dash + 1)..]) ? confirmationCode[..dash] : confirmationCode;
    }

    private static string? RoomOf(XElement stay) =>
        stay.Child("RoomTypes")?.Children("RoomType").Select(r => r.Attr("RoomTypeCode")).FirstOrDefault(c => c is not null)
        ?? stay.Child("RoomRates")?.Children("RoomRate").Select(r => r.Attr("RoomTypeCode")).FirstOrDefault(c => c is not null);

    private static DateRange Span(XElement stay, string resId)
    {
        var span = stay.Child("TimeSpan") ?? throw new FormatException($"A room stay of reservation {resId} has no TimeSpan.");
        if (!DateOnly.TryParseExact(span.Attr("Start"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start) ||
            !DateOnly.TryParseExact(span.Attr("End"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) ||
            end <= start)
        {
            throw new FormatException($"A room stay of reservation {resId} has no valid TimeSpan Start/End (arrival before departure).");
        }

        return new DateRange(start, end);
    }

    private static Money? Total(XElement? total, string resId)
    {
        if (total is null)
        {
            return null;
        }

        var text = total.Attr("AmountAfterTax") ?? total.Attr("AmountBeforeTax");
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"Reservation {resId} has the invalid amount '{text}'.");
        }

        return new Money(amount, total.Attr("CurrencyCode")?.ToUpperInvariant());
    }

    private static Money? Sum(Money?[] totals) =>
        totals.Length == 0 || totals.Any(t => t is null) || totals.Select(t => t!.Currency).Distinct().Count() != 1
            ? null
            : new Money(totals.Sum(t => t!.Amount), totals[0]!.Currency);

    private static GuestDetails? Guest(XElement reservation)
    {
        var customer = reservation.Child("ResGuests")?.Children("ResGuest").FirstOrDefault()?.DescendantsNamed("Customer").FirstOrDefault();
        if (customer is null)
        {
            return null;
        }

        var name = customer.Child("PersonName");
        return new GuestDetails(
            Text(name?.Child("GivenName")),
            Text(name?.Child("Surname")),
            Text(customer.Child("Email")),
            customer.Child("Telephone").Attr("PhoneNumber"));
    }

    private static string? Text(XElement? element) => element?.Value.Trim() is { Length: > 0 } text ? text : null;

    private static DateTimeOffset? Time(string? text, string resId)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new FormatException($"Reservation {resId} has the invalid time '{text}'.");
    }

    private sealed record Money(decimal Amount, string? Currency);
}
