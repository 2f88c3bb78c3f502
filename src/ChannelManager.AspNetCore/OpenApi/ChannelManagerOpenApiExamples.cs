namespace ChannelManager.AspNetCore.OpenApi;

/// <summary>
/// Examples of the main operations, by endpoint name: the reference's contract (its curl session and request/response
/// examples) in this API's actual snake_case shape. Checked against the schemas by the tests.
/// </summary>
internal static class ChannelManagerOpenApiExamples
{
    private const string PropertyId = "550e8400-e29b-41d4-a716-446655440000";
    private const string ConnectionId = "3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c55";

    private const string Connection = $$"""
        {"id": "{{ConnectionId}}", "property_id": "{{PropertyId}}", "platform_type": "airbnb",
         "platform_listing_id": "airbnb_listing_789", "status": "active", "platform_metadata": {"listing_id": "airbnb_listing_789"},
         "has_access_token": true, "has_refresh_token": true, "token_expires_at": null,
         "created_at": "2025-06-01T10:00:00+00:00", "updated_at": "2025-06-01T10:00:00+00:00",
         "last_sync_at": "2025-06-01T10:00:01.2+00:00", "last_error": null}
        """;

    private const string Conflict = $$"""
        {"id": "9b1f0c2e-7a44-4d8e-b3a5-0c6d2e8f1a90", "property_id": "{{PropertyId}}", "booking_id": "airbnb:HMABC12345",
         "check_in": "2025-07-01", "check_out": "2025-07-03", "units": 1, "source": "airbnb", "source_connection_id": "{{ConnectionId}}",
         "confirmation_code": "HMABC12345", "status": "open", "detected_at": "2025-06-02T08:15:00+00:00", "resolved_at": null, "resolution": null}
        """;

    private const string UnmappedReservation = """
        {"id": "c0a8012e-1111-4a2b-8c3d-4e5f60718293", "platform": "airbnb", "listing_id": "airbnb_listing_999", "parent_listing_id": null,
         "confirmation_code": "HMXYZ98765", "source": "webhook", "fetched_via_connection_id": null, "tenant_id": "default", "state": "open",
         "reservation_status": "confirmed", "check_in": "2025-08-10", "check_out": "2025-08-13", "number_of_guests": 2,
         "total_amount": 450.00, "currency": "EUR", "first_seen_at": "2025-06-03T12:00:00+00:00", "last_seen_at": "2025-06-03T12:00:00+00:00",
         "times_seen": 1, "closed_at": null, "imported_connection_id": null}
        """;

    private const string ValidationProblem = """
        {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1", "title": "One or more fields are invalid.", "status": 400,
         "errors": {"platform_type": ["Unknown platform 'myspace': use one of airbnb, booking_com, expedia, fewo_direkt, google, ical."]}}
        """;

    private const string NotFoundProblem = """
        {"type": "https://tools.ietf.org/html/rfc9110#section-15.5.5", "title": "Not found", "status": 404,
         "detail": "No channel connection with id '3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c55' exists."}
        """;

    private static readonly Dictionary<string, OperationExamples> ByEndpointName = new(StringComparer.Ordinal)
    {
        ["CreateChannelConnection"] = new(
            "Connect an Airbnb listing (the reference's example)",
            $$"""
            {"property_id": "{{PropertyId}}", "platform_type": "airbnb", "platform_listing_id": "airbnb_listing_789",
             "access_token": "oauth_access_token", "refresh_token": "oauth_refresh_token",
             "platform_metadata": {"listing_id": "airbnb_listing_789"}
            }
            """,
            new Dictionary<string, string> { ["201"] = Connection, ["400"] = ValidationProblem }),
        ["ListChannelConnections"] = new(
            "The first page of a property's connections",
            null,
            new Dictionary<string, string> { ["200"] = $$"""{"items": [{{Connection}}], "total": 1, "limit": 50, "offset": 0, "next_cursor": null}""" }),
        ["GetChannelConnection"] = new("One connection", null, new Dictionary<string, string> { ["200"] = Connection, ["404"] = NotFoundProblem }),
        ["UpdateChannelConnection"] = new(
            "Pause the connection and rotate its token",
            """{"status": "paused", "access_token": "rotated_access_token"}""",
            new Dictionary<string, string> { ["200"] = Connection.Replace("\"status\": \"active\"", "\"status\": \"paused\"", StringComparison.Ordinal) }),
        ["TestChannelConnection"] = new(
            "A healthy connection",
            null,
            new Dictionary<string, string>
            {
                ["200"] = $$"""{"connection_id": "{{ConnectionId}}", "healthy": true, "message": "Connection is healthy", "latency_ms": 42.125, "tested_at": "2025-06-01T10:05:00+00:00"}""",
            }),
        ["SyncChannelConnection"] = new(
            "Trigger a full sync",
            """{"sync_type": "full"}""",
            new Dictionary<string, string>
            {
                ["202"] = $$"""{"connection_id": "{{ConnectionId}}", "sync_type": "full", "job_id": "5e7d9a10-2b3c-4d5e-8f90-a1b2c3d4e5f6", "status": "queued", "range_start": "2025-06-01", "range_end": "2026-06-01"}""",
            }),
        ["GetChannelConnectionSyncLogs"] = new(
            "The last push to the platform",
            null,
            new Dictionary<string, string>
            {
                ["200"] = $$"""
                    {"items": [{"id": "0d6c1f8a-3b2e-4c5d-9e8f-7a6b5c4d3e2f", "connection_id": "{{ConnectionId}}", "operation": "push_availability",
                      "trigger": "booking.confirmed", "range_start": "2025-07-01", "range_end": "2025-07-05", "attempt": 1, "outcome": "succeeded",
                      "duration_ms": 84.312, "platform_calls": 1, "error": null, "details": null, "started_at": "2025-06-01T10:00:01+00:00"}],
                     "total": 1, "limit": 10, "offset": 0, "next_cursor": null}
                    """,
            }),
        ["ListConflicts"] = new(
            "An open overbooking",
            null,
            new Dictionary<string, string> { ["200"] = $$"""{"items": [{{Conflict}}], "total": 1, "limit": 50, "offset": 0, "next_cursor": null}""" }),
        ["ResolveConflict"] = new(
            "Resolve with a note",
            """{"resolution": "guest moved to the twin flat"}""",
            new Dictionary<string, string>
            {
                ["200"] = Conflict.Replace("\"status\": \"open\", \"detected_at\": \"2025-06-02T08:15:00+00:00\", \"resolved_at\": null, \"resolution\": null", "\"status\": \"resolved\", \"detected_at\": \"2025-06-02T08:15:00+00:00\", \"resolved_at\": \"2025-06-02T09:00:00+00:00\", \"resolution\": \"guest moved to the twin flat\"", StringComparison.Ordinal),
            }),
        ["ListUnmappedReservations"] = new(
            "A booking for a listing nobody connected",
            null,
            new Dictionary<string, string> { ["200"] = $$"""{"items": [{{UnmappedReservation}}], "total": 1, "limit": 50, "offset": 0, "next_cursor": null}""" }),
        ["ListAllUnmappedReservations"] = new(
            "A booking for a listing nobody connected",
            null,
            new Dictionary<string, string> { ["200"] = $$"""{"items": [{{UnmappedReservation}}], "total": 1, "limit": 50, "offset": 0, "next_cursor": null}""" }),
        ["ListDeadLetters"] = new(
            "An event the bus gave up on",
            null,
            new Dictionary<string, string>
            {
                ["200"] = $$"""
                    {"items": [{"id": "1717236000000-0", "event_id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "type": "booking.confirmed", "property_id": "{{PropertyId}}",
                      "deliveries": 5, "reason": "handler failed 5 times: platform unavailable", "dead_lettered_at": "2025-06-01T10:10:00+00:00", "occurred_at": "2025-06-01T10:00:00+00:00"}]}
                    """,
            }),
        ["ReplayDeadLetter"] = new("Replayed", null, new Dictionary<string, string> { ["202"] = """{"id": "1717236000000-0", "status": "replayed"}""" }),
        ["WebhookHealth"] = new(
            "Airbnb ready, Expedia without its notification credentials",
            null,
            new Dictionary<string, string>
            {
                ["200"] = """
                    {"status": "ok", "platforms": [
                      {"platform": "airbnb", "route": "/webhooks/airbnb", "enabled": true, "secret_configured": true, "status": "ready", "backlog": 0,
                       "last_accepted_at": "2025-06-01T10:00:00+00:00", "last_rejected_at": null, "last_rejection_reason": null},
                      {"platform": "expedia", "route": "/webhooks/expedia", "enabled": true, "secret_configured": false, "status": "not_configured", "backlog": 0,
                       "last_accepted_at": null, "last_rejected_at": "2025-06-01T09:00:00+00:00", "last_rejection_reason": "not_configured"}]}
                    """,
            }),
        ["WebhookAirbnb"] = new(
            "An Airbnb reservation notification (signed)",
            """{"action": "reservation_acceptance_confirmation", "reservation": {"confirmation_code": "HMABC12345", "listing_id": "airbnb_listing_790", "start_date": "2025-07-01", "nights": 3, "number_of_guests": 2, "status_type": "accept", "expected_payout_amount_accurate": "450.00", "currency": "EUR"}}""",
            new Dictionary<string, string> { ["200"] = """{"status": "accepted", "inbox_entry_id": "4b3a2c1d-0e9f-4a8b-b7c6-d5e4f3a2b1c0"}""" }),
    };

    /// <summary>The examples of the operation named <paramref name="endpointName"/>, if it has any.</summary>
    /// <param name="endpointName">The endpoint's name (<c>WithName</c>), which is also the operation id.</param>
    /// <returns>The examples, or <see langword="null"/>.</returns>
    public static OperationExamples? For(string endpointName) => ByEndpointName.GetValueOrDefault(endpointName);
}
