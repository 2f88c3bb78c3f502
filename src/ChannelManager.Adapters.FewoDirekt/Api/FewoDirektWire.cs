namespace ChannelManager.Adapters.FewoDirekt.Api;

/// <summary>
/// <b>Every ASSUMED detail of the wire format, in one place</b> (platforms.md §4 marks Vrbo's software-partner specs as
/// partner-only). The document shapes — <c>unitAvailabilityContent</c>, <c>bookingRequest</c> 1.3,
/// <c>bookingContentIndexRequest</c> 1.4 / <c>bookingContentIndex</c> — follow the public re-implementations of
/// Vrbo's "Listings 4.2.1" / HomeAway-XML format; what this class lists is not in any public source and is shared
/// with the platform simulator. The README's "Assumed details" lists the same.
/// </summary>
internal static class FewoDirektWire
{
    // --- Transport (assumed: Vrbo pulls partner-hosted feeds; here the same documents are sent to a partner endpoint) ---

    /// <summary><c>PUT</c>/<c>GET</c> a unit's availability content (ASSUMED path).</summary>
    public static string AvailabilityPath(string listing, string unit) => $"listings/{Escape(listing)}/units/{Escape(unit)}/availability";

    /// <summary><c>PUT</c>/<c>GET</c> a unit's lodging rate content (ASSUMED path and document).</summary>
    public static string RatesPath(string listing, string unit) => $"listings/{Escape(listing)}/units/{Escape(unit)}/rates";

    /// <summary><c>POST</c> a <c>bookingContentIndexRequest</c> (ASSUMED path; the document is Vrbo's).</summary>
    public const string BookingIndexPath = "bookings/index";

    /// <summary><c>GET</c> one booking's update content (ASSUMED path; index entries carry their own <c>bookingUpdateUrl</c>).</summary>
    public static string BookingPath(string reservationId) => "bookings/" + Escape(reservationId);

    /// <summary>Read-back query parameters (ASSUMED).</summary>
    public const string BeginDateParameter = "beginDate";

    /// <summary>Read-back query parameters (ASSUMED).</summary>
    public const string EndDateParameter = "endDate";

    // --- Limits (none published; ASSUMED) ---

    /// <summary>At most this many days per availability or rate document (Expedia's "≤2 years ahead" halved).</summary>
    public const int MaxDaysPerDocument = 366;

    // --- Document details (ASSUMED) ---

    /// <summary><c>dateRange/endDate</c> of availability and rate content is the LAST day described (inclusive);
    /// <c>reservationDates/endDate</c> is the check-out (exclusive), as documented.</summary>
    public const bool ContentEndDateInclusive = true;

    /// <summary><c>minStay</c>/<c>maxStay</c> value meaning "no limit".</summary>
    public const int NoStayLimit = 0;

    /// <summary>Version written on <c>bookingContentIndexRequest</c> (documented).</summary>
    public const string BookingIndexDocumentVersion = "1.4";

    /// <summary>Version of <c>bookingRequest</c> / <c>bookingUpdate</c> documents (documented for <c>bookingRequest</c>).</summary>
    public const string BookingDocumentVersion = "1.3";

    /// <summary>Root of a changed booking's content (ASSUMED; new bookings use the documented <c>bookingRequest</c>).</summary>
    public const string BookingUpdateRoot = "bookingUpdate";

    /// <summary>Root of a new booking (documented).</summary>
    public const string BookingRequestRoot = "bookingRequest";

    /// <summary>Root of a test notification (ASSUMED).</summary>
    public const string PingRoot = "ping";

    /// <summary>Element carrying the reservation's id on bookings and index entries (ASSUMED name).</summary>
    public const string ReservationIdElement = "reservationId";

    /// <summary>Element carrying the booking's state (ASSUMED name and values).</summary>
    public const string ReservationStatusElement = "reservationStatus";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusBooked = "BOOKED";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusModified = "MODIFIED";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusCancelled = "CANCELLED";

    /// <summary>Error answers: <c>&lt;errorResponse&gt;&lt;error code="…"&gt;message&lt;/error&gt;…&lt;/errorResponse&gt;</c> (ASSUMED).</summary>
    public const string ErrorRoot = "errorResponse";

    // --- Notification signature (ASSUMED: Vrbo's rule is not public; Stripe's convention, platforms.md §7) ---

    /// <summary><c>X-FewoDirekt-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "{t}.{raw body}")&gt;</c>.</summary>
    public const string SignatureHeader = "X-FewoDirekt-Signature";

    /// <summary>The notification's delivery id (deduplication).</summary>
    public const string DeliveryIdHeader = "X-FewoDirekt-Delivery-Id";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
