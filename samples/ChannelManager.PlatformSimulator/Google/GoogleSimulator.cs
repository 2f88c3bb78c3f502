using System.Buffers.Text;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChannelManager.Simulator.State;

namespace ChannelManager.Simulator.Google;

/// <summary>A Pub/Sub push the simulated Google sends.</summary>
public sealed record GooglePubSubPush
{
    /// <summary>The push endpoint (the partner's webhook URL).</summary>
    public required Uri Url { get; init; }

    /// <summary>The message's payload (sent base64-encoded in <c>message.data</c>).</summary>
    public byte[] Data { get; init; } = [];

    /// <summary>The message's attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The message id; a new one when unset (set it to simulate a redelivery).</summary>
    public string? MessageId { get; init; }

    /// <summary>The token's <c>aud</c>; the push URL when unset (Pub/Sub's default).</summary>
    public string? Audience { get; init; }

    /// <summary>The subscription's full name.</summary>
    public string Subscription { get; init; } = "projects/sim-project/subscriptions/channel-manager-push";

    /// <summary>The <c>deliveryAttempt</c> field (only with a dead-letter policy); left out when unset.</summary>
    public int? DeliveryAttempt { get; init; }
}

/// <summary>A Pub/Sub push the simulated Google sent.</summary>
/// <param name="Url">Where it was sent.</param>
/// <param name="MessageId">The message id.</param>
/// <param name="Authorization">The exact <c>Authorization</c> header sent.</param>
/// <param name="Body">The exact body sent.</param>
/// <param name="StatusCode">The receiver's status; <see langword="null"/> when it did not answer.</param>
/// <param name="Error">Why the receiver did not answer.</param>
public sealed record GooglePubSubDelivery(Uri Url, string MessageId, string Authorization, string Body, int? StatusCode, string? Error)
{
    /// <summary>Whether Pub/Sub counts the delivery as acknowledged (102, 200, 201, 202 or 204).</summary>
    public bool Acknowledged => StatusCode is 102 or 200 or 201 or 202 or 204;
}

/// <summary>
/// What the simulated Google does on its own: it signs Pub/Sub push tokens (Google-style OIDC JWTs, RS256, its key
/// served as JWKS at <c>/google/oauth2/v3/certs</c>) and sends push deliveries to a webhook URL on demand.
/// </summary>
public sealed class GoogleSimulator : IDisposable
{
    private readonly SimulatorState _state;
    private readonly GoogleSimulatorOptions _options;
    private readonly HttpClient _client;
    private readonly RSA _signingKey;
    private long _nextMessageId = 9_000_000_000_000L + Random.Shared.NextInt64(1, 1_000_000);

    internal GoogleSimulator(SimulatorState state, GoogleSimulatorOptions options, HttpClient client)
    {
        _state = state;
        _options = options;
        _client = client;
        _signingKey = RSA.Create(2048);
        if (!string.IsNullOrWhiteSpace(options.PubSubSigningKeyPem))
        {
            _signingKey.ImportFromPem(options.PubSubSigningKeyPem);
        }
    }

    /// <summary>The settings.</summary>
    public GoogleSimulatorOptions Options => _options;

    /// <summary>The public half of the Pub/Sub signing key as a JWKS document (what <c>/google/oauth2/v3/certs</c> serves).</summary>
    public string JwksJson
    {
        get
        {
            var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteStartArray("keys");
                w.WriteStartObject();
                w.WriteString("kty", "RSA");
                w.WriteString("alg", "RS256");
                w.WriteString("use", "sig");
                w.WriteString("kid", _options.PubSubKeyId);
                w.WriteString("n", Base64Url.EncodeToString(parameters.Modulus));
                w.WriteString("e", Base64Url.EncodeToString(parameters.Exponent));
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }

    /// <summary>Signs a push token as Google does: <c>iss</c>, <c>aud</c>, <c>email</c>, <c>email_verified</c>, <c>sub</c>, <c>iat</c>, <c>exp</c>.</summary>
    /// <param name="audience">The <c>aud</c>.</param>
    /// <param name="issuedAt">The <c>iat</c>; now when unset.</param>
    /// <param name="lifetime">Until <c>exp</c>; 1 hour when unset.</param>
    /// <returns>The compact JWT.</returns>
    public string IssuePushToken(string audience, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var iat = (issuedAt ?? _state.TimeProvider.GetUtcNow()).ToUnixTimeSeconds();
        var exp = iat + (long)(lifetime ?? TimeSpan.FromHours(1)).TotalSeconds;
        var header = Json(w =>
        {
            w.WriteString("alg", "RS256");
            w.WriteString("kid", _options.PubSubKeyId);
            w.WriteString("typ", "JWT");
        });
        var payload = Json(w =>
        {
            w.WriteString("aud", audience);
            w.WriteString("azp", "1000000000000000000001");
            w.WriteString("email", _options.PubSubServiceAccountEmail);
            w.WriteBoolean("email_verified", true);
            w.WriteNumber("exp", exp);
            w.WriteNumber("iat", iat);
            w.WriteString("iss", _options.PubSubIssuer);
            w.WriteString("sub", "1000000000000000000001");
        });
        var input = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = _signingKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>The wrapped push body Pub/Sub sends for a message.</summary>
    /// <param name="push">The message.</param>
    /// <param name="messageId">Its id.</param>
    /// <returns>The JSON body.</returns>
    public string EnvelopeOf(GooglePubSubPush push, string messageId)
    {
        ArgumentNullException.ThrowIfNull(push);
        var publishTime = _state.TimeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetString(Json(w =>
        {
            w.WriteStartObject("message");
            if (push.Attributes.Count > 0)
            {
                w.WriteStartObject("attributes");
                foreach (var (name, value) in push.Attributes)
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
            }

            w.WriteString("data", Convert.ToBase64String(push.Data));
            w.WriteString("messageId", messageId);
            w.WriteString("message_id", messageId);
            w.WriteString("publishTime", publishTime);
            w.WriteString("publish_time", publishTime);
            w.WriteEndObject();
            w.WriteString("subscription", push.Subscription);
            if (push.DeliveryAttempt is { } attempt)
            {
                w.WriteNumber("deliveryAttempt", attempt);
            }
        }));
    }

    /// <summary>Sends one push delivery (no retries: call again with the same <see cref="GooglePubSubPush.MessageId"/> to redeliver).</summary>
    /// <param name="push">The message and where to send it.</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    /// <returns>What was sent and how the receiver answered.</returns>
    public async Task<GooglePubSubDelivery> PushAsync(GooglePubSubPush push, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(push);
        var messageId = push.MessageId ?? Interlocked.Increment(ref _nextMessageId).ToString(CultureInfo.InvariantCulture);
        var body = EnvelopeOf(push, messageId);
        var authorization = "Bearer " + IssuePushToken(push.Audience ?? push.Url.AbsoluteUri);
        using var request = new HttpRequestMessage(HttpMethod.Post, push.Url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Headers.UserAgent.ParseAdd("APIs-Google");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token);
            return new GooglePubSubDelivery(push.Url, messageId, authorization, body, (int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new GooglePubSubDelivery(push.Url, messageId, authorization, body, null, ex.Message);
        }
    }

    /// <summary>Releases the signing key.</summary>
    public void Dispose() => _signingKey.Dispose();

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
