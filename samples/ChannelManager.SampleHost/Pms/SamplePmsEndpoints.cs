using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;
using ChannelManager.Adapters.ICal.Export;
using ChannelManager.AspNetCore.Tenancy;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Engine.Bookings;
using ChannelManager.Engine.Events;
using ChannelManager.Events;
using ChannelManager.Inventory;
using ChannelManager.SampleHost.Platforms;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;

namespace ChannelManager.SampleHost.Pms;

/// <summary>
/// The sample's stand-in for a PMS: publish PMS events over HTTP, read the ledger's calendar of a property, and see
/// the bookings the channel manager imported. A real PMS calls <see cref="EventService"/> in-process and implements
/// <see cref="ChannelManager.Bookings.IPmsBookingSink"/> instead.
/// </summary>
internal static class SamplePmsEndpoints
{
    public static void Map(WebApplication app, string selfUrl)
    {
        // The sample PMS acts for the caller's tenant, so it is secured like the management API.
        var pms = app.MapGroup("/pms").WithTags("Sample PMS").RequireAuthorization(SampleHostSecurity.TenantPolicy);

        // The iCal export feed URL of an iCal connection, to paste into the other platform's calendar import.
        if (app.Services.GetService<ICalFeedService>() is not null)
        {
            pms.MapGet("/ical-feeds/{connectionId:guid}", async (Guid connectionId, HttpContext http, ITenantResolver tenants, IChannelConnectionStore connections, ICalFeedService feeds, CancellationToken ct) =>
                await connections.GetAsync(TenantOf(http, tenants), connectionId, ct) is { DeletedAt: null, Platform: Platform.ICal } connection
                    ? Results.Ok(new PmsICalFeedUrl(connectionId, feeds.GetFeedUrl(connection, new Uri(selfUrl + "/ical"))))
                    : Results.Problem(detail: "No iCal connection with this id.", statusCode: StatusCodes.Status404NotFound))
                .WithName("SamplePmsICalFeedUrl")
                .WithSummary("The export feed URL of an iCal connection")
                .WithDescription("The URL (with its secret token) to paste into the other platform's calendar import; another tenant's connection, and a connection of another platform, answer 404.")
                .Produces<PmsICalFeedUrl>()
                .ProducesProblem(StatusCodes.Status404NotFound);
        }

        // Body: {"type":"booking.confirmed","property_id":"…","payload":{…},"event_id"?:"…","version"?:1}
        pms.MapPost("/events", async (HttpRequest request, ITenantResolver tenants, EventService events, CancellationToken ct) =>
        {
            JsonObject? body;
            try
            {
                body = await JsonSerializer.DeserializeAsync<JsonObject>(request.Body, cancellationToken: ct);
            }
            catch (JsonException ex)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["Malformed JSON: " + ex.Message] });
            }

            var errors = new Dictionary<string, string[]>();
            var type = body?["type"]?.GetValueKind() == JsonValueKind.String ? body["type"]!.GetValue<string>() : null;
            var payloadType = type is null ? null : EventEnvelopeSerializer.PayloadTypeOf(type);
            if (payloadType is null)
            {
                errors["type"] = ["The type must be one of " + string.Join(", ", EventTypes.All) + "."];
            }

            var propertyText = body?["property_id"]?.GetValueKind() == JsonValueKind.String ? body["property_id"]!.GetValue<string>() : null;
            if (!Guid.TryParse(propertyText, out var propertyId))
            {
                errors["property_id"] = ["The property id must be a GUID."];
            }

            Guid? eventId = null;
            if (body?["event_id"] is { } idNode)
            {
                if (idNode.GetValueKind() == JsonValueKind.String && Guid.TryParse(idNode.GetValue<string>(), out var id))
                {
                    eventId = id;
                }
                else
                {
                    errors["event_id"] = ["The event id must be a GUID."];
                }
            }

            PmsEvent? payload = null;
            if (payloadType is not null)
            {
                try
                {
                    payload = body?["payload"]?.Deserialize(payloadType, EventEnvelopeSerializer.PayloadOptions) as PmsEvent;
                    if (payload is null)
                    {
                        errors["payload"] = ["The payload is required."];
                    }
                }
                catch (JsonException ex)
                {
                    errors["payload"] = ["The payload does not match the event type: " + ex.Message];
                }
            }

            var version = body?["version"]?.GetValueKind() == JsonValueKind.Number ? body["version"]!.GetValue<long>() : 0;
            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            try
            {
                var envelope = await events.PublishAsync(TenantOf(request.HttpContext, tenants), propertyId, payload!, eventId, version, ct);
                return Results.Accepted(value: new PmsEventPublished(envelope.EventId, envelope.Type, "published"));
            }
            catch (ChannelManagerValidationException ex)
            {
                return Results.ValidationProblem(ex.Errors.ToDictionary(kv => kv.Key, kv => kv.Value));
            }
        })
            .WithName("SamplePmsPublishEvent")
            .WithSummary("Publish a PMS event")
            .WithDescription("What a real PMS does in-process with EventService: publishes booking.confirmed, booking.cancelled, pricing.updated, "
                + "availability.updated … for a property of the caller's tenant; the engine then pushes the change to every connected channel. "
                + "Body: {\"type\", \"property_id\", \"payload\": {…}, \"event_id\"?, \"version\"?}; the payload's fields depend on the type.")
            .DescribesRequestBody<JsonObject>()
            .Produces<PmsEventPublished>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem();

        pms.MapGet("/bookings", (HttpContext http, ITenantResolver tenants, InMemoryPmsBookingSink sink) => Results.Ok(sink.Received.Where(b => b.TenantId == TenantOf(http, tenants)).Select(b => new PmsImportedBooking(
            b.IdempotencyKey,
            b.BookingId,
            b.PropertyId,
            b.ConnectionId,
            b.Reservation.Platform.ToString(),
            b.Reservation.ConfirmationCode,
            b.Reservation.Status.ToString().ToLowerInvariant(),
            b.Reservation.Stay.Start,
            b.Reservation.Stay.End,
            b.Reservation.Guest is { } g ? $"{g.FirstName} {g.LastName}".Trim() : null,
            b.Overbooked))))
            .WithName("SamplePmsListBookings")
            .WithSummary("Bookings the channel manager imported")
            .WithDescription("The caller's tenant's bookings the engine delivered to the sample PMS (its in-memory IPmsBookingSink), oldest first; overbooked marks one imported onto nights with no unit left.")
            .Produces<PmsImportedBooking[]>();

        pms.MapGet("/properties/{propertyId:guid}/calendar", async (Guid propertyId, string? from, string? to, HttpContext http, ITenantResolver tenants, IInventoryLedger ledger, CancellationToken ct) =>
        {
            var start = DateOnly.FromDateTime(DateTime.UtcNow);
            if (from is not null && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["Use yyyy-MM-dd."] });
            }

            var end = start.AddDays(14);
            if (to is not null && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out end))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["Use yyyy-MM-dd."] });
            }

            if (end <= start || end.DayNumber - start.DayNumber > 366)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["'to' must be after 'from' and at most 366 days later."] });
            }

            var days = await ledger.GetAriAsync(TenantOf(http, tenants), propertyId, new DateRange(start, end), ct);
            return Results.Ok(days.Select(d => new PmsCalendarNight(d.Date, d.AvailableUnits, d.IsBookable, d.Rate, d.Currency, d.MinStay)));
        })
            .WithName("SamplePmsPropertyCalendar")
            .WithSummary("A property's calendar in the ledger")
            .WithDescription("Availability, rate and minimum stay per night from 'from' (yyyy-MM-dd, default today) to 'to' (exclusive, default 14 days later, at most 366), as the ledger holds them for the caller's tenant.")
            .Produces<PmsCalendarNight[]>()
            .ProducesValidationProblem();
    }

    // The tenant policy guarantees the tenant claim, so the resolver always answers.
    private static string TenantOf(HttpContext http, ITenantResolver tenants) =>
        tenants.ResolveTenant(http) ?? throw new InvalidOperationException("The sample PMS is reached only with a tenant's API key.");

    public static string Index(string selfUrl, PlatformSimulator? simulator, IReadOnlyCollection<Platform> enabled, string mode)
    {
        var sim = simulator is null ? "disabled" : $"{simulator.BaseAddress} (calls: {simulator.BaseAddress}_sim/calls, calendars: {simulator.BaseAddress}_sim/calendars/<platform>/<listing>?from=&to=)";
        var platforms = new StringBuilder();
        foreach (var platform in SamplePlatforms.All)
        {
            var line = !enabled.Contains(platform)
                ? $"not enabled (set one of {SamplePlatforms.KeysOf(platform)})"
                : platform == Platform.ICal
                    ? $"enabled, feeds at {selfUrl}/ical/<tenant>/<connection>/<token>.ics (GET {selfUrl}/pms/ical-feeds/<connection id>)"
                    : platform == Platform.FewoDirekt
                        ? $"enabled, feeds at {selfUrl}{SamplePlatforms.FewoDirektFeedPrefix}/advertisers (HTTP Basic), bookingRequest at {selfUrl}/webhooks/{platform.ToWebhookSlug()}"
                        : $"enabled, webhooks at {selfUrl}/webhooks/{platform.ToWebhookSlug()}";
            if (enabled.Contains(platform) && simulator is not null)
            {
                line += platform switch
                {
                    Platform.ICal => $", simulated feeds at {simulator.BaseAddressOf(platform)}<platform>/<listing>.ics",
                    Platform.FewoDirekt => $", simulated Vrbo polls them (POST {simulator.BaseAddress}_sim/fewo-direkt/poll to poll now)",
                    _ => $", simulated at {simulator.BaseAddressOf(platform)}",
                };
            }

            platforms.Append(CultureInfo.InvariantCulture, $"\n  {platform.ToWireName(),-12} {line}");
        }

        return $"""
            ChannelManager sample host ({mode})
            ==========================
            API:        {selfUrl}/channel-connections (Authorization: Bearer <API key>; demo keys are printed at start)
            Operations: {selfUrl}/operations/unmapped-reservations (an operator's API key)
            Webhooks:   {selfUrl}/webhooks/health
            API docs:   {selfUrl}/scalar (reference page), {selfUrl}/openapi/v1.json (OpenAPI document)
            Sample PMS: POST {selfUrl}/pms/events, GET {selfUrl}/pms/bookings, GET {selfUrl}/pms/properties/<id>/calendar
            Simulator:  {sim}
            Platforms:{platforms}
            See README.md for the walkthrough.

            """;
    }
}
