using System.Security.Cryptography;
using System.Text;
using ChannelManager.Adapters.Google.Auth;
using ChannelManager.Adapters.Google.PubSub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator.Google;
using ChannelManager.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChannelManager.Adapters.Tests.Google;

public sealed class GooglePubSubTests(GoogleFixture fixture) : IClassFixture<GoogleFixture>
{
    private const string Body = """{"message":{"attributes":{"eventType":"ARI_CHANGED","hotel_id":"vr-42"},"data":"eyJob3RlbF9pZCI6InZyLTQyIn0=","messageId":"2070443601311540","message_id":"2070443601311540","publishTime":"2030-01-15T08:30:00.000Z","publish_time":"2030-01-15T08:30:00.000Z"},"subscription":"projects/p/subscriptions/s"}""";

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebhookRequest Request(string? authorization, string body = Body) => new()
    {
        Headers = authorization is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = authorization },
        Body = Encoding.UTF8.GetBytes(body),
        ContentType = "application/json",
        ReceivedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>A push token as Google signs it, with one claim changed at will.</summary>
    private static string Token(
        RSA? key = null,
        string kid = GoogleTestData.PubSubKeyId,
        string issuer = "https://accounts.google.com",
        string audience = GoogleTestData.PubSubAudience,
        string email = GoogleTestData.PubSubEmail,
        DateTimeOffset? issuedAt = null,
        TimeSpan? lifetime = null,
        bool emailVerified = true) =>
        "Bearer " + Rs256Jwt.Sign(key ?? GoogleTestData.PubSubKey, kid, w =>
        {
            var iat = (issuedAt ?? Now).ToUnixTimeSeconds();
            w.WriteString("aud", audience);
            w.WriteString("email", email);
            w.WriteBoolean("email_verified", emailVerified);
            w.WriteNumber("exp", iat + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds);
            w.WriteNumber("iat", iat);
            w.WriteString("iss", issuer);
            w.WriteString("sub", "1000000000000000000001");
        });

    [Fact]
    public void A_Google_signed_token_for_our_audience_and_service_account_is_authentic()
    {
        var result = fixture.Adapter.VerifyWebhook(Request(Token()));
        Assert.True(result.IsAuthentic, result.FailureReason);
        Assert.True(fixture.Adapter.VerifyWebhook(Request(Token(issuer: "accounts.google.com"))).IsAuthentic);

        // Within the clock skew.
        Assert.True(fixture.Adapter.VerifyWebhook(Request(Token(issuedAt: Now.AddHours(-1).AddSeconds(-30)))).IsAuthentic);
    }

    [Theory]
    [InlineData("audience", "another audience")]
    [InlineData("issuer", "another issuer")]
    [InlineData("expired", "expired")]
    [InlineData("future", "future")]
    [InlineData("signature", "signature does not match")]
    [InlineData("kid", "unknown key")]
    [InlineData("email", "another service account")]
    [InlineData("unverified", "not verified")]
    public void Tokens_failing_any_check_are_refused(string broken, string reason)
    {
        using var other = RSA.Create(2048);
        var token = broken switch
        {
            "audience" => Token(audience: "https://evil.example.com/webhooks/google"),
            "issuer" => Token(issuer: "https://evil.example.com"),
            "expired" => Token(issuedAt: Now.AddHours(-2)),
            "future" => Token(issuedAt: Now.AddMinutes(10)),
            "signature" => Token(key: other),
            "kid" => Token(kid: "rotated-away"),
            "email" => Token(email: "someone-else@test-project.iam.gserviceaccount.com"),
            _ => Token(emailVerified: false),
        };

        var result = fixture.Adapter.VerifyWebhook(Request(token));

        Assert.False(result.IsAuthentic);
        Assert.Contains(reason, result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_malformed_and_tampered_tokens_are_refused()
    {
        Assert.False(fixture.Adapter.VerifyWebhook(Request(null)).IsAuthentic);
        Assert.False(fixture.Adapter.VerifyWebhook(Request("Bearer not-a-jwt")).IsAuthentic);
        Assert.False(fixture.Adapter.VerifyWebhook(Request("Basic dTpw")).IsAuthentic);

        var parts = Token()["Bearer ".Length..].Split('.');
        var forgedClaims = System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("{\"iss\":\"https://accounts.google.com\",\"aud\":\"" + GoogleTestData.PubSubAudience + "\",\"email\":\"" + GoogleTestData.PubSubEmail + "\",\"exp\":4102444800}"));
        Assert.Contains("signature", fixture.Adapter.VerifyWebhook(Request($"Bearer {parts[0]}.{forgedClaims}.{parts[2]}")).FailureReason, StringComparison.Ordinal);

        var none = System.Buffers.Text.Base64Url.EncodeToString("{\"alg\":\"none\",\"kid\":\"test-pubsub-key\"}"u8);
        Assert.Contains("RS256", fixture.Adapter.VerifyWebhook(Request($"Bearer {none}.{parts[1]}.AAAA")).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_envelope_is_parsed_with_messageId_as_delivery_id()
    {
        var n = fixture.Adapter.ParseWebhook(Request(null));
        Assert.Equal(Platform.Google, n.Platform);
        Assert.Equal("2070443601311540", n.DeliveryId);
        Assert.Equal(WebhookNotificationKind.Other, n.Kind);
        Assert.Equal("vr-42", n.ListingId);
        Assert.Equal("ARI_CHANGED", n.PlatformEventName);
        Assert.Null(n.Reservation);

        var test = fixture.Adapter.ParseWebhook(Request(null, """{"message":{"attributes":{"type":"test"},"data":"","message_id":"77"},"subscription":"projects/p/subscriptions/s"}"""));
        Assert.Equal(WebhookNotificationKind.Test, test.Kind);
        Assert.Equal("77", test.DeliveryId);
        Assert.Null(test.ListingId);

        var fromData = fixture.Adapter.ParseWebhook(Request(null, """{"message":{"data":"eyJsaXN0aW5nX2lkIjoiOTkifQ==","messageId":"78"},"subscription":"projects/p/subscriptions/s"}"""));
        Assert.Equal("99", fromData.ListingId);
        Assert.Equal("projects/p/subscriptions/s", fromData.PlatformEventName);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"subscription":"s"}""")]
    [InlineData("""{"message":{"data":"AAAA"}}""")]
    [InlineData("""{"message":{"data":"%%%","messageId":"1"}}""")]
    [InlineData("""{"message":{"attributes":{"a":1},"messageId":"1"}}""")]
    public void Malformed_envelopes_are_format_errors(string body) =>
        Assert.Throws<WebhookFormatException>(() => fixture.Adapter.ParseWebhook(Request(null, body)));

    [Fact]
    public async Task A_push_sent_by_the_simulator_is_verified_with_keys_fetched_from_its_JWKS_and_parsed()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o =>
        {
            o.PubSubJwks = null;
            o.PubSubJwksUrl = new Uri(fixture.Simulator.GoogleBaseAddress, "oauth2/v3/certs");
            o.PubSubAudience = receiver.Url.AbsoluteUri;
        }, clock);

        var delivery = await fixture.Simulator.Google.PushAsync(
            new GooglePubSubPush { Url = receiver.Url, Data = "{\"hotel_id\":\"vr-7\"}"u8.ToArray(), Attributes = new Dictionary<string, string> { ["eventType"] = "PRICE_CHECK" } },
            Ct);
        var received = await receiver.NextAsync(Ct);

        Assert.True(delivery.Acknowledged);
        var verification = scope.Adapter.VerifyWebhook(received);
        Assert.True(verification.IsAuthentic, verification.FailureReason);
        var notification = scope.Adapter.ParseWebhook(received);
        Assert.Equal(delivery.MessageId, notification.DeliveryId);
        Assert.Equal("vr-7", notification.ListingId);
        Assert.Equal("PRICE_CHECK", notification.PlatformEventName);

        // A redelivery carries the same message id (the inbox drops it); the cached keys verify it without a fetch.
        var jwksCalls = fixture.Simulator.State.CallsFor(Platform.Google).Count(c => c.Path.EndsWith("/certs", StringComparison.Ordinal));
        await fixture.Simulator.Google.PushAsync(new GooglePubSubPush { Url = receiver.Url, MessageId = delivery.MessageId }, Ct);
        var again = await receiver.NextAsync(Ct);
        Assert.True(scope.Adapter.VerifyWebhook(again).IsAuthentic);
        Assert.Equal(delivery.MessageId, scope.Adapter.ParseWebhook(again).DeliveryId);
        Assert.Equal(jwksCalls, fixture.Simulator.State.CallsFor(Platform.Google).Count(c => c.Path.EndsWith("/certs", StringComparison.Ordinal)));

        // Pushed for another audience (another subscription's endpoint): refused.
        await fixture.Simulator.Google.PushAsync(new GooglePubSubPush { Url = receiver.Url, Audience = "https://other.example.com/push" }, Ct);
        Assert.Contains("audience", scope.Adapter.VerifyWebhook(await receiver.NextAsync(Ct)).FailureReason, StringComparison.Ordinal);

        // An hour and a half later the token of the first delivery has expired.
        clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Contains("expired", scope.Adapter.VerifyWebhook(received).FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signing_keys_are_fetched_when_the_host_starts_so_verifying_the_first_push_downloads_nothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o =>
        {
            o.PubSubJwks = null;
            o.PubSubJwksUrl = new Uri(fixture.Simulator.GoogleBaseAddress, "oauth2/v3/certs?refresher=" + Guid.NewGuid().ToString("N"));
            o.PubSubAudience = receiver.Url.AbsoluteUri;
        });
        var refresher = scope.Provider.GetServices<IHostedService>().Single(s => s.GetType().Name == "PubSubKeyRefresher");
        var keys = (HttpPubSubKeySource)scope.Provider.GetRequiredService<IGooglePubSubKeySource>();

        await refresher.StartAsync(Ct);
        try
        {
            for (var waited = 0; keys.ExpiresAt <= DateTimeOffset.UtcNow; waited += 20)
            {
                Assert.True(waited < 10_000, "the keys are fetched at start-up");
                await Task.Delay(20, Ct);
            }

            Assert.Equal(1, keys.Fetches);

            await fixture.Simulator.Google.PushAsync(new GooglePubSubPush { Url = receiver.Url, Data = "{}"u8.ToArray() }, Ct);
            var verification = scope.Adapter.VerifyWebhook(await receiver.NextAsync(Ct));
            Assert.True(verification.IsAuthentic, verification.FailureReason);
            Assert.Equal(1, keys.Fetches);
        }
        finally
        {
            await refresher.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task Without_Pub_Sub_configured_the_refresher_fetches_nothing()
    {
        await using var scope = GoogleScope.Create(fixture.Simulator.GoogleBaseAddress, o =>
        {
            o.PubSubJwks = null;
            o.PubSubAudience = null;
            o.PubSubServiceAccountEmail = null;
        });
        var refresher = scope.Provider.GetServices<IHostedService>().Single(s => s.GetType().Name == "PubSubKeyRefresher");
        await refresher.StartAsync(Ct);
        await Task.Delay(200, Ct);
        await refresher.StopAsync(Ct);
        Assert.Equal(0, ((HttpPubSubKeySource)scope.Provider.GetRequiredService<IGooglePubSubKeySource>()).Fetches);
    }

    [Fact]
    public async Task Pushes_can_be_triggered_through_the_control_API()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        using var http = new HttpClient();
        var json = $$"""{"url":"{{receiver.Url.AbsoluteUri}}","data":"hello","attributes":{"eventType":"test"},"message_id":"m-1","audience":"{{GoogleTestData.PubSubAudience}}"}""";
        using var response = await http.PostAsync(new Uri(fixture.Simulator.BaseAddress, "_sim/google/pubsub/push"), new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));

        var received = await receiver.NextAsync(Ct);

        // The fixture's adapter trusts the test key, not the simulator's: the simulator's token is refused, its envelope parses.
        Assert.Contains("unknown key", fixture.Adapter.VerifyWebhook(received).FailureReason, StringComparison.Ordinal);
        var n = fixture.Adapter.ParseWebhook(received);
        Assert.Equal("m-1", n.DeliveryId);
        Assert.Equal(WebhookNotificationKind.Test, n.Kind);
        Assert.Contains("\"data\":\"aGVsbG8=\"", Encoding.UTF8.GetString(received.Body.Span), StringComparison.Ordinal);
    }
}
