using System.Xml.Linq;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.FewoDirekt.Reservations;

/// <summary>A booking document with what the notification needs besides the reservation.</summary>
internal sealed record FewoBooking(string Root, string Status, PlatformReservation Reservation);

/// <summary>An entry of the booking content index.</summary>
internal sealed record FewoIndexEntry(string BookingUpdateUrl, DateTimeOffset? LastUpdated, string? ListingId, string? ReservationId);

/// <summary>
/// Reads Vrbo booking documents (<c>bookingRequest</c> 1.3 and <c>bookingUpdate</c>, platforms.md §4) and the
/// <c>bookingContentIndex</c>. Mapping: confirmation code = <c>reservationId</c>, listing = <c>listingExternalId</c>,
/// stay = <c>reservationDates/beginDate</c>..<c>endDate</c> (check-out), status <c>CANCELLED</c> → cancelled, else
/// confirmed; guests = adults + children; guest = <c>inquirer</c> first/last name, e-mail, phone; total = sum of the
/// <c>orderItem/totalAmount</c>s (one currency); updated at = <c>lastUpdatedDate</c>, else
/// <c>reservationOriginationDate</c>.
/// </summary>
internal static class FewoBookingParser
{
    /// <exception cref="FormatException">When the document is not a valid booking.</exception>
    public static FewoBooking Parse(XDocument document)
    {
        var root = document.Root ?? throw new FormatException("the document is empty.");
        var rootName = root.Name.LocalName;
        if (rootName is not (FewoDirektWire.BookingRequestRoot or FewoDirektWire.BookingUpdateRoot))
        {
            throw new FormatException($"expected {FewoDirektWire.BookingRequestRoot} or {FewoDirektWire.BookingUpdateRoot}, got {rootName}.");
        }

        var code = root.Text(FewoDirektWire.ReservationIdElement) ?? throw new FormatException($"{FewoDirektWire.ReservationIdElement} is missing.");
        var listing = root.Text("listingExternalId") ?? throw new FormatException("listingExternalId is missing.");
        var reservation = root.Child("reservation") ?? throw new FormatException("reservation is missing.");
        var dates = reservation.Child("reservationDates");
        var begin = FewoXml.ParseDate(dates.Text("beginDate")) ?? throw new FormatException("reservationDates/beginDate is missing or not a date.");
        var end = FewoXml.ParseDate(dates.Text("endDate")) ?? throw new FormatException("reservationDates/endDate is missing or not a date.");
        if (end <= begin)
        {
            throw new FormatException("reservationDates/endDate (the check-out) is not after beginDate.");
        }

        var status = root.Text(FewoDirektWire.ReservationStatusElement)?.ToUpperInvariant()
            ?? (rootName == FewoDirektWire.BookingRequestRoot ? FewoDirektWire.StatusBooked : throw new FormatException($"{FewoDirektWire.ReservationStatusElement} is missing."));
        if (status is not (FewoDirektWire.StatusBooked or FewoDirektWire.StatusModified or FewoDirektWire.StatusCancelled))
        {
            throw new FormatException($"{FewoDirektWire.ReservationStatusElement} '{status}' is unknown.");
        }

        var adults = Count(reservation, "numberOfAdults");
        var children = Count(reservation, "numberOfChildren");
        var inquirer = root.Child("inquirer");
        GuestDetails? guest = inquirer is null
            ? null
            : new GuestDetails(inquirer.Text("firstName"), inquirer.Text("lastName"), inquirer.Text("emailAddress"), inquirer.Text("phoneNumber"));

        decimal? total = null;
        string? currency = null;
        foreach (var item in root.Child("orderItemList").Children("orderItem"))
        {
            var amount = item.Child("totalAmount");
            if (amount is null)
            {
                continue;
            }

            var value = FewoXml.ParseAmount(amount.Value.Trim()) ?? throw new FormatException("an orderItem's totalAmount is not a decimal.");
            var itemCurrency = amount.Attribute("currency")?.Value.Trim().ToUpperInvariant();
            if (itemCurrency is not null && currency is not null && itemCurrency != currency)
            {
                throw new FormatException("the orderItems are in more than one currency.");
            }

            currency ??= itemCurrency;
            total = (total ?? 0m) + value;
        }

        var updated = FewoXml.ParseTimestamp(root.Text("lastUpdatedDate")) ?? FewoXml.ParseTimestamp(reservation.Text("reservationOriginationDate"));
        return new FewoBooking(rootName, status, new PlatformReservation
        {
            Platform = Platform.FewoDirekt,
            ConfirmationCode = code,
            ListingId = listing,
            Stay = new DateRange(begin, end),
            Status = status == FewoDirektWire.StatusCancelled ? BookingStatus.Cancelled : BookingStatus.Confirmed,
            NumberOfGuests = Math.Max(1, adults + children),
            Guest = guest,
            TotalAmount = total,
            Currency = currency,
            UpdatedAt = updated,
        });
    }

    /// <summary>Reads a <c>bookingContentIndex</c>.</summary>
    /// <exception cref="FormatException">When the document is not a valid index.</exception>
    public static IReadOnlyList<FewoIndexEntry> ParseIndex(XDocument document)
    {
        var root = document.Root;
        if (root?.Name.LocalName != "bookingContentIndex")
        {
            throw new FormatException($"expected bookingContentIndex, got {root?.Name.LocalName ?? "nothing"}.");
        }

        return root.Descendants().Where(e => e.Name.LocalName == "bookingContentIndexEntry")
            .Select(e => new FewoIndexEntry(
                e.Text("bookingUpdateUrl") ?? throw new FormatException("an index entry has no bookingUpdateUrl."),
                FewoXml.ParseTimestamp(e.Text("lastUpdatedDate")),
                e.Text("listingExternalId"),
                e.Text(FewoDirektWire.ReservationIdElement)))
            .ToArray();
    }

    /// <summary>Writes the <c>bookingContentIndexRequest</c> (documentVersion 1.4).</summary>
    public static byte[] IndexRequest(string advertiserId, DateTimeOffset startDate) =>
        FewoXml.Write(w =>
        {
            w.WriteStartElement("bookingContentIndexRequest");
            w.WriteElementString("documentVersion", FewoDirektWire.BookingIndexDocumentVersion);
            w.WriteStartElement("advertiser");
            w.WriteElementString("assignedId", advertiserId);
            w.WriteEndElement();
            w.WriteElementString("startDate", FewoXml.Timestamp(startDate));
            w.WriteEndElement();
        });

    private static int Count(XElement reservation, string name)
    {
        var text = reservation.Text(name);
        return text is null ? 0 : FewoXml.ParseInt(text) is { } n and >= 0 ? n : throw new FormatException($"{name} is not a count.");
    }
}
