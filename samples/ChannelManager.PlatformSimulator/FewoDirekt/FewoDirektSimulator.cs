using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.FewoDirekt;

/// <summary>
/// The simulated Vrbo: it pulls the partner's feeds (advertisers index → each advertiser's unit availability and
/// lodging rate indexes → the content whose <c>lastUpdatedDate</c> moved) with the partner-issued HTTP Basic
/// credentials, on demand (<see cref="PollAsync"/>) and every <see cref="FewoDirektSimulatorOptions.PollInterval"/>,
/// and keeps each listing's calendar from what it read; guests book, change and cancel, and each booking document is
/// posted to the partner, whose <c>bookingResponse</c> is checked.
/// </summary>
public sealed class FewoDirektSimulator
{
    private const string UnitAvailabilityStem = "unitAvailability";
    private const string LodgingRateStem = "lodgingRate";

    private readonly SimulatorState _state;
    private readonly FewoDirektSimulatorOptions _options;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    internal FewoDirektSimulator(SimulatorState state, FewoDirektSimulatorOptions options, HttpClient http)
    {
        _state = state;
        _options = options;
        _http = http;
    }

    /// <summary>The last poll's outcome, or <see langword="null"/> before the first.</summary>
    public FewoDirektPollResult? LastPoll { get; private set; }

    /// <summary>Reads the partner's feeds once and applies the content that changed since the last poll.</summary>
    /// <param name="cancellationToken">Cancels the poll.</param>
    /// <returns>What was read.</returns>
    public async Task<FewoDirektPollResult> PollAsync(CancellationToken cancellationToken = default)
    {
        await _pollGate.WaitAsync(cancellationToken);
        try
        {
            LastPoll = await PollOnceAsync(cancellationToken);
            return LastPoll;
        }
        finally
        {
            _pollGate.Release();
        }
    }

    /// <summary>Creates a booking, closes its nights and posts <c>bookingRequest</c>.</summary>
    /// <param name="request">The booking.</param>
    /// <param name="bookingUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The booking and the partner's answer.</returns>
    public async Task<FewoDirektReservationResult> CreateReservationAsync(FewoDirektReservationRequest request, Uri? bookingUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Create(request);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: true), bookingUrl, cancellationToken));
    }

    /// <summary>Moves a booking, and posts <c>bookingUpdate</c> (<c>MODIFIED</c>).</summary>
    /// <param name="reservationId">The booking.</param>
    /// <param name="beginDate">The new check-in.</param>
    /// <param name="endDate">The new check-out.</param>
    /// <param name="bookingUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The booking and the partner's answer.</returns>
    public async Task<FewoDirektReservationResult> ModifyReservationAsync(string reservationId, DateOnly beginDate, DateOnly endDate, Uri? bookingUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Modify(reservationId, beginDate, endDate);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: false), bookingUrl, cancellationToken));
    }

    /// <summary>Cancels a booking, reopens its nights and posts <c>bookingUpdate</c> (<c>CANCELLED</c>).</summary>
    /// <param name="reservationId">The booking.</param>
    /// <param name="bookingUrl">Where to post instead of the configured URL.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The booking and the partner's answer.</returns>
    public async Task<FewoDirektReservationResult> CancelReservationAsync(string reservationId, Uri? bookingUrl = null, CancellationToken cancellationToken = default)
    {
        var reservation = _state.FewoDirekt.Cancel(reservationId);
        return new FewoDirektReservationResult(reservation, await SendAsync(FewoDirektWire.WriteBooking(reservation, asRequest: false), bookingUrl, cancellationToken));
    }

    /// <summary>Starts polling every <see cref="FewoDirektSimulatorOptions.PollInterval"/> (re-read each round, so it can be turned on later).</summary>
    internal void StartPolling() => _loop ??= Task.Run(() => PollLoopAsync(_stopping.Token));

    /// <summary>Stops polling.</summary>
    internal async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }
    }

    private async Task PollLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var interval = _options.PollInterval;
            await Task.Delay(interval > TimeSpan.Zero ? interval : TimeSpan.FromSeconds(1), stopping);
            if (interval > TimeSpan.Zero && _options.FeedUrl is not null)
            {
                try
                {
                    await PollAsync(stopping);
                }
                catch (Exception) when (!stopping.IsCancellationRequested)
                {
                    // A poll that failed outright is retried next round (its errors are in LastPoll when it got that far).
                }
            }
        }
    }

    private async Task<FewoDirektPollResult> PollOnceAsync(CancellationToken cancellationToken)
    {
        var started = _state.TimeProvider.GetUtcNow();
        var errors = new List<string>();
        if (_options.FeedUrl is not { } feedUrl)
        {
            return new FewoDirektPollResult(started, 0, 0, 0, ["FeedUrl is not set."]);
        }

        var advertisersDocument = await GetAsync(feedUrl, errors, cancellationToken);
        if (advertisersDocument is null)
        {
            return new FewoDirektPollResult(started, 0, 0, 0, errors);
        }

        IReadOnlyList<(string AdvertiserId, IReadOnlyDictionary<string, Uri> IndexUrls)> advertisers;
        try
        {
            advertisers = FewoDirektWire.ReadAdvertisers(advertisersDocument);
        }
        catch (FormatException ex)
        {
            return new FewoDirektPollResult(started, 0, 0, 0, [$"{feedUrl}: {ex.Message}"]);
        }

        var read = 0;
        var unchanged = 0;
        foreach (var (advertiserId, indexUrls) in advertisers)
        {
            foreach (var stem in new[] { UnitAvailabilityStem, LodgingRateStem })
            {
                if (!indexUrls.TryGetValue(stem + "ContentIndexUrl", out var indexUrl))
                {
                    errors.Add($"advertiser {advertiserId}: no {stem}ContentIndexUrl.");
                    continue;
                }

                var indexDocument = await GetAsync(indexUrl, errors, cancellationToken);
                IReadOnlyList<FewoDirektWire.IndexEntry> entries;
                try
                {
                    entries = indexDocument is null ? [] : FewoDirektWire.ReadIndex(indexDocument, stem);
                }
                catch (FormatException ex)
                {
                    errors.Add($"{indexUrl}: {ex.Message}");
                    continue;
                }

                foreach (var entry in entries)
                {
                    if (_state.FewoDirekt.ContentVersion(entry.ContentUrl) == entry.LastUpdated)
                    {
                        unchanged++;
                        continue;
                    }

                    var content = await GetAsync(entry.ContentUrl, errors, cancellationToken);
                    if (content is null)
                    {
                        continue;
                    }

                    try
                    {
                        if (stem == UnitAvailabilityStem)
                        {
                            var (listing, _, days) = FewoDirektWire.ReadAvailability(content);
                            _state.FewoDirekt.ApplyAvailability(listing, days);
                        }
                        else
                        {
                            var (listing, _, rates) = FewoDirektWire.ReadRates(content);
                            _state.FewoDirekt.ApplyRates(listing, rates);
                        }

                        _state.FewoDirekt.SetContentVersion(entry.ContentUrl, entry.LastUpdated);
                        read++;
                    }
                    catch (FormatException ex)
                    {
                        errors.Add($"{entry.ContentUrl}: {ex.Message}");
                    }
                }
            }
        }

        return new FewoDirektPollResult(started, advertisers.Count, read, unchanged, errors);
    }

    /// <summary>One authenticated GET; <see langword="null"/> (with the reason in <paramref name="errors"/>) when it failed.</summary>
    private async Task<XDocument?> GetAsync(Uri url, List<string> errors, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        Authenticate(message);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{url}: HTTP {(int)response.StatusCode}."));
                return null;
            }

            return FewoDirektWire.Parse(text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            errors.Add($"{url}: no answer within {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            errors.Add($"{url}: {ex.Message}");
        }
        catch (XmlException ex)
        {
            errors.Add($"{url}: not well-formed XML ({ex.Message}).");
        }

        return null;
    }

    private async Task<FewoDirektBookingDelivery?> SendAsync(byte[] body, Uri? bookingUrl, CancellationToken cancellationToken)
    {
        var url = bookingUrl ?? _options.BookingUrl;
        if (url is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(body);
        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        Authenticate(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token);
            var reply = await response.Content.ReadAsStringAsync(timeout.Token);
            var status = (int)response.StatusCode;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new FewoDirektBookingDelivery(url, text, status, null, null, $"The partner answered HTTP {status.ToString(CultureInfo.InvariantCulture)}.");
            }

            try
            {
                var (replyStatus, externalId) = FewoDirektWire.ReadBookingResponse(FewoDirektWire.Parse(reply));
                return new FewoDirektBookingDelivery(url, text, status, replyStatus, externalId, null);
            }
            catch (Exception ex) when (ex is XmlException or FormatException)
            {
                return new FewoDirektBookingDelivery(url, text, status, null, null, $"The answer is not a bookingResponse: {ex.Message}");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FewoDirektBookingDelivery(url, text, null, null, null, $"The partner did not answer within {_options.RequestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException ex)
        {
            return new FewoDirektBookingDelivery(url, text, null, null, null, ex.Message);
        }
    }

    private void Authenticate(HttpRequestMessage message)
    {
        if (!string.IsNullOrEmpty(_options.PartnerUsername) || !string.IsNullOrEmpty(_options.PartnerPassword))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(_options.PartnerUsername + ":" + _options.PartnerPassword)));
        }

        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
    }
}
