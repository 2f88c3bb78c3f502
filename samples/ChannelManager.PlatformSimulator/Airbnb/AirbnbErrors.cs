using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Airbnb;

/// <summary>Airbnb-style error bodies: <c>{"error_code","error_type","error_message","error_details":[{"error_message","error_reason"}]}</c>.</summary>
internal static class AirbnbErrors
{
    public static IResult Result(int statusCode, string message, IReadOnlyList<AirbnbErrorDetail>? details = null) =>
        Results.Json(Body(statusCode, message, details), SimulatorJson.Options, statusCode: statusCode);

    public static IResult Invalid(IReadOnlyList<AirbnbErrorDetail> details) =>
        Result(StatusCodes.Status400BadRequest, details.Count == 1 ? details[0].Message : $"{details.Count} errors in the request.", details);

    public static IResult Invalid(string message, string reason) => Invalid([new AirbnbErrorDetail(message, reason)]);

    public static IResult ListingNotFound(string listingId) =>
        Result(StatusCodes.Status404NotFound, $"Listing {listingId} was not found.");

    public static object Body(int statusCode, string message, IReadOnlyList<AirbnbErrorDetail>? details = null) => new
    {
        error_code = statusCode,
        error_type = TypeOf(statusCode),
        error_class = statusCode == StatusCodes.Status429TooManyRequests ? "ConcurrencyLimitError" : null,
        error_message = message,
        error_details = details?.Select(d => new { error_message = d.Message, error_reason = d.Reason }).ToArray(),
    };

    private static string TypeOf(int statusCode) => statusCode switch
    {
        400 => "invalid_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "record_not_found",
        409 => "conflict",
        429 => "rate_limited",
        503 => "service_unavailable",
        >= 500 => "internal_error",
        _ => "error",
    };
}
