using System.Globalization;
using ChannelManager.Adapters.FewoDirekt.Api;
using ChannelManager.Adapters.FewoDirekt.Ari;
using ChannelManager.Adapters.FewoDirekt.Reservations;
using ChannelManager.Adapters.FewoDirekt.Webhooks;
using ChannelManager.Bookings;
using ChannelManager.Common;
using ChannelManager.Connections;
using ChannelManager.Inventory;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.FewoDirekt;

/// <summary>
/// Speaks Vrbo / FeWo-direkt's HomeAway-XML formats (platforms.md §4): unit availability and lodging rate content
/// out, bookings in through the booking content index (and signed <c>bookingRequest</c>/<c>bookingUpdate</c>
/// notifications), the same content read back. Every failed call throws <see cref="PlatformCallException"/>;
/// nothing is retried here. The assumed parts of the wire format are all in <see cref="FewoDirektWire"/>.
/// </summary>
internal sealed class FewoDirektChannelAdapter(
    FewoDirektApiClient client,
    IOptions<FewoDirektOptions> options,
    TimeProvider timeProvider,
    ILogger<FewoDirektChannelAdapter> logger) : IChannelAdapter, IChannelCalendarReader
{
    public Platform Platform => Platform.FewoDirekt;

    public async Task<AriPushResult> PushAriAsync(AriPushRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = FewoDirektTarget.Of(request.Connection);
        if (request.Days.Count == 0 || request.Scope == AriPushScope.None)
        {
            return new AriPushResult(0);
        }

        IReadOnlyList<FewoAriDocument> documents;
        try
        {
            documents = FewoAriDocumentBuilder.Build(target, request.Days, request.Scope);
        }
        catch (ArgumentException ex)
        {
            throw new PlatformCallException(Platform.FewoDirekt, "FeWo-direkt push: " + ex.Message, isTransient: false, innerException: ex);
        }

        foreach (var document in documents)
        {
            var (operation, path) = document.Kind == FewoDocumentKind.Availability
                ? ("unitAvailabilityContent", FewoDirektWire.AvailabilityPath(target.ListingId, target.UnitId))
                : ("lodgingRateContent", FewoDirektWire.RatesPath(target.ListingId, target.UnitId));
            await client.SendAsync(operation, HttpMethod.Put, new Uri(client.Root, path), document.Body, cancellationToken).ConfigureAwait(false);
        }

        logger.LogDebug("Pushed {Nights} nights to FeWo-direkt listing {ListingId} in {Calls} calls", request.Days.Count, target.ListingId, documents.Count);
        return new AriPushResult(documents.Count);
    }

    public async Task<PlatformCalendarRead> ReadCalendarAsync(ChannelConnection connection, DateRange range, CancellationToken cancellationToken = default)
    {
        var target = FewoDirektTarget.Of(connection);
        var nights = new List<PlatformCalendarNight>();
        var calls = 0;
        for (var first = range.Start; first < range.End; first = first.AddDays(FewoDirektWire.MaxDaysPerDocument))
        {
            var last = first.AddDays(FewoDirektWire.MaxDaysPerDocument - 1);
            last = last < range.LastNight ? last : range.LastNight;
            nights.AddRange(await ReadChunkAsync(target, first, last, withRates: true, cancellationToken).ConfigureAwait(false));
            calls += 2;
        }

        return new PlatformCalendarRead(nights, calls);
    }

    public async Task<IReadOnlyList<PlatformReservation>> FetchReservationsAsync(ChannelConnection connection, ReservationFetchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = string.IsNullOrWhiteSpace(request.ConfirmationCode) ? null : request.ConfirmationCode.Trim();
        var target = FewoDirektTarget.Of(connection, needsAdvertiser: code is null);
        if (request.MaxResults <= 0)
        {
            return [];
        }

        if (code is not null)
        {
            var one = await FetchBookingAsync(new Uri(client.Root, FewoDirektWire.BookingPath(code)), cancellationToken).ConfigureAwait(false);
            return one is not null && one.ListingId == target.ListingId ? [one] : [];
        }

        var since = request.ChangedSince ?? timeProvider.GetUtcNow() - options.Value.ReservationLookback;
        var body = FewoBookingParser.IndexRequest(target.AdvertiserId!, since);
        var index = await client.SendAsync("bookingContentIndexRequest", HttpMethod.Post, new Uri(client.Root, FewoDirektWire.BookingIndexPath), body, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FewoIndexEntry> entries;
        try
        {
            entries = index is null ? [] : FewoBookingParser.ParseIndex(index);
        }
        catch (FormatException ex)
        {
            throw new PlatformCallException(Platform.FewoDirekt, "FeWo-direkt bookingContentIndex: " + ex.Message, isTransient: false, statusCode: 200, innerException: ex);
        }

        var results = new List<PlatformReservation>();
        foreach (var entry in entries.OrderBy(e => e.LastUpdated))
        {
            if (results.Count >= request.MaxResults)
            {
                break;
            }

            // Entries that name another listing are skipped without a call; the others are read and checked.
            if ((entry.ListingId is not null && entry.ListingId != target.ListingId) || (entry.LastUpdated is { } updated && updated < since))
            {
                continue;
            }

            if (!Uri.TryCreate(client.Root, entry.BookingUpdateUrl, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new PlatformCallException(Platform.FewoDirekt, "FeWo-direkt bookingContentIndex: an entry's bookingUpdateUrl is not an http(s) URL.", isTransient: false, statusCode: 200);
            }

            var reservation = await FetchBookingAsync(url, cancellationToken).ConfigureAwait(false);
            if (reservation is not null && reservation.ListingId == target.ListingId)
            {
                results.Add(reservation);
            }
        }

        return results;
    }

    public WebhookVerificationResult VerifyWebhook(WebhookRequest request) =>
        FewoDirektWebhookVerifier.Verify(request, options.Value.WebhookSecret, options.Value.WebhookTimestampTolerance, timeProvider.GetUtcNow());

    public WebhookNotification ParseWebhook(WebhookRequest request) => FewoDirektWebhookParser.Parse(request);

    public async Task<ConnectionTestResult> TestConnectionAsync(ChannelConnection connection, CancellationToken cancellationToken = default)
    {
        FewoDirektTarget target;
        try
        {
            target = FewoDirektTarget.Of(connection);
        }
        catch (ChannelManagerValidationException ex)
        {
            return new ConnectionTestResult(false, "The connection is not set up for FeWo-direkt: " + string.Join(" ", ex.Errors.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}: {m}"))));
        }

        var started = timeProvider.GetTimestamp();
        try
        {
            var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
            await ReadChunkAsync(target, today, today, withRates: false, cancellationToken).ConfigureAwait(false);
            return new ConnectionTestResult(true, $"FeWo-direkt listing {target.ListingId} unit {target.UnitId} is reachable with the partner credentials.", Elapsed(started));
        }
        catch (PlatformCallException ex)
        {
            var message = ex.StatusCode switch
            {
                401 => "FeWo-direkt rejected the partner credentials.",
                403 or 404 => $"The partner credentials give no access to FeWo-direkt listing {target.ListingId}.",
                _ when ex.IsTransient => $"FeWo-direkt is not reachable right now: {ex.Message}",
                _ => ex.Message,
            };
            return new ConnectionTestResult(false, message, Elapsed(started));
        }
    }

    private async Task<List<PlatformCalendarNight>> ReadChunkAsync(FewoDirektTarget target, DateOnly first, DateOnly last, bool withRates, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"?{FewoDirektWire.BeginDateParameter}={FewoXml.Date(first)}&{FewoDirektWire.EndDateParameter}={FewoXml.Date(last)}");
        var availability = await client.SendAsync("unitAvailabilityContent read", HttpMethod.Get, new Uri(client.Root, FewoDirektWire.AvailabilityPath(target.ListingId, target.UnitId) + query), null, cancellationToken).ConfigureAwait(false);
        var rates = withRates
            ? await client.SendAsync("lodgingRateContent read", HttpMethod.Get, new Uri(client.Root, FewoDirektWire.RatesPath(target.ListingId, target.UnitId) + query), null, cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            var nights = availability is null ? [] : FewoCalendarParser.Availability(availability);
            var byNight = rates is null ? [] : FewoCalendarParser.Rates(rates);
            var result = new List<PlatformCalendarNight>();
            for (var date = first; date <= last; date = date.AddDays(1))
            {
                var night = nights.GetValueOrDefault(date);
                var rate = byNight.TryGetValue(date, out var r) ? r : (decimal?)null;
                if (night is null && rate is null)
                {
                    continue;
                }

                result.Add((night ?? new PlatformCalendarNight { Date = date }) with { Rate = rate });
            }

            return result;
        }
        catch (FormatException ex)
        {
            throw new PlatformCallException(Platform.FewoDirekt, "FeWo-direkt calendar read: " + ex.Message, isTransient: false, statusCode: 200, innerException: ex);
        }
    }

    private async Task<PlatformReservation?> FetchBookingAsync(Uri url, CancellationToken cancellationToken)
    {
        var document = await client.SendAsync("bookingUpdate", HttpMethod.Get, url, null, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        if (document is null)
        {
            return null;
        }

        try
        {
            return FewoBookingParser.Parse(document).Reservation;
        }
        catch (FormatException ex)
        {
            throw new PlatformCallException(Platform.FewoDirekt, "FeWo-direkt bookingUpdate: " + ex.Message, isTransient: false, statusCode: 200, innerException: ex);
        }
    }

    private double Elapsed(long started) => Math.Round(timeProvider.GetElapsedTime(started).TotalMilliseconds, 3);
}
