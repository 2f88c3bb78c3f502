namespace ChannelManager.Simulator.Admin;

/// <summary><c>POST /_sim/faults</c>.</summary>
internal sealed record FaultRequest(string? Platform, string? Kind, int? StatusCode, int? RetryAfterSeconds, int? DelayMs, int? Times, string? PathPrefix);

/// <summary><c>POST /_sim/airbnb/reservations</c>.</summary>
internal sealed record AirbnbReservationCreateRequest(
    string? ListingId,
    DateOnly? StartDate,
    int? Nights,
    int? NumberOfGuests,
    string? GuestFirstName,
    string? GuestLastName,
    string? GuestEmail,
    string[]? GuestPhoneNumbers,
    decimal? ListingBasePrice,
    decimal? ExpectedPayoutAmount,
    string? Currency,
    string? ConfirmationCode,
    bool? RequireAvailability,
    Uri? WebhookUrl);

/// <summary><c>POST /_sim/airbnb/reservations/{code}/alter</c> and <c>/cancel</c>.</summary>
internal sealed record AirbnbReservationChangeRequest(DateOnly? StartDate, int? Nights, Uri? WebhookUrl);

/// <summary><c>POST /_sim/tokens/revoke</c> and <c>/restore</c>.</summary>
internal sealed record TokenRequest(string? Token);
