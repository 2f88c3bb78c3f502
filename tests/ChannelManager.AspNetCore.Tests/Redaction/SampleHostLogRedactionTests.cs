using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelManager.Adapters.Airbnb;
using ChannelManager.Adapters.BookingCom;
using ChannelManager.Adapters.Expedia;
using ChannelManager.Adapters.FewoDirekt;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.ICal;
using ChannelManager.AspNetCore.Tests.Hostile;
using ChannelManager.Connections;
using ChannelManager.SampleHost;
using ChannelManager.SampleHost.Security;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Airbnb;
using ChannelManager.Simulator.Google;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChannelManager.AspNetCore.Tests.Redaction;

/// <summary>
/// The sample host on Kestrel with the simulator (the one-command demo), every log category captured at Trace
/// (messages, structured values, scopes, exception text), while the flows that handle secrets run: API keys right and
/// wrong, connections with access and refresh tokens, an Airbnb token refresh, a revoked token and injected platform
/// errors, every platform's token exchange or credentials, webhooks of each platform with valid and with forged
/// credentials, the Vrbo feeds behind Basic, the iCal feed (its token is in the URL path) right and wrong. Afterwards no
/// secret the host was given, generated, received or sent appears anywhere in the captured output.
/// </summary>
public sealed class SampleHostLogRedactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task No_secret_appears_in_any_log_output()
    {
        var capture = new CapturingLoggerProvider();
        var port = FreePort.Next();
        var selfUrl = $"http://127.0.0.1:{port}";
        await using var factory = new WebApplicationFactory<SampleHostEntryPoint>().WithWebHostBuilder(b => b
            .UseSetting("Urls", selfUrl)
            .UseSetting("Simulator:Port", "0")
            .ConfigureLogging(logging =>
            {
                logging.AddProvider(capture);
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
                logging.SetMinimumLevel(LogLevel.Trace);
            }));
        factory.UseKestrel(port);
        factory.StartServer();

        var services = factory.Services;
        var simulator = services.GetRequiredService<PlatformSimulator>();
        var demoKey = services.GetRequiredService<SampleApiKeys>().DemoKeys["tenant:default"];
        using var client = new HttpClient { BaseAddress = new Uri(selfUrl + "/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", demoKey);
        using var anonymous = new HttpClient { BaseAddress = new Uri(selfUrl + "/") };
        var secrets = new List<string> { demoKey, services.GetRequiredService<SampleApiKeys>().DemoKeys["operator:demo"] };

        // API keys: wrong ones in both headers.
        var wrongKey = "cm_wrong-" + Secret();
        secrets.Add(wrongKey);
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "channel-connections"))
        {
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrongKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong, Ct)).StatusCode);
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "channel-connections"))
        {
            wrong.Headers.Add(SampleHostSecurity.ApiKeyHeader, wrongKey);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(wrong, Ct)).StatusCode);
        }

        // Airbnb: tokens issued by the platform; the access token expires, so the adapter refreshes it.
        var grant = simulator.Airbnb.IssueTokens();
        secrets.AddRange([grant.AccessToken, grant.RefreshToken]);
        var airbnb = await CreateAsync(client, Guid.NewGuid(), "airbnb", "redact-airbnb-1", new { listing_id = "redact-airbnb-1" }, grant.AccessToken, grant.RefreshToken);
        await Eventually.TrueAsync(() => simulator.State.GetDay(Platform.Airbnb, "redact-airbnb-1", Today.AddDays(7)) is not null, "the Airbnb calendar was pushed");
        simulator.State.Airbnb.ExpireAccessToken(grant.AccessToken);
        var refreshesBefore = simulator.State.Airbnb.TokenRefreshes;
        Assert.True((await client.PostAsync($"channel-connections/{airbnb}/test", null, Ct)).IsSuccessStatusCode);
        Assert.True(simulator.State.Airbnb.TokenRefreshes > refreshesBefore, "the expired access token was refreshed");

        // A revoked token and injected platform errors: failures logged with their platform answers.
        var revoked = "revoked-" + Secret();
        secrets.Add(revoked);
        simulator.State.RevokeToken(revoked);
        var revokedConnection = await CreateAsync(client, Guid.NewGuid(), "airbnb", "redact-airbnb-2", new { listing_id = "redact-airbnb-2" }, revoked, null);
        await client.PostAsync($"channel-connections/{revokedConnection}/test", null, Ct);
        using (var sim = new HttpClient { BaseAddress = simulator.BaseAddress })
        {
            var fault = await sim.PostAsJsonAsync("_sim/faults", new { platform = "airbnb", kind = "status", status_code = 500, times = 2 }, Ct);
            Assert.True(fault.IsSuccessStatusCode, await fault.Content.ReadAsStringAsync(Ct));
        }

        await client.PostAsJsonAsync($"channel-connections/{airbnb}/sync", new { sync_type = "full" }, Ct);

        // Airbnb webhooks: a signed one from the platform, and forged ones.
        await simulator.CreateAirbnbReservationAsync(new AirbnbReservationRequest { ListingId = "redact-airbnb-1", StartDate = Today.AddDays(40), Nights = 2, Currency = "EUR" }, Ct);
        var foreign = new WebhookMessages(RSA.Create(2048));
        secrets.AddRange([foreign.AirbnbSecret, foreign.BookingComSigningKey, foreign.ExpediaNotificationPassword, foreign.FewoPassword]);
        foreach (var platform in WebhookMessages.Platforms)
        {
            foreach (var message in new[] { foreign.Valid(platform, Guid.NewGuid().ToString("N")[..8], Today.AddDays(50)), foreign.Forged(platform, Guid.NewGuid().ToString("N")[..8], Today.AddDays(50)) })
            {
                secrets.AddRange(CredentialsIn(message.Headers));
                using var answer = await anonymous.SendAsync(message.ToRequest(), Ct);
                Assert.True(answer.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.NotFound, $"{platform}: {(int)answer.StatusCode}");
            }
        }

        // Booking.com: the token exchange (client secret → bearer), a pull, and a notification signed with the host's key.
        var bookingCom = services.GetRequiredService<IOptions<BookingComOptions>>().Value;
        var bookingConnection = await CreateAsync(client, Guid.NewGuid(), "booking_com", "1234567:123456701", new { rate_plan_id = "987654", currency = "EUR" }, "unused-" + Secret(), null);
        await client.PostAsJsonAsync($"channel-connections/{bookingConnection}/sync", new { sync_type = "bookings" }, Ct);
        var notification = BookingComNotificationTokens.Issue(bookingCom.NotificationSigningKey!, "booking", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        secrets.Add(notification);
        using (var signed = new HttpRequestMessage(HttpMethod.Post, "webhooks/booking-com"))
        {
            signed.Content = new StringContent("""{"metadata":{"type":"RESERVATION_NEW","uuid":"bdc-redact-1"},"payload":{"hotel_id":"1234567","reservation_id":"4242"}}""", Encoding.UTF8, "application/json");
            signed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", notification);
            Assert.True((await anonymous.SendAsync(signed, Ct)).IsSuccessStatusCode);
        }

        // Expedia: EQC pushes with the account's credentials, and a Booking Notification with the host's BN credentials.
        var expedia = services.GetRequiredService<IOptions<ExpediaOptions>>().Value;
        await CreateAsync(client, Guid.NewGuid(), "expedia", "7654321:200154", new { rate_plan_id = "200154A", currency = "EUR" }, "unused-" + Secret(), null);
        var bn = Encoding.UTF8.GetString(foreign.Valid(Platform.Expedia, "redact1", Today.AddDays(60), listing: "7654321").Body)
            .Replace(WebhookMessages.ExpediaNotificationUsername, expedia.NotificationUsername, StringComparison.Ordinal)
            .Replace(foreign.ExpediaNotificationPassword, expedia.NotificationPassword, StringComparison.Ordinal);
        Assert.True((await anonymous.PostAsync("webhooks/expedia", new StringContent(bn, Encoding.UTF8, "text/xml"), Ct)).IsSuccessStatusCode);

        // Vrbo: the feeds read with Basic, and a booking request with the right and a wrong password.
        var fewo = services.GetRequiredService<IOptions<FewoDirektOptions>>().Value;
        await CreateAsync(client, Guid.NewGuid(), "fewo_direkt", "redact-fewo-1", new { advertiser_id = "adv-redact", currency = "EUR" }, "unused-" + Secret(), null);
        await simulator.FewoDirekt.PollAsync(Ct);
        var request = Encoding.UTF8.GetString(foreign.Valid(Platform.FewoDirekt, "redact1", Today.AddDays(70)).Body);
        using (var booking = new HttpRequestMessage(HttpMethod.Post, "webhooks/fewo-direkt") { Content = new StringContent(request, Encoding.UTF8, "application/xml") })
        {
            booking.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(fewo.FeedUsername + ":" + fewo.FeedPassword)));
            Assert.True((await anonymous.SendAsync(booking, Ct)).IsSuccessStatusCode);
        }

        // Google: the service-account token exchange, and a Pub/Sub push with a valid token.
        var google = services.GetRequiredService<IOptions<GoogleOptions>>().Value;
        await CreateAsync(client, Guid.NewGuid(), "google", "vr-redact", new { rate_plan_id = "standard", currency = "EUR" }, "unused-" + Secret(), null);
        var pushToken = simulator.Google.IssuePushToken(google.PubSubAudience!);
        secrets.Add(pushToken);
        using (var push = new HttpRequestMessage(HttpMethod.Post, "webhooks/google"))
        {
            push.Content = new StringContent(simulator.Google.EnvelopeOf(new GooglePubSubPush { Url = new Uri(google.PubSubAudience!), Data = Encoding.UTF8.GetBytes("{}") }, "redact-1"), Encoding.UTF8, "application/json");
            push.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pushToken);
            await anonymous.SendAsync(push, Ct);
        }

        // iCal: a feed imported, and this host's own feed read with its token (in the path) and with a wrong one.
        simulator.ICalFeeds.Reserve(Platform.Airbnb, "redact-ical-1", "HMREDACT1", Today.AddDays(20), Today.AddDays(23));
        var ical = await CreateAsync(client, Guid.NewGuid(), "ical", "redact-ical-1", new { ical_url = new Uri(simulator.BaseAddressOf(Platform.ICal), "airbnb/redact-ical-1.ics").AbsoluteUri }, "unused-" + Secret(), null);
        await client.PostAsJsonAsync($"channel-connections/{ical}/sync", new { sync_type = "bookings" }, Ct);
        var feedUrl = new Uri(JsonDocument.Parse(await client.GetStringAsync($"pms/ical-feeds/{ical}", Ct)).RootElement.GetProperty("url").GetString()!);
        var feedToken = feedUrl.Segments[^1].Replace(".ics", string.Empty, StringComparison.Ordinal);
        secrets.Add(feedToken);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(feedUrl.PathAndQuery, Ct)).StatusCode);
        var wrongFeedToken = Secret();
        secrets.Add(wrongFeedToken);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(feedUrl.AbsolutePath.Replace(feedToken, wrongFeedToken, StringComparison.Ordinal), Ct)).StatusCode);

        // The background work lands (imports, pulls, pushes) before the output is read.
        await Eventually.TrueAsync(async () => (await client.GetStringAsync("pms/bookings", Ct)).Contains("HMREDACT1", StringComparison.Ordinal), "the iCal import finished");

        // Everything the host was configured with or generated, and every credential it sent to a platform.
        var airbnbOptions = services.GetRequiredService<IOptions<AirbnbOptions>>().Value;
        secrets.AddRange([
            airbnbOptions.ClientSecret!, airbnbOptions.WebhookSecret!, bookingCom.ClientSecret!, bookingCom.NotificationSigningKey!,
            expedia.Password!, expedia.NotificationPassword!, fewo.FeedPassword!, google.PartnerKey!,
            services.GetRequiredService<IOptions<ICalOptions>>().Value.FeedSigningKey!,
        ]);
        secrets.AddRange(google.ServiceAccountPrivateKey!.Split('\n').Where(line => line.Length > 40));
        foreach (var call in simulator.State.Calls)
        {
            secrets.AddRange(CredentialsIn(call.RequestHeaders));
        }

        var refreshed = simulator.State.Calls.Select(c => c.RequestHeaders.GetValueOrDefault(AirbnbEndpointsOAuthHeader)).OfType<string>().Distinct().ToList();
        Assert.Contains(refreshed, t => t != grant.AccessToken); // the refreshed token was sent, and is checked below

        var output = capture.Entries.Select(e => e.Text).ToList();
        Assert.True(output.Count > 500, $"the capture saw the host's logs ({output.Count} entries)");
        Assert.Contains(output, e => e.Contains("/ical/", StringComparison.Ordinal)); // the feed requests were logged, only without their token
        var leaks = secrets.Where(s => s.Length >= 12).Distinct()
            .SelectMany(secret => output.Where(e => e.Contains(secret, StringComparison.Ordinal)).Select(e => (Secret: secret[..6] + "…", Entry: e)))
            .Take(10)
            .ToList();
        Assert.True(leaks.Count == 0, "secrets in the log output:\n" + string.Join("\n---\n", leaks.Select(l => $"{l.Secret}: {l.Entry[..Math.Min(l.Entry.Length, 1500)]}")));
    }

    private const string AirbnbEndpointsOAuthHeader = "X-Airbnb-OAuth-Token";

    private static async Task<Guid> CreateAsync(HttpClient client, Guid property, string platform, string listing, object metadata, string accessToken, string? refreshToken)
    {
        var created = await client.PostAsJsonAsync("channel-connections", new Dictionary<string, object?>
        {
            ["property_id"] = property,
            ["platform_type"] = platform,
            ["platform_listing_id"] = listing,
            ["access_token"] = accessToken,
            ["refresh_token"] = refreshToken,
            ["platform_metadata"] = metadata,
        }, Ct);
        var body = await created.Content.ReadAsStringAsync(Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        Assert.DoesNotContain(accessToken, body, StringComparison.Ordinal);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>The secret parts of credential headers: bearer tokens, Basic pairs (encoded and the decoded password), signatures, API tokens.</summary>
    private static IEnumerable<string> CredentialsIn(IReadOnlyDictionary<string, string> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            {
                var parts = value.Split(' ', 2);
                var credential = parts.Length == 2 ? parts[1].Trim() : value;
                yield return credential;
                if (parts[0].Equals("Basic", StringComparison.OrdinalIgnoreCase))
                {
                    var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(credential));
                    yield return decoded[(decoded.IndexOf(':', StringComparison.Ordinal) + 1)..];
                }
            }
            else if (name.Equals(AirbnbEndpointsOAuthHeader, StringComparison.OrdinalIgnoreCase) || name.Contains("Signature", StringComparison.OrdinalIgnoreCase))
            {
                yield return value.StartsWith("v1=", StringComparison.Ordinal) ? value[3..] : value;
            }
        }
    }

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
