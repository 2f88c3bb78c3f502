using ChannelManager.Adapters.FewoDirekt.Feeds;

namespace ChannelManager.Adapters.FewoDirekt.Api;

/// <summary>
/// <b>Every ASSUMED detail of the wire format, in one place</b> (platforms.md §4 marks Vrbo's software-partner specs as
/// partner-only). Documented are the pull model (advertisers index → listing, lodging configuration, lodging rate and
/// unit availability indexes whose entries hold <c>listingExternalId</c>, <c>unitExternalId</c>,
/// <c>lastUpdatedDate</c> and a content URL such as <c>lodgingRateContentUrl</c>), the shape of
/// <c>unitAvailabilityContent</c> and <c>bookingRequest</c> 1.3 (the Booking Update Service's
/// <c>bookingContentIndexRequest</c> 1.4 is not served yet). What this class lists is not in any public source and is
/// shared with the platform simulator. The README's "Assumed details" lists the same.
/// </summary>
internal static class FewoDirektWire
{
    // --- Feed paths below the prefix the host maps them at (ASSUMED: partner-chosen; Vrbo is given the advertisers index URL) ---

    /// <summary>The advertisers index.</summary>
    public const string AdvertisersPath = "/advertisers";

    /// <summary>An advertiser's index of one kind.</summary>
    public static string IndexPath(string advertiserId, FewoFeedKind kind) =>
        $"/advertisers/{Escape(advertiserId)}/{IndexSegment(kind)}";

    /// <summary>The listing content of a listing.</summary>
    public static string ListingPath(string advertiserId, string listingId) =>
        $"/advertisers/{Escape(advertiserId)}/listings/{Escape(listingId)}";

    /// <summary>A unit's content of one kind (lodging configuration, lodging rate, unit availability).</summary>
    public static string UnitContentPath(string advertiserId, string listingId, string unitId, FewoFeedKind kind) =>
        $"/advertisers/{Escape(advertiserId)}/listings/{Escape(listingId)}/units/{Escape(unitId)}/{UnitSegment(kind)}";

    /// <summary>The path segment of an advertiser's index of a kind.</summary>
    public static string IndexSegment(FewoFeedKind kind) => kind switch
    {
        FewoFeedKind.Listing => "listings",
        FewoFeedKind.LodgingConfiguration => "lodging-configurations",
        FewoFeedKind.LodgingRate => "lodging-rates",
        _ => "unit-availabilities",
    };

    /// <summary>The last path segment of a unit's content of a kind.</summary>
    public static string UnitSegment(FewoFeedKind kind) => kind switch
    {
        FewoFeedKind.LodgingConfiguration => "lodging-configuration",
        FewoFeedKind.LodgingRate => "lodging-rate",
        _ => "availability",
    };

    // --- Index documents (ASSUMED names, following the documented lodgingRateContentUrl) ---

    /// <summary>Root of the advertisers index: <c>advertisers/advertiser{assignedId, {kind}ContentIndexUrl…}</c>.</summary>
    public const string AdvertisersRoot = "advertisers";

    /// <summary>The camel-case stem of a kind: <c>listing</c>, <c>lodgingConfiguration</c>, <c>lodgingRate</c>, <c>unitAvailability</c>.</summary>
    public static string Stem(FewoFeedKind kind) => kind switch
    {
        FewoFeedKind.Listing => "listing",
        FewoFeedKind.LodgingConfiguration => "lodgingConfiguration",
        FewoFeedKind.LodgingRate => "lodgingRate",
        _ => "unitAvailability",
    };

    /// <summary>Root of an index (<c>{stem}ContentIndex</c>), holding <c>advertiser{assignedId, {stem}ContentIndexEntry*}</c>.</summary>
    public static string IndexRoot(FewoFeedKind kind) => Stem(kind) + "ContentIndex";

    /// <summary>An index entry: <c>{stem}ContentIndexEntry{listingExternalId, unitExternalId?, lastUpdatedDate, {stem}ContentUrl}</c>.</summary>
    public static string IndexEntry(FewoFeedKind kind) => Stem(kind) + "ContentIndexEntry";

    /// <summary>The content URL element of an index entry (<c>lodgingRateContentUrl</c> is documented).</summary>
    public static string ContentUrlElement(FewoFeedKind kind) => Stem(kind) + "ContentUrl";

    /// <summary>The advertisers index's link to an advertiser's index of a kind.</summary>
    public static string IndexUrlElement(FewoFeedKind kind) => Stem(kind) + "ContentIndexUrl";

    // --- Content documents (ASSUMED details) ---

    /// <summary>Root of the listing content (minimal: ids and state; descriptive content is the PMS's).</summary>
    public const string ListingRoot = "listing";

    /// <summary>Root of the lodging configuration content (minimal: instant booking).</summary>
    public const string LodgingConfigurationRoot = "lodgingConfigurationContent";

    /// <summary>Root of the lodging rate content: <c>lodgingRate/nightlyRates/nightlyRate{dateRange, amount@currency}</c>.</summary>
    public const string LodgingRateRoot = "lodgingRateContent";

    /// <summary>Root of the unit availability content (documented shape).</summary>
    public const string UnitAvailabilityRoot = "unitAvailabilityContent";

    /// <summary><c>dateRange/endDate</c> of availability and rate content is the LAST day described (inclusive);
    /// <c>reservationDates/endDate</c> is the check-out (exclusive), as documented.</summary>
    public const bool ContentEndDateInclusive = true;

    /// <summary><c>minStay</c>/<c>maxStay</c> value meaning "no limit".</summary>
    public const int NoStayLimit = 0;

    // --- Bookings (ASSUMED details; bookingRequest 1.3 is documented) ---

    /// <summary>Version of <c>bookingRequest</c> / <c>bookingUpdate</c> / <c>bookingResponse</c> documents (documented for <c>bookingRequest</c>).</summary>
    public const string BookingDocumentVersion = "1.3";

    /// <summary>Root of a new booking (documented).</summary>
    public const string BookingRequestRoot = "bookingRequest";

    /// <summary>Root of a changed or cancelled booking sent by Vrbo (ASSUMED; new bookings use the documented <c>bookingRequest</c>).</summary>
    public const string BookingUpdateRoot = "bookingUpdate";

    /// <summary>Root of the synchronous answer to a booking document (ASSUMED shape:
    /// <c>bookingResponse{documentVersion, bookingResponseDetails{advertiserAssignedId, listingExternalId,
    /// unitExternalId, externalId, reservationId, bookingStatus}}</c>).</summary>
    public const string BookingResponseRoot = "bookingResponse";

    /// <summary>Element carrying Vrbo's reservation id on booking documents (ASSUMED name) — the confirmation code.</summary>
    public const string ReservationIdElement = "reservationId";

    /// <summary>Element carrying the booking's state (ASSUMED name and values).</summary>
    public const string ReservationStatusElement = "reservationStatus";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusBooked = "BOOKED";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusModified = "MODIFIED";

    /// <summary>Booking state values (ASSUMED).</summary>
    public const string StatusCancelled = "CANCELLED";

    /// <summary><c>bookingResponse</c> status of an accepted booking (ASSUMED).</summary>
    public const string ResponseConfirmed = "CONFIRMED";

    /// <summary><c>bookingResponse</c> status of an accepted cancellation (ASSUMED).</summary>
    public const string ResponseCancelled = "CANCELLED";

    // --- Authentication of Vrbo's calls (ASSUMED: Vrbo's rule is not public; OwnerRez uses HTTP Basic) ---

    /// <summary>
    /// Vrbo authenticates every call to the partner — feed reads and booking posts — with HTTP Basic and the
    /// credentials the partner issued (<see cref="FewoDirektOptions.FeedUsername"/>/<see cref="FewoDirektOptions.FeedPassword"/>).
    /// </summary>
    public const string AuthenticationScheme = "Basic";

    /// <summary>The realm named in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "FeWo-direkt feeds";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);
}
