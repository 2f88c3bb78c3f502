using System.Globalization;
using ChannelManager.Adapters.Airbnb.Api;
using ChannelManager.Adapters.Airbnb.Calendar;
using ChannelManager.Adapters.Airbnb.Reservations;
using ChannelManager.Adapters.Airbnb.Webhooks;
using ChannelManager.Bookings;
using ChannelManager.Connections;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Airbnb;

/// <summary>
/// Speaks Airbnb's API for software partners (platforms.md §2): calendar operations out, reservations in, webhook
/// verification and parsing. Every failed call throws <see cref="PlatformCallException"/>; nothing is retried here,
/// except a call answered 401, once, after its access token was refreshed (<see cref="Api.AirbnbConnectionClient"/>).
/// </summary>
internal sealed class AirbnbChannelAdapter(
    AirbnbConnectionClient client,
    IOptions<AirbnbOptions> options,
    TimeProvider timeProvider,
    ILogger<AirbnbChannelAdapter> logger) : IChannelAdapter, IChannelCalendarReader, IWebhookReceptionContract
{
    private readonly AirbnbCalendarReader _calendarReader = new(client);

    /// <summary>The largest page <c>GET /v2/reservations</c> serves.</summary>
    internal const int PageSize = 100;

    /// <summary>A guard against a platform that never ends its list.</summary>
    private const int MaxPages = 1000;

    public Platform Platform => Platform.Airbnb;

    /// <summary>Airbnb's notifications are JSON.</summary>
    public WebhookBodyFormat WebhookBodyFormat => WebhookBodyFormat.Json;

    /// <summary>Whether the webhook secret is set (the options validator requires it, so this is true once started).</summary>
    public bool IsWebhookVerificationConfigured => !string.IsNullOrEmpty(options.Value.WebhookSecret);

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = request.Connection;
        EnsureAirbnb(connection);
        var operations = AirbnbCalendarOperationBuilder.Build(request.Days, request.Scope);
        if (operations.Count == 0)
        {
            return new AriPushResult(0);
        }

        var calls = 0;
        foreach (var batch in operations.Chunk(options.Value.MaxOperationsPerCall))
        {
            var body = new AirbnbCalendarOperationsRequest(connection.PlatformListingId, batch);
            await client.SendAsync(
                connection,
                "calendar_operations",
                (api, token, ct) => api.PostCalendarOperationsAsync(token, body, ct),
                AirbnbJsonContext.Default.AirbnbCalendarOperationsResponse,
                cancellationToken);
            calls++;
        }

        logger.LogDebug(
            "Pushed {Nights} nights to Airbnb listing {ListingId} as {Operations} operations in {Calls} calls",
            request.Days.Count,
            connection.PlatformListingId,
            operations.Count,
            calls);
        return new AriPushResult(calls);
    }

    public Task<PlatformCalendarRead> ReadCalendarAsync(ChannelConnection connection, Inventory.DateRange range, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        EnsureAirbnb(connection);
        return _calendarReader.ReadAsync(connection, range, cancellationToken);
    }

    public async Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        EnsureAirbnb(connection);
        if (request.MaxResults <= 0)
        {
            return [];
        }

        return string.IsNullOrWhiteSpace(request.ConfirmationCode)
            ? await FetchListAsync(connection, request, cancellationToken)
            : await FetchOneAsync(connection, request.ConfirmationCode.Trim(), cancellationToken);
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request)
    {
        var settings = options.Value;
        return AirbnbWebhookSignatureVerifier.Verify(request, settings.WebhookSecret, settings.WebhookTimestampTolerance, timeProvider.GetUtcNow());
    }

    public WebhookNotification ParseWebhook(WebhookRequest request) => AirbnbWebhookParser.Parse(request);

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        EnsureAirbnb(connection);
        if (string.IsNullOrWhiteSpace(connection.Credentials.AccessToken))
        {
            return new ConnectionTestResult(false, "No Airbnb access token is stored for this connection.");
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var envelope = await client.SendAsync(
                connection,
                "get_listing",
                (api, token, ct) => api.GetListingAsync(token, connection.PlatformListingId, ct),
                AirbnbJsonContext.Default.AirbnbListingEnvelope,
                cancellationToken);
            var latency = Elapsed(started);
            return envelope.Listing is null
                ? new ConnectionTestResult(false, "Airbnb answered without a listing.", latency)
                : new ConnectionTestResult(true, $"Airbnb listing {connection.PlatformListingId} is reachable with this token.", latency);
        }
        catch (PlatformCallException ex)
        {
            var latency = Elapsed(started);
            var message = ex.StatusCode switch
            {
                401 => "Airbnb rejected the access token: access token invalid or revoked.",
                403 => "Airbnb refused access to the listing with this token (missing scope or another host's listing).",
                404 => $"Airbnb listing not found: {connection.PlatformListingId}.",
                _ when ex.IsTransient => $"Airbnb is not reachable right now: {ex.Message}",
                _ => ex.Message,
            };
            return new ConnectionTestResult(false, message, latency);
        }
    }

    private async Task<IReadOnlyList<PlatformReservation>> FetchOneAsync(ChannelConnection connection, string confirmationCode, CancellationToken cancellationToken)
    {
        var envelope = await client.SendOrDefaultIfNotFoundAsync(
            connection,
            "get_reservation",
            (api, token, ct) => api.GetReservationAsync(token, confirmationCode, ct),
            AirbnbJsonContext.Default.AirbnbReservationEnvelope,
            cancellationToken);
        if (envelope?.Reservation is not { } dto)
        {
            return [];
        }

        var reservation = MapFromApi(dto, "get_reservation");
        if (reservation is null)
        {
            logger.LogDebug("Airbnb reservation {ConfirmationCode} has status {Status}, which is not a booking; ignored", confirmationCode, dto.StatusType);
            return [];
        }

        if (reservation.ListingId != connection.PlatformListingId)
        {
            logger.LogWarning(
                "Airbnb reservation {ConfirmationCode} belongs to listing {OtherListingId}, not {ListingId}; ignored",
                confirmationCode,
                reservation.ListingId,
                connection.PlatformListingId);
            return [];
        }

        return [reservation];
    }

    private async Task<IReadOnlyList<PlatformReservation>> FetchListAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken)
    {
        var results = new List<PlatformReservation>();
        var offset = 0;
        for (var page = 0; page < MaxPages && results.Count < request.MaxResults; page++)
        {
            var currentOffset = offset;
            var response = await client.SendAsync(
                connection,
                "list_reservations",
                (api, token, ct) => api.ListReservationsAsync(token, connection.PlatformListingId, PageSize, currentOffset, ct),
                AirbnbJsonContext.Default.AirbnbReservationsPage,
                cancellationToken);
            var items = response.Reservations ?? [];
            foreach (var dto in items)
            {
                if (MapFromApi(dto, "list_reservations") is not { } reservation ||
                    reservation.ListingId != connection.PlatformListingId ||
                    (request.ChangedSince is { } since && reservation.UpdatedAt is { } updated && updated < since))
                {
                    continue;
                }

                results.Add(reservation);
                if (results.Count == request.MaxResults)
                {
                    break;
                }
            }

            offset += items.Count;
            if (items.Count == 0 || (response.Metadata?.Total is { } total && offset >= total))
            {
                break;
            }
        }

        return results;
    }

    /// <summary>Maps a reservation from the API; <see langword="null"/> for statuses that are no booking (e.g. a pending request).</summary>
    private static PlatformReservation? MapFromApi(AirbnbReservationDto dto, string operation)
    {
        if (AirbnbReservationMapper.StatusOf(dto.StatusType) is null)
        {
            return null;
        }

        try
        {
            return AirbnbReservationMapper.Map(dto);
        }
        catch (AirbnbReservationFormatException ex)
        {
            throw new PlatformCallException(Platform.Airbnb, $"Airbnb {operation}: {ex.Message}", isTransient: false, statusCode: 200, innerException: ex);
        }
    }

    private double Elapsed(long started) =>
        Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);

    private static void EnsureAirbnb(ChannelConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.Platform != Platform.Airbnb)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The connection {connection.Id} is for {connection.Platform}, not Airbnb."),
                nameof(connection));
        }

        if (string.IsNullOrWhiteSpace(connection.PlatformListingId))
        {
            throw new ArgumentException($"The connection {connection.Id} has no Airbnb listing id.", nameof(connection));
        }
    }
}
