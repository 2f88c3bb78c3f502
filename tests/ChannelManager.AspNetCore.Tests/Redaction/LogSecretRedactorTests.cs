using ChannelManager.SampleHost.Logging;

namespace ChannelManager.AspNetCore.Tests.Redaction;

/// <summary>What the sample host's loggers mask, and what they leave alone.</summary>
public sealed class LogSecretRedactorTests
{
    [Theory]
    [InlineData("Request starting HTTP/1.1 GET http://h/ical/default/0190a/AbC-123_x.ics - -", "AbC-123_x", "/ical/default/0190a/***.ics")]
    [InlineData("Authorization: Bearer eyJhbGciOi.payload.sig", "eyJhbGciOi", "Bearer ***")]
    [InlineData("Authorization: Basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA", "Basic ***")]
    [InlineData("GET https://www.airbnb.com/calendar/ical/1.ics?s=feedsecret123&x=1", "feedsecret123", "?s=***&x=1")]
    [InlineData("POST https://api/x?key=partnerkey-42", "partnerkey-42", "?key=***")]
    public void Secrets_are_masked(string text, string secret, string expected)
    {
        var redacted = LogSecretRedactor.Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(expected, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Created connection 0190 (airbnb) for property 42")]
    [InlineData("GET /ical/airbnb/listing-1.ics answered 200")]
    [InlineData("Basic authentication failed")]
    public void Ordinary_text_is_left_as_it_is(string text) => Assert.Same(text, LogSecretRedactor.Redact(text));
}
