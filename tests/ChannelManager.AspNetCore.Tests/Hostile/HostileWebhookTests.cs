using System.Net;
using System.Text;
using System.Text.Json;
using ChannelManager.Connections;
using ChannelManager.Simulator.Airbnb;

namespace ChannelManager.AspNetCore.Tests.Hostile;

/// <summary>
/// Issue 7: every platform's webhook route, through the real HTTP pipeline, answers hostile input with a clear 4xx
/// problem-details answer and stores nothing (no inbox entry, no import).
/// </summary>
public sealed class HostileWebhookTests(AllWebhookPlatformsApp app) : IClassFixture<AllWebhookPlatformsApp>
{
    private static readonly DateOnly Soon = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<Platform> Platforms => new(WebhookMessages.Platforms);

    public static TheoryData<Platform> XmlPlatforms => new(Platform.Expedia, Platform.FewoDirekt);

    public static TheoryData<Platform> ReservationPlatforms => new(Platform.Airbnb, Platform.Expedia, Platform.FewoDirekt);

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_wrong_or_missing_content_type_is_refused_with_415(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon);
        var wrong = message.ContentType.Contains("json", StringComparison.Ordinal) ? "text/xml" : "application/json";
        await AssertRefusedAsync(message.ToRequest(contentType: wrong), HttpStatusCode.UnsupportedMediaType);
        await AssertRefusedAsync(message.ToRequest(contentType: "text/plain"), HttpStatusCode.UnsupportedMediaType);

        using var bare = message.ToRequest();
        bare.Content!.Headers.ContentType = null;
        await AssertRefusedAsync(bare, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_missing_or_forged_signature_is_refused_with_401(Platform platform)
    {
        var forged = app.Messages.Forged(platform, Id(), Soon);
        await AssertRefusedAsync(forged.ToRequest(), HttpStatusCode.Unauthorized);
        var valid = app.Messages.Valid(platform, Id(), Soon);
        var missing = platform == Platform.Expedia
            ? valid.ToRequest(body: Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(valid.Body), "<Authentication [^>]*/>", string.Empty)))
            : valid.ToRequest(withHeaders: false);
        await AssertRefusedAsync(missing, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(Platform.Airbnb)]
    [InlineData(Platform.BookingCom)]
    [InlineData(Platform.Google)]
    public async Task A_signature_outside_the_time_window_is_refused_with_401(Platform platform)
    {
        var stale = app.Messages.Valid(platform, Id(), Soon, signedAt: DateTimeOffset.UtcNow.AddHours(-3));
        var problem = await AssertRefusedAsync(stale.ToRequest(), HttpStatusCode.Unauthorized);
        Assert.Matches("window|expired", problem.GetProperty("detail").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task The_same_delivery_replayed_inside_the_window_is_a_duplicate_stored_once(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon);
        var before = app.Inbox.Stored.Count;
        using var first = await app.Client.SendAsync(message.ToRequest(), Ct);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var replay = await app.Client.SendAsync(message.ToRequest(), Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        if (platform is Platform.Airbnb or Platform.BookingCom or Platform.Google)
        {
            Assert.Equal("accepted", JsonDocument.Parse(await first.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetString());
            Assert.Equal("duplicate", JsonDocument.Parse(await replay.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetString());
        }

        Assert.Equal(before + 1, app.Inbox.Stored.Count);
    }

    [Theory]
    [MemberData(nameof(XmlPlatforms))]
    public async Task Xml_with_a_doctype_external_entity_or_entity_bomb_is_refused_with_400_without_expanding_anything(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon);
        var xml = Encoding.UTF8.GetString(message.Body);
        var declaration = xml[..(xml.IndexOf("?>", StringComparison.Ordinal) + 2)];
        var rest = xml[declaration.Length..];
        string[] dtds =
        [
            """<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>""",
            """<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">""",
            """<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>""",
        ];
        foreach (var dtd in dtds)
        {
            var hostile = Encoding.UTF8.GetBytes(declaration + dtd + rest.Replace("<reservationId>", "<reservationId>&i;", StringComparison.Ordinal));
            var problem = await AssertRefusedAsync(message.ToRequest(body: hostile), HttpStatusCode.BadRequest);
            Assert.Contains("DTD", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Platform.Airbnb)]
    public async Task A_signed_json_body_with_a_doctype_is_refused_with_400(Platform platform)
    {
        var body = Encoding.UTF8.GetBytes("""<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>""");
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookMessages.Path(platform)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        foreach (var (k, v) in AirbnbWebhookSigner.CreateHeaders(app.Messages.AirbnbSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body))
        {
            request.Headers.TryAddWithoutValidation(k, v);
        }

        await AssertRefusedAsync(request, HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(XmlPlatforms))]
    public async Task Malformed_xml_with_valid_credentials_is_refused_with_400(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon);
        await AssertRefusedAsync(message.ToRequest(body: message.Body[..(message.Body.Length / 2)]), HttpStatusCode.BadRequest);
        await AssertRefusedAsync(message.ToRequest(body: "not xml at all"u8.ToArray()), HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task A_body_over_the_limit_is_cut_off_with_413_while_streaming_even_without_content_length(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon);

        // Declared too large: refused before a byte is read.
        await AssertRefusedAsync(message.ToRequest(body: new byte[(1024 * 1024) + 1]), HttpStatusCode.RequestEntityTooLarge);

        // Chunked, no Content-Length: the limit holds while reading.
        var request = message.ToRequest();
        request.Content = new ChunkedContent(4L * 1024 * 1024, message.ContentType);
        await AssertRefusedAsync(request, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(ReservationPlatforms))]
    public async Task A_reservation_whose_check_out_is_not_after_its_check_in_is_refused(Platform platform)
    {
        var message = app.Messages.Valid(platform, Id(), Soon, nights: platform == Platform.Airbnb ? 0 : -2);
        var response = await app.Client.SendAsync(message.ToRequest(), Ct);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
        var problem = await Problem.AssertAsync(response, response.StatusCode);
        Assert.Contains("check-out", problem.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ReservationPlatforms))]
    public async Task A_reservation_decades_away_too_long_or_long_past_is_refused_with_422(Platform platform)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var ahead = await AssertRefusedAsync(app.Messages.Valid(platform, Id(), today.AddYears(40)).ToRequest(), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("days ahead", ahead.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var past = await AssertRefusedAsync(app.Messages.Valid(platform, Id(), today.AddYears(-30)).ToRequest(), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("in the past", past.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var endless = await AssertRefusedAsync(app.Messages.Valid(platform, Id(), Soon, nights: 400).ToRequest(), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("400 nights", endless.GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_each_platform_ready_with_its_last_accepted_and_rejected_webhook_and_no_secret()
    {
        var message = app.Messages.Valid(Platform.Airbnb, Id(), Soon);
        (await app.Client.SendAsync(message.ToRequest(), Ct)).EnsureSuccessStatusCode();
        await AssertRefusedAsync(app.Messages.Forged(Platform.Airbnb, Id(), Soon).ToRequest(), HttpStatusCode.Unauthorized);

        var text = await app.Client.GetStringAsync("webhooks/health", Ct);
        foreach (var secret in new[] { app.Messages.AirbnbSecret, app.Messages.BookingComSigningKey, app.Messages.ExpediaNotificationPassword, app.Messages.FewoPassword })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var platforms = JsonDocument.Parse(text).RootElement.GetProperty("platforms").EnumerateArray().ToDictionary(p => p.GetProperty("platform").GetString()!);
        Assert.Equal(5, platforms.Count);
        Assert.All(platforms.Values, p =>
        {
            Assert.True(p.GetProperty("enabled").GetBoolean());
            Assert.True(p.GetProperty("secret_configured").GetBoolean());
            Assert.Equal("ready", p.GetProperty("status").GetString());
            Assert.True(p.TryGetProperty("backlog", out _));
        });
        var airbnb = platforms["airbnb"];
        Assert.NotEqual(JsonValueKind.Null, airbnb.GetProperty("last_accepted_at").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, airbnb.GetProperty("last_rejected_at").ValueKind);
        Assert.Equal("unauthenticated", airbnb.GetProperty("last_rejection_reason").GetString());
    }

    private static string Id() => Guid.NewGuid().ToString("N")[..12];

    private Task<JsonElement> AssertRefusedAsync(HttpRequestMessage request, HttpStatusCode expected) => AssertRefusedWithinAsync(request, expected, Ct);

    private async Task<JsonElement> AssertRefusedWithinAsync(HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var before = app.Inbox.Stored.Count;
        using (request)
        {
            using var response = await app.Client.SendAsync(request, cancellationToken);
            var problem = await Problem.AssertAsync(response, expected);
            Assert.Equal(before, app.Inbox.Stored.Count);
            Assert.Empty(app.Imported);
            return problem;
        }
    }
}
