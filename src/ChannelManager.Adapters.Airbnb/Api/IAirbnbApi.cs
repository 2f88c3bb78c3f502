using Refit;

namespace ChannelManager.Adapters.Airbnb.Api;

/// <summary>
/// Airbnb's API for software partners (platforms.md §2). Every method returns the raw response so that
/// <see cref="AirbnbApiClient"/> maps every status, header and body problem to a <c>PlatformCallException</c>.
/// <c>X-Airbnb-API-Key</c> and <c>X-AIRBNB-REQ-API-VERSION</c> are set on the client; the host's token per call.
/// </summary>
[Headers("Accept: application/json")]
internal interface IAirbnbApi
{
    /// <summary>Refreshes an access token: HTTP Basic <c>client_id:client_secret</c>, <c>{"refresh_token"}</c>.</summary>
    [Post("/v2/oauth2/authorizations?_unwrapped=true")]
    Task<HttpResponseMessage> RefreshAuthorizationAsync(
        [Header("Authorization")] string authorization,
        [Body(buffered: true)] AirbnbRefreshTokenRequest body,
        CancellationToken cancellationToken);

    [Post("/v2/calendar_operations")]
    Task<HttpResponseMessage> PostCalendarOperationsAsync(
        [Header(AirbnbHeaders.OAuthToken)] string accessToken,
        [Body(buffered: true)] AirbnbCalendarOperationsRequest body,
        CancellationToken cancellationToken);

    [Get("/v2/calendars/{listingId}/{start}/{end}")]
    Task<HttpResponseMessage> GetCalendarAsync(
        [Header(AirbnbHeaders.OAuthToken)] string accessToken,
        string listingId,
        string start,
        string end,
        CancellationToken cancellationToken);

    [Get("/v2/listings/{listingId}")]
    Task<HttpResponseMessage> GetListingAsync(
        [Header(AirbnbHeaders.OAuthToken)] string accessToken,
        string listingId,
        CancellationToken cancellationToken);

    [Get("/v2/reservations")]
    Task<HttpResponseMessage> ListReservationsAsync(
        [Header(AirbnbHeaders.OAuthToken)] string accessToken,
        [AliasAs("listing_id")] string listingId,
        [AliasAs("_limit")] int limit,
        [AliasAs("_offset")] int offset,
        CancellationToken cancellationToken);

    [Get("/v2/reservations/{confirmationCode}")]
    Task<HttpResponseMessage> GetReservationAsync(
        [Header(AirbnbHeaders.OAuthToken)] string accessToken,
        string confirmationCode,
        CancellationToken cancellationToken);
}
