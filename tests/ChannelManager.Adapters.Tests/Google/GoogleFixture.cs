using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ChannelManager.Adapters.Google;
using ChannelManager.Adapters.Google.Auth;
using ChannelManager.Adapters.Tests.Infrastructure;
using ChannelManager.Connections;
using ChannelManager.Simulator;
using ChannelManager.Simulator.Calls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChannelManager.Adapters.Tests.Google;

/// <summary>A service provider with only the Google adapter registered, the way a host does it.</summary>
internal sealed class GoogleScope : IAsyncDisposable
{
    private GoogleScope(ServiceProvider provider)
    {
        Provider = provider;
        Adapter = provider.GetServices<IChannelAdapter>().Single();
    }

    public ServiceProvider Provider { get; }

    public IChannelAdapter Adapter { get; }

    public GoogleTokenProvider Tokens => Provider.GetRequiredService<GoogleTokenProvider>();

    public static GoogleScope Create(Uri baseUrl, Action<GoogleOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        if (timeProvider is not null)
        {
            collection.AddSingleton(timeProvider);
        }

        new TestChannelManagerBuilder(collection).AddGoogle(o =>
        {
            o.ApiBaseUrl = baseUrl;
            o.PartnerKey = GoogleTestData.PartnerKey;
            o.AccountId = GoogleTestData.AccountId;
            o.ServiceAccountEmail = GoogleTestData.ServiceAccountEmail;
            o.ServiceAccountPrivateKey = GoogleTestData.ServiceAccountPrivateKeyPem;
            o.ServiceAccountKeyId = "test-key-1";
            o.PubSubAudience = GoogleTestData.PubSubAudience;
            o.PubSubServiceAccountEmail = GoogleTestData.PubSubEmail;
            o.PubSubJwks = GoogleTestData.PubSubJwks;
            o.RequestTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        });
        var provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _ = provider.GetRequiredService<IOptions<GoogleOptions>>().Value;
        return new GoogleScope(provider);
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();
}

/// <summary>One in-process simulator and one Google adapter, shared by the tests of a class.</summary>
public sealed class GoogleFixture : IAsyncLifetime
{
    private GoogleScope? _scope;

    public PlatformSimulator Simulator { get; private set; } = null!;

    public IChannelAdapter Adapter => _scope!.Adapter;

    internal GoogleScope Scope => _scope!;

    public async ValueTask InitializeAsync()
    {
        Simulator = await PlatformSimulator.StartAsync(
            new PlatformSimulatorOptions
            {
                Google =
                {
                    PartnerKey = GoogleTestData.PartnerKey,
                    AccountId = GoogleTestData.AccountId,
                    ServiceAccountEmail = GoogleTestData.ServiceAccountEmail,
                    ServiceAccountPublicKeyPem = GoogleTestData.ServiceAccountPublicKeyPem,
                    PubSubServiceAccountEmail = GoogleTestData.PubSubEmail,
                },
            },
            TestContext.Current.CancellationToken);
        _scope = GoogleScope.Create(Simulator.GoogleBaseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scope is not null)
        {
            await _scope.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>The Google calls that concern one property (by query or body).</summary>
    public IReadOnlyList<RecordedCall> CallsFor(string hotelCode) =>
        Simulator.State.CallsFor(Platform.Google)
            .Where(c => c.PathAndQuery.Contains(hotelCode, StringComparison.Ordinal) || c.RequestBody.Contains($"\"{hotelCode}\"", StringComparison.Ordinal))
            .ToArray();
}

/// <summary>Keys generated for this test run, unique property ids and connections.</summary>
internal static class GoogleTestData
{
    public const string PartnerKey = "cm_test_partner";
    public const string AccountId = "1234567";
    public const string ServiceAccountEmail = "channel-manager@test-project.iam.gserviceaccount.com";
    public const string PubSubEmail = "pubsub-push@test-project.iam.gserviceaccount.com";
    public const string PubSubAudience = "https://pms.example.com/webhooks/google";
    public const string PubSubKeyId = "test-pubsub-key";
    public const string RatePlanId = "standard";

    private static readonly RSA ServiceAccountKey = RSA.Create(2048);

    /// <summary>Signs Pub/Sub push tokens in the tests (plays Google).</summary>
    public static readonly RSA PubSubKey = RSA.Create(2048);

    private static long _nextHotel = 700_000 + (Random.Shared.NextInt64(1, 10_000) * 100);

    public static string ServiceAccountPrivateKeyPem { get; } = ServiceAccountKey.ExportPkcs8PrivateKeyPem();

    public static string ServiceAccountPublicKeyPem { get; } = ServiceAccountKey.ExportSubjectPublicKeyInfoPem();

    public static string PubSubJwks { get; } = Jwks(PubSubKey, PubSubKeyId);

    public static string NewHotelCode() => "vr-" + Interlocked.Increment(ref _nextHotel).ToString(CultureInfo.InvariantCulture);

    public static string Jwks(RSA key, string kid)
    {
        var p = key.ExportParameters(false);
        return JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", alg = "RS256", use = "sig", kid, n = System.Buffers.Text.Base64Url.EncodeToString(p.Modulus), e = System.Buffers.Text.Base64Url.EncodeToString(p.Exponent) } },
        });
    }

    public static ChannelConnection Connection(string hotelCode, string? ratePlanId = RatePlanId, string? currency = "EUR")
    {
        var metadata = new Dictionary<string, string>();
        if (ratePlanId is not null)
        {
            metadata[GoogleMetadataKeys.RatePlanId] = ratePlanId;
        }

        if (currency is not null)
        {
            metadata[GoogleMetadataKeys.Currency] = currency;
        }

        return new ChannelConnection
        {
            Id = Guid.NewGuid(),
            TenantId = "tenant-1",
            PropertyId = Guid.NewGuid(),
            Platform = Platform.Google,
            PlatformListingId = hotelCode,
            Credentials = new ChannelCredentials("unused-the-service-account-is-per-adapter"),
            PlatformMetadata = metadata,
            CreatedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }
}
