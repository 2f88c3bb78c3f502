using System.Xml.Linq;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Inventory;

namespace ChannelManager.Adapters.FewoDirekt.Reservations;

/// <summary>One <c>orderItem</c> of a booking.</summary>
/// <param name="FeeType">E.g. <c>RENTAL</c>, <c>MISC</c>.</param>
/// <param name="PreTaxAmount">The amount before tax.</param>
/// <param name="TotalAmount">The amount the guest pays.</param>
/// <param name="Currency">The <c>totalAmount@currency</c>.</param>
/// <param name="Status">The item's status as sent.</param>
internal sealed record FewoOrderItem(string? FeeType, decimal? PreTaxAmount, decimal? TotalAmount, string? Currency, string? Status);

/// <summary>A booking document with what the reservation model does not hold.</summary>
internal sealed record FewoBooking(
    string Root,
    string Status,
    string? AdvertiserId,
    string UnitId,
    int Pets,
    IReadOnlyList<FewoOrderItem> OrderItems,
    decimal? Commission,
    decimal? ServiceFee,
    PlatformReservation Reservation);

/// <summary>
/// Reads Vrbo booking documents: <c>bookingRequest</c> 1.3 (platforms.md §4) and the assumed <c>bookingUpdate</c>.
/// Mapping: confirmation code = <c>reservationId</c> (the same on every document of a booking, so they deduplicate
/// into one booking <c>fewo_direkt:{reservationId}</c>), listing = <c>listingExternalId</c>, stay =
/// <c>reservationDates/beginDate</c>..<c>endDate</c> (check-out), status <c>CANCELLED</c> → cancelled, else
/// confirmed; guests = adults + children (pets are not guests); guest = <c>inquirer</c> first/last name, e-mail,
/// phone; total = sum of the <c>orderItem/totalAmount</c>s (one currency); updated at = <c>lastUpdatedDate</c>, else
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
        var pets = Count(reservation, "numberOfPets");
        var inquirer = root.Child("inquirer");
        GuestDetails? guest = inquirer is null
            ? null
            : new GuestDetails(inquirer.Text("firstName"), inquirer.Text("lastName"), inquirer.Text("emailAddress"), inquirer.Text("phoneNumber"));

        var items = new List<FewoOrderItem>();
        decimal? total = null;
        string? currency = null;
        foreach (var item in root.Child("orderItemList").Children("orderItem"))
        {
            var amount = item.Child("totalAmount");
            decimal? value = amount is null ? null : FewoXml.ParseAmount(amount.Value.Trim()) ?? throw new FormatException("an orderItem's totalAmount is not a decimal.");
            var itemCurrency = amount?.Attribute("currency")?.Value.Trim().ToUpperInvariant() is { Length: > 0 } c ? c : null;
            if (itemCurrency is not null && currency is not null && itemCurrency != currency)
            {
                throw new FormatException("the orderItems are in more than one currency.");
            }

            currency ??= itemCurrency;
            if (value is { } v)
            {
                total = (total ?? 0m) + v;
            }

            items.Add(new FewoOrderItem(item.Text("feeType"), Amount(item, "preTaxAmount"), value, itemCurrency, item.Text("status")));
        }

        var updated = FewoXml.ParseTimestamp(root.Text("lastUpdatedDate")) ?? FewoXml.ParseTimestamp(reservation.Text("reservationOriginationDate"));
        return new FewoBooking(
            rootName,
            status,
            root.Text("advertiserAssignedId"),
            root.Text("unitExternalId") ?? listing,
            pets,
            items,
            Amount(root, "commission"),
            Amount(root.Child("olbMeta"), "serviceFee"),
            new PlatformReservation
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

    private static decimal? Amount(XElement? parent, string name) =>
        parent.Text(name) is { } text ? FewoXml.ParseAmount(text) ?? throw new FormatException($"{name} is not a decimal.") : null;

    private static int Count(XElement reservation, string name)
    {
        var text = reservation.Text(name);
        return text is null ? 0 : FewoXml.ParseInt(text) is { } n and >= 0 ? n : throw new FormatException($"{name} is not a count.");
    }
}
